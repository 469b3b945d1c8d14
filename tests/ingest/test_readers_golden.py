"""Golden-file tests: every reader on a sample of its format, compared field by field.

The samples under `samples/` are short articles written in each source layout;
`golden/<sample>.json` holds the records (and rejections) they must produce. To
accept a deliberate change, regenerate with `ARMSWATCH_UPDATE_GOLDEN=1 pytest
tests/ingest/test_readers_golden.py` and review the diff of the golden files.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from armswatch.extract.pipeline import Pipeline
from armswatch.process import Options, process_path

HERE = Path(__file__).parent
SAMPLES = sorted((HERE / "samples").iterdir())
UPDATE = os.environ.get("ARMSWATCH_UPDATE_GOLDEN") == "1"

# Each sample and the reader that must claim it by sniffing.
EXPECTED_READER = {
    "gnews.md": "gnews",
    "feedx_front_matter.md": "feedx",
    "feedx_raw.md": "feedx",
    "plaintext.txt": "plaintext",
    "compiled.txt": "compiled",
    "page.html": "html",
    "feed.xml": "feed",
    "atom.xml": "feed",
    "articles.jsonl": "jsonl",
}


def _result(sample: Path) -> dict:
    outcome = process_path(str(sample), Options(minhash=False), Pipeline())
    records = []
    for doc, _ in outcome.docs:
        rec = doc.to_record()
        rec.pop("source_path")
        records.append(rec)
    errors = [{"source": Path(e.source).name, "reason": e.reason} for e in outcome.errors]
    return {"records": records, "errors": errors}


def test_every_sample_has_an_expected_reader():
    assert {s.name for s in SAMPLES} == set(EXPECTED_READER)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_reader_golden(sample: Path):
    got = _result(sample)
    golden = HERE / "golden" / (sample.name + ".json")
    if UPDATE:
        golden.write_text(json.dumps(got, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    want = json.loads(golden.read_text(encoding="utf-8"))
    assert got == want
    assert got["records"], "every sample holds at least one article"
    assert {r["source_format"] for r in got["records"]} == {EXPECTED_READER[sample.name]}
