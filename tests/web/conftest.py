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
