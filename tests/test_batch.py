"""Batch ingest and extract through the library: near-duplicates, whole corpora, nothing lost."""

from __future__ import annotations

import json
from pathlib import Path

import opencc
import pytest

from armswatch import batch
from armswatch.store import open_store


def _repost(seed: Path, folder: Path) -> Path:
    """The seed article reposted as JSON Lines in the other script, with a line of boilerplate added."""
    text = seed.read_text(encoding="utf-8")
    converted = opencc.OpenCC("t2s").convert(text)
    body = converted.split("作者:", 1)[-1].split("责任编辑", 1)[0] + "\n本文转载自美国之音。"
    path = folder / "repost.jsonl"
    path.write_text(json.dumps({"title": "转载", "outlet": "某转载网", "text": body}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    return path


def test_a_repost_in_the_other_script_is_a_near_duplicate(shared_dir: Path, tmp_path: Path):
    seed = shared_dir / "corpus" / "seeds" / "001_e197d68363d17f64.txt"
    repost = _repost(seed, tmp_path)
    store = open_store(tmp_path / "dup.db")
    other = shared_dir / "corpus" / "seeds" / "000_f5b72a09c03ed9d9.txt"
    summary = batch.ingest(store, [str(seed), str(repost), str(other)], workers=1)
    assert (summary.ingested, summary.duplicates) == (2, 1)
    original = store.search("斯托尔腾贝格")
    assert {h.duplicate_of for h in original} == {None, next(h.doc_id for h in original if h.duplicate_of is None)}
    store.close()
    docs = list(batch.extract([str(seed), str(repost)], workers=1))
    assert docs[0].duplicate_of is None and docs[1].duplicate_of == docs[0].doc_id


@pytest.mark.parametrize("corpus", ["seeds", "dev"])
def test_every_shared_article_is_ingested(shared_dir: Path, tmp_path: Path, corpus: str):
    files = sorted(str(p) for p in (shared_dir / "corpus" / corpus).iterdir() if p.suffix in (".md", ".txt"))
    store = open_store(tmp_path / "all.db")
    summary = batch.ingest(store, files, workers=2)
    assert summary.rejected == []
    assert summary.articles == summary.inputs == len(files)
    assert summary.fallbacks == 0
    assert store.stats()["documents"] == summary.ingested + summary.duplicates
    store.close()
