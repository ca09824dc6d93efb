"""The dashboard's fixtures: one seeded store and one application for the module."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from tierwatch.api import create_app


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store seeded with the data that ships with tierwatch (made on first open)."""
    from tierwatch.statements import open_reader

    path = tmp_path_factory.mktemp("web") / "kb.sqlite"
    open_reader(str(path))
    return str(path)


@pytest.fixture(scope="session")
def app(web_store: str):
    """One application for the ASGI tests and the browser's server: pages are prepared once."""
    return create_app(web_store)


@pytest.fixture(scope="session")
def client(app) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="session")
def reader(web_store: str):
    from tierwatch.statements import open_reader

    return open_reader(web_store)


@pytest.fixture(scope="session")
def fetch(client: TestClient):
    """GET through the client once per address (pages are pure functions of the data)."""
    answers: dict[str, object] = {}

    def get(path: str):
        if path not in answers:
            answers[path] = client.get(path)
        return answers[path]

    return get


@pytest.fixture()
def geometry() -> Path:
    """The installed world-atlas package (skips, naming the install command, without it)."""
    from tierwatch.web.geometry import INSTALL_LINE, assets_dir

    path = Path(assets_dir()) / "node_modules" / "world-atlas"
    if not (path / "countries-110m.json").is_file():
        pytest.skip(f"world-atlas not installed: {INSTALL_LINE}")
    return path


@pytest.fixture(scope="module")
def recording_store(web_store: str, tmp_path_factory: pytest.TempPathFactory):
    """A private copy of the seeded store (decisions are written to it) with an analyst
    token made in it: the path and the token's secret."""
    import shutil

    from tierwatch.access import create_token
    from tierwatch.statements import open_store

    path = tmp_path_factory.mktemp("web-recording") / "kb.sqlite"
    shutil.copyfile(web_store, path)
    store = open_store(str(path))
    _, secret = create_token(store, "Ana Analyst", "analyst", "test")
    store.engine.dispose()
    return str(path), secret


@pytest.fixture(scope="module")
def recording_app(recording_store):
    return create_app(recording_store[0])


@pytest.fixture(scope="session")
def stored_rows():
    """The rows a refused recording must leave as they were, of the store at a path."""
    import sqlite3

    def rows(path: str) -> dict[str, list[tuple[object, ...]]]:
        with sqlite3.connect(path) as connection:
            return {table: connection.execute(f"SELECT * FROM {table}").fetchall()
                    for table in ("decisions", "evidence", "write_audit", "statements")}

    return rows
