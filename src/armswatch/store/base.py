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
    # Articles naming it per publication month (YYYY-MM), earliest first: how much it was in the news when.
    by_month: list[NameCount] = field(default_factory=list)


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



@dataclass
class EntityRef:
    """An entity id as the views show it: with the store's display name, when the store holds the entity."""

    id: str
    # The stored name (zh-Hans), else its English name; None when the store holds no entity with this id.
    name: str | None
    name_en: str | None = None


@dataclass
class EventHit:
    """One event of one article, as `find_events` lists them on a timeline."""

    event_id: int
    type: str | None
    subtype: str | None
    status: str | None
    # Where the event sits on the timeline: its own date (YYYY, YYYY-MM or YYYY-MM-DD), else the day its
    # article was published; None when neither is known.
    date: str | None
    # "event" when `date` is the event's own, "published" when it is the article's day, None when undated.
    date_source: str | None
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    duplicate_of: str | None
    evidence: str | None
    evidence_start: int | None
    evidence_end: int | None
    actor: list[EntityRef] = field(default_factory=list)
    recipient: list[EntityRef] = field(default_factory=list)
    weapon: list[EntityRef] = field(default_factory=list)
    treaty: list[EntityRef] = field(default_factory=list)
    location: list[EntityRef] = field(default_factory=list)


@dataclass
class TransferReport:
    """One article's TRANSFER event behind a `transfers` row."""

    event_id: int
    status: str | None
    # As EventHit.date / date_source.
    date: str | None
    date_source: str | None
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    duplicate_of: str | None
    evidence: str | None


@dataclass
class TransferRow:
    """Who supplied what to whom, with every article saying so; one row per (supplier, recipient, weapon)."""

    # None where the event names no one in that role.
    supplier: EntityRef | None
    recipient: EntityRef | None
    weapon: EntityRef | None
    # The distinct dates of its events, earliest first (undated events add none).
    dates: list[str] = field(default_factory=list)
    # The distinct statuses of its events, in the order of the events' dates.
    statuses: list[str] = field(default_factory=list)
    # One per event, earliest first, undated last.
    articles: list[TransferReport] = field(default_factory=list)


@dataclass
class ClaimHit:
    """One number an article states, with who stated it and where, as `find_claims` lists them."""

    claim_id: int
    value: int | float | None
    value_max: int | float | None
    unit: str | None
    text: str | None
    start: int | None
    end: int | None
    # Entity id of who stated the number, or None; its stored name, else the name as written.
    speaker: str | None
    speaker_label: str | None
    speaker_name: str | None
    cited_source: str | None
    # Who the number comes from: cited_source, else the article's outlet.
    source: str | None
    doc_id: str
    title: str | None
    published: str | None
    outlet: str | None
    url: str | None
    duplicate_of: str | None
    about: list[EntityRef] = field(default_factory=list)


@dataclass
class ClaimVoice:
    """Who gave a value in a disagreement, and where it was read."""

    claim_id: int
    speaker_label: str | None
    source: str | None
    doc_id: str
    title: str | None
    published: str | None
    text: str | None


@dataclass
class ClaimPosition:
    """One value (or range) of a disagreement, with everyone who gave it."""

    value: int | float
    value_max: int | float | None
    given_by: list[ClaimVoice] = field(default_factory=list)


@dataclass
class Disagreement:
    """Claims counting the same thing (same unit, same `about` entities) whose sources give values that conflict."""

    unit: str | None
    about: list[EntityRef] = field(default_factory=list)
    # The values in conflict, lowest first: each conflicts with at least one other (see SQLiteStore.find_claims).
    positions: list[ClaimPosition] = field(default_factory=list)


@dataclass
class ClaimReport:
    """What `find_claims` answers: the entities the name named, their claims, and where sources disagree."""

    about: list[EntityRef] = field(default_factory=list)
    claims: list[ClaimHit] = field(default_factory=list)
    disagreements: list[Disagreement] = field(default_factory=list)


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

    def count_documents(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                        lang: str | None = None) -> int:
        """How many documents list_documents would list with these filters."""
        ...

    def outlets(self) -> dict[str, int]:
        """Every known outlet with its number of documents, most first."""
        ...

    def find_entities(self, name: str) -> list[EntityMatch]:
        """Stored entities `name` names, in any script or language, or the entity with that id; most named first."""
        ...

    def list_entities(self, *, name: str | None = None, type: str | None = None, limit: int = 50,
                      offset: int = 0) -> list[EntityMatch]:
        """Stored entities, most named first: those `name` names, or all; only of `type` when given."""
        ...

    def entity_profile(self, entity_id: str, limit: int = 20) -> EntityProfile | None:
        """What the articles say about a stored entity; None when the store holds no entity with that id."""
        ...

    def find_quotes(self, query: str | None = None, *, speaker: str | None = None, about: str | None = None,
                    since: str | None = None, until: str | None = None, outlet: str | None = None,
                    limit: int = 50, offset: int = 0) -> list[QuoteHit]:
        """Quotations matching every filter given, newest first; see SQLiteStore.find_quotes."""
        ...

    def find_events(self, *, type: str | None = None, actor: str | None = None, weapon: str | None = None,
                    since: str | None = None, until: str | None = None, recipient: str | None = None,
                    treaty: str | None = None, limit: int = 50, offset: int = 0) -> list[EventHit]:
        """Events matching every filter given, as a timeline: earliest first; see SQLiteStore.find_events."""
        ...

    def transfers(self, *, supplier: str | None = None, recipient: str | None = None, weapon: str | None = None,
                  since: str | None = None, until: str | None = None) -> list[TransferRow]:
        """TRANSFER events as supplier → recipient → weapon rows, earliest first; see SQLiteStore.transfers."""
        ...

    def find_claims(self, about: str | None = None, *, unit: str | None = None) -> ClaimReport:
        """Numbers stated about an entity (every claim when None), and where sources disagree; see
        SQLiteStore.find_claims."""
        ...

    def stats(self) -> dict: ...

    def close(self) -> None: ...
