from armswatch.document import Document
from armswatch.extract.candidates import kb_candidates
from armswatch.extract.entities import EntityStage
from armswatch.extract.gazetteer import Gazetteer
from armswatch.extract.resolve import resolve
from armswatch.kb.entities import build_kb
from armswatch.normalize.script import fold

KB = build_kb({
    "STATE": [{"id": "kb:state/russia", "name": "俄罗斯", "name_en": "Russia", "aliases": ["俄國"]},
              {"id": "kb:state/belarus", "name": "白俄罗斯", "name_en": "Belarus"},
              {"id": "kb:state/united-states", "name": "美国", "name_en": "United States", "aliases": ["US"]}],
    "PERSON": [{"id": "kb:person/alexander-lukashenko", "name": "亚历山大·卢卡申科", "name_en": "Alexander Lukashenko",
                "aliases": ["卢卡申科", "Lukashenko"]}],
    "ORG": [{"id": "kb:org/us-department-of-defense", "name": "美国国防部", "aliases": ["五角大楼"]}],
    "WEAPON": [{"id": "kb:weapon/iskander", "name": "伊斯坎德尔", "name_en": "Iskander", "aliases": ["伊斯坎德尔-M"]}],
})


def texts(text: str) -> list[str]:
    """The knowledge-base names that stand once overlaps are settled (resolve.py owns the longest-match rule)."""
    return [text[c.start:c.end] for c in resolve(kb_candidates(Gazetteer(KB), text, fold(text))).spans]


def test_longest_match_wins_and_offsets_point_at_the_original_characters():
    text = "白俄羅斯總統亞歷山大‧盧卡申科說，白俄羅斯從俄國獲得了伊斯坎德爾-M。"
    assert texts(text) == ["白俄羅斯", "亞歷山大‧盧卡申科", "白俄羅斯", "俄國", "伊斯坎德爾-M"]


def test_latin_names_match_whole_words_only():
    assert texts("US officials; USSR; Lukashenko's") == ["US", "Lukashenko"]


def test_the_stage_groups_mentions_by_entity():
    doc = Document(source_path="x", text="卢卡申科说，白俄罗斯获得了伊斯坎德尔。卢卡申科还说……", title="美国回应")
    EntityStage(KB)(doc)
    by_id = {e["id"]: e for e in doc.entities}
    assert [m["text"] for m in by_id["kb:person/alexander-lukashenko"]["mentions"]] == ["卢卡申科", "卢卡申科"]
    for e in doc.entities:
        for m in e["mentions"]:
            assert doc.text[m["start"]:m["end"]] == m["text"]
    assert by_id["kb:state/united-states"]["mentions"] == []  # named in the title only
    assert "kb:state/russia" not in by_id  # 俄罗斯 inside 白俄罗斯 is not Russia


def test_a_title_word_does_not_add_the_ministry():
    doc = Document(source_path="x", text="美國國防部長奧斯汀抵達北約總部。美國國防部表示……")
    EntityStage(KB)(doc)
    ministry = next(e for e in doc.entities if e["id"] == "kb:org/us-department-of-defense")
    assert [m["start"] for m in ministry["mentions"]] == [16]
