"""Files the importers must refuse, each with one line naming the file and what is wrong.

Small files are written here by the test; damaged copies of the real files are made in
tmp_path at test time from ../shared (never committed).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.sources import read_folder, read_source

PANEL = "cho_kelley_tiers_3p_1999-2014.csv"
PANEL_HEADER = ("country,iso3,cow_code,report_year,tier_code,tier_label,p3_prosecution,"
                "p3_protection,p3_prevention,p3_total\n")
WAIVERS_HEADER = "report_year,country,list_completeness,source\n"


def _refused(path: Path, message: str) -> str:
    with pytest.raises(InvalidInputError, match=message) as raised:
        read_source(path)
    text = str(raised.value)
    assert path.name in text and "\n" not in text
    return text


def _copy(tip_data_dir: Path, tmp_path: Path, name: str, data: bytes | None = None) -> Path:
    target = tmp_path / name
    target.write_bytes((tip_data_dir / name).read_bytes() if data is None else data)
    return target


def test_a_tier_code_outside_the_panel_codes(tmp_path: Path) -> None:
    path = tmp_path / PANEL
    path.write_text(PANEL_HEADER + "Armenia,ARM,371,2005,2.0,Tier 2,,,,\n"
                    "Armenia,ARM,371,2006,4.0,Tier 4,,,,\n", encoding="utf-8")
    _refused(path, "row 2: tier code '4.0' is not one of 1, 2, 2.5, 3, 555, 666")


def test_an_unknown_country_names_the_row_and_suggests(tmp_path: Path) -> None:
    path = tmp_path / PANEL
    path.write_text(PANEL_HEADER + "Cambodja,CAM,811,2005,2.0,Tier 2,,,,\n", encoding="utf-8")
    _refused(path, r"row 1: unknown country 'Cambodja'; did you mean Cambodia")


def test_a_report_year_outside_the_reports(tmp_path: Path) -> None:
    path = tmp_path / PANEL
    path.write_text(PANEL_HEADER + "Armenia,ARM,371,2031,2.0,Tier 2,,,,\n", encoding="utf-8")
    _refused(path, "row 1: report year '2031' is not a year")


def test_a_tier_before_the_first_report(tmp_path: Path) -> None:
    path = tmp_path / PANEL
    path.write_text(PANEL_HEADER + "Armenia,ARM,371,2000,2.0,Tier 2,,,,\n", encoding="utf-8")
    _refused(path, "row 1: a tier for 2000")


def test_a_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "tiers_2015.csv"
    path.write_bytes(bytes(range(256)) * 8)
    _refused(path, "binary content")


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "tiers_2015.csv"
    path.write_bytes("countryname,tier\nCôte d'Ivoire,2\n".encode("latin-1"))
    _refused(path, "not UTF-8 text")


def test_a_header_with_no_rows(tmp_path: Path) -> None:
    path = tmp_path / "tiers_2015.csv"
    path.write_text("countryname,tier\n", encoding="utf-8")
    _refused(path, "no data rows")


def test_a_real_file_cut_in_the_middle_of_a_row(tip_data_dir: Path, tmp_path: Path) -> None:
    data = (tip_data_dir / PANEL).read_bytes()
    cut = data.index(b",", len(data) // 2) + 1  # just after a comma: a short last row
    path = _copy(tip_data_dir, tmp_path, PANEL, data[:cut])
    _refused(path, r"row \d+: \d+ fields, expected 10")


def test_a_real_file_under_another_kinds_name(tip_data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "tip_tiers_orig.csv"
    path.write_bytes((tip_data_dir / "tiers_2015.csv").read_bytes())
    _refused(path, "are not those of this kind of file")


def test_a_csv_under_a_stata_name(tip_data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "kelley_simmons_ajps_2014_replication.dta"
    path.write_bytes((tip_data_dir / "tiers_2015.csv").read_bytes())
    _refused(path, "not a readable Stata file")


@pytest.mark.parametrize("kept", [0.5, 0.999])
def test_a_stata_file_cut_short(tip_data_dir: Path, tmp_path: Path, kept: float) -> None:
    name = "criminalization-cho-tiers_jk_2015-08-10.dta"
    data = (tip_data_dir / name).read_bytes()
    path = _copy(tip_data_dir, tmp_path, name, data[: int(len(data) * kept)])
    _refused(path, "not a readable Stata file")


def test_a_stata_file_of_another_kind(tip_data_dir: Path, tmp_path: Path) -> None:
    path = tmp_path / "kelley_simmons_ajps_2014_replication.dta"
    path.write_bytes((tip_data_dir / "criminalization-cho-tiers_jk_2015-08-10.dta").read_bytes())
    _refused(path, "columns tier are missing")


def test_a_full_list_missing_rows(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / "tiers_2016_2017_sure2018_wikipedia.csv").read_bytes().splitlines(
        keepends=True)
    kept = [line for line in lines if not line.startswith(b"2017,") or b"Tier 3" not in line]
    path = _copy(tip_data_dir, tmp_path, "tiers_2016_2017_sure2018_wikipedia.csv",
                 b"".join(kept))
    _refused(path, "report year 2017 has 0 Tier 3 rows, expected 23")


def test_a_panel_year_mostly_missing(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / PANEL).read_bytes().splitlines(keepends=True)
    kept = [line for number, line in enumerate(lines)
            if b",2012," not in line or number % 4 == 0]
    path = _copy(tip_data_dir, tmp_path, PANEL, b"".join(kept))
    _refused(path, r"report year 2012 has \d+ ranked countries, expected at least 162")


def test_a_country_placed_twice_in_one_file(tip_data_dir: Path, tmp_path: Path) -> None:
    data = (tip_data_dir / "tiers_2019_wl_spot_from_chapters.csv").read_bytes()
    path = _copy(tip_data_dir, tmp_path, "tiers_2019_wl_spot_from_chapters.csv",
                 data + b"2019,Belize,Tier 2,a second row\n")
    _refused(path, r"row 5: BLZ 2019 tier is given again \(row 1 says Tier 2 Watch List")


def test_a_waiver_listed_twice(tmp_path: Path) -> None:
    path = tmp_path / "waivers_2013_2024_transcribed.csv"
    path.write_text(WAIVERS_HEADER + "2014,Iraq,complete,x\n2014,Belize,complete,y\n"
                    "2014,Iraq,complete,z\n", encoding="utf-8")
    _refused(path, "row 3: IRQ 2014 waiver is given again")


def test_waiver_years_marked_both_ways(tmp_path: Path) -> None:
    path = tmp_path / "waivers_2013_2024_transcribed.csv"
    path.write_text(WAIVERS_HEADER + "2016,Belize,complete,x\n2016,Haiti,partial,y\n",
                    encoding="utf-8")
    _refused(path, "row 2: report year 2016 is marked partial here and complete")


def test_waivers_complete_years_come_from_the_file(tmp_path: Path) -> None:
    path = tmp_path / "waivers_2013_2024_transcribed.csv"
    path.write_text(WAIVERS_HEADER + "2017,Belize,complete,x\n2016,Haiti,partial,y\n"
                    "2014,Iraq,complete,z\n", encoding="utf-8")
    batch = read_source(path)
    assert batch.source.extra["complete_years"] == "2014,2017"
    assert [(s.report_year, s.country) for s in batch.statements] == [
        (2014, "IRQ"), (2016, "HTI"), (2017, "BLZ")]


def test_a_transcription_with_a_tier_word_it_does_not_use(tmp_path: Path) -> None:
    path = tmp_path / "tier3_presidential_determinations_2018_2019_2022.csv"
    path.write_text("report_year,country,tier,source\n2018,Belarus,Tier 2,x\n",
                    encoding="utf-8")
    _refused(path, "row 1: tier 'Tier 2' is not one of 'Tier 3'")


def test_a_file_of_no_known_kind(tmp_path: Path) -> None:
    path = tmp_path / "holiday-plans.csv"
    path.write_text("where,when\nsea,July\n", encoding="utf-8")
    _refused(path, "not a known TIP data file")


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="no such file"):
        read_source(tmp_path / "tiers_2015.csv")


def test_a_folder_reads_only_its_data_files(tip_data_dir: Path, tmp_path: Path) -> None:
    _copy(tip_data_dir, tmp_path, "tiers_2015.csv")
    _copy(tip_data_dir, tmp_path, "tiers_2019_wl_spot_from_chapters.csv")
    (tmp_path / "PROVENANCE.md").write_text("# notes\n", encoding="utf-8")
    (tmp_path / "scratch.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    assert [batch.kind for batch in read_folder(tmp_path)] == [
        "tiers-2015", "chapters-2019-wl-spot"]


def test_a_folder_with_no_data_file(tmp_path: Path) -> None:
    (tmp_path / "PROVENANCE.md").write_text("# notes\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="holds none of the known TIP data files"):
        read_folder(tmp_path)
    with pytest.raises(InvalidInputError, match="not a folder"):
        read_folder(tmp_path / "PROVENANCE.md")
