"""Listing what a store holds: entities most named first, document counts and outlets for the pages' facets."""

from __future__ import annotations

import hashlib
import random

import pytest

from armswatch.document import Document
from armswatch.store.sqlite import SQLiteStore

TYPES = ("STATE", "PERSON", "WEAPON")


def make_doc(n: int, names: list[tuple[str, str, int]], **fields) -> Document:
    """Article n naming each (entity id, type, times) the given number of times."""
    text = f"第{n}篇。" + "".join(f"甲{i}乙" * times for i, (_, _, times) in enumerate(names))
    entities, at = [], len(f"第{n}篇。")
    for i, (entity_id, entity_type, times) in enumerate(names):
        mentions = []
        for _ in range(times):
            mentions.append({"start": at, "end": at + len(f"甲{i}乙"), "text": f"甲{i}乙"})
            at += len(f"甲{i}乙")
        entities.append({"id": entity_id, "type": entity_type, "name": entity_id, "name_en": None, "roles": [],
                         "mentions": mentions})
    return Document(source_path=f"{n}.md", text=text, doc_id=hashlib.sha256(text.encode()).hexdigest(),
                    entities=entities, **fields)


@pytest.fixture
def counted(store: SQLiteStore) -> dict[str, tuple[str, int, int]]:
    """Forty articles naming thirty entities at random, with many ties; returns id → (type, articles, mentions)."""
    rng = random.Random(7)
    ids = [(f"new:{TYPES[i % 3].lower()}/{i:02d}", TYPES[i % 3]) for i in range(30)]
    truth: dict[str, list] = {entity_id: [entity_type, 0, 0] for entity_id, entity_type in ids}
    for n in range(40):
        named = [(entity_id, entity_type, rng.choice((1, 1, 2, 3))) for entity_id, entity_type
                 in rng.sample(ids[:25], rng.randint(1, 6))]  # the last five are named nowhere
        assert store.put(make_doc(n, named, outlet=("RFI 法广", "美国之音", None)[n % 3],
                                  published=f"2024-{n % 12 + 1:02d}-01"))
        for entity_id, _, times in named:
            truth[entity_id][1] += 1
            truth[entity_id][2] += times
    with store._conn:  # entities no article names any more (their article was replaced by hand)
        store._conn.executemany("INSERT INTO entities (id, type, name) VALUES (?, ?, ?)",
                                [(entity_id, entity_type, entity_id) for entity_id, entity_type in ids[25:]])
    return {entity_id: tuple(values) for entity_id, values in truth.items()}


def expected(counted, type: str | None = None) -> list[tuple[str, int, int]]:
    rows = [(entity_id, articles, mentions) for entity_id, (entity_type, articles, mentions) in counted.items()
            if type is None or entity_type == type]
    return sorted(rows, key=lambda row: (-row[1], -row[2], row[0]))


@pytest.mark.parametrize("type", [None, "PERSON", "weapon"])
def test_entities_come_most_named_first_and_page_without_gaps(store: SQLiteStore, counted, type):
    want = expected(counted, type and type.upper())
    assert [(m.id, m.articles, m.mentions) for m in store.list_entities(type=type, limit=100)] == want
    pages = [store.list_entities(type=type, limit=4, offset=offset) for offset in range(0, len(want) + 4, 4)]
    assert [(m.id, m.articles, m.mentions) for page in pages for m in page] == want
    assert want[-1][1] == 0  # the entities named nowhere close the list


def test_document_counts_follow_the_filters_and_outlets_are_counted(store: SQLiteStore, counted):
    assert store.count_documents() == 40 == len(store.list_documents(limit=100))
    assert store.count_documents(outlet="rfi 法广") == 14 == len(store.list_documents(outlet="RFI 法广", limit=100))
    assert store.count_documents(since="2024-03", until="2024-04") == 8 == len(
        store.list_documents(since="2024-03", until="2024-04", limit=100))
    assert store.outlets() == {"RFI 法广": 14, "美国之音": 13}
    assert store.stats()["by_outlet"] == store.outlets()
