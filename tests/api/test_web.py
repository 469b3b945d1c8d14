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


def _html(server, path: str, **params) -> str:
    response = httpx.get(server.base + path, params=params, headers={"accept": "text/html"}, timeout=30)
    assert response.status_code == 200, response.text
    return response.text


def test_article_view_marks_entities_quotes_and_event_sentences(server):
    doc_id = httpx.get(server.base + "/api/search", params={"q": "伊斯坎德尔"}).json()["hits"][0]["doc_id"]
    record = httpx.get(f"{server.base}/api/documents/{doc_id}").json()
    page = _html(server, f"/documents/{doc_id}")
    for entity in record["entities"]:
        assert f'href="/entities/{entity["id"]}"' in page
    for event in record["events"]:
        assert f'id="ev-{event["evidence"]["start"]}"' in page
    assert ('class="quote' in page) == bool(record["quotes"])


def test_a_javascript_url_is_not_a_link(server):
    doc_id = httpx.get(server.base + "/api/search", params={"q": "正文"}).json()["hits"][0]["doc_id"]
    page = _html(server, f"/documents/{doc_id}")
    assert 'href="javascript:' not in page and "javascript:alert(2)" in page


def test_timeline_points_link_to_their_evidence(server):
    events = httpx.get(server.base + "/api/events", params={"limit": 500}).json()["events"]
    page = _html(server, "/events")
    dated = [e for e in events if e["date"]]
    assert page.count("<circle") == len(dated) > 0
    assert f'href="/documents/{dated[0]["doc_id"]}#ev-{dated[0]["evidence_start"]}"' in page
    assert "must be YYYY" in _html(server, "/events", since="soon")


def test_transfer_graph_quotes_and_claims_pages(server):
    rows = httpx.get(server.base + "/api/transfers").json()["transfers"]
    graph = _html(server, "/transfers")
    assert graph.count('marker-end="url(#arrow)"') == len({(r["supplier"] and r["supplier"]["id"],
                                                            r["recipient"] and r["recipient"]["id"]) for r in rows})
    quotes = httpx.get(server.base + "/api/quotes", params={"limit": 25}).json()["quotes"]
    page = _html(server, "/quotes")
    assert all(html.escape(q["text"]) in page for q in quotes)
    assert "Disagreements" in _html(server, "/claims")


def test_entity_page_shows_names_and_unknown_is_404(server):
    [entity] = httpx.get(server.base + "/api/entities", params={"q": "卢卡申科"}).json()["entities"]
    page = _html(server, f"/entities/{entity['id']}")
    assert entity["name"] in page and "In the news" in page
    missing = httpx.get(server.base + "/entities/kb:person/nobody", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "<html" in missing.text
