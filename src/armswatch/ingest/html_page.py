"""Whole HTML pages: the main text found by trafilatura, metadata from the page's own tags."""

from __future__ import annotations

from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft

_MARKERS = ("<!doctype html", "<html", "<head", "<body", "<meta ", "<article")


class HtmlPageReader:
    name = "html"

    def sniff(self, text: str, path: str) -> bool:
        start = head(text, 1024).lower()
        return any(marker in start for marker in _MARKERS)

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        import trafilatura  # imported here: it is slow to import and most inputs never need it

        try:
            doc = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, include_tables=True, favor_precision=True
            )
        except Exception as exc:  # trafilatura raises a variety of parser errors on broken pages
            yield FormatError(path, f"HTML page could not be parsed: {exc}")
            return
        body = (doc.text if doc else "") or ""
        if not body.strip():
            yield FormatError(path, "HTML page has no main text")
            return
        yield Draft(
            body=body,
            markup="text",
            title=doc.title,
            published=doc.date,
            outlet=doc.sitename,
            url=doc.url,
            author=doc.author,
            reader=self.name,
        )
