"""The SQLite store on real files: schema and migrations, round trips, transactions, MinHash, listing."""

from __future__ import annotations

import hashlib
import json
import sqlite3
from pathlib import Path

import numpy as np
import pytest

from armswatch.document import Document
from armswatch.errors import StoreError
from armswatch.normalize.dedup import band_keys, find_near_duplicate, signature, to_bytes
from armswatch.store import open_store
from armswatch.store.sqlite import SQLiteStore, schema_version

TABLES = {"documents", "entities", "document_entities", "mentions", "entity_roles", "quotes", "events",
          "event_arguments", "claims", "claim_about", "minhash", "minhash_bands", "search_queue", "search_unigram",
          "entity_names"}


def make_doc(text: str, **fields) -> Document:
    fields.setdefault("doc_id", hashlib.sha256(text.encode()).hexdigest())
    fields.setdefault("source_path", f"{fields['doc_id'][:8]}.md")
    return Document(text=text, **fields)


def rich_doc() -> Document:
    """An article with every kind of span the record has, several arguments per event role included."""
    text = "白俄罗斯总统卢卡申科说：“俄罗斯的核武器已经运抵。”普京表示，已部署弹头数量从1550增加到约3500。"
    return make_doc(
        text, title="卢卡申科：核武器已运抵", published="2024-01-20T12:51:00+00:00", outlet="RFI 法广",
        url="https://example.org/a", original_source="法新社", lang="zh-Hans", author="记者甲", source_format="feedx",
        entities=[
            {"id": "kb:person/lukashenko", "type": "PERSON", "name": "卢卡申科", "name_en": "Alexander Lukashenko",
             "roles": ["白俄罗斯总统"],
             "mentions": [{"start": 6, "end": 10, "text": "卢卡申科"}, {"start": 0, "end": 4, "text": "白俄罗斯"}]},
            {"id": "kb:state/russia", "type": "STATE", "name": "俄罗斯", "name_en": None, "roles": [],
             "mentions": [{"start": 13, "end": 16, "text": "俄罗斯"}]},
        ],
        quotes=[
            {"speaker": "kb:person/lukashenko", "speaker_name": "卢卡申科", "text": "俄罗斯的核武器已经运抵。",
             "start": 13, "end": 25, "direct": True, "cited_source": None, "cited_date": None, "confidence": 0.9},
            {"speaker": "kb:person/putin", "speakers": ["kb:person/putin", "kb:person/lukashenko"],
             "speaker_name": "普京", "text": "已部署",
             "start": 31, "end": 34, "direct": False, "cited_source": "贝尔弗中心", "cited_date": "2026-02-04"},
        ],
        events=[
            {"type": "DEPLOY", "subtype": None, "status": "completed",
             "actor": ["kb:state/russia", "kb:person/putin"], "recipient": ["kb:state/belarus"],
             "weapon": ["kb:weapon_class/tactical_nuclear", "kb:weapon/iskander", "kb:weapon/kh-47"],
             "treaty": [], "location": ["kb:state/belarus"], "date": "2024-01",
             "evidence": {"start": 13, "end": 25, "text": "俄罗斯的核武器已经运抵。"}},
            {"type": "THREAT", "subtype": "nuclear", "status": "hypothetical", "actor": [], "recipient": [],
             "weapon": [], "treaty": [], "location": [], "date": None, "evidence": None},
        ],
        claims=[
            {"value": 1550, "value_max": 3500, "unit": "warheads", "about": ["kb:state/russia", "kb:state/usa"],
             "text": "从1550增加到约3500", "start": 40, "end": 52},
            {"value": 1.5, "value_max": None, "unit": "other", "about": [], "text": "1.5", "start": 0, "end": 3},
        ],
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "store.db"


@pytest.fixture
def store(db: Path):
    opened = open_store(db)
    yield opened
    opened.close()


def count(store: SQLiteStore, table: str) -> int:
    return store._conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# -- opening and migrations ---------------------------------------------------------------------------

def test_new_file_gets_the_schema_in_wal_mode(tmp_path: Path):
    path = tmp_path / "nested" / "folder" / "new.db"
    store = open_store(path)
    try:
        conn = store._conn
        names = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
        assert names >= TABLES
        assert conn.execute("PRAGMA user_version").fetchone()[0] == schema_version() >= 1
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL
        assert conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        assert conn.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    finally:
        store.close()
    assert path.is_file()


def test_reopening_keeps_data_and_version(db: Path):
    doc = make_doc("一篇文章。")
    with open_store(db) as store:
        assert store.put(doc)
    with open_store(db) as store:
        assert store.has(doc.doc_id)
        assert store.stats()["schema_version"] == schema_version()
        assert store._conn.execute("SELECT count(*) FROM sqlite_master WHERE name = 'documents'").fetchone()[0] == 1


def test_newer_schema_is_refused(db: Path):
    conn = sqlite3.connect(db)
    conn.execute(f"PRAGMA user_version = {schema_version() + 1}")
    conn.close()
    with pytest.raises(StoreError, match="newer") as info:
        open_store(db)
    assert str(db) in str(info.value)


def test_a_file_that_is_not_sqlite_is_refused_by_name(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("这不是数据库。" * 500, encoding="utf-8")
    with pytest.raises(StoreError, match="not a SQLite database") as info:
        open_store(path)
    assert str(path) in str(info.value)
    assert path.read_text(encoding="utf-8").startswith("这不是数据库")


def test_postgresql_is_not_supported_yet():
    with pytest.raises(StoreError, match="PostgreSQL is not supported yet"):
        open_store("postgresql://localhost/armswatch")


# -- put and get --------------------------------------------------------------------------------------

def test_round_trip_rebuilds_the_same_record(store: SQLiteStore):
    doc = rich_doc()
    assert store.put(doc)
    back = store.get(doc.doc_id)
    assert back is not None
    assert back.to_record() == doc.to_record()
    # Same JSON too: an integer stays an integer, a real a real, a list of speakers a list.
    assert json.dumps(back.to_record(), sort_keys=True) == json.dumps(doc.to_record(), sort_keys=True)


def test_spans_land_in_plain_tables(store: SQLiteStore):
    doc = rich_doc()
    store.put(doc)
    conn = sqlite3.connect(store.path)  # what someone with the sqlite3 shell or Datasette sees
    try:
        assert count(store, "mentions") == 3
        assert conn.execute("SELECT role FROM entity_roles WHERE entity_id = 'kb:person/lukashenko'").fetchall() == [
            ("白俄罗斯总统",)]
        assert conn.execute("SELECT speaker, speakers FROM quotes ORDER BY id").fetchall() == [
            ("kb:person/lukashenko", None), ("kb:person/putin", '["kb:person/putin", "kb:person/lukashenko"]')]
        assert conn.execute("SELECT entity_id FROM event_arguments WHERE role = 'weapon' ORDER BY position").fetchall(
            ) == [("kb:weapon_class/tactical_nuclear",), ("kb:weapon/iskander",), ("kb:weapon/kh-47",)]
        assert conn.execute("SELECT value, value_max, typeof(value) FROM claims ORDER BY id").fetchall() == [
            (1550, 3500, "integer"), (1.5, None, "real")]
        assert conn.execute("SELECT d.title FROM mentions m JOIN documents d USING (doc_id) "
                            "WHERE m.entity_id = 'kb:state/russia'").fetchall() == [("卢卡申科：核武器已运抵",)]
    finally:
        conn.close()


def test_putting_the_same_doc_twice_changes_nothing(store: SQLiteStore):
    doc = rich_doc()
    sig = signature(doc.text)
    assert store.put(doc, sig) is True
    before = {table: count(store, table) for table in TABLES - {"search_unigram"}}
    assert store.put(doc, sig) is False
    assert {table: count(store, table) for table in before} == before
    assert before["documents"] == 1 and before["minhash_bands"] == len(band_keys(sig))
    assert store.count_search("卢卡申科") == 1


@pytest.mark.parametrize("bad_start", [None, {"not": "an offset"}])
def test_a_failed_put_leaves_nothing_behind(store: SQLiteStore, bad_start):
    doc = rich_doc()
    doc.entities[1]["mentions"][0]["start"] = bad_start  # the last span row written for entities fails
    with pytest.raises(StoreError, match=doc.doc_id):
        store.put(doc, signature(doc.text))
    assert not store.has(doc.doc_id)
    for table in ("documents", "entities", "mentions", "entity_roles", "entity_names", "minhash", "minhash_bands"):
        assert count(store, table) == 0, table
    assert store.count_search("卢卡申科") == 0
    doc.entities[1]["mentions"][0]["start"] = 13
    assert store.put(doc)  # the connection is usable again and the doc goes in whole
    assert store.get(doc.doc_id).to_record() == doc.to_record()


def test_get_accepts_a_unique_prefix_only(store: SQLiteStore):
    first = make_doc("第一篇。", doc_id="abcdef01" + "0" * 56)
    second = make_doc("第二篇。", doc_id="abcdef01" + "1" * 56)
    third = make_doc("第三篇。", doc_id="12345678" + "9" * 56)
    for doc in (first, second, third):
        store.put(doc)
    assert store.get("12345678").doc_id == third.doc_id
    assert store.get("12345678999").doc_id == third.doc_id
    assert store.get("1234567") is None  # too short
    assert store.get("abcdef01") is None  # ambiguous
    assert store.get("abcdef010").doc_id == first.doc_id
    assert store.get("ffffffff") is None
    assert store.get(second.doc_id).text == "第二篇。"
    assert not store.has("abcdef01")


# -- MinHash ------------------------------------------------------------------------------------------

def test_minhash_candidates_share_a_band_key(store: SQLiteStore):
    base = "俄罗斯总统普京周二表示，俄罗斯将在白俄罗斯境内部署战术核武器，此举引发北约强烈反应。" * 3
    near = base.replace("周二", "周三")
    other = "伊朗外交部发言人表示，伊朗将继续与国际原子能机构合作，核查工作不会中断。" * 3
    a, b = make_doc(base), make_doc(other)
    sig_a, sig_b = signature(a.text), signature(b.text)
    store.put(a, sig_a)
    store.put(b, sig_b)
    store.put(make_doc("没有签名的文章。"))

    found = store.minhash_candidates(band_keys(signature(near)))
    assert (a.doc_id, to_bytes(sig_a)) in found
    assert b.doc_id not in {doc_id for doc_id, _ in found}
    assert store.minhash_candidates([]) == []
    # More keys than one IN list holds, and repeated keys: each document still comes once.
    many = list(range(1, 1200)) + band_keys(sig_b) + band_keys(sig_b)
    assert store.minhash_candidates(many) == [(b.doc_id, to_bytes(sig_b))]
    assert find_near_duplicate(store, make_doc(near).doc_id, signature(near)) == a.doc_id


def test_minhash_signature_bytes_come_back_unchanged(store: SQLiteStore):
    doc = make_doc("核不扩散条约审议大会在纽约开幕。" * 4)
    sig = signature(doc.text)
    store.put(doc, sig)
    [(doc_id, data)] = store.minhash_candidates(band_keys(sig)[:1])
    assert doc_id == doc.doc_id
    assert np.array_equal(np.frombuffer(data, dtype="<u8"), sig)


# -- listing and figures ------------------------------------------------------------------------------

@pytest.fixture
def listed(store: SQLiteStore) -> SQLiteStore:
    docs = [
        make_doc("一。", published="2022-03-01T08:00:00+00:00", outlet="BBC中文", lang="zh-Hans"),
        make_doc("二二。", published="2024-01-20", outlet="RFI 法广", lang="zh-Hant"),
        make_doc("三三三。", published=None, outlet="RFI 法广", lang="zh-Hans"),
        make_doc("四四四四。", published="2023-06-14T23:59:00+08:00", outlet=None, lang="en",
                 duplicate_of="0" * 64),
    ]
    for doc in docs:
        store.put(doc)
    return store


def test_list_documents_newest_first_undated_last(listed: SQLiteStore):
    rows = listed.list_documents()
    assert [r.published for r in rows] == ["2024-01-20", "2023-06-14T23:59:00+08:00", "2022-03-01T08:00:00+00:00",
                                           None]
    assert [r.chars for r in rows] == [3, 5, 2, 4]
    assert [r.published for r in listed.list_documents(limit=2, offset=1)] == [
        "2023-06-14T23:59:00+08:00", "2022-03-01T08:00:00+00:00"]


def test_list_documents_filters(listed: SQLiteStore):
    def published(**filters):
        return [r.published for r in listed.list_documents(**filters)]

    assert published(outlet="rfi 法广") == ["2024-01-20", None]
    assert published(lang="en") == ["2023-06-14T23:59:00+08:00"]
    assert published(since="2023") == ["2024-01-20", "2023-06-14T23:59:00+08:00"]
    assert published(until="2023-06-14") == ["2023-06-14T23:59:00+08:00", "2022-03-01T08:00:00+00:00"]
    assert published(since="2022-03-01", until="2022-03") == ["2022-03-01T08:00:00+00:00"]
    assert published(since="2024-01-21") == []
    with pytest.raises(ValueError, match="since"):
        listed.list_documents(since="yesterday")


def test_stats(listed: SQLiteStore, db: Path):
    rich = rich_doc()
    listed.put(rich)
    figures = listed.stats()
    assert figures["documents"] == 5
    assert figures["duplicates"] == 1
    assert figures["by_outlet"] == {"RFI 法广": 3, "BBC中文": 1}
    assert figures["by_lang"] == {"zh-Hans": 3, "zh-Hant": 1, "en": 1}
    assert (figures["first_published"], figures["last_published"]) == ("2022-03-01", "2024-01-20")
    assert (figures["entities"], figures["mentions"], figures["quotes"], figures["events"], figures["claims"]) == (
        2, 3, 2, 2, 2)
    assert figures["db_bytes"] >= db.stat().st_size > 0
    assert figures["schema_version"] == schema_version()
