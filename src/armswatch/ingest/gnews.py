"""GNews reposts in Markdown (seed 000, bench `gnews/`).

Layout: a `[:house:返回](README.md)` back link, `---`, a `## title` heading, a
backtick header line holding the time and the byline group
(`` `1/20/2024 12:51 PM UTC 喜马拉雅农场新西兰站` ``; the 2022 style has no time),
a `[轉載自GNews](url)` link naming where the copy comes from, then the Markdown
body with `[[zh:…]]` wiki links.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft

_HOME = re.compile(r"^#+\s*\[:house:[^\]]*\]\([^)]*\)\s*$")
_TITLE = re.compile(r"^#{1,3}\s+(?P<title>.+?)\s*$")
_HEADER = re.compile(
    r"^`\s*(?P<time>\d{1,2}/\d{1,2}/\d{4}\s+\d{1,2}:\d{2}\s*[AP]M(?:\s+UTC)?)?\s*(?P<byline>[^`]*?)\s*`"
    r"\s*(?:\[(?P<via>[^\]]*)\]\((?P<url>[^)\s]+)\))?\s*$"
)
_VIA = re.compile(r"^(?:轉載自|转载自|來源|来源)[:：]?\s*")


class GNewsReader:
    name = "gnews"

    def sniff(self, text: str, path: str) -> bool:
        start = head(text, 1024)
        first = start.split("\n", 1)[0]
        return bool(_HOME.match(first)) or "[轉載自GNews](" in start or "[转载自GNews](" in start

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        lines = text.split("\n")
        title = published = byline = url = via = None
        body_start = None
        for i, line in enumerate(lines[:40]):
            stripped = line.strip()
            if not stripped or stripped == "---" or _HOME.match(stripped):
                continue
            if title is None and (m := _TITLE.match(stripped)) and not _HOME.match(stripped):
                title = m.group("title")
                continue
            if title is not None and (m := _HEADER.match(stripped)):
                published = m.group("time")
                byline = m.group("byline") or None
                url, via = m.group("url"), m.group("via")
                body_start = i + 1
                break
            if title is not None:
                body_start = i
                break
        if title is None or body_start is None:
            yield FormatError(path, "GNews repost without its '## title' heading and header line")
            return
        body = "\n".join(lines[body_start:])
        if not body.strip():
            yield FormatError(path, "GNews repost has no body")
            return
        source = _VIA.sub("", via).strip() if via else None
        yield Draft(
            body=body,
            markup="markdown",
            title=title,
            published=published,
            outlet="GNews",
            original_source=source or url,
            author=byline,
            reader=self.name,
        )
