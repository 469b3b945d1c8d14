"""Finding inputs and loading their bytes: what is accepted, and the reason given for what is not."""

from __future__ import annotations

import gzip
import io
import os
import random
from pathlib import Path

import pytest

from armswatch.errors import InputError
from armswatch.ingest.source import DEFAULT_MAX_BYTES, RawArticle, iter_inputs, load

ARTICLE = "美国国防部周三宣布，将向台湾出售海马斯多管火箭系统。\n".encode()


def _rejected(path: Path | str, **kwargs) -> InputError:
    with pytest.raises(InputError) as info:
        load(str(path), **kwargs)
    return info.value


def _assert_names(exc: InputError, path: Path, reason: str) -> None:
    """The message must let a user find the file and know what is wrong with it."""
    assert path.name in str(exc)
    assert reason in exc.reason
    assert reason in str(exc)


# --- load: accepted inputs ---------------------------------------------------------------------------------------

def test_load_returns_the_bytes_unchanged(tmp_path: Path):
    path = tmp_path / "新闻 稿.md"
    data = b"\xef\xbb\xbf" + ARTICLE + b"\r\n"
    path.write_bytes(data)
    raw = load(str(path))
    assert raw == RawArticle(source_path=str(path), data=data)


def test_load_accepts_utf16_with_bom_despite_its_nul_bytes(tmp_path: Path):
    path = tmp_path / "utf16.txt"
    path.write_bytes("核试验 test\n".encode("utf-16"))
    assert load(path).data.startswith(b"\xff\xfe")


def test_load_reads_stdin_binary_buffer():
    raw = load("-", stdin=io.BytesIO(ARTICLE))
    assert raw.source_path == "<stdin>"
    assert raw.data == ARTICLE


def test_load_reads_the_buffer_under_a_text_stdin():
    text_stream = io.TextIOWrapper(io.BytesIO(ARTICLE), encoding="ascii")
    assert load("-", stdin=text_stream).data == ARTICLE


# --- load: rejected inputs ---------------------------------------------------------------------------------------

def test_missing_file(tmp_path: Path):
    path = tmp_path / "不存在.md"
    _assert_names(_rejected(path), path, "no such file")


def test_directory(tmp_path: Path):
    path = tmp_path / "folder"
    path.mkdir()
    _assert_names(_rejected(path), path, "is a directory")


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root can read any file")
def test_unreadable_file(tmp_path: Path):
    path = tmp_path / "secret.md"
    path.write_bytes(ARTICLE)
    path.chmod(0)
    _assert_names(_rejected(path), path, "permission denied")


def test_over_the_default_limit_rejected_and_custom_limit_accepts(tmp_path: Path):
    path = tmp_path / "huge log.txt"
    line = ("核武器 " * 100 + "\n").encode()
    size = 25 * 1024 * 1024
    path.write_bytes(line * (size // len(line)) + b"x" * (size % len(line)))
    assert path.stat().st_size == size
    _assert_names(_rejected(path), path, "25.0 MB is over the 20.0 MB limit (--max-bytes)")
    assert len(load(path, max_bytes=30 * 1024 * 1024).data) == size


def test_just_over_a_limit_gives_exact_sizes(tmp_path: Path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"x" * (DEFAULT_MAX_BYTES // 1000 + 1))
    exc = _rejected(path, max_bytes=DEFAULT_MAX_BYTES // 1000)
    _assert_names(exc, path, "20,972 bytes is over the 20,971-byte limit")


def test_stdin_over_the_limit():
    exc = _rejected("-", max_bytes=1024, stdin=io.BytesIO(b"a" * 1025))
    assert exc.source == "<stdin>"
    assert "over the 1.0 KB limit (--max-bytes)" in str(exc)


def test_empty_file(tmp_path: Path):
    path = tmp_path / "empty.md"
    path.write_bytes(b"")
    _assert_names(_rejected(path), path, "empty file")


def test_whitespace_only_file(tmp_path: Path):
    path = tmp_path / "blank.txt"
    path.write_bytes(" \r\n\t\n\u3000\u3000\xa0\n".encode())
    _assert_names(_rejected(path), path, "empty file")


def test_whitespace_only_utf16(tmp_path: Path):
    path = tmp_path / "blank16.txt"
    path.write_bytes(" \n\u3000\n".encode("utf-16"))
    _assert_names(_rejected(path), path, "empty file")


def test_png(tmp_path: Path):
    path = tmp_path / "photo.md"
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(range(256)))
    _assert_names(_rejected(path), path, "binary file (looks like a PNG image)")


def test_gzip(tmp_path: Path):
    path = tmp_path / "feed.xml.gz"
    path.write_bytes(gzip.compress(ARTICLE * 20))
    _assert_names(_rejected(path), path, "binary file (looks like a gzip archive)")


def test_docx_named_as_such(tmp_path: Path):
    path = tmp_path / "report.txt"
    path.write_bytes(b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00word/document.xml" + b"\x00" * 40)
    _assert_names(_rejected(path), path, "Word document")


def test_random_bytes_with_nuls(tmp_path: Path):
    path = tmp_path / "noise.bin"
    data = bytearray(random.Random(7).randbytes(4096))
    data[0:1] = b"A"  # no accidental magic number: this is the NUL check's case
    data[100] = 0
    path.write_bytes(bytes(data))
    _assert_names(_rejected(path), path, "binary file (NUL bytes in the first 8 KiB)")


def test_text_starting_like_a_magic_number_is_not_binary(tmp_path: Path):
    path = tmp_path / "mz.txt"
    path.write_bytes(b"MZ-9 \xe5\xaf\xbc\xe5\xbc\xb9\n" + ARTICLE)
    assert load(path).data.startswith(b"MZ-9")


# --- iter_inputs --------------------------------------------------------------------------------------------------

@pytest.fixture
def tree(tmp_path: Path) -> Path:
    """A corpus folder with hidden files and folders, spaces and CJK in names."""
    root = tmp_path / "corpus"
    for rel in ("b.md", "a.md", "子目录 一/新闻 1.md", "子目录 一/z.txt", "sub/deep/x.md",
                ".hidden.md", ".git/config.md", "sub/.cache/y.md"):
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(ARTICLE)
    return root


def _rel(paths, root: Path) -> list[str]:
    return [Path(p).relative_to(root).as_posix() for p in paths]


def test_folder_recursive_sorted_without_hidden(tree: Path):
    found = list(iter_inputs([str(tree)]))
    assert _rel(found, tree) == ["a.md", "b.md", "sub/deep/x.md", "子目录 一/z.txt", "子目录 一/新闻 1.md"]


def test_folder_not_recursive(tree: Path):
    assert _rel(iter_inputs([str(tree)], recursive=False), tree) == ["a.md", "b.md"]


def test_glob(tree: Path):
    assert _rel(iter_inputs([str(tree / "*.md")]), tree) == ["a.md", "b.md"]


def test_double_star_glob(tree: Path):
    found = _rel(iter_inputs([str(tree / "**" / "*.md")]), tree)
    assert found == ["a.md", "b.md", "sub/deep/x.md", "子目录 一/新闻 1.md"]


def test_glob_matching_folders_yields_their_files(tree: Path):
    assert _rel(iter_inputs([str(tree / "子*")]), tree) == ["子目录 一/z.txt", "子目录 一/新闻 1.md"]


def test_explicit_names_kept_as_given_and_in_order(tree: Path):
    hidden = str(tree / ".hidden.md")
    spaced = str(tree / "子目录 一" / "新闻 1.md")
    assert list(iter_inputs([spaced, "-", hidden])) == [spaced, "-", hidden]


def test_missing_path_and_unmatched_glob_are_passed_on(tmp_path: Path):
    missing = str(tmp_path / "nope.md")
    pattern = str(tmp_path / "*.none")
    assert list(iter_inputs([missing, pattern])) == [missing, pattern]
    with pytest.raises(InputError, match="no such file"):
        load(pattern)


def test_stdin_dash():
    assert list(iter_inputs(["-"])) == ["-"]
