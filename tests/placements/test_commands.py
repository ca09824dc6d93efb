"""The look-up commands as a user runs them: ``country``, ``year``, ``conflicts``, ``audit``,
``clock --country``, on a store of statements written here, and their bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tierwatch.statements import SourceInfo, Statement, open_store

SOURCE = SourceInfo(id="case-list", title="cases", kind="dataset", date="2020-01-01")
OTHER = SourceInfo(id="other-list", title="another copy of the lists", kind="transcription",
                   date="2023-01-01")  # a document read would not enter the record
WAIVERS = SourceInfo(id="case-waivers", title="waiver lists", kind="dataset",
                     date="2022-01-01", extra={"complete_years": "2019,2020,2021"})


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args],
                          capture_output=True, text=True, check=False)


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "kb.sqlite")
    store = open_store(path, seed=False)
    rows = [("KHM", 2019, "Tier 2 Watch List"), ("KHM", 2020, "Tier 2 Watch List"),
            ("KHM", 2021, "Tier 2 Watch List"), ("KHM", 2022, "Tier 3"),
            ("THA", 2021, "Tier 2 Watch List"), ("THA", 2022, "Tier 2"),
            ("KHM", 2022, "Tier 2")]
    statements = [Statement(country=c, report_year=y, prop="tier", value=v,
                            claimant="TIP report", source="case-list", locator=f"row {n}")
                  for n, (c, y, v) in enumerate(rows, start=1)]
    statements[-1] = Statement(country="KHM", report_year=2022, prop="tier", value="Tier 2",
                               claimant="TIP report", source="other-list",
                               locator="row 10", confidence=0.7)
    statements.append(Statement(country="KHM", report_year=2021, prop="waiver", value="granted",
                                claimant="US Department of State", source="case-waivers",
                                locator="row 1"))
    store.add(statements, [SOURCE, OTHER, WAIVERS])
    return path


def test_country_json_lists_placements_with_sources_and_unknowns(db: str) -> None:
    result = run("country", "cambodia", "--json", "--db", db)
    assert result.returncode == 0, result.stderr
    profile = json.loads(result.stdout)
    by_year = {row["report_year"]: row for row in profile["placements"]}
    assert by_year[2022]["tier"] == "Tier 3"
    assert by_year[2022]["sources"][0]["source"] == "case-list"
    assert by_year[2022]["conflict"] == ["Tier 3", "Tier 2"]
    assert by_year[2018]["tier"] is None and by_year[2018]["sources"] == []
    assert by_year[2022]["consequences"]["fiscal_year"] == 2023
    assert profile["conflicts"][0]["report_year"] == 2022


def test_country_text_says_unknown_and_the_conflict(db: str) -> None:
    result = run("country", "KHM", "--db", db)
    assert result.returncode == 0, result.stderr
    assert "2018  unknown" in result.stdout
    assert "sources disagree: Tier 3 / Tier 2" in result.stdout


def test_year_groups_by_tier_with_moves(db: str) -> None:
    result = run("year", "2022", "--json", "--db", db)
    view = json.loads(result.stdout)
    assert view["counts"]["Tier 3"] == 1 and view["counts"]["Tier 2"] == 1
    assert [item["country"] for item in view["upgrades"]] == ["Thailand"]
    assert [item["country"] for item in view["downgrades"]] == ["Cambodia"]


def test_clock_reads_the_country_history(db: str) -> None:
    result = run("clock", "--country", "Cambodia", "--year", "2022", "--json", "--db", db)
    answer = json.loads(result.stdout)
    assert answer["watch_list_years"] == 3 and answer["tier3_forced_in"] == 2022


@pytest.mark.parametrize(("args", "message"), [
    (("country", "Atlantis"), "Atlantis"),
    (("year", "1999"), "1999"),
    (("year", "2026"), "2026"),
    (("clock", "--year", "2022"), "--history or --country"),
])
def test_bad_input_is_one_line_and_exit_2(db: str, args: tuple[str, ...], message: str) -> None:
    result = run(*args, "--db", db)
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_conflicts_and_audit_answer(db: str) -> None:
    conflicts = json.loads(run("conflicts", "--json", "--db", db).stdout)
    assert [(c["country"], c["report_year"]) for c in conflicts] == [("Cambodia", 2022)]
    audit = json.loads(run("audit", "--json", "--db", db).stdout)
    assert sum(audit["counts"].values()) == 6


def test_sources_lists_what_the_statements_come_from(db: str) -> None:
    listed = json.loads(run("sources", "--json", "--db", db).stdout)
    assert [source["id"] for source in listed] == ["case-list", "case-waivers", "other-list"]
    assert listed[1]["extra"] == {"complete_years": "2019,2020,2021"}
