"""HTTP load on `armswatch serve`: N concurrent clients on the search and document endpoints.

    python benchmarks/api_load.py --db PATH [--clients 50] [--duration 30] [--think 1.0] [--workers 1] [--json OUT]
    python benchmarks/api_load.py [--tar ../shared/corpus/bench/bench-10k.tar.gz | --dir DIR] [--keep DB]

Starts `armswatch serve` on 127.0.0.1 (never any other host: this generates load, and nothing
here can point it elsewhere), then runs --clients clients for --duration seconds (and at most
--max-requests requests). Each client loops: pick one of GET /api/search?q=, /?q= (the search
page), /api/documents/{id} and /documents/{id} (the article page) by weight, with queries in both
scripts and Latin and about a quarter asking for the second page, and document ids sampled from
the store; wait, repeat. Prints p50/p95/p99/max and errors per endpoint and overall. Target
on a 2-core machine over 10,000 articles: no errors, p95 <= 100 ms overall. Without --db it
first builds a store with `armswatch ingest` (the full pipeline, several minutes).

What the figure means depends on --think, the pause between one client's requests (jittered
+-50 %; the clients' starts are spread over one pause too). The default, 1 s, models 50 analysts
clicking steadily, about 50 requests/s offered: the latencies are what a person waits under that
load, and the target applies to them. --think 0 is a closed loop: it measures capacity (req/s), and
its latencies are queueing (about clients / throughput), so p95 <= 100 ms there would need some
500 req/s from one Python process whose work is serialized by the GIL and which shares the two
cores with this load generator (the "cpu" line shows both, the server's with its --workers
processes). uvicorn runs at info level; its access log goes to /dev/null and costs about 0.2 ms a
request.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import socket
import sqlite3
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

try:
    import httpx
except ImportError:  # a test extra, not a dependency of armswatch itself
    sys.exit("benchmarks/api_load.py needs httpx: pip install -e '.[test]'")

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_TAR = ROOT.parent / "shared" / "corpus" / "bench" / "bench-10k.tar.gz"
HOST = "127.0.0.1"
TARGET_P95_MS = 100.0
SAMPLED_IDS = 2000
WARMUP = 3  # unmeasured requests per endpoint: templates compiled, page cache warm
START_TIMEOUT_S = 60.0

# (query, second page?): Simplified, Traditional and Latin, one to three terms, as analysts type them.
QUERIES: list[tuple[str, bool]] = [
    ("核武器", False), ("核武器", True), ("核武", False), ("白俄罗斯", False), ("白俄羅斯", False),
    ("伊斯坎德尔", False), ("新削减战略武器条约", False), ("新START", False), ("朝鲜 导弹", False),
    ("朝鲜 导弹", True), ("北韓 飛彈", False), ("普京", False), ("普京", True), ("卢卡申科", False),
    ("盧卡申科", False), ("萨尔马特", False), ("高超音速", False), ("乌克兰", False), ("乌克兰", True),
    ("伊朗 无人机", False), ("洲际弹道导弹", False), ("洲际弹道导弹", True), ("Iskander", False),
    ("NATO", False), ("中国 核弹头", False), ("中国 核弹头", True),
]
# Endpoint name -> weight: people search, then open articles; programs use the API for both.
ENDPOINTS = {"api search": 3, "search page": 2, "api document": 3, "document page": 2}
NAMES, WEIGHTS = list(ENDPOINTS), list(ENDPOINTS.values())

Sample = tuple[str, float, str | None]  # endpoint, latency in ms, error (None when a 200 was read in full)


class BenchError(Exception):
    """A setup failure to report and exit 2 on (no store, server did not start)."""


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank, as benchmarks/search.py: the p95 is an observed latency, not an interpolation."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, round(q * len(ordered) + 0.5) - 1))]


def build_store(db: Path, corpus: Path) -> None:
    """The store as users get it: `armswatch ingest` with its default stages, not a crude fixture."""
    print(f"building {db} from {corpus} with `armswatch ingest` (full pipeline): this takes several minutes",
          file=sys.stderr)
    done = subprocess.run([sys.executable, "-m", "armswatch.cli", "ingest", "--db", str(db), str(corpus)],
                          stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if done.returncode not in (0, 1):  # 1 only says some inputs were rejected, as in the Makefile
        raise BenchError(f"armswatch ingest exited with {done.returncode}:\n{done.stderr[-2000:]}")


def sample_ids(db: Path, rng: random.Random) -> tuple[int, list[str]]:
    """(documents stored, ids to request), read-only and sorted first so that --seed alone decides the sample."""
    try:
        conn = sqlite3.connect(db.resolve().as_uri() + "?mode=ro", uri=True)
        try:
            ids = [row[0] for row in conn.execute("SELECT doc_id FROM documents ORDER BY doc_id")]
        finally:
            conn.close()
    except sqlite3.Error as exc:
        raise BenchError(f"{db}: cannot read its documents ({exc})") from exc
    if not ids:
        raise BenchError(f"{db} holds no documents")
    return len(ids), rng.sample(ids, min(SAMPLED_IDS, len(ids)))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        return sock.getsockname()[1]


def cpu_seconds(pid: int) -> float | None:
    """User + system CPU of a process and of its live children (serve --workers) from /proc; None off Linux."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        children = [int(c) for task in Path(f"/proc/{pid}/task").iterdir()
                    for c in (task / "children").read_text().split()]
    except (OSError, IndexError, ValueError):
        return None
    own = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return own + sum(cpu_seconds(child) or 0.0 for child in children)


def wait_until_up(server: subprocess.Popen, port: int, log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise BenchError(f"the server exited with {server.returncode}:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            if httpx.get(f"http://{HOST}:{port}/api/documents?limit=1", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise BenchError(f"the server did not answer within {START_TIMEOUT_S:.0f} s:\n{log.read_text(errors='replace')}")


def pick(name: str, rng: random.Random, ids: list[str]) -> tuple[str, dict[str, str | int]]:
    if name in ("api search", "search page"):
        query, second = rng.choice(QUERIES)
        if name == "api search":
            return "/api/search", {"q": query, "offset": 20} if second else {"q": query}
        return "/", {"q": query, "page": 2} if second else {"q": query}
    return f"{'/api' if name == 'api document' else ''}/documents/{rng.choice(ids)}", {}


async def fetch(http: httpx.AsyncClient, name: str, path: str, params: dict[str, str | int]) -> Sample:
    """One request, timed until its body is read (a non-streamed get reads it all)."""
    headers = {"accept": "application/json" if name.startswith("api") else "text/html"}
    started = time.perf_counter()
    try:
        response = await http.get(path, params=params, headers=headers)
        error = None if response.status_code == 200 else f"HTTP {response.status_code} {response.url}"
    except httpx.HTTPError as exc:
        error = f"{type(exc).__name__} {path}: {exc}"
    return name, (time.perf_counter() - started) * 1000, error


async def run_load(port: int, a: argparse.Namespace, ids: list[str]) -> tuple[list[Sample], float]:
    """Every measured sample and the wall time they took."""
    limits = httpx.Limits(max_connections=a.clients, max_keepalive_connections=a.clients)
    samples: list[Sample] = []
    issued = 0
    async with httpx.AsyncClient(base_url=f"http://{HOST}:{port}", limits=limits, timeout=a.timeout) as http:
        warm = random.Random(a.seed - 1)
        for name in NAMES:
            for _ in range(WARMUP):
                await fetch(http, name, *pick(name, warm, ids))
        started = time.perf_counter()
        deadline = started + a.duration
        master = random.Random(a.seed)

        async def client(rng: random.Random) -> None:
            nonlocal issued
            # Spread the starts over one think time: 50 requests in the same millisecond is no office's morning.
            await asyncio.sleep(rng.uniform(0, a.think))
            while time.perf_counter() < deadline and issued < a.max_requests:
                issued += 1
                name = rng.choices(NAMES, WEIGHTS)[0]
                samples.append(await fetch(http, name, *pick(name, rng, ids)))
                if a.think > 0:
                    pause = rng.uniform(0.5, 1.5) * a.think
                    await asyncio.sleep(min(pause, max(0.0, deadline - time.perf_counter())))

        await asyncio.gather(*(client(random.Random(master.random())) for _ in range(a.clients)))
    return samples, time.perf_counter() - started


def summarize(samples: list[Sample], elapsed: float) -> dict[str, dict]:
    groups = {name: [s for s in samples if s[0] == name] for name in NAMES} | {"overall": samples}
    figures = {}
    for name, group in groups.items():
        ms = [s[1] for s in group] or [0.0]
        errors = [s[2] for s in group if s[2]]
        figures[name] = {"requests": len(group), "req_s": len(group) / elapsed, "p50_ms": percentile(ms, 0.50),
                         "p95_ms": percentile(ms, 0.95), "p99_ms": percentile(ms, 0.99), "max_ms": max(ms),
                         "errors": len(errors), "first_errors": list(dict.fromkeys(errors))[:5]}
    return figures


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", type=Path, help="an existing store to serve (default: build one from the bench corpus)")
    ap.add_argument("--tar", type=Path, default=DEFAULT_TAR, help="bench corpus to build a store from")
    ap.add_argument("--dir", type=Path, help="an already extracted corpus folder (skips the tarball)")
    ap.add_argument("--keep", type=Path, help="keep the store built without --db at this path")
    ap.add_argument("--clients", type=int, default=50, help="concurrent clients, and connections")
    ap.add_argument("--duration", type=float, default=30.0, help="seconds of measured load")
    ap.add_argument("--max-requests", type=int, default=200_000, help="stop after this many requests in all")
    ap.add_argument("--think", type=float, default=1.0, help="seconds between one client's requests, +-50 %%; "
                    "0 measures capacity")
    ap.add_argument("--timeout", type=float, default=10.0, help="seconds a request may take (then an error)")
    ap.add_argument("--seed", type=int, default=1, help="seed for the ids, the queries and the think times")
    ap.add_argument("--workers", type=int, default=1, help="server processes (armswatch serve --workers)")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    a = ap.parse_args(argv)
    if a.workers < 1 or a.clients < 1 or a.duration <= 0 or a.max_requests < 1 or a.think < 0 or a.timeout <= 0:
        ap.error("--workers, --clients, --duration, --max-requests, --timeout must be positive, --think not negative")
    if a.db is not None and (a.keep or a.dir):
        ap.error("--keep and --dir build a store; --db serves an existing one")
    if a.db is not None and not a.db.is_file():
        ap.error(f"no store at {a.db}")
    if a.keep is not None and a.keep.exists():
        ap.error(f"{a.keep} exists; remove it first")

    tmp = Path(tempfile.mkdtemp(prefix="armswatch-load-"))
    try:
        db = a.db
        if db is None:
            corpus = a.dir
            if corpus is None:
                if not a.tar.exists():
                    raise BenchError(f"no bench corpus at {a.tar}")
                with tarfile.open(a.tar) as tar:
                    tar.extractall(tmp / "corpus", filter="data")
                corpus = tmp / "corpus"
            db = a.keep or tmp / "bench.db"
            build_store(db, corpus)
        documents, ids = sample_ids(db, random.Random(a.seed))
        port, log = free_port(), tmp / "server.log"
        with log.open("wb") as log_file:
            command = [sys.executable, "-m", "armswatch.cli", "serve", "--db", str(db), "--host", HOST, "--port",
                       str(port), "--workers", str(a.workers)]
            server = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=log_file)
            try:
                wait_until_up(server, port, log)
                print(f"store       {db}: {documents:,} documents, {len(ids):,} ids sampled")
                print(f"server      armswatch serve on {HOST}:{port}, {a.workers} worker(s) (pid {server.pid}, "
                      "access log to /dev/null)")
                print(f"load        {a.clients} clients for {a.duration:g} s (at most {a.max_requests:,} requests), "
                      f"think {a.think:g} s +-50 %, timeout {a.timeout:g} s, seed {a.seed}")
                cpu_before, own_before = cpu_seconds(server.pid), time.process_time()
                samples, elapsed = asyncio.run(run_load(port, a, ids))
                cpu_after, own = cpu_seconds(server.pid), time.process_time() - own_before
            finally:
                server.terminate()
                try:
                    server.wait(10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
    except BenchError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    figures = summarize(samples, elapsed)
    print(f"{'endpoint':<14} {'requests':>8} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} "
          f"{'errors':>6}")
    for name, f in figures.items():
        print(f"{name:<14} {f['requests']:>8} {f['req_s']:>7.1f} {f['p50_ms']:>8.1f} {f['p95_ms']:>8.1f} "
              f"{f['p99_ms']:>8.1f} {f['max_ms']:>8.1f} {f['errors']:>6}")
    for message in figures["overall"]["first_errors"]:
        print(f"  error: {message}")
    server_cpu = None if cpu_before is None or cpu_after is None else cpu_after - cpu_before
    if server_cpu is not None:
        print(f"cpu         server {server_cpu:.1f} s in {elapsed:.1f} s ({server_cpu / elapsed:.0%} of one core); "
              f"load generator {own:.1f} s")
    overall = figures["overall"]
    ok = overall["errors"] == 0 and overall["p95_ms"] <= TARGET_P95_MS
    print(f"target no errors, p95 <= {TARGET_P95_MS:g} ms overall: " + ("met" if ok else "MISSED"))
    if a.json:
        setup = {"db": str(a.db or a.keep or "temporary"), "documents": documents, "clients": a.clients,
                 "workers": a.workers,
                 "duration_s": a.duration, "elapsed_s": elapsed, "think_s": a.think, "seed": a.seed}
        a.json.write_text(json.dumps({"setup": setup, "endpoints": figures, "server_cpu_s": server_cpu,
                                      "load_generator_cpu_s": own, "target_met": ok}, ensure_ascii=False, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
