"""What the extraction benchmarks share: the gold sets, reading articles, scoring, the bench corpus."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tarfile
import tempfile
from collections.abc import Callable
from pathlib import Path

from armswatch.document import Document
from armswatch.extract.pipeline import Pipeline
from armswatch.ingest.source import iter_inputs
from armswatch.process import Options, process_path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEFAULT_TAR = SHARED / "corpus" / "bench" / "bench-10k.tar.gz"
GOLD_SETS = (("seeds", SHARED / "eval" / "gold", SHARED / "corpus" / "seeds"),
             ("dev", SHARED / "eval" / "gold-dev", SHARED / "corpus" / "dev"))


def read_docs(path: str) -> list[Document]:
    """An input's articles, normalized, with no extraction stage run."""
    return [doc for doc, _ in process_path(path, Options(stages=(), minhash=False), Pipeline()).docs]


def gold_articles(gold: Path, corpus: Path) -> list[str]:
    out = []
    for g in sorted(gold.glob("*.json")):
        match = sorted(p for p in corpus.glob(g.stem + ".*"))
        if match:
            out.append(str(match[0]))
    return out


def score(gold: Path, docs: list[Document]) -> dict:
    """`score.py --json` on these documents' records."""
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", encoding="utf-8", delete=False) as out:
        for doc in docs:
            out.write(json.dumps(doc.to_record(), ensure_ascii=False) + "\n")
    try:
        run = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", out.name, "--json"],
                             capture_output=True, text=True, check=True)
    finally:
        Path(out.name).unlink()
    return json.loads(run.stdout)


def bench_docs(corpus: Path, limit: int) -> list[Document]:
    """The first `limit` articles of the bench corpus (0: all), normalized."""
    docs: list[Document] = []
    for path in iter_inputs([str(corpus)]):
        docs.extend(read_docs(str(path)))  # a rejected input yields no document
        if limit and len(docs) >= limit:
            return docs[:limit]
    return docs


def with_bench_corpus(tar: Path, directory: Path | None, run: Callable[[Path], None]) -> int:
    """Run `run` on an extracted bench corpus: `directory` as given, else `tar` unpacked to a temporary folder."""
    if directory is not None:
        run(directory)
        return 0
    if not tar.exists():
        print(f"no bench corpus at {tar}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="armswatch-bench-") as tmp:
        with tarfile.open(tar) as archive:
            archive.extractall(Path(tmp) / "corpus", filter="data")
        run(Path(tmp) / "corpus")
    return 0


def run(doc: str, accuracy: Callable[[], None], speed: Callable[[Path, int], None], argv: list[str] | None) -> int:
    """The command line both extraction benchmarks take: accuracy on the gold, then speed on the bench corpus."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--tar", type=Path, default=DEFAULT_TAR)
    ap.add_argument("--dir", type=Path, help="an already extracted bench corpus (skips the tarball)")
    ap.add_argument("--limit", type=int, default=1000, help="articles for the speed run (0: all)")
    ap.add_argument("--skip-speed", action="store_true")
    a = ap.parse_args(argv)
    if not SCORER.exists():
        print(f"no scorer at {SCORER}", file=sys.stderr)
        return 2
    accuracy()
    if a.skip_speed:
        return 0
    return with_bench_corpus(a.tar, a.dir, lambda corpus: speed(corpus, a.limit))
