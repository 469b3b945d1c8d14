"""The pages, served by a real uvicorn on 127.0.0.1 over a real store (see conftest.py)."""

from __future__ import annotations

import html

import httpx

EVIL = "<script>alert(1)</script>"  # the hostile title conftest.py stores

def test_home_lists_articles_with_a_search_box(server):
    page = httpx.get(server.base + "/").text
    assert '<input type="search" name="q"' in page
    assert "白俄罗斯称已接收伊斯坎德尔导弹系统" in page
    assert page.count('href="/documents/') >= 10


def test_search_in_the_other_script_highlights_the_match(server):
    page = httpx.get(server.base + "/", params={"q": "盧卡申科"}).text
    assert "<mark>卢卡申科</mark>" in page
    assert "match" in page


def test_article_page_and_json_record(server):
    hits = httpx.get(server.base + "/api/search", params={"q": "伊斯坎德尔"}).json()["hits"]
    doc_id = hits[0]["doc_id"]
    page = httpx.get(f"{server.base}/documents/{doc_id}").text
    assert "维克托·赫列宁" in page
    record = httpx.get(f"{server.base}/api/documents/{doc_id}").json()
    assert record["doc_id"] == doc_id and record["format"] == "armswatch.record/1"
    assert httpx.get(f"{server.base}/documents/{'0' * 64}").status_code == 404
    assert httpx.get(server.base + "/api/search", params={"q": "x", "since": "yesterday"}).status_code == 422


def test_article_text_is_escaped(server):
    page = httpx.get(server.base + "/").text
    assert EVIL not in page
    assert html.escape(EVIL) in page
