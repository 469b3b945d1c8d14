"""Whether an event happened: the modality cues before its trigger (将, 承诺, 否认, 如果).

A condition or a denial reaches over the whole sentence before the trigger
(如果莫斯科使用……，北约将……; 他否认俄罗斯……部署); a promise, a plan or a
continuing action only over the trigger's own clause, so 将 in one clause does
not make the next clause's completed delivery planned.
"""

from __future__ import annotations

import re

from armswatch.extract.event_args import Sentence
from armswatch.kb.event_rules import EventRules
from armswatch.kb.patterns import alternation

_SENTENCE_WIDE = frozenset({"hypothetical", "denied"})


class StatusReader:
    def __init__(self, rules: EventRules) -> None:
        self._cues = [(status, re.compile(alternation(words))) for status, words in rules.status_cues if words]
        self._ba = frozenset(rules.ba_words)
        self._continuations = rules.continuations
        self._after = re.compile(alternation(list(rules.status_after)) or "(?!)")
        self._after_status = rules.status_after
        self._not_cues = re.compile(alternation(rules.not_cues) or "(?!)")
        self._clause_only = rules.clause_only

    def status(self, sentence: Sentence, trigger: int, default: str | None = None) -> str:
        folded, sentence_start = sentence.folded, sentence.start
        clause_start, clause_end = sentence.clause(trigger)
        while clause_start > sentence_start and folded.startswith(self._continuations, clause_start):
            clause_start = sentence.clause(clause_start - 1)[0]
        mention_starts = {x.mention.start for x in sentence.marked}
        found = []
        for rank, (status, pattern) in enumerate(self._cues):
            start = sentence_start if status in _SENTENCE_WIDE else clause_start
            for m in pattern.finditer(folded, start, trigger):
                if m.group() in self._ba and m.end() in mention_starts:
                    continue  # 将核武器部署在…, 将普京提供的导弹: 将 is 把 here, not "will"
                if m.group() in self._clause_only and (m.start() < clause_start or status == "hypothetical"
                                                       and "的" in folded[m.end() : trigger]):
                    continue  # 没有 of another clause, or 能够 of a thing described (能够携带核弹头的导弹)
                found.append((rank, m.start(), m.end(), status))
        # Words that hold a cue without being one (将 in 将军, 少将).
        found += [(len(self._cues), m.start(), m.end(), None) for m in self._not_cues.finditer(folded, sentence_start,
                                                                                               trigger)]
        # A cue inside a longer one of another status is part of that one (从未 in 从未停止).
        kept = [f for f in found if f[3] is not None and not any(
            o[1] <= f[1] and f[2] <= o[2] and o[2] - o[1] > f[2] - f[1] for o in found)]
        if kept:
            return min(kept)[3]
        after = self._after.search(folded, trigger, clause_end)
        if after:
            return self._after_status[after.group()]
        return default or "completed"
