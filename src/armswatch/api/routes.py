"""The JSON API under /api: the same questions the CLI answers, for programs.

Every list answers with its items and the paging that produced them; every id that is not
stored is a 404 naming it. Result objects are the store's dataclasses as they are, so the API,
the CLI's --json and the exports describe one thing the same way.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query

from armswatch.api.deps import (
    ClaimUnit,
    DateParam,
    EntityType,
    EventType,
    Limit,
    Name,
    Offset,
    RecordJSON,
    StoreDep,
    check_window,
)

router = APIRouter(prefix="/api", tags=["api"], default_response_class=RecordJSON)

Text = Annotated[str | None, Query(max_length=200)]


def _not_found(what: str, key: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {what} {key!r} in this store")


@router.get("/documents", summary="Articles, newest first")
def list_documents(store: StoreDep, outlet: Text = None, since: DateParam = None, until: DateParam = None,
                   lang: Text = None, limit: Limit = 50, offset: Offset = 0):
    check_window(since, until)
    filters = {"outlet": outlet, "since": since, "until": until, "lang": lang}
    rows = store.list_documents(limit=limit, offset=offset, **filters)
    return RecordJSON({"total": store.count_documents(**filters), "documents": [asdict(r) for r in rows],
                       "limit": limit, "offset": offset})


@router.get("/documents/{doc_id}", summary="One article's whole record")
def get_document(doc_id: str, store: StoreDep):
    doc = store.get(doc_id)
    if doc is None:
        raise _not_found("document", doc_id)
    return RecordJSON(doc.to_record())


@router.get("/search", summary="Full-text search, in any script")
def search(store: StoreDep, q: Annotated[str, Query(min_length=1, max_length=200)], outlet: Text = None,
           since: DateParam = None, until: DateParam = None, lang: Text = None, limit: Limit = 20,
           offset: Offset = 0):
    check_window(since, until)
    filters = {"outlet": outlet, "since": since, "until": until, "lang": lang}
    hits = store.search(q, limit=limit, offset=offset, **filters)
    return RecordJSON({"query": q, "total": store.count_search(q, **filters), "hits": [asdict(h) for h in hits],
                       "limit": limit, "offset": offset})


@router.get("/entities", summary="Entities, most named first")
def list_entities(store: StoreDep, type: EntityType, q: Name = None, limit: Limit = 50, offset: Offset = 0):
    rows = store.list_entities(name=q, type=type, limit=limit, offset=offset)
    return RecordJSON({"entities": [asdict(r) for r in rows], "limit": limit, "offset": offset})


@router.get("/entities/{entity_id:path}", summary="One entity: names, roles, articles, quotes, events")
def get_entity(entity_id: str, store: StoreDep, limit: Limit = 20):
    profile = store.entity_profile(entity_id, limit)
    if profile is None:
        raise _not_found("entity", entity_id)
    return RecordJSON({
        **asdict(profile),
        "quotes_by": [asdict(h) for h in store.find_quotes(speaker=entity_id, limit=limit)],
        "quotes_about": [asdict(h) for h in store.find_quotes(about=entity_id, limit=limit)],
        "events": [asdict(h) for h in events_naming(store, entity_id, limit)],
    })


def events_naming(store, entity_id: str, limit: int) -> list:
    """Events with the entity in any role, on one timeline (an event naming it twice is listed once)."""
    found = {}
    for role in ("actor", "recipient", "weapon", "treaty"):
        for hit in store.find_events(**{role: entity_id}, limit=limit):
            found.setdefault(hit.event_id, hit)
    return sorted(found.values(), key=lambda h: (h.date is None, h.date or "", h.event_id))[:limit]


@router.get("/quotes", summary="Quotations, newest first")
def list_quotes(store: StoreDep, q: Text = None, speaker: Name = None, about: Name = None, outlet: Text = None,
                since: DateParam = None, until: DateParam = None, limit: Limit = 50, offset: Offset = 0):
    check_window(since, until)
    hits = store.find_quotes(q, speaker=speaker, about=about, outlet=outlet, since=since, until=until, limit=limit,
                             offset=offset)
    return RecordJSON({"quotes": [asdict(h) for h in hits], "limit": limit, "offset": offset})


@router.get("/events", summary="Events as a timeline, earliest first")
def list_events(store: StoreDep, type: EventType, actor: Name = None, recipient: Name = None, weapon: Name = None,
                treaty: Name = None, since: DateParam = None, until: DateParam = None, limit: Limit = 50,
                offset: Offset = 0):
    check_window(since, until)
    hits = store.find_events(type=type, actor=actor, recipient=recipient, weapon=weapon, treaty=treaty, since=since,
                             until=until, limit=limit, offset=offset)
    return RecordJSON({"events": [asdict(h) for h in hits], "limit": limit, "offset": offset})


@router.get("/transfers", summary="Who supplied what to whom")
def list_transfers(store: StoreDep, supplier: Name = None, recipient: Name = None, weapon: Name = None,
                   since: DateParam = None, until: DateParam = None):
    check_window(since, until)
    rows = store.transfers(supplier=supplier, recipient=recipient, weapon=weapon, since=since, until=until)
    return RecordJSON({"transfers": [asdict(r) for r in rows]})


@router.get("/claims", summary="Numbers claimed, and where sources disagree")
def list_claims(store: StoreDep, unit: ClaimUnit, about: Name = None,
                disagreements: Annotated[bool, Query(description="Only the disagreements.")] = False):
    """Claims about the entities `about` names (every claim when it is not given), with the disagreements."""
    about = about.strip() if about and about.strip() else None
    report = store.find_claims(about, unit=unit)
    if about is not None and not report.about:
        raise _not_found("entity named", about)
    body = asdict(report)
    if disagreements:
        del body["claims"]
    return RecordJSON(body)
