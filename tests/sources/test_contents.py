"""What the importers make of the public files: counts as PROVENANCE states them, unknowns left
out, names read by name, claimants and confidences by each row's basis, and stable output.

The files are read from ../shared through the ``tip_data_dir`` fixture; expected counts are
the ones the source descriptions state, and per-row checks are computed from the file itself.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

from tierwatch.sources import KINDS, ImportBatch, read_folder, read_source
from tierwatch.statements.model import Statement


@pytest.fixture(scope="module")
def batches(tip_data_dir: Path) -> dict[str, ImportBatch]:
    return {batch.kind: batch for batch in read_folder(tip_data_dir)}


def _rows(folder: Path, name: str) -> list[dict[str, str]]:
    with (folder / name).open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _tiers(batch: ImportBatch) -> Counter[tuple[int | None, str]]:
    return Counter((s.report_year, s.value) for s in batch.statements if s.prop == "tier")


def _one(batch: ImportBatch, country: str, year: int, prop: str = "tier") -> Statement:
    found = [s for s in batch.statements
             if (s.country, s.report_year, s.prop) == (country, year, prop)]
    assert len(found) == 1, (batch.kind, country, year, found)
    return found[0]


def test_the_kinds_are_the_source_ids(batches: dict[str, ImportBatch]) -> None:
    assert sorted(KINDS) == sorted(batches)
    assert all(batch.source.id == kind for kind, batch in batches.items())


@pytest.mark.parametrize(("kind", "year", "counts"), [
    ("tiers-2021-list-pages", 2021, {"Tier 1": 28, "Tier 2": 95, "Tier 2 Watch List": 45,
                                     "Tier 3": 17, "Special Case": 3}),
    ("factbook-wl-t3", 2020, {"Tier 2 Watch List": 44, "Tier 3": 19}),
    ("factbook-wl-t3", 2025, {"Tier 2 Watch List": 25, "Tier 3": 20, "Special Case": 4}),
    ("sure2018-wikipedia", 2016, {"Tier 1": 34, "Tier 2": 78, "Tier 2 Watch List": 41,
                                  "Tier 3": 26}),
    ("tiers-2015", 2015, {"Tier 1": 30, "Tier 2": 89, "Tier 2 Watch List": 44, "Tier 3": 23,
                          "Special Case": 1}),
    ("chapters-2022", 2022, {"Tier 1": 29, "Tier 2": 91, "Special Case": 3}),
    ("chapters-2019", 2019, {"Tier 1": 33, "Tier 2": 90, "Tier 2 Watch List": 33, "Tier 3": 1,
                             "Special Case": 3}),
    ("presidential-determinations", 2019, {"Tier 3": 20}),
    ("gvnet-lists", 2023, {"Tier 1": 30, "Tier 2": 105}),
    ("partial-pages-2018-2024", 2024, {"Tier 1": 33, "Tier 2": 10}),
    ("page-facts", 2002, {"Tier 3": 19}),
    ("heiss-tiers", 2001, {"Tier 1": 11, "Tier 2": 47, "Tier 3": 21}),
])
def test_a_year_holds_what_its_source_states(batches: dict[str, ImportBatch], kind: str,
                                             year: int, counts: dict[str, int]) -> None:
    found = {tier: n for (y, tier), n in _tiers(batches[kind]).items() if y == year}
    assert found == counts


def test_the_panels_count_as_the_heiss_list_states(batches: dict[str, ImportBatch]) -> None:
    ranked = Counter(s.report_year for s in batches["heiss-tiers"].statements)
    assert (ranked[2001], ranked[2002], ranked[2003], ranked[2004], ranked[2014]) == (
        79, 87, 114, 131, 182)


def test_the_stata_panel_and_its_csv_conversion_agree(batches: dict[str, ImportBatch]) -> None:
    def facts(kind: str) -> set[tuple[str, int | None, str]]:
        return {(s.country, s.report_year, s.value) for s in batches[kind].statements
                if s.prop == "tier"}  # the CSV also carries the 3P scores

    assert facts("kelley-cho-panel-dta") == facts("kelley-cho-panel-csv")
    assert len(facts("kelley-cho-panel-dta")) > 2000


def test_cambodia_in_the_later_sources(batches: dict[str, ImportBatch]) -> None:
    assert _one(batches["tiers-2015"], "KHM", 2015).value == "Tier 2 Watch List"
    assert _one(batches["kelley-simmons-dta"], "KHM", 2002).value == "Tier 3"
    assert _one(batches["tiers-2021-list-pages"], "KHM", 2019).value == "Tier 2 Watch List"
    determination = _one(batches["presidential-determinations"], "KHM", 2022)
    assert (determination.value, determination.claimant) == (
        "Tier 3", "President (determination)")


def test_heiss_na_gives_no_statement(batches: dict[str, ImportBatch],
                                     tip_data_dir: Path) -> None:
    rows = _rows(tip_data_dir, "tip_tiers_orig.csv")
    rated = [row for row in rows if row["tier"].strip() not in ("NA", "")]
    assert len(batches["heiss-tiers"].statements) == len(rated) < len(rows)
    assert all(s.value != "not ranked" for batch in batches.values()
               for s in batch.statements)


def test_montenegro_rows_are_montenegro(batches: dict[str, ImportBatch],
                                        tip_data_dir: Path) -> None:
    rows = _rows(tip_data_dir, "cho_kelley_tiers_3p_1999-2014.csv")
    by_row = {int(s.locator.split(",")[0].split()[1]): s.country
              for s in batches["kelley-cho-panel-csv"].statements}
    montenegro = [n for n, row in enumerate(rows, start=1) if row["country"] == "Montenegro"]
    assert {rows[n - 1]["iso3"] for n in montenegro} == {"MNG"}  # the quirk is in the file
    assert {by_row[n] for n in montenegro if n in by_row} == {"MNE"}
    mongolia = [n for n, row in enumerate(rows, start=1) if row["country"] == "Mongolia"]
    assert {by_row[n] for n in mongolia if n in by_row} == {"MNG"}


def test_confidence_follows_each_rows_basis(batches: dict[str, ImportBatch]) -> None:
    # inferred / implied rows
    assert _one(batches["tiers-2021-list-pages"], "KHM", 2018).confidence == 0.6
    assert _one(batches["chapters-2022"], "QAT", 2022).confidence == 0.6
    assert _one(batches["chapters-2019"], "DEU", 2018).confidence == 0.6
    # secondary rows, third-party pages, and the report's own chapter pages
    assert _one(batches["chapters-2022"], "BLZ", 2022).confidence == 0.8
    assert {s.confidence for s in batches["gvnet-lists"].statements} == {0.8}
    assert _one(batches["page-facts"], "KHM", 2022).confidence == 1.0
    assert _one(batches["chapters-2019"], "ALB", 2019).confidence == 1.0
    assert {s.confidence for s in batches["kelley-cho-panel-csv"].statements} == {1.0}


def test_determination_rows_are_claimed_by_their_basis(batches: dict[str, ImportBatch]) -> None:
    batch = batches["presidential-determinations"]
    claimed = Counter(s.claimant for s in batch.statements)
    assert claimed["President (determination)"] > 40
    news = _one(batch, "RUS", 2018)  # filled in from a news report
    assert (news.claimant, news.confidence) == ("TIP report", 0.8)
    chapter = _one(batch, "ERI", 2018)  # filled in from the next year's chapter
    assert (chapter.claimant, chapter.confidence) == ("TIP report", 1.0)


def test_waivers(batches: dict[str, ImportBatch]) -> None:
    batch = batches["waivers"]
    assert batch.source.extra["complete_years"] == "2013,2014,2015,2018,2019,2020,2022,2023,2024"
    assert {s.value for s in batch.statements} == {"granted"}
    assert {s.claimant for s in batch.statements} == {"US Department of State"}
    assert min(s.report_year or 0 for s in batch.statements) == 2013  # 2011-2012 unknown


def test_world_totals(batches: dict[str, ImportBatch], tip_data_dir: Path) -> None:
    rows = _rows(tip_data_dir, "tip_global_law_enforcement_2003-2015.csv")
    figures = batches["global-law-enforcement"].statements
    assert {s.country for s in figures} == {"WLD"}
    assert all(s.report_year == int(s.period or 0) + 1 for s in figures)
    first = rows[0]
    prosecutions = [s for s in figures if s.prop == "prosecutions"
                    and s.period == first["Year"]]
    assert [s.value for s in prosecutions] == [first["Prosecutions"].replace(",", "")]
    labour = next(row for row in rows if row["Prosecutions (Labor)"].strip())
    assert {s.breakdown: s.value for s in figures if s.prop == "prosecutions"
            and s.period == labour["Year"]} == {
        None: labour["Prosecutions"].replace(",", ""),
        "labour": labour["Prosecutions (Labor)"].replace(",", "")}
    blanks = sum(1 for row in rows for column, value in row.items()
                 if column != "Year" and not value.strip())
    assert len(figures) == len(rows) * 7 - blanks
    units = {(s.prop, s.breakdown): s.unit for s in figures}
    assert (units[("prosecutions", "labour")], units[("victims identified", None)],
            units[("new or amended legislation", None)]) == ("cases", "people", "laws")
    assert {s.breakdown for s in figures} == {None, "labour"}  # a part: never in the name


def test_every_statement_carries_its_row(batches: dict[str, ImportBatch]) -> None:
    for batch in batches.values():
        for statement in batch.statements:
            assert statement.excerpt, (batch.kind, statement.locator)
            assert statement.first_seen == statement.last_seen == batch.source.date
        assert batch.source.title and batch.source.kind in ("dataset", "transcription")
        assert batch.source.date and batch.source.coverage, batch.kind


def test_every_file_reads_the_same_twice(tip_data_dir: Path,
                                         batches: dict[str, ImportBatch]) -> None:
    again = {batch.kind: batch for batch in read_folder(tip_data_dir)}
    assert again == batches
    for kind, batch in batches.items():
        assert [s.id for s in again[kind].statements] == [s.id for s in batch.statements]
        assert len({s.id for s in batch.statements}) == len(batch.statements), kind


def test_statements_come_in_file_order_within_a_country_year(
        batches: dict[str, ImportBatch]) -> None:
    for batch in batches.values():
        keys = [(s.report_year or 0, s.country, s.prop) for s in batch.statements]
        assert keys == sorted(keys), batch.kind


def test_a_renamed_file_is_known_by_its_header(tip_data_dir: Path, tmp_path: Path) -> None:
    renamed = tmp_path / "my-copy.csv"
    renamed.write_bytes((tip_data_dir / "tiers_2015.csv").read_bytes())
    batch = read_source(renamed)
    assert batch.kind == "tiers-2015" and len(batch.statements) == 187
