"""JSON Lines of `{title, published, url, outlet, text}`: one article per line."""

from __future__ import annotations

import json
from collections.abc import Iterator

from armswatch.errors import FormatError
from armswatch.ingest.base import head
from armswatch.ingest.draft import Draft

_TEXT_KEYS = ("text", "body", "content")


class JsonLinesReader:
    name = "jsonl"

    def sniff(self, text: str, path: str) -> bool:
        first = head(text, 200_000).split("\n", 1)[0].strip()
        if not first.startswith("{"):
            return False
        try:
            return isinstance(json.loads(first), dict)
        except json.JSONDecodeError:
            return False

    def read(self, text: str, path: str) -> Iterator[Draft | FormatError]:
        for n, line in enumerate(text.split("\n"), 1):
            if not line.strip():
                continue
            where = f"{path}:{n}"
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                yield FormatError(where, f"not JSON: {exc.msg} at column {exc.colno}")
                continue
            if not isinstance(item, dict):
                yield FormatError(where, "a JSON Lines article must be an object")
                continue
            body = next((item[k] for k in _TEXT_KEYS if isinstance(item.get(k), str) and item[k].strip()), None)
            if body is None:
                yield FormatError(where, "no 'text' field")
                continue
            yield Draft(
                body=body,
                markup="html" if item.get("format") == "html" else "text",
                title=_str(item.get("title")),
                published=_str(item.get("published") or item.get("date")),
                outlet=_str(item.get("outlet")),
                url=_str(item.get("url")),
                original_source=_str(item.get("original_source")),
                author=_str(item.get("author")),
                reader=self.name,
            )


def _str(value) -> str | None:
    return str(value).strip() or None if value is not None else None
