"""The analyst's pages: server-rendered, each answer linked to the sentence it comes from.

Pages take the same parameters as the JSON API and check them the same way; a bad one
shows the page with the message instead of the results, so a typo in a date is never a
bare error page.
"""

from __future__ import annotations

from importlib import resources
from math import ceil
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from armswatch.api.deps import Name, StoreDep, choice, date_error
from armswatch.api.routes import events_naming
from armswatch.document import CLAIM_UNITS, ENTITY_TYPES, EVENT_TYPES
from armswatch.normalize.script import in_both_scripts
from armswatch.web import charts
from armswatch.web.highlight import paragraphs

PAGE_SIZE = 25
LIST_SIZE = 200

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=str(resources.files("armswatch.web") / "templates"))


def _safe_url(url: str | None) -> str | None:
    """An article's URL as a link only when it is http(s): a javascript: URL from a page must not become one."""
    if url and urlsplit(url.strip()).scheme.lower() in ("http", "https"):
        return url.strip()
    return None


templates.env.filters["safe_url"] = _safe_url


def _page(request: Request, name: str, **context) -> HTMLResponse:
    return templates.TemplateResponse(request, name, context)


def _date_or_error(value: str | None, label: str, errors: list[str]) -> str | None:
    value = (value or "").strip() or None
    error = date_error(value, label)
    if error:
        errors.append(error)
        return None
    return value


def _choice(value: str | None, allowed: tuple[str, ...], label: str, errors: list[str], *,
            upper: bool = True) -> str | None:
    key, error = choice(value, allowed, label, upper=upper)
    if error:
        errors.append(error)
    return key


@router.get("/", response_class=HTMLResponse)
def home(request: Request, store: StoreDep, q: str = "", outlet: str | None = None, since: str | None = None,
         until: str | None = None, type: str | None = None, page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    errors: list[str] = []
    filters = {"outlet": outlet or None, "since": _date_or_error(since, "From", errors),
               "until": _date_or_error(until, "To", errors)}
    entity_type = _choice(type, ENTITY_TYPES, "entity type", errors)
    offset = (page - 1) * PAGE_SIZE
    hits = docs = None
    if q.strip():
        hits = store.search(q, limit=PAGE_SIZE, offset=offset, **filters)
        total = store.count_search(q, **filters)
    else:
        docs = store.list_documents(limit=PAGE_SIZE, offset=offset, **filters)
        total = store.count_documents(**filters)
    # Entity facet: the entities the query names (or the most named), by type.
    entities = store.list_entities(name=q.strip() or None, type=entity_type, limit=12)
    return _page(request, "index.html", q=q, hits=hits, docs=docs, total=total, page=page,
                 pages=ceil(total / PAGE_SIZE) if total else None, filters=filters, errors=errors,
                 outlets=list(store.outlets().items()),
                 entity_types=ENTITY_TYPES, entity_type=entity_type, entities=entities)


@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document_page(request: Request, doc_id: str, store: StoreDep):
    doc = store.get(doc_id)
    if doc is None:
        raise HTTPException(status_code=404, detail=f"no document {doc_id!r} in this store")
    record = doc.to_record()
    return _page(request, "document.html", doc=doc, record=record, paragraphs=paragraphs(record),
                 names={e["id"]: e.get("name") or e["id"] for e in record["entities"]})


@router.get("/entities/{entity_id:path}", response_class=HTMLResponse)
def entity_page(request: Request, entity_id: str, store: StoreDep):
    profile = store.entity_profile(entity_id, limit=50)
    if profile is None:
        raise HTTPException(status_code=404, detail=f"no entity {entity_id!r} in this store")
    events = events_naming(store, entity_id, LIST_SIZE)
    peak = max((m.count for m in profile.by_month), default=0)
    known = [a.name for a in profile.aliases] + profile.kb_aliases
    return _page(request, "entity.html", profile=profile, peak=peak, other_scripts=in_both_scripts(known),
                 quotes_by=store.find_quotes(speaker=entity_id, limit=50),
                 quotes_about=store.find_quotes(about=entity_id, limit=50),
                 events=events, label=charts.event_label, href=charts.event_href)


@router.get("/quotes", response_class=HTMLResponse)
def quotes_page(request: Request, store: StoreDep, q: str = "", speaker: Name = None, about: Name = None,
                outlet: str | None = None, since: str | None = None, until: str | None = None,
                page: Annotated[int, Query(ge=1, le=100_000)] = 1):
    errors: list[str] = []
    form = {"q": q, "speaker": speaker or "", "about": about or "", "outlet": outlet or "",
            "since": _date_or_error(since, "From", errors) or "", "until": _date_or_error(until, "To", errors) or ""}
    hits = [] if errors else store.find_quotes(q or None, speaker=speaker or None, about=about or None,
                                                outlet=outlet or None, since=form["since"] or None,
                                                until=form["until"] or None, limit=PAGE_SIZE + 1,
                                                offset=(page - 1) * PAGE_SIZE)
    return _page(request, "quotes.html", hits=hits[:PAGE_SIZE], more=len(hits) > PAGE_SIZE, page=page, form=form,
                 errors=errors, outlets=sorted(store.outlets()))


@router.get("/events", response_class=HTMLResponse)
def events_page(request: Request, store: StoreDep, type: str | None = None, actor: Name = None,
                recipient: Name = None, weapon: Name = None, treaty: Name = None, since: str | None = None,
                until: str | None = None):
    errors: list[str] = []
    event_type = _choice(type, EVENT_TYPES, "event type", errors)
    form = {"type": event_type or "", "actor": actor or "", "recipient": recipient or "", "weapon": weapon or "",
            "treaty": treaty or "", "since": _date_or_error(since, "From", errors) or "",
            "until": _date_or_error(until, "To", errors) or ""}
    hits = [] if errors else store.find_events(
        type=event_type, actor=actor or None, recipient=recipient or None, weapon=weapon or None,
        treaty=treaty or None, since=form["since"] or None, until=form["until"] or None, limit=2000)
    return _page(request, "events.html", hits=hits, chart=charts.timeline(hits), form=form, errors=errors,
                 types=EVENT_TYPES, label=charts.event_label, href=charts.event_href)


@router.get("/transfers", response_class=HTMLResponse)
def transfers_page(request: Request, store: StoreDep, supplier: Name = None, recipient: Name = None,
                   weapon: Name = None, since: str | None = None, until: str | None = None):
    errors: list[str] = []
    form = {"supplier": supplier or "", "recipient": recipient or "", "weapon": weapon or "",
            "since": _date_or_error(since, "From", errors) or "", "until": _date_or_error(until, "To", errors) or ""}
    rows = [] if errors else store.transfers(supplier=supplier or None, recipient=recipient or None,
                                             weapon=weapon or None, since=form["since"] or None,
                                             until=form["until"] or None)
    return _page(request, "transfers.html", rows=rows, graph=charts.transfer_graph(rows), form=form, errors=errors)


@router.get("/claims", response_class=HTMLResponse)
def claims_page(request: Request, store: StoreDep, about: Name = None, unit: str | None = None):
    errors: list[str] = []
    unit_key = _choice(unit, CLAIM_UNITS, "unit", errors, upper=False)
    about = (about or "").strip() or None
    report = store.find_claims(about, unit=unit_key) if not errors else None
    if report is not None and about and not report.about:
        errors.append(f"no entity named {about!r} in this store")
    return _page(request, "claims.html", report=report, about=about or "", unit=unit_key or "", units=CLAIM_UNITS,
                 errors=errors)
