"""What every route needs: a store per request and the checked query parameters the API shares.

Parameters are checked here, before the store sees them, so a bad one is a 422 that says what is
allowed, never a 500 and never part of an SQL string (the store binds every value).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse

from armswatch.document import CLAIM_UNITS, ENTITY_TYPES, EVENT_TYPES
from armswatch.store import open_store
from armswatch.store.base import Store

DATE_PATTERN = r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$"
DateParam = Annotated[str | None, Query(pattern=DATE_PATTERN, description="YYYY, YYYY-MM or YYYY-MM-DD (inclusive).")]
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
Name = Annotated[str | None, Query(max_length=200, description="A name in any script or language, or an entity id.")]


def get_store(request: Request) -> Iterator[Store]:
    store = open_store(request.app.state.settings.db)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]


class RecordJSON(JSONResponse):
    """JSON as the record format writes it, Chinese as UTF-8 rather than \\u escapes, in one pass.

    A route returning a plain dict has FastAPI walk it with jsonable_encoder first, which for an
    article's record costs ten times json.dumps; the routes' data is plain JSON already (records and
    the store's dataclasses through asdict), so they return this instead.
    """

    def render(self, content) -> bytes:
        return json.dumps(content, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode()


def choice(value: str | None, allowed: tuple[str, ...], what: str, *, upper: bool) -> tuple[str | None, str | None]:
    """(the value as the vocabulary spells it, None) or (None, what is wrong); (None, None) when not given.
    The API turns the message into a 422, the pages show it above the form."""
    if value is None or not value.strip():
        return None, None
    key = value.strip().upper() if upper else value.strip().lower()
    if key not in allowed:
        return None, f"unknown {what} {value!r}; one of: {', '.join(allowed)}"
    return key, None


def date_error(value: str | None, label: str) -> str | None:
    if value and not re.match(DATE_PATTERN, value):
        return f"{label} must be YYYY, YYYY-MM or YYYY-MM-DD, not {value!r}"
    return None


def _one_of(value: str | None, allowed: tuple[str, ...], what: str, *, upper: bool) -> str | None:
    key, error = choice(value, allowed, what, upper=upper)
    if error:
        raise HTTPException(status_code=422, detail=error)
    return key


def event_type(type: Annotated[str | None, Query(description=f"One of {', '.join(EVENT_TYPES)}.")] = None
               ) -> str | None:
    return _one_of(type, EVENT_TYPES, "event type", upper=True)


def entity_type(type: Annotated[str | None, Query(description=f"One of {', '.join(ENTITY_TYPES)}.")] = None
                ) -> str | None:
    return _one_of(type, ENTITY_TYPES, "entity type", upper=True)


def claim_unit(unit: Annotated[str | None, Query(description=f"One of {', '.join(CLAIM_UNITS)}.")] = None
               ) -> str | None:
    return _one_of(unit, CLAIM_UNITS, "unit", upper=False)


EventType = Annotated[str | None, Depends(event_type)]
EntityType = Annotated[str | None, Depends(entity_type)]
ClaimUnit = Annotated[str | None, Depends(claim_unit)]


def check_window(since: str | None, until: str | None) -> None:
    if since and until and since[: len(until)] > until:
        raise HTTPException(status_code=422, detail=f"since {since} is after until {until}")
