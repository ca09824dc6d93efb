"""Fixtures of the reading tests: the project's own test texts (written for these tests)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tierwatch.reading import lexicon

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture(scope="session")
def fixtures_dir() -> Path:
    return FIXTURES


@pytest.fixture()
def plain_paths() -> Iterator[None]:
    """Every pattern run the plain way (no folding, screen or gate), then the fast paths back."""
    lexicon.FAST_PATHS = False
    try:
        yield
    finally:
        lexicon.FAST_PATHS = True
