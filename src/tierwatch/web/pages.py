"""The dashboard's pages: the world map, a country, a report year, the law, the article
reader and the assessment form. Each builds one context dict from the services and answers it
as HTML or, at the same address with ``.json`` or ``?format=json``, as that dict in JSON.

The pages never talk to the database: they call the same functions as the CLI.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from tierwatch.errors import InvalidInputError, TierwatchError, UnknownCountryError
from tierwatch.errors import UnknownYearError as _UnknownYear
from tierwatch.web.geometry import INSTALL_LINE, AssetsMissingError, package_file
from tierwatch.web.rendering import error_page, page, split_suffix, wants_json

router = APIRouter(include_in_schema=False)

_NOT_FOUND = (UnknownCountryError, _UnknownYear)
SCRIPTS = {"htmx.min.js": ("htmx.org", "dist/htmx.min.js")}


def _reader(request: Request) -> Any:
    from tierwatch.statements import open_reader

    return open_reader(request.app.state.db)


def _failure(request: Request, error: TierwatchError, as_json: bool) -> Response:
    """A refused request: 404 for an unknown country or year, 400 for other bad input."""
    status = 404 if isinstance(error, _NOT_FOUND) else 400
    return error_page(request, status, str(error), as_json=as_json)


def parse_year(text: str | None, what: str = "year") -> int | None:
    """A report year typed in a form or a path (None when not given)."""
    if text is None or text == "":
        return None
    if not (text.isascii() and text.isdigit()) or len(text) > 4:
        raise InvalidInputError(f"{what} {text[:20]!r}: expected a report year in digits, "
                                "e.g. 2025")
    return int(text)


# -- the world map --------------------------------------------------------------------------


def map_page_context(reader: Any, year: int | None) -> dict[str, Any]:
    """The map's context for a report year (the latest held when None)."""
    from tierwatch.placements import data_years, year_view
    from tierwatch.web.world_map import map_context, without_geometry

    years = data_years(reader)
    chosen = years[-1] if year is None else year
    context = map_context(year_view(reader, chosen), years)
    try:
        context["without_geometry"] = [
            {"code": e["code"], "name": e["name"], "label": e["label"], "href": e["href"]}
            for e in without_geometry(context)]
        context["geometry_missing"] = None
    except AssetsMissingError as error:
        context["without_geometry"] = []
        context["geometry_missing"] = f"{error}"
    context["install_line"] = INSTALL_LINE
    return context


@router.get("/")
@router.get("/map")
@router.get("/map.json")
def world_map(request: Request) -> Response:
    as_json = wants_json(request, request.url.path.endswith(".json"))
    try:
        year = parse_year(request.query_params.get("year"))
        context = map_page_context(_reader(request), year)
    except TierwatchError as error:
        return _failure(request, error, as_json)
    return page(request, "map.html", context, as_json=as_json)


# -- a country ------------------------------------------------------------------------------


def country_page_context(reader: Any, name: str) -> dict[str, Any]:
    """Everything the country page shows: placements with sources and basis, the law's clock
    and outlook, consequences, conflicts, figures with claimants and disputes, decisions."""
    from tierwatch.assessment.log import decisions
    from tierwatch.placements import country_profile
    from tierwatch.reports.content import _figures

    profile = country_profile(reader, name)
    code = profile["code"]
    figures: list[dict[str, Any]] = []
    disputes: list[dict[str, Any]] = []
    for row in profile["placements"]:
        year_figures, year_disputes = _figures(reader, code, row["report_year"])
        figures += [{"report_year": row["report_year"], **f} for f in year_figures]
        disputes += [{"report_year": row["report_year"], **d} for d in year_disputes]
    consequences = [{"report_year": row["report_year"], **row["consequences"]}
                    for row in profile["placements"] if row["consequences"]]
    return {
        **profile,
        "timeline": [{"report_year": row["report_year"], "tier": row["tier"],
                      "placement": row["placement"], "basis": row["basis"]}
                     for row in profile["placements"]],
        "consequences": consequences,
        "figures": figures,
        "disputes": disputes,
        "decisions": [d.to_dict() for d in decisions(reader, code)],
    }


@router.get("/countries/{name}")
def country(request: Request, name: str) -> Response:
    stem, suffix = split_suffix(name)
    as_json = wants_json(request, suffix)
    try:
        context = country_page_context(_reader(request), stem)
    except TierwatchError as error:
        return _failure(request, error, as_json)
    return page(request, "country.html", context, as_json=as_json)


# -- a report year --------------------------------------------------------------------------


def year_page_context(reader: Any, year: int) -> dict[str, Any]:
    """The year's tier lists and moves (the ``year`` command's view), and the transition
    matrix from the year before (both years from one reading of the records)."""
    from tierwatch.placements import all_records, data_years
    from tierwatch.placements.knowledge import list_index, year_view_of

    years = data_years(reader)
    if year not in years:
        raise _UnknownYear(
            f"report year {year}: the data holds report years {years[0]}-{years[-1]}")
    records = all_records(reader)
    view = year_view_of(records, year)
    view["list_flags"] = [flag.to_dict() for flag in list_index(reader).flags
                          if flag.report_year == year]
    previous = year_view_of(records, year - 1) if year - 1 in years else None
    return {**view, "transitions": _transitions(previous, view)}


def _tier_of(view: dict[str, Any]) -> dict[str, str]:
    tiers = {item["code"]: tier for tier, items in view["tiers"].items() for item in items}
    tiers.update({item["code"]: item["label"] + " (deduced)" for item in view["deduced"]})
    tiers.update({item["code"]: "unknown" for item in view["unknown"]})
    return tiers


def _transitions(before: dict[str, Any] | None, after: dict[str, Any]) -> dict[str, Any] | None:
    """Counts of countries by (placement the year before, placement this year); deduced sets
    and unknown are rows and columns of their own, never folded into a tier."""
    if before is None:
        return None
    old, new = _tier_of(before), _tier_of(after)
    labels = sorted(set(old.values()) | set(new.values()), key=_label_order)
    cells: dict[str, dict[str, int]] = {row: dict.fromkeys(labels, 0) for row in labels}
    for code in sorted(set(old) & set(new)):
        cells[old[code]][new[code]] += 1
    return {"from_year": before["report_year"], "to_year": after["report_year"],
            "labels": labels, "rows": [{"from": row, "counts": [cells[row][col]
                                                                for col in labels]}
                                       for row in labels],
            "entered": sorted(set(new) - set(old)), "left": sorted(set(old) - set(new))}


_ORDER = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case", "not ranked")


def _label_order(label: str) -> tuple[int, str]:
    return (_ORDER.index(label) if label in _ORDER else len(_ORDER)
            + (1 if label == "unknown" else 0), label)


@router.get("/years")
def latest_year(request: Request) -> Response:
    from tierwatch.placements import data_years

    return RedirectResponse(f"/years/{data_years(_reader(request))[-1]}", status_code=302)


@router.get("/years/{name}")
def year(request: Request, name: str) -> Response:
    stem, suffix = split_suffix(name)
    as_json = wants_json(request, suffix)
    try:
        chosen = parse_year(stem, "report year")
        assert chosen is not None
        context = year_page_context(_reader(request), chosen)
    except TierwatchError as error:
        return _failure(request, error, as_json)
    return page(request, "year.html", context, as_json=as_json)


# -- the law --------------------------------------------------------------------------------


def law_page_context(year: int | None) -> dict[str, Any]:
    """The provisions in force for a report year, with their citations, and its calendar."""
    from tierwatch.law import (
        FIRST_REPORT_YEAR,
        last_report_year,
        provisions_in_force,
        report_calendar,
        validate_report_year,
    )

    chosen = validate_report_year(year if year is not None else last_report_year())
    return {"report_year": chosen,
            "years": list(range(FIRST_REPORT_YEAR, last_report_year() + 1)),
            "calendar": report_calendar(chosen).to_dict(),
            "provisions": [p.to_dict() for p in provisions_in_force(chosen)]}


@router.get("/law")
@router.get("/law.json")
def law(request: Request) -> Response:
    as_json = wants_json(request, request.url.path.endswith(".json"))
    try:
        context = law_page_context(parse_year(request.query_params.get("year")))
    except TierwatchError as error:
        return _failure(request, error, as_json)
    return page(request, "law.html", context, as_json=as_json)


# -- scripts and style ----------------------------------------------------------------------


@router.get("/assets/{name}")
def asset(request: Request, name: str) -> Response:
    """The page scripts, served from the installed npm packages (never a CDN)."""
    if name == "style.css":
        from importlib import resources

        css = resources.files("tierwatch.web").joinpath("templates/style.css").read_text()
        return Response(css, media_type="text/css")
    if name not in SCRIPTS:
        return error_page(request, 404, f"no asset {name!r}", as_json=False)
    try:
        path = package_file(*SCRIPTS[name])
    except AssetsMissingError as error:
        return error_page(request, 404, str(error), as_json=False)
    return FileResponse(path, media_type="text/javascript")

