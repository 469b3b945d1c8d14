"""Ingest throughput and memory on the bench corpus (10,000 raw articles of mixed formats).

    python benchmarks/ingest.py [--tar ../shared/corpus/bench/bench-10k.tar.gz] [--workers N] [--keep DB]
                                [--stages entities]

Extracts the tarball to a temporary folder (never into the project), ingests every
file into a fresh SQLite store and prints docs/s, peak RSS of the main process and
of the largest worker, and the summary (which must add up to the number of inputs).
Targets on a 2-core machine: >= 500 docs/s, <= 500 MB. This measures ingest itself (read, normalize,
deduplicate, store), so it runs no extraction stage unless --stages names some; the entity stage's
own speed is benchmarks/entities.py.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import sys
import tarfile
import tempfile
import time
from collections import Counter
from pathlib import Path

from armswatch import batch
from armswatch.ingest.source import iter_inputs
from armswatch.process import Options, default_workers
from armswatch.store import open_store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TAR = ROOT.parent / "shared" / "corpus" / "bench" / "bench-10k.tar.gz"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tar", type=Path, default=DEFAULT_TAR)
    ap.add_argument("--dir", type=Path, help="an already extracted corpus folder (skips the tarball)")
    ap.add_argument("--workers", type=int, default=default_workers())
    ap.add_argument("--keep", type=Path, help="keep the store at this path (for benchmarks/search.py)")
    ap.add_argument("--stages", default="", help="comma-separated extraction stages to run (default: none)")
    a = ap.parse_args(argv)

    tmp = Path(tempfile.mkdtemp(prefix="armswatch-bench-"))
    try:
        corpus = a.dir
        if corpus is None:
            if not a.tar.exists():
                print(f"no bench corpus at {a.tar}", file=sys.stderr)
                return 2
            with tarfile.open(a.tar) as tar:
                tar.extractall(tmp / "corpus", filter="data")
            corpus = tmp / "corpus"
        files = [str(p) for p in iter_inputs([str(corpus)])]
        db = a.keep or tmp / "bench.db"
        if a.keep and a.keep.exists():
            print(f"{a.keep} exists; remove it first", file=sys.stderr)
            return 2
        store = open_store(db)
        started = time.perf_counter()
        stages = tuple(s for s in a.stages.split(",") if s)
        summary = batch.ingest(store, files, Options(stages=stages), workers=a.workers)
        elapsed = time.perf_counter() - started
        store.close()
        size = Path(db).stat().st_size + sum(p.stat().st_size for p in Path(db).parent.glob(Path(db).name + "-*"))
    finally:
        if a.dir is None or not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)

    rss_main = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rss_child = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"inputs            {len(files)}")
    print(f"workers           {a.workers}")
    print(f"elapsed           {elapsed:.1f} s")
    print(f"throughput        {len(files) / elapsed:.0f} docs/s")
    print(f"peak RSS main     {rss_main:.0f} MB")
    print(f"peak RSS worker   {rss_child:.0f} MB (largest worker)")
    print(f"peak RSS total    {rss_main + a.workers * rss_child:.0f} MB (upper bound: main + workers x largest)")
    print(f"store size        {size / 1e6:.1f} MB")
    print(f"articles          {summary.articles} = {summary.ingested} ingested + {summary.duplicates} near-duplicates"
          f" + {summary.unchanged} already stored + {len(summary.rejected)} rejected")
    print(f"plain-text fallbacks {summary.fallbacks}")
    reasons = Counter(reason.split(":")[0] for _, reason in summary.rejected)
    for reason, n in reasons.most_common(10):
        print(f"  rejected: {n} x {reason}")
    ok = summary.articles >= len(files)
    print("summary adds up to the inputs" if ok else "SUMMARY DOES NOT ADD UP")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
