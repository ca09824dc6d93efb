"""A small store written here (two countries, two sources that disagree once, a figure) and
an in-process runner of the ``tierwatch`` command."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tierwatch.cli import cli
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.importing import Batch

LISTS = SourceInfo(id="case-lists", title="tier lists written for the tests", kind="dataset",
                   date="2024-07-01")
COPY = SourceInfo(id="case-copy", title="a second copy of the lists", kind="transcription",
                  date="2024-08-01")
TIERS = [("KHM", 2021, "Tier 2 Watch List"), ("KHM", 2022, "Tier 2 Watch List"),
         ("KHM", 2023, "Tier 2 Watch List"), ("KHM", 2024, "Tier 3"),
         ("THA", 2023, "Tier 2 Watch List"), ("THA", 2024, "Tier 2")]


def case_statements() -> list[Statement]:
    rows = [Statement(country=code, report_year=year, prop="tier", value=tier,
                      claimant="TIP report", source=LISTS.id, locator=f"row {number}")
            for number, (code, year, tier) in enumerate(TIERS, start=1)]
    rows.append(Statement(country="KHM", report_year=2024, prop="tier", value="Tier 2 Watch List",
                          claimant="TIP report", source=COPY.id, locator="row 4",
                          confidence=0.7))
    rows.append(Statement(country="KHM", report_year=2024, prop="convictions", value="12",
                          claimant="Government of Cambodia", source=COPY.id,
                          locator="row 9", period="2023"))
    return rows


@pytest.fixture
def case_batch() -> Batch:
    return Batch("cases", tuple(case_statements()), (LISTS, COPY))


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "cases.sqlite")
    store = open_store(path, seed=False)
    store.add(case_statements(), [LISTS, COPY])
    store.engine.dispose()
    return path


def run_tierwatch(*args: str, env: dict[str, str] | None = None) -> Result:
    """``tierwatch ARGS`` in this process; ``TIERWATCH_DB`` unset unless ``env`` gives it."""
    environment: dict[str, str | None] = {"TIERWATCH_DB": None, **(env or {})}
    return CliRunner().invoke(cli, list(args), env=environment)


@pytest.fixture
def invoke() -> Callable[..., Result]:
    return run_tierwatch
