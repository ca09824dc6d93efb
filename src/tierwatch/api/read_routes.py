"""Read endpoints, open to all: countries, a country, a report year, the clock for any
history, the law in force. Each answer is the CLI's ``--json`` of the same question,
prepared once per data version (see ``answers``)."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query, Request
from starlette.responses import Response

from tierwatch.api.answers import serve_prepared
from tierwatch.api.models import ClockAnswer, CountryAnswer, CountryList, LawAnswer, YearAnswer
from tierwatch.api.problems import ProblemModel, from_tierwatch_error
from tierwatch.countries import REGIONS, Country, all_countries, in_region, lookup
from tierwatch.errors import TierwatchError, UnknownCountryError

Region = Enum("Region", {name.replace(" ", "_"): name for name in REGIONS}, type=str)  # type: ignore[misc]

Responses = dict[int | str, dict[str, Any]]
NOT_FOUND: Responses = {
    404: {"model": ProblemModel, "description": "Unknown country or report year"}}
BAD_INPUT: Responses = {
    400: {"model": ProblemModel, "description": "Bad input (the field is named)"},
    422: {"model": ProblemModel, "description": "Malformed request"}}

CountryName = Annotated[str, Path(min_length=1, max_length=120,
                                  description="A name, alias or ISO 3166 alpha-3 code")]
ReportYear = Annotated[int, Path(description="A report year (2001 to next year's report)")]


def resolve_country(name: str, field: str = "name") -> Country:
    """The registry's entity for a name or code; 404 with near-name suggestions."""
    try:
        return lookup(name)
    except UnknownCountryError as error:
        raise from_tierwatch_error(error, field, asked=name) from None


def checked_year(year: int, field: str = "year") -> int:
    from tierwatch.law import validate_report_year

    try:
        return validate_report_year(year)
    except TierwatchError as error:
        raise from_tierwatch_error(error, field) from None


def country_entry(country: Country) -> dict[str, Any]:
    return {"code": country.code, "name": country.name, "region": country.region,
            "aliases": list(country.aliases), "ranked_until": country.ranked_until,
            "state_from": country.state_from, "href": f"/api/v1/countries/{country.code}"}


def country_answer(reader: Any, code: str) -> dict[str, Any]:
    """The country's profile, its figures and disputes, and the analysts' decisions."""
    from tierwatch.assessment.services import country_page
    from tierwatch.placements.figures import country_figures

    page = country_page(reader, code).to_dict()
    decided = page.pop("decisions")
    return {**page, **country_figures(reader, code), "decisions": decided}


def records(request: Request) -> Any:
    """Every country's record, read once per data version for every view of the whole
    record (years, panel, conflicts)."""
    from tierwatch.placements import all_records

    answers = request.app.state.answers
    return answers.memo("records", lambda: all_records(answers.reader()))


def list_flags(request: Request) -> list[dict[str, Any]]:
    from tierwatch.placements.knowledge import list_index

    answers = request.app.state.answers
    return answers.memo("list_flags", lambda: [
        flag.to_dict() for flag in list_index(answers.reader()).flags])


router = APIRouter()


@router.get("/countries", response_model=CountryList, responses=BAD_INPUT,
            summary="Every ranked government or territory (optionally of one region)")
def countries(request: Request, region: Annotated[Region | None, Query()] = None) -> Response:
    def compute() -> dict[str, Any]:
        found = all_countries() if region is None else in_region(region.value)
        return {"count": len(found), "region": None if region is None else region.value,
                "countries": [country_entry(c) for c in found]}

    return serve_prepared(request, compute)


@router.get("/countries/{name}", response_model=CountryAnswer,
            responses={**NOT_FOUND, **BAD_INPUT},
            summary="A country: placements by year with sources and basis, the watch-list "
                    "clock, lawful placements, consequences, conflicts, figures and "
                    "disputes, decisions")
def country(request: Request, name: CountryName) -> Response:
    code = resolve_country(name).code
    return serve_prepared(request,
                          lambda: country_answer(request.app.state.answers.reader(), code))


@router.get("/years/{year}", response_model=YearAnswer, responses={**NOT_FOUND, **BAD_INPUT},
            summary="A report year: tier lists, moves, forced downgrades, waivers, unknowns")
def report_year(request: Request, year: ReportYear) -> Response:
    from tierwatch.errors import UnknownYearError
    from tierwatch.placements import data_years
    from tierwatch.placements.knowledge import year_view_of

    checked_year(year)

    def compute() -> dict[str, Any]:
        held = data_years(request.app.state.answers.reader())
        if year not in held:
            raise from_tierwatch_error(UnknownYearError(
                f"report year {year}: the data holds report years {held[0]}-{held[-1]}"),
                "year")
        view = year_view_of(records(request), year).to_dict()
        view["list_flags"] = [flag for flag in list_flags(request)
                              if flag["report_year"] == year]
        return view

    return serve_prepared(request, compute)


def law_options(pairs: list[str]) -> Any:
    from tierwatch.placements.services import law_options as options_of

    try:
        return options_of(pairs)
    except TierwatchError as error:
        raise from_tierwatch_error(error, "option") from None


@router.get("/clock", response_model=ClockAnswer, responses={**NOT_FOUND, **BAD_INPUT},
            summary="The watch-list clock and lawful placements for any history, or a "
                    "country's recorded one")
def clock(request: Request,
          year: Annotated[int, Query(description="The report year asked about")],
          history: Annotated[str | None, Query(
              max_length=2000, description='e.g. "2019:2WL 2020:2WL" (codes 1 2 2WL 3 '
                                           'special unranked ?, +waiver, 1|2 for a set)')] = None,
          country: Annotated[str | None, Query(
              max_length=120, description="Read this country's recorded history instead")] = None,
          state_policy: Annotated[bool, Query(
              description="A government policy or pattern of trafficking was found")] = False,
          option: Annotated[list[str] | None, Query(
              description="An unsettled legal point, NAME=VALUE (as for the CLI)")] = None
          ) -> Response:
    from tierwatch.errors import InvalidInputError
    from tierwatch.law import evaluate_year, parse_history

    checked_year(year)
    options = law_options(option or [])
    if (history is None) == (country is None):
        raise from_tierwatch_error(InvalidInputError(
            "give either history or country (one of them)"), "history")
    code = None if country is None else resolve_country(country, "country").code
    parsed = None
    if history is not None:
        try:
            parsed = parse_history(history, strict=True)
        except TierwatchError as error:
            raise from_tierwatch_error(error, "history") from None

    def compute() -> dict[str, Any]:
        if code is None:
            assert parsed is not None
            return evaluate_year(parsed, year, state_policy=state_policy,
                                 options=options).to_dict()
        from tierwatch.assessment.services import clock_for_country

        return clock_for_country(request.app.state.answers.reader(), code, year,
                                 state_policy=state_policy, options=options).to_dict()

    try:
        return serve_prepared(request, compute)
    except TierwatchError as error:  # the law refusing this history for this year
        raise from_tierwatch_error(error, "history") from None


def _law_answer(year: int) -> dict[str, Any]:
    from tierwatch.placements.services import law_in_force

    return law_in_force(year).to_dict()


@router.get("/law", response_model=LawAnswer,
            summary="The provisions in force for the last report year the engine knows")
def law_now(request: Request) -> Response:
    from tierwatch.law import last_report_year

    return serve_prepared(request, lambda: _law_answer(last_report_year()))


@router.get("/law/{year}", response_model=LawAnswer, responses={**NOT_FOUND, **BAD_INPUT},
            summary="The provisions in force for a report year, with citations")
def law_of_year(request: Request, year: ReportYear) -> Response:
    checked_year(year)
    return serve_prepared(request, lambda: _law_answer(year))
