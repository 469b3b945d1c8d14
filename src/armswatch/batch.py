"""Batch ingest and extract: inputs through the pipeline, near-duplicates marked, results kept.

The library form of `armswatch ingest` and `armswatch extract`; the CLI, the API's
upload endpoint and the benchmarks call these so they count the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from armswatch.document import Document
from armswatch.normalize.dedup import DedupIndex, MemoryDedupIndex, find_near_duplicate
from armswatch.process import Options, Outcome, process_paths
from armswatch.store.base import Store


@dataclass
class Summary:
    """Per article: ingested + duplicates + unchanged + rejected add up to the articles seen."""

    inputs: int = 0
    ingested: int = 0
    duplicates: int = 0
    unchanged: int = 0
    rejected: list[tuple[str, str]] = field(default_factory=list)
    fallbacks: int = 0

    @property
    def articles(self) -> int:
        return self.ingested + self.duplicates + self.unchanged + len(self.rejected)

    def as_dict(self) -> dict:
        return {
            "inputs": self.inputs,
            "articles": self.articles,
            "ingested": self.ingested,
            "duplicates": self.duplicates,
            "unchanged": self.unchanged,
            "rejected": [{"source": s, "reason": r} for s, r in self.rejected],
            "fallbacks": self.fallbacks,
        }


Progress = Callable[[Outcome], None]
# Inputs between search-index updates during ingest: indexing many articles per transaction is cheaper,
# and a killed ingest leaves at most this many articles for the next search or ingest to index.
INDEX_EVERY = 500


def _mark_duplicate(doc: Document, sig, index: DedupIndex) -> None:
    if sig is not None and doc.duplicate_of is None:
        doc.duplicate_of = find_near_duplicate(index, doc.doc_id, sig)


def store_outcome(store: Store, outcome: Outcome, summary: Summary) -> None:
    """Count one input into `summary` and store its articles not stored yet, each in its own transaction.

    Public so that the feed watcher, which reads its inputs from HTTP rather than from paths, stores and
    counts them exactly as `ingest` does. The search index is left to the caller (`store.index_pending()`).
    """
    summary.inputs += 1
    summary.fallbacks += outcome.fallbacks
    summary.rejected.extend((e.source, e.reason) for e in outcome.errors)
    for doc, sig in outcome.docs:
        if store.has(doc.doc_id):
            summary.unchanged += 1
            continue
        _mark_duplicate(doc, sig, store)
        if not store.put(doc, sig):
            summary.unchanged += 1
        elif doc.duplicate_of:
            summary.duplicates += 1
        else:
            summary.ingested += 1


def ingest(store: Store, paths: Iterable[str], options: Options | None = None, *, workers: int | None = None,
           stdin=None, progress: Progress | None = None) -> Summary:
    """Store every article of the inputs, each in its own transaction; re-running finishes an interrupted run."""
    options = options or Options()
    summary = Summary()
    for outcome in process_paths(paths, options, workers, stdin=stdin):
        store_outcome(store, outcome, summary)
        if progress:
            progress(outcome)
        if summary.inputs % INDEX_EVERY == 0:
            store.index_pending()
    store.index_pending()
    return summary


def extract(paths: Iterable[str], options: Options | None = None, *, workers: int | None = None, stdin=None,
            summary: Summary | None = None, progress: Progress | None = None) -> Iterator[Document]:
    """Documents of the inputs without a store; near-duplicates are marked against earlier inputs of the run."""
    options = options or Options()
    summary = summary if summary is not None else Summary()
    index = MemoryDedupIndex()
    seen: set[str] = set()
    for outcome in process_paths(paths, options, workers, stdin=stdin):
        summary.inputs += 1
        summary.fallbacks += outcome.fallbacks
        summary.rejected.extend((e.source, e.reason) for e in outcome.errors)
        for doc, sig in outcome.docs:
            if doc.doc_id in seen:
                summary.unchanged += 1
            else:
                seen.add(doc.doc_id)
                _mark_duplicate(doc, sig, index)
                if sig is not None:
                    index.add(doc.doc_id, sig)
                if doc.duplicate_of:
                    summary.duplicates += 1
                else:
                    summary.ingested += 1
            yield doc
        if progress:
            progress(outcome)
