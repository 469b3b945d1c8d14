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


@lru_cache(maxsize=2)
def _converter(config: str) -> opencc.OpenCC:
    """One converter per direction, shared by folding, script counts and names in both scripts."""
    return opencc.OpenCC(config)


class _FoldTable(dict):
    """A str.translate table filled on first sight of each character."""

    def __init__(self) -> None:
        super().__init__()
        self._t2s = _converter("t2s")

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


_MARK = "\x01"


class _ScriptMarks(dict):
    """A str.translate table turning each character that only one script uses into a mark, others into ''."""

    def __init__(self, config: str) -> None:
        super().__init__()
        self._convert = _converter(config)

    def __missing__(self, code: int) -> str:
        ch = chr(code)
        own = ch > "\u2fff" and unicodedata.east_asian_width(ch) != "F" and self._convert.convert(ch) != ch
        self[code] = _MARK if own else ""
        return self[code]


@lru_cache(maxsize=2)
def _marks(config: str) -> _ScriptMarks:
    return _ScriptMarks(config)


def traditional_chars(text: str) -> int:
    """How many characters of `text` exist only in Traditional script (they change under t2s)."""
    return len(text.translate(_marks("t2s")))


def simplified_chars(text: str) -> int:
    """How many characters of `text` exist only in Simplified script (they change under s2t)."""
    return len(text.translate(_marks("s2t")))


def in_both_scripts(names: list[str]) -> list[str]:
    """The Traditional and Simplified forms of `names` that are not among them, in order.

    A knowledge base lists 卢卡申科; a reader of Taiwanese or Hong Kong outlets looks for 盧卡申科, and
    seeing both on an entity's page tells them either finds it.
    """
    seen = set(names)
    found = []
    for name in names:
        for config in ("s2t", "t2s"):
            other = _converter(config).convert(name)
            if other not in seen:
                seen.add(other)
                found.append(other)
    return found
