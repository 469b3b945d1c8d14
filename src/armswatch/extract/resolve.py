"""Settling overlaps between candidate spans: which reading of each stretch of text stands.

The rules, in order:
1. Knowledge-base names and the pattern finders (class compounds, designations, dotted
   names) compete by length: the longest reading wins (白俄罗斯 over 俄罗斯, 空射弹道导弹
   over 弹道导弹, 亚历山大·卢卡申科 over 卢卡申科); at equal length the knowledge base wins.
2. State stems (美俄) fill only characters nothing else took.
3. LAC's names fill the gaps the knowledge base leaves. A LAC name that overlaps what
   stands is dropped, unless it contains it whole the way names are built: an organisation
   or place named after a state, place, organisation or person that ends like one
   (白俄罗斯国立大学, 哈佛大学贝尔弗中心; not 乌克兰战争), or a person's full name around one
   known surname. What it replaced is kept in `Resolved.inner`, for nested mentions.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from armswatch.extract.candidates import Candidate

_RANK = {"kb": 0, "class": 1, "designation": 1, "dotted": 1, "document": 1, "context": 2}
# What a LAC name of each type may be built around: the types it may swallow.
_LAC_MAY_CONTAIN = {"ORG": {"STATE", "PLACE", "ORG", "PERSON"}, "PLACE": {"STATE", "PLACE"}, "PERSON": {"PERSON"}}


@dataclass
class Resolved:
    spans: list[Candidate]
    # Candidates that lost to a span containing them and begin where it begins (美国 in 美国国务院, 拜登 in
    # 拜登政府): the outer name is built on them, so they may count as mentions too.
    inner: list[Candidate] = field(default_factory=list)


def resolve(candidates: list[Candidate]) -> Resolved:
    strong = [c for c in candidates if c.source in _RANK]
    stems = [c for c in candidates if c.source == "stem"]
    lac = [c for c in candidates if c.source == "lac"]
    taken: list[Candidate] = []
    lost: list[Candidate] = []
    for cand in sorted(strong, key=lambda c: (-c.length, _RANK[c.source], c.start)):
        (lost if _overlapping(cand, taken) else taken).append(cand)
    for cand in stems:
        if not _overlapping(cand, taken):
            taken.append(cand)
    for cand in sorted(lac, key=lambda c: (-c.length, c.start)):
        hit = _overlapping(cand, taken)
        if not hit:
            taken.append(cand)
        elif _may_swallow(cand, hit):
            for h in hit:
                taken.remove(h)
                lost.append(h)
            taken.append(cand)
    taken.sort(key=lambda c: c.start)
    inner = [c for c in lost if c.source == "kb" and any(
        t.contains(c) and t.start == c.start and t is not c for t in taken)]
    return Resolved(taken, inner)


def _overlapping(cand: Candidate, taken: list[Candidate]) -> list[Candidate]:
    return [t for t in taken if t.overlaps(cand)]


def _may_swallow(cand: Candidate, hit: list[Candidate]) -> bool:
    allowed = _LAC_MAY_CONTAIN.get(cand.type, set())
    if any(not cand.contains(h) or h.type not in allowed or h.source == "stem" for h in hit):
        return False
    if any(h.length == cand.length for h in hit):
        return False
    if cand.type == "PERSON":  # a full name around one known surname, not two names run together (拜登普京)
        return len(hit) == 1 and hit[0].end == cand.end
    return cand.suffixed
