"""Cho's 3P policy scores in ``tierwatch country`` and the global law-enforcement table in
``tierwatch world``, from the shipped data, checked against the public files themselves."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.sources import read_source

PANEL = "cho_kelley_tiers_3p_1999-2014.csv"


def _run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args, "--db", db],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("p3") / "kb.sqlite")


def test_country_shows_the_3p_scores_of_the_panel(db: str, tip_data_dir: Path) -> None:
    with (tip_data_dir / PANEL).open(encoding="utf-8") as handle:
        rows = {int(r["report_year"]): r for r in csv.DictReader(handle)
                if r["country"] == "Cambodia"}
    profile = json.loads(_run(db, "country", "Cambodia", "--json").stdout)
    by_year = {row["report_year"]: row for row in profile["placements"]}
    for year in (2005, 2013):
        p3 = by_year[year]["p3"]
        assert p3["prosecution"] == int(float(rows[year]["p3_prosecution"]))
        assert p3["total"] == int(float(rows[year]["p3_total"]))
    assert by_year[2020]["p3"] is None  # the index ends with 2014
    assert "3P policy scores (Cho, 1-5): prosecution" in _run(db, "country", "Cambodia").stdout


def test_world_shows_the_law_enforcement_table(db: str, tip_data_dir: Path) -> None:
    with (tip_data_dir / "tip_global_law_enforcement_2003-2015.csv").open() as handle:
        table = {int(r["Year"]): r for r in csv.DictReader(handle)}
    rows = json.loads(_run(db, "world", "--json").stdout)
    by_counted = {int(row["counted_year"]): row for row in rows}
    assert sorted(by_counted) == sorted(table)
    assert by_counted[2010]["convictions"] == int(table[2010]["Convictions"])
    assert by_counted[2010]["report_year"] == 2011
    assert "victims identified (labour)" not in by_counted[2003]  # blank stays blank
    assert "Global law enforcement" in _run(db, "world").stdout


def test_a_3p_score_out_of_range_or_a_wrong_total_is_refused(tmp_path: Path) -> None:
    header = ("country,iso3,cow_code,report_year,tier_code,tier_label,p3_prosecution,"
              "p3_protection,p3_prevention,p3_total\n")
    path = tmp_path / PANEL
    path.write_text(header + "Armenia,ARM,371,2005,2.0,Tier 2,6.0,3.0,3.0,12.0\n")
    with pytest.raises(InvalidInputError, match="p3_prosecution '6.0' is not a whole score"):
        read_source(path)
    path.write_text(header + "Armenia,ARM,371,2005,2.0,Tier 2,4.0,3.0,3.0,11.0\n")
    with pytest.raises(InvalidInputError, match="not the sum"):
        read_source(path)
