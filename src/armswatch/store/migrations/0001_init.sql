-- armswatch store, schema version 1.
-- One row per article in `documents`; every span list of the record (RECORD.md) in its own table,
-- keyed by the article's doc_id (sha256 hex of its normalized text), so the tables join on the same id a
-- reader sees in the JSON. Span rows keep the record's order in their integer id or `position`.
-- Applied by armswatch.store.sqlite inside one transaction, which then sets PRAGMA user_version = 1.

CREATE TABLE documents (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,  -- rowid of both search indexes; never reused, so a
                                           -- row deleted by hand cannot collide with its old index rows
    doc_id          TEXT NOT NULL UNIQUE,
    source_path     TEXT NOT NULL,
    source_format   TEXT,
    title           TEXT,
    published       TEXT,                  -- ISO 8601 as in the record: date-only, with time, or NULL
    outlet          TEXT,
    url             TEXT,
    original_source TEXT,
    author          TEXT,
    lang            TEXT NOT NULL,
    duplicate_of    TEXT,                  -- doc_id of an earlier near-duplicate (not a foreign key:
                                           -- a record may name an article this store does not hold)
    ingested_at     TEXT NOT NULL,         -- UTC, ISO 8601
    text            TEXT NOT NULL          -- last, so row scans that skip it never read its overflow pages
);
CREATE INDEX documents_outlet ON documents (outlet COLLATE NOCASE);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_duplicate_of ON documents (duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Entities are shared by all articles (ids are the knowledge base's); the latest article to name
-- one sets its type and names.
CREATE TABLE entities (
    id      TEXT PRIMARY KEY,
    type    TEXT,
    name    TEXT,
    name_en TEXT
);

-- Which entities an article lists, in the record's order; `extra` holds keys RECORD.md does not know (JSON).
CREATE TABLE document_entities (
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    position  INTEGER NOT NULL,
    extra     TEXT,
    PRIMARY KEY (doc_id, entity_id)
);
CREATE INDEX document_entities_entity ON document_entities (entity_id);

CREATE TABLE mentions (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    start     INTEGER NOT NULL,
    "end"     INTEGER NOT NULL,
    text      TEXT
);
CREATE INDEX mentions_doc ON mentions (doc_id);
CREATE INDEX mentions_entity ON mentions (entity_id);

CREATE TABLE entity_roles (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    role      TEXT NOT NULL
);
CREATE INDEX entity_roles_doc ON entity_roles (doc_id);
CREATE INDEX entity_roles_entity ON entity_roles (entity_id);

CREATE TABLE quotes (
    id           INTEGER PRIMARY KEY,
    doc_id       TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    speaker      TEXT,                     -- entity id; the first one when the record gives a list
    speakers     TEXT,                     -- JSON list of entity ids, only when the record gives a list
    speaker_name TEXT,
    text         TEXT,
    start        INTEGER,
    "end"        INTEGER,
    direct       INTEGER,                  -- 1 inside quotation marks, 0 reported speech
    cited_source TEXT,
    cited_date   TEXT,
    extra        TEXT
);
CREATE INDEX quotes_doc ON quotes (doc_id);
CREATE INDEX quotes_speaker ON quotes (speaker);

CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    doc_id         TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    type           TEXT,
    subtype        TEXT,
    status         TEXT,
    date           TEXT,
    evidence_start INTEGER,
    evidence_end   INTEGER,
    evidence_text  TEXT,
    extra          TEXT
);
CREATE INDEX events_doc ON events (doc_id);
CREATE INDEX events_type ON events (type);

-- role is the record's key: actor, recipient, weapon, treaty or location.
CREATE TABLE event_arguments (
    event_id  INTEGER NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    role      TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (event_id, role, position)
);
CREATE INDEX event_arguments_entity ON event_arguments (entity_id);

CREATE TABLE claims (
    id        INTEGER PRIMARY KEY,
    doc_id    TEXT NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
    value,                                 -- no declared type: keeps 1550 an integer and 1.5 a real
    value_max,
    unit      TEXT,
    text      TEXT,
    start     INTEGER,
    "end"     INTEGER,
    extra     TEXT
);
CREATE INDEX claims_doc ON claims (doc_id);

CREATE TABLE claim_about (
    claim_id  INTEGER NOT NULL REFERENCES claims (id) ON DELETE CASCADE,
    entity_id TEXT NOT NULL,
    position  INTEGER NOT NULL,
    PRIMARY KEY (claim_id, position)
);
CREATE INDEX claim_about_entity ON claim_about (entity_id);

-- Near-duplicate detection (armswatch.normalize.dedup): the signature, and one row per LSH band key.
CREATE TABLE minhash (
    doc_id    TEXT PRIMARY KEY REFERENCES documents (doc_id) ON DELETE CASCADE,
    signature BLOB NOT NULL                -- NUM_PERM little-endian uint64
);
CREATE TABLE minhash_bands (
    key    INTEGER NOT NULL,
    doc_id TEXT NOT NULL REFERENCES minhash (doc_id) ON DELETE CASCADE,
    PRIMARY KEY (key, doc_id)
) WITHOUT ROWID;                         -- the primary key is the lookup by key; no delete path needs doc_id

-- Articles stored but not yet in the search indexes. `put` queues an article in its own transaction;
-- `index_pending` moves queued articles into the index, many per transaction, which costs a third less
-- than indexing one article per commit. Searches drain the queue first, so they never miss an article.
CREATE TABLE search_queue (
    id INTEGER PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE
);

-- Full-text search (armswatch.store.search). Contentless: the text lives in `documents`, the
-- rowid is documents.id. It holds the script-folded title and body, one token per CJK character;
-- see search.py for why this one index serves terms of every length.
CREATE VIRTUAL TABLE search_unigram USING fts5 (
    title, body, content = '', tokenize = 'unicode61 remove_diacritics 0'
);
