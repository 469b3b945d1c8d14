"""Search latency over a store: p50/p95/max per query length (1, 2, 3+ characters) and overall.

    python benchmarks/search.py --db PATH [--rounds N]             # an existing store, e.g. from
                                                                    # `armswatch ingest` or ingest.py --keep
    python benchmarks/search.py --db PATH --build-from SRC          # first fill a new store at PATH
    python benchmarks/search.py                                     # a temporary store from the bench tarball

Each query runs `search(q, limit=20)` (snippets included) `--rounds` times after one
unmeasured warm-up round. Target on a 2-core machine over 10,000 articles: p95 <= 30 ms in
every group. `--build-from` takes a folder of raw articles or the bench tar.gz and stores them
with a crude extraction (front matter for title/date/outlet, tags and Markdown stripped): good
enough for timing search, not a substitute for the real readers, and nothing of it is kept
outside PATH.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import shutil
import statistics
import sys
import tarfile
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from armswatch.document import Document
from armswatch.normalize.dedup import signature
from armswatch.normalize.script import simplified_chars, traditional_chars
from armswatch.store import open_store
from armswatch.store.base import Store

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TAR = ROOT.parent / "shared" / "corpus" / "bench" / "bench-10k.tar.gz"
LIMIT = 20

# A few of each group in Traditional script (彈 導彈 臺灣 盧卡申科 ...): they must cost the same as Simplified.
QUERIES: dict[str, list[str]] = {
    "1 char": ["俄", "美", "核", "弹", "朝", "彈"],
    "2 chars": ["普京", "伊朗", "导弹", "台湾", "制裁", "北约", "導彈", "臺灣"],
    "3+ chars": ["卢卡申科", "弹道导弹", "核武器", "泽连斯基", "拜登政府", "新冠疫情", "盧卡申科", "彈道導彈"],
}


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile: with few samples, the p95 is an observed latency, not an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def time_queries(store: Store, queries: list[str], rounds: int) -> tuple[list[float], dict[str, int]]:
    """Latencies in ms of every measured run, and how many documents each query matches."""
    for query in queries:  # warm-up: page cache, fold table, statement cache
        store.search(query, limit=LIMIT)
    latencies = []
    for _ in range(rounds):
        for query in queries:
            started = time.perf_counter()
            store.search(query, limit=LIMIT)
            latencies.append((time.perf_counter() - started) * 1000)
    return latencies, {query: store.count_search(query) for query in queries}


def report(store: Store, rounds: int, verbose: bool) -> bool:
    """Print the figures; True when every group meets the target."""
    print(f"documents in store  {store.stats()['documents']}")
    print(f"rounds              {rounds} (+1 warm-up), limit {LIMIT}, snippets on")
    print(f"{'group':<10} {'queries':>7} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    everything: list[float] = []
    ok = True
    for group, queries in QUERIES.items():
        latencies, counts = time_queries(store, queries, rounds)
        everything.extend(latencies)
        p95 = percentile(latencies, 0.95)
        ok = ok and p95 <= 30
        print(f"{group:<10} {len(queries):>7} {statistics.median(latencies):>8.1f} {p95:>8.1f} "
              f"{max(latencies):>8.1f}")
        if verbose:
            print("           matches: " + ", ".join(f"{q} {n}" for q, n in counts.items()))
    print(f"{'overall':<10} {sum(map(len, QUERIES.values())):>7} {statistics.median(everything):>8.1f} "
          f"{percentile(everything, 0.95):>8.1f} {max(everything):>8.1f}")
    print("target p95 <= 30 ms in every group: " + ("met" if ok else "MISSED"))
    return ok


# -- a crude fixture, for when no store made by `armswatch ingest` is at hand --------------------------

_FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
_FIELD = re.compile(r"^(title|date|author):\s*\"?(.*?)\"?\s*$", re.M)
_US_DATE = re.compile(r"\b(1[0-2]|0?[1-9])/(3[01]|[12]\d|0?[1-9])/(\d{4})\b")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_STRIP = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"<(script|style)\b.*?</\1>", re.S | re.I), ""),
    (re.compile(r"<(?:p|div|br|li|h\d)\b[^>]*>", re.I), "\n"),
    (re.compile(r"<[^>]+>"), ""),
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),
    (re.compile(r"\[\[zh:([^\]]*)\]\]"), r"\1"),
    (re.compile(r"\[([^\]]*)\]\([^)]*\)"), r"\1"),
    (re.compile(r"&nbsp;|&#160;"), " "),
    (re.compile(r"[ \t]+"), " "),
    (re.compile(r"\n\s*\n+"), "\n"),
]


def crude_document(path: Path, root: Path) -> Document | None:
    """A Document from a raw bench file: front matter or first heading for metadata, markup stripped."""
    raw = path.read_bytes().decode("utf-8", "replace").replace("\r\n", "\n")
    fields: dict[str, str] = {}
    front = _FRONT_MATTER.match(raw)
    if front:
        fields = {k: v for k, v in _FIELD.findall(front.group(1))}
        raw = raw[front.end():]
    heading = re.search(r"^## +(.+)$", raw, re.M)
    title = fields.get("title") or (heading.group(1).strip() if heading else path.stem)
    text = raw
    for pattern, replacement in _STRIP:
        text = pattern.sub(replacement, text)
    text = text.strip()
    if len(text) < 20:
        return None
    sample = text[:1000]
    return Document(
        source_path=str(path.relative_to(root)), text=text, title=title,
        doc_id=hashlib.sha256(text.encode()).hexdigest(), published=_published(fields.get("date", ""), raw),
        outlet="GNews" if "gnews" in path.parts else (fields.get("author") or path.parent.name),
        lang="zh-Hant" if traditional_chars(sample) > simplified_chars(sample) else "zh-Hans")


def _published(front_date: str, body: str) -> str | None:
    found = _ISO_DATE.search(front_date)
    if found:
        return found.group(0)
    us = _US_DATE.search(body[:2000])
    return f"{us.group(3)}-{int(us.group(1)):02d}-{int(us.group(2)):02d}" if us else None


def _raw_files(source: Path, scratch: Path) -> tuple[Path, Iterator[Path]]:
    if source.is_file():
        with tarfile.open(source) as tar:
            tar.extractall(scratch, filter="data")
        source = scratch
    return source, (p for p in sorted(source.rglob("*")) if p.is_file())


def build(db: Path, source: Path) -> None:
    """Fill a new store at `db` from raw articles (a folder or a .tar.gz), MinHash bands included."""
    scratch = Path(tempfile.mkdtemp(prefix="armswatch-search-bench-"))
    try:
        root, files = _raw_files(source, scratch)
        store = open_store(db)
        started, stored = time.perf_counter(), 0
        try:
            for path in files:
                doc = crude_document(path, root)
                if doc is not None and store.put(doc, signature(doc.text)):
                    stored += 1
        finally:
            store.close()
        print(f"built {db}: {stored} documents in {time.perf_counter() - started:.0f} s", file=sys.stderr)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="the store to search (default: a temporary one built from --build-from)")
    ap.add_argument("--rounds", type=int, default=5, help="measured runs of each query")
    ap.add_argument("--build-from", type=Path, help="raw articles (folder or .tar.gz) to fill a new store with first")
    ap.add_argument("-v", "--verbose", action="store_true", help="also print how many documents each query matches")
    a = ap.parse_args(argv)
    if a.rounds < 1:
        ap.error("--rounds must be at least 1")
    tmp = None
    if a.db is None:
        tmp = Path(tempfile.mkdtemp(prefix="armswatch-search-bench-"))
        a.db, a.build_from = tmp / "bench.db", a.build_from or DEFAULT_TAR
    try:
        if a.build_from is not None:
            if a.db.exists():
                ap.error(f"{a.db} exists; --build-from fills a new store")
            if not a.build_from.exists():
                ap.error(f"no articles at {a.build_from}")
            build(a.db, a.build_from)
        elif not a.db.exists():
            ap.error(f"no store at {a.db}")
        store = open_store(a.db)
        try:
            ok = report(store, a.rounds, a.verbose)
        finally:
            store.close()
    finally:
        if tmp is not None:
            shutil.rmtree(tmp, ignore_errors=True)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
