"""What every store backend offers; the CLI, API and web UI use only this.

A backend keeps whole documents: `put` writes the document, its spans, its search
rows and its MinHash bands in one transaction, so an interrupted ingest leaves
either the whole article or nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

import numpy as np

from armswatch.document import Document


@dataclass
class SearchHit:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    lang: str
    duplicate_of: str | None
    score: float
    # A stretch of the original text (or title) around the first match, in the original script.
    snippet: str
    # (start, end) offsets into `snippet` of each matched term, for highlighting.
    highlights: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class DocSummary:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    lang: str
    duplicate_of: str | None
    source_path: str
    chars: int


@dataclass
class NameCount:
    name: str
    count: int


@dataclass
class EntityArticle:
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    # Set for a near-duplicate: its mentions are counted again, and a reader may want to skip it.
    duplicate_of: str | None
    mentions: int


@dataclass
class EntityMatch:
    id: str
    type: str | None
    name: str | None
    name_en: str | None
    articles: int
    mentions: int


@dataclass
class EntityProfile(EntityMatch):
    # Forms articles wrote it in, as written, with how many mentions used each; most used first.
    aliases: list[NameCount] = field(default_factory=list)
    # The knowledge base's names for a kb: id, so a reader sees what else it would be found by.
    kb_aliases: list[str] = field(default_factory=list)
    # Roles with the number of articles giving each; most frequent first.
    roles: list[NameCount] = field(default_factory=list)
    # Newest first; at most the `limit` asked for, while `articles` counts them all.
    recent: list[EntityArticle] = field(default_factory=list)


@dataclass
class QuoteHit:
    """One quotation with the article it comes from, as `find_quotes` lists them."""

    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    # Entity id of the speaker (the first one of a joint statement), or None when it was not resolved.
    speaker: str | None
    # The speaker entity's stored name, else the name as written: what a reader should see.
    speaker_label: str | None
    speaker_name: str | None
    text: str | None
    start: int | None
    end: int | None
    direct: bool | None
    cited_source: str | None
    cited_date: str | None
    # When it was said: cited_date if the article gives one, else the article's publication day (YYYY-MM-DD).
    date: str | None
    # Every speaker's id when several said it at once; empty otherwise.
    speakers: list[str] = field(default_factory=list)


class Store(Protocol):
    path: str

    def put(self, doc: Document, minhash: np.ndarray | None = None) -> bool:
        """Store a document in one transaction; False (and no change) when its doc_id is already stored."""
        ...

    def index_pending(self) -> int:
        """Bring the search index up to date with what `put` stored; searches also do this first."""
        ...

    def has(self, doc_id: str) -> bool: ...

    def get(self, doc_id: str) -> Document | None:
        """The stored document, spans included; a unique doc_id prefix of 8+ characters is accepted."""
        ...

    def minhash_candidates(self, keys: list[int]) -> list[tuple[str, bytes]]:
        """(doc_id, signature bytes) of stored documents sharing at least one LSH band key."""
        ...

    def search(self, query: str, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
               lang: str | None = None, limit: int = 20, offset: int = 0) -> list[SearchHit]: ...

    def count_search(self, query: str, *, outlet: str | None = None, since: str | None = None,
                     until: str | None = None, lang: str | None = None) -> int: ...

    def list_documents(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                       lang: str | None = None, limit: int = 50, offset: int = 0) -> list[DocSummary]:
        """Newest first."""
        ...

    def find_entities(self, name: str) -> list[EntityMatch]:
        """Stored entities `name` names, in any script or language, or the entity with that id; most named first."""
        ...

    def entity_profile(self, entity_id: str, limit: int = 20) -> EntityProfile | None:
        """What the articles say about a stored entity; None when the store holds no entity with that id."""
        ...

    def find_quotes(self, query: str | None = None, *, speaker: str | None = None, about: str | None = None,
                    since: str | None = None, until: str | None = None, limit: int = 50) -> list[QuoteHit]:
        """Quotations matching every filter given, newest first; see SQLiteStore.find_quotes."""
        ...

    def stats(self) -> dict: ...

    def close(self) -> None: ...
