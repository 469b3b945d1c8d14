"""Watching RSS/Atom feeds: poll each feed, store each new item once, survive feeds that are down or broken.

Why it is built this way:

- A feed body goes through the same path as a file: `from_bytes` refuses what `load` would refuse,
  `process_raw` reads it with the feed reader, normalizes and extracts, and `batch.store_outcome` stores and
  counts it. A fetched feed and the same feed saved and ingested with `armswatch ingest --format feed` give the
  same documents.
- Polite polling: each request carries the validators (ETag, Last-Modified) of the last good response, so an
  unchanged feed costs a 304 and no parsing.
- "New" is decided per feed by the item's identity, its link, not by its text: an item edited upstream keeps its
  link, so it is not stored again as a second article. Items without a link, and items sharing one link, are
  known by their doc_id instead. The store still refuses a text it already holds, whatever its source.
- What the watcher remembers (validators and the items seen, per feed) lives in a JSON file next to the
  database, replaced atomically, and written only after the feed's articles are committed: a crash in between
  re-reads the feed next time, and the store refuses what it already has.
- A feed that fails (down, HTTP error, timeout, not a feed) is reported with its URL and reason and retried
  whole next round; its validators are not updated, so a fixed feed is read again at once.
"""

from __future__ import annotations

import json
import os
import re
import socket
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime
from http.client import HTTPException, HTTPResponse, IncompleteRead, RemoteDisconnected
from pathlib import Path
from typing import Any

from armswatch import __version__, batch
from armswatch.document import Document
from armswatch.errors import ArmswatchError, InputError
from armswatch.extract.pipeline import Pipeline
from armswatch.ingest.decode import decode
from armswatch.ingest.feed import FeedReader
from armswatch.ingest.source import RawArticle, from_bytes
from armswatch.process import Options, Outcome, process_raw
from armswatch.store.base import Store

SCHEMES = ("http", "https")
DEFAULT_TIMEOUT = 30.0
STATE_FORMAT = "armswatch.feeds/1"
STATE_SUFFIX = ".feeds.json"
# Item keys kept per feed. Feeds list tens of items, so this spans months of a busy feed; older keys are
# dropped so the state file cannot grow forever (an old item coming back is still refused by the store).
SEEN_LIMIT = 5000
USER_AGENT = f"armswatch/{__version__} (feed watcher)"
_CHUNK = 64 * 1024


class WatchError(ArmswatchError):
    """Something wrong before any feed is polled: a bad URL or interval, an unreadable state file."""


class FeedError(InputError):
    """One feed could not be fetched: the URL and the reason, reported and retried next round."""


# --- arguments -----------------------------------------------------------------------------------------------

_DURATION = re.compile(r"(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?")
_UNIT_SECONDS = (86400, 3600, 60, 1)


def parse_interval(text: str) -> int:
    """Seconds in a duration like 30s, 15m, 1h or 2h30m; a bare number is refused, its unit being a guess."""
    match = _DURATION.fullmatch(text.strip().lower())
    if not text.strip() or not match:
        raise WatchError(f"not a duration: {text!r} (use e.g. 30s, 15m, 1h or 2h30m)")
    seconds = sum(int(n) * unit for n, unit in zip(match.groups(), _UNIT_SECONDS, strict=True) if n)
    if seconds <= 0:
        raise WatchError(f"the interval must be longer than zero, not {text!r}")
    return seconds


def check_url(url: str) -> str:
    """`url` when it is an http(s) URL with a host; anything else (file://, ftp://, a path) is refused by name."""
    try:
        parts = urllib.parse.urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in range
    except ValueError as exc:
        raise WatchError(f"{url}: not a valid URL ({exc})") from None
    if parts.scheme.lower() not in SCHEMES:
        what = f"a {parts.scheme}: URL" if parts.scheme else "not a URL"
        raise WatchError(f"{url}: only http and https feed URLs can be watched ({what})")
    if not parts.hostname:
        raise WatchError(f"{url}: no host in the URL")
    return url.strip()


def check_urls(urls: Iterable[str]) -> list[str]:
    """The URLs checked, each once, in the order given."""
    return list(dict.fromkeys(check_url(u) for u in urls))


# --- state -----------------------------------------------------------------------------------------------------


@dataclass
class FeedState:
    """What is remembered about one feed between polls."""

    etag: str | None = None
    last_modified: str | None = None
    # Keys of the items already taken from this feed (see `item_keys`), oldest first.
    seen: list[str] = field(default_factory=list)
    checked: str | None = None
    # Why the last poll failed; None when it went through.
    error: str | None = None

    def remember(self, keys: Sequence[str]) -> None:
        """Add the keys of this fetch, dropping the oldest others beyond SEEN_LIMIT (never this fetch's)."""
        current = list(dict.fromkeys(keys))
        fresh = set(current)
        merged = [k for k in self.seen if k not in fresh] + current
        self.seen = merged[-max(SEEN_LIMIT, len(current)):]


def state_path_for(db: str | Path) -> Path | None:
    """The state file beside the database (`<db>.feeds.json`); None for an in-memory store."""
    name = os.fspath(db)
    return None if name == ":memory:" else Path(name + STATE_SUFFIX)


class WatchState:
    """Every watched feed's state, kept in one JSON file that is only ever replaced whole."""

    def __init__(self, path: Path | None, feeds: dict[str, FeedState] | None = None) -> None:
        self.path = path
        self.feeds = feeds or {}

    @classmethod
    def load(cls, path: Path | None) -> WatchState:
        """The saved state, or an empty one when there is none yet; a damaged file is an error, not a fresh start,
        since starting over would take every edited item as new again."""
        if path is None or not path.exists():
            return cls(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            if data.get("format") != STATE_FORMAT:
                raise ValueError(f"format is {data.get('format')!r}, expected {STATE_FORMAT!r}")
            feeds = {url: _feed_state(entry) for url, entry in data["feeds"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise WatchError(f"{path}: cannot read the feed state ({exc}); fix or remove the file") from exc
        return cls(path, feeds)

    def feed(self, url: str) -> FeedState:
        return self.feeds.setdefault(url, FeedState())

    def save(self) -> None:
        """Write the file through a temporary file and a rename, so a crash leaves the old or the new state."""
        if self.path is None:
            return
        body = json.dumps({"format": STATE_FORMAT, "feeds": {u: asdict(f) for u, f in self.feeds.items()}},
                          ensure_ascii=False, indent=1)
        _write_atomically(self.path, body)


def _feed_state(entry: dict[str, Any]) -> FeedState:
    known = {k: v for k, v in entry.items() if k in FeedState.__dataclass_fields__}
    state = FeedState(**known)
    if not isinstance(state.seen, list):
        raise ValueError("'seen' must be a list")
    return state


def _write_atomically(path: Path, body: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(body)
            handle.flush()
            os.fsync(handle.fileno())  # the bytes are on disk before the name points at them
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


# --- fetching --------------------------------------------------------------------------------------------------


@dataclass
class Fetched:
    """A feed response: 200 with its body, or 304 (nothing new)."""

    status: int
    data: bytes = b""
    charset: str | None = None
    etag: str | None = None
    last_modified: str | None = None


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects stay on http(s): urllib would also follow one to ftp://."""

    def redirect_request(self, req: urllib.request.Request, fp: Any, code: int, msg: str, headers: Any,
                         newurl: str) -> urllib.request.Request | None:
        if urllib.parse.urlsplit(newurl).scheme.lower() not in SCHEMES:
            raise urllib.error.HTTPError(newurl, code, f"redirect to a non-HTTP URL {newurl}", headers, fp)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _request_headers(feed: FeedState) -> dict[str, str]:
    headers = {
        "User-Agent": USER_AGENT,
        "Accept": "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        # Bodies are read as sent; a compressed one would be refused as binary.
        "Accept-Encoding": "identity",
    }
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    return headers


def fetch(url: str, feed: FeedState, *, timeout: float = DEFAULT_TIMEOUT, max_bytes: int) -> Fetched:
    """GET `url` conditionally; a FeedError saying why when it cannot be had.

    `timeout` bounds the connection, each wait for data, and the whole body (checked between reads): a server
    that trickles bytes must not hold the other feeds up. At most `max_bytes + 1` bytes are read, enough for
    `from_bytes` to tell an over-size body.
    """
    deadline = time.monotonic() + timeout
    request = urllib.request.Request(url, headers=_request_headers(feed))
    try:
        # Built per fetch (it is cheap) so proxy settings in the environment are read as they are now.
        with urllib.request.build_opener(_HttpOnlyRedirects).open(request, timeout=timeout) as response:
            data = _read_body(url, response, deadline, max_bytes)
            headers = response.headers
            return Fetched(200, data, headers.get_content_charset(), headers.get("ETag"), headers.get("Last-Modified"))
    except urllib.error.HTTPError as exc:
        with exc:
            if exc.code == 304:
                return Fetched(304, etag=exc.headers.get("ETag"), last_modified=exc.headers.get("Last-Modified"))
            raise FeedError(url, f"HTTP {exc.code} {exc.reason}".rstrip()) from None
    except urllib.error.URLError as exc:
        raise FeedError(url, _network_reason(exc.reason, timeout)) from None
    except (OSError, HTTPException) as exc:
        raise FeedError(url, _network_reason(exc, timeout)) from None
    except ValueError as exc:  # urllib's word for a URL it cannot request (a bad port, say)
        raise FeedError(url, f"cannot request this URL ({exc})") from None


def _read_body(url: str, response: HTTPResponse, deadline: float, max_bytes: int) -> bytes:
    """The body, up to one byte more than `max_bytes`; a body announced as bigger is refused unread."""
    length = response.headers.get("Content-Length", "").strip()
    if length.isdigit() and int(length) > max_bytes:
        raise FeedError(url, f"{int(length):,} bytes announced, over the {max_bytes:,}-byte limit (--max-bytes)")
    limit = max_bytes + 1
    chunks: list[bytes] = []
    size = 0
    while size < limit:
        if time.monotonic() > deadline:
            raise FeedError(url, "timed out while reading the response")
        chunk = response.read(min(_CHUNK, limit - size))
        if not chunk:
            _check_complete(url, response, size)
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def _check_complete(url: str, response: HTTPResponse, size: int) -> None:
    """A body shorter than its Content-Length was cut off; http.client's partial reads do not say so, and a
    truncated feed still parses, into truncated articles."""
    missing = getattr(response, "length", None)
    if missing:
        raise FeedError(url, f"the response was cut off ({size:,} bytes read, {missing:,} more expected)")


def _network_reason(reason: object, timeout: float) -> str:
    """Why a connection failed, in words a user can act on."""
    if isinstance(reason, TimeoutError):
        return f"timed out after {timeout:g}s"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve the host ({reason.strerror or reason})"
    if isinstance(reason, ConnectionRefusedError):
        return "connection refused"
    if isinstance(reason, RemoteDisconnected):
        return "the server closed the connection without answering"
    if isinstance(reason, IncompleteRead):
        return f"the response was cut off ({len(reason.partial):,} bytes read, {reason.expected:,} more expected)"
    if isinstance(reason, OSError) and reason.strerror:
        return reason.strerror[0].lower() + reason.strerror[1:]
    if isinstance(reason, HTTPException):
        return f"bad HTTP response ({type(reason).__name__}: {reason})"
    return str(reason) or type(reason).__name__


# --- polling ---------------------------------------------------------------------------------------------------


@dataclass
class FeedResult:
    """What one poll of one feed did."""

    url: str
    new: int = 0
    duplicates: int = 0
    # Items taken from this feed before (edited ones included): not stored again.
    seen: int = 0
    # Items new to this feed whose text the store already held (read from a file or another feed).
    stored_before: int = 0
    not_modified: bool = False
    rejected: list[tuple[str, str]] = field(default_factory=list)
    error: str | None = None
    at: datetime = field(default_factory=lambda: datetime.now().astimezone())

    @property
    def ok(self) -> bool:
        return self.error is None

    def line(self, stamped: bool = False) -> str:
        """One line for the round's report: new items, unchanged, or the error; `stamped` for long-running logs."""
        return (self.at.strftime("%Y-%m-%d %H:%M:%S ") if stamped else "") + self._what()

    def _what(self) -> str:
        if self.error:
            return f"{self.url}: error: {self.error}"
        if self.not_modified:
            return f"{self.url}: unchanged (not modified since the last poll)"
        dups = self.duplicates
        parts = [f"{self.new} new" + (f" ({dups} near-duplicate{'' if dups == 1 else 's'})" if dups else "")]
        for count, label in ((self.seen, "already seen"), (self.stored_before, "already stored"),
                             (len(self.rejected), "rejected")):
            if count:
                parts.append(f"{count} {label}")
        return f"{self.url}: " + ", ".join(parts)


def item_keys(docs: Sequence[Document]) -> list[str]:
    """How each item of one fetch is known across polls: its link, which survives edits of the text.

    A link several items of the fetch share (a feed pointing every item at its home page) names none of them,
    so those items, and items without a link, are known by their doc_id.
    """
    links = Counter(doc.url for doc in docs if doc.url)
    return [doc.url if doc.url and links[doc.url] == 1 else f"doc:{doc.doc_id}" for doc in docs]


def _feed_failure(url: str, raw: RawArticle, outcome: Outcome) -> str | None:
    """Why the feed as a whole could not be read, or None when it gave articles (or only bad items)."""
    whole = [e.reason for e in outcome.errors if e.source == url]
    if outcome.docs or not whole:
        return None
    return _not_a_feed(raw) or whole[0]


def _not_a_feed(raw: RawArticle) -> str | None:
    """A plainer reason when the body is not a feed at all (an HTML error page, JSON, text)."""
    try:
        text = decode(raw)
    except InputError:
        return None
    if FeedReader().sniff(text, raw.source_path):
        return None
    start = " ".join(text.split())[:60]
    return f"not an RSS or Atom feed (the response starts with {start!r})"


class Watcher:
    """Polls feeds into a store, remembering per feed what it has seen in `state`."""

    def __init__(self, store: Store, state: WatchState, options: Options | None = None, *,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.store = store
        self.state = state
        # Forced to the feed reader: sniffing would take an HTML error page for an article.
        self.options = replace(options or Options(), fmt="feed")
        self.timeout = timeout
        self._pipeline: Pipeline | None = None

    @property
    def pipeline(self) -> Pipeline:
        """Built on first use: loading the extraction stages is the slow part of starting."""
        if self._pipeline is None:
            self._pipeline = Pipeline.from_names(self.options.stages)
        return self._pipeline

    def poll(self, url: str) -> FeedResult:
        """Fetch one feed and store its new items; whatever is wrong with the feed becomes the result's error.

        Only the store's own failures raise: a full disk is not a feed's fault, and polling on would lose items.
        """
        feed = self.state.feed(url)
        try:
            fetched = fetch(url, feed, timeout=self.timeout, max_bytes=self.options.max_bytes)
            result = FeedResult(url, not_modified=True) if fetched.status == 304 else self._take(url, feed, fetched)
        except InputError as exc:
            result = FeedResult(url, error=exc.reason)
        else:
            # Validators only from a response that was fully taken, so a failed feed is read whole next time.
            feed.etag = fetched.etag or (feed.etag if fetched.status == 304 else None)
            feed.last_modified = fetched.last_modified or (feed.last_modified if fetched.status == 304 else None)
        feed.checked = datetime.now(UTC).isoformat(timespec="seconds")
        feed.error = result.error
        self.state.save()
        return result

    def _take(self, url: str, feed: FeedState, fetched: Fetched) -> FeedResult:
        raw = from_bytes(url, fetched.data, declared_charset=fetched.charset, max_bytes=self.options.max_bytes)
        outcome = process_raw(raw, self.options, self.pipeline)
        failure = _feed_failure(url, raw, outcome)
        if failure:
            raise FeedError(url, failure)
        keys = item_keys([doc for doc, _ in outcome.docs])
        seen = set(feed.seen)
        taken = len(outcome.docs)
        outcome.docs = [item for item, key in zip(outcome.docs, keys, strict=True) if key not in seen]
        summary = batch.Summary()
        batch.store_outcome(self.store, outcome, summary)
        self.store.index_pending()
        feed.remember(keys)
        return FeedResult(url, new=summary.ingested + summary.duplicates, duplicates=summary.duplicates,
                          seen=taken - len(outcome.docs), stored_before=summary.unchanged,
                          rejected=list(summary.rejected))

    def round(self, urls: Iterable[str], report: Callable[[FeedResult], None] | None = None) -> list[FeedResult]:
        """Poll each feed once, in order; `report` hears of each as soon as it is done."""
        results = []
        for url in urls:
            result = self.poll(url)
            if report:
                report(result)
            results.append(result)
        return results


def run(store: Store, db: str | Path, urls: Sequence[str], *, every: float | None = None,
        options: Options | None = None, timeout: float = DEFAULT_TIMEOUT,
        report: Callable[[FeedResult], None] | None = None, rounds: int | None = None,
        sleep: Callable[[float], None] = time.sleep) -> bool:
    """Poll `urls` once (`every` None) or every `every` seconds until interrupted or `rounds` are done.

    Rounds start `every` seconds apart, however long a round took (at once when it took longer). True when
    every feed of the last round was fine. The state file is the one beside `db`.
    """
    watcher = Watcher(store, WatchState.load(state_path_for(db)), options, timeout=timeout)
    done = 0
    while True:
        started = time.monotonic()
        results = watcher.round(urls, report)
        done += 1
        if every is None or (rounds is not None and done >= rounds):
            return all(r.ok for r in results)
        sleep(max(0.0, every - (time.monotonic() - started)))
