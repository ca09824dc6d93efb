"""The record's query services beyond a country and a year: the sources, the world table, the
calendar, the stats of the panel, the law in force and the clock of a given history.

Every interface (CLI, REST API, dashboard) calls these and prints or serves the answer's
``to_dict()`` (or a list of JSON-ready rows); none of them reads the store itself. Bad input
(an unknown year or region, a malformed history) raises ``InvalidInputError`` or
``UnknownYearError`` naming the input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypedDict, cast

from tierwatch.errors import InvalidInputError, UnknownYearError
from tierwatch.law import (
    LawOptions,
    Provision,
    ReportCalendar,
    YearEvaluation,
    evaluate_year,
    last_report_year,
    parse_history,
    provisions_in_force,
    report_calendar,
    validate_report_year,
)
from tierwatch.law.calendar import YearDates, to_ics
from tierwatch.statements.store import StatementReader

# -- law options ---------------------------------------------------------------------------

_OPTION_CHOICES = {
    "cap-transition": ("waiver_cap_transition", ("count_earlier_waivers", "fresh_cap_from_2019")),
    "post-downgrade-trigger": ("post_downgrade_trigger",
                               ("any_tier3_after_full_run", "forced_only")),
    "post-downgrade-pre-2019": ("post_downgrade_counts_pre_2019", ("yes", "no")),
    "post-downgrade-duration": ("post_downgrade_duration", ("permanent", "first_return_only")),
}
_FIRST_REPORT_OPTION = "watch-list-first-report"
LAW_OPTION_NAMES = (*_OPTION_CHOICES, _FIRST_REPORT_OPTION)
"""The unsettled legal points a caller may choose a reading of, as ``NAME=VALUE``."""


def law_options(pairs: Iterable[str]) -> LawOptions:
    """``NAME=VALUE`` readings of unsettled points (``--option`` of clock and audit) as
    ``LawOptions``; an unknown name or value is refused naming the pair."""
    from tierwatch.files.inputs import is_whole_number

    values: dict[str, Any] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name == _FIRST_REPORT_OPTION:
            if not is_whole_number(value):
                raise InvalidInputError("expected a year in digits 0-9, e.g. 2004",
                                        field="option", value=pair)
            values["watch_list_first_report"] = int(value)
            continue
        if name not in _OPTION_CHOICES:
            raise InvalidInputError("unknown option; expected one of "
                                    + ", ".join(LAW_OPTION_NAMES), field="option", value=pair)
        field_name, choices = _OPTION_CHOICES[name]
        if value not in choices:
            raise InvalidInputError(f"expected {name}=" + " or ".join(choices), field="option",
                                    value=pair)
        values[field_name] = (value == "yes") if choices == ("yes", "no") else value
    return LawOptions(**values)


# -- the clock and the law -------------------------------------------------------------------


@dataclass(frozen=True)
class ClockAnswer:
    """The law of one report year on a history: the watch-list clock, the lawful placements,
    the check of a recorded placement, each reason (``tierwatch clock``).

    For a stored country (``tierwatch.assessment.services.clock_for_country``) it also names
    the country, its recorded history, and the recorded decisions laid over the record:
    ``decisions_used`` (earlier years, part of the history) and ``decisions_standing`` (the
    year asked about, shown beside the answer)."""

    evaluation: YearEvaluation
    country: str | None = None
    code: str | None = None
    record_text: str | None = None  # the stored history, as --history would write it
    decisions_used: tuple[Any, ...] = ()  # tierwatch.assessment.Decision
    decisions_standing: tuple[Any, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        data = self.evaluation.to_dict()
        if self.code is None:
            return data
        return {**data, "decisions_used": [d.to_dict() for d in self.decisions_used]}


def clock_for_history(history: str, report_year: int, *, state_policy: bool = False,
                      options: LawOptions | None = None) -> ClockAnswer:
    """The law of ``report_year`` on a history written as ``--history`` takes it
    (``"2019:2WL 2020:2WL 2021:2WL+waiver"``; codes 1 2 2WL 3 special unranked ?)."""
    validate_report_year(report_year)
    parsed = parse_history(history, strict=True)
    return ClockAnswer(evaluate_year(parsed, report_year, state_policy=state_policy,
                                     options=options))


@dataclass(frozen=True)
class LawInForce:
    """The provisions in force for a report year with their citations, and its calendar
    (``tierwatch law``)."""

    report_year: int
    calendar: ReportCalendar
    provisions: tuple[Provision, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"report_year": self.report_year, "calendar": self.calendar.to_dict(),
                "provisions": [item.to_dict() for item in self.provisions]}


def law_in_force(report_year: int | None = None) -> LawInForce:
    """The law of ``report_year`` (default: the last report year the engine knows)."""
    year = validate_report_year(report_year if report_year is not None else last_report_year())
    return LawInForce(year, report_calendar(year), tuple(provisions_in_force(year)))


# -- sources and the world table -------------------------------------------------------------


class SourceYear(TypedDict):
    """What one source holds for one report year."""

    report_year: int
    rows: int
    by_value: dict[str, int]  # tiers, waivers, release dates: rows of each
    complete_lists: list[str]  # the tier lists it holds whole


class SourceEntry(TypedDict):
    """A source as ``tierwatch sources`` shows it: its description, its rows by report year,
    and its complete lists another source contradicts (``list_flags``: not believed)."""

    id: str
    title: str
    kind: str
    publisher: str | None
    address: str | None
    date: str | None
    licence: str | None
    coverage: str | None
    notes: str | None
    extra: dict[str, str]
    years: list[SourceYear]
    list_flags: list[dict[str, Any]]


def source_list(reader: StatementReader) -> list[SourceEntry]:
    """Every source the store holds statements from, with what it covers."""
    from tierwatch.placements.coverage import source_coverage
    from tierwatch.placements.knowledge import list_index

    flags = [flag.to_dict() for flag in list_index(reader).flags]
    found: list[SourceEntry] = []
    for entry in source_coverage(reader):
        own = [flag for flag in flags if flag["source"] == entry["id"]]
        found.append(cast(SourceEntry, {**entry, "list_flags": own}))
    return found


WORLD_FIGURES = ("prosecutions", "prosecutions (labour)", "convictions", "convictions (labour)",
                 "victims identified", "victims identified (labour)",
                 "new or amended legislation")
"""The columns of the report's global law-enforcement table: a stored property, or its part
as ``figure_label`` names it (the property, its breakdown in brackets)."""


@dataclass(frozen=True)
class WorldRow:
    """One report's global law-enforcement figures (the year counted, the source)."""

    report_year: int
    counted_year: str | None
    source: str
    figures: dict[str, int]  # of WORLD_FIGURES, those the table held (in that order)

    def to_dict(self) -> dict[str, Any]:
        return {"report_year": self.report_year, "counted_year": self.counted_year,
                "source": self.source, **self.figures}


def world_table(reader: StatementReader) -> list[WorldRow]:
    """The report's global law-enforcement table by report year (2003-2015 in the data);
    a figure the table held is there, one it did not is absent (never zero)."""
    from tierwatch.statements.properties import figure_label

    years: dict[int, tuple[str | None, str, dict[str, int]]] = {}
    for prop in dict.fromkeys(column.split(" (")[0] for column in WORLD_FIGURES):
        for statement in reader.statements(country="WLD", prop=prop):
            column = figure_label(statement.prop, statement.breakdown)
            if statement.report_year is None or column not in WORLD_FIGURES:
                continue
            entry = years.setdefault(statement.report_year,
                                     (statement.period, statement.source, {}))
            entry[2][column] = int(statement.value)
    return [WorldRow(year, counted, source,
                     {column: figures[column] for column in WORLD_FIGURES if column in figures})
            for year, (counted, source, figures) in sorted(years.items())]


# -- the calendar ------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarView:
    """The dates of report years: due, released, the Tier 3 determination window, the
    fiscal year, the interim assessment (``tierwatch calendar``)."""

    years: tuple[YearDates, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"years": [item.to_dict() for item in self.years]}

    def to_ics(self) -> str:
        """The same dates as an iCalendar file's text."""
        return to_ics(list(self.years))


def calendar(reader: StatementReader, report_year: int | None = None) -> CalendarView:
    """One report year's dates, or every year's from the first report to the latest whose
    release the record holds (next year's statutory dates included)."""
    from tierwatch.placements.calendar import calendar_years

    return CalendarView(tuple(calendar_years(reader, report_year)))


# -- stats of the panel ------------------------------------------------------------------------


class CoverageRow(TypedDict):
    """How the record knows one report year's countries."""

    report_year: int
    stated: int
    inferred: int
    deduced: int
    unknown: int
    countries: int


@dataclass(frozen=True)
class Transitions:
    """Counts of (tier in one report, tier in the next) for consecutive reports; "not
    stated" is a side no source states (deduced or unknown)."""

    first: int | None
    last: int | None
    region: str | None
    pairs: int
    states: list[str]
    matrix: dict[str, dict[str, int]]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.first, "to": self.last, "region": self.region,
                "pairs": self.pairs, "states": list(self.states),
                "matrix": {before: dict(row) for before, row in self.matrix.items()}}


def coverage_stats(reader: StatementReader) -> list[CoverageRow]:
    """Per report year: countries stated, inferred, deduced from complete lists, unknown."""
    from tierwatch.placements.panel import coverage_by_year, panel

    return cast(list[CoverageRow], coverage_by_year(panel(reader)))


def check_transition_span(first: int | None = None, last: int | None = None,
                          region: str | None = None) -> None:
    """Refuse a span or region ``transition_stats`` cannot answer (before any reading)."""
    from tierwatch.countries.registry import REGIONS

    for year in (first, last):
        if year is not None:
            validate_report_year(year)
    if first is not None and last is not None and first >= last:
        raise InvalidInputError(f"--from {first} --to {last}: expected an earlier first year")
    if region is not None and region not in REGIONS:
        raise InvalidInputError(f"--region {region!r}: expected one of {', '.join(REGIONS)}")


def transition_stats(reader: StatementReader, first: int | None = None,
                     last: int | None = None, region: str | None = None) -> Transitions:
    """The tier transition matrix between consecutive reports within [first, last], of one
    region when named (as ``tierwatch year`` names regions)."""
    from tierwatch.placements.panel import panel, transitions

    check_transition_span(first, last, region)
    found = transitions(panel(reader), first, last, region)
    return Transitions(first=found["from"], last=found["to"], region=found["region"],
                       pairs=found["pairs"], states=found["states"], matrix=found["matrix"])


def region_stats(reader: StatementReader, report_year: int) -> list[dict[str, Any]]:
    """Per region, the countries of one report year by tier (``Tier 1`` ... ``Special
    Case``), ``deduced``, ``unknown``, and ``countries`` in all."""
    from tierwatch.placements.panel import panel, regions

    validate_report_year(report_year)
    rows = panel(reader)
    if report_year not in {row["report_year"] for row in rows}:
        raise UnknownYearError(f"report year {report_year}: the record places no country")
    return regions(rows, report_year)
