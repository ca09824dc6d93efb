"""Shared test fixtures: where ../shared is, and the rule for tests that need outside tools."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("TIERWATCH_SHARED", REPO.parent / "shared")).resolve()


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder beside the clone (CI has it); tests that read it skip without it."""
    if not SHARED.is_dir():
        pytest.skip(f"no shared folder at {SHARED}")
    return SHARED


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "seeds"


@pytest.fixture(scope="session")
def tip_data_dir(shared_dir: Path) -> Path:
    return shared_dir / "data" / "tip"


def require_tool(name: str) -> str:
    """Path of an outside program (chromium, pdftoppm). Skips without it, except in CI where
    TIERWATCH_REQUIRE_BROWSER=1 makes its absence a failure, so a green run cannot hide it."""
    path = shutil.which(name)
    if path:
        return path
    if os.environ.get("TIERWATCH_REQUIRE_BROWSER") == "1":
        pytest.fail(f"{name} is required (TIERWATCH_REQUIRE_BROWSER=1) but not installed")
    pytest.skip(f"{name} not installed")


@pytest.fixture(scope="session")
def tool_path() -> object:
    """``require_tool`` as a fixture: ``tool_path("chromium")``."""
    return require_tool


def wipe_postgres(url: str) -> str:
    """Empty the test PostgreSQL database: its whole public schema (tables, triggers and the
    functions migrations create), so each test starts from a new database whatever ran before."""
    import sqlalchemy as sa

    engine = sa.create_engine(url)
    with engine.begin() as connection:
        connection.execute(sa.text("DROP SCHEMA IF EXISTS public CASCADE"))
        connection.execute(sa.text("CREATE SCHEMA public"))
    engine.dispose()
    return url
