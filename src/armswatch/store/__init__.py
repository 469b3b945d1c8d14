"""Where documents are kept: `open_store` picks the backend from the address it is given."""

from __future__ import annotations

from pathlib import Path

from armswatch.errors import StoreError
from armswatch.store.base import (
    ClaimHit,
    ClaimReport,
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
    Store,
    TransferReport,
    TransferRow,
)

__all__ = ["ClaimHit", "ClaimReport", "Disagreement", "DocSummary", "EntityArticle", "EntityMatch", "EntityProfile",
           "EntityRef", "EventHit", "NameCount", "QuoteHit", "SearchHit", "Store", "TransferReport", "TransferRow",
           "open_store"]

_POSTGRES_PREFIXES = ("postgresql://", "postgres://")


def open_store(db: str | Path = "armswatch.db") -> Store:
    """The store at `db`, created (with its folder) if missing and migrated to the current schema."""
    if isinstance(db, str) and db.startswith(_POSTGRES_PREFIXES):
        raise StoreError("PostgreSQL is not supported yet")
    from armswatch.store.sqlite import SQLiteStore

    path = str(db)
    if path != ":memory:":
        try:
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"{path}: cannot create its folder ({exc})") from exc
    return SQLiteStore(path)
