"""Every stored record, through the Store interface only, so exports work on any backend.

The store offers no "all documents" call: `list_documents` pages summaries and `get` gives the
whole record. The ids are read first, all of them, so the pages stay consistent while the records
are read one at a time (only one is held in memory); an ingest running meanwhile may add articles
the export then leaves out, but never makes it repeat or skip one it listed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import IO

from armswatch.document import Document
from armswatch.store.base import Store

PAGE = 500


def document_ids(store: Store, page: int = PAGE) -> list[str]:
    """The doc_id of every stored document, in the store's listing order (newest first)."""
    ids: dict[str, None] = {}
    offset = 0
    while True:
        summaries = store.list_documents(limit=page, offset=offset)
        ids.update(dict.fromkeys(summary.doc_id for summary in summaries))
        if len(summaries) < page:
            return list(ids)
        offset += page


def iter_documents(store: Store, page: int = PAGE) -> Iterator[Document]:
    """Every stored document, spans included, in the order of `document_ids`."""
    for doc_id in document_ids(store, page):
        doc = store.get(doc_id)
        if doc is not None:  # gone since it was listed
            yield doc


def span_id(doc_id: str, index: int) -> str:
    """The id exports give the index-th quote, event or claim of a record: stable while the article is."""
    return f"{doc_id}:{index}"


def write_jsonl(store: Store, sink: IO[str]) -> dict[str, int]:
    """Every stored record as one line of JSON (RECORD.md), as `armswatch extract` writes them."""
    count = 0
    for doc in iter_documents(store):
        sink.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")
        count += 1
    return {"records": count}
