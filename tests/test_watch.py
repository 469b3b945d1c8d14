"""Feed watching against feeds this test serves itself on 127.0.0.1: new items once, failures survived.

Every request stays on 127.0.0.1; each test is bounded by an alarm, and the watcher's own timeout is short.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armswatch.cli import app
from armswatch.store import open_store
from armswatch.watch import (
    FeedResult,
    FeedState,
    Watcher,
    WatchError,
    WatchState,
    check_url,
    check_urls,
    item_keys,
    parse_interval,
    run,
    state_path_for,
)

TIMEOUT = 3.0  # the watcher's per-feed timeout in these tests
TEST_SECONDS = 60  # no test here may take longer


@pytest.fixture(autouse=True)
def bounded_and_local(monkeypatch) -> Iterator[None]:
    """Each test ends within TEST_SECONDS, and no proxy from the environment sees the local traffic."""
    for name in ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")

    def too_slow(signum, frame):
        raise TimeoutError(f"test took longer than {TEST_SECONDS}s")

    previous = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(TEST_SECONDS)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


# --- the feeds -------------------------------------------------------------------------------------------------

ITEMS = {
    "sarmat": ("俄罗斯试射萨尔马特洲际弹道导弹",
               "俄罗斯国防部说，萨尔马特洲际弹道导弹从普列谢茨克发射场试射成功。普京说，这种导弹将让威胁俄罗斯的人三思。"),
    "dprk": ("朝鲜发射短程弹道导弹",
             "韩国联合参谋本部说，朝鲜向东部海域发射了两枚短程弹道导弹，这是朝鲜今年第五次发射导弹。"),
    "iskander": ("白俄罗斯称已接收伊斯坎德尔导弹系统",
                 "白俄罗斯总统卢卡申科说，白俄罗斯已经从俄罗斯接收了伊斯坎德尔战术导弹系统，并将部署在西部边境。"),
    "thaad": ("韩国完成萨德系统部署",
              "韩国国防部表示，驻韩美军的萨德反导系统已经完成部署，中国外交部对此表示强烈不满。"),
}


def rss(*slugs: str, edited: dict[str, str] | None = None, channel: str = "美国之音") -> bytes:
    """An RSS 2.0 feed of the ITEMS named, newest first; `edited` replaces an item's body, keeping its link."""
    items = []
    for slug in slugs:
        title, body = ITEMS[slug]
        body = (edited or {}).get(slug, body)
        n = list(ITEMS).index(slug)
        items.append(f"""<item>
<title>{title}</title>
<link>https://www.voachinese.com/a/{slug}/{100 + n}.html</link>
<guid>https://www.voachinese.com/a/{slug}/{100 + n}.html</guid>
<pubDate>Wed, 20 Apr 2022 {10 + n:02d}:12:00 GMT</pubDate>
<description><![CDATA[<p>{body}</p>]]></description>
</item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>{channel}</title><link>https://www.voachinese.com</link>
{"".join(items)}
</channel></rss>""".encode()


@dataclass
class Route:
    """What the test server answers on one path; ETag/Last-Modified make it answer 304 to a matching request."""

    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    # Send no Content-Length (the body ends when the connection closes), or announce this one instead.
    length: int | None | bool = True
    hang_up: bool = False


class FeedServer:
    """An HTTP server on 127.0.0.1 whose answers the test sets, recording every request's headers."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's name
                server.requests.append((self.path, dict(self.headers.items())))
                server.answer(self)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.httpd.block_on_close = False
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)

    def url(self, path: str) -> str:
        return self.base + path

    def headers_of(self, path: str) -> list[dict[str, str]]:
        return [headers for p, headers in self.requests if p == path]

    def answer(self, handler: BaseHTTPRequestHandler) -> None:
        route = self.routes.get(handler.path)
        if route is None:
            handler.send_error(404)
            return
        time.sleep(route.delay)
        if route.hang_up:
            handler.close_connection = True
            return
        validators = {k: v for k, v in (("ETag", route.etag), ("Last-Modified", route.last_modified)) if v}
        if self._not_modified(handler, route):
            handler.send_response(304)
            for name, value in validators.items():
                handler.send_header(name, value)
            handler.end_headers()
            return
        handler.send_response(route.status)
        handler.send_header("Content-Type", route.content_type)
        if route.length is not False:
            handler.send_header("Content-Length", str(len(route.body) if route.length is True else route.length))
        for name, value in {**validators, **route.headers}.items():
            handler.send_header(name, value)
        handler.end_headers()
        handler.wfile.write(route.body)

    @staticmethod
    def _not_modified(handler: BaseHTTPRequestHandler, route: Route) -> bool:
        if route.status != 200:
            return False
        if route.etag and handler.headers.get("If-None-Match"):
            return handler.headers["If-None-Match"] == route.etag
        return bool(route.last_modified and handler.headers.get("If-Modified-Since") == route.last_modified)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    feeds = FeedServer()
    feeds.thread.start()
    yield feeds
    feeds.httpd.shutdown()
    feeds.httpd.server_close()


def _unused_port() -> int:
    """A port nobody listens on: bound and released, so connecting to it is refused."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "watch.db"


@pytest.fixture
def store(db: Path):
    opened = open_store(db)
    yield opened
    opened.close()


def _watcher(store, db: Path) -> Watcher:
    return Watcher(store, WatchState.load(state_path_for(db)), timeout=TIMEOUT)


def _documents(store) -> int:
    return store.stats()["documents"]


# --- arguments -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("text", "seconds"), [("30s", 30), ("15m", 900), ("1h", 3600), ("2h30m", 9000),
                                               (" 1H5S ", 3605), ("1d", 86400)])
def test_every_accepts_durations(text, seconds):
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "15", "15 m", "m", "1.5h", "30m1h", "0s", "0h0m", "-5m", "15min", "abc"])
def test_every_refuses_anything_else_clearly(text):
    with pytest.raises(WatchError, match="duration|longer than zero"):
        parse_interval(text)


@pytest.mark.parametrize(("url", "reason"), [
    ("file:///etc/passwd", "only http and https.*a file: URL"),
    ("ftp://example.com/feed.xml", "only http and https.*a ftp: URL"),
    ("/tmp/feed.xml", "only http and https.*not a URL"),
    ("http:///feed.xml", "no host"),
    ("http://example.com:99999/feed.xml", "not a valid URL"),
])
def test_only_http_urls_are_watched(url, reason):
    with pytest.raises(WatchError, match=reason):
        check_url(url)


def test_urls_are_kept_in_order_each_once():
    urls = ["https://a.example/rss", "http://b.example/atom", "https://a.example/rss"]
    assert check_urls(urls) == ["https://a.example/rss", "http://b.example/atom"]


# --- new items once --------------------------------------------------------------------------------------------


def test_first_poll_stores_the_items_and_the_second_is_a_conditional_304(server, store, db):
    etag, modified = '"v1"', "Wed, 20 Apr 2022 16:00:00 GMT"
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk"), etag=etag, last_modified=modified)
    url = server.url("/voa.xml")

    first = _watcher(store, db).poll(url)
    assert (first.ok, first.new, first.seen, first.not_modified) == (True, 2, 0, False), first
    assert _documents(store) == 2
    titles = {hit.title for hit in store.search("弹道导弹")}
    assert titles == {ITEMS["sarmat"][0], ITEMS["dprk"][0]}
    assert "If-None-Match" not in server.headers_of("/voa.xml")[0]

    second = _watcher(store, db).poll(url)  # a new watcher: what it knows comes from the state file
    sent = server.headers_of("/voa.xml")[1]
    assert sent["If-None-Match"] == etag and sent["If-Modified-Since"] == modified
    assert second.not_modified and second.new == 0 and "unchanged" in second.line()
    assert _documents(store) == 2


def test_only_last_modified_is_enough_for_a_304(server, store, db):
    modified = "Thu, 21 Apr 2022 02:30:00 GMT"
    server.routes["/lm.xml"] = Route(rss("sarmat"), last_modified=modified)
    watcher = _watcher(store, db)
    assert watcher.poll(server.url("/lm.xml")).new == 1
    again = watcher.poll(server.url("/lm.xml"))
    assert again.not_modified
    assert server.headers_of("/lm.xml")[1]["If-Modified-Since"] == modified
    assert "If-None-Match" not in server.headers_of("/lm.xml")[1]


def test_a_feed_that_gains_one_item_stores_exactly_one_document(server, store, db):
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk"), etag='"v1"')
    watcher = _watcher(store, db)
    watcher.poll(server.url("/voa.xml"))
    server.routes["/voa.xml"] = Route(rss("iskander", "sarmat", "dprk"), etag='"v2"')

    result = watcher.poll(server.url("/voa.xml"))
    assert (result.new, result.seen, result.stored_before) == (1, 2, 0), result.line()
    assert _documents(store) == 3
    assert [hit.title for hit in store.search("伊斯坎德尔")] == [ITEMS["iskander"][0]]
    assert result.line().endswith(": 1 new, 2 already seen")


def test_a_server_ignoring_conditional_requests_still_gets_nothing_stored_twice(server, store, db):
    server.routes["/plain.xml"] = Route(rss("sarmat", "dprk"))  # no validators at all
    watcher = _watcher(store, db)
    assert watcher.poll(server.url("/plain.xml")).new == 2
    again = watcher.poll(server.url("/plain.xml"))
    assert (again.not_modified, again.new, again.seen) == (False, 0, 2)
    assert _documents(store) == 2


def test_an_item_edited_upstream_is_not_stored_again(server, store, db):
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk"), etag='"v1"')
    watcher = _watcher(store, db)
    watcher.poll(server.url("/voa.xml"))
    edit = ITEMS["dprk"][1] + "（更新：日本防卫省也证实了这次发射。）"
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk", edited={"dprk": edit}), etag='"v2"')

    result = watcher.poll(server.url("/voa.xml"))
    assert (result.new, result.seen) == (0, 2)
    assert _documents(store) == 2


def test_items_already_stored_from_a_file_count_as_already_stored(server, store, db, tmp_path):
    from armswatch import batch

    saved = tmp_path / "saved.xml"
    saved.write_bytes(rss("sarmat"))
    batch.ingest(store, [str(saved)], workers=1)
    server.routes["/voa.xml"] = Route(rss("dprk", "sarmat"))
    result = _watcher(store, db).poll(server.url("/voa.xml"))
    assert (result.new, result.stored_before) == (1, 1)
    assert _documents(store) == 2


def test_a_gb18030_feed_is_decoded_by_its_declared_charset(server, store, db):
    body = rss("thaad", channel="联合早报").decode().replace('encoding="UTF-8"', 'encoding="GB18030"')
    server.routes["/zaobao.xml"] = Route(body.encode("gb18030"), content_type="text/xml; charset=gb18030")
    assert _watcher(store, db).poll(server.url("/zaobao.xml")).new == 1
    [hit] = store.search("萨德")
    assert hit.title == ITEMS["thaad"][0] and hit.outlet


# --- failures survived -----------------------------------------------------------------------------------------


def test_a_500_garbage_and_a_refused_connection_are_reported_and_the_good_feed_still_goes_in(server, store, db):
    server.routes["/broken.xml"] = Route(b"<html><body>Internal Server Error</body></html>", status=500,
                                         content_type="text/html")
    server.routes["/garbage.xml"] = Route(b"\xe4\xb9\xb1\xe7\xa0\x81 <<< this is not xml >>>")
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk"), etag='"v1"')
    refused = f"http://127.0.0.1:{_unused_port()}/feed.xml"
    urls = [server.url("/broken.xml"), server.url("/garbage.xml"), refused, server.url("/voa.xml")]
    reported: list[FeedResult] = []

    results = _watcher(store, db).round(urls, reported.append)
    assert reported == results
    broken, garbage, down, good = results
    assert "HTTP 500" in broken.error
    assert "not an RSS or Atom feed" in garbage.error and "乱码" in garbage.error
    assert down.error == "connection refused"
    assert good.ok and good.new == 2 and _documents(store) == 2
    for result in (broken, garbage, down):
        assert result.line().startswith(result.url + ": error: ")

    state = json.loads(state_path_for(db).read_text(encoding="utf-8"))["feeds"]
    assert state[server.url("/broken.xml")]["error"].startswith("HTTP 500")
    assert state[server.url("/voa.xml")]["error"] is None

    # The next round goes on, and a feed that was fixed is read in full at once.
    server.routes["/broken.xml"] = Route(rss("iskander"), etag='"b1"')
    again = _watcher(store, db).round(urls)
    assert [r.ok for r in again] == [True, False, False, True]
    assert again[0].new == 1 and again[3].not_modified
    assert _documents(store) == 3


@pytest.mark.parametrize(("route", "reason"), [
    (Route(b""), "empty response"),
    (Route(b"  \n\t "), "empty response"),
    (Route(b"<!DOCTYPE html><html><head><title>502</title></head><body>Bad gateway</body></html>",
           content_type="text/html"), "not an RSS or Atom feed (the response starts with '<!DOCTYPE html>"),
    (Route(b'{"items": []}', content_type="application/json"), "not an RSS or Atom feed"),
    (Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>'),
     "feed has no items"),
    (Route(b"\x89PNG\r\n\x1a\n" + bytes(64), content_type="image/png"), "binary file (looks like a PNG image)"),
    (Route(b"", status=404), "HTTP 404"),
    (Route(b"", status=403), "HTTP 403"),
    (Route(b"", status=503), "HTTP 503"),
    (Route(hang_up=True), "the server closed the connection without answering"),
    (Route(rss("sarmat"), length=100_000), "the response was cut off"),
])
def test_what_is_not_a_usable_feed_is_one_clear_error(server, store, db, route, reason):
    server.routes["/feed.xml"] = route
    result = _watcher(store, db).poll(server.url("/feed.xml"))
    assert not result.ok and reason in result.error, result.error
    assert _documents(store) == 0


def test_a_failed_feed_keeps_no_validators_so_it_is_read_whole_next_time(server, store, db):
    server.routes["/feed.xml"] = Route(b"not a feed", etag='"bad"')
    watcher = _watcher(store, db)
    assert not watcher.poll(server.url("/feed.xml")).ok
    assert watcher.state.feed(server.url("/feed.xml")).etag is None
    watcher.poll(server.url("/feed.xml"))
    assert "If-None-Match" not in server.headers_of("/feed.xml")[1]


def test_an_item_without_text_is_rejected_and_the_rest_of_the_feed_goes_in(server, store, db):
    body = rss("sarmat").replace(b"</channel>", b"<item><title>\xe7\xa9\xba</title><link>https://x.cn/empty</link>"
                                               b"</item></channel>")
    server.routes["/feed.xml"] = Route(body)
    result = _watcher(store, db).poll(server.url("/feed.xml"))
    assert result.ok and result.new == 1
    assert result.rejected == [(server.url("/feed.xml") + "#item2", "feed item has no content or summary")]
    assert "1 rejected" in result.line()


def test_a_slow_feed_times_out_without_holding_up_the_others(server, store, db):
    server.routes["/slow.xml"] = Route(rss("sarmat"), delay=TIMEOUT + 2)
    server.routes["/voa.xml"] = Route(rss("dprk"))
    watcher = Watcher(store, WatchState(None), timeout=0.5)
    started = time.monotonic()
    slow, good = watcher.round([server.url("/slow.xml"), server.url("/voa.xml")])
    assert "timed out" in slow.error
    assert good.new == 1
    assert time.monotonic() - started < TIMEOUT


@pytest.mark.parametrize(("length", "reason"), [(True, "bytes announced, over the 500-byte limit (--max-bytes)"),
                                                (False, "over the 500 bytes limit (--max-bytes)")])
def test_a_body_over_the_size_limit_is_refused(server, store, db, length, reason):
    """Refused unread when its length is announced, else after reading one byte more than the limit."""
    from armswatch.process import Options

    server.routes["/big.xml"] = Route(rss("sarmat", "dprk", "iskander", "thaad"), length=length)
    watcher = Watcher(store, WatchState(None), Options(max_bytes=500), timeout=TIMEOUT)
    result = watcher.poll(server.url("/big.xml"))
    assert reason in result.error, result.error
    assert _documents(store) == 0


def test_a_redirect_is_followed_but_never_off_http(server, store, db):
    server.routes["/moved.xml"] = Route(status=301, headers={"Location": server.url("/voa.xml")})
    server.routes["/voa.xml"] = Route(rss("sarmat"))
    server.routes["/sneaky.xml"] = Route(status=302, headers={"Location": "ftp://127.0.0.1/feed.xml"})
    server.routes["/local.xml"] = Route(status=302, headers={"Location": "file:///etc/passwd"})
    moved, sneaky, local = _watcher(store, db).round([server.url(p) for p in ("/moved.xml", "/sneaky.xml",
                                                                               "/local.xml")])
    assert moved.new == 1
    assert "HTTP 302" in sneaky.error and "non-HTTP" in sneaky.error
    assert "HTTP 302" in local.error


# --- state -----------------------------------------------------------------------------------------------------


def test_the_state_file_sits_beside_the_database_and_is_replaced_whole(server, store, db):
    server.routes["/voa.xml"] = Route(rss("sarmat"), etag='"v1"', last_modified="Wed, 20 Apr 2022 16:00:00 GMT")
    _watcher(store, db).poll(server.url("/voa.xml"))
    path = Path(f"{db}.feeds.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["format"] == "armswatch.feeds/1"
    feed = data["feeds"][server.url("/voa.xml")]
    assert feed["etag"] == '"v1"' and feed["last_modified"] == "Wed, 20 Apr 2022 16:00:00 GMT"
    assert feed["seen"] == ["https://www.voachinese.com/a/sarmat/100.html"]
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_a_damaged_state_file_stops_the_watcher_with_its_name(db):
    path = state_path_for(db)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(WatchError, match="cannot read the feed state.*fix or remove"):
        WatchState.load(path)
    path.write_text(json.dumps({"format": "something/9", "feeds": {}}), encoding="utf-8")
    with pytest.raises(WatchError, match="format"):
        WatchState.load(path)


def test_a_failed_write_leaves_the_old_state(db, monkeypatch):
    state = WatchState(state_path_for(db))
    state.feed("https://a.example/rss").etag = '"old"'
    state.save()

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    state.feed("https://a.example/rss").etag = '"new"'
    with pytest.raises(OSError):
        state.save()
    assert WatchState.load(state_path_for(db)).feed("https://a.example/rss").etag == '"old"'
    assert [p.name for p in db.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_seen_keys_are_capped_but_never_the_current_items(monkeypatch):
    monkeypatch.setattr("armswatch.watch.SEEN_LIMIT", 3)
    feed = FeedState(seen=["a", "b", "c"])
    feed.remember(["d", "b"])
    assert feed.seen == ["c", "d", "b"]
    feed.remember(["w", "x", "y", "z"])
    assert feed.seen == ["w", "x", "y", "z"]


def test_items_sharing_a_link_are_known_by_their_text():
    from armswatch.document import Document

    docs = [Document(source_path="f", text="甲", doc_id="1", url="https://x.cn/"),
            Document(source_path="f", text="乙", doc_id="2", url="https://x.cn/"),
            Document(source_path="f", text="丙", doc_id="3", url="https://x.cn/c"),
            Document(source_path="f", text="丁", doc_id="4", url=None)]
    assert item_keys(docs) == ["doc:1", "doc:2", "https://x.cn/c", "doc:4"]


def test_run_polls_every_interval_until_the_rounds_are_done(server, store, db):
    server.routes["/voa.xml"] = Route(rss("sarmat"), etag='"v1"')
    slept: list[float] = []
    lines: list[str] = []
    ok = run(store, db, [server.url("/voa.xml")], every=60, rounds=3, sleep=slept.append,
             report=lambda r: lines.append(r.line()))
    assert ok and len(slept) == 2 and all(0 < s <= 60 for s in slept)
    assert lines[0].endswith("1 new") and all("unchanged" in line for line in lines[1:])


# --- the command line ------------------------------------------------------------------------------------------

runner = CliRunner()


def test_cli_watch_once_reports_each_feed_and_exits_1_when_one_failed(server, db):
    server.routes["/voa.xml"] = Route(rss("sarmat", "dprk"), etag='"v1"')
    server.routes["/broken.xml"] = Route(b"oops", status=500)
    good, broken = server.url("/voa.xml"), server.url("/broken.xml")

    first = runner.invoke(app, ["watch", "--once", "--db", str(db), "--timeout", str(TIMEOUT), good, broken])
    assert first.exit_code == 1, first.output
    assert f"{good}: 2 new" in first.stderr
    assert f"{broken}: error: HTTP 500" in first.stderr

    second = runner.invoke(app, ["watch", "--once", "--db", str(db), good])
    assert second.exit_code == 0, second.output
    assert f"{good}: unchanged" in second.stderr
    stats = json.loads(runner.invoke(app, ["stats", "--db", str(db), "--json"]).stdout)
    assert stats["documents"] == 2


@pytest.mark.parametrize(("args", "message"), [
    (["--every", "15", "http://127.0.0.1/feed.xml"], "--every: not a duration: '15'"),
    (["--every", "0m", "http://127.0.0.1/feed.xml"], "--every: the interval must be longer than zero"),
    (["file:///etc/passwd"], "only http and https feed URLs"),
    (["--max-bytes", "0", "http://127.0.0.1/feed.xml"], "--max-bytes must be positive"),
])
def test_cli_watch_usage_errors_exit_2(db, args, message):
    result = runner.invoke(app, ["watch", "--once", "--db", str(db), *args])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert not db.exists()


def test_cli_watch_loops_until_ctrl_c(server, db):
    server.routes["/voa.xml"] = Route(rss("sarmat"), etag='"v1"')
    url = server.url("/voa.xml")
    proc = subprocess.Popen([sys.executable, "-m", "armswatch.cli", "watch", "--every", "1s", "--db", str(db), url],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, encoding="utf-8")
    try:
        deadline = time.monotonic() + 40
        while len(server.headers_of("/voa.xml")) < 2 and time.monotonic() < deadline and proc.poll() is None:
            time.sleep(0.1)
        assert len(server.headers_of("/voa.xml")) >= 2, "the watcher did not poll twice"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=20)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode == 0, stderr
    assert "watching 1 feed every 1s" in stderr
    assert f"{url}: 1 new" in stderr and f"{url}: unchanged" in stderr
    assert stderr.rstrip().endswith("stopped")
    assert server.headers_of("/voa.xml")[1]["If-None-Match"] == '"v1"'
