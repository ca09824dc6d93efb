"""The researcher's round trip: the panel exported (CSV, Parquet, Stata), loaded by pandas,
one row per country-year, unknowns explicit, equal to ``tierwatch year`` for every year; and
the stats commands on it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from tierwatch.placements import all_records
from tierwatch.placements.knowledge import year_view_of
from tierwatch.statements import open_store


def _run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args, "--db", db],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("panel")
    db = str(folder / "kb.sqlite")
    frames = {}
    for fmt, name in (("panel-csv", "panel.csv"), ("panel-parquet", "panel.parquet"),
                      ("stata", "panel.dta")):
        result = _run(db, "export", "--format", fmt, "-o", str(folder / name))
        assert result.returncode == 0, result.stderr
        assert (folder / (Path(name).stem + ".codebook.md")).exists()
    frames["csv"] = pd.read_csv(folder / "panel.csv", keep_default_na=False)
    frames["parquet"] = pd.read_parquet(folder / "panel.parquet")
    frames["stata"] = pd.read_stata(folder / "panel.dta")
    return {"db": db, "folder": folder, "frames": frames}


def test_the_three_formats_hold_the_same_rows(exported: dict[str, Any]) -> None:
    frames = exported["frames"]
    csv_rows = frames["csv"].astype(str).to_dict("records")
    for other in ("parquet", "stata"):
        assert frames[other].astype(str).to_dict("records") == csv_rows, other


def test_one_row_per_country_year_and_every_year_equals_the_year_view(
        exported: dict[str, Any]) -> None:
    frame = exported["frames"]["csv"]
    assert not frame.duplicated(["iso3", "report_year"]).any()
    assert set(frame["basis"]) <= {"stated", "inferred", "deduced", "unknown"}
    records = all_records(open_store(exported["db"]))
    for year in sorted(set(frame["report_year"])):
        view = year_view_of(records, int(year))
        rows = frame[frame["report_year"] == year]
        placed = {(item["code"], tier) for tier, items in view.tiers.items()
                  for item in items}
        assert {(r.iso3, r.tier) for r in rows.itertuples() if r.tier} == placed, year
        deduced = {(item["code"], "|".join(item["possible"])) for item in view.deduced}
        assert {(r.iso3, r.possible) for r in rows.itertuples() if r.basis == "deduced"} == (
            deduced), year
        unknown = {item["code"] for item in view.unknown}
        assert {r.iso3 for r in rows.itertuples() if r.basis == "unknown"} == unknown, year


def test_the_cli_year_view_agrees_for_2024_and_2025(exported: dict[str, Any]) -> None:
    frame = exported["frames"]["csv"]
    for year in (2024, 2025):
        view = json.loads(_run(exported["db"], "year", str(year), "--json").stdout)
        rows = frame[frame["report_year"] == year]
        assert len(rows) == sum(view["counts"].values()) + len(view["deduced"]) + len(
            view["unknown"])
        bolivia = rows[rows["iso3"] == "BOL"].iloc[0] if year == 2024 else None
        if bolivia is not None:
            assert bolivia["basis"] == "deduced" and bolivia["tier"] == ""
            assert bolivia["possible"] == "Tier 2|Special Case"
            assert "factbook-wl-t3:Tier 2 Watch List" in bolivia["deduced_from"]


def test_the_codebook_names_every_column(exported: dict[str, Any]) -> None:
    book = (exported["folder"] / "panel.codebook.md").read_text("utf-8")
    for column in exported["frames"]["csv"].columns:
        assert f"`{column}`" in book
    assert "Coverage rule" in book


def test_two_exports_are_byte_identical(exported: dict[str, Any], tmp_path: Path) -> None:
    for fmt, name in (("panel-csv", "panel.csv"), ("stata", "panel.dta"),
                      ("panel-parquet", "panel.parquet")):
        again = tmp_path / name
        assert _run(exported["db"], "export", "--format", fmt, "-o", str(again)).returncode == 0
        assert again.read_bytes() == (exported["folder"] / name).read_bytes(), fmt


def test_stats_coverage_transitions_regions(exported: dict[str, Any]) -> None:
    db = exported["db"]
    coverage = json.loads(_run(db, "stats", "coverage", "--json").stdout)
    frame = exported["frames"]["csv"]
    by_year = {row["report_year"]: row for row in coverage}
    assert by_year[2025]["deduced"] == int(((frame["report_year"] == 2025)
                                            & (frame["basis"] == "deduced")).sum())
    assert by_year[2025]["countries"] == int((frame["report_year"] == 2025).sum())
    matrix = json.loads(_run(db, "stats", "transitions", "--from", "2024", "--to", "2025",
                             "--json").stdout)
    pairs = frame[frame["report_year"] == 2024].merge(
        frame[frame["report_year"] == 2025], on="iso3")
    assert matrix["pairs"] == len(pairs)
    t1_t2 = int(((pairs["tier_x"] == "Tier 1") & (pairs["tier_y"] == "Tier 2")).sum())
    assert matrix["matrix"]["Tier 1"]["Tier 2"] == t1_t2  # Colombia among them
    europe = json.loads(_run(db, "stats", "transitions", "--region", "Europe",
                             "--json").stdout)
    assert 0 < europe["pairs"] < matrix["pairs"] * 25
    regions = json.loads(_run(db, "stats", "regions", "2025", "--json").stdout)
    assert sum(row["countries"] for row in regions) == by_year[2025]["countries"]
    bad = _run(db, "stats", "transitions", "--region", "Atlantis")
    assert bad.returncode == 2 and bad.stderr.startswith("error: --region")


def test_the_panel_carries_the_decision_log_apart_from_the_record(tmp_path: Path) -> None:
    """A decision for the open year adds its row (the record does not know the year); one for
    a published year sits beside the record in its own columns, tier and basis untouched."""
    db = str(tmp_path / "kb.sqlite")
    decided = _run(db, "decide", "Nepal", "--year", "2026", "--tier", "2", "--author",
                   "A. Analyst", "--justification", "new prosecutions")
    assert decided.returncode == 0, decided.stderr
    against = _run(db, "decide", "Nepal", "--year", "2020", "--tier", "3", "--author",
                   "B. Analyst", "--justification", "a reading of the chapter",
                   "--against-record")
    assert against.returncode == 0, against.stderr
    for fmt, name in (("panel-csv", "p.csv"), ("stata", "p.dta")):
        result = _run(db, "export", "--format", fmt, "-o", str(tmp_path / name))
        assert result.returncode == 0, result.stderr
    frame = pd.read_csv(tmp_path / "p.csv", keep_default_na=False, dtype=str)
    nepal = frame[frame["iso3"] == "NPL"].set_index("report_year")
    assert nepal.loc["2026", "decision_tier"] == "Tier 2"
    assert nepal.loc["2026", "decision_author"] == "A. Analyst"
    assert nepal.loc["2026", "decision_against_record"] == "no"
    assert nepal.loc["2026", "tier"] == "" and nepal.loc["2026", "basis"] == "unknown"
    assert nepal.loc["2020", "decision_tier"] == "Tier 3"
    assert nepal.loc["2020", "decision_against_record"] == "yes"
    assert nepal.loc["2020", "tier"] != "Tier 3"  # the record keeps its own placement
    assert (frame["decision_tier"] != "").sum() == 2
    book = (tmp_path / "p.codebook.md").read_text(encoding="utf-8")
    assert "- rows with a decision: 2" in book
    assert "- of which against the published record: 1" in book
    stata = pd.read_stata(tmp_path / "p.dta")
    assert (stata["decision_tier"] != "").sum() == 2
