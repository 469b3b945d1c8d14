"""People's titles and affiliations, read from the words around their names.

Chinese news writes the role right before the name (白俄罗斯总统卢卡申科, 美国国务卿布林肯),
sometimes right after it (普京总统), and roundups put it after the name in a header
("Name (English), role:"). The words that make titles are data (`names.yaml`).
"""

from __future__ import annotations

import re

from armswatch.kb.patterns import NameRules

# What ends a phrase: punctuation, brackets, quotation marks and spaces.
_PHRASE_END = re.compile(r"[\s，。、；：！？,.;:!?()（）\[\]【】《》“”\"'‘’「」『』]")
_MAX_ROLE = 30
# A roundup header: after the name and its parenthesis, a comma, the role, a colon at the end of the line.
_HEADER_ROLE = re.compile(r"\s*(?:[(（][^()（）\n]{1,80}[)）])?\s*[,，]\s*([^\n，,。：:]{2,40})[：:]\s*$", re.MULTILINE)


class RoleReader:
    def __init__(self, rules: NameRules) -> None:
        self.rules = rules
        self.longest_title = max(map(len, rules.titles))

    def roles(self, text: str, folded: str, start: int, end: int, names: list[tuple[int, int]],
              people: list[tuple[int, int]]) -> list[str]:
        """The roles written around one mention [start, end) of a person.

        `names` are the spans of every name found (a stop word inside one, 和 in 卡内基国际和平基金会, does not
        end a role); `people` are the spans of people's names (another person's name ends a role).
        """
        found = []
        before = self._before(text, folded, start, names, people)
        if before:
            found.append(before)
        after = self._title_at(folded, end)
        if after and not before:
            found.append(text[end:end + after])
        header = _HEADER_ROLE.match(text, end)
        if header and self._ends_with_title(fold_of(folded, header.start(1), header.end(1))):
            found.append(header.group(1).strip())
        return found

    def _before(self, text: str, folded: str, start: int, names: list[tuple[int, int]],
                people: list[tuple[int, int]]) -> str | None:
        if not self._ends_with_title(folded[max(0, start - self.longest_title):start]):
            return None
        left = start
        while left > 0 and start - left < _MAX_ROLE and not _PHRASE_END.match(folded[left - 1]):
            left -= 1
        for _, e in people:  # another person's name ends the role: 拜登和俄罗斯总统普京
            if left < e <= start:
                left = e
        left = self._stop_end(folded, left, start, names)
        role = text[left:start].strip()
        return role if role and self._ends_with_title(fold_of(folded, left, start)) else None

    def _stop_end(self, folded: str, left: int, start: int, names: list[tuple[int, int]]) -> int:
        """Where the role starts after the last stop word (与, 会见) that is not inside a name."""
        best = left
        for word in self.rules.role_stops:
            pos = folded.find(word, left, start)
            while pos != -1:
                if not any(s <= pos < e for s, e in names):
                    best = max(best, pos + len(word))
                pos = folded.find(word, pos + 1, start)
        return best

    def _title_at(self, folded: str, pos: int) -> int:
        """The length of the longest title starting at pos, or 0."""
        for k in range(min(self.longest_title, len(folded) - pos), 1, -1):
            if folded[pos:pos + k] in self.rules.titles:
                return k
        return 0

    def _ends_with_title(self, phrase: str) -> bool:
        return any(phrase.endswith(t) for t in self.rules.titles)


def fold_of(folded: str, start: int, end: int) -> str:
    return folded[start:end].strip()
