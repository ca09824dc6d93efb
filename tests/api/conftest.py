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


@pytest.fixture
def api(store_copy: Path):
    """A client on a private store copy with an analyst's and an admin's token: (client,
    headers by role, the store's path)."""
    from fastapi.testclient import TestClient

    from tierwatch.access import create_token
    from tierwatch.api import create_app
    from tierwatch.statements import open_store

    store = open_store(str(store_copy))
    _, analyst = create_token(store, "Ana Analyst", "analyst", "test")
    _, admin = create_token(store, "Adam Admin", "admin", "test")
    store.engine.dispose()
    with TestClient(create_app(str(store_copy))) as client:
        yield client, {"analyst": {"Authorization": f"Bearer {analyst}"},
                       "admin": {"Authorization": f"Bearer {admin}"}}, store_copy
