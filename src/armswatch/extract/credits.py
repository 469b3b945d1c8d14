"""Which outlet the article credits for a statement: 据X报道, X援引Y, 他告诉X, 在推特上写道, datelines.

A reporting outlet is the `cited_source` of what it reports, not its speaker (GUIDELINES);
it speaks only when no one else is named (美联社称，…). The publishing outlet itself is never
credited: a person who spoke to it (接受中央社采访) said it to this article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from armswatch.extract.speakers import Mention, Mentions, Speaker, in_brackets, last_match
from armswatch.kb.entities import KnowledgeBase
from armswatch.kb.patterns import SpeechRules, alternation
from armswatch.normalize import outlets

# A dateline opening a paragraph: 【大纪元…讯】（记者…综合报导）, 路透首尔/华盛顿3月26日 -.
DATELINE = re.compile(r"\s*(?:【[^】\n]{0,40}】\s*)?"
                      r"(?:\([^()\n]{0,40}\)|[^\s,。:]{1,20}?\d{1,2}月\d{1,2}日\s*[-–—])\s*")
_CLAUSE_EDGE = frozenset(",:;。!?”」』\"’")
_TOLD = ("告诉", "告訴")


@dataclass(frozen=True)
class Frame:
    """据俄新社报道 / 根据《华盛顿时报》的报道: where it is, and the outlet as written and as a speaker."""

    start: int
    end: int
    source: str
    speaker: Speaker


class Credits:
    def __init__(self, kb: KnowledgeBase, rules: SpeechRules) -> None:
        self._media = frozenset(e.id for e in kb.entries.values() if e.attrs.get("kind") == "media")
        heads, tails = alternation(rules.report_heads), alternation(rules.report_tails)
        self._frame = re.compile(rf"(?:{heads})([^,:;。!?]{{1,30}}?)(?:的)?(?:{tails})")
        self._citing = re.compile(alternation(rules.citing_verbs))
        self._hearsay = tuple(w for w in rules.not_speech if w.startswith(rules.report_heads))
        self._platform = re.compile(rf"(?<![a-z])(?:{alternation(tuple(rules.platforms))})(?![a-z])")

    def frame(self, text: str, folded: str, mentions: Mentions, start: int, end: int,
              at_start: bool = False) -> Frame | None:
        """A report frame opening a clause near the start of folded[start:end]."""
        if at_start:
            found = self._frame.match(folded, start, end)
        else:
            found = next((m for m in self._frame.finditer(folded, start, min(end, start + 60))
                          if m.start() == start or folded[m.start() - 1] in _CLAUSE_EDGE), None)
        if found is None or folded.startswith(self._hearsay, found.start()):
            return None  # 据说, 据称, 据悉: nobody is credited
        s, e = found.span(1)
        named = next((m for m in mentions.between(s, e)
                      if m.type in ("ORG", "PERSON", "STATE") and not in_brackets(folded, m)), None)
        if named is not None:
            name = clean_source(named.text)
            return Frame(found.start(), found.end(), name, Speaker(named.id, name, named.type, s, e, "named"))
        name = clean_source(text[s:e])
        if not name:
            return None
        return Frame(found.start(), found.end(), name, Speaker(None, name, None, s, e, "unnamed"))

    def citing(self, text: str, folded: str, start: int, end: int) -> tuple[str, int] | None:
        """X援引Y说 / X引述Y表示: X as written, and where Y begins."""
        found = last_match(self._citing, folded, start, end)
        if found is None:
            return None
        return clean_source(text[start : found.start()]), found.end()

    def listener(self, text: str, folded: str, mentions: Mentions, publisher: str | None,
                 after: int, verb_start: int, verb_end: int) -> str | None:
        """An outlet or platform the speaker told (告诉美联社, 接受美国之音采访, 在推特上写道)."""
        end = verb_end + 12 if folded.startswith(_TOLD, verb_start) else verb_start
        for m in mentions.between(after, end):
            if m.type == "ORG" and self._is_outlet(m) and not _is_publisher(publisher, m.text):
                return clean_source(m.text)
        platform = self._platform.search(folded, after, end)
        if platform is not None:
            return text[platform.start():platform.end()]
        return None

    def _is_outlet(self, m: Mention) -> bool:
        return m.id in self._media or outlets.by_name(m.text) is not None


def _is_publisher(publisher: str | None, name: str) -> bool:
    outlet = outlets.by_name(name)
    return publisher is not None and outlet is not None and outlet.name == publisher


def clean_source(name: str) -> str:
    """An outlet as written, without brackets or what follows its name (《华盛顿时报》5月25日 → 华盛顿时报)."""
    name = name.strip()
    titled = re.search(r"《([^》]+)》", name)
    if titled:
        return titled.group(1)
    name = re.split(r"[（(]", name, maxsplit=1)[0]
    name = re.sub(r"(?<=..)(?:曾|在|于|於|日前|近日|今天|昨天|\d).*$", "", name)
    return name.strip(" ,，、")

