"""Exports are written whole or not at all: a failure leaves the earlier file and no temporary one."""

from __future__ import annotations

from pathlib import Path

import pytest

from armswatch.export.files import ExportError, atomic_path, open_output, output_dir


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_finished_file_replaces_the_old_one(tmp_path: Path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with open_output(str(target)) as sink:
        sink.write("新的\n")
        assert target.read_text(encoding="utf-8") == "old\n"  # not yet: the new one is still a temporary file
    assert target.read_text(encoding="utf-8") == "新的\n"
    assert leftovers(tmp_path) == []


def test_a_failed_write_keeps_the_old_file_and_leaves_no_temporary_one(tmp_path: Path):
    target = tmp_path / "out.graphml"
    target.write_bytes(b"old")

    class Boom(Exception):
        pass

    with pytest.raises(Boom), open_output(str(target), binary=True) as sink:
        sink.write(b"half a graph")
        raise Boom
    assert target.read_bytes() == b"old"
    assert leftovers(tmp_path) == []
    with pytest.raises(Boom), atomic_path(tmp_path / "never.csv"):
        raise Boom
    assert not (tmp_path / "never.csv").exists() and leftovers(tmp_path) == []


def test_missing_folders_are_created_and_unwritable_ones_named(tmp_path: Path):
    with open_output(str(tmp_path / "a" / "b" / "out.jsonl")) as sink:
        sink.write("x")
    assert (tmp_path / "a" / "b" / "out.jsonl").read_text() == "x"
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(ExportError, match=f"cannot create the folder {blocker}"), \
            open_output(str(blocker / "out.jsonl")):
        pass
    with pytest.raises(ExportError, match="is a directory"), open_output(str(tmp_path)):
        pass


def test_output_dir_wants_a_directory(tmp_path: Path):
    assert output_dir(str(tmp_path / "new"), "csv").is_dir()
    (tmp_path / "taken").write_text("")
    with pytest.raises(ExportError, match="is a file; csv writes one file per kind"):
        output_dir(str(tmp_path / "taken"), "csv")
    with pytest.raises(ExportError, match="not '-'"):
        output_dir("-", "parquet")
