"""Markdown bodies (GNews reposts) to plain paragraphs.

Wiki-link markup is formatting, not meaning: `赫[[zh:列宁]]` is the text 赫列宁, so
the brackets go and the words stay exactly as they were. Images go; links keep
their text, except links whose text is only the address (source lists).
"""

from __future__ import annotations

import re

_WIKI = re.compile(r"\[\[(?:[a-z]{2,3}(?:-[a-z]+)?:)?([^\[\]|]*?)(?:\|([^\[\]]*))?\]\]")
_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)")
_LINK = re.compile(r"\[([^\[\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
_HTML_TAG = re.compile(r"</?[a-zA-Z][^<>]*>")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s*")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
_RULE = re.compile(r"^\s*(?:[-*_]\s*){3,}$")
_EMPHASIS = re.compile(r"(\*{1,3}|_{2,3})(?=\S)(.+?)(?<=\S)\1")
_STRAY_STARS = re.compile(r"\*{2,}")
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!~|<>\"'])")
_URL_ONLY = re.compile(r"^(?:https?://|www\.|ipfs://)\S+$")
_SPACE = re.compile(r"[ \t\u00a0]+")


def _wiki(m: re.Match) -> str:
    return m.group(2) if m.group(2) is not None else m.group(1)


def markdown_to_text(md: str) -> str:
    """Paragraphs of the text, one per line, with Markdown and wiki-link syntax removed."""
    out = []
    for raw in md.split("\n"):
        line = raw.rstrip()
        if _RULE.match(line):
            continue
        line = _WIKI.sub(_wiki, line)
        line = _IMAGE.sub("", line)
        line = _AUTOLINK.sub(r"\1", line)
        line = _LINK.sub(lambda m: "" if _URL_ONLY.match(m.group(1).strip()) else m.group(1), line)
        line = _HTML_TAG.sub("", line)
        line = _HEADING.sub("", line)
        line = _QUOTE.sub("", line)
        line = _BULLET.sub("", line)
        line = _EMPHASIS.sub(r"\2", line)
        line = _STRAY_STARS.sub("", line)
        line = _ESCAPE.sub(r"\1", line)
        line = _SPACE.sub(" ", line).strip()
        if line and not _URL_ONLY.match(line):
            out.append(line)
    return "\n".join(out)
