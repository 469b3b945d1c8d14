"""The reader contract: sniff a decoded input, then read it into drafts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

from armswatch.errors import FormatError
from armswatch.ingest.draft import Draft


class Reader(Protocol):
    """One source format. `sniff` must be cheap: it runs on every input until a reader claims it."""

    name: str

    def sniff(self, text: str, path: str) -> bool: ...

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        """Drafts of the articles in the input; an item that cannot be read comes as a FormatError."""
        ...


MD_LINK_LINE = re.compile(r"^\[(?P<title>.*)\]\((?P<url>[^)\s]+)\)\s*$")


def head(text: str, size: int = 2048) -> str:
    """The start of an input with leading blank space dropped, for sniffing."""
    return text[: size + 64].lstrip()[:size]
