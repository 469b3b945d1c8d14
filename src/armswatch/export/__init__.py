"""Exports of the store: the records and what they add up to, in formats other tools read.

- jsonl: every record (RECORD.md), one per line, as `armswatch extract` writes them (records.py).
- csv / parquet: one table per kind into a directory (tables.py).
- graphml: the arms-transfer network (graphml.py).
- plover: every event in the PLOVER event-data format, JSON Lines (plover.py).

Everything goes through the Store interface, so every backend exports the same way; the CLI's
`armswatch export` is a thin layer over `export`. See docs/exports.md for formats and columns.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import IO

from armswatch.export.files import STDOUT, ExportError, open_output, output_dir
from armswatch.export.graphml import write_graphml
from armswatch.export.plover import write_plover
from armswatch.export.records import write_jsonl
from armswatch.export.tables import write_tables
from armswatch.store.base import Store

# Formats written as one file (or stdout): the writer, and whether it writes bytes.
_FILE_FORMATS: dict[str, tuple[Callable[[Store, IO], dict[str, int]], bool]] = {
    "jsonl": (write_jsonl, False), "graphml": (write_graphml, True), "plover": (write_plover, False)}
# Formats written as one file per kind into a directory.
_TABLE_FORMATS = ("csv", "parquet")
FORMATS = ("jsonl", "csv", "parquet", "graphml", "plover")


@dataclass
class ExportSummary:
    format: str
    output: str
    # What was written, in order: kind (or table) -> count.
    counts: dict[str, int]

    def describe(self) -> str:
        """One line for a person: what went where."""
        where = "stdout" if self.output == STDOUT else self.output
        return f"{self.format}: " + ", ".join(f"{n} {kind}" for kind, n in self.counts.items()) + f" → {where}"


def export(store: Store, fmt: str, output: str) -> ExportSummary:
    """Write the store in format `fmt` to `output`: a file ("-" for stdout), or a directory for csv/parquet.

    Raises ExportError for an unknown format or an output that cannot be written; a failed export
    leaves no partial file behind (see files.py).
    """
    if fmt in _TABLE_FORMATS:
        return ExportSummary(fmt, output, write_tables(store, output_dir(output, fmt), fmt))
    if fmt not in _FILE_FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; one of: {', '.join(FORMATS)}")
    writer, binary = _FILE_FORMATS[fmt]
    with open_output(output, binary=binary) as sink:
        counts = writer(store, sink)
    return ExportSummary(fmt, output, counts)


__all__ = ["FORMATS", "ExportError", "ExportSummary", "export"]
