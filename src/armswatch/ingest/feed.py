"""RSS and Atom feeds: one article per item, parsed by feedparser."""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import UTC, datetime

import feedparser

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft
from armswatch.normalize.dates import parse_published


class FeedReader:
    name = "feed"

    def sniff(self, text: str, path: str) -> bool:
        start = head(text, 1024)
        if start.startswith("<?xml"):
            start = start[start.find("?>") + 2 :].lstrip()
            while start.startswith("<!--") or start.startswith("<?"):
                start = start[start.find(">") + 1 :].lstrip()
        return start.startswith(("<rss", "<feed", "<rdf:RDF", "<RDF"))

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        parsed = feedparser.parse(text)
        if parsed.bozo and not parsed.entries:
            yield FormatError(path, f"malformed feed: {parsed.get('bozo_exception')}")
            return
        if not parsed.entries:
            yield FormatError(path, "feed has no items")
            return
        outlet = parsed.feed.get("title")
        for n, entry in enumerate(parsed.entries, 1):
            body = ""
            if entry.get("content"):
                body = max((c.get("value", "") for c in entry.content), key=len)
            body = body or entry.get("summary", "") or entry.get("description", "")
            if not body.strip():
                yield FormatError(f"{path}#item{n}", "feed item has no content or summary")
                continue
            yield Draft(
                body=body,
                markup="html",
                title=entry.get("title"),
                published=_when(entry),
                outlet=outlet,
                url=entry.get("link"),
                author=entry.get("author"),
                reader=self.name,
            )


def _when(entry) -> str | None:
    """The time as the feed wrote it, which keeps its zone; feedparser's UTC reading when that is unreadable."""
    for raw_key, parsed_key in (("published", "published_parsed"), ("updated", "updated_parsed")):
        raw = entry.get(raw_key)
        if raw and parse_published(raw):
            return raw
        if entry.get(parsed_key):
            return datetime.fromtimestamp(calendar.timegm(entry[parsed_key]), tz=UTC).isoformat()
    return None
