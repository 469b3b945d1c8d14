"""The web application: the analyst's pages (`web/pages.py`) and the JSON API (`api/routes.py`) over one store.

Each request opens its own store handle (SQLite connections are per thread and cheap to
open), so the server holds no state but its settings.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from importlib import resources

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi_offline import FastAPIOffline
from starlette.exceptions import HTTPException as StarletteHTTPException

from armswatch.api import routes, upload
from armswatch.ingest.source import DEFAULT_MAX_BYTES
from armswatch.kb.entities import knowledge_base
from armswatch.web import pages

SETTINGS_ENV = "ARMSWATCH_SERVE_SETTINGS"


@dataclass(frozen=True)
class Settings:
    db: str
    # Uploads (POST /api/documents) are refused unless a token is set; clients send it as a Bearer token.
    upload_token: str | None = None
    max_upload_bytes: int = DEFAULT_MAX_BYTES

    def to_json(self) -> str:
        return json.dumps(asdict(self))


def app_from_environment() -> FastAPI:
    """The application for uvicorn's worker processes, which import it by name: `armswatch serve --workers`
    leaves the settings in the environment for them."""
    raw = os.environ.get(SETTINGS_ENV)
    if not raw:
        raise RuntimeError(f"{SETTINGS_ENV} is not set: start the server with `armswatch serve`")
    return create_app(Settings(**json.loads(raw)))


def create_app(settings: Settings) -> FastAPI:
    # FastAPIOffline serves Swagger UI's files itself: the API docs work on a machine with no internet.
    app = FastAPIOffline(title="armswatch", version="0.1.0",
                         description="Chinese-language arms-control news, searchable and source-grounded. Every "
                                     "answer carries the article and the sentence it comes from.")
    app.state.settings = settings
    knowledge_base()  # loaded now rather than by the first reader to look an entity up
    app.mount("/static", StaticFiles(directory=str(resources.files("armswatch.web") / "static")), name="static")
    app.include_router(routes.router)
    app.include_router(upload.router)
    app.include_router(pages.router)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        """JSON for the API and for programs; a page for people browsing."""
        if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
            return JSONResponse({"detail": exc.detail}, status_code=exc.status_code, headers=exc.headers)
        return pages.templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                                                        "detail": exc.detail},
                                                status_code=exc.status_code)

    @app.exception_handler(ValueError)
    async def bad_value(request: Request, exc: ValueError):
        """The store's own checks (a date it cannot read) are the client's error, said as such."""
        if request.url.path.startswith("/api/"):
            return JSONResponse({"detail": str(exc)}, status_code=422)
        return pages.templates.TemplateResponse(request, "error.html", {"status": 422, "detail": str(exc)},
                                                status_code=422)

    return app
