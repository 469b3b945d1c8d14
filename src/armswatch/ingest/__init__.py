"""Readers, one per source format, picked by sniffing the decoded content.

The order matters: precise readers first, the generic HTML page reader after the
Markdown mirrors whose bodies are HTML too, and plain text last as the fallback.
"""

from __future__ import annotations

from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import Reader
from armswatch.ingest.compiled import CompiledReader
from armswatch.ingest.draft import Draft
from armswatch.ingest.feed import FeedReader
from armswatch.ingest.feedx import FeedxReader
from armswatch.ingest.gnews import GNewsReader
from armswatch.ingest.html_page import HtmlPageReader
from armswatch.ingest.jsonl import JsonLinesReader
from armswatch.ingest.plaintext import FallbackTextReader, PlainTextReader

READERS: tuple[Reader, ...] = (
    JsonLinesReader(),
    FeedReader(),
    GNewsReader(),
    FeedxReader(),
    HtmlPageReader(),
    CompiledReader(),
    PlainTextReader(),
    FallbackTextReader(),
)
FORMATS: tuple[str, ...] = tuple(r.name for r in READERS)


def reader_for(text: str, path: str, fmt: str | None = None) -> Reader:
    """The reader named by `fmt`, else the first whose sniff claims the text."""
    if fmt:
        for reader in READERS:
            if reader.name == fmt:
                return reader
        raise ValueError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    return next(r for r in READERS if r.sniff(text, path))


def read_drafts(text: str, path: str, fmt: str | None = None) -> Iterator[Draft | FormatError]:
    yield from reader_for(text, path, fmt).read(text, path)


__all__ = ["FORMATS", "READERS", "Draft", "Reader", "read_drafts", "reader_for"]
