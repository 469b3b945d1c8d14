"""The in-memory article: what every stage reads and adds to, and its record form.

The record form is `../shared/spec/RECORD.md` (format armswatch.record/1): every
part of armswatch (CLI, store, API, exports) speaks it, so `to_record` and
`from_record` are the only places that know its field names.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

RECORD_FORMAT = "armswatch.record/1"
# The record's closed vocabularies (RECORD.md): entity types, event types and claim units.
ENTITY_TYPES = ("PERSON", "STATE", "ORG", "PLACE", "WEAPON", "WEAPON_CLASS", "TREATY")
EVENT_TYPES = ("DEPLOY", "TRANSFER", "STRIKE", "TREATY_ACTION", "DOCTRINE", "MEETING", "EXERCISE", "TEST", "THREAT",
               "SANCTION", "DISARM")
CLAIM_UNITS = ("warheads", "missiles", "launchers", "drones", "km", "percent", "people", "countries", "aircraft",
               "divisions", "other")

# Fields of the record in the order RECORD.md lists them; extra fields follow.
_META_FIELDS = ("doc_id", "source_path", "title", "published", "outlet", "url", "original_source", "lang", "text",
                "duplicate_of")
_EXTRA_FIELDS = ("author", "source_format")
_SPAN_FIELDS = ("entities", "quotes", "events", "claims")


@dataclass
class Document:
    """A normalized article. `text` is never edited after normalization: stages only add spans."""

    source_path: str
    text: str
    doc_id: str = ""
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    original_source: str | None = None
    lang: str = "other"
    duplicate_of: str | None = None
    author: str | None = None
    source_format: str | None = None
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    @cached_property
    def norm_text(self) -> str:
        """`text` folded for matching (simplified script, half-width, lower case), of the same length."""
        from armswatch.normalize.script import fold

        return fold(self.text)

    def to_record(self) -> dict[str, Any]:
        rec: dict[str, Any] = {"format": RECORD_FORMAT}
        for name in _META_FIELDS + _EXTRA_FIELDS + _SPAN_FIELDS:
            rec[name] = getattr(self, name)
        return rec

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Document:
        if rec.get("format", RECORD_FORMAT) != RECORD_FORMAT:
            raise ValueError(f"unsupported record format {rec.get('format')!r}")
        known = {name: rec[name] for name in _META_FIELDS + _EXTRA_FIELDS + _SPAN_FIELDS if name in rec}
        return cls(**known)
