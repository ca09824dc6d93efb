"""Read endpoints over the whole record: statements (filtered, paginated with ``next``
links), sources, conflicts, the audit of every placement, stats, the calendar, and the
exports (CSV and JSON, streamed)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Query, Request
from starlette.responses import Response, StreamingResponse

from tierwatch.api.answers import serve_prepared
from tierwatch.api.models import (
    AuditAnswer,
    CalendarAnswer,
    ConflictList,
    CoverageRow,
    PropertyEntry,
    RegionRow,
    SourceEntry,
    StatementPage,
    TransitionAnswer,
)
from tierwatch.api.problems import from_tierwatch_error
from tierwatch.api.read_routes import (
    BAD_INPUT,
    NOT_FOUND,
    Region,
    ReportYear,
    Responses,
    checked_year,
    law_options,
    list_flags,
    records,
    resolve_country,
)
from tierwatch.errors import InvalidInputError

router = APIRouter()

MAX_PAGE = 1000


def _reader(request: Request) -> Any:
    return request.app.state.answers.reader()


@router.get("/statements", response_model=StatementPage, responses={**NOT_FOUND, **BAD_INPUT},
            summary="Statements with their sources, filtered, a page at a time (follow "
                    "`next`)")
def statements(
        request: Request,
        country: Annotated[str | None, Query(max_length=120,
                                             description="Name or ISO3 code")] = None,
        year: Annotated[int | None, Query(description="Report year")] = None,
        property: Annotated[str | None, Query(max_length=200,
                                              description="e.g. tier, waiver")] = None,
        claimant: Annotated[str | None, Query(max_length=500)] = None,
        source: Annotated[str | None, Query(max_length=500)] = None,
        breakdown: Annotated[str | None, Query(max_length=200,
                                               description="A figure's part, e.g. labour")
                             ] = None,
        offset: Annotated[int, Query(ge=0, le=10**9)] = 0,
        limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 100) -> Response:
    code = None if country is None else resolve_country(country, "country").code
    if year is not None:
        checked_year(year)

    def compute() -> dict[str, Any]:
        if code is None:  # a scan of the whole store: filter the held copy
            found = [s for s in _all_statements(request)
                     if (year is None or s.report_year == year)
                     and (property is None or s.prop == property)
                     and (source is None or s.source == source)]
        else:
            found = _reader(request).statements(country=code, report_year=year,
                                                prop=property, source=source)
        if claimant is not None:
            found = [s for s in found if s.claimant == claimant]
        if breakdown is not None:
            found = [s for s in found if s.breakdown == breakdown]
        page = found[offset:offset + limit]
        filters = {name: value for name, value in (
            ("country", code), ("year", year), ("property", property),
            ("breakdown", breakdown), ("claimant", claimant), ("source", source))
            if value is not None}
        following = offset + limit
        query = urlencode({**filters, "offset": following, "limit": limit})
        next_link = f"{request.url.path}?{query}" if following < len(found) else None
        return {"count": len(found), "offset": offset, "limit": limit, "filters": filters,
                "statements": [s.to_dict() for s in page], "next": next_link}

    return serve_prepared(request, compute)


@router.get("/sources", response_model=list[SourceEntry],
            summary="The sources statements come from: publisher, address, licence, "
                    "coverage, rows per year, the lists each holds complete")
def sources(request: Request) -> Response:
    from tierwatch.placements.coverage import source_coverage
    def compute() -> list[dict[str, Any]]:
        reader = _reader(request)
        found = source_coverage(reader)
        flags = list_flags(request)
        for entry in found:
            entry["list_flags"] = [flag for flag in flags if flag["source"] == entry["id"]]
        return found

    return serve_prepared(request, compute)


@router.get("/properties", response_model=list[PropertyEntry],
            summary="The properties a statement may carry: meaning, type, allowed values, "
                    "unit, reference (every stored statement is checked against them)")
def properties(request: Request) -> Response:
    from tierwatch.statements.properties import registry

    return serve_prepared(request, lambda: [entry.to_dict() for entry in registry().values()])


@router.get("/conflicts", response_model=ConflictList, responses={**NOT_FOUND, **BAD_INPUT},
            summary="Country-years on which sources give different tiers, and which is shown")
def conflicts(request: Request,
              country: Annotated[str | None, Query(max_length=120)] = None) -> Response:
    from tierwatch.placements.knowledge import record_conflicts

    code = None if country is None else resolve_country(country, "country").code

    def compute() -> dict[str, Any]:
        held = records(request)
        chosen = held.values() if code is None else [held[code]] if code in held else []
        found = [conflict.to_dict() for record in chosen
                 for conflict in record_conflicts(record)]
        return {"count": len(found), "conflicts": found}

    return serve_prepared(request, compute)


@router.get("/audit", response_model=AuditAnswer, responses=BAD_INPUT,
            summary="Every recorded placement replayed through the law of its year")
def audit(request: Request,
          option: Annotated[list[str] | None, Query(
              description="An unsettled legal point, NAME=VALUE")] = None) -> Response:
    from tierwatch.placements import audit as run_audit

    options = law_options(option or [])
    return serve_prepared(request, lambda: run_audit(_reader(request), options).to_dict())


def _panel(request: Request) -> list[dict[str, Any]]:
    """The country-year panel, computed once per data version for every view of it."""
    from tierwatch.placements.panel import panel_rows

    return request.app.state.answers.memo("panel", lambda: panel_rows(records(request)))


def _all_statements(request: Request) -> list[Any]:
    return request.app.state.answers.memo(
        "statements", lambda: _reader(request).statements())


@router.get("/stats/coverage", response_model=list[CoverageRow],
            summary="Per report year: countries stated, inferred, deduced, unknown")
def stats_coverage(request: Request) -> Response:
    from tierwatch.placements.panel import coverage_by_year

    return serve_prepared(request, lambda: coverage_by_year(_panel(request)))


@router.get("/stats/transitions", response_model=TransitionAnswer,
            responses={**NOT_FOUND, **BAD_INPUT},
            summary="The tier transition matrix between consecutive reports, with counts")
def stats_transitions(request: Request,
                      first: Annotated[int | None, Query(alias="from")] = None,
                      last: Annotated[int | None, Query(alias="to")] = None,
                      region: Annotated[Region | None, Query()] = None) -> Response:
    from tierwatch.placements.panel import transitions

    if first is not None:
        checked_year(first, "from")
    if last is not None:
        checked_year(last, "to")
    if first is not None and last is not None and first >= last:
        raise from_tierwatch_error(InvalidInputError(
            f"from {first} to {last}: expected an earlier first year"), "from")
    return serve_prepared(request, lambda: transitions(
        _panel(request), first, last, None if region is None else region.value))


@router.get("/stats/regions/{year}", response_model=list[RegionRow],
            responses={**NOT_FOUND, **BAD_INPUT},
            summary="Per region, the countries of one report year by tier")
def stats_regions(request: Request, year: ReportYear) -> Response:
    from tierwatch.errors import UnknownYearError
    from tierwatch.placements.panel import regions

    checked_year(year)

    def compute() -> list[dict[str, Any]]:
        rows = _panel(request)
        if year not in {row["report_year"] for row in rows}:
            raise from_tierwatch_error(UnknownYearError(
                f"report year {year}: the record places no country"), "year")
        return regions(rows, year)

    return serve_prepared(request, compute)


@router.get("/calendar", response_model=CalendarAnswer, responses={**NOT_FOUND, **BAD_INPUT},
            summary="Report due and released, the Tier 3 determination window, the fiscal "
                    "year, the interim assessment (every year, or one)")
def calendar(request: Request, year: Annotated[int | None, Query()] = None) -> Response:
    from tierwatch.placements.calendar import calendar_view

    if year is not None:
        checked_year(year)
    return serve_prepared(request, lambda: calendar_view(_reader(request), year))


_ICS: Responses = {**NOT_FOUND, **BAD_INPUT, 200: {"content": {"text/calendar": {}}}}


@router.get("/calendar.ics", responses=_ICS,
            response_class=Response, summary="The same dates as an iCalendar file")
def calendar_ics(request: Request, year: Annotated[int | None, Query()] = None) -> Response:
    from tierwatch.placements.calendar import calendar_ics as ics_of

    if year is not None:
        checked_year(year)
    return Response(ics_of(_reader(request), year).encode("utf-8"),
                    media_type="text/calendar; charset=utf-8")


# -- exports, streamed ---------------------------------------------------------------------

def _statement_rows(request: Request) -> list[dict[str, Any]]:
    """Every statement as a row (read here, in the handler's thread: the reader's connection
    belongs to it; the stream then only formats)."""
    return [s.to_dict() for s in _all_statements(request)]


def _csv_lines(names: list[str], rows: list[dict[str, Any]]) -> Iterator[bytes]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(names)
    for start in range(0, len(rows) + 1, 500):
        for row in rows[start:start + 500]:
            writer.writerow(["" if row[name] is None else row[name] for name in names])
        yield buffer.getvalue().encode("utf-8")
        buffer.seek(0)
        buffer.truncate()


def _json_array(rows: list[dict[str, Any]]) -> Iterator[bytes]:
    """A JSON array sent 500 rows at a time."""
    for start in range(0, len(rows), 500):
        chunk = ",".join(json.dumps(row, ensure_ascii=False) for row in rows[start:start + 500])
        yield (b"[" if start == 0 else b",") + chunk.encode("utf-8")
    yield b"]" if rows else b"[]"


_CSV: Responses = {200: {"content": {"text/csv": {}}}}
_JSON: Responses = {200: {"content": {"application/json": {}}}}


@router.get("/export/statements.csv", response_class=StreamingResponse, responses=_CSV,
            summary="Every statement with its source, as CSV (streamed)")
def export_statements_csv(request: Request) -> StreamingResponse:
    from tierwatch.statements.store import COLUMNS

    return StreamingResponse(_csv_lines(list(COLUMNS), _statement_rows(request)),
                             media_type="text/csv; charset=utf-8",
                             headers={"content-disposition":
                                      'attachment; filename="statements.csv"'})


@router.get("/export/statements.json", response_class=StreamingResponse, responses=_JSON,
            summary="Every statement with its source, as a JSON array (streamed)")
def export_statements_json(request: Request) -> StreamingResponse:
    return StreamingResponse(_json_array(_statement_rows(request)),
                             media_type="application/json")


@router.get("/export/panel.csv", response_class=StreamingResponse, responses=_CSV,
            summary="One row per country and report year, unknowns explicit (streamed)")
def export_panel_csv(request: Request) -> StreamingResponse:
    from tierwatch.placements.panel import COLUMNS

    return StreamingResponse(_csv_lines([name for name, _ in COLUMNS], _panel(request)),
                             media_type="text/csv; charset=utf-8",
                             headers={"content-disposition": 'attachment; filename="panel.csv"'})


@router.get("/export/panel.json", response_class=StreamingResponse, responses=_JSON,
            summary="The country-year panel as a JSON array (streamed)")
def export_panel_json(request: Request) -> StreamingResponse:
    return StreamingResponse(_json_array(_panel(request)), media_type="application/json")


