"""The law's words in every view (issue 11, rows 1, 2, 6, 7, 11 and 14), as a user runs the
commands, on a store of statements written here (histories shaped like Nepal's, Vanuatu's,
Djibouti's and Chad's; the waiver list is complete only for the years it says)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tierwatch.cli import cli
from tierwatch.statements import SourceInfo, Statement, open_store

LIST = SourceInfo(id="case-tiers", title="case tier list", kind="dataset", date="2026-01-01")
WAIVERS = SourceInfo(id="case-waivers", title="case waiver lists", kind="dataset",
                     date="2025-01-01", extra={"complete_years": "2021,2022,2023,2024"})

WL, T2, T3 = "Tier 2 Watch List", "Tier 2", "Tier 3"
HISTORIES = {
    # two watch-list years, one waiver left: the 2026 watch list only with a waiver
    "NPL": {2021: T2, 2022: T2, 2023: T2, 2024: WL, 2025: WL},
    # a third watch-list year in 2025, whose waiver no complete list records
    "VUT": {2021: T2, 2022: T2, 2023: WL, 2024: WL, 2025: WL},
    # downgraded in 2023 after a full run, back on the watch list in 2025
    "DJI": {2020: T2, 2021: WL, 2022: WL, 2023: T3, 2024: T3, 2025: WL},
    # downgraded in 2023, one watch-list year in 2024, Tier 3 again in 2025
    "TCD": {2020: WL, 2021: WL, 2022: WL, 2023: T3, 2024: WL, 2025: T3},
}
WAIVED = [("TCD", 2022)]


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("views") / "kb.sqlite")
    store = open_store(path, seed=False)
    statements = [
        Statement(country=code, report_year=year, prop="tier", value=tier,
                  claimant="US Department of State", source="case-tiers",
                  locator=f"{code} {year}")
        for code, years in HISTORIES.items() for year, tier in years.items()
    ]
    statements += [
        Statement(country=code, report_year=year, prop="waiver", value="granted",
                  claimant="US Department of State", source="case-waivers",
                  locator=f"{code} {year}")
        for code, year in WAIVED
    ]
    store.add(statements, [LIST, WAIVERS])
    store.engine.dispose()
    return path


def run(db: str, *args: str) -> str:
    result = CliRunner().invoke(cli, [*args, "--db", db])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_row_1_the_key_sentence_of_a_watch_list_country_is_never_empty(db: str) -> None:
    last = run(db, "country", "Nepal").strip().splitlines()[-1]
    assert last.startswith("Next report (2026): 2 consecutive Tier 2 Watch List years "
                           "(2024-2025), 1 waiver left")
    assert "Tier 3 forced in 2027 unless it moves up." in last
    assert "(2026): ." not in last


def test_row_2_an_unrecorded_waiver_gives_one_consistent_clock(db: str) -> None:
    text = run(db, "clock", "--country", "Vanuatu", "--year", "2026")
    assert "unless a waiver is granted" not in text
    assert "Tier 3 forced in: none" not in text
    assert ("Tier 3 is forced in 2026 or 2027 unless the country moves up, depending on "
            "whether 2025 had a waiver (not recorded).") in text
    summary = json.loads(run(db, "clock", "--country", "Vanuatu", "--year", "2026",
                             "--json"))["lawful_summary"]
    assert summary == ("Tier 1, Tier 2, Tier 3; lawful or not depending on whether 2025 had a "
                       "waiver (not recorded): Tier 2 Watch List")
    assert f"Lawful placements in 2026: {summary}." in text  # the phrase every view prints
    assert "Lawful or not depending on" not in text
    why = text.split("Why:")[1]  # each reading's sentence says under which it holds
    assert "No waiver is left for 2026: 1 of 1 used in this run, if 2025 had a waiver." in why
    assert ("A waiver can keep it on Tier 2 Watch List in 2026: 0 of 1 waiver year used in "
            "this run, if 2025 had no waiver.") in why
    assert "Tier 2 Watch List lawful only if 2025 had no waiver." in why
    answer = json.loads(run(db, "clock", "--country", "Vanuatu", "--year", "2026", "--json"))
    assert (answer["tier3_forced_in_earliest"], answer["tier3_forced_in_latest"]) == (2026, 2027)
    assert answer["uncertain_placements"] == [WL]


def test_row_6_a_refusal_under_the_one_year_limit_cites_it(db: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["decide", "Djibouti", "--year", "2026", "--tier", "2WL",
                                      "--waiver", "--author", "X", "--justification", "y",
                                      "--db", db])
    assert result.exit_code == 2
    assert "one-year limit after a downgrade" in result.stderr
    assert "§110(b)(2)(F)" in result.stderr and "(D)(i)" not in result.stderr
    answer = json.loads(run(db, "clock", "--country", "Djibouti", "--year", "2026", "--json"))
    assert answer["excluded"][WL]["rule"] == "post_downgrade_limit"


def test_row_7_a_forced_downgrade_names_the_rule_that_forced_it(db: str) -> None:
    view = json.loads(run(db, "year", "2025", "--json"))
    chad = next(item for item in view["forced_downgrades"] if item["code"] == "TCD")
    assert chad["rule"] == "post_downgrade_limit"
    assert "automatic downgrade" not in chad["reason"]
    assert "one-year limit after a downgrade" in chad["reason"]
    assert "§110(b)(2)(F)" in chad["citation"]
    text = run(db, "year", "2025")
    assert "Chad: Tier 2 Watch List -> Tier 3 (back on Tier 2 Watch List after the downgrade " \
           "of 2023: the one-year limit" in text


def test_row_11_what_if_words_are_true_of_the_assumed_placement(db: str) -> None:
    text = run(db, "whatif", "Nepal", "--assume", "2026=3")
    line = next(line for line in text.splitlines() if line.strip().startswith("2026:"))
    assert "forced in 2027" not in line
    answer = json.loads(run(db, "whatif", "Nepal", "--assume", "2026=3", "--json"))
    assert answer["years"][0]["outlook"] == ("Tier 3 in 2026: no watch-list run continues, "
                                              "no Tier 3 forced after it")
    watch = json.loads(run(db, "whatif", "Nepal", "--assume", "2027=2WL", "--json"))
    assert watch["years"][0]["recorded_placement"] == WL
    assert watch["years"][0]["consequences"] is None


def test_a_placement_an_unknown_year_leaves_open_is_never_shown_as_unlawful(db: str) -> None:
    """Vanuatu's 2026 watch list depends on 2025's unrecorded waiver; Nepal's 2027 watch list
    on its unknown 2026: every view says "depending on", none drops the watch list."""
    last = run(db, "country", "Vanuatu").strip().splitlines()[-1]
    assert last.endswith("Lawful placements: Tier 1, Tier 2, Tier 3; lawful or not depending "
                         "on whether 2025 had a waiver (not recorded): Tier 2 Watch List.")
    text = run(db, "whatif", "Nepal", "--assume", "2027=2WL")
    line = next(line for line in text.splitlines() if line.strip().startswith("2027:"))
    assert "lawful or not depending on 2026 unknown: Tier 2 Watch List" in line
    assert "unknown (lawful or unlawful depending on 2026" in line
    answer = json.loads(run(db, "whatif", "Nepal", "--assume", "2027=2WL", "--json"))
    assert answer["years"][0]["uncertain_placements"] == [WL]


def test_row_14_python_m_tierwatch_runs_the_command() -> None:
    done = subprocess.run([sys.executable, "-m", "tierwatch", "--version"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("tierwatch, version ")
