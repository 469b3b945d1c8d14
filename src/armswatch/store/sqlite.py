"""The SQLite store: one file holding documents, their spans, MinHash bands and two FTS5 indexes.

The schema (migrations/*.sql) is meant to be read with plain SQL or Datasette: one table
per span list of the record, joined on the record's doc_id. `put` rebuilds nothing from
JSON blobs, so `get` has to put the record back together from those tables; the mapping
between the two lives in the `_write_*` and `_read_*` functions below and nowhere else.

What `get` gives back is the record `put` was given, with two normalisations a round trip
cannot avoid: every span dict has all the keys RECORD.md lists (a missing one comes back as
None or []), and unknown keys nested inside a mention or an event's evidence are dropped.
Unknown keys at the top level of an entity, quote, event or claim are kept (as JSON in its
`extra` column). An entity's type and names are shared by all articles: the latest article
to name an entity sets them. An article lists each entity id once (a repeated id fails the put).
`entity_names` keeps every form an entity was ever stored under, by alias key, so a name in any
script finds it without scanning the mentions. A quote comes back in the record form: `speaker` one id
(or None), and `speakers` only for a joint statement, even when it was given the older way, as a list
in `speaker`; its script-folded text and speaker keys are what `find_quotes` matches.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from functools import lru_cache
from importlib import resources
from itertools import combinations, product
from typing import Any

import numpy as np

from armswatch.document import Document
from armswatch.errors import StoreError
from armswatch.kb.entities import knowledge_base
from armswatch.kb.loader import alias_key
from armswatch.normalize.dedup import band_keys, to_bytes
from armswatch.normalize.script import fold, fold_query
from armswatch.store.base import (
    ClaimHit,
    ClaimPosition,
    ClaimReport,
    ClaimVoice,
    Disagreement,
    DocSummary,
    EntityArticle,
    EntityMatch,
    EntityProfile,
    EntityRef,
    EventHit,
    NameCount,
    QuoteHit,
    SearchHit,
    TransferReport,
    TransferRow,
)
from armswatch.store.search import ParsedQuery, date_bounds, make_snippet, parse_query, unigram_form

BUSY_TIMEOUT_S = 5.0
MIN_PREFIX = 8
# Bound parameters per IN list; far below SQLite's limit, and a typical lookup (32 band keys) is one chunk.
_CHUNK = 500
# Title hits count this many times a body hit in bm25.
TITLE_WEIGHT = 4.0
_MIGRATION_FILE = re.compile(r"(\d{4})_[\w-]+\.sql")
_HEX = re.compile(r"[0-9a-f]+")

_EVENT_ROLES = ("actor", "recipient", "weapon", "treaty", "location")
# The roles a `transfers` row is keyed by: supplier, recipient, weapon.
_TRANSFER_ROLES = ("actor", "recipient", "weapon")
_ENTITY_KEYS = frozenset({"id", "type", "name", "name_en", "roles", "mentions"})
_QUOTE_KEYS = frozenset({"speaker", "speakers", "speaker_name", "text", "start", "end", "direct", "cited_source",
                         "cited_date"})
_EVENT_KEYS = frozenset({"type", "subtype", "status", "date", "evidence", *_EVENT_ROLES})
_CLAIM_KEYS = frozenset({"value", "value_max", "unit", "about", "text", "start", "end"})

_DOC_COLUMNS = ("doc_id", "source_path", "source_format", "title", "published", "outlet", "url", "original_source",
                "author", "lang", "duplicate_of", "ingested_at", "text")
_HIT_COLUMNS = "d.id, d.doc_id, d.title, d.published, d.outlet, d.url, d.lang, d.duplicate_of"


@lru_cache(maxsize=1)
def migrations() -> tuple[tuple[int, str], ...]:
    """(version, SQL script) of every migration shipped with the package, in order.

    Cached: the web app opens a store per request.
    """
    folder = resources.files("armswatch.store") / "migrations"
    found = []
    for entry in folder.iterdir():
        match = _MIGRATION_FILE.fullmatch(entry.name)
        if match:
            found.append((int(match.group(1)), entry.read_text(encoding="utf-8")))
    return tuple(sorted(found))


def schema_version() -> int:
    """The newest schema this code knows."""
    known = migrations()
    return known[-1][0] if known else 0


def _statements(script: str) -> Iterator[str]:
    """The statements of a SQL script, one at a time, so they can run inside our own transaction.

    (`executescript` would commit first, and a failed migration must leave the file as it was.)
    """
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            if buffer.strip():
                yield buffer
            buffer = ""
    leftover = [line for line in buffer.splitlines() if line.strip() and not line.strip().startswith("--")]
    if leftover:
        raise StoreError(f"incomplete SQL statement at the end of a migration: {leftover[0][:80]!r}")


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list | tuple) else [value]


def _extra(span: dict[str, Any], known: frozenset[str]) -> str | None:
    rest = {k: v for k, v in span.items() if k not in known}
    return json.dumps(rest, ensure_ascii=False) if rest else None


def _with_extra(span: dict[str, Any], extra: str | None) -> dict[str, Any]:
    if extra:
        span.update(json.loads(extra))
    return span


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _chunks(items: Sequence[Any], size: int = _CHUNK) -> Iterator[Sequence[Any]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _date_window(date: str, since: str | None, until: str | None) -> tuple[list[str], list[Any]]:
    """SQL conditions keeping rows whose `date` (an SQL expression giving YYYY[-MM[-DD]]) meets inclusive bounds.

    Dates compare as the periods they name, and a row is kept when its period overlaps the window: until
    2026-02 takes 2026-02-28, a date of only 2026-02 is taken by since 2026-02-15, and a date of 2023 by
    since 2023-05-01 until 2023-12-31. A row with no date passes no bound. Raises ValueError, naming the
    bound, on a malformed one.
    """
    date_bounds(since, until)
    conditions: list[str] = []
    params: list[Any] = []
    if since:
        conditions.append(f"{date} >= substr(?, 1, length({date}))")
        params.append(since)
    if until:
        conditions.append(f"substr({date}, 1, length(?)) <= ?")
        params.extend([until, until])
    return conditions, params


# Articles name the same entity the same few ways over and over; folding each form once saves most of the work.
_name_key = lru_cache(maxsize=1 << 16)(alias_key)

_INSERT_NAME = "INSERT OR IGNORE INTO entity_names (entity_id, key, name) VALUES (?, ?, ?)"


def _name_rows(entity_id: Any, forms: Iterable[Any]) -> list[tuple[Any, str, str]]:
    """entity_names rows for the forms an entity was named by: one per key, the first form seen with it."""
    rows: dict[str, tuple[Any, str, str]] = {}
    for form in forms:
        if isinstance(form, str):
            key = _name_key(form)
            if key and key not in rows:
                rows[key] = (entity_id, key, form)
    return list(rows.values())


def _backfill_entity_names(conn: sqlite3.Connection) -> None:
    """Migration 2 adds entity_names; its keys need alias_key, which SQL does not have."""
    forms = conn.execute("SELECT id, name FROM entities UNION SELECT id, name_en FROM entities "
                         "UNION SELECT entity_id, text FROM mentions").fetchall()
    conn.executemany(_INSERT_NAME, (row for entity_id, form in forms for row in _name_rows(entity_id, [form])))


def _quote_speakers(quote: dict[str, Any]) -> tuple[str | None, list[str] | None]:
    """(speaker, speakers) columns of a quote: one id or None, and the list of ids of a joint statement.

    Records give a joint statement as `speaker` (the first id) plus `speakers`; older records gave the list
    in `speaker` itself, which is still accepted. A one-id list is just that speaker.
    """
    speaker, speakers = quote.get("speaker"), quote.get("speakers")
    if isinstance(speaker, list | tuple):  # the older form
        if speakers is None and len(speaker) > 1:
            speakers = speaker
        speaker = speaker[0] if speaker else None
    speakers = list(speakers) if isinstance(speakers, list | tuple) else None
    if speaker is None and speakers:
        speaker = speakers[0]
    return speaker, speakers


def _quote_keys(text: Any, speaker_name: Any) -> tuple[str | None, str | None]:
    """(text_key, speaker_key) of a quote: what `find_quotes` matches, in any script (migration 3)."""
    return (fold(text) if isinstance(text, str) else None,
            (_name_key(speaker_name) or None) if isinstance(speaker_name, str) else None)


def _backfill_quote_keys(conn: sqlite3.Connection) -> None:
    """Migration 3 adds the folded keys of quotes; folding needs Python."""
    rows = conn.execute("SELECT id, text, speaker_name FROM quotes").fetchall()
    conn.executemany("UPDATE quotes SET text_key = ?, speaker_key = ? WHERE id = ?",
                     ((*_quote_keys(text, name), quote_id) for quote_id, text, name in rows))


# Work a migration needs that its SQL script cannot do, run right after the script in the same transaction.
_AFTER_MIGRATION: dict[int, Callable[[sqlite3.Connection], None]] = {2: _backfill_entity_names,
                                                                     3: _backfill_quote_keys}


class SQLiteStore:
    """A store in one SQLite file. One instance per thread of work; cheap to open.

    The connection is in autocommit mode: every write is an explicit BEGIN IMMEDIATE …
    COMMIT, so a writer takes the lock up front (and waits up to BUSY_TIMEOUT_S for
    another) instead of failing half-way. `check_same_thread` is off because web
    frameworks may open a store in one worker thread and use it in another; a store
    is still never used by two threads at once.
    """

    def __init__(self, path: str) -> None:
        self.path = path
        self._conn = self._connect(path)
        try:
            self.version = self._migrate()
        except BaseException:
            self._conn.close()
            raise

    # -- opening -------------------------------------------------------------------------------------

    @staticmethod
    def _connect(path: str) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_S, isolation_level=None, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
            conn.execute("PRAGMA foreign_keys = ON")
            conn.execute("PRAGMA temp_store = MEMORY")
            conn.execute("PRAGMA cache_size = -32768")
            # Ingest commits once per article; checkpointing the WAL every 1,000 pages (the default) made the
            # checkpoints a fifth of the write cost. A larger WAL is checkpointed less often, then truncated.
            conn.execute("PRAGMA wal_autocheckpoint = 10000")
            conn.execute("PRAGMA journal_size_limit = 67108864")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
                raise StoreError(f"{path}: not a SQLite database") from exc
            raise StoreError(f"{path}: cannot open the store ({exc})") from exc
        conn.row_factory = sqlite3.Row
        return conn

    def _user_version(self) -> int:
        return int(self._conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> int:
        """Bring the file to the newest schema, one migration per transaction; the resulting version."""
        known = migrations()
        newest = known[-1][0] if known else 0
        version = self._user_version()
        if version > newest:
            raise StoreError(f"{self.path}: schema version {version} is newer than this armswatch knows "
                             f"({newest}); upgrade armswatch to open it")
        for number, script in known:
            if number > version:
                self._apply_migration(number, script)
        return max(version, newest)

    def _apply_migration(self, number: int, script: str) -> None:
        try:
            with self._transaction() as conn:
                # Another process may have migrated while we waited for the lock.
                if self._user_version() >= number:
                    return
                for statement in _statements(script):
                    conn.execute(statement)
                if number in _AFTER_MIGRATION:
                    _AFTER_MIGRATION[number](conn)
                # PRAGMA takes no parameters; number is an int parsed from a file name of ours.
                conn.execute(f"PRAGMA user_version = {int(number)}")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot apply schema migration {number:04d} ({exc})") from exc

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        conn = self._conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SQLiteStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------------------

    def put(self, doc: Document, minhash: np.ndarray | None = None) -> bool:
        """Store a document in one transaction; False (and no change) when its doc_id is already stored."""
        if not doc.doc_id:
            raise ValueError(f"{doc.source_path}: a document needs a doc_id to be stored")
        try:
            with self._transaction() as conn:
                rowid = self._write_document(conn, doc)
                if rowid is None:
                    return False
                self._write_entities(conn, doc)
                self._write_quotes(conn, doc)
                self._write_events(conn, doc)
                self._write_claims(conn, doc)
                conn.execute("INSERT INTO search_queue (id) VALUES (?)", (rowid,))
                if minhash is not None:
                    self._write_minhash(conn, doc.doc_id, minhash)
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot store {doc.doc_id} ({doc.source_path}): {exc}") from exc
        return True

    @staticmethod
    def _write_document(conn: sqlite3.Connection, doc: Document) -> int | None:
        """The new row's id, or None when the doc_id is already stored."""
        values = {name: getattr(doc, name) for name in _DOC_COLUMNS if name != "ingested_at"}
        values["ingested_at"] = _now()
        columns = ", ".join(_DOC_COLUMNS)
        row = conn.execute(f"INSERT INTO documents ({columns}) VALUES ({_placeholders(len(_DOC_COLUMNS))}) "
                           "ON CONFLICT (doc_id) DO NOTHING RETURNING id",
                           [values[name] for name in _DOC_COLUMNS]).fetchone()
        return None if row is None else int(row[0])

    @staticmethod
    def _write_entities(conn: sqlite3.Connection, doc: Document) -> None:
        """One statement per table for the whole article rather than per entity: articles name dozens
        of entities, and batching their rows pays for the entity_names rows this also writes."""
        entities, listed, roles, mentions, names = [], [], [], [], []
        for position, ent in enumerate(doc.entities):
            entity_id = ent.get("id")
            said = _as_list(ent.get("mentions"))
            entities.append((entity_id, ent.get("type"), ent.get("name"), ent.get("name_en")))
            listed.append((doc.doc_id, entity_id, position, _extra(ent, _ENTITY_KEYS)))
            roles.extend((doc.doc_id, entity_id, role) for role in _as_list(ent.get("roles")))
            mentions.extend((doc.doc_id, entity_id, m.get("start"), m.get("end"), m.get("text")) for m in said)
            names.extend(_name_rows(entity_id, [ent.get("name"), ent.get("name_en"), *(m.get("text") for m in said)]))
        # Entities first: the other tables refer to them.
        conn.executemany("INSERT INTO entities (id, type, name, name_en) VALUES (?, ?, ?, ?) ON CONFLICT (id) DO "
                         "UPDATE SET type = excluded.type, name = excluded.name, name_en = excluded.name_en", entities)
        conn.executemany("INSERT INTO document_entities (doc_id, entity_id, position, extra) VALUES (?, ?, ?, ?)",
                         listed)
        conn.executemany("INSERT INTO entity_roles (doc_id, entity_id, role) VALUES (?, ?, ?)", roles)
        conn.executemany('INSERT INTO mentions (doc_id, entity_id, start, "end", text) VALUES (?, ?, ?, ?, ?)',
                         mentions)
        conn.executemany(_INSERT_NAME, names)

    @staticmethod
    def _write_quotes(conn: sqlite3.Connection, doc: Document) -> None:
        rows = []
        for quote in doc.quotes:
            speaker, speakers = _quote_speakers(quote)
            direct, text, name = quote.get("direct"), quote.get("text"), quote.get("speaker_name")
            rows.append((doc.doc_id, speaker, None if speakers is None else json.dumps(speakers, ensure_ascii=False),
                         name, text, quote.get("start"), quote.get("end"),
                         None if direct is None else int(bool(direct)), quote.get("cited_source"),
                         quote.get("cited_date"), _extra(quote, _QUOTE_KEYS), *_quote_keys(text, name)))
        conn.executemany('INSERT INTO quotes (doc_id, speaker, speakers, speaker_name, text, start, "end", direct, '
                         "cited_source, cited_date, extra, text_key, speaker_key) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows)

    @staticmethod
    def _write_events(conn: sqlite3.Connection, doc: Document) -> None:
        for event in doc.events:
            evidence = event.get("evidence") or {}
            cursor = conn.execute(
                "INSERT INTO events (doc_id, type, subtype, status, date, evidence_start, evidence_end, "
                "evidence_text, extra) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (doc.doc_id, event.get("type"), event.get("subtype"), event.get("status"), event.get("date"),
                 evidence.get("start"), evidence.get("end"), evidence.get("text"), _extra(event, _EVENT_KEYS)))
            conn.executemany("INSERT INTO event_arguments (event_id, role, entity_id, position) VALUES (?, ?, ?, ?)",
                             [(cursor.lastrowid, role, entity_id, position) for role in _EVENT_ROLES
                              for position, entity_id in enumerate(_as_list(event.get(role)))])

    @staticmethod
    def _write_claims(conn: sqlite3.Connection, doc: Document) -> None:
        for claim in doc.claims:
            cursor = conn.execute('INSERT INTO claims (doc_id, value, value_max, unit, text, start, "end", extra) '
                                  "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                                  (doc.doc_id, claim.get("value"), claim.get("value_max"), claim.get("unit"),
                                   claim.get("text"), claim.get("start"), claim.get("end"),
                                   _extra(claim, _CLAIM_KEYS)))
            conn.executemany("INSERT INTO claim_about (claim_id, entity_id, position) VALUES (?, ?, ?)",
                             [(cursor.lastrowid, entity_id, position)
                              for position, entity_id in enumerate(_as_list(claim.get("about")))])

    def index_pending(self, batch: int = 500) -> int:
        """Put queued articles into the search indexes, `batch` per transaction; how many were indexed."""
        done = 0
        while True:
            try:
                with self._transaction() as conn:
                    rows = conn.execute("SELECT d.id, d.title, d.text FROM search_queue q JOIN documents d "
                                        "ON d.id = q.id ORDER BY q.id LIMIT ?", (batch,)).fetchall()
                    for row in rows:
                        title, body = unigram_form(fold(row["title"] or "")), unigram_form(fold(row["text"]))
                        conn.execute("INSERT INTO search_unigram (rowid, title, body) VALUES (?, ?, ?)",
                                     (row["id"], title, body))
                    conn.executemany("DELETE FROM search_queue WHERE id = ?", [(row["id"],) for row in rows])
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: cannot update the search index: {exc}") from exc
            done += len(rows)
            if len(rows) < batch:
                return done

    def _catch_up(self) -> None:
        """Index what `put` queued, so a search sees every stored article."""
        if self._conn.execute("SELECT 1 FROM search_queue LIMIT 1").fetchone() is not None:
            self.index_pending()

    @staticmethod
    def _write_minhash(conn: sqlite3.Connection, doc_id: str, sig: np.ndarray) -> None:
        conn.execute("INSERT INTO minhash (doc_id, signature) VALUES (?, ?)", (doc_id, to_bytes(sig)))
        conn.executemany("INSERT OR IGNORE INTO minhash_bands (key, doc_id) VALUES (?, ?)",
                         [(key, doc_id) for key in band_keys(sig)])

    # -- reading documents ---------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        return self._conn.execute("SELECT 1 FROM documents WHERE doc_id = ?", (doc_id,)).fetchone() is not None

    def _resolve(self, doc_id: str) -> sqlite3.Row | None:
        """The documents row for a doc_id or a unique prefix of MIN_PREFIX+ hex characters."""
        row = self._conn.execute("SELECT * FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        prefix = doc_id.lower()
        if row is not None or len(prefix) < MIN_PREFIX or not _HEX.fullmatch(prefix):
            return row
        # A range on the unique index: every id starting with the prefix sorts before prefix + "g".
        rows = self._conn.execute("SELECT * FROM documents WHERE doc_id >= ? AND doc_id < ? LIMIT 2",
                                  (prefix, prefix + "g")).fetchall()
        return rows[0] if len(rows) == 1 else None

    def get(self, doc_id: str) -> Document | None:
        """The stored document, spans included; a unique doc_id prefix of 8+ characters is accepted."""
        row = self._resolve(doc_id)
        if row is None:
            return None
        doc = Document(**{name: row[name] for name in _DOC_COLUMNS if name != "ingested_at"})
        doc.entities = self._read_entities(doc.doc_id)
        doc.quotes = self._read_quotes(doc.doc_id)
        doc.events = self._read_events(doc.doc_id)
        doc.claims = self._read_claims(doc.doc_id)
        return doc

    def _read_entities(self, doc_id: str) -> list[dict[str, Any]]:
        entities: dict[str, dict[str, Any]] = {}
        for row in self._conn.execute("SELECT e.id, e.type, e.name, e.name_en, de.extra FROM document_entities de "
                                      "JOIN entities e ON e.id = de.entity_id WHERE de.doc_id = ? "
                                      "ORDER BY de.position", (doc_id,)):
            entities[row["id"]] = _with_extra({"id": row["id"], "type": row["type"], "name": row["name"],
                                               "name_en": row["name_en"], "roles": [], "mentions": []}, row["extra"])
        for row in self._conn.execute("SELECT entity_id, role FROM entity_roles WHERE doc_id = ? ORDER BY id",
                                      (doc_id,)):
            entities[row["entity_id"]]["roles"].append(row["role"])
        for row in self._conn.execute('SELECT entity_id, start, "end", text FROM mentions WHERE doc_id = ? '
                                      "ORDER BY id", (doc_id,)):
            entities[row["entity_id"]]["mentions"].append({"start": row["start"], "end": row["end"],
                                                           "text": row["text"]})
        return list(entities.values())

    def _read_quotes(self, doc_id: str) -> list[dict[str, Any]]:
        quotes = []
        for row in self._conn.execute("SELECT * FROM quotes WHERE doc_id = ? ORDER BY id", (doc_id,)):
            direct = row["direct"]
            quote: dict[str, Any] = {"speaker": row["speaker"]}
            if row["speakers"] is not None:
                quote["speakers"] = json.loads(row["speakers"])
            quote.update({
                "speaker_name": row["speaker_name"], "text": row["text"], "start": row["start"], "end": row["end"],
                "direct": None if direct is None else bool(direct), "cited_source": row["cited_source"],
                "cited_date": row["cited_date"]})
            quotes.append(_with_extra(quote, row["extra"]))
        return quotes

    def _read_events(self, doc_id: str) -> list[dict[str, Any]]:
        events: dict[int, dict[str, Any]] = {}
        for row in self._conn.execute("SELECT * FROM events WHERE doc_id = ? ORDER BY id", (doc_id,)):
            evidence = None
            if any(row[name] is not None for name in ("evidence_start", "evidence_end", "evidence_text")):
                evidence = {"start": row["evidence_start"], "end": row["evidence_end"], "text": row["evidence_text"]}
            event: dict[str, Any] = {"type": row["type"], "subtype": row["subtype"], "status": row["status"]}
            event.update({role: [] for role in _EVENT_ROLES})
            event.update({"date": row["date"], "evidence": evidence})
            events[row["id"]] = _with_extra(event, row["extra"])
        for row in self._conn.execute("SELECT a.event_id, a.role, a.entity_id FROM event_arguments a "
                                      "JOIN events e ON e.id = a.event_id WHERE e.doc_id = ? "
                                      "ORDER BY a.event_id, a.role, a.position", (doc_id,)):
            events[row["event_id"]][row["role"]].append(row["entity_id"])
        return list(events.values())

    def _read_claims(self, doc_id: str) -> list[dict[str, Any]]:
        claims: dict[int, dict[str, Any]] = {}
        for row in self._conn.execute("SELECT * FROM claims WHERE doc_id = ? ORDER BY id", (doc_id,)):
            claims[row["id"]] = _with_extra({
                "value": row["value"], "value_max": row["value_max"], "unit": row["unit"], "about": [],
                "text": row["text"], "start": row["start"], "end": row["end"]}, row["extra"])
        for row in self._conn.execute("SELECT a.claim_id, a.entity_id FROM claim_about a JOIN claims c "
                                      "ON c.id = a.claim_id WHERE c.doc_id = ? ORDER BY a.claim_id, a.position",
                                      (doc_id,)):
            claims[row["claim_id"]]["about"].append(row["entity_id"])
        return list(claims.values())

    def minhash_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """(doc_id, signature bytes) of stored documents sharing at least one LSH band key.

        In the order MemoryDedupIndex gives (by the first shared key, then oldest first), so
        `ingest` and `extract` pick the same near-duplicate when two candidates tie.
        """
        rank = {key: i for i, key in enumerate(dict.fromkeys(keys))}
        found: dict[str, tuple[tuple[int, int], bytes]] = {}
        for chunk in _chunks(list(rank)):
            for key, doc_id, order, sig in self._conn.execute(
                    "SELECT b.key, m.doc_id, m.rowid, m.signature FROM minhash_bands b JOIN minhash m "
                    f"ON m.doc_id = b.doc_id WHERE b.key IN ({_placeholders(len(chunk))})", chunk):
                sort_key = (rank[key], order)
                if doc_id not in found or sort_key < found[doc_id][0]:
                    found[doc_id] = (sort_key, sig)
        return [(doc_id, sig) for doc_id, (_, sig) in sorted(found.items(), key=lambda item: item[1][0])]

    # -- entities ------------------------------------------------------------------------------------

    def find_entities(self, name: str) -> list[EntityMatch]:
        """Stored entities `name` names, in any script or language, or the entity with that id; most named first.

        A name matches by alias_key any form the entity was stored under (its name, English name, the
        text of any mention) and, for an entity with a kb: id, any alias of its knowledge-base entry, so
        it is found by a name the knowledge base knows even before an article has used that form.
        """
        return self._entity_matches(self._named_ids(name))

    def _named_ids(self, name: str) -> list[str]:
        """Ids `name` may mean: itself when it is a stored entity's id, else every entity it names."""
        name = name.strip()
        if self._conn.execute("SELECT 1 FROM entities WHERE id = ?", (name,)).fetchone():
            return [name]
        key = alias_key(name)
        if not key:
            return []
        ids = dict.fromkeys(row[0] for row in self._conn.execute("SELECT entity_id FROM entity_names WHERE key = ?",
                                                                 (key,)))
        ids.update(dict.fromkeys(entry.id for entry in knowledge_base().lookup(name)))
        return list(ids)

    def _entity_matches(self, ids: list[str]) -> list[EntityMatch]:
        """The stored ones among `ids` with their counts; ids the store does not hold are left out."""
        matches = []
        for chunk in _chunks(ids):
            rows = self._conn.execute(
                "SELECT e.id, e.type, e.name, e.name_en, "
                "(SELECT count(*) FROM document_entities WHERE entity_id = e.id) AS articles, "
                "(SELECT count(*) FROM mentions WHERE entity_id = e.id) AS mentions "
                f"FROM entities e WHERE e.id IN ({_placeholders(len(chunk))})", chunk)
            matches.extend(EntityMatch(**dict(row)) for row in rows)
        return sorted(matches, key=lambda m: (-m.articles, -m.mentions, m.id))

    def list_entities(self, *, name: str | None = None, type: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[EntityMatch]:
        """Stored entities, most named first: those `name` names (as find_entities) or all, of one type if given."""
        if name is not None and name.strip():
            found = [m for m in self.find_entities(name) if type is None or (m.type or "").upper() == type.upper()]
            return found[max(offset, 0):max(offset, 0) + max(limit, 0)]
        limit, offset = max(limit, 0), max(offset, 0)
        typed = ("JOIN entities t ON t.id = de.entity_id AND t.type = ? COLLATE NOCASE", [type]) if type else ("", [])
        articles = f"WITH articles AS (SELECT de.entity_id, count(*) AS n FROM document_entities de {typed[0]} " \
                   "GROUP BY de.entity_id) "
        columns = "SELECT e.id, e.type, e.name, e.name_en, coalesce(a.n, 0) AS articles, " \
                  "(SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions "
        order = "ORDER BY articles DESC, mentions DESC, e.id LIMIT ? OFFSET ?"
        # Mentions are counted only for the entities that can make the page, those named in as many articles
        # as the last one on it: counting every entity's mentions would read the whole mentions table.
        rows = self._conn.execute(
            f"{articles}{columns}FROM articles a JOIN entities e ON e.id = a.entity_id "
            f"WHERE a.n >= (SELECT n FROM articles ORDER BY n DESC LIMIT 1 OFFSET ?) {order}",
            [*typed[1], max(limit + offset - 1, 0), limit, offset]).fetchall()
        if len(rows) < limit:  # the end of the list, where entities named in no article come last
            condition = "WHERE e.type = ? COLLATE NOCASE" if type else ""
            rows = self._conn.execute(f"{articles}{columns}FROM entities e LEFT JOIN articles a "
                                      f"ON a.entity_id = e.id {condition} {order}",
                                      [*typed[1], *typed[1], limit, offset]).fetchall()
        return [EntityMatch(**dict(row)) for row in rows]

    def entity_profile(self, entity_id: str, limit: int = 20) -> EntityProfile | None:
        """What the articles say about a stored entity; None when the store holds no entity with that id."""
        found = self._entity_matches([entity_id])
        if not found:
            return None
        profile = EntityProfile(**found[0].__dict__)
        q = self._conn.execute
        profile.aliases = [NameCount(*row) for row in q(
            "SELECT text, count(*) AS n FROM mentions WHERE entity_id = ? AND text IS NOT NULL "
            "GROUP BY text ORDER BY n DESC, text", (entity_id,))]
        entry = knowledge_base().entries.get(entity_id) if entity_id.startswith("kb:") else None
        profile.kb_aliases = list(dict.fromkeys(entry.names)) if entry else []
        profile.roles = [NameCount(*row) for row in q(
            "SELECT role, count(DISTINCT doc_id) AS n FROM entity_roles WHERE entity_id = ? "
            "GROUP BY role ORDER BY n DESC, role", (entity_id,))]
        # Mentions are counted from this entity's own rows, so a much-named entity does not read every
        # mention of every article naming it.
        profile.recent = [EntityArticle(**dict(row)) for row in q(
            "WITH counts AS (SELECT doc_id, count(*) AS n FROM mentions WHERE entity_id = ? GROUP BY doc_id) "
            "SELECT d.doc_id, d.title, d.published, d.outlet, d.duplicate_of, coalesce(c.n, 0) AS mentions "
            "FROM document_entities de JOIN documents d ON d.doc_id = de.doc_id "
            "LEFT JOIN counts c ON c.doc_id = de.doc_id WHERE de.entity_id = ? "
            "ORDER BY d.published DESC, d.id DESC LIMIT ?", (entity_id, entity_id, max(limit, 0)))]
        profile.by_month = [NameCount(*row) for row in q(
            "SELECT substr(d.published, 1, 7) AS month, count(*) AS n FROM document_entities de "
            "JOIN documents d ON d.doc_id = de.doc_id WHERE de.entity_id = ? AND d.published IS NOT NULL "
            "GROUP BY month ORDER BY month", (entity_id,))]
        return profile

    # -- quotations ----------------------------------------------------------------------------------

    def find_quotes(self, query: str | None = None, *, speaker: str | None = None, about: str | None = None,
                    since: str | None = None, until: str | None = None, outlet: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[QuoteHit]:
        """Quotations matching every filter given; newest first, then by article and position.

        query: words the quote contains, ignoring script, width and case (one substring, not terms).
        speaker: a name in any script or an entity id. A quote matches when its speaker, or one of a joint
          statement's speakers, is an entity that name names; a quote whose speaker the extraction left
          unresolved (美国官员, speaker None) matches by the name as written, compared by alias key. A resolved
          speaker is not matched by the name as written, which may be a pronoun or a bare title (他, 总统).
        about: a name or id of an entity the quote mentions: a mention of it inside the quote's span, or one
          of the names it was stored under (two characters or more) in the quote's text.
        since / until: inclusive YYYY[-MM[-DD]] bounds on the quote's date (cited_date, else the day the
          article was published). Dates compare as periods: until 2026-02 takes 2026-02-28, and a quote
          dated only 2026-02 is taken by since 2026-02-15. A quote with no date passes no bound.
        outlet: only quotes from articles of this outlet (case-insensitive).
        """
        date = "substr(coalesce(q.cited_date, d.published), 1, 10)"
        conditions, params = _date_window(date, since, until)  # raises ValueError on a malformed date
        if limit <= 0:
            return []
        if query is not None and fold_query(query):
            conditions.append("instr(q.text_key, ?) > 0")
            params.append(fold_query(query))
        if speaker is not None:
            ids = json.dumps([speaker.strip(), *self._named_ids(speaker)], ensure_ascii=False)
            conditions.append("(q.speaker IN (SELECT value FROM json_each(?)) "
                              "OR (q.speaker IS NULL AND q.speaker_key = ?) "
                              "OR (q.speakers IS NOT NULL AND EXISTS (SELECT 1 FROM json_each(q.speakers) s "
                              "WHERE s.value IN (SELECT value FROM json_each(?)))))")
            params.extend([ids, alias_key(speaker) or None, ids])
        if about is not None:
            ids = self._named_ids(about)
            names = json.dumps(self._folded_names(ids), ensure_ascii=False)
            # Driven from the entity's mentions (by their index): checking each quote against every mention of
            # its article read the mentions table a hundred times over on a 10,000-article store.
            conditions.append('(q.id IN (SELECT inside.id FROM mentions m JOIN quotes inside '
                              'ON inside.doc_id = m.doc_id AND m.start >= inside.start AND m."end" <= inside."end" '
                              "WHERE m.entity_id IN (SELECT value FROM json_each(?))) OR "
                              "EXISTS (SELECT 1 FROM json_each(?) n WHERE instr(q.text_key, n.value) > 0))")
            params.extend([json.dumps(ids, ensure_ascii=False), names])
        if outlet is not None:
            conditions.append("d.outlet = ? COLLATE NOCASE")
            params.append(outlet)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._conn.execute(
            "SELECT q.doc_id, d.title, d.published, d.outlet, d.url, q.speaker, "
            "coalesce(e.name, q.speaker_name) AS speaker_label, q.speaker_name, q.speakers, q.text, q.start, "
            f'q."end", q.direct, q.cited_source, q.cited_date, {date} AS date '
            "FROM quotes q JOIN documents d ON d.doc_id = q.doc_id LEFT JOIN entities e ON e.id = q.speaker "
            f"{where} ORDER BY date IS NULL, date DESC, q.doc_id, q.start, q.id LIMIT ? OFFSET ?",
            [*params, limit, max(offset, 0)])
        hits = []
        for row in rows:
            fields = dict(row)
            speakers, direct = fields.pop("speakers"), fields.pop("direct")
            hits.append(QuoteHit(**fields, direct=None if direct is None else bool(direct),
                                 speakers=json.loads(speakers) if speakers else []))
        return hits

    def _folded_names(self, ids: list[str]) -> list[str]:
        """The folded forms of every name the entities were stored under, for matching quote text.

        Single characters are left out: 美 for the United States would match every 美丽 and 美元.
        """
        names: set[str] = set()
        for chunk in _chunks(ids):
            for (name,) in self._conn.execute("SELECT name FROM entity_names WHERE entity_id IN "
                                              f"({_placeholders(len(chunk))})", chunk):
                folded = fold(name)
                if len(folded) > 1:
                    names.add(folded)
        return sorted(names)

    # -- events and claims ---------------------------------------------------------------------------

    def find_events(self, *, type: str | None = None, actor: str | None = None, weapon: str | None = None,
                    since: str | None = None, until: str | None = None, recipient: str | None = None,
                    treaty: str | None = None, limit: int = 50, offset: int = 0) -> list[EventHit]:
        """Events matching every filter given, as a timeline: earliest first, undated last.

        An event sits on the timeline at its own date (YYYY, YYYY-MM or YYYY-MM-DD, as the article allows), else
        at the day its article was published; `date_source` says which. A date of only a year or a month sorts
        at the start of its period (2023 before 2023-01-05); ties go by publication, article and record order.
        type: one of the record's event types, in any case.
        actor / recipient / weapon / treaty: a name in any script or language, or an entity id; an event
          matches when one of its actors (recipients, ...) is an entity that name names, as `find_entities`
          finds them.
        since / until: inclusive YYYY[-MM[-DD]] bounds on the timeline date. A partial date is the whole
          period it names and is kept when that period overlaps the window: an event of 2023 is in
          since 2023-05-01 until 2023-12-31, one of 2023-04 is not.
        """
        roles = {"actor": actor, "recipient": recipient, "weapon": weapon, "treaty": treaty}
        rows = self._event_rows(type.strip().upper() if type else None, roles, since, until, limit, offset)
        arguments = self._event_arguments([row["event_id"] for row in rows])
        return [EventHit(**dict(row), **arguments.get(row["event_id"], {})) for row in rows]

    def transfers(self, *, supplier: str | None = None, recipient: str | None = None, weapon: str | None = None,
                  since: str | None = None, until: str | None = None) -> list[TransferRow]:
        """TRANSFER events as rows of supplier → recipient → weapon, earliest first, with the articles saying so.

        One row per combination of supplier (the event's actor), recipient and weapon ids: an event naming
        two weapons counts in two rows, and a role the event leaves empty is None in the row. Each event is
        one report in its row, dated as in `find_events` (its own date, else its article's day); a row's
        dates and statuses are its reports' distinct ones, in date order. Rows go by their earliest date,
        undated rows last.
        supplier / recipient / weapon: names in any script or ids, as `find_events` takes them; a row must
          have an entity the name names in that role (an event with two suppliers keeps only the row of
          the supplier asked for).
        since / until: as in `find_events`, on each event's date; a row holds only the events inside.
        """
        wanted = {"actor": supplier, "recipient": recipient, "weapon": weapon}
        rows = self._event_rows("TRANSFER", wanted, since, until, None)
        arguments = self._event_arguments([row["event_id"] for row in rows])
        named = {role: set(self._ids_for(name)) for role, name in wanted.items() if name is not None}
        found: dict[tuple[str | None, str | None, str | None], TransferRow] = {}
        for row in rows:
            roles = arguments.get(row["event_id"], {})
            report = TransferReport(event_id=row["event_id"], status=row["status"], date=row["date"],
                                    date_source=row["date_source"], doc_id=row["doc_id"], title=row["title"],
                                    published=row["published"], outlet=row["outlet"], url=row["url"],
                                    duplicate_of=row["duplicate_of"], evidence=row["evidence"])
            combos = {tuple(ref.id if ref else None for ref in combo): combo  # an id listed twice is one row
                      for combo in product(*(roles.get(role) or [None] for role in _TRANSFER_ROLES))}
            for ids, combo in combos.items():
                if any(ids[n] not in named[role] for n, role in enumerate(_TRANSFER_ROLES) if role in named):
                    continue
                line = found.get(ids)
                if line is None:
                    line = found[ids] = TransferRow(*combo)
                line.articles.append(report)
        for line in found.values():
            # Events come in timeline order, so dates and statuses come out in date order too.
            line.dates = list(dict.fromkeys(r.date for r in line.articles if r.date))
            line.statuses = list(dict.fromkeys(r.status for r in line.articles if r.status))

        def order(line: TransferRow) -> tuple:
            names = tuple((ref.name or ref.id) if ref else "\uffff" for ref in (line.supplier, line.recipient,
                                                                              line.weapon))
            return (not line.dates, line.dates[0] if line.dates else "", *names)

        return sorted(found.values(), key=order)

    def _ids_for(self, name: str) -> list[str]:
        """Entity ids a filter's name stands for: the name itself (an id, stored or not) and every entity it names."""
        return list(dict.fromkeys([name.strip(), *self._named_ids(name)]))

    def _event_rows(self, event_type: str | None, roles: dict[str, str | None], since: str | None,
                    until: str | None, limit: int | None, offset: int = 0) -> list[sqlite3.Row]:
        """Events with their article and timeline date, filtered and in timeline order (see find_events)."""
        own = "nullif(e.date, '')"
        date = f"coalesce({own}, substr(d.published, 1, 10))"
        conditions, params = _date_window(date, since, until)  # raises ValueError on a malformed date
        if limit is not None and limit <= 0:
            return []
        if event_type:
            conditions.append("e.type = ?")
            params.append(event_type)
        for role, name in roles.items():
            if name is not None:
                # The entity index finds the few events naming the entity, instead of probing every event.
                conditions.append("e.id IN (SELECT a.event_id FROM event_arguments a WHERE a.role = ? AND "
                                  "a.entity_id IN (SELECT value FROM json_each(?)))")
                params.extend([role, json.dumps(self._ids_for(name), ensure_ascii=False)])
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._conn.execute(
            f"SELECT e.id AS event_id, e.type, e.subtype, e.status, {date} AS date, "
            f"CASE WHEN {own} IS NOT NULL THEN 'event' WHEN d.published IS NOT NULL THEN 'published' END "
            "AS date_source, e.doc_id, d.title, d.published, d.outlet, d.url, d.duplicate_of, "
            "e.evidence_text AS evidence, e.evidence_start, e.evidence_end "
            f"FROM events e JOIN documents d ON d.doc_id = e.doc_id {where} "
            # The expression, not the alias: in an expression `date` would be the events column.
            f"ORDER BY {date} IS NULL, {date}, d.published, e.doc_id, e.id LIMIT ? OFFSET ?",
            [*params, -1 if limit is None else limit, max(offset, 0)]).fetchall()

    def _event_arguments(self, event_ids: list[int]) -> dict[int, dict[str, list[EntityRef]]]:
        """Each event's arguments by role, in record order, with the entities' display names."""
        found: dict[int, dict[str, list[EntityRef]]] = {}
        for chunk in _chunks(event_ids):
            for row in self._conn.execute(
                    "SELECT a.event_id, a.role, a.entity_id, en.name, en.name_en FROM event_arguments a "
                    f"LEFT JOIN entities en ON en.id = a.entity_id WHERE a.event_id IN ({_placeholders(len(chunk))}) "
                    "ORDER BY a.event_id, a.role, a.position", chunk):
                if row["role"] in _EVENT_ROLES:
                    roles = found.setdefault(row["event_id"], {})
                    roles.setdefault(row["role"], []).append(_ref(row["entity_id"], row["name"], row["name_en"]))
        return found

    def _entity_refs(self, ids: Iterable[str]) -> dict[str, EntityRef]:
        """EntityRefs of the stored entities among the ids."""
        ids = list(dict.fromkeys(i for i in ids if i))
        refs: dict[str, EntityRef] = {}
        for chunk in _chunks(ids):
            for row in self._conn.execute(f"SELECT id, name, name_en FROM entities WHERE id IN "
                                          f"({_placeholders(len(chunk))})", chunk):
                refs[row["id"]] = _ref(row["id"], row["name"], row["name_en"])
        return refs

    def find_claims(self, about: str | None = None, *, unit: str | None = None) -> ClaimReport:
        """Every number stated about the entities `about` names, and where the sources giving them disagree.

        about: a name in any script or language, or an entity id; a claim matches when its `about` list holds
          an entity the name names; None takes every claim of the store. unit: only claims in this unit
          (warheads, km, …; any case).
        Claims come grouped by unit (unknown last) and by what they count (their `about` entities), then by
        value and publication. A claim's speaker and cited source are the extraction's `speaker`,
        `speaker_name` and `cited_source`, kept in the claim's extra fields; its `source` is the cited source,
        else the article's outlet.

        Disagreements: claims count the same thing when they have the same unit and the same set of `about`
        ids; a claim about no entity (伤亡人数达300人) is never compared, as two such numbers need not count
        the same thing. Two such claims conflict when
          - their values do not overlap (a range runs from value to value_max; 2000–3000 agrees with 2500),
          - they come from different articles (a near-duplicate is the article it copies), so an article
            giving two numbers (从1550增加到3500) never conflicts with itself,
          - they come from different voices: the (speaker, source) pairs differ, names compared in any script;
            a source updating its own figure in a later article is not a disagreement, and two claims of
            which neither names a speaker nor a source are not told apart,
          - and neither article also gives a value agreeing with the other claim: an article reporting both
            1550 and 3500 (a change, or two estimates) does not contradict one giving 1550.
        Each group with a conflict is one Disagreement listing the conflicting values, lowest first, each
        with who gave it.
        """
        conditions: list[str] = []
        params: list[Any] = []
        refs: dict[str, EntityRef] = {}
        if about is not None:
            ids = self._ids_for(about)
            refs = self._entity_refs(ids)
            conditions.append("c.id IN (SELECT claim_id FROM claim_about WHERE entity_id IN "
                              "(SELECT value FROM json_each(?)))")
            params.append(json.dumps(ids, ensure_ascii=False))
        if unit is not None:
            conditions.append("lower(c.unit) = ?")
            params.append(unit.strip().lower())
        rows = self._conn.execute(
            'SELECT c.id AS claim_id, c.value, c.value_max, c.unit, c.text, c.start, c."end", c.extra, c.doc_id, '
            "d.title, d.published, d.outlet, d.url, d.duplicate_of FROM claims c JOIN documents d "
            f"ON d.doc_id = c.doc_id {'WHERE ' + ' AND '.join(conditions) if conditions else ''}", params).fetchall()
        abouts: dict[int, list[str]] = defaultdict(list)
        for chunk in _chunks([row["claim_id"] for row in rows]):
            for claim_id, entity_id in self._conn.execute(
                    f"SELECT claim_id, entity_id FROM claim_about WHERE claim_id IN ({_placeholders(len(chunk))}) "
                    "ORDER BY claim_id, position", chunk):
                abouts[claim_id].append(entity_id)
        extras = {row["claim_id"]: json.loads(row["extra"]) if row["extra"] else {} for row in rows}
        speakers = {claim_id: _first_id(extra.get("speaker")) for claim_id, extra in extras.items()}
        named = {ref.id: ref for ref in refs.values()}  # the entities `about` names, before adding the others
        refs.update(self._entity_refs([*(i for found in abouts.values() for i in found if i not in refs),
                                       *(s for s in speakers.values() if s and s not in refs)]))

        def ref(entity_id: str) -> EntityRef:
            return refs.get(entity_id) or EntityRef(entity_id, None)

        claims = []
        for row in rows:
            fields = dict(row)
            extra = extras[fields.pop("claim_id")]
            del fields["extra"]
            speaker = speakers[row["claim_id"]]
            speaker_name = _text_or_none(extra.get("speaker_name"))
            cited = _text_or_none(extra.get("cited_source"))
            label = (ref(speaker).name if speaker else None) or speaker_name or speaker
            claims.append(ClaimHit(claim_id=row["claim_id"], speaker=speaker, speaker_label=label,
                                   speaker_name=speaker_name, cited_source=cited, source=cited or row["outlet"],
                                   about=[ref(i) for i in dict.fromkeys(abouts[row["claim_id"]])], **fields))
        claims.sort(key=_claim_order)
        return ClaimReport(about=list(named.values()), claims=claims, disagreements=_disagreements(claims))

    # -- listing and searching -----------------------------------------------------------------------

    @staticmethod
    def _filters(outlet: str | None, since: str | None, until: str | None,
                 lang: str | None) -> tuple[list[str], list[Any]]:
        """SQL conditions on `documents AS d` and their parameters."""
        low, high = date_bounds(since, until)
        conditions: list[str] = []
        params: list[Any] = []
        for condition, value in (("d.outlet = ? COLLATE NOCASE", outlet), ("d.lang = ?", lang),
                                 ("d.published >= ?", low), ("d.published < ?", high)):
            if value is not None:
                conditions.append(condition)
                params.append(value)
        return conditions, params

    def list_documents(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                       lang: str | None = None, limit: int = 50, offset: int = 0) -> list[DocSummary]:
        """Newest first; undated documents last."""
        conditions, params = self._filters(outlet, since, until, lang)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._conn.execute(
            "SELECT d.doc_id, d.title, d.published, d.outlet, d.url, d.lang, d.duplicate_of, d.source_path, "
            f"length(d.text) AS chars FROM documents d {where} ORDER BY d.published DESC, d.id DESC "
            "LIMIT ? OFFSET ?", [*params, max(limit, 0), max(offset, 0)])
        return [DocSummary(**dict(row)) for row in rows]

    def count_documents(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                        lang: str | None = None) -> int:
        conditions, params = self._filters(outlet, since, until, lang)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        return self._conn.execute(f"SELECT count(*) FROM documents d {where}", params).fetchone()[0]

    def outlets(self) -> dict[str, int]:
        return self._counts("SELECT outlet, count(*) FROM documents WHERE outlet IS NOT NULL "
                            "GROUP BY outlet ORDER BY count(*) DESC, outlet")

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
               lang: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]:
        """Documents matching every term, best first (bm25, title above body), newest first on ties."""
        self._catch_up()
        parsed = parse_query(query)
        if parsed is None or limit <= 0:
            return []
        with_clause, params = _match_cte(parsed, ranked=True)
        conditions, filter_params = self._filters(outlet, since, until, lang)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._conn.execute(
            f"{with_clause} SELECT {_HIT_COLUMNS}, m.score FROM m CROSS JOIN documents d ON d.id = m.id {where} "
            "ORDER BY m.score, d.published DESC, d.id DESC LIMIT ? OFFSET ?",
            [*params, *filter_params, limit, max(offset, 0)]).fetchall()
        texts = self._texts([row["id"] for row in rows])
        hits = []
        for row in rows:
            title, text = texts[row["id"]]
            snippet, highlights = make_snippet(title, text, parsed.patterns)
            hits.append(SearchHit(doc_id=row["doc_id"], title=row["title"], published=row["published"],
                                  outlet=row["outlet"], url=row["url"], lang=row["lang"],
                                  duplicate_of=row["duplicate_of"], score=-row["score"], snippet=snippet,
                                  highlights=highlights))
        return hits

    def _texts(self, ids: list[int]) -> dict[int, tuple[str | None, str]]:
        """Title and body of a page of hits, fetched after ranking so only these bodies are read."""
        out: dict[int, tuple[str | None, str]] = {}
        for chunk in _chunks(ids):
            for row in self._conn.execute(f"SELECT id, title, text FROM documents WHERE id IN "
                                          f"({_placeholders(len(chunk))})", chunk):
                out[row["id"]] = (row["title"], row["text"])
        return out

    def count_search(self, query: str, *, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, lang: str | None = None) -> int:
        """How many documents `search` would page through."""
        self._catch_up()
        parsed = parse_query(query)
        if parsed is None:
            return 0
        with_clause, params = _match_cte(parsed, ranked=False)
        conditions, filter_params = self._filters(outlet, since, until, lang)
        if not conditions:
            return int(self._conn.execute(f"{with_clause} SELECT count(*) FROM m", params).fetchone()[0])
        return int(self._conn.execute(
            f"{with_clause} SELECT count(*) FROM m CROSS JOIN documents d ON d.id = m.id "
            f"WHERE {' AND '.join(conditions)}", [*params, *filter_params]).fetchone()[0])

    # -- figures -------------------------------------------------------------------------------------

    def stats(self) -> dict[str, Any]:
        """What the store holds. by_outlet counts only documents with a known outlet."""
        one = self._scalar
        return {
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            "by_outlet": self.outlets(),
            "by_lang": self._counts("SELECT lang, count(*) FROM documents GROUP BY lang ORDER BY count(*) DESC, lang"),
            "first_published": one("SELECT substr(min(published), 1, 10) FROM documents"),
            "last_published": one("SELECT substr(max(published), 1, 10) FROM documents"),
            "entities": one("SELECT count(*) FROM entities"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "quotes": one("SELECT count(*) FROM quotes"),
            "events": one("SELECT count(*) FROM events"),
            "claims": one("SELECT count(*) FROM claims"),
            "db_bytes": self._file_bytes(),
            "schema_version": self._user_version(),
        }

    def _scalar(self, sql: str) -> Any:
        return self._conn.execute(sql).fetchone()[0]

    def _counts(self, sql: str) -> dict[str, int]:
        return {key: count for key, count in self._conn.execute(sql)}

    def _file_bytes(self) -> int:
        """Size of the database file plus its write-ahead log, which holds not yet checkpointed pages."""
        return sum(os.path.getsize(p) for p in (self.path, self.path + "-wal") if os.path.exists(p))


def _ref(entity_id: str, name: str | None, name_en: str | None) -> EntityRef:
    return EntityRef(entity_id, name or name_en, name_en)


def _first_id(value: Any) -> str | None:
    """An entity id from a span field that may hold one id or (an older form) a list of them."""
    if isinstance(value, list | tuple):
        value = value[0] if value else None
    return value if isinstance(value, str) and value else None


def _text_or_none(value: Any) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _ref_name(ref: EntityRef) -> str:
    return ref.name or ref.id


def _interval(claim: ClaimHit) -> tuple[float, float] | None:
    """The values a claim allows, lowest and highest; None when its value is not a number."""
    try:
        low = float(claim.value)  # type: ignore[arg-type]
        high = low if claim.value_max is None else float(claim.value_max)
    except (TypeError, ValueError):
        return None
    return (min(low, high), max(low, high))


def _overlap(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return a[0] <= b[1] and b[0] <= a[1]


def _claim_order(claim: ClaimHit) -> tuple:
    interval = _interval(claim)
    return (claim.unit is None, claim.unit or "", [_ref_name(r) for r in claim.about], interval is None,
            interval or (0.0, 0.0), claim.published or "", claim.doc_id, claim.claim_id)


def _article_key(claim: ClaimHit) -> str:
    """The article a claim was read in; a near-duplicate counts as the article it copies."""
    return claim.duplicate_of or claim.doc_id


def _voice(claim: ClaimHit) -> tuple[str | None, str | None]:
    """Who a claim comes from: (speaker, source), names compared by alias key, so in any script."""
    speaker = claim.speaker or (alias_key(claim.speaker_name) or None if claim.speaker_name else None)
    return speaker, (alias_key(claim.source) or None) if claim.source else None


def _disagreements(claims: list[ClaimHit]) -> list[Disagreement]:
    """Groups of claims counting the same thing whose sources give conflicting values (see find_claims)."""
    groups: dict[tuple[str | None, frozenset[str]], list[tuple[ClaimHit, tuple[float, float]]]] = {}
    for claim in claims:
        interval = _interval(claim)
        if interval is not None and claim.about:
            groups.setdefault((claim.unit, frozenset(r.id for r in claim.about)), []).append((claim, interval))
    found = []
    for members in groups.values():
        conflicting = _conflicts(members)
        if not conflicting:
            continue
        positions: dict[tuple[float, float], ClaimPosition] = {}
        for claim, interval in sorted(conflicting.values(), key=lambda item: (item[1], item[0].published or "",
                                                                                 item[0].doc_id, item[0].claim_id)):
            position = positions.setdefault(interval, ClaimPosition(claim.value,  # type: ignore[arg-type]
                                                                    claim.value_max))
            position.given_by.append(ClaimVoice(claim_id=claim.claim_id, speaker_label=claim.speaker_label,
                                                source=claim.source, doc_id=claim.doc_id, title=claim.title,
                                                published=claim.published, text=claim.text))
        first = members[0][0]
        found.append(Disagreement(unit=first.unit, about=list(first.about), positions=list(positions.values())))
    return sorted(found, key=lambda d: (d.unit is None, d.unit or "", [_ref_name(r) for r in d.about]))


def _conflicts(members: list[tuple[ClaimHit, tuple[float, float]]]) -> dict[int, tuple[ClaimHit, tuple[float, float]]]:
    """The claims of one group in conflict with another, by claim id (the rule is find_claims').

    Compared value against value rather than claim against claim, so a much-counted entity's thousands of
    claims cost (distinct values)² checks. Different articles need no test of their own: a claim whose article
    also gives a value overlapping the other's is already left out, and that includes the other claim itself.
    """
    by_article: dict[str, set[tuple[float, float]]] = defaultdict(set)
    by_value: dict[tuple[float, float], list[tuple[ClaimHit, str, tuple[str | None, str | None]]]] = defaultdict(list)
    for claim, interval in members:
        by_article[_article_key(claim)].add(interval)
        by_value[interval].append((claim, _article_key(claim), _voice(claim)))

    def standing(mine: tuple[float, float], other: tuple[float, float]) -> list[tuple[ClaimHit, tuple]]:
        """(claim, voice) of the claims giving `mine` whose article gives nothing overlapping `other`."""
        return [(claim, voice) for claim, article, voice in by_value[mine]
                if not any(_overlap(other, given) for given in by_article[article])]

    conflicting: dict[int, tuple[ClaimHit, tuple[float, float]]] = {}
    for low, high in combinations(sorted(by_value), 2):
        if _overlap(low, high):
            continue
        sides = {low: standing(low, high), high: standing(high, low)}
        voices = {value: {voice for _, voice in side} for value, side in sides.items()}
        for value, other in ((low, high), (high, low)):
            for claim, voice in sides[value]:
                if voices[other] - {voice}:  # someone else gives the other value
                    conflicting[claim.claim_id] = (claim, value)
    return conflicting


def _match_cte(parsed: ParsedQuery, ranked: bool) -> tuple[str, list[str]]:
    """A WITH clause defining `m(id[, score])`: the documents matching every term; lower score is better.

    MATERIALIZED: otherwise SQLite may drive the query from a filter's index and re-run the
    full-text match once per candidate row.
    """
    score = f", bm25(search_unigram, {TITLE_WEIGHT}, 1.0) AS score" if ranked else ""
    return (f"WITH m AS MATERIALIZED (SELECT rowid AS id{score} FROM search_unigram WHERE search_unigram MATCH ?)",
            [parsed.match])
