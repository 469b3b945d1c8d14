"""Stores the export tests read: the seed articles run through the real pipeline, and the hand-built cases."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_cases import hand_documents

from armswatch import batch
from armswatch.store import open_store


@pytest.fixture
def hand_db(tmp_path: Path) -> str:
    """A store holding the hand-built documents."""
    path = str(tmp_path / "hand.db")
    with open_store(path) as store:
        for doc in hand_documents():
            assert store.put(doc)
    return path


@pytest.fixture(scope="session")
def seeds_db(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store of the seed articles, ingested with the default pipeline (once per test session)."""
    path = str(tmp_path_factory.mktemp("seeds") / "seeds.db")
    with open_store(path) as store:
        summary = batch.ingest(store, [str(shared_dir / "corpus" / "seeds")], workers=1)
    assert summary.ingested and not summary.rejected
    return path


@pytest.fixture(params=["hand", "seeds"])
def any_db(request: pytest.FixtureRequest) -> str:
    """Each store in turn: the rules on the hand-built cases, and that they hold on real extractions."""
    return request.getfixturevalue("hand_db" if request.param == "hand" else "seeds_db")
