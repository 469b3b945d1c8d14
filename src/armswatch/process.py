"""Turning inputs into extracted Documents, in parallel where it pays.

Everything per input — read, decode, parse, normalize, extract, MinHash — is
independent of other inputs and runs in worker processes. What needs the whole
batch (near-duplicate lookup against earlier articles, writing the store) stays
in the calling process, in input order, so results are the same with one worker
or many.
"""

from __future__ import annotations

import multiprocessing as mp
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np

from armswatch.document import Document
from armswatch.errors import InputError
from armswatch.extract.pipeline import DEFAULT_STAGES, Pipeline
from armswatch.ingest import read_drafts
from armswatch.ingest.decode import decode
from armswatch.ingest.source import DEFAULT_MAX_BYTES, RawArticle, iter_inputs, load
from armswatch.normalize import normalize
from armswatch.normalize.dedup import signature


@dataclass
class Options:
    fmt: str | None = None
    max_bytes: int = DEFAULT_MAX_BYTES
    stages: tuple[str, ...] = DEFAULT_STAGES
    minhash: bool = True


@dataclass
class Outcome:
    """What became of one input: its articles (with MinHash signatures) and what was rejected."""

    source: str
    docs: list[tuple[Document, np.ndarray | None]] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    fallbacks: int = 0


_worker_pipeline: Pipeline | None = None
_worker_options: Options | None = None


def _init_worker(options: Options) -> None:
    global _worker_pipeline, _worker_options
    _worker_options = options
    _worker_pipeline = Pipeline.from_names(options.stages)


def process_raw(raw: RawArticle, options: Options, pipeline: Pipeline) -> Outcome:
    outcome = Outcome(source=raw.source_path)
    try:
        text = decode(raw)
        for item in read_drafts(text, raw.source_path, options.fmt):
            if isinstance(item, InputError):
                outcome.errors.append(item)
                continue
            outcome.fallbacks += item.fallback
            try:
                doc = pipeline(normalize(item, raw.source_path))
            except InputError as exc:
                outcome.errors.append(exc)
                continue
            outcome.docs.append((doc, signature(doc.text) if options.minhash else None))
    except InputError as exc:
        outcome.errors.append(exc)
    except Exception as exc:  # a bug on one odd input must not cost the rest of the batch; it is reported
        outcome.errors.append(InputError(raw.source_path, f"internal error while reading it (please report): "
                                                          f"{type(exc).__name__}: {exc}"))
    return outcome


def process_path(path: str, options: Options, pipeline: Pipeline) -> Outcome:
    try:
        raw = load(path, max_bytes=options.max_bytes)
    except InputError as exc:
        return Outcome(source=str(path), errors=[exc])
    return process_raw(raw, options, pipeline)


def _work(path: str) -> Outcome:
    assert _worker_options is not None and _worker_pipeline is not None
    return process_path(path, _worker_options, _worker_pipeline)


def default_workers() -> int:
    return max(1, min(mp.cpu_count(), 8))


def _stdin_outcome(options: Options, pipeline: Pipeline, stdin) -> Outcome:
    try:
        return process_raw(load("-", max_bytes=options.max_bytes, stdin=stdin), options, pipeline)
    except InputError as exc:
        return Outcome(source="<stdin>", errors=[exc])


def process_paths(paths: Iterable[str], options: Options, workers: int | None = None,
                  stdin=None) -> Iterator[Outcome]:
    """Outcomes in input order (stdin, `-`, first). Folders and globs are expanded to their files.

    Few inputs run in this process; many in a worker pool.
    """
    paths = [str(p) for p in iter_inputs([str(p) for p in paths])]
    workers = default_workers() if workers is None else max(1, workers)
    files = [p for p in paths if p != "-"]
    if workers == 1 or len(files) < 16:
        pipeline = Pipeline.from_names(options.stages)
        if len(files) < len(paths):
            yield _stdin_outcome(options, pipeline, stdin)
        for path in files:
            yield process_path(path, options, pipeline)
        return
    if len(files) < len(paths):
        yield _stdin_outcome(options, Pipeline.from_names(options.stages), stdin)
    ctx = mp.get_context("fork")
    window = workers * 32  # inputs in flight: keeps workers busy without piling results up in this process
    with ctx.Pool(workers, initializer=_init_worker, initargs=(options,)) as pool:
        pending: deque = deque()
        for path in files:
            pending.append(pool.apply_async(_work, (path,)))
            if len(pending) >= window:
                yield pending.popleft().get()
        while pending:
            yield pending.popleft().get()
