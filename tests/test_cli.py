"""The command line as a user drives it: real files, a real SQLite store, real exit codes."""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armswatch.cli import app

SAMPLES = Path(__file__).parent / "ingest" / "samples"
runner = CliRunner()


def run(*args: str, input: bytes | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def test_ingest_summary_adds_up_and_reingest_is_a_no_op(db):
    first = run("ingest", "--db", db, str(SAMPLES))
    assert first.exit_code == 1, first.output  # articles.jsonl holds a broken line and an item without text
    assert "rejected" in first.stderr and "articles.jsonl:2" in first.stderr
    summary = json.loads(run("ingest", "--db", db, "--json", str(SAMPLES)).stdout)
    assert summary["ingested"] == 0 and summary["duplicates"] == 0
    assert summary["unchanged"] + len(summary["rejected"]) == summary["articles"]
    stats = json.loads(run("stats", "--db", db, "--json").stdout)
    assert stats["documents"] == summary["unchanged"]


def test_rejected_inputs_are_named_and_the_batch_goes_on(db, tmp_path):
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(64))
    (tmp_path / "empty.txt").write_text("")
    good = tmp_path / "good.txt"
    good.write_text((SAMPLES / "plaintext.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = run("ingest", "--db", db, "--json", str(tmp_path / "image.png"), str(tmp_path / "empty.txt"), str(good))
    assert result.exit_code == 1
    summary = json.loads(result.stdout)
    assert summary["ingested"] == 1
    reasons = {Path(r["source"]).name: r["reason"] for r in summary["rejected"]}
    assert set(reasons) == {"image.png", "empty.txt"}
    assert "binary" in reasons["image.png"] and "empty" in reasons["empty.txt"]


def test_usage_errors_exit_2(db):
    assert run("ingest", "--db", db, "--format", "nonsense", str(SAMPLES)).exit_code == 2
    assert run("extract", "--stages", "entities,telepathy", str(SAMPLES)).exit_code == 2
    assert run("search", "--db", db, "x", "--since", "last week").exit_code == 2
    assert run("frobnicate").exit_code == 2
    assert run("show", "--db", db, "abc").exit_code == 2  # no store there yet


def test_search_show_and_stats(db):
    run("ingest", "--db", db, str(SAMPLES))
    hits = json.loads(run("search", "--db", db, "--json", "盧卡申科").stdout)  # traditional query, simplified text
    assert any("卢卡申科" in h["snippet"] for h in hits)
    doc_id = hits[0]["doc_id"]
    shown = json.loads(run("show", "--db", db, "--json", doc_id[:10]).stdout)
    assert shown["doc_id"] == doc_id and shown["format"] == "armswatch.record/1"
    assert "卢卡申科" in run("show", "--db", db, doc_id).stdout
    assert run("show", "--db", db, "0" * 64).exit_code == 1
    dated = json.loads(run("search", "--db", db, "--json", "--since", "2024-01-01", "导弹").stdout)
    assert dated and all(h["published"] >= "2024-01-01" for h in dated)


def test_extract_writes_json_lines_and_reads_stdin(tmp_path):
    out = tmp_path / "run.jsonl"
    result = run("extract", str(SAMPLES / "gnews.md"), str(SAMPLES / "feed.xml"), "-o", str(out))
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["source_format"] for r in records] == ["gnews", "feed", "feed"]
    assert all(isinstance(r["entities"], list) and r["text"] for r in records)  # whatever the default stages find
    piped = run("extract", "-", input=(SAMPLES / "plaintext.txt").read_bytes())
    assert piped.exit_code == 0
    record = json.loads(piped.stdout)
    assert record["source_path"] == "<stdin>" and record["title"] == "北約防長開會討論援助烏克蘭"


def test_extract_runs_the_stages_asked_for():
    result = run("extract", "--stages", "entities", str(SAMPLES / "gnews.md"))
    assert result.exit_code == 0, result.stderr
    names = {e["name"] for e in json.loads(result.stdout)["entities"]}
    assert {"白俄罗斯", "俄罗斯", "伊斯坎德尔"} <= names


def _synthetic_articles(folder: Path, n: int) -> None:
    """Distinct articles in the plain-text repost layout, so each one is its own document."""
    rng = random.Random(7)
    # Common characters: random text over them gives articles that are neither equal nor near-duplicates.
    pool = "".join(chr(c) for c in range(0x4E00, 0x4E00 + 600))
    for i in range(n):
        body = "\n".join("".join(rng.choice(pool) for _ in range(rng.randint(60, 160))) + "。" for _ in range(6))
        (folder / f"art{i:04d}.txt").write_text(f"第{i}号文章标题\n{body}\n", encoding="utf-8")


def test_ingest_killed_mid_batch_then_rerun_stores_every_article_once(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    n = 1200
    _synthetic_articles(inputs, n)
    db = tmp_path / "killed.db"
    cmd = [sys.executable, "-m", "armswatch.cli", "ingest", "--db", str(db), "--workers", "1", str(inputs)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        stored = 0
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and proc.poll() is None:
            if db.exists():
                try:
                    with sqlite3.connect(db, timeout=1) as con:
                        stored = con.execute("SELECT count(*) FROM documents").fetchone()[0]
                except sqlite3.OperationalError:
                    stored = 0
            if stored >= 50:
                break
            time.sleep(0.02)
        assert proc.poll() is None, "ingest finished before it could be killed; raise n"
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    with sqlite3.connect(db) as con:
        partial = con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 50 <= partial < n
    rerun = subprocess.run(cmd + ["--json"], capture_output=True, text=True, timeout=300)
    assert rerun.returncode == 0, rerun.stderr
    summary = json.loads(rerun.stdout)
    assert summary["unchanged"] >= partial and summary["articles"] == n
    with sqlite3.connect(db) as con:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("SELECT count(*), count(DISTINCT doc_id) FROM documents").fetchone() == (n, n)
        sources = {Path(p).name for (p,) in con.execute("SELECT source_path FROM documents")}
    assert sources == {f"art{i:04d}.txt" for i in range(n)}


def test_entity_finds_the_same_entity_in_either_script(db, shared_dir):
    seeds = shared_dir / "corpus" / "seeds"
    articles = [seeds / "000_f5b72a09c03ed9d9.txt", seeds / "001_e197d68363d17f64.txt"]
    if not all(a.is_file() for a in articles):
        pytest.skip(f"needs the seed articles {', '.join(a.name for a in articles)} in {seeds}")
    assert run("ingest", "--db", db, "--stages", "entities", *map(str, articles)).exit_code == 0

    shown = run("entity", "--db", db, "卢卡申科")
    assert shown.exit_code == 0, shown.stderr
    assert "Lukashenko" in shown.stdout and "kb:person/" in shown.stdout

    def lukashenkos(payload) -> dict[str, dict]:
        profiles = payload if isinstance(payload, list) else [payload]  # a list when several entities match
        return {p["id"]: p for p in profiles if "Lukashenko" in (p["name_en"] or "")}

    simplified = lukashenkos(json.loads(run("entity", "--db", db, "--json", "卢卡申科").stdout))
    traditional = lukashenkos(json.loads(run("entity", "--db", db, "--json", "盧卡申科").stdout))
    assert simplified.keys() == traditional.keys() and len(simplified) == 1
    [profile] = traditional.values()
    assert profile["id"].startswith("kb:person/") and profile["type"] == "PERSON"
    assert profile["articles"] >= 1 and profile["mentions"] >= 1
    assert profile["recent"] and all(a["doc_id"] and a["mentions"] >= 0 for a in profile["recent"])


def test_entity_exit_codes(db):
    missing = run("entity", "--db", db, "卢卡申科")
    assert missing.exit_code == 2 and "no store" in missing.stderr
    assert run("ingest", "--db", db, "--stages", "", str(SAMPLES / "plaintext.txt")).exit_code == 0  # no entities
    unknown = run("entity", "--db", db, "卢卡申科")
    assert unknown.exit_code == 1 and "no entity named '卢卡申科'" in unknown.stderr


# -- quotes ---------------------------------------------------------------------------------------------------

QUOTED = "白俄罗斯总统卢卡申科周三说：“俄罗斯的核武器已经运抵白俄罗斯。”美國官員說，部署將破壞穩定。"
LONG = "斯托尔滕贝格说，" + "北约将继续加强东翼防御。" * 40


@pytest.fixture
def quoted_db(db) -> str:
    """A store holding three quotes written by hand: one direct and credited, one unresolved, one very long."""
    from armswatch.document import Document
    from armswatch.store import open_store

    def span(body: str, text: str) -> dict:
        start = body.index(text)
        return {"start": start, "end": start + len(text), "text": text}

    def doc(body: str, **fields) -> Document:
        return Document(source_path="hand.md", text=body, doc_id=hashlib.sha256(body.encode()).hexdigest(), **fields)

    lukashenko = {"id": "kb:person/alexander-lukashenko", "type": "PERSON", "name": "亚历山大·卢卡申科",
                  "name_en": "Alexander Lukashenko", "roles": [], "mentions": [span(QUOTED, "卢卡申科")]}
    said = span(QUOTED, "俄罗斯的核武器已经运抵白俄罗斯。")
    reported = span(QUOTED, "部署將破壞穩定")
    long_said = span(LONG, LONG[8:])
    with open_store(db) as store:
        store.put(doc(QUOTED, title="卢卡申科：核武器已运抵", published="2026-02-05T08:00:00+00:00", outlet="RFI 法广",
                      entities=[lukashenko], quotes=[
                          {"speaker": lukashenko["id"], "speaker_name": "卢卡申科", **said, "direct": True,
                           "cited_source": "俄新社", "cited_date": "2026-02-04"},
                          {"speaker": None, "speaker_name": "美國官員", **reported, "direct": False,
                           "cited_source": None, "cited_date": None}]))
        store.put(doc(LONG, title="北约东翼", published="2025-07-01", outlet="美国之音", quotes=[
            {"speaker": None, "speaker_name": "斯托尔滕贝格", **long_said, "direct": False,
             "cited_source": None, "cited_date": None}]))
    return db


def test_quotes_lists_each_quote_with_its_speaker_and_article(quoted_db):
    shown = run("quotes", "--db", quoted_db, "運抵")  # traditional query, simplified quote
    assert shown.exit_code == 0, shown.stderr
    lines = shown.stdout.splitlines()
    assert lines[0] == "2026-02-04  亚历山大·卢卡申科 (as 卢卡申科)  direct · via 俄新社"
    assert lines[1] == "  “俄罗斯的核武器已经运抵白俄罗斯。”"
    assert lines[2].startswith("  卢卡申科：核武器已运抵 · RFI 法广 · 2026-02-05 · ")
    assert "1 quote" in shown.stderr

    every = run("quotes", "--db", quoted_db)
    assert every.exit_code == 0
    # Newest first: the unresolved official's words are dated by the article, the credited quote a day earlier.
    assert every.stdout.index("2026-02-05  美國官員  reported") < every.stdout.index("2026-02-04")
    long_line = next(line for line in every.stdout.splitlines() if line.startswith("  北约将继续"))
    assert long_line.endswith("…") and len(long_line) < 300

    limited = run("quotes", "--db", quoted_db, "--limit", "1")
    assert limited.stdout.startswith("2026-02-05  美國官員") and "2026-02-04" not in limited.stdout
    assert "1 quote (more with a higher --limit)" in limited.stderr


def test_quotes_json_and_filters(quoted_db):
    hits = json.loads(run("quotes", "--db", quoted_db, "--json", "--speaker", "美国官员").stdout)
    assert [(h["speaker"], h["speaker_label"], h["text"], h["date"]) for h in hits] == [
        (None, "美國官員", "部署將破壞穩定", "2026-02-05")]
    [hit] = json.loads(run("quotes", "--db", quoted_db, "--json", "--speaker", "盧卡申科", "--until", "2026-02").stdout)
    assert (hit["speaker"], hit["direct"], hit["cited_source"], hit["speakers"]) == (
        "kb:person/alexander-lukashenko", True, "俄新社", [])
    assert len(json.loads(run("quotes", "--db", quoted_db, "--json", "--since", "2026").stdout)) == 2
    assert len(json.loads(run("quotes", "--db", quoted_db, "--json", "--until", "2025").stdout)) == 1
    about = json.loads(run("quotes", "--db", quoted_db, "--json", "--about", "卢卡申科").stdout)
    assert about == []  # mentioned before his quote, not inside it


def test_quotes_exit_codes(db, quoted_db):
    nothing = run("quotes", "--db", quoted_db, "核潜艇", "--speaker", "普京")
    assert nothing.exit_code == 1 and "no quotes match '核潜艇' --speaker '普京'" in nothing.stderr
    empty = run("quotes", "--db", quoted_db, "--json", "核潜艇")
    assert empty.exit_code == 1 and json.loads(empty.stdout) == []
    for option in ("--since", "--until"):
        bad = run("quotes", "--db", quoted_db, option, "Feb 2026")
        assert bad.exit_code == 2 and f"{option} wants YYYY, YYYY-MM or YYYY-MM-DD" in bad.stderr
    missing = run("quotes", "--db", str(Path(db).with_name("absent.db")), "核武器")
    assert missing.exit_code == 2 and "no store" in missing.stderr
