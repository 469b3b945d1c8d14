"""The first web page, served by a real uvicorn on 127.0.0.1, over a real store."""

from __future__ import annotations

import html
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from armswatch import batch
from armswatch.document import Document
from armswatch.normalize import doc_id_of
from armswatch.store import open_store

SAMPLES = Path(__file__).parents[1] / "ingest" / "samples"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    db = tmp_path_factory.mktemp("web") / "web.db"
    store = open_store(db)
    batch.ingest(store, [str(SAMPLES)], workers=1)
    evil = "<script>alert(1)</script>"
    store.put(Document(source_path="evil.txt", text=f"正文{evil}", doc_id=doc_id_of(f"正文{evil}"), title=evil,
                       lang="zh-Hans"))
    store.close()
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "armswatch.cli", "serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            httpx.get(base + "/api/documents", timeout=1)
            break
        except httpx.TransportError:
            if proc.poll() is not None:
                raise RuntimeError(proc.stderr.read().decode()) from None
            time.sleep(0.1)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def test_home_lists_articles_with_a_search_box(server):
    page = httpx.get(server + "/").text
    assert '<input type="search" name="q"' in page
    assert "白俄罗斯称已接收伊斯坎德尔导弹系统" in page
    assert page.count('href="/documents/') >= 10


def test_search_in_the_other_script_highlights_the_match(server):
    page = httpx.get(server + "/", params={"q": "盧卡申科"}).text
    assert "<mark>卢卡申科</mark>" in page
    assert "match" in page


def test_article_page_and_json_record(server):
    hits = httpx.get(server + "/api/search", params={"q": "伊斯坎德尔"}).json()["hits"]
    doc_id = hits[0]["doc_id"]
    page = httpx.get(f"{server}/documents/{doc_id}").text
    assert "维克托·赫列宁" in page
    record = httpx.get(f"{server}/api/documents/{doc_id}").json()
    assert record["doc_id"] == doc_id and record["format"] == "armswatch.record/1"
    assert httpx.get(f"{server}/documents/{'0' * 64}").status_code == 404
    assert httpx.get(server + "/api/search", params={"q": "x", "since": "yesterday"}).status_code == 422


def test_article_text_is_escaped(server):
    page = httpx.get(server + "/").text
    assert "<script>alert(1)</script>" not in page
    assert html.escape("<script>alert(1)</script>") in page
