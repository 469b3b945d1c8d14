"""Compiled translations (seed 004): a think-tank style digest of a foreign article.

Layout: a section-prefixed title line (`国际事务|全球专家评述…`), the translated
body, then credit lines: 原文题目 (original title), 原文出处 (the original's URL or
outlet), 编译 (the translator — a credit line, kept as article text), optional
date lines, and the site's 声明 disclaimer.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft

_KEY = r"[ \t]*[:：][ \t]*"
_ORIG_TITLE = re.compile(rf"^原文(?:题目|標題|标题|題目){_KEY}(?P<v>.*)$", re.M)
_ORIG_SOURCE = re.compile(rf"^(?:原文出处|原文出處|原文链接|原文鏈接|来源|來源){_KEY}(?P<v>\S.*)$", re.M)
_COMPILER = re.compile(rf"^(?:编译|編譯|翻译|翻譯|编辑|編輯){_KEY}\S", re.M)
_DATE_LINE = re.compile(
    rf"^(?:(?:发布|發布|发表|發表)?(?:日期|时间|時間){_KEY})?"
    r"(?P<v>\d{4}\s*(?:年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)\s*$",
    re.M,
)
_DISCLAIMER = re.compile(r"^(?:声明|聲明|免责声明|免責聲明)[:：]")
_SECTION = re.compile(r"^(?P<section>[^|｜]{1,12})[|｜](?P<title>.+)$")


class CompiledReader:
    name = "compiled"

    def sniff(self, text: str, path: str) -> bool:
        if head(text, 64).startswith(("<", "{", "---", "#", "[")):
            return False
        tail = text[-3000:]
        return bool(_ORIG_SOURCE.search(tail) and (_ORIG_TITLE.search(tail) or _COMPILER.search(tail))) and bool(
            re.search(r"^原文", tail, re.M)
        )

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        lines = [ln.rstrip() for ln in text.strip().split("\n")]
        if not lines or not lines[0].strip():
            yield FormatError(path, "compiled translation without a title line")
            return
        title = lines[0].strip()
        if m := _SECTION.match(title):
            title = m.group("title").strip()
        original_source = published = None
        body: list[str] = []
        for line in lines[1:]:
            s = line.strip()
            if m := _ORIG_SOURCE.match(s):
                original_source = original_source or m.group("v").strip()
                continue
            if _ORIG_TITLE.match(s):
                continue
            if (m := _DATE_LINE.match(s)) and len(s) <= 40:
                published = published or m.group("v")
                continue
            if _DISCLAIMER.match(s):
                break
            body.append(line)
        if not "".join(body).strip():
            yield FormatError(path, "compiled translation has no body")
            return
        yield Draft(
            body="\n".join(body),
            markup="text",
            title=title,
            published=published,
            original_source=original_source,
            reader=self.name,
        )
