"""From a reader's draft to a Document: clean text, parsed time, canonical outlet, language, id."""

from __future__ import annotations

import hashlib

from armswatch.document import Document
from armswatch.errors import FormatError
from armswatch.ingest.draft import Draft
from armswatch.normalize import outlets
from armswatch.normalize.dates import date_from_url, parse_published
from armswatch.normalize.lang import detect_lang
from armswatch.normalize.text import clean_body, clean_title


def doc_id_of(text: str) -> str:
    """sha256 of the normalized body: the same article text gets the same id on every ingest."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _canonical_source(value: str | None) -> str | None:
    if not value or not value.strip():
        return None
    outlet = outlets.by_name(value)
    return outlet.name if outlet else value.strip()


def normalize(draft: Draft, source_path: str) -> Document:
    text = clean_body(draft.body, draft.markup)
    if not text:
        raise FormatError(source_path, "no article text left after removing markup and boilerplate")
    title = clean_title(draft.title, draft.markup)
    if title:
        title = outlets.strip_title_suffix(title)
        first, _, rest = text.partition("\n")
        if rest and first.strip() == title:  # pages repeat their title as the body's first heading
            text = rest
    published = parse_published(draft.published)
    if published is None and draft.date_from_url:
        published = date_from_url(draft.url)
    url = draft.url.strip() if draft.url and draft.url.strip() else None
    return Document(
        source_path=source_path,
        text=text,
        doc_id=doc_id_of(text),
        title=title,
        published=published,
        outlet=outlets.resolve(draft.outlet, url),
        url=url,
        original_source=_canonical_source(draft.original_source),
        lang=detect_lang((title or "") + "\n" + text),
        author=draft.author.strip() if draft.author and draft.author.strip() else None,
        source_format=draft.reader or None,
    )


__all__ = ["doc_id_of", "normalize"]
