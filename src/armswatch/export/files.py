"""Where exports are written: every file whole or not at all.

A reader (a notebook, Gephi, a cron job copying the file) must never see half an export, and a
failed export must not replace a good earlier one. So each file is written under a temporary
name beside its target and renamed onto it only when everything was written; on any error the
temporary file is removed and the target is left as it was.
"""

from __future__ import annotations

import os
import secrets
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from armswatch.errors import ArmswatchError

STDOUT = "-"


class ExportError(ArmswatchError):
    """An export cannot be written: an unknown format, or an output path that cannot be written."""


def _parent_of(target: Path) -> Path:
    """The folder `target` goes in, created if missing; an ExportError naming it when that fails."""
    parent = target.parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the folder {parent} for {target}: {exc.strerror or exc}") from exc
    return parent


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A new temporary path beside `target`, renamed onto it when the block ends without error, else removed.

    Beside, not in /tmp: a rename is atomic only within one file system. The file is created here (with
    the umask's permissions, as the target would be), so an unwritable folder fails before any work.
    """
    if target.is_dir():
        raise ExportError(f"{target} is a directory; give a file name")
    parent = _parent_of(target)
    temp = parent / f".{target.name}.{secrets.token_hex(4)}.part"
    try:
        temp.open("xb").close()
    except OSError as exc:
        raise ExportError(f"cannot write in {parent}: {exc.strerror or exc}") from exc
    try:
        yield temp
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    try:
        os.replace(temp, target)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise ExportError(f"cannot write {target}: {exc.strerror or exc}") from exc


@contextmanager
def open_output(output: str, *, binary: bool = False) -> Iterator[IO]:
    """A file to write the export to: stdout for "-", else `output` written atomically (UTF-8 for text)."""
    if output == STDOUT:
        yield sys.stdout.buffer if binary else sys.stdout
        return
    with atomic_path(Path(output)) as temp:
        if binary:
            with temp.open("wb") as sink:
                yield sink
        else:
            with temp.open("w", encoding="utf-8", newline="\n") as sink:
                yield sink


def output_dir(output: str, fmt: str) -> Path:
    """The directory a one-file-per-kind export writes into, created if missing."""
    if output == STDOUT:
        raise ExportError(f"{fmt} writes one file per kind into a directory; give a directory, not '-'")
    path = Path(output)
    if path.exists() and not path.is_dir():
        raise ExportError(f"{path} is a file; {fmt} writes one file per kind into a directory")
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"cannot create the directory {path}: {exc.strerror or exc}") from exc
    return path
