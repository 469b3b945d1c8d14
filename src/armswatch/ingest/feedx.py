"""RSS-mirror Markdown: the Jekyll posts of feedx-style mirrors (seeds 002/003, bench `feedx/`).

Layout: optional YAML front matter (title, date, author = outlet, from = URL), an
`<!--epoch ms-->` comment, a `[title](url)` line, a `------` rule, then the
article as HTML. Raw copies (bench `_posts/<outlet>/…`, dev d02/d30…) lack the
front matter. The HTML ends with the mirror's own footer ("获取更多RSS"), which
normalization removes with the other boilerplate.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import PurePath

from armswatch.errors import FormatError
from armswatch.ingest.base import MD_LINK_LINE, head
from armswatch.ingest.draft import Draft

_FRONT = re.compile(r"\A---\n(?P<yaml>.*?)\n---\n", re.S)
_EPOCH = re.compile(r"^<!--\s*(?P<ms>\d{10,13})\s*-->\s*$", re.M)
_RULE = re.compile(r"^-{3,}\s*$", re.M)


def _front_matter(block: str) -> dict[str, str]:
    """Flat `key: value` front matter. Read line by line: full YAML parsing is slow and trips over titles
    with stray quotes, and these posts never nest."""
    out: dict[str, str] = {}
    for line in block.splitlines():
        key, sep, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not sep or not key.isidentifier() or key in out:
            continue
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1].replace('\\"', '"')
        out[key] = value
    return out


class FeedxReader:
    name = "feedx"

    def sniff(self, text: str, path: str) -> bool:
        start = head(text)
        if start.startswith("---\n"):
            m = _FRONT.match(start) or _FRONT.match(text.lstrip())
            # Jekyll posts: front matter naming a layout or title, then the article (usually HTML).
            return bool(m) and bool(re.search(r"^(?:layout|title):", m.group("yaml"), re.M))
        if _EPOCH.match(start):
            return True
        first, _, rest = start.partition("\n")
        return bool(MD_LINK_LINE.match(first)) and bool(_RULE.match(rest))

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        rest = text.lstrip()
        meta: dict[str, str] = {}
        if m := _FRONT.match(rest):
            meta = _front_matter(m.group("yaml"))
            rest = rest[m.end() :].lstrip()
        published = None
        if m := _EPOCH.match(rest):
            published = m.group("ms")
            rest = rest[m.end() :].lstrip()
        title, url = meta.get("title"), meta.get("from")
        first, _, after = rest.partition("\n")
        if m := MD_LINK_LINE.match(first):
            title = m.group("title") or title
            url = m.group("url") or url
            rest = after
        if m := _RULE.match(rest.lstrip("\n")):
            rest = rest.lstrip("\n")[m.end() :]
        if not rest.strip():
            yield FormatError(path, "feed-mirror post has no body after its title line")
            return
        outlet = meta.get("author")
        if not outlet or str(outlet).lower() == "unknown":
            outlet = _outlet_folder(path)
        yield Draft(
            body=rest,
            markup="html",
            title=str(title) if title else None,
            published=published or (str(meta["date"]) if meta.get("date") else None),
            outlet=str(outlet) if outlet else None,
            url=str(url) if url else None,
            reader=self.name,
        )


def _outlet_folder(path: str) -> str | None:
    """Early mirror files live in `_posts/<outlet>/`; that folder names the outlet."""
    parts = PurePath(path).parts
    if len(parts) >= 3 and parts[-3] == "_posts":
        return parts[-2]
    return None
