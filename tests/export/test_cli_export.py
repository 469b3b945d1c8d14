"""`armswatch export` as a user runs it: a real store file, real files out, real exit codes and messages."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.export import FORMATS
from armswatch.export.tables import TABLES
from armswatch.store import open_store

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, list(args), catch_exceptions=False)


def test_every_format_writes_its_files_and_a_summary(hand_db: str, tmp_path: Path):
    with open_store(hand_db) as store:
        stats = store.stats()
    done = run("export", "--db", hand_db, "--format", "jsonl", "--output", str(tmp_path / "records.jsonl"))
    assert done.exit_code == 0, done.stderr
    assert len((tmp_path / "records.jsonl").read_text(encoding="utf-8").splitlines()) == stats["documents"]
    assert f"jsonl: {stats['documents']} records → {tmp_path / 'records.jsonl'}" in done.stderr

    for fmt in ("csv", "parquet"):
        done = run("export", "--db", hand_db, "-f", fmt, "-o", str(tmp_path / fmt))
        assert done.exit_code == 0, done.stderr
        assert sorted(p.name for p in (tmp_path / fmt).iterdir()) == sorted(f"{k}.{fmt}" for k in TABLES)
        assert f"{stats['documents']} documents" in done.stderr and f"{stats['events']} events" in done.stderr
    assert pq.read_table(tmp_path / "parquet" / "events.parquet").num_rows == stats["events"]

    done = run("export", "--db", hand_db, "--format", "graphml", "--output", str(tmp_path / "net.graphml"))
    assert done.exit_code == 0, done.stderr
    graph = nx.read_graphml(tmp_path / "net.graphml")
    assert f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges" in done.stderr

    done = run("export", "--db", hand_db, "--format", "PLOVER", "--output", str(tmp_path / "events.jsonl"))
    assert done.exit_code == 0, done.stderr
    lines = (tmp_path / "events.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == stats["events"] and all(json.loads(line)["event_type"] for line in lines)
    assert f"plover: {stats['events']} events" in done.stderr


@pytest.mark.parametrize("fmt", ["jsonl", "plover", "graphml"])
def test_single_file_formats_write_to_stdout(hand_db: str, fmt: str):
    done = run("export", "--db", hand_db, "--format", fmt, "--output", "-")
    assert done.exit_code == 0, done.stderr
    if fmt == "graphml":
        assert done.stdout_bytes.startswith(b"<?xml") and b"<graphml" in done.stdout_bytes
    else:
        assert all(json.loads(line) for line in done.stdout.splitlines()) and done.stdout
    assert "→ stdout" in done.stderr


def test_errors_say_what_is_wrong(hand_db: str, tmp_path: Path):
    unknown = run("export", "--db", hand_db, "--format", "xlsx", "--output", str(tmp_path / "x"))
    assert unknown.exit_code == 2
    assert f"unknown --format 'xlsx'; one of: {', '.join(FORMATS)}" in unknown.stderr
    missing = run("export", "--db", str(tmp_path / "nowhere.db"), "--format", "jsonl", "--output", "-")
    assert missing.exit_code == 2 and f"no store at {tmp_path / 'nowhere.db'}" in missing.stderr
    assert not (tmp_path / "nowhere.db").exists()
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for fmt, output in (("jsonl", blocker / "out.jsonl"), ("csv", blocker / "tables")):
        unwritable = run("export", "--db", hand_db, "--format", fmt, "--output", str(output))
        assert unwritable.exit_code == 2, fmt
        assert str(blocker) in unwritable.stderr, unwritable.stderr
    is_file = run("export", "--db", hand_db, "--format", "parquet", "--output", str(blocker))
    assert is_file.exit_code == 2 and "is a file; parquet writes one file per kind" in is_file.stderr
    to_stdout = run("export", "--db", hand_db, "--format", "csv", "--output", "-")
    assert to_stdout.exit_code == 2 and "give a directory, not '-'" in to_stdout.stderr
    no_output = run("export", "--db", hand_db, "--format", "csv")
    assert no_output.exit_code == 2 and "--output" in no_output.stderr


def test_the_help_names_every_format():
    shown = run("export", "--help")
    assert shown.exit_code == 0
    for fmt in FORMATS:
        assert fmt in shown.stdout
