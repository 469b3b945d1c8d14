"""Fixtures shared by the whole suite."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests.serving import MAX_UPLOAD, TOKEN, Server, build_store, start_server, stop_server

# The shared corpus and evaluation files live beside the project, not in it, so a
# checkout without them still runs every test that does not need them.
SHARED_DIR = (Path(__file__).resolve().parents[1] / ".." / "shared").resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The `shared` folder beside the project root; skips the test when it is absent."""
    if not SHARED_DIR.is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED_DIR}, which is absent")
    return SHARED_DIR


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    """The store every serving test reads (see tests/serving.py)."""
    return build_store(tmp_path_factory.mktemp("web") / "web.db")


@pytest.fixture(scope="session")
def server(store_path) -> Server:
    """A server with uploads enabled (token, small upload limit); its store is shared, so uploads add to it."""
    base, proc = start_server(store_path, "--upload-token", TOKEN, "--max-upload-bytes", str(MAX_UPLOAD))
    yield Server(base, store_path)
    stop_server(proc)
