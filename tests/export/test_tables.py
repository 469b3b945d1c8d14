"""CSV and Parquet tables: the declared columns, one row per item of the records, the records' values."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from export_cases import ISKANDER, RUSSIA

from armswatch.export.records import iter_documents
from armswatch.export.tables import LIST_SEPARATOR, TABLES, write_tables
from armswatch.store import open_store


def read_csv(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    """Header and rows of an exported CSV, cells turned back into values by the table's column kinds."""
    kinds = {c.name: c.kind for c in TABLES[path.stem]}
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader)

        def value(name: str, cell: str) -> Any:
            if kinds[name] == "list":
                return cell.split(LIST_SEPARATOR) if cell else []
            if cell == "":
                return None
            return {"int": int, "float": float, "bool": lambda c: c == "true"}.get(kinds[name], str)(cell)

        return header, [{name: value(name, cell) for name, cell in zip(header, row, strict=True)} for row in reader]


def read_parquet(path: Path) -> tuple[list[str], list[dict[str, Any]]]:
    table = pq.read_table(path)
    return table.column_names, table.to_pylist()


READERS = {"csv": read_csv, "parquet": read_parquet}


def expected_rows(db: str) -> dict[str, list[dict[str, Any]]]:
    """What each table must hold, read off the stored records independently of the exporter."""
    rows: dict[str, list[dict[str, Any]]] = {kind: [] for kind in TABLES}
    with open_store(db) as store:
        for doc in iter_documents(store):
            rec = doc.to_record()
            names = {e["id"]: e["name"] or e["name_en"] or e["id"] for e in rec["entities"]}
            rows["documents"].append({"doc_id": rec["doc_id"], "title": rec["title"], "text": rec["text"],
                                      "duplicate_of": rec["duplicate_of"], "events": len(rec["events"])})
            for e in rec["entities"]:
                rows["entities"].append({"doc_id": rec["doc_id"], "entity_id": e["id"], "roles": e["roles"],
                                         "mentions": len(e["mentions"])})
                rows["mentions"].extend({"doc_id": rec["doc_id"], "entity_id": e["id"], "start": m["start"],
                                         "end": m["end"], "text": m["text"]} for m in e["mentions"])
            for n, q in enumerate(rec["quotes"]):
                rows["quotes"].append({"quote_id": f"{rec['doc_id']}:{n}", "speaker": q["speaker"], "text": q["text"],
                                       "speakers": q.get("speakers") or [], "direct": q["direct"]})
            for n, ev in enumerate(rec["events"]):
                rows["events"].append({"event_id": f"{rec['doc_id']}:{n}", "type": ev["type"], "actor": ev["actor"],
                                       "actor_names": [names.get(i, i) for i in ev["actor"]], "weapon": ev["weapon"],
                                       "date": ev["date"], "evidence": (ev["evidence"] or {}).get("text")})
            for n, c in enumerate(rec["claims"]):
                rows["claims"].append({"claim_id": f"{rec['doc_id']}:{n}", "value": c["value"],
                                       "value_max": c["value_max"], "about": c["about"], "unit": c["unit"]})
    return rows


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_each_table_has_its_columns_and_one_row_per_item_of_the_records(any_db: str, tmp_path: Path, fmt: str):
    out = tmp_path / "tables"
    with open_store(any_db) as store:
        counts = write_tables(store, out, fmt)
    expected = expected_rows(any_db)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{kind}.{fmt}" for kind in TABLES)  # no temp files left
    for kind, columns in TABLES.items():
        header, rows = READERS[fmt](out / f"{kind}.{fmt}")
        assert header == [c.name for c in columns], kind
        assert counts[kind] == len(rows) == len(expected[kind]), kind
        for row, want in zip(rows, expected[kind], strict=True):
            assert {key: row[key] for key in want} == want, kind


def test_the_hand_built_cases_come_out_as_written(hand_db: str, tmp_path: Path):
    with open_store(hand_db) as store:
        write_tables(store, tmp_path, "csv")  # an existing directory (it holds the store) is fine
    _, events = read_csv(tmp_path / "events.csv")
    transfer = next(e for e in events if e["type"] == "TRANSFER" and e["date"] == "2023-06")
    assert (transfer["actor"], transfer["actor_names"]) == ([RUSSIA], ["俄罗斯"])
    assert transfer["weapon_names"] == ["伊斯坎德尔"]
    assert transfer["weapon"] == [ISKANDER] and transfer["evidence"] == "俄罗斯向白俄罗斯交付了伊斯坎德尔导弹"
    # Numbers as the article wrote them, ranges with their upper bound.
    text = (tmp_path / "claims.csv").read_text(encoding="utf-8")
    assert ",1000,1500,warheads," in text and ",1550,,warheads," in text
    _, quotes = read_csv(tmp_path / "quotes.csv")
    joint = next(q for q in quotes if q["speakers"])
    assert (joint["speaker_label"], len(joint["speakers"]), joint["cited_date"]) == ("卢卡申科", 2, "2024-02-28")
    unresolved = next(q for q in quotes if q["speaker"] is None)
    assert unresolved["speaker_label"] == "有人" and unresolved["direct"] is False
    _, documents = read_csv(tmp_path / "documents.csv")
    empty = next(d for d in documents if d["entities"] == 0)
    assert (empty["published"], empty["mentions"], empty["events"]) == (None, 0, 0)


def test_parquet_keeps_types_lists_and_nulls(hand_db: str, tmp_path: Path):
    with open_store(hand_db) as store:
        write_tables(store, tmp_path, "parquet")
    schema = pq.read_schema(tmp_path / "events.parquet")
    assert str(schema.field("actor").type) == "list<element: string>"
    assert str(schema.field("evidence_start").type) == "int64"
    claims = pq.read_table(tmp_path / "claims.parquet").to_pylist()
    assert sorted((c["value"], c["value_max"]) for c in claims) == [(1000.0, 1500.0), (1550.0, None)]


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_an_empty_store_still_gives_every_table_with_its_columns(tmp_path: Path, fmt: str):
    with open_store(tmp_path / "empty.db") as store:
        assert set(write_tables(store, tmp_path / "out", fmt).values()) == {0}
    for kind, columns in TABLES.items():
        header, rows = READERS[fmt](tmp_path / "out" / f"{kind}.{fmt}")
        assert (header, rows) == ([c.name for c in columns], [])
