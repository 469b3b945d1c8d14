"""Finding a stored entity by any name it goes by, and what the store says about it."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from armswatch.document import Document
from armswatch.store import open_store
from armswatch.store.base import EntityArticle, NameCount
from armswatch.store.sqlite import SQLiteStore, migrations, schema_version

LUKASHENKO = "kb:person/alexander-lukashenko"  # the knowledge base's id, so its aliases count too
WASHINGTON = "kb:place/washington"
GEORGE = "new:person/0a1b2c3d"


def spans(body: str, forms: list[str]) -> list[dict]:
    """Mentions of each form in turn, so a form listed twice gives its first two occurrences."""
    found, after = [], {}
    for form in forms:
        start = body.index(form, after.get(form, 0))
        after[form] = start + len(form)
        found.append({"start": start, "end": start + len(form), "text": form})
    return found


def lukashenko(body: str, forms: list[str], roles: list[str]) -> dict:
    return {"id": LUKASHENKO, "type": "PERSON", "name": "亚历山大·卢卡申科", "name_en": "Alexander Lukashenko",
            "roles": roles, "mentions": spans(body, forms)}


def make_doc(text: str, entities: list[dict], **fields) -> Document:
    doc_id = hashlib.sha256(text.encode()).hexdigest()
    return Document(source_path=f"{doc_id[:8]}.md", text=text, doc_id=doc_id, entities=entities, **fields)


NEWEST = "白俄罗斯总统卢卡申科周六说，卢卡申科已接收核武器。"
OLDER = "白俄羅斯總統盧卡申科表示歡迎。"
UNDATED = "Lukashenko said the weapons had arrived."


@pytest.fixture
def stored(store: SQLiteStore) -> dict[str, Document]:
    """Three articles naming Lukashenko in three scripts (one a near-duplicate), and two Washingtons."""
    newest = make_doc(NEWEST, [lukashenko(NEWEST, ["卢卡申科", "卢卡申科"], ["白俄罗斯总统"])],
                      title="卢卡申科：核武器已运抵", published="2024-01-20T12:51:00+00:00", outlet="RFI 法广")
    older = make_doc(OLDER, [lukashenko(OLDER, ["盧卡申科"], ["白俄罗斯总统", "总统"])],
                     title="盧卡申科表態", published="2023-05-01", outlet="美国之音")
    undated = make_doc(UNDATED, [lukashenko(UNDATED, ["Lukashenko"], [])], duplicate_of=newest.doc_id)
    capital = "华盛顿方面表示，乔治·华盛顿的故居将重新开放。华盛顿生前在此居住。"
    last = capital.rindex("华盛顿")  # the person again, by his surname alone
    george = [*spans(capital, ["乔治·华盛顿"]), {"start": last, "end": last + 3, "text": "华盛顿"}]
    washingtons = make_doc(capital, [
        {"id": WASHINGTON, "type": "PLACE", "name": "华盛顿", "name_en": "Washington, D.C.", "roles": [],
         "mentions": spans(capital, ["华盛顿"])},
        {"id": GEORGE, "type": "PERSON", "name": "乔治·华盛顿", "name_en": None, "roles": [], "mentions": george},
    ], published="2022-02-22")
    docs = {"newest": newest, "older": older, "undated": undated, "washingtons": washingtons}
    for doc in docs.values():
        assert store.put(doc)
    return docs


@pytest.mark.parametrize("name", [
    "卢卡申科", "盧卡申科", "Lukashenko", "LUKASHENKO", " lukashenko ",  # forms articles used
    "亚历山大·卢卡申科", "亞歷山大．盧卡申科", "Alexander Lukashenko", "alexander-lukashenko",  # its stored names
    "Lukashenka", "Alyaksandr Lukashenka",  # only the knowledge base knows these
    LUKASHENKO,
])
def test_every_name_in_every_script_finds_the_same_entity(store: SQLiteStore, stored, name: str):
    assert [m.id for m in store.find_entities(name)] == [LUKASHENKO]


def test_a_match_carries_its_counts(store: SQLiteStore, stored):
    [match] = store.find_entities("盧卡申科")
    assert (match.type, match.name, match.name_en) == ("PERSON", "亚历山大·卢卡申科", "Alexander Lukashenko")
    assert (match.articles, match.mentions) == (3, 4)


def test_a_name_two_entities_share_finds_both_most_named_first(store: SQLiteStore, stored):
    found = store.find_entities("華盛頓")
    assert [(m.id, m.mentions) for m in found] == [(GEORGE, 2), (WASHINGTON, 1)]
    assert [m.id for m in store.find_entities("乔治华盛顿")] == [GEORGE]


def test_nothing_matches_an_unknown_name_or_id(store: SQLiteStore, stored):
    assert store.find_entities("普京") == []  # in the knowledge base, but no stored article names him
    assert store.find_entities("·  ") == []
    assert store.find_entities("kb:person/nobody") == []
    assert store.entity_profile("kb:person/nobody") is None


def test_profile_counts_aliases_roles_and_lists_articles_newest_first(store: SQLiteStore, stored):
    profile = store.entity_profile(LUKASHENKO)
    assert (profile.articles, profile.mentions) == (3, 4)
    assert profile.aliases == [NameCount("卢卡申科", 2), NameCount("Lukashenko", 1), NameCount("盧卡申科", 1)]
    assert profile.roles == [NameCount("白俄罗斯总统", 2), NameCount("总统", 1)]
    assert {"Lukashenka", "卢卡申科", "Alexander Lukashenko"} <= set(profile.kb_aliases)
    newest, older, undated = stored["newest"], stored["older"], stored["undated"]
    assert profile.recent == [
        EntityArticle(newest.doc_id, newest.title, newest.published, "RFI 法广", None, 2),
        EntityArticle(older.doc_id, older.title, older.published, "美国之音", None, 1),
        EntityArticle(undated.doc_id, None, None, None, newest.doc_id, 1),  # undated last, flagged as duplicate
    ]


def test_profile_limit_shortens_the_list_not_the_counts(store: SQLiteStore, stored):
    profile = store.entity_profile(LUKASHENKO, limit=1)
    assert [a.doc_id for a in profile.recent] == [stored["newest"].doc_id]
    assert profile.articles == 3
    assert store.entity_profile(LUKASHENKO, limit=0).recent == []


def test_an_entity_not_in_the_knowledge_base_has_no_kb_aliases(store: SQLiteStore, stored):
    profile = store.entity_profile(GEORGE)
    assert profile.kb_aliases == []
    assert profile.aliases == [NameCount("乔治·华盛顿", 1), NameCount("华盛顿", 1)]


def test_an_entity_named_only_in_the_title_counts_the_article(store: SQLiteStore):
    doc = make_doc("正文没有提到他。", [{"id": LUKASHENKO, "type": "PERSON", "name": "亚历山大·卢卡申科",
                                        "name_en": None, "roles": [], "mentions": []}], title="卢卡申科")
    store.put(doc)
    [match] = store.find_entities("亚历山大卢卡申科")
    assert (match.articles, match.mentions) == (1, 0)
    assert [(a.doc_id, a.mentions) for a in store.entity_profile(LUKASHENKO).recent] == [(doc.doc_id, 0)]


def test_names_table_keeps_one_row_per_entity_and_key(store: SQLiteStore, stored):
    rows = store._conn.execute("SELECT key, name FROM entity_names WHERE entity_id = ? ORDER BY key",
                               (LUKASHENKO,)).fetchall()
    assert [tuple(r) for r in rows] == [
        ("alexanderlukashenko", "Alexander Lukashenko"), ("lukashenko", "Lukashenko"),
        ("亚历山大卢卡申科", "亚历山大·卢卡申科"), ("卢卡申科", "卢卡申科")]  # 盧卡申科 shares 卢卡申科's key


# -- upgrading a version-1 store --------------------------------------------------------------------------

def test_a_version_1_store_is_upgraded_and_its_names_backfilled(tmp_path: Path):
    path = tmp_path / "v1.db"
    version, script = migrations()[0]
    assert version == 1
    conn = sqlite3.connect(path)
    conn.executescript(script)
    conn.executescript(f"""
        PRAGMA user_version = 1;
        INSERT INTO documents (doc_id, source_path, lang, ingested_at, text, published)
            VALUES ('d1', 'a.md', 'zh-Hant', '2024-01-01T00:00:00+00:00', '盧卡申科說', '2024-01-01');
        INSERT INTO entities VALUES ('{LUKASHENKO}', 'PERSON', '亚历山大·卢卡申科', NULL),
                                    ('new:org/x', 'ORG', NULL, NULL);
        INSERT INTO document_entities VALUES ('d1', '{LUKASHENKO}', 0, NULL), ('d1', 'new:org/x', 1, NULL);
        INSERT INTO mentions (doc_id, entity_id, start, "end", text) VALUES ('d1', '{LUKASHENKO}', 0, 4, '盧卡申科'),
            ('d1', '{LUKASHENKO}', 0, 4, '盧卡申科'), ('d1', 'new:org/x', 4, 5, NULL);
    """)
    conn.close()

    with open_store(path) as store:
        assert store.stats()["schema_version"] == schema_version() >= 2
        names = store._conn.execute("SELECT entity_id, key, name FROM entity_names ORDER BY key").fetchall()
        assert [tuple(r) for r in names] == [(LUKASHENKO, "亚历山大卢卡申科", "亚历山大·卢卡申科"),
                                             (LUKASHENKO, "卢卡申科", "盧卡申科")]
        [match] = store.find_entities("卢卡申科")
        assert (match.id, match.articles, match.mentions) == (LUKASHENKO, 1, 2)
