"""A real store and a real `armswatch serve` on 127.0.0.1, shared by the API, page and browser tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx

from armswatch import batch
from armswatch.document import Document
from armswatch.normalize import doc_id_of
from armswatch.store import open_store

SAMPLES = Path(__file__).parent / "ingest" / "samples"
EVIL = "<script>alert(1)</script>"
TOKEN = "test-upload-token"
MAX_UPLOAD = 20_000


@dataclass
class Server:
    base: str
    db: Path


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(db: Path, *extra: str) -> tuple[str, subprocess.Popen]:
    """`armswatch serve` in its own process, as a user starts it; returns once it answers."""
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "armswatch.cli", "serve", "--db", str(db), "--port", str(port),
                             *extra], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/documents", timeout=1)
            return base, proc
        except httpx.TransportError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("armswatch serve did not answer within 60 s")


def stop_server(proc: subprocess.Popen) -> None:
    proc.terminate()
    proc.wait(timeout=10)


def build_store(db: Path) -> Path:
    """The sample articles (every reader's format) through the full pipeline, plus a hostile title and URL."""
    store = open_store(db)
    batch.ingest(store, [str(SAMPLES)], workers=1)
    store.put(Document(source_path="evil.txt", text=f"正文{EVIL}", doc_id=doc_id_of(f"正文{EVIL}"), title=EVIL,
                       url="javascript:alert(2)", lang="zh-Hans"))
    store.close()
    return db
