"""The seed articles' metadata against the gold files, scored by the project's own scorer.

Issue 3's acceptance: meta accuracy 1.0 for title, published date and time,
outlet, url and original_source on every seed. The scorer is imported from
`../shared/eval/score.py` so the rules are the evaluation's, not a copy.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from pathlib import Path

import pytest

from armswatch import batch


def _scorer(shared: Path):
    spec = importlib.util.spec_from_file_location("armswatch_eval_score", shared / "eval" / "score.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("corpus, gold", [("seeds", "gold"), ("dev", "gold-dev")])
def test_metadata_matches_gold(shared_dir: Path, corpus: str, gold: str):
    score = _scorer(shared_dir)
    golds = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in (shared_dir / "eval" / gold).glob("*.json")}
    files = [f for f in sorted((shared_dir / "corpus" / corpus).iterdir()) if f.stem in golds]
    assert len(files) == len(golds)
    records = {Path(d.source_path).stem: d.to_record() for d in batch.extract([str(f) for f in files], workers=1)}
    acc, tot, misses = Counter(), Counter(), []
    for stem, g in golds.items():
        score.score_meta(g, records[stem], acc, tot, lambda msg, s=stem: misses.append(f"{s}{msg}"))
    assert not misses
    assert set(tot) >= {"title", "outlet", "url", "original_source", "published_date"}
