"""Body and title cleaning shared by every format: markup off, boilerplate out, paragraphs as lines."""

from __future__ import annotations

import html
import re

from armswatch.ingest.draft import Markup
from armswatch.kb.loader import boilerplate
from armswatch.normalize.html import html_to_text
from armswatch.normalize.markdown import markdown_to_text

# Control characters other than newline and tab, zero-width spaces and BOMs carry no text.
_INVISIBLE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\u200b\ufeff]")
_SPACE = re.compile(r"[ \t\u00a0\u3000]+")
_TAGS = re.compile(r"</?[a-zA-Z][^<>]*>")


def to_plain(body: str, markup: Markup) -> str:
    if markup == "html":
        return html_to_text(body)
    if markup == "markdown":
        return markdown_to_text(body)
    return body


def clean_body(body: str, markup: Markup) -> str:
    """Paragraphs of article text, one per line, without the site's boilerplate."""
    rules = boilerplate()
    out: list[str] = []
    for line in _INVISIBLE.sub("", to_plain(body, markup)).split("\n"):
        line = _SPACE.sub(" ", line).strip()
        if not line:
            continue
        if any(p.search(line) for p in rules.cut_rest):
            break
        if any(p.search(line) for p in rules.drop_line):
            continue
        out.append(line)
    return "\n".join(out)


def clean_title(title: str | None, markup: Markup) -> str | None:
    if not title:
        return None
    text = markdown_to_text(title) if markup == "markdown" else html.unescape(_TAGS.sub("", title))
    text = _SPACE.sub(" ", _INVISIBLE.sub("", text)).strip()
    return text or None
