"""The entity stage on small texts: overlap rules, scripts, linking of name forms, roles.

These use the bundled knowledge base and LAC, as the stage runs in production; each text
is written for the rule it checks, not taken from an article.
"""

from __future__ import annotations

import pytest

from armswatch.document import Document
from armswatch.extract.entities import EntityStage, Finders


@pytest.fixture(scope="module")
def stage() -> EntityStage:
    return EntityStage()


def run(stage: EntityStage, text: str, title: str | None = None) -> dict[str, dict]:
    doc = Document(source_path="t", text=text, title=title)
    stage(doc)
    for ent in doc.entities:
        for m in ent["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    return {e["id"]: e for e in doc.entities}


def forms(entities: dict[str, dict], entity_id: str) -> list[str]:
    return [m["text"] for m in entities[entity_id]["mentions"]]


def by_name(entities: dict[str, dict], name: str) -> dict:
    found = [e for e in entities.values() if name in e["name"] or name in [m["text"] for m in e["mentions"]]]
    assert found, f"{name} not found among {[e['name'] for e in entities.values()]}"
    return found[0]


def test_the_longer_state_name_wins_and_stems_in_compounds_are_states(stage):
    ents = run(stage, "白俄罗斯与俄罗斯举行会谈。美俄关系紧张，中美俄三方都表态，俄乌冲突仍在继续。")
    assert forms(ents, "kb:state/belarus") == ["白俄罗斯"]
    assert forms(ents, "kb:state/russia") == ["俄罗斯", "俄", "俄", "俄"]
    assert forms(ents, "kb:state/united-states") == ["美", "美"]
    assert forms(ents, "kb:state/china") == ["中"]
    assert forms(ents, "kb:state/ukraine") == ["乌"]


def test_a_stem_is_not_read_inside_an_ordinary_word(stage):
    ents = run(stage, "双方同意加强军事合作。")
    assert not [e for e in ents.values() if e["type"] == "STATE"]


def test_generic_references_are_not_entities(stage):
    ents = run(stage, "一位美国官员说，专家和分析人士都认为局势严峻。")
    assert set(ents) == {"kb:state/united-states"}


def test_traditional_script_links_to_the_same_entries_with_offsets_into_the_original(stage):
    simplified = run(stage, "白俄罗斯总统卢卡申科说，俄罗斯向白俄罗斯交付了伊斯坎德尔导弹。")
    traditional = run(stage, "白俄羅斯總統盧卡申科說，俄羅斯向白俄羅斯交付了伊斯坎德爾導彈。")
    assert set(simplified) == set(traditional)
    assert forms(traditional, "kb:person/alexander-lukashenko") == ["盧卡申科"]
    assert [f[:5] for f in forms(traditional, "kb:weapon/iskander")] == ["伊斯坎德爾"]


def test_short_and_full_forms_of_a_name_are_one_entity_even_outside_the_knowledge_base(stage):
    ents = run(stage, "研究员帕维尔·米罗诺夫斯基 (Pavel Mironovsky) 说，局势危险。米罗诺夫斯基补充说。")
    person = by_name(ents, "米罗诺夫斯基")
    assert person["type"] == "PERSON" and person["id"].startswith("new:person/")
    assert forms(ents, person["id"]) == ["帕维尔·米罗诺夫斯基", "Pavel Mironovsky", "米罗诺夫斯基"]
    assert person["name"] == "帕维尔·米罗诺夫斯基" and person["name_en"] == "Pavel Mironovsky"


def test_a_short_form_follows_the_article_not_another_person_of_the_same_surname(stage):
    ents = run(stage, "研究员乔治娅·科尔指出，风险上升。科尔还说，谈判停滞。")
    person = by_name(ents, "乔治娅·科尔")
    assert forms(ents, person["id"]) == ["乔治娅·科尔", "科尔"]
    assert len([e for e in ents.values() if e["type"] == "PERSON"]) == 1


def test_a_dotted_name_does_not_take_in_the_state_before_it(stage):
    ents = run(stage, "白俄罗斯亚历山大·卢卡申科表示同意。")
    assert forms(ents, "kb:person/alexander-lukashenko") == ["亚历山大·卢卡申科"]
    assert "kb:state/belarus" in ents


def test_roles_come_from_the_title_before_the_name(stage):
    ents = run(stage, "美国总统拜登和俄罗斯总统普京通话。白俄罗斯总统卢卡申科说，他支持。")
    assert ents["kb:person/vladimir-putin"]["roles"] == ["俄罗斯总统"]
    assert ents["kb:person/alexander-lukashenko"]["roles"] == ["白俄罗斯总统"]
    assert by_name(ents, "拜登")["roles"] == ["美国总统"]


def test_weapon_class_compounds_name_the_specific_class(stage):
    ents = run(stage, "俄方部署了战术核导弹和陆基洲际弹道导弹，还有导弹系统。")
    names = {e["name"] for e in ents.values() if e["type"] == "WEAPON_CLASS"}
    assert {"战术核导弹", "陆基洲际弹道导弹"} <= names
    missile = [e for e in ents.values() if e["name"] == "导弹"]
    assert missile and forms(ents, missile[0]["id"]) == ["导弹系统"]  # 导弹系统 is the class 导弹


def test_designations_are_weapons(stage):
    ents = run(stage, "朝鲜试射了火星-18，俄军使用苏-25和9M729，美国提供F-16。COVID-19疫情。")
    weapons = {m["text"] for e in ents.values() if e["type"] == "WEAPON" for m in e["mentions"]}
    assert {"火星-18", "苏-25", "9M729", "F-16"} <= weapons
    assert "COVID-19" not in weapons


def test_a_ministry_fused_with_a_title_is_a_title(stage):
    ents = run(stage, "俄罗斯国防部长绍伊古说。")
    assert not [e for e in ents.values() if e["type"] == "ORG"]


def test_a_person_named_in_an_organisation_name_is_mentioned_too(stage):
    ents = run(stage, "拜登政府表示关切。")
    assert {e["type"] for e in ents.values()} >= {"ORG", "PERSON"}


def test_entities_named_only_in_the_title_have_no_mentions(stage):
    ents = run(stage, "会谈在明斯克举行。", title="普京会见卢卡申科")
    assert ents["kb:person/vladimir-putin"]["mentions"] == []
    assert forms(ents, "kb:place/minsk") == ["明斯克"]


def test_each_finder_can_be_switched_off(stage):
    text = "研究员帕维尔·波德维格说，俄罗斯部署了战术核导弹。"
    gazetteer_only = run(EntityStage(finders=Finders(kb=True, patterns=False, lac=False)), text)
    assert set(gazetteer_only) <= {"kb:state/russia"} | {i for i in gazetteer_only if i.startswith("kb:")}
    assert not [i for i in gazetteer_only if i.startswith("new:")]
    lac_only = run(EntityStage(finders=Finders(kb=False, patterns=False, lac=True)), text)
    assert not [i for i in lac_only if i.startswith("kb:")]
