"""The web application: the analyst's pages and a first JSON API over one store.

Each request opens its own store handle (SQLite connections are per thread and
cheap to open), so the server holds no state but the database path.
"""

from __future__ import annotations

from collections.abc import Iterator
from importlib import resources
from math import ceil
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from armswatch.store import open_store
from armswatch.store.base import Store

PAGE_SIZE = 25
DateParam = Annotated[str | None, Query(pattern=r"^\d{4}(-\d{2}(-\d{2})?)?$")]


def get_store(request: Request) -> Iterator[Store]:
    store = open_store(request.app.state.db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


def _web_dir(name: str) -> str:
    return str(resources.files("armswatch.web") / name)


def create_app(db: str) -> FastAPI:
    app = FastAPI(title="armswatch", version="0.1.0",
                  description="Chinese-language arms-control news, searchable and source-grounded.")
    app.state.db = db
    templates = Jinja2Templates(directory=_web_dir("templates"))
    app.mount("/static", StaticFiles(directory=_web_dir("static")), name="static")

    @app.get("/", response_class=HTMLResponse)
    def home(request: Request, store: StoreDep, q: str = "", outlet: str | None = None, since: DateParam = None,
             until: DateParam = None, page: Annotated[int, Query(ge=1)] = 1):
        filters = {"outlet": outlet or None, "since": since, "until": until}
        offset = (page - 1) * PAGE_SIZE
        stats = store.stats()
        hits = docs = None
        if q.strip():
            hits = store.search(q, limit=PAGE_SIZE, offset=offset, **filters)
            total = store.count_search(q, **filters)
        else:
            docs = store.list_documents(limit=PAGE_SIZE, offset=offset, **filters)
            total = stats["documents"] if not any(filters.values()) else None
        return templates.TemplateResponse(request, "index.html", {
            "q": q, "hits": hits, "docs": docs, "total": total, "page": page,
            "pages": ceil(total / PAGE_SIZE) if total else None, "filters": filters, "stats": stats,
            "outlets": sorted(stats.get("by_outlet", {}).items(), key=lambda kv: -kv[1]),
        })

    @app.get("/documents/{doc_id}", response_class=HTMLResponse)
    def document_page(request: Request, doc_id: str, store: StoreDep):
        doc = store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        return templates.TemplateResponse(request, "document.html", {"doc": doc,
                                                                     "paragraphs": doc.text.split("\n")})

    @app.get("/api/documents")
    def api_documents(store: StoreDep, outlet: str | None = None, since: DateParam = None, until: DateParam = None,
                      lang: str | None = None, limit: Annotated[int, Query(ge=1, le=500)] = 50,
                      offset: Annotated[int, Query(ge=0)] = 0):
        rows = store.list_documents(outlet=outlet, since=since, until=until, lang=lang, limit=limit, offset=offset)
        return {"documents": [r.__dict__ for r in rows], "limit": limit, "offset": offset}

    @app.get("/api/documents/{doc_id}")
    def api_document(doc_id: str, store: StoreDep):
        doc = store.get(doc_id)
        if doc is None:
            raise HTTPException(status_code=404, detail=f"no document {doc_id}")
        return doc.to_record()

    @app.get("/api/search")
    def api_search(store: StoreDep, q: Annotated[str, Query(min_length=1)], outlet: str | None = None,
                   since: DateParam = None, until: DateParam = None, lang: str | None = None,
                   limit: Annotated[int, Query(ge=1, le=500)] = 20, offset: Annotated[int, Query(ge=0)] = 0):
        filters = {"outlet": outlet, "since": since, "until": until, "lang": lang}
        hits = store.search(q, limit=limit, offset=offset, **filters)
        return {"query": q, "total": store.count_search(q, **filters), "hits": [h.__dict__ for h in hits]}

    return app
