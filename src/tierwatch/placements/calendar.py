"""The report calendar from the record: the statute's dates with the day each report was
released (``report_released`` statements of the record's sources), for ``tierwatch calendar``
and for the determination windows the other views print."""

from __future__ import annotations

from datetime import date
from typing import Any

from tierwatch.errors import UnknownYearError
from tierwatch.law.calendar import YearDates, to_ics, year_dates
from tierwatch.law.statute import last_report_year, validate_report_year
from tierwatch.placements.knowledge import record_sources
from tierwatch.statements.model import REPORT_RELEASED
from tierwatch.statements.store import StatementReader


def release_dates(reader: StatementReader) -> dict[int, tuple[date, str]]:
    """Report year -> (release date, "source row") from the record's sources (the strongest
    first; a document read never sets it)."""
    allowed = record_sources(reader.sources())
    found: dict[int, tuple[date, str]] = {}
    for statement in reader.statements(prop=REPORT_RELEASED):
        if statement.report_year is None or statement.source not in allowed:
            continue
        if statement.report_year in found:
            continue
        try:
            found[statement.report_year] = (date.fromisoformat(statement.value),
                                            f"{statement.source} {statement.locator}")
        except ValueError:
            continue
    return found


def calendar_years(reader: StatementReader, report_year: int | None = None) -> list[YearDates]:
    """The dates of one report year, or of every year from the first report to the latest
    one whose release the record holds (next year's statutory dates included)."""
    releases = release_dates(reader)
    if report_year is not None:
        validate_report_year(report_year)
        years = [report_year]
    else:
        if not releases:
            raise UnknownYearError("the record holds no release date; name a report year")
        years = list(range(min(releases), min(max(releases) + 1, last_report_year()) + 1))
    result = []
    for year in years:
        released, source = releases.get(year, (None, None))
        result.append(year_dates(year, released, source))
    return result


def calendar_view(reader: StatementReader, report_year: int | None = None) -> dict[str, Any]:
    return {"years": [item.to_dict() for item in calendar_years(reader, report_year)]}


def calendar_ics(reader: StatementReader, report_year: int | None = None) -> str:
    return to_ics(calendar_years(reader, report_year))
