"""The JSON Lines export gives back exactly the stored records, every one once."""

from __future__ import annotations

import io
import json

from armswatch.export.records import document_ids, iter_documents, write_jsonl
from armswatch.store import open_store


def test_jsonl_round_trips_to_the_stored_records(any_db: str):
    with open_store(any_db) as store:
        sink = io.StringIO()
        counts = write_jsonl(store, sink)
        lines = sink.getvalue().splitlines()
        records = [json.loads(line) for line in lines]
        assert counts == {"records": len(records)} == {"records": store.stats()["documents"]}
        assert len({r["doc_id"] for r in records}) == len(records)
        for record in records:
            assert record == store.get(record["doc_id"]).to_record()
            assert record["format"] == "armswatch.record/1"


def test_paging_lists_every_document_once_whatever_the_page_size(any_db: str):
    with open_store(any_db) as store:
        everything = [s.doc_id for s in store.list_documents(limit=10_000)]
        for page in (1, 2, 3, 500):
            assert document_ids(store, page) == everything
        assert [doc.doc_id for doc in iter_documents(store, page=2)] == everything


def test_an_empty_store_exports_nothing(tmp_path):
    with open_store(tmp_path / "empty.db") as store:
        sink = io.StringIO()
        assert write_jsonl(store, sink) == {"records": 0}
        assert sink.getvalue() == ""
