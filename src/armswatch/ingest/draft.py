"""What a reader hands to normalization: the parts of one article, found but not yet cleaned."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Markup = Literal["html", "markdown", "text"]


@dataclass
class Draft:
    """One article as a reader found it.

    Readers know where things are in their format; normalization knows how to clean
    them. So a reader fills `body` with the raw body in its `markup` and leaves the
    metadata as written (`published` as found, `outlet` as the source names itself).
    """

    body: str
    markup: Markup
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    original_source: str | None = None
    author: str | None = None
    # Where a date can be read off the URL (…/2022/1013/…), readers that have no better date say so.
    date_from_url: bool = False
    reader: str = ""
    # Set by a reader that took an input no precise reader claimed, so fallbacks can be counted.
    fallback: bool = False
