"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest

# The shared corpus and evaluation files live beside the project, not in it, so a
# checkout without them still runs every test that does not need them.
SHARED_DIR = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The `shared` folder beside the project root; skips the test when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED_DIR}, which is absent")
    return SHARED_DIR
