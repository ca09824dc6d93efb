"""A seeded store made once per session; tests that write get their own copy of it."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

import pytest

warnings.filterwarnings("ignore", message=".*httpx2.*")


@pytest.fixture(scope="session")
def seeded_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tierwatch.statements import open_store

    path = tmp_path_factory.mktemp("api-store") / "store.sqlite"
    open_store(str(path)).engine.dispose()
    return path


@pytest.fixture
def store_copy(seeded_store: Path, tmp_path: Path) -> Path:
    """A private copy of the seeded store, for a test that writes."""
    target = tmp_path / "store.sqlite"
    shutil.copyfile(seeded_store, target)
    return target


@pytest.fixture(scope="session")
def client(seeded_store: Path):
    from fastapi.testclient import TestClient

    from tierwatch.api import create_app

    with TestClient(create_app(str(seeded_store))) as test_client:
        yield test_client
