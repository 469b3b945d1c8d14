"""Plain-text reposts with an editor/source/URL footer (seed 001, aggregator sites).

Layout: an optional breadcrumb (`新聞 > 國際新聞 > 正文`), the title line, an
optional `作者:` line, the body, then a footer: `責任編輯: X  來源:Y 轉載請註明…`
and `本文網址:URL`. The footer is the site's, not the article's: it gives the
original source and the copy's URL and is dropped from the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft

_K = r"\s*[:：]\s*"
_URL_LINE = re.compile(rf"^(?:本文網址|本文网址|原文網址|原文网址|文章網址|文章网址|本文链接|本文鏈接){_K}(?P<url>\S+)")
_EDITOR = re.compile(rf"(?:責任編輯|责任编辑|責編|责编){_K}")
_SOURCE = re.compile(rf"(?:來源|来源|消息來源|消息来源){_K}(?P<src>[^\s，,。]+)")
_AUTHOR = re.compile(rf"^(?:作者|記者|记者){_K}(?P<v>.*)$")
_CRUMB = re.compile(r"^\S.*\s>\s.*$")
_DATE = re.compile(
    rf"^(?:(?:發佈|发布|發表|发表|更新)?(?:時間|时间|日期){_K})(?P<v>\d{{4}}[-/年.]\s*\d{{1,2}}[-/月.]\s*\d{{1,2}}日?"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)


class PlainTextReader:
    name = "plaintext"

    def sniff(self, text: str, path: str) -> bool:
        if head(text, 64).startswith(("<", "{", "---", "#", "[")):
            return False
        tail = text[-1500:]
        return bool(re.search(_URL_LINE.pattern, tail, re.M)) or bool(_EDITOR.search(tail) and _SOURCE.search(tail))

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        lines = [ln.rstrip() for ln in text.strip().split("\n")]
        url = original_source = author = published = title = None
        body: list[str] = []
        footer = False
        for line in lines:
            s = line.strip().replace("\u3000", " ").strip()
            if m := _URL_LINE.match(s):
                url = m.group("url")
                footer = True
                continue
            if _EDITOR.search(s) or (footer and _SOURCE.search(s)):
                if m := _SOURCE.search(s):
                    original_source = m.group("src")
                footer = True
                continue
            if footer:
                continue
            if title is None:
                if not s or (_CRUMB.match(s) and not body):
                    continue
                title = s
                continue
            if not body and not s:
                continue
            if not body and (m := _AUTHOR.match(s)):
                author = m.group("v").strip() or None
                continue
            if not body and (m := _DATE.match(s)):
                published = m.group("v")
                continue
            body.append(line)
        if title is None or not "".join(body).strip():
            yield FormatError(path, "plain-text repost without a title and a body")
            return
        yield Draft(
            body="\n".join(body),
            markup="text",
            title=title,
            published=published,
            url=url,
            original_source=original_source,
            author=author,
            date_from_url=published is None,
            reader=self.name,
        )


class FallbackTextReader:
    """Any other text: the first line is the title, the rest the body. Counted as a fallback."""

    name = "text"

    def sniff(self, text: str, path: str) -> bool:
        return True

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        lines = text.strip().split("\n")
        title = lines[0].strip().lstrip("#").strip()
        body = "\n".join(lines[1:]).strip()
        if not body:
            body, title = title, None
        yield Draft(body=body, markup="text", title=title or None, reader=self.name, fallback=True)
