"""Fixtures of the store tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from armswatch.store import open_store


@pytest.fixture
def store(tmp_path: Path):
    """A new SQLite store in a temporary folder, closed after the test (a test's own `store` wins)."""
    opened = open_store(tmp_path / "store.db")
    yield opened
    opened.close()
