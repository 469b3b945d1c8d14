"""Every JSON endpoint against a real server and store: answers, paging, bad input, 404, uploads."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
import pytest
from tests.serving import MAX_UPLOAD, SAMPLES, TOKEN, start_server, stop_server

from armswatch.store import open_store


@pytest.fixture(scope="module")
def base(server) -> str:
    return server.base


@pytest.fixture(scope="module")
def stored(server):
    """What the store itself says, to compare the API's answers with."""
    store = open_store(server.db)
    yield store
    store.close()


def get(base: str, path: str, **params) -> httpx.Response:
    return httpx.get(base + path, params=params, timeout=30)


def test_documents_page_through_the_store(base, stored):
    everything = [d.doc_id for d in stored.list_documents(limit=500)]
    first = get(base, "/api/documents", limit=3).json()
    second = get(base, "/api/documents", limit=3, offset=3).json()
    assert [d["doc_id"] for d in first["documents"] + second["documents"]] == everything[:6]
    assert (first["limit"], second["offset"]) == (3, 3)
    assert first["total"] == second["total"] == len(everything)


def test_a_document_is_its_whole_record(base, stored):
    doc_id = stored.list_documents(limit=1)[0].doc_id
    record = get(base, f"/api/documents/{doc_id}").json()
    assert record == stored.get(doc_id).to_record()
    assert get(base, f"/api/documents/{'0' * 64}").status_code == 404


def test_search_ignores_the_script(base):
    simplified = get(base, "/api/search", q="卢卡申科").json()
    traditional = get(base, "/api/search", q="盧卡申科").json()
    assert simplified["total"] >= 1
    assert [h["doc_id"] for h in simplified["hits"]] == [h["doc_id"] for h in traditional["hits"]]


def test_entities_filter_by_name_and_type(base, stored):
    states = get(base, "/api/entities", type="state", limit=100).json()["entities"]
    assert states and {e["type"] for e in states} == {"STATE"}
    named = get(base, "/api/entities", q="盧卡申科").json()["entities"]
    assert [e["id"] for e in named] == [m.id for m in stored.find_entities("卢卡申科")]
    assert get(base, "/api/entities", q="盧卡申科", type="STATE").json()["entities"] == []


def test_an_entity_has_names_roles_articles_quotes_and_events(base, stored):
    [lukashenko] = stored.find_entities("卢卡申科")
    body = get(base, f"/api/entities/{lukashenko.id}").json()
    assert body["id"] == lukashenko.id and body["articles"] == lukashenko.articles
    assert {"aliases", "kb_aliases", "roles", "recent", "by_month", "quotes_by", "quotes_about", "events"} <= set(body)
    assert sum(m["count"] for m in body["by_month"]) <= body["articles"]
    assert [q["text"] for q in body["quotes_by"]] == [q.text for q in stored.find_quotes(speaker=lukashenko.id)]
    for event in body["events"]:
        roles = [ref["id"] for role in ("actor", "recipient", "weapon", "treaty") for ref in event[role]]
        assert lukashenko.id in roles
    assert get(base, "/api/entities/kb:person/nobody-at-all").status_code == 404


def test_quotes_filter_by_speaker_outlet_and_date(base, stored):
    everything = get(base, "/api/quotes", limit=500).json()["quotes"]
    assert len(everything) == len(stored.find_quotes(limit=500)) > 0
    outlet = next(q["outlet"] for q in everything if q["outlet"])
    by_outlet = get(base, "/api/quotes", outlet=outlet, limit=500).json()["quotes"]
    assert by_outlet and all(q["outlet"] == outlet for q in by_outlet)
    dated = get(base, "/api/quotes", since="2026", limit=500).json()["quotes"]
    assert all(q["date"] >= "2026" for q in dated)
    assert len(get(base, "/api/quotes", limit=1, offset=1).json()["quotes"]) == 1


def test_events_filter_by_every_role_and_window(base, stored):
    everything = get(base, "/api/events", limit=500).json()["events"]
    assert len(everything) == len(stored.find_events(limit=500)) > 0
    dates = [e["date"] for e in everything if e["date"]]
    assert dates == sorted(dates)  # a timeline
    for role in ("actor", "recipient", "weapon"):
        event = next(e for e in everything if e[role])
        name = event[role][0]["name"] or event[role][0]["id"]
        found = get(base, "/api/events", **{role: name}, limit=500).json()["events"]
        assert event["event_id"] in [e["event_id"] for e in found]
        named = {event[role][0]["id"], *(m.id for m in stored.find_entities(name))}
        assert all(named & {r["id"] for r in e[role]} for e in found)
        assert len(found) < len(everything) or all(e[role] for e in everything)
    kind = everything[0]["type"]
    assert {e["type"] for e in get(base, "/api/events", type=kind.lower(), limit=500).json()["events"]} == {kind}


def test_transfers_and_claims(base, stored):
    rows = get(base, "/api/transfers").json()["transfers"]
    assert len(rows) == len(stored.transfers())
    claims = get(base, "/api/claims").json()
    assert len(claims["claims"]) == len(stored.find_claims().claims)
    only = get(base, "/api/claims", disagreements="true").json()
    assert "claims" not in only and only["disagreements"] == claims["disagreements"]
    assert get(base, "/api/claims", about="没有这个实体的名字").status_code == 404


@pytest.mark.parametrize(("path", "params", "says"), [
    ("/api/events", {"type": "LAUNCH"}, "unknown event type"),
    ("/api/entities", {"type": "ANIMAL"}, "unknown entity type"),
    ("/api/claims", {"unit": "furlongs"}, "unknown unit"),
    ("/api/documents", {"since": "yesterday"}, "since"),
    ("/api/documents", {"since": "2024-13"}, "since"),
    ("/api/events", {"since": "2024", "until": "2023"}, "after until"),
    ("/api/documents", {"limit": 0}, "limit"),
    ("/api/documents", {"limit": 10_000}, "limit"),
    ("/api/quotes", {"offset": -1}, "offset"),
    ("/api/search", {}, "q"),
])
def test_bad_parameters_are_422_with_a_message(base, path, params, says):
    response = get(base, path, **params)
    assert response.status_code == 422, response.text
    assert says in response.text


def test_a_hostile_parameter_is_only_a_value(base):
    """Values are bound, never pasted into SQL: a quote in a name finds nothing and breaks nothing."""
    for path, key in [("/api/events", "actor"), ("/api/quotes", "speaker"), ("/api/entities", "q"),
                      ("/api/documents", "outlet")]:
        response = get(base, path, **{key: "x' OR '1'='1"})
        assert response.status_code == 200
        assert all(not v for k, v in response.json().items() if isinstance(v, list))
    assert get(base, "/api/documents").status_code == 200


# -- uploads -------------------------------------------------------------------------------------------------


def upload(base: str, files: list[tuple[str, bytes]], token: str | None = TOKEN) -> httpx.Response:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return httpx.post(base + "/api/documents", files=[("files", f) for f in files], headers=headers, timeout=120)


ARTICLE = ("标题：测试上传的文章\n\n俄罗斯总统普京周二表示，俄罗斯已向白俄罗斯交付伊斯坎德尔导弹系统。"
           "卢卡申科称这些导弹将部署在白俄罗斯西部。").encode()


def test_upload_needs_the_token(base):
    assert upload(base, [("a.txt", ARTICLE)], token=None).status_code == 401
    assert upload(base, [("a.txt", ARTICLE)], token="wrong").status_code == 401


def test_upload_ingests_once(base, server):
    first = upload(base, [("upload.txt", ARTICLE)])
    assert first.status_code == 201, first.text
    assert first.json()["ingested"] == 1
    store = open_store(server.db)
    try:
        [hit] = [h for h in store.search("伊斯坎德尔导弹系统") if "upload" in (store.get(h.doc_id).source_path or "")]
        assert store.get(hit.doc_id).events  # the full pipeline ran
    finally:
        store.close()
    again = upload(base, [("upload.txt", ARTICLE)]).json()
    assert (again["ingested"], again["unchanged"]) == (0, 1)


def test_upload_rejections_are_4xx_with_the_reason(base):
    binary = upload(base, [("x.bin", b"\x89PNG\r\n\x1a\n" + bytes(200))])
    assert binary.status_code == 422 and "binary" in binary.text
    empty = upload(base, [("empty.txt", b"   \n")])
    assert empty.status_code == 422 and "empty" in empty.text
    huge = upload(base, [("huge.txt", b"a" * (MAX_UPLOAD + 1))])
    assert huge.status_code == 413 and "huge.txt" in huge.text
    mixed = upload(base, [("ok.jsonl", (SAMPLES / "articles.jsonl").read_bytes()), ("x.bin", b"\x00" * 300)])
    assert mixed.status_code == 201 and mixed.json()["rejected"]


def test_uploads_are_off_without_a_token(store_path: Path):
    base, proc = start_server(store_path)
    try:
        response = upload(base, [("a.txt", ARTICLE)])
        assert response.status_code == 403 and "disabled" in response.json()["detail"]
    finally:
        stop_server(proc)


def test_several_worker_processes_serve_the_same_store(server):
    base, proc = start_server(server.db, "--workers", "2")
    try:
        answers = [get(base, "/api/search", q="盧卡申科").json() for _ in range(6)]
        assert all(a == answers[0] for a in answers) and answers[0]["total"] >= 1
        one = get(server.base, "/api/documents").json()
        assert get(base, "/api/documents", limit=1).json()["total"] == one["total"]
        children = [pid for task in Path(f"/proc/{proc.pid}/task").iterdir()
                    for pid in (task / "children").read_text().split()]
        assert len(children) >= 2  # uvicorn's two workers (plus, on some versions, its helper process)
    finally:
        stop_server(proc)


def test_the_api_docs_need_no_outside_host(base):
    page = get(base, "/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets), assets  # nothing from a CDN
    for asset in assets:
        assert get(base, asset).status_code == 200
    assert "/api/search" in get(base, "/openapi.json").json()["paths"]
