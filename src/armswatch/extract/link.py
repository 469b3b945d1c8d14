"""From settled spans to entities: which spans name the same thing, and what that thing is.

Within one article, a name is linked by the forms the article itself uses, before the
knowledge base is asked: once 乔治娅·科尔 is named, a later 科尔 is her, even though the
knowledge base knows another 科尔. An English name in parentheses after a Chinese one
(帕维尔·波德维格 (Pavel Podvig)) is one more form of it, and when the knowledge base knows
the English form, it tells which entry the Chinese form is.
"""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from dataclasses import dataclass, field

from armswatch.extract.candidates import CJK, MIDDLE_DOT, Candidate
from armswatch.extract.resolve import Resolved
from armswatch.kb.loader import alias_key

# An English name in parentheses right after a name: 波德维格 (Pavel Podvig), 美国之音（VOA）.
_PAREN_LATIN = re.compile(r"\s*[(（]\s*([A-Za-z][A-Za-z0-9 .'’&\-]{0,60}?)\s*[)）]")
# A context alias (匕首) counts when a weapon or weapon class is named this close to it.
_CONTEXT_REACH = 8
# The types whose names nested at the start of an organisation's name count as mentions: 拜登 in 拜登政府.
# (Not states: 德国之声 is an outlet, not a mention of Germany.)
_NESTED_TYPES = ("PERSON",)


@dataclass
class Cluster:
    type: str
    kb_id: str | None
    spans: list[tuple[int, int]] = field(default_factory=list)
    name_en: str | None = None


@dataclass
class Linked:
    """The entities of a text by key, and the article's short forms of names (for its title)."""

    clusters: dict[tuple, Cluster]
    short_forms: dict[str, tuple]


def cluster_key(cand: Candidate, folded: str) -> tuple:
    if cand.ids:
        return ("kb", cand.ids[0])
    return ("new", cand.type, alias_key(cand.key or folded[cand.start:cand.end]))


def link(text: str, folded: str, resolved: Resolved,
         short_forms: dict[str, tuple] | None = None) -> Linked:
    spans = _without_parts_of_english_names(text, _with_context(resolved.spans))
    keys = {id(c): cluster_key(c, folded) for c in spans}
    body_shorts = _short_forms(spans, keys, folded)
    shorts = {**(short_forms or {}), **body_shorts}
    for c in spans:
        if c.type == "PERSON" and c.source != "dotted":
            keys[id(c)] = shorts.get(alias_key(folded[c.start:c.end]), keys[id(c)])
    spans = spans + _bare_short_forms(folded, spans, body_shorts, keys)

    clusters: dict[tuple, Cluster] = {}
    for c in spans:
        key = keys[id(c)]
        cluster = clusters.setdefault(key, Cluster(c.type, key[1] if key[0] == "kb" else None))
        cluster.spans.append((c.start, c.end))
        if c.core:
            cluster.spans.append(c.core)
    _attach_parentheses(text, folded, spans, keys, clusters)
    _merge_types(clusters, keys)
    outer = {(c.start, c.type) for c in spans}
    for c in resolved.inner:
        if c.type in _NESTED_TYPES and c.ids and (c.start, "ORG") in outer:
            clusters.setdefault(("kb", c.ids[0]), Cluster(c.type, c.ids[0])).spans.append((c.start, c.end))
    return Linked(clusters, short_forms=body_shorts)


def _without_parts_of_english_names(text: str, spans: list[Candidate]) -> list[Candidate]:
    """Drop a name found inside part of a parenthesised English name: Chad in 施灿得（Chad Sbragia）."""
    parts = set()
    for c in spans:
        m = _PAREN_LATIN.match(text, c.end)
        if m:
            parts.update(id(x) for x in spans if m.start(1) <= x.start and x.end <= m.end(1)
                         and (x.start, x.end) != (m.start(1), m.end(1)))
    return [c for c in spans if id(c) not in parts]


# When the article's own evidence gives one new name two types, the one to keep: 克罗宁 is a person
# named with a title elsewhere, even where LAC took it for an organisation.
_NEW_TYPE_ORDER = ("PERSON", "ORG", "PLACE")


def _merge_types(clusters: dict[tuple, Cluster], keys: dict[int, tuple]) -> None:
    by_name: dict[str, list[tuple]] = defaultdict(list)
    for key in clusters:
        if key[0] == "new" and key[1] in _NEW_TYPE_ORDER:
            by_name[key[2]].append(key)
    for same in by_name.values():
        if len(same) > 1:
            same.sort(key=lambda k: _NEW_TYPE_ORDER.index(k[1]))
            for other in same[1:]:
                _merge(clusters, other, same[0], keys)


def _with_context(spans: list[Candidate]) -> list[Candidate]:
    """Context aliases only where the article names the weapon otherwise, or a weapon is named close by."""
    plain_ids = {c.ids[0] for c in spans if c.ids and c.source != "context"}
    weapons = [c for c in spans if c.type in ("WEAPON", "WEAPON_CLASS") and c.source != "context"]
    return [c for c in spans if c.source != "context" or c.ids[0] in plain_ids or any(
        w.start - _CONTEXT_REACH <= c.end and c.start <= w.end + _CONTEXT_REACH for w in weapons)]


def _short_forms(spans: list[Candidate], keys: dict[int, tuple], folded: str) -> dict[str, tuple]:
    """The last part of each dotted full name (波德维格 of 帕维尔·波德维格) → that person's key."""
    owners: dict[str, set[tuple]] = defaultdict(set)
    for c in spans:
        if c.source == "dotted":
            last = MIDDLE_DOT.split(folded[c.start:c.end])[-1]
            if len(last.strip()) >= 2 and CJK.search(last):
                owners[alias_key(last)].add(keys[id(c)])
    return {short: next(iter(ks)) for short, ks in owners.items() if len(ks) == 1}


def _bare_short_forms(folded: str, spans: list[Candidate], shorts: dict[str, tuple],
                      keys: dict[int, tuple]) -> list[Candidate]:
    """Mentions of a short form that no recognizer marked (LAC misses many foreign surnames)."""
    out = []
    taken = [(c.start, c.end) for c in spans]
    for short, key in shorts.items():
        for m in re.finditer(re.escape(short), folded):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            cand = Candidate(m.start(), m.end(), "PERSON", "coref")
            keys[id(cand)] = key
            out.append(cand)
    return out


def _attach_parentheses(text: str, folded: str, spans: list[Candidate], keys: dict[int, tuple],
                        clusters: dict[tuple, Cluster]) -> None:
    by_start = {c.start: c for c in spans}
    for c in spans:
        m = _PAREN_LATIN.match(text, c.end)
        if not m or not CJK.search(folded[c.start:c.end]):
            continue
        key = keys[id(c)]
        cluster = clusters.get(key)
        if cluster is None:
            continue
        inside = by_start.get(m.start(1))
        if inside is not None and inside.end <= m.end(1) and inside.type == c.type:
            other = keys[id(inside)]
            if key[0] == "new" and other[0] == "kb" and other in clusters:
                _merge(clusters, key, other, keys)  # the knowledge base knows the English form
            continue
        if inside is not None:
            continue
        cluster.spans.append((m.start(1), m.end(1)))
        if cluster.kb_id is None and cluster.name_en is None:
            cluster.name_en = m.group(1)


def _merge(clusters: dict[tuple, Cluster], source: tuple, target: tuple, keys: dict[int, tuple]) -> None:
    moved = clusters.pop(source)
    clusters[target].spans.extend(moved.spans)
    for span_id, key in keys.items():
        if key == source:
            keys[span_id] = target


def new_id(type_: str, name: str) -> str:
    """A stable id for an entity the knowledge base lacks: the same name gives the same id in every article."""
    digest = hashlib.sha1(alias_key(name).encode("utf-8")).hexdigest()[:12]
    return f"new:{type_.lower()}/{digest}"
