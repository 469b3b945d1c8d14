"""Knowledge-base names found in a text: Aho-Corasick over the folded text, mapped back to offsets.

Names are compared in their alias-key form (folded script and case, no spaces,
brackets, dots or hyphens: `kb.loader.alias_key`), so the text is brought into the
same form. Dropping characters changes positions, so the key text keeps, for each of
its characters, where it stood in the original; a match is reported with the
original start and end, and `text[start:end]` is what the article wrote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from armswatch.kb.entities import KnowledgeBase
from armswatch.kb.loader import KEY_DROP_CLASS
from armswatch.normalize.script import fold

# The characters alias_key drops: they never take part in a match and never end one.
_DROPPED = re.compile(KEY_DROP_CLASS)
_LATIN_OR_DIGIT = re.compile(r"[0-9a-z]")


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str
    ids: tuple[str, ...]
    # Found by a context alias (匕首 for the Kinzhal): it names the entry only where the article is about it.
    context: bool = False


class Gazetteer:
    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        self._automaton = ahocorasick.Automaton()
        for key, ids in kb.by_context_alias.items():
            self._automaton.add_word(key, (key, ids, True))
        for key, ids in kb.by_alias.items():
            self._automaton.add_word(key, (key, ids, False))
        self._empty = not kb.by_alias and not kb.by_context_alias
        if not self._empty:
            self._automaton.make_automaton()

    def find_all(self, text: str, norm_text: str | None = None) -> list[Match]:
        """Every match, overlapping ones too, ordered by start and then longest first."""
        if self._empty:
            return []
        folded = norm_text if norm_text is not None else fold(text)
        kept = [i for i, ch in enumerate(folded) if not _DROPPED.match(ch)]
        key_text = "".join(folded[i] for i in kept)
        found = []
        for last, (key, ids, context) in self._automaton.iter(key_text):
            first = last - len(key) + 1
            start, end = kept[first], kept[last] + 1
            if _cuts_a_word(folded, start, end):
                continue
            found.append(Match(start, end, key, ids, context))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        return found


def _cuts_a_word(folded: str, start: int, end: int) -> bool:
    """A Latin name or number must not start or end inside a longer word (US in USSR, 41 in 410)."""
    first, last = folded[start], folded[end - 1]
    if _LATIN_OR_DIGIT.match(first) and start > 0 and _LATIN_OR_DIGIT.match(folded[start - 1]):
        return True
    return bool(_LATIN_OR_DIGIT.match(last) and end < len(folded) and _LATIN_OR_DIGIT.match(folded[end]))
