"""The dashboard's pages: the world map, a country, a report year, the law, the article
reader and the assessment form. Each builds one context dict from the services and answers it
as HTML or, at the same address with ``.json`` or ``?format=json``, as that dict in JSON.

The pages never talk to the database: they call the same functions as the CLI.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from tierwatch.errors import InvalidInputError, TierwatchError, UnknownCountryError, Wording
from tierwatch.errors import UnknownYearError as _UnknownYear
from tierwatch.web.geometry import INSTALL_LINE, AssetsMissingError, package_file
from tierwatch.web.reader_view import Submitted, read_submission
from tierwatch.web.rendering import error_page, page, split_suffix, wants_json

router = APIRouter(include_in_schema=False)

_NOT_FOUND = (UnknownCountryError, _UnknownYear)
SCRIPTS = {"htmx.min.js": ("htmx.org", "dist/htmx.min.js")}


def _reader(request: Request) -> Any:
    """This thread's reader on the app's store."""
    return request.app.state.answers.reader()


class _Unkept(Exception):  # noqa: N818 - a carrier, not an error
    """A context not to keep (the map without its geometry, until it is installed)."""

    def __init__(self, context: dict[str, Any]) -> None:
        self.context = context


def _context(request: Request, build: Callable[[], dict[str, Any]]) -> tuple[dict[str, Any],
                                                                               bool]:
    """A page's context, built once per version of the store's data for the page and its
    JSON twin alike (the key leaves out ``.json`` and ``format``); whether it was kept."""
    from tierwatch.api.answers import Prepared

    query = urlencode(sorted((k, v) for k, v in request.query_params.multi_items()
                             if k != "format"))
    key = "context:" + request.url.path.removesuffix(".json") + "?" + query

    def compute() -> Prepared:
        context = build()
        if context.get("geometry_missing"):
            raise _Unkept(context)
        return Prepared.of_json(context)

    try:
        return json.loads(request.app.state.answers.prepare(key, compute).body), True
    except _Unkept as unkept:
        return unkept.context, False


def _served(request: Request, template: str, build: Callable[[], dict[str, Any]], *,
            as_json: bool) -> Response:
    """A read page prepared once per version of the store's data (the pages are functions
    of the data), with ETag and 304; bad input is a 4xx page, never kept."""
    from tierwatch.api.answers import Prepared, cache_key

    try:
        context, kept = _context(request, build)
    except TierwatchError as error:
        return _failure(request, error, as_json)
    response = page(request, template, context, as_json=as_json)
    if not kept:
        return response
    key = cache_key(request.url.path, request.scope["query_string"])
    prepared = request.app.state.answers.prepare(
        key, lambda: Prepared.of_bytes(bytes(response.body), response.media_type or "text/html"))
    served: Response = prepared.response(request)
    return served


def _failure(request: Request, error: TierwatchError, as_json: bool) -> Response:
    """A refused request: 404 for an unknown country or year, 400 for other bad input."""
    status = 404 if isinstance(error, _NOT_FOUND) else 400
    return error_page(request, status, error.worded(WORDING), as_json=as_json)


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
    context = map_context(year_view(reader, chosen).to_dict(), years)
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
    return _served(request, "map.html", lambda: map_page_context(
        _reader(request), parse_year(request.query_params.get("year"))), as_json=as_json)


# -- a country ------------------------------------------------------------------------------


def country_page_context(reader: Any, name: str) -> dict[str, Any]:
    """Everything the country page shows: placements with sources and basis, the law's clock
    and outlook, consequences, conflicts, figures with claimants and disputes, decisions."""
    from tierwatch.assessment.services import country_page
    from tierwatch.placements.figures import country_figures

    profile = country_page(reader, name).to_dict()  # the profile and the decisions
    held = country_figures(reader, profile["code"])
    consequences = [{"report_year": row["report_year"], **row["consequences"]}
                    for row in profile["placements"] if row["consequences"]]
    return {
        **profile,
        "timeline": [{"report_year": row["report_year"], "tier": row["tier"],
                      "placement": row["placement"], "basis": row["basis"]}
                     for row in profile["placements"]],
        "consequences": consequences,
        "figures": held["figures"],
        "disputes": held["disputes"],
    }


@router.get("/countries/{name}")
def country(request: Request, name: str) -> Response:
    stem, suffix = split_suffix(name)
    as_json = wants_json(request, suffix)
    return _served(request, "country.html", lambda: country_page_context(_reader(request), stem),
                   as_json=as_json)


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
    view = year_view_of(records, year).to_dict()
    view["list_flags"] = [flag.to_dict() for flag in list_index(reader).flags
                          if flag.report_year == year]
    previous = year_view_of(records, year - 1).to_dict() if year - 1 in years else None
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
    def build() -> dict[str, Any]:
        chosen = parse_year(stem, "report year")
        assert chosen is not None  # the path has a segment
        return year_page_context(_reader(request), chosen)

    return _served(request, "year.html", build, as_json=as_json)


# -- the law --------------------------------------------------------------------------------


def law_page_context(year: int | None) -> dict[str, Any]:
    """The provisions in force for a report year, with their citations, and its calendar."""
    from tierwatch.law import FIRST_REPORT_YEAR, last_report_year
    from tierwatch.placements.services import law_in_force

    law = law_in_force(year).to_dict()
    return {**law, "years": list(range(FIRST_REPORT_YEAR, last_report_year() + 1))}


@router.get("/law")
@router.get("/law.json")
def law(request: Request) -> Response:
    as_json = wants_json(request, request.url.path.endswith(".json"))
    return _served(request, "law.html", lambda: law_page_context(
        parse_year(request.query_params.get("year"))), as_json=as_json)


# -- the article reader ---------------------------------------------------------------------


def _reader_form(reading: dict[str, Any] | None, pasted: str | None) -> dict[str, Any]:
    from tierwatch.reading.loading import MAX_BYTES

    return {"reading": reading, "pasted": pasted, "limit_mb": MAX_BYTES // (1024 * 1024)}


@router.get("/reader")
@router.get("/reader.json")
def reader_form(request: Request) -> Response:
    as_json = wants_json(request, request.url.path.endswith(".json"))
    return page(request, "reader.html", _reader_form(None, None), as_json=as_json)


class _TooLarge(InvalidInputError):
    """An upload over the reader's size limit (413)."""


async def _submission(request: Request) -> tuple[Submitted, str | None]:
    """The document the reader's form sent: the uploaded file if one was chosen, else the
    pasted text."""
    from starlette.datastructures import UploadFile

    from tierwatch.reading.loading import MAX_BYTES

    try:
        form = await request.form(max_files=1, max_fields=10, max_part_size=MAX_BYTES + 1)
    except Exception as error:  # the multipart parser's own refusals name the problem
        raise InvalidInputError(f"the form could not be read: {error}") from error
    upload = form.get("file")
    pasted = form.get("text")
    text = pasted if isinstance(pasted, str) else None
    if isinstance(upload, UploadFile) and upload.filename:
        data = await upload.read(MAX_BYTES + 1)
        if len(data) > MAX_BYTES:
            raise _TooLarge(f"{upload.filename}: too large (over {MAX_BYTES // 1024 // 1024} "
                            "MB, the reader's limit)")
        return Submitted(upload.filename, data), text
    if text is None or not text.strip():
        raise InvalidInputError("nothing to read: paste a text or choose a file")
    data = text.encode("utf-8")
    if len(data) > MAX_BYTES:
        raise _TooLarge(f"the pasted text is too large (over {MAX_BYTES // 1024 // 1024} MB)")
    return Submitted("the pasted text", data), text


@router.post("/reader")
@router.post("/reader.json")
async def read_document(request: Request) -> Response:
    """Read what the form sent (in a worker thread: a long PDF takes seconds)."""
    from starlette.concurrency import run_in_threadpool

    as_json = wants_json(request, request.url.path.endswith(".json"))
    try:
        submitted, pasted = await _submission(request)
        reading = await run_in_threadpool(read_submission, submitted)
    except _TooLarge as error:
        return error_page(request, 413, str(error), as_json=as_json)
    except TierwatchError as error:
        return _failure(request, error, as_json)
    return page(request, "reader.html", _reader_form(reading, pasted), as_json=as_json,
                fragment="reader_result.html")


# -- the assessment -------------------------------------------------------------------------

RECORD_LABELS = {"token": "Analyst token", "tier": "Tier", "waiver": "Waiver",
                 "against_record": "Against the published record",
                 "justification": "Justification", "evidence": "Evidence",
                 "author": "Analyst token"}
"""The record form's labels, by the service's names for its inputs: the form shows them and
a refusal names them (the author is the token's holder)."""


def _form_label(name: str) -> str:
    return RECORD_LABELS.get(name, name.replace("_", " "))


WORDING = Wording(label=_form_label, turn_on='tick "{label}"', turn_off='untick "{label}"',
                  give='fill in "{label}"')
"""A refusal in the dashboard's words: the fields of its forms."""

RECORDING_NOTE = ("Recording needs an analyst's token (tierwatch token create --role analyst): "
                  "it is sent with the request and never kept in the page. The author is "
                  "the token's holder; the evidence above is stored with the decision.")
DECIDED_TIERS = ("1", "2", "2WL", "3")


def _recording() -> dict[str, Any]:
    """What the record form offers: the tiers a decision can place, and how it works."""
    from tierwatch.law import TIER_CODES

    return {"note": RECORDING_NOTE, "labels": RECORD_LABELS,
            "tiers": [{"code": code, "label": str(TIER_CODES[code])} for code in DECIDED_TIERS]}


def _assessment_context(code: str | None, year_text: str | None) -> dict[str, Any]:
    from tierwatch.countries import all_countries, lookup
    from tierwatch.law import last_report_year, validate_report_year
    from tierwatch.web.assessment_form import form_sections

    year = parse_year(year_text) or last_report_year()
    validate_report_year(year)
    country = None if not code else lookup(code)
    return {"countries": [{"code": c.code, "name": c.name} for c in all_countries()],
            "code": None if country is None else country.code,
            "country": None if country is None else country.name,
            "report_year": year,
            "sections": [] if country is None else form_sections(year),
            "values": {}, "proposal": None, "recording": _recording(), "decision": None}


@router.get("/assess")
@router.get("/assess.json")
def assessment_form(request: Request) -> Response:
    as_json = wants_json(request, request.url.path.endswith(".json"))
    query = request.query_params
    return _served(request, "assess.html",
                   lambda: _assessment_context(query.get("country"), query.get("year")),
                   as_json=as_json)


@router.post("/assess")
@router.post("/assess.json")
async def assess(request: Request) -> Response:
    """The proposal for the evidence in the form, with its reasons."""
    from tierwatch.assessment import parse_evidence
    from tierwatch.assessment.services import assess as assess_evidence
    from tierwatch.web.assessment_form import evidence_data

    as_json = wants_json(request, request.url.path.endswith(".json"))
    query = request.query_params
    try:
        context = _assessment_context(query.get("country"), query.get("year"))
        if context["code"] is None:
            raise InvalidInputError("country: choose the country to assess")
        form = await request.form(max_files=0, max_fields=200)
        values: dict[str, list[str]] = {}
        for name, value in form.multi_items():
            values.setdefault(name, []).append(value if isinstance(value, str) else "")
        data = evidence_data(context["code"], context["report_year"], context["sections"],
                             values)
        evidence = parse_evidence(data, origin="the evidence form")
        proposal = assess_evidence(_reader(request), evidence).to_dict()
    except TierwatchError as error:
        return _failure(request, error, as_json)
    shown = {name: (items if name == "state_policy.kinds" else items[-1])
             for name, items in values.items()}
    context.update({"values": shown, "proposal": proposal, "evidence": data})
    return page(request, "assess.html", context, as_json=as_json,
                fragment="assess_result.html")


MAX_EVIDENCE_BYTES = 256 * 1024


_TICKED = ("yes", "on", "true")


def _recording_request(form: Any, code: str, year: int) -> Any:
    """The decision the record form asks for (the evidence is the hidden field the
    proposal filled), as the API's request: the same checks and the same recording."""
    from pydantic import ValidationError

    from tierwatch.api.write_routes import DecisionRequest

    def text(name: str) -> str | None:
        value = form.get(name)
        return value if isinstance(value, str) else None

    evidence = None
    document = text("evidence")
    if document:
        if len(document) > MAX_EVIDENCE_BYTES:
            raise InvalidInputError("evidence: too large for one assessment")
        try:
            evidence = json.loads(document)
        except ValueError as error:
            raise InvalidInputError(f"evidence: not the form's evidence ({error})") from None
        if not isinstance(evidence, dict):
            raise InvalidInputError("evidence: expected the form's evidence as a mapping")
    justification = (text("justification") or "").strip() or None
    try:
        return DecisionRequest(country=code, report_year=year, tier=text("tier") or "",
                               waiver=text("waiver") in _TICKED,
                               against_record=text("against_record") in _TICKED,
                               justification=justification, evidence=evidence)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "decision"
        raise InvalidInputError(f"{where}: {first['msg']}") from None


@router.get("/assess/decision")
def decision_form(request: Request) -> Response:
    """A decision is recorded by the form's POST; a visit here goes to the form."""
    query = urlencode([(k, v) for k, v in request.query_params.multi_items()
                       if k in ("country", "year")])
    return RedirectResponse("/assess" + (f"?{query}" if query else ""), status_code=303)


@router.post("/assess/decision")
@router.post("/assess/decision.json")
async def record_decision(request: Request) -> Response:
    """Record the decision of the record form with its token, through the service the API's
    ``POST /api/v1/decisions`` uses: the decision (its log entry and hash) or the refusal
    (no, unknown or revoked token; what the law or the log refuses) as one clear message.
    The token is read from the form and never written back into a page or a log."""
    from starlette.concurrency import run_in_threadpool

    from tierwatch.api.problems import Problem
    from tierwatch.api.write_routes import record_decision_by, token_for

    as_json = wants_json(request, request.url.path.endswith(".json"))
    query = request.query_params
    try:
        context = _assessment_context(query.get("country"), query.get("year"))
        if context["code"] is None:
            raise InvalidInputError("country: choose the country of the decision")
        try:
            form = await request.form(max_files=0, max_fields=20,
                                      max_part_size=MAX_EVIDENCE_BYTES + 1024)
        except Exception as error:  # the form parser's own refusals name the problem
            raise InvalidInputError(f"the form could not be read: {error}") from error
    except TierwatchError as error:
        return _failure(request, error, as_json)
    secret = form.get("token")
    secret = secret.strip() if isinstance(secret, str) else ""

    def record() -> dict[str, Any]:
        token = token_for(request, secret, "analyst")
        wanted = _recording_request(form, context["code"], context["report_year"])
        return record_decision_by(request, token, wanted, WORDING)

    try:
        recorded = await run_in_threadpool(record)
    except Problem as problem:
        return error_page(request, problem.status, f"not recorded: {problem.detail}",
                          as_json=as_json)
    except TierwatchError as error:
        return error_page(request, 400, f"not recorded: {error.worded(WORDING)}",
                          as_json=as_json)
    context["decision"] = recorded
    return page(request, "assess.html", context, as_json=as_json, status=201,
                fragment="decision_result.html")


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

