"""The records flattened into one table per kind, for spreadsheets, pandas, R and SQL engines.

Kinds: documents, entities (one row per entity per document), mentions (one row per mention),
quotes, events and claims. Tables join on `doc_id`; quotes, events and claims have an id of their
own (`<doc_id>:<index in the record>`), the same the PLOVER export gives an event. Argument roles and
other lists are id lists with a readable name column beside them, names as the record gives them.

The columns are declared once, with their types, so a CSV and a Parquet export have the same
columns in the same order, and an empty table still has its header and schema. In CSV a list is
its items joined with "; " and a missing value is an empty cell; Parquet keeps real lists and nulls.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from armswatch.document import Document
from armswatch.export.files import atomic_path
from armswatch.export.records import iter_documents, span_id
from armswatch.store.base import Store

LIST_SEPARATOR = "; "
# Rows per Parquet row group: bounds the memory an export holds whatever the size of the store.
BATCH_ROWS = 10_000
ROLES = ("actor", "recipient", "weapon", "treaty", "location")


@dataclass(frozen=True)
class Column:
    name: str
    kind: str  # str | int | float | bool | list (of strings)


def _columns(spec: str) -> tuple[Column, ...]:
    """Columns from "name:kind name:kind …" (kind str when left out): the tables below stay readable."""
    return tuple(Column(*(item.split(":") if ":" in item else (item, "str"))) for item in spec.split())


TABLES: dict[str, tuple[Column, ...]] = {
    "documents": _columns("doc_id published title outlet url original_source lang duplicate_of author source_format "
                          "source_path chars:int entities:int mentions:int quotes:int events:int claims:int text"),
    "entities": _columns("doc_id entity_id type name name_en roles:list mentions:int forms:list first_start:int"),
    "mentions": _columns("doc_id entity_id start:int end:int text"),
    "quotes": _columns("quote_id doc_id speaker speaker_label speakers:list speaker_name direct:bool text start:int "
                       "end:int cited_source cited_date"),
    "events": _columns("event_id doc_id type subtype status date "
                       + " ".join(f"{role}:list {role}_names:list" for role in ROLES)
                       + " evidence_start:int evidence_end:int evidence"),
    "claims": _columns("claim_id doc_id value:float value_max:float unit about:list about_names:list text start:int "
                       "end:int"),
}


def _list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _names(doc: Document) -> Callable[[str], str]:
    """An entity id's readable name in this record: its name, else its English name, else the id itself."""
    known = {e.get("id"): e.get("name") or e.get("name_en") for e in doc.entities}
    return lambda entity_id: known.get(entity_id) or str(entity_id)


def document_rows(doc: Document) -> dict[str, list[dict[str, Any]]]:
    """The rows of one record in every table, keyed by table."""
    name = _names(doc)
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in TABLES}
    mention_count = 0
    for entity in doc.entities:
        mentions = _list(entity.get("mentions"))
        mention_count += len(mentions)
        rows["entities"].append({
            "doc_id": doc.doc_id, "entity_id": entity.get("id"), "type": entity.get("type"),
            "name": entity.get("name"), "name_en": entity.get("name_en"), "roles": _list(entity.get("roles")),
            "mentions": len(mentions), "forms": list(dict.fromkeys(m.get("text") for m in mentions if m.get("text"))),
            "first_start": min((m["start"] for m in mentions if m.get("start") is not None), default=None)})
        rows["mentions"].extend({"doc_id": doc.doc_id, "entity_id": entity.get("id"), "start": m.get("start"),
                                 "end": m.get("end"), "text": m.get("text")} for m in mentions)
    for n, quote in enumerate(doc.quotes):
        speaker = quote.get("speaker")
        rows["quotes"].append({
            "quote_id": span_id(doc.doc_id, n), "doc_id": doc.doc_id, "speaker": speaker,
            "speaker_label": name(speaker) if speaker else quote.get("speaker_name"),
            "speakers": _list(quote.get("speakers")), "speaker_name": quote.get("speaker_name"),
            "direct": quote.get("direct"), "text": quote.get("text"), "start": quote.get("start"),
            "end": quote.get("end"), "cited_source": quote.get("cited_source"), "cited_date": quote.get("cited_date")})
    for n, event in enumerate(doc.events):
        evidence = event.get("evidence") or {}
        row = {"event_id": span_id(doc.doc_id, n), "doc_id": doc.doc_id, "type": event.get("type"),
               "subtype": event.get("subtype"), "status": event.get("status"), "date": event.get("date")}
        for role in ROLES:
            ids = _list(event.get(role))
            row[role], row[f"{role}_names"] = ids, [name(i) for i in ids]
        row.update({"evidence_start": evidence.get("start"), "evidence_end": evidence.get("end"),
                    "evidence": evidence.get("text")})
        rows["events"].append(row)
    for n, claim in enumerate(doc.claims):
        about = _list(claim.get("about"))
        rows["claims"].append({
            "claim_id": span_id(doc.doc_id, n), "doc_id": doc.doc_id, "value": claim.get("value"),
            "value_max": claim.get("value_max"), "unit": claim.get("unit"), "about": about,
            "about_names": [name(i) for i in about], "text": claim.get("text"), "start": claim.get("start"),
            "end": claim.get("end")})
    rows["documents"].append({
        "doc_id": doc.doc_id, "published": doc.published, "title": doc.title, "outlet": doc.outlet, "url": doc.url,
        "original_source": doc.original_source, "lang": doc.lang, "duplicate_of": doc.duplicate_of,
        "author": doc.author, "source_format": doc.source_format, "source_path": doc.source_path,
        "chars": len(doc.text), "entities": len(doc.entities), "mentions": mention_count, "quotes": len(doc.quotes),
        "events": len(doc.events), "claims": len(doc.claims), "text": doc.text})
    return rows


def iter_rows(store: Store) -> Iterator[dict[str, list[dict[str, Any]]]]:
    """The rows of every stored record, one record at a time."""
    for doc in iter_documents(store):
        yield document_rows(doc)


# -- writers -------------------------------------------------------------------------------------------


def _csv_cell(value: Any, kind: str) -> str:
    if value is None:
        return ""
    if kind == "list":
        return LIST_SEPARATOR.join(str(item) for item in value)
    if kind == "bool":
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # 1550, as the article wrote it, not 1550.0
    return str(value)


class CsvTable:
    """One table as a CSV file: UTF-8, a header row, "; "-joined lists, empty cells for nulls."""

    suffix = ".csv"

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        self.columns = columns
        self._file = path.open("w", encoding="utf-8", newline="")
        self._writer = csv.writer(self._file)
        self._writer.writerow([c.name for c in columns])

    def write(self, rows: list[dict[str, Any]]) -> None:
        self._writer.writerows([_csv_cell(row.get(c.name), c.kind) for c in self.columns] for row in rows)

    def close(self) -> None:
        self._file.close()


class ParquetTable:
    """One table as a Parquet file with a declared schema (real lists, nulls), written in row groups."""

    suffix = ".parquet"

    def __init__(self, path: Path, columns: tuple[Column, ...]) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        types = {"str": pa.string(), "int": pa.int64(), "float": pa.float64(), "bool": pa.bool_(),
                 "list": pa.list_(pa.string())}
        self._pa = pa
        self.schema = pa.schema([pa.field(c.name, types[c.kind]) for c in columns])
        self._writer = pq.ParquetWriter(str(path), self.schema)
        self._buffer: list[dict[str, Any]] = []

    def write(self, rows: list[dict[str, Any]]) -> None:
        self._buffer.extend(rows)
        if len(self._buffer) >= BATCH_ROWS:
            self._flush()

    def _flush(self) -> None:
        if self._buffer:
            self._writer.write_table(self._pa.Table.from_pylist(self._buffer, schema=self.schema))
            self._buffer = []

    def close(self) -> None:
        self._flush()
        self._writer.close()


WRITERS: dict[str, type[CsvTable] | type[ParquetTable]] = {"csv": CsvTable, "parquet": ParquetTable}


def write_tables(store: Store, directory: Path, fmt: str) -> dict[str, int]:
    """Every table into `directory` as <kind>.csv or <kind>.parquet; row counts per table.

    All files are written side by side under temporary names and renamed only once every record went
    through, so a failure leaves none of them half-written and the previous export's files in place.
    """
    writer = WRITERS[fmt]
    counts = dict.fromkeys(TABLES, 0)
    with ExitStack() as files:
        temps = {kind: files.enter_context(atomic_path(directory / f"{kind}{writer.suffix}")) for kind in TABLES}
        with ExitStack() as open_tables:  # every table closed before any file is renamed (or removed)
            tables = {}
            for kind, columns in TABLES.items():
                tables[kind] = writer(temps[kind], columns)
                open_tables.callback(tables[kind].close)
            for rows in iter_rows(store):
                for kind, table_rows in rows.items():
                    tables[kind].write(table_rows)
                    counts[kind] += len(table_rows)
    return counts
