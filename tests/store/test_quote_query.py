"""Quotations in the store: joint statements round trip, and `find_quotes` by words, speaker, subject and date."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import pytest

from armswatch.document import Document
from armswatch.store import open_store
from armswatch.store.base import QuoteHit
from armswatch.store.sqlite import SQLiteStore, migrations, schema_version

LUKASHENKO = "kb:person/alexander-lukashenko"
PUTIN = "kb:person/vladimir-putin"
STOLTENBERG = "kb:person/jens-stoltenberg"
BELARUS, RUSSIA, USA, FRANCE, UK, GERMANY = (f"kb:state/{s}" for s in (
    "belarus", "russia", "united-states", "france", "united-kingdom", "germany"))
NATO = "kb:org/nato"

NAMES = {LUKASHENKO: "亚历山大·卢卡申科", PUTIN: "弗拉基米尔·普京", STOLTENBERG: "延斯·斯托尔滕贝格",
         BELARUS: "白俄罗斯", RUSSIA: "俄罗斯", USA: "美国", FRANCE: "法国", UK: "英国", GERMANY: "德国",
         NATO: "北大西洋公约组织"}
ENGLISH = {LUKASHENKO: "Alexander Lukashenko", NATO: "NATO"}


def entity(entity_id: str, body: str, *forms: str) -> dict:
    """The entity with a mention of each form, each at its first occurrence after the previous one of that form."""
    mentions, after = [], {}
    for form in forms:
        start = body.index(form, after.get(form, 0))
        after[form] = start + len(form)
        mentions.append({"start": start, "end": start + len(form), "text": form})
    return {"id": entity_id, "type": entity_id.split(":")[1].split("/")[0].upper(), "name": NAMES[entity_id],
            "name_en": ENGLISH.get(entity_id), "roles": [], "mentions": mentions}


def quote(body: str, said: str, speaker: str | None, speaker_name: str, direct: bool, **more) -> dict:
    start = body.index(said)
    return {"speaker": speaker, "speaker_name": speaker_name, "text": said, "start": start,
            "end": start + len(said), "direct": direct, "cited_source": None, "cited_date": None, **more}


def make_doc(text: str, **fields) -> Document:
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    return Document(source_path=f"{doc_id[:8]}.md", text=text, doc_id=doc_id, **fields)


# Simplified script; one quote credited to an earlier day by another outlet.
MINSK = "白俄罗斯总统卢卡申科周三说：“俄罗斯的核武器已经运抵白俄罗斯。”他还表示，北约应当停止挑衅。"
# Traditional script; an unnamed official, and a joint statement dated only to the month.
JOINT = "美國官員說，核武器部署將破壞穩定。美法英德發表聯合聲明說：「我們譴責這一決定。」"
# Russia is not listed in this article, but the quote names it.
MOSCOW = "普京在莫斯科表示：“如果有人威胁俄罗斯，我们会使用核武器。”"
# Undated, in English.
BRUSSELS = "Stoltenberg said: NATO will not be intimidated."


@pytest.fixture
def docs(store: SQLiteStore) -> dict[str, Document]:
    minsk = make_doc(MINSK, title="卢卡申科：核武器已运抵", published="2026-02-05T08:00:00+00:00", outlet="RFI 法广",
                     url="https://example.org/minsk",
                     entities=[entity(BELARUS, MINSK, "白俄罗斯", "白俄罗斯"), entity(LUKASHENKO, MINSK, "卢卡申科"),
                               entity(RUSSIA, MINSK, "俄罗斯"), entity(NATO, MINSK, "北约")],
                     quotes=[quote(MINSK, "俄罗斯的核武器已经运抵白俄罗斯。", LUKASHENKO, "卢卡申科", True,
                                   cited_source="俄新社", cited_date="2026-02-04"),
                             quote(MINSK, "北约应当停止挑衅", LUKASHENKO, "他", False)])
    joint = make_doc(JOINT, title="西方譴責", published="2023-03-10", outlet="美国之音",
                     entities=[entity(USA, JOINT, "美國", "美"), entity(FRANCE, JOINT, "法"),
                               entity(UK, JOINT, "英"), entity(GERMANY, JOINT, "德")],
                     quotes=[quote(JOINT, "核武器部署將破壞穩定", None, "美國官員", False),
                             quote(JOINT, "我們譴責這一決定。", USA, "美法英德", True,
                                   speakers=[USA, FRANCE, UK, GERMANY], cited_date="2023-03")])
    moscow = make_doc(MOSCOW, title="普京谈核武器", published="2024-06-01", outlet="BBC中文",
                      entities=[entity(PUTIN, MOSCOW, "普京")],
                      quotes=[quote(MOSCOW, "如果有人威胁俄罗斯，我们会使用核武器。", PUTIN, "普京", True)])
    brussels = make_doc(BRUSSELS, entities=[entity(STOLTENBERG, BRUSSELS, "Stoltenberg")],
                        quotes=[quote(BRUSSELS, "NATO will not be intimidated.", STOLTENBERG, "Stoltenberg", True)])
    found = {"minsk": minsk, "joint": joint, "moscow": moscow, "brussels": brussels}
    for doc in found.values():
        assert store.put(doc)
    return found


def said(hits: list[QuoteHit]) -> list[str]:
    return [hit.text for hit in hits]


# -- joint statements -------------------------------------------------------------------------------------

def test_a_joint_statement_round_trips_with_one_speaker_and_the_list(store: SQLiteStore, docs):
    back = store.get(docs["joint"].doc_id)
    assert back.to_record() == docs["joint"].to_record()
    unnamed, joint = back.quotes
    assert unnamed["speaker"] is None and "speakers" not in unnamed
    assert joint["speaker"] == USA and joint["speakers"] == [USA, FRANCE, UK, GERMANY]
    rows = store._conn.execute("SELECT speaker, speakers, extra FROM quotes WHERE doc_id = ? ORDER BY id",
                               (back.doc_id,)).fetchall()
    assert [tuple(r) for r in rows] == [(None, None, None), (USA, json.dumps([USA, FRANCE, UK, GERMANY]), None)]


def test_a_legacy_list_in_speaker_is_read_back_in_the_record_form(store: SQLiteStore):
    text = "美英两国表示将继续援助。普京说不。"
    doc = make_doc(text, quotes=[
        {"speaker": [USA, UK], "speaker_name": "美英", "text": "将继续援助", "start": 6, "end": 11, "direct": False,
         "cited_source": None, "cited_date": None, "confidence": 0.5},
        {"speaker": [PUTIN], "speaker_name": "普京", "text": "不", "start": 15, "end": 16, "direct": False,
         "cited_source": None, "cited_date": None}])
    store.put(doc)
    joint, single = store.get(doc.doc_id).quotes
    assert (joint["speaker"], joint["speakers"], joint["confidence"]) == (USA, [USA, UK], 0.5)
    assert single["speaker"] == PUTIN and "speakers" not in single  # a list of one is just that speaker
    extras = [row[0] for row in store._conn.execute("SELECT extra FROM quotes ORDER BY id")]
    assert extras == ['{"confidence": 0.5}', None]


def test_speakers_without_a_speaker_takes_the_first_as_speaker(store: SQLiteStore):
    doc = make_doc("美英表示反对。", quotes=[{"speaker": None, "speakers": [USA, UK], "speaker_name": "美英",
                                             "text": "反对", "start": 4, "end": 6, "direct": False}])
    store.put(doc)
    [back] = store.get(doc.doc_id).quotes
    assert (back["speaker"], back["speakers"]) == (USA, [USA, UK])


# -- find_quotes ------------------------------------------------------------------------------------------

def test_every_quote_newest_first_undated_last(store: SQLiteStore, docs):
    hits = store.find_quotes()
    assert [(h.date, h.text) for h in hits] == [
        ("2026-02-05", "北约应当停止挑衅"),  # the article's day
        ("2026-02-04", "俄罗斯的核武器已经运抵白俄罗斯。"),  # the day the article credits it to
        ("2024-06-01", "如果有人威胁俄罗斯，我们会使用核武器。"),
        ("2023-03-10", "核武器部署將破壞穩定"),
        ("2023-03", "我們譴責這一決定。"),
        (None, "NATO will not be intimidated."),
    ]
    assert said(store.find_quotes(limit=2)) == said(hits[:2])
    assert store.find_quotes(limit=0) == []


def test_a_hit_carries_the_quote_its_speaker_and_its_article(store: SQLiteStore, docs):
    minsk, joint = docs["minsk"], docs["joint"]
    [cited] = store.find_quotes("运抵")
    start = MINSK.index("俄罗斯的")
    assert cited == QuoteHit(
        doc_id=minsk.doc_id, title="卢卡申科：核武器已运抵", published="2026-02-05T08:00:00+00:00", outlet="RFI 法广",
        url="https://example.org/minsk", speaker=LUKASHENKO, speaker_label="亚历山大·卢卡申科", speaker_name="卢卡申科",
        text="俄罗斯的核武器已经运抵白俄罗斯。", start=start, end=start + 16, direct=True, cited_source="俄新社",
        cited_date="2026-02-04", date="2026-02-04", speakers=[])
    [unnamed] = store.find_quotes("破坏稳定")
    assert (unnamed.doc_id, unnamed.speaker, unnamed.speaker_label, unnamed.direct) == (
        joint.doc_id, None, "美國官員", False)
    [statement] = store.find_quotes("谴责")
    assert (statement.speaker, statement.speaker_label, statement.speakers) == (USA, "美国", [USA, FRANCE, UK, GERMANY])


@pytest.mark.parametrize(("query", "expected"), [
    ("运抵", ["俄罗斯的核武器已经运抵白俄罗斯。"]),  # simplified query, simplified text
    ("運抵", ["俄罗斯的核武器已经运抵白俄罗斯。"]),  # traditional query, simplified text
    ("破坏稳定", ["核武器部署將破壞穩定"]),  # simplified query, traditional text
    ("破壞穩定", ["核武器部署將破壞穩定"]),
    ("核武器", ["俄罗斯的核武器已经运抵白俄罗斯。", "如果有人威胁俄罗斯，我们会使用核武器。", "核武器部署將破壞穩定"]),
    ("nato", ["NATO will not be intimidated."]),  # case
    ("ＮＡＴＯ　will", ["NATO will not be intimidated."]),  # full width, spaces kept: one substring
    (" 使用核武器 ", ["如果有人威胁俄罗斯，我们会使用核武器。"]),
    ("核武器已经使用", []),  # the words must be adjacent, as in the quote
])
def test_query_matches_the_text_in_any_script_width_or_case(store: SQLiteStore, docs, query, expected):
    assert said(store.find_quotes(query)) == expected


def test_an_empty_query_is_no_filter(store: SQLiteStore, docs):
    assert len(store.find_quotes("  ")) == len(store.find_quotes(None)) == 6


@pytest.mark.parametrize(("speaker", "expected"), [
    ("卢卡申科", ["北约应当停止挑衅", "俄罗斯的核武器已经运抵白俄罗斯。"]),  # by id: "他" is Lukashenko too
    ("盧卡申科", ["北约应当停止挑衅", "俄罗斯的核武器已经运抵白俄罗斯。"]),
    ("Alexander Lukashenko", ["北约应当停止挑衅", "俄罗斯的核武器已经运抵白俄罗斯。"]),
    (LUKASHENKO, ["北约应当停止挑衅", "俄罗斯的核武器已经运抵白俄罗斯。"]),
    ("美国官员", ["核武器部署將破壞穩定"]),  # unresolved, found by the name as written, in the other script
    ("美國官員", ["核武器部署將破壞穩定"]),
    ("美國", ["我們譴責這一決定。"]),  # the first speaker of the joint statement
    ("法国", ["我們譴責這一決定。"]),  # one of the others
    (GERMANY, ["我們譴責這一決定。"]),
    ("普京", ["如果有人威胁俄罗斯，我们会使用核武器。"]),
    ("stoltenberg", ["NATO will not be intimidated."]),
    ("他", []),  # a pronoun as written is not a name the store knows
    ("kb:person/nobody", []),
])
def test_speaker_by_name_in_any_script_or_by_id(store: SQLiteStore, docs, speaker, expected):
    assert said(store.find_quotes(speaker=speaker)) == expected


@pytest.mark.parametrize(("about", "expected"), [
    # A mention of Russia inside the quote here; elsewhere only the name in a quote of an article not listing it.
    ("俄罗斯", ["俄罗斯的核武器已经运抵白俄罗斯。", "如果有人威胁俄罗斯，我们会使用核武器。"]),
    ("俄羅斯", ["俄罗斯的核武器已经运抵白俄罗斯。", "如果有人威胁俄罗斯，我们会使用核武器。"]),
    (RUSSIA, ["俄罗斯的核武器已经运抵白俄罗斯。", "如果有人威胁俄罗斯，我们会使用核武器。"]),
    ("白俄羅斯", ["俄罗斯的核武器已经运抵白俄罗斯。"]),  # the second mention lies inside the quote
    # A mention in the span, and the English name in another article's quote text.
    ("北约", ["北约应当停止挑衅", "NATO will not be intimidated."]),
    ("卢卡申科", []),  # mentioned just before his quote, not in it
    ("美", []),  # a one-character name does not match text: it would find every 美元
    ("不存在的实体", []),
])
def test_about_an_entity_mentioned_in_the_quote(store: SQLiteStore, docs, about, expected):
    assert said(store.find_quotes(about=about)) == expected


@pytest.mark.parametrize(("since", "until", "expected"), [
    ("2026", None, ["2026-02-05", "2026-02-04"]),
    ("2026-02-05", None, ["2026-02-05"]),  # the cited date counts, not the article's
    (None, "2026-02-04", ["2026-02-04", "2024-06-01", "2023-03-10", "2023-03"]),
    (None, "2026-02", ["2026-02-05", "2026-02-04", "2024-06-01", "2023-03-10", "2023-03"]),  # the whole month
    (None, "2023", ["2023-03-10", "2023-03"]),
    ("2023-03", "2023-03", ["2023-03-10", "2023-03"]),
    ("2023-03-15", "2024", ["2024-06-01", "2023-03"]),  # a month-only date overlaps the day bound
    (None, "2023-03-05", ["2023-03"]),
    ("2024-06-02", "2026-02-03", []),
])
def test_since_and_until_are_inclusive_prefixes(store: SQLiteStore, docs, since, until, expected):
    assert [h.date for h in store.find_quotes(since=since, until=until)] == expected


@pytest.mark.parametrize("bound", ["since", "until"])
def test_a_malformed_date_is_refused_by_name(store: SQLiteStore, bound):
    with pytest.raises(ValueError, match=bound):
        store.find_quotes(**{bound: "2026-2-4"})


def test_filters_combine(store: SQLiteStore, docs):
    assert said(store.find_quotes("核武器", speaker="美國官員", until="2023")) == ["核武器部署將破壞穩定"]
    assert said(store.find_quotes("核武器", since="2024")) == [
        "俄罗斯的核武器已经运抵白俄罗斯。", "如果有人威胁俄罗斯，我们会使用核武器。"]
    assert said(store.find_quotes("核武器", about="俄罗斯", speaker="普京")) == [
        "如果有人威胁俄罗斯，我们会使用核武器。"]
    assert said(store.find_quotes(speaker="卢卡申科", about="北約", since="2026-02-05")) == ["北约应当停止挑衅"]
    assert store.find_quotes("核武器", speaker="卢卡申科", until="2025") == []


# -- upgrading a version-2 store --------------------------------------------------------------------------

def test_a_version_2_store_is_upgraded_and_its_quote_keys_backfilled(tmp_path: Path):
    path = tmp_path / "v2.db"
    old = [script for version, script in migrations() if version <= 2]
    assert len(old) == 2
    conn = sqlite3.connect(path)
    for script in old:
        conn.executescript(script)
    conn.executescript(f"""
        PRAGMA user_version = 2;
        INSERT INTO documents (doc_id, source_path, lang, ingested_at, text, published)
            VALUES ('d1', 'a.md', 'zh-Hant', '2024-01-01T00:00:00+00:00', '美國官員說，核武器部署將破壞穩定。',
                    '2024-01-01');
        INSERT INTO entities VALUES ('{USA}', 'STATE', '美国', NULL), ('{UK}', 'STATE', '英国', NULL);
        INSERT INTO entity_names VALUES ('{USA}', '美国', '美國'), ('{UK}', '英国', '英國');
        INSERT INTO quotes (doc_id, speaker, speakers, speaker_name, text, start, "end", direct)
            VALUES ('d1', NULL, NULL, '美國官員', '核武器部署將破壞穩定', 6, 16, 0),
                   ('d1', '{USA}', '["{USA}", "{UK}"]', '美英', NULL, NULL, NULL, NULL);
    """)
    conn.close()

    with open_store(path) as store:
        assert store.stats()["schema_version"] == schema_version() >= 3
        keys = store._conn.execute("SELECT text_key, speaker_key FROM quotes ORDER BY id").fetchall()
        assert [tuple(r) for r in keys] == [("核武器部署将破坏稳定", "美国官员"), (None, "美英")]
        assert said(store.find_quotes("破壞穩定")) == said(store.find_quotes("破坏稳定")) == ["核武器部署將破壞穩定"]
        assert said(store.find_quotes(speaker="美国官员")) == ["核武器部署將破壞穩定"]
        assert [h.speakers for h in store.find_quotes(speaker="英國")] == [[USA, UK]]
        assert store.get("d1").quotes[1]["speakers"] == [USA, UK]
