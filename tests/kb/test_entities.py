import pytest

from armswatch.kb.entities import build_kb, knowledge_base, type_of_id
from armswatch.kb.loader import KBError

ROWS = {
    "STATE": [
        {"id": "kb:state/belarus", "name": "白俄罗斯", "name_en": "Belarus", "aliases": ["白俄"], "stems": []},
        {"id": "kb:state/russia", "name": "俄罗斯", "name_en": "Russia", "aliases": ["俄国", "Russian Federation"]},
    ],
    "PERSON": [
        {"id": "kb:person/alexander-lukashenko", "name": "亚历山大·卢卡申科", "name_en": "Alexander Lukashenko",
         "aliases": ["卢卡申科", "Lukashenko"],
         "roles": [{"role": "白俄罗斯总统", "org": "kb:state/belarus", "from": 1994, "to": None}]},
        {"id": "kb:person/george-washington", "name": "乔治·华盛顿", "aliases": ["华盛顿"]},
    ],
    "PLACE": [{"id": "kb:place/washington", "name": "华盛顿", "aliases": ["华府"], "country": None}],
}


def test_lookup_in_any_script_and_case():
    kb = build_kb(ROWS)
    assert [e.id for e in kb.lookup("盧卡申科")] == ["kb:person/alexander-lukashenko"]
    assert [e.id for e in kb.lookup("LUKASHENKO")] == ["kb:person/alexander-lukashenko"]
    assert [e.id for e in kb.lookup("亞歷山大．盧卡申科")] == ["kb:person/alexander-lukashenko"]
    assert kb.lookup("明斯克") == []


def test_an_alias_across_types_is_ambiguous_not_an_error():
    kb = build_kb(ROWS)
    assert {e.type for e in kb.lookup("華盛頓")} == {"PERSON", "PLACE"}
    assert set(kb.ambiguous) == {"华盛顿"}


def test_every_problem_is_reported():
    rows = {
        "STATE": ROWS["STATE"] + [{"id": "kb:state/russia", "name": "俄罗斯联邦"},
                                  {"id": "kb:state/rus", "name": "俄國"},
                                  {"id": "kb:person/x", "name": "错类型"},
                                  {"id": "kb:state/nameless"}],
        "PERSON": [{"id": "kb:person/a", "name": "甲", "roles": [{"role": "总统", "org": "kb:state/nowhere"}]}],
        "WEAPON": [{"id": "kb:weapon/w", "name": "某导弹", "class": "kb:state/russia"}],
    }
    with pytest.raises(KBError) as info:
        build_kb(rows)
    message = str(info.value)
    assert "id kb:state/russia is used twice" in message
    assert "alias '俄国' names two STATE entries: kb:state/russia, kb:state/rus" in message
    assert "'kb:person/x' is not kb:state/<slug>" in message
    assert "(kb:state/nameless): needs a name" in message
    assert "roles.org names kb:state/nowhere" in message
    assert "kb:weapon/w: class must name a WEAPON_CLASS" in message


def test_type_of_id():
    assert type_of_id("kb:weapon_class/icbm") == "WEAPON_CLASS"
    assert type_of_id("kb:state/Russia") is None


def test_the_bundled_knowledge_base_loads():
    kb = knowledge_base()
    assert all(type_of_id(i) == e.type for i, e in kb.entries.items())
