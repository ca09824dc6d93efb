"""The catalogue as data (one entry per source) and the two files of PROVENANCE sections 16-17."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.placements import resolve
from tierwatch.placements.coverage import complete_lists
from tierwatch.placements.resolve import source_ranks
from tierwatch.sources import read_source
from tierwatch.sources.catalog import BY_FILE, KINDS
from tierwatch.statements import SourceInfo, Statement

CHAPTERS = "tiers_2016_2025_from_chapters_and_news.csv"
RELEASES = "tip_report_release_dates.csv"


def test_every_source_states_its_priority_and_describes_itself() -> None:
    for kind in KINDS:
        assert kind.source.extra["priority"].isdigit(), kind.id
        for name in ("title", "publisher", "address", "licence", "coverage"):
            assert getattr(kind.source, name), (kind.id, name)
    assert len({kind.id for kind in KINDS}) == len(KINDS)


def test_complete_lists_are_those_provenance_names() -> None:
    lists = {kind.id: complete_lists(kind.source) for kind in KINDS}
    assert set(lists["factbook-wl-t3"]) == {2020, 2022, 2023, 2024, 2025}
    assert {str(t) for t in lists["factbook-wl-t3"][2024]} == {"Tier 2 Watch List", "Tier 3"}
    assert {str(t) for t in lists["partial-pages-2018-2024"][2024]} == {"Tier 1"}
    assert {str(t) for t in lists["chapters-news-2016-2025"][2025]} == {"Tier 1"}
    assert lists["sure2018-wikipedia"] == {}  # seven countries lost: no list is whole


def test_the_chapters_and_news_file_reads_as_provenance_counts(tip_data_dir: Path) -> None:
    batch = read_source(tip_data_dir / CHAPTERS)
    assert len(batch.statements) == 276
    counts = Counter((s.report_year, s.value) for s in batch.statements)
    assert counts[(2025, "Tier 1")] == 33
    assert sum(n for (year, _), n in counts.items() if year == 2024) == 88
    inferred = [s for s in batch.statements if s.confidence == 0.6]
    assert len(inferred) == 72


def test_release_dates_one_per_report(tip_data_dir: Path) -> None:
    batch = read_source(tip_data_dir / RELEASES)
    dates = {s.report_year: s.value for s in batch.statements}
    assert sorted(dates) == list(range(2001, 2026))
    assert dates[2025] == "2025-09-29" and dates[2001] == "2001-07-12"
    assert all(s.prop == "report_released" and s.locator.startswith("row ")
               for s in batch.statements)


def test_an_altered_chapters_file_is_refused(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / CHAPTERS).read_text(encoding="utf-8").splitlines(keepends=True)
    dropped = [line for line in lines if not line.startswith("2023,")]
    target = tmp_path / CHAPTERS
    target.write_text("".join(dropped), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="rows read, expected 276"):
        read_source(target)


def test_a_2025_tier1_row_missing_is_refused(tip_data_dir: Path, tmp_path: Path) -> None:
    lines = (tip_data_dir / CHAPTERS).read_text(encoding="utf-8").splitlines(keepends=True)
    first = next(i for i, line in enumerate(lines) if line.startswith("2025,")
                 and ",Tier 1," in line)
    target = tmp_path / CHAPTERS
    target.write_text("".join(lines[:first] + lines[first + 1:]), encoding="utf-8")
    with pytest.raises(InvalidInputError, match="report year 2025 has 32 Tier 1 rows"):
        read_source(target)


@pytest.mark.parametrize(("row", "message"), [
    ("2024,2024-13-01,x,y\n", "not a date"),
    ("2024,2023-06-24,x,y\n", "released on 2023-06-24, another year"),
])
def test_a_bad_release_date_is_refused(tmp_path: Path, row: str, message: str) -> None:
    target = tmp_path / RELEASES
    target.write_text("report_year,release_date,source,evidence\n" + row, encoding="utf-8")
    with pytest.raises(InvalidInputError, match=message):
        read_source(target)


def test_the_priority_is_read_from_the_source_descriptions() -> None:
    def tier(source: str, value: str) -> Statement:
        return Statement(country="KHM", report_year=2020, prop="tier", value=value,
                         claimant="TIP report", source=source, locator="row 1")

    strong = SourceInfo(id="zz-strong", title="t", kind="transcription", extra={"priority": "1"})
    weak = SourceInfo(id="aa-weak", title="t", kind="transcription", extra={"priority": "5"})
    statements = [tier("zz-strong", "Tier 3"), tier("aa-weak", "Tier 2")]
    chosen = resolve(statements, set(), source_ranks([strong, weak]))[("KHM", 2020)]
    assert str(chosen.tier) == "Tier 3"
    swapped = [SourceInfo(id="zz-strong", title="t", kind="transcription",
                          extra={"priority": "6"}), weak]
    assert str(resolve(statements, set(), source_ranks(swapped))[("KHM", 2020)].tier) == "Tier 2"


def test_every_data_file_has_one_entry() -> None:
    assert CHAPTERS in BY_FILE and RELEASES in BY_FILE
