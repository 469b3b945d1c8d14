"""Finding inputs and reading their bytes, refusing what cannot be an article before anyone decodes it.

Rejections happen here, not in the readers, so that every bad input gets the same
kind of `InputError` whatever its format: a reader should never see a PNG, a
gzip archive, a 2 GB log or an empty file. The checks are cheap (a `stat`, a look
at the first 8 KiB) because they run on every file of a batch.
"""

from __future__ import annotations

import glob
import os
import stat
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from armswatch.errors import InputError

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
STDIN = "-"
STDIN_NAME = "<stdin>"

# How much of the start of a file the binary checks look at: enough for every
# magic number below, small enough to stay cheap on big text files.
SNIFF_BYTES = 8 * 1024

_GLOB_CHARS = frozenset("*?[")


@dataclass
class RawArticle:
    """The bytes of one input, before decoding; `declared_charset` is what a transport (HTTP) said, if anything."""

    source_path: str
    data: bytes
    declared_charset: str | None = None
    format_hint: str | None = None


def iter_inputs(paths: Iterable[str], *, recursive: bool = True) -> Iterator[str | Path]:
    """Every input named by `paths`, in a stable order, with nothing silently dropped.

    A name that is neither an existing path nor a glob with matches is passed
    through unchanged, so that `load` reports it ("no such file") instead of the
    batch quietly doing less than the user asked for. Hidden files and folders
    are skipped inside folders (editor swap files, `.git`), never when named
    explicitly.
    """
    for arg in paths:
        name = os.fspath(arg)
        if name == STDIN:
            yield STDIN
            continue
        path = Path(name)
        if path.is_dir():
            yield from _folder_files(path, recursive)
        elif os.path.lexists(name) or not _GLOB_CHARS.intersection(name):
            yield name
        else:
            matches = _glob_files(name, recursive)
            if matches:
                yield from matches
            else:
                yield name


def _folder_files(folder: Path, recursive: bool) -> list[Path]:
    """Files under `folder`, sorted by path components so a folder's files stay together."""
    found: list[Path] = []
    pending = [folder]
    while pending:
        current = pending.pop()
        try:
            with os.scandir(current) as scan:
                entries = list(scan)
        except OSError:
            # An unreadable subfolder must not hide the rest of the tree; passing it on
            # lets `load` report it as an input error with its name.
            found.append(current)
            continue
        for entry in entries:
            if entry.name.startswith("."):
                continue
            if entry.is_dir(follow_symlinks=False):
                if recursive:
                    pending.append(Path(entry.path))
            elif entry.is_file():
                found.append(Path(entry.path))
    return sorted(found, key=lambda p: p.parts)


def _glob_files(pattern: str, recursive: bool) -> list[Path]:
    """The files a glob names; a matched folder stands for its files, as it does on the command line."""
    seen: set[Path] = set()
    for match in glob.glob(pattern, recursive=recursive):
        path = Path(match)
        if path.is_dir():
            seen.update(_folder_files(path, recursive))
        else:
            seen.add(path)
    return sorted(seen, key=lambda p: p.parts)


def load(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES, stdin: BinaryIO | None = None) -> RawArticle:
    """The bytes of `path` ("-" for stdin), or an InputError saying why it cannot be an article.

    The size is checked from `stat` before reading so a huge file costs nothing;
    the read itself is capped too, for files that grow and for pipes and devices,
    whose size `stat` does not know.
    """
    name = os.fspath(path)
    if name == STDIN:
        return _check(STDIN_NAME, _read_stream(STDIN_NAME, _binary(stdin), max_bytes))
    with _os_errors(name):
        info = os.stat(name)
    if stat.S_ISDIR(info.st_mode):
        # iter_inputs passes on folders it could not list, so say why when that is the case.
        if not os.access(name, os.R_OK | os.X_OK):
            raise InputError(name, "is a directory and cannot be read (permission denied)")
        raise InputError(name, "is a directory")
    if stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        raise InputError(name, _over_limit(info.st_size, max_bytes))
    with _os_errors(name), open(name, "rb") as handle:
        data = _read_stream(name, handle, max_bytes)
    return _check(name, data)


@contextmanager
def _os_errors(name: str) -> Iterator[None]:
    """Operating-system errors while opening or reading `name`, as the InputError a user can act on."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(name, "no such file") from None
    except NotADirectoryError:
        raise InputError(name, "no such file (a parent of it is not a folder)") from None
    except IsADirectoryError:
        raise InputError(name, "is a directory") from None
    except PermissionError:
        raise InputError(name, "permission denied") from None
    except OSError as exc:
        raise InputError(name, f"cannot read: {exc.strerror or exc}") from None


def _binary(stdin: BinaryIO | None) -> BinaryIO:
    """A binary stream for stdin: text streams (sys.stdin itself) would decode with the locale's codec."""
    stream = sys.stdin if stdin is None else stdin
    if stream is None:
        raise InputError(STDIN_NAME, "no standard input to read")
    return getattr(stream, "buffer", stream)


def _read_stream(name: str, stream: BinaryIO, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        # A stream's size is unknown until read, and it is read no further than this.
        raise InputError(name, f"over the {_size(max_bytes)} limit (--max-bytes)")
    return data


def from_bytes(name: str, data: bytes, *, declared_charset: str | None = None,
               max_bytes: int = DEFAULT_MAX_BYTES) -> RawArticle:
    """Bytes that did not come from a file (an HTTP body), refused for the same reasons a file would be.

    `name` is the source (a URL); `declared_charset` is what the transport said, for `decode` to weigh.
    """
    if len(data) > max_bytes:
        raise InputError(name, f"over the {_size(max_bytes)} limit (--max-bytes)")
    raw = _check(name, data, empty="empty response")
    raw.declared_charset = declared_charset
    return raw


def _check(name: str, data: bytes, empty: str = "empty file") -> RawArticle:
    if _is_blank(data):
        raise InputError(name, empty)
    kind = binary_kind(data)
    if kind:
        raise InputError(name, f"binary file ({kind})")
    return RawArticle(source_path=name, data=data)


# Blank characters beyond ASCII whitespace, in the encodings armswatch reads: the
# ideographic and no-break spaces in UTF-8 and GB18030, and stray UTF-8 BOMs.
_WIDE_BLANKS = (b"\xe3\x80\x80", b"\xc2\xa0", b"\xef\xbb\xbf", b"\xa1\xa1")
_UTF16_BOMS = {b"\xff\xfe": "utf-16-le", b"\xfe\xff": "utf-16-be"}
# Text encodings with NUL bytes in ordinary text, recognisable by their BOM (UTF-32 LE's starts like UTF-16 LE's).
_WIDE_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def _is_blank(data: bytes) -> bool:
    """True for empty and whitespace-only input, in whatever encoding; cheap when the text starts with ASCII."""
    codec = _UTF16_BOMS.get(data[:2])
    if codec:
        # UTF-16 spaces carry NUL bytes, so look at the characters instead.
        return not data[2:].decode(codec, errors="ignore").strip(" \t\r\n\f\v\u3000\xa0\ufeff")
    rest = data.lstrip()
    if not rest or rest[0] < 0x80:
        return not rest
    for blank in _WIDE_BLANKS:
        rest = rest.replace(blank, b"")
    return not rest.strip()


# Magic numbers of the formats most likely to be fed in by mistake: what a
# scraper saves next to articles (images, PDFs, archives, office files) and what
# a glob over the wrong folder picks up (executables, databases).
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"\x28\xb5\x2f\xfd", "a zstd archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\x7fELF", "an ELF executable"),
    (b"MZ", "a Windows executable"),
    (b"\xca\xfe\xba\xbe", "a Java class or Mach-O executable"),
    (b"\xcf\xfa\xed\xfe", "a Mach-O executable"),
    (b"\xce\xfa\xed\xfe", "a Mach-O executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (doc/xls/ppt)"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"\x00\x00\x01\x00", "an icon image"),
    (b"OggS", "an Ogg audio/video file"),
    (b"fLaC", "a FLAC audio file"),
    (b"ID3", "an MP3 audio file"),
    (b"\x1a\x45\xdf\xa3", "a Matroska/WebM video"),
    (b"\x00asm", "a WebAssembly module"),
    (b"wOFF", "a WOFF font"),
    (b"wOF2", "a WOFF2 font"),
)


def binary_kind(data: bytes) -> str | None:
    """Why `data` is not text ("looks like a gzip archive", "NUL bytes in the first 8 KiB"), else None.

    Magic numbers are checked first so the message can say what the file is;
    NUL bytes catch the rest, since no text encoding armswatch reads has them
    (UTF-16 is exempt when it has its BOM, which `decode` relies on).
    """
    head = data[:SNIFF_BYTES]
    for magic, kind in _MAGIC:
        if head.startswith(magic) and _confirm(magic, head):
            return f"looks like {kind}"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        if b"word/" in head:
            return "looks like a Word document (docx, a ZIP archive)"
        if b"xl/" in head:
            return "looks like an Excel workbook (xlsx, a ZIP archive)"
        if b"mimetypeapplication/epub" in head:
            return "looks like an EPUB book (a ZIP archive)"
        return "looks like a ZIP archive"
    if head[:4] == b"RIFF" and len(head) >= 12:
        kind = {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}.get(head[8:12])
        return f"looks like {kind or 'a RIFF media file'}"
    if head[4:8] == b"ftyp":
        return "looks like an MP4/QuickTime media file"
    if len(head) > 262 and head[257:262] == b"ustar":
        return "looks like a tar archive"
    if b"\x00" in head and not head.startswith(_WIDE_BOMS):
        return "NUL bytes in the first 8 KiB"
    return None


def _confirm(magic: bytes, head: bytes) -> bool:
    """Second looks for the magic numbers that are also plausible starts of a text file."""
    if magic == b"BZh":
        return head[3:4].isdigit() and head[4:10] == b"\x31\x41\x59\x26\x53\x59"
    if magic == b"MZ":
        return b"\x00" in head[:64]
    if magic == b"ID3":
        return len(head) > 5 and head[3] < 0x10 and b"\x00" in head[:10]
    return True


def _size(n: int) -> str:
    if n >= 1024 * 1024:
        return f"{n / (1024 * 1024):.1f} MB"
    if n >= 1024:
        return f"{n / 1024:.1f} KB"
    return f"{n} bytes"


def _over_limit(size: int, limit: int) -> str:
    shown, cap = _size(size), _size(limit)
    if shown == cap:
        # Just over the limit: rounded sizes would read "20.0 MB is over the 20.0 MB limit".
        shown, cap = f"{size:,} bytes", f"{limit:,}-byte"
    return f"{shown} is over the {cap} limit (--max-bytes)"
