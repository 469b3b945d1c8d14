"""The extraction pipeline: an ordered list of named stages, each adding its spans to a Document.

Like spaCy's components, a stage declares what it needs (`requires`) and what it
adds (`assigns`), so a user can drop or reorder stages by name and a stage can be
run, tested and benchmarked alone. A stage never edits `text` and never reaches
into another stage: it reads the Document's fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Protocol

from armswatch.document import Document


class Stage(Protocol):
    name: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]

    def __call__(self, doc: Document) -> Document: ...


def _entities() -> Stage:
    from armswatch.extract.entities import EntityStage  # loads the knowledge base: only when asked for

    return EntityStage()


def _quotes() -> Stage:
    from armswatch.extract.quotes import QuoteStage

    return QuoteStage()


def _events() -> Stage:
    from armswatch.extract.events import EventStage

    return EventStage()


def _claims() -> Stage:
    from armswatch.extract.claims import ClaimStage

    return ClaimStage()


# Stage factories by name. The extraction issues add roles, quotes, time, events and claims here.
STAGES: dict[str, Callable[[], Stage]] = {
    "entities": _entities,
    "quotes": _quotes,
    "events": _events,
    "claims": _claims,
}
# What `armswatch ingest` and `extract` run unless told otherwise (--stages).
DEFAULT_STAGES: tuple[str, ...] = ("entities", "quotes", "events", "claims")


class Pipeline:
    def __init__(self, stages: Sequence[Stage] = ()) -> None:
        self.stages = list(stages)
        assigned: set[str] = set()
        for stage in self.stages:
            missing = [r for r in stage.requires if r not in assigned]
            if missing:
                raise ValueError(f"stage {stage.name!r} requires {missing} from an earlier stage")
            assigned.update(stage.assigns)

    @classmethod
    def from_names(cls, names: Sequence[str] = DEFAULT_STAGES) -> Pipeline:
        unknown = [n for n in names if n not in STAGES]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; known: {sorted(STAGES)}")
        return cls([STAGES[n]() for n in names])

    @property
    def names(self) -> list[str]:
        return [s.name for s in self.stages]

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc
