"""The importers on the public data (read from ../shared, never copied) and on bad files."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.sources import KINDS, read_folder, read_source
from tierwatch.sources.catalog import BY_FILE


@pytest.fixture(scope="module")
def batches(tip_data_dir: Path) -> dict[str, object]:
    return {batch.kind: batch for batch in read_folder(tip_data_dir)}


def _counts(batch: object, prop: str = "tier") -> Counter[tuple[int | None, str]]:
    return Counter((s.report_year, s.value) for s in batch.statements  # type: ignore[attr-defined]
                   if s.prop == prop)


def test_every_file_of_the_folder_has_an_importer(tip_data_dir: Path, batches: dict) -> None:
    data_files = {p.name for p in tip_data_dir.iterdir() if p.suffix in (".csv", ".dta")}
    assert data_files == set(BY_FILE)
    assert len(batches) == len(KINDS)


@pytest.mark.parametrize(("kind", "year", "tier", "count"), [
    ("sure2018-wikipedia", 2017, "Tier 3", 23),
    ("sure2018-wikipedia", 2017, "Tier 2 Watch List", 45),
    ("factbook-wl-t3", 2022, "Tier 2 Watch List", 34),
    ("factbook-wl-t3", 2022, "Tier 3", 22),
    ("tiers-2021-list-pages", 2021, "Tier 1", 28),
    ("tiers-2021-list-pages", 2021, "Tier 2", 95),
    ("tiers-2021-list-pages", 2021, "Special Case", 3),
    ("gvnet-lists", 2009, "Tier 2 Watch List", 52),
    ("chapters-2019", 2019, "Tier 1", 33),
    ("presidential-determinations", 2018, "Tier 3", 22),
])
def test_counts_as_the_sources_state_them(batches: dict, kind: str, year: int, tier: str,
                                          count: int) -> None:
    assert _counts(batches[kind])[(year, tier)] == count


@pytest.mark.parametrize("kind", ["kelley-cho-panel-csv", "kelley-cho-panel-dta",
                                  "heiss-tiers"])
def test_cambodia_in_the_panels(batches: dict, kind: str) -> None:
    tiers = {s.report_year: s.value for s in batches[kind].statements if s.country == "KHM"}
    assert (tiers[2002], tiers[2003], tiers[2011], tiers[2013]) == (
        "Tier 3", "Tier 2", "Tier 2", "Tier 2 Watch List")


def test_cambodia_2022_and_its_waivers(batches: dict) -> None:
    for kind in ("page-facts", "presidential-determinations", "factbook-wl-t3"):
        assert any(s.country == "KHM" and s.report_year == 2022 and s.value == "Tier 3"
                   for s in batches[kind].statements), kind
    waived = {s.report_year for s in batches["waivers"].statements if s.country == "KHM"}
    assert {2015, 2021} <= waived
    assert batches["waivers"].source.extra["complete_years"].startswith("2013,2014,2015")


def test_not_rated_codes_give_no_statement(batches: dict, tip_data_dir: Path) -> None:
    import csv

    rows = list(csv.DictReader((tip_data_dir / "cho_kelley_tiers_3p_1999-2014.csv").open()))
    rated = [r for r in rows if r["tier_code"] not in ("555.0", "")]
    tiers = [s for s in batches["kelley-cho-panel-csv"].statements if s.prop == "tier"]
    assert len(tiers) == len(rated)
    timor_2009 = [s for s in batches["kelley-cho-panel-csv"].statements
                  if s.country == "TLS" and s.report_year == 2009 and s.prop == "tier"]
    assert timor_2009 == []  # 555 in a year it was rated: unknown here, not "not ranked"


def test_montenegro_is_read_by_name_not_by_the_iso_column(batches: dict) -> None:
    countries = {s.country for s in batches["kelley-cho-panel-csv"].statements}
    assert "MNE" in countries and "MNG" in countries


def test_every_statement_names_source_place_and_claimant(batches: dict) -> None:
    for batch in batches.values():
        for statement in batch.statements:
            assert statement.source == batch.source.id
            assert statement.locator.startswith("row ")
            assert statement.claimant and statement.first_seen == batch.source.date


def test_two_reads_are_identical(tip_data_dir: Path) -> None:
    first = read_source(tip_data_dir / "tip_tiers_orig.csv")
    second = read_source(tip_data_dir / "tip_tiers_orig.csv")
    assert first == second
    assert [s.id for s in first.statements] == [s.id for s in second.statements]


def test_world_law_enforcement_totals_go_to_the_next_report(batches: dict) -> None:
    figures = {(s.report_year, s.prop): s for s in batches["global-law-enforcement"].statements}
    assert figures[(2004, "prosecutions")].period == "2003"
    assert (2016, "victims identified") not in figures  # blank in the file: unknown


# -- bad files ---------------------------------------------------------------------------------


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(("name", "text", "message"), [
    ("tiers_2015.csv", "countryname,tier\nArmenia,4\n", "tier code '4'"),
    ("tiers_2015.csv", "countryname,tier\nAtlantis,1\n", "unknown country 'Atlantis'"),
    ("tiers_2015.csv", "country,tier_code\nArmenia,1\n", "columns"),
    ("tiers_2015.csv", "", "empty"),
    ("tiers_2019_wl_spot_from_chapters.csv",
     "report_year,country,tier,source\n1999,Belize,Tier 2 Watch List,x\n", "report year"),
    ("tiers_2019_wl_spot_from_chapters.csv",
     "report_year,country,tier,source\n2019,Belize,Tier 2 Watch List\n", "3 fields"),
    ("tiers_2019_wl_spot_from_chapters.csv",
     'report_year,country,tier,source\n2019,Belize,Tier 2 Watch List,"cut off\n', "CSV"),
    ("holiday.csv", "a,b\n1,2\n", "not a known TIP data file"),
])
def test_bad_files_are_refused_with_the_file_named(tmp_path: Path, name: str, text: str,
                                                   message: str) -> None:
    path = _write(tmp_path, name, text)
    with pytest.raises(InvalidInputError, match=message) as raised:
        read_source(path)
    assert name in str(raised.value)


def test_a_panel_missing_most_of_a_year_is_refused(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / "tip_tiers_orig.csv").read_text().splitlines(keepends=True)
    kept = [line for number, line in enumerate(lines) if ",2012," not in line or number % 3 == 0]
    path = tmp_path / "tip_tiers_orig.csv"
    path.write_text("".join(kept))
    with pytest.raises(InvalidInputError, match="report year 2012 has .* ranked countries"):
        read_source(path)


def test_a_list_with_a_row_missing_is_refused(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / "tiers_2020_2025_wl_t3_from_factbook.csv").read_text().splitlines(
        keepends=True)
    path = tmp_path / "tiers_2020_2025_wl_t3_from_factbook.csv"
    path.write_text("".join(lines[:-1]))
    with pytest.raises(InvalidInputError, match="expected"):
        read_source(path)


def test_a_damaged_stata_file_is_refused(tip_data_dir: Path, tmp_path: Path) -> None:
    data = (tip_data_dir / "criminalization-cho-tiers_jk_2015-08-10.dta").read_bytes()
    path = tmp_path / "criminalization-cho-tiers_jk_2015-08-10.dta"
    path.write_bytes(data[:5000])
    with pytest.raises(InvalidInputError, match="criminalization"):
        read_source(path)
