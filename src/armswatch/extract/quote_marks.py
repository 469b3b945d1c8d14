"""Where quotations are, and how the body splits into paragraphs and sentences around them.

Chinese articles mark quotations four ways (“…” 「…」 『…』 ‘…’) plus ASCII "…", nest them
(「…『…』…」), carry one quotation over several paragraphs by opening each paragraph again
and closing only the last, and now and then close a curly quotation with an ASCII mark.
Sentence ends inside a quotation do not end the sentence around it, so sentences are cut
only outside quotations. Everything here reads the folded text (`Document.norm_text`), whose
punctuation is half-width: "，" is "," and "：" is ":".
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass

PAIRS = {"“": "”", "「": "」", "『": "』", "‘": "’", '"': '"', "﹃": "﹄", "﹁": "﹂"}
CLOSERS = frozenset(PAIRS.values())
_MARK = re.compile(r'[“”「」『』‘’"﹁﹂﹃﹄\n]')
_LATIN = re.compile(r"[A-Za-z]")
_LINE_END = re.compile(r"[ \t\u3000]*(?:\n|$)")


@dataclass(frozen=True)
class Quotation:
    """An outermost quotation: `start` is its opening mark, `end` is just past its closing mark."""

    start: int
    end: int
    # Opening marks of later paragraphs of a quotation that runs over several (not part of the words).
    reopened: tuple[int, ...] = ()

    def words(self, text: str) -> str:
        """The quoted words, without the marks (and without the marks that reopen later paragraphs)."""
        inner = text[self.start + 1 : self.end - 1]
        for pos in reversed(self.reopened):
            i = pos - self.start - 1
            inner = inner[:i] + inner[i + 1 :]
        return inner.strip()


def quotations(folded: str) -> list[Quotation]:
    """The outermost quotations of the text, in order."""
    found: list[Quotation] = []
    stack: list[tuple[str, int]] = []
    reopened: list[int] = []
    skip = -1
    for m in _MARK.finditer(folded):
        ch, pos = m.group(), m.start()
        if pos == skip:
            continue
        if ch == "\n":
            if stack and _continues(folded, pos, stack[0][0]):
                stack = stack[:1]  # the outer quotation goes on in the next paragraph
                skip = _next_paragraph_start(folded, pos)
                reopened.append(skip)
            else:
                stack, reopened = [], []
            continue
        if ch == "’" and _is_apostrophe(folded, pos):
            continue
        if stack and _closes(folded, pos, ch, stack[-1][0]):
            _, start = stack.pop()
            if not stack:
                found.append(Quotation(start, pos + 1, tuple(reopened)))
                reopened = []
            continue
        if ch in PAIRS:
            stack.append((ch, pos))
    return found


def _closes(folded: str, pos: int, ch: str, opener: str) -> bool:
    if PAIRS[opener] == ch:
        return True
    if ch == opener and _LINE_END.match(folded, pos + 1) is not None:
        return True  # 「……「 at the end of a paragraph: a slip for 」
    # “… closed by an ASCII mark at the end of the paragraph (a common slip in reposts).
    return opener == "“" and ch == '"' and _LINE_END.match(folded, pos + 1) is not None


def _is_apostrophe(folded: str, pos: int) -> bool:
    return bool(_LATIN.match(folded[pos - 1 : pos] or " ")) and bool(_LATIN.match(folded[pos + 1 : pos + 2] or " "))


def _next_paragraph_start(folded: str, newline: int) -> int:
    i = newline + 1
    while i < len(folded) and folded[i] in " \t\u3000":
        i += 1
    return i


def _continues(folded: str, newline: int, opener: str) -> bool:
    return folded.startswith(opener, _next_paragraph_start(folded, newline))


class QuoteIndex:
    """The quotations of one text, with a lookup of the one holding a position."""

    def __init__(self, quotes: list[Quotation]) -> None:
        self.quotes = quotes
        self._starts = [q.start for q in quotes]

    def at(self, pos: int) -> Quotation | None:
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self.quotes[i].end > pos:
            return self.quotes[i]
        return None

    def within(self, start: int, end: int) -> list[Quotation]:
        """The quotations that start inside [start, end)."""
        lo, hi = bisect_left(self._starts, start), bisect_left(self._starts, end)
        return self.quotes[lo:hi]


def paragraphs(folded: str, index: QuoteIndex) -> list[tuple[int, int]]:
    """Paragraph spans; a quotation that runs over several paragraphs keeps them together."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in re.finditer(r"\n", folded):
        q = index.at(m.start())
        if q is not None and q.start < m.start():
            continue
        if folded[start : m.start()].strip():
            spans.append((start, m.start()))
        start = m.end()
    if folded[start:].strip():
        spans.append((start, len(folded)))
    return spans


_SENTENCE_END = re.compile(r"[。!?;]+")
_OPENING = re.compile(r"[ \t\u3000]*[“「『‘\"]")


def sentences(folded: str, start: int, end: int, index: QuoteIndex) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph, cut after 。!?; outside quotations (the mark stays in the sentence)."""
    spans: list[tuple[int, int]] = []
    s = start
    for m in _SENTENCE_END.finditer(folded, start, end):
        q = index.at(m.start())
        if q is None:
            cut = m.end()
        elif q.end - 1 == m.end() and _OPENING.match(folded, q.end) is None:
            cut = q.end  # “……。”报告尤为关注……: the sentence ends with the quotation
        else:
            continue
        spans.append((s, cut))
        s = cut
    spans.append((s, end))
    return [(a, b) for a, b in spans if folded[a:b].strip()]
