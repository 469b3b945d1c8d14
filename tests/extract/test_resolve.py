"""Overlap rules between candidate spans, on hand-made candidates."""

from __future__ import annotations

from armswatch.extract.candidates import Candidate
from armswatch.extract.resolve import resolve


def spans(cands):
    return [(c.start, c.end, c.type, c.source) for c in resolve(cands).spans]


def test_longest_wins_and_the_knowledge_base_wins_a_tie():
    kb = Candidate(2, 6, "WEAPON_CLASS", "kb", ("kb:weapon_class/ballistic-missile",))
    compound = Candidate(0, 6, "WEAPON_CLASS", "class")
    assert spans([kb, compound]) == [(0, 6, "WEAPON_CLASS", "class")]
    same = Candidate(0, 6, "WEAPON_CLASS", "class")
    known = Candidate(0, 6, "WEAPON_CLASS", "kb", ("kb:x",))
    assert spans([same, known]) == [(0, 6, "WEAPON_CLASS", "kb")]


def test_stems_fill_only_free_characters():
    state = Candidate(0, 3, "STATE", "kb", ("kb:state/russia",))
    stem = Candidate(2, 3, "STATE", "stem", ("kb:state/russia",))
    free = Candidate(3, 4, "STATE", "stem", ("kb:state/ukraine",))
    assert [s[:2] for s in spans([state, stem, free])] == [(0, 3), (3, 4)]


def test_lac_fills_gaps_and_swallows_only_names_built_like_names():
    state = Candidate(0, 4, "STATE", "kb", ("kb:state/belarus",))
    university = Candidate(0, 8, "ORG", "lac", suffixed=True)  # 白俄罗斯国立大学
    assert spans([state, university]) == [(0, 8, "ORG", "lac")]
    war = Candidate(0, 6, "PLACE", "lac")  # 乌克兰战争: a known name plus an ordinary word
    assert spans([state, war]) == [(0, 4, "STATE", "kb")]
    two_people = [Candidate(0, 2, "PERSON", "kb", ("kb:a",)), Candidate(2, 4, "PERSON", "kb", ("kb:b",)),
                  Candidate(0, 4, "PERSON", "lac")]  # 拜登普京
    assert [s[3] for s in spans(two_people)] == ["kb", "kb"]


def test_a_name_nested_at_the_start_of_a_longer_one_is_kept_aside():
    person = Candidate(0, 2, "PERSON", "kb", ("kb:person/joe-biden",))
    org = Candidate(0, 4, "ORG", "kb", ("kb:org/biden-administration",))
    result = resolve([person, org])
    assert [(c.start, c.end) for c in result.spans] == [(0, 4)]
    assert [(c.start, c.end) for c in result.inner] == [(0, 2)]
