"""Query parsing, index forms and snippets for full-text search, independent of any database.

Why one "unigram" index: FTS5's trigram tokenizer matches nothing shorter than three
characters, and Chinese words are mostly one or two. In the unigram index every CJK
character is a token of its own and a Latin word is one token, so a term of any
length is a phrase of adjacent tokens (普京 is "普 京", 卢卡申科 "卢 卡 申 科"). A trigram
index beside it was measured (docs/benchmarks.md): it cost 0.7 ms per article to
build, seven times the unigram index and more than the whole ingest budget allowed,
while phrase queries on the unigram index already answer 3+-character terms in a
few milliseconds. What it would add is matching inside Latin words ("lukash" finding
Lukashenko), which whole-word search does not do.

The index holds the script-folded text (`fold`), so 盧卡申科 and 卢卡申科 are the same
string; and since folding keeps length, a match found in the folded text sits at the
same offsets in the original, which is what snippets and highlights are cut from.

The unigram form also puts a placeholder token (`SEPARATOR_TOKEN`) wherever the
text has spaces or punctuation, so a two-character phrase matches only characters
that are really adjacent (伊朗, not 伊。朗): results, counts and snippets agree.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armswatch.normalize.script import fold, fold_query

SNIPPET_BEFORE = 30
SNIPPET_AFTER = 90
ELLIPSIS = "…"

# A private-use character: FTS5's unicode61 tokenizer keeps it as a token, `fold` leaves it alone,
# and queries never contain it (it is stripped from terms), so it only ever separates words.
SEPARATOR_TOKEN = "\ue000"

# Scripts written without spaces between words: each of these characters is one unigram token.
_CJK = ("\u3005-\u3007\u3040-\u309f\u30a0-\u30ff\u3100-\u312f\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
        "\uf900-\ufaff\U00020000-\U0003134f")
_CJK_CHAR = re.compile(f"[{_CJK}]")
# What unicode61 treats as separators is roughly "not a letter, digit or private-use character";
# Python's [\W_] is that set minus private use, which `_SEPARATOR_RUN` adds back so the
# placeholder token never lands inside a word.
_SEPARATOR_RUN = re.compile(f"(?:[\\W_](?<!{SEPARATOR_TOKEN}))+")
# A letter or digit that joins its neighbours into one unicode61 token (i.e. not CJK).
_EDGE_SEPARATORS = re.compile(f"^{_SEPARATOR_RUN.pattern}|{_SEPARATOR_RUN.pattern}$")
_WORD_CHAR = f"(?![{_CJK}])[^\\W_]"
_QUERY_TERM = re.compile(r'"([^"]*)"?|(\S+)')
_DATE_PREFIX = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?")


class _SpacingTable(dict):
    """A str.translate table putting spaces around CJK characters, filled on first sight of each character.

    (`re.sub` with a group in the replacement calls back into Python for every character; an
    article has thousands, and this runs on the single ingest process for every article.)
    """

    def __missing__(self, code: int) -> int | str:
        ch = chr(code)
        self[code] = f" {ch} " if _CJK_CHAR.match(ch) else code
        return self[code]


_SPACING = _SpacingTable()


def unigram_form(folded: str) -> str:
    """Folded text made into unicode61 tokens: one per CJK character, one per Latin word, one per gap."""
    return _SEPARATOR_RUN.sub(f" {SEPARATOR_TOKEN} ", folded).translate(_SPACING)


def fts_string(value: str) -> str:
    """`value` as an FTS5 string literal: never parsed as an operator, column filter or prefix."""
    return '"' + value.replace('"', '""') + '"'


@dataclass(frozen=True)
class Term:
    """One folded search term, its FTS5 phrase, and how to find it again in the folded text."""

    text: str
    fts: str
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class ParsedQuery:
    terms: tuple[Term, ...]

    @property
    def match(self) -> str:
        """The MATCH expression: every term as a phrase."""
        return " AND ".join(t.fts for t in self.terms)

    @property
    def patterns(self) -> list[re.Pattern[str]]:
        return [t.pattern for t in self.terms]


def split_terms(query: str) -> list[str]:
    """Whitespace-separated terms; "a quoted term" keeps its spaces (an unclosed quote runs to the end)."""
    return [m.group(1) if m.group(1) is not None else m.group(2) for m in _QUERY_TERM.finditer(query)]


def make_term(raw: str) -> Term | None:
    """The Term for what the user typed, or None when nothing of it can be searched (e.g. only punctuation).

    Punctuation at either end is dropped first (“普京” or 普京, find 普京), so a term
    goes to the index its letters need, and a short term is only letters and digits, which is
    all the unigram index holds.
    """
    text = _EDGE_SEPARATORS.sub("", fold_query(raw).replace(SEPARATOR_TOKEN, ""))
    if not text:
        return None
    return Term(text, fts_string(unigram_form(text).strip()), _pattern(text))


def _pattern(text: str) -> re.Pattern[str]:
    """Where a term's tokens occur: a Latin word or number at either end must be a whole unicode61 token."""
    pattern = re.escape(text)
    if not _CJK_CHAR.fullmatch(text[0]):
        pattern = f"(?<!{_WORD_CHAR})" + pattern
    if not _CJK_CHAR.fullmatch(text[-1]):
        pattern += f"(?!{_WORD_CHAR})"
    return re.compile(pattern)


def parse_query(query: str) -> ParsedQuery | None:
    """The searchable terms of a query (all must match), or None when there are none."""
    terms: dict[str, Term] = {}
    for raw in split_terms(query):
        term = make_term(raw)
        if term is not None:
            terms.setdefault(term.text, term)
    return ParsedQuery(tuple(terms.values())) if terms else None


def date_bounds(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """(lowest, above-highest) string bounds on `published` for inclusive YYYY[-MM[-DD]] filters.

    `published` is an ISO string (date-only or with a time), so comparing strings compares
    dates; a date prefix P covers every value starting with P, all of which sort below P + "~"
    ('~' sorts after digits, '-', 'T', ':' and '+'). Plain comparisons keep the published index usable.
    """
    for name, value in (("since", since), ("until", until)):
        if value and not _DATE_PREFIX.fullmatch(value):
            raise ValueError(f"{name} wants YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}")
    return (since or None, until + "~" if until else None)


def first_match(text: str, patterns: list[re.Pattern[str]]) -> re.Match[str] | None:
    """The earliest match of any pattern in fold(text), folding only as much of the text as needed.

    Most first matches are near the start of an article, and folding a whole long article
    for each of twenty hits costs more than the query itself.
    """
    if not text or not patterns:
        return None
    longest = max(len(p.pattern) for p in patterns)
    size = 2048
    while True:
        complete = size >= len(text)
        folded = fold(text if complete else text[:size])
        found = [m for m in (p.search(folded) for p in patterns) if m]
        best = min(found, key=lambda m: (m.start(), -m.end()), default=None)
        # A match that may run past the folded part, or an earlier one that does, is not final yet.
        if complete or (best is not None and best.end() < len(folded) - longest - 1):
            return best
        size *= 4


def make_snippet(title: str | None, text: str, patterns: list[re.Pattern[str]]) -> tuple[str, list[tuple[int, int]]]:
    """A stretch of the original body around the first match (else of the title), with highlight offsets."""
    match = first_match(text, patterns)
    source = text
    if match is None and title:
        match = first_match(title, patterns)
        source = title if match is not None else text
    if match is None:
        return _cut(text, 0, SNIPPET_BEFORE + SNIPPET_AFTER), []
    start = max(0, match.start() - SNIPPET_BEFORE)
    end = min(len(source), match.end() + SNIPPET_AFTER)
    snippet = _cut(source, start, end)
    lead = 1 if start > 0 else 0
    return snippet, [(s - start + lead, e - start + lead) for s, e in _occurrences(source, start, end, patterns)]


def _cut(source: str, start: int, end: int) -> str:
    end = min(end, len(source))
    return (ELLIPSIS if start > 0 else "") + source[start:end] + (ELLIPSIS if end < len(source) else "")


def _occurrences(source: str, start: int, end: int, patterns: list[re.Pattern[str]]) -> list[tuple[int, int]]:
    """(start, end) in `source` of every match lying wholly inside [start, end), longest first at a position."""
    # One character of context each side so word-boundary look-arounds see the real neighbours.
    lo, hi = max(0, start - 1), min(len(source), end + 1)
    folded = fold(source[lo:hi])
    spans = {(lo + m.start(), lo + m.end()) for p in patterns for m in p.finditer(folded)}
    return sorted(((s, e) for s, e in spans if s >= start and e <= end and e > s), key=lambda se: (se[0], -se[1]))
