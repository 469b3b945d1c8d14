"""Script folding: one form for matching Traditional, Simplified, full-width and case variants.

`fold` keeps the length of the text (one character in, one character out), so a
match found at position i of the folded text is the same characters at position i
of the original: offsets never need mapping back. Characters whose conversion is
not one character (rare phrase-level conversions) are left as they are.
`fold_query` is the same mapping, for what a user types.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc


class _FoldTable(dict):
    """A str.translate table filled on first sight of each character."""

    def __init__(self) -> None:
        super().__init__()
        self._t2s = opencc.OpenCC("t2s")

    def __missing__(self, code: int) -> int:
        ch = chr(code)
        out = ch
        nfkc = unicodedata.normalize("NFKC", ch)
        if len(nfkc) == 1:
            out = nfkc
        simp = self._t2s.convert(out)
        if len(simp) == 1:
            out = simp
        low = out.lower()
        if len(low) == 1:
            out = low
        self[code] = ord(out)
        return self[code]


@lru_cache(maxsize=1)
def _table() -> _FoldTable:
    return _FoldTable()


def fold(text: str) -> str:
    """Simplified-script, half-width, lower-case form of `text`, with len(fold(t)) == len(t)."""
    return text.translate(_table())


def fold_query(query: str) -> str:
    """The folded form of a search term, with surrounding space removed."""
    return fold(query.strip())


@lru_cache(maxsize=1)
def _s2t() -> opencc.OpenCC:
    return opencc.OpenCC("s2t")


def traditional_chars(text: str) -> int:
    """How many characters of `text` are Traditional-only (they change under t2s)."""
    return sum(1 for a, b in zip(text, fold(text), strict=True) if a != b and not a.isascii()
               and unicodedata.east_asian_width(a) != "F")


def simplified_chars(text: str) -> int:
    """How many characters of `text` are Simplified-only (they change under s2t)."""
    converted = _s2t().convert(text)
    if len(converted) != len(text):
        return sum(1 for ch in text if _s2t().convert(ch) != ch)
    return sum(1 for a, b in zip(text, converted, strict=True) if a != b)
