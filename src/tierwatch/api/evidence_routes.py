"""Stored evidence, by token (role analyst) for writing and reading alike: the evidence a
ministry or an NGO prepares before a report may be sensitive, so it is not open like the
published record. Evidence is validated as ``POST /assess`` and ``tierwatch assess``
validate it; bad evidence is a 422 naming the field and stores nothing."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Depends, Path, Query, Request
from starlette.responses import JSONResponse, Response

from tierwatch.api.models import EvidenceEntry, StoredEvidenceModel
from tierwatch.api.problems import Problem, ProblemModel, bad_input, from_tierwatch_error
from tierwatch.api.read_routes import BAD_INPUT, NOT_FOUND, Responses
from tierwatch.api.write_routes import AUTH_ERRORS, authorised, bearer, record_write
from tierwatch.errors import TierwatchError

router = APIRouter(dependencies=[Depends(bearer)])

EXAMPLE = {"country": "KHM", "report_year": 2026,
           "significant_efforts": {"finding": "not significant"},
           "criteria": {"c01_prosecution": {"finding": "not met", "note": "no convictions"}},
           "state_policy": {"found": False}}
"""An evidence document (the fields of ``tierwatch template``), shown in the OpenAPI."""

_UNKNOWN: Responses = {
    404: {"model": ProblemModel, "description": "No stored evidence has this id"}}


@router.post("/evidence", status_code=201, response_model=StoredEvidenceModel,
             responses={**AUTH_ERRORS, **BAD_INPUT, 200: {
                 "model": StoredEvidenceModel,
                 "description": "The same document was stored already: its entry"}},
             summary="Store evidence (role analyst): validated as for /assess, kept as "
                     "canonical JSON with its SHA-256 digest, who recorded it and when")
def add(request: Request,
        evidence: Annotated[dict[str, Any], Body(description="The evidence of one "
                                                             "assessment",
                                                 examples=[EXAMPLE])]) -> Response:
    from tierwatch.api.compute_routes import evidence_field
    from tierwatch.assessment import parse_evidence
    from tierwatch.assessment.stored_evidence import record_evidence

    token = authorised(request, "analyst")
    try:
        parsed = parse_evidence(evidence, origin="evidence")
    except TierwatchError as error:
        raise bad_input(str(error), evidence_field(str(error)), status=422) from None
    store = request.app.state.answers.store()
    with store.transaction() as connection:
        stored = record_evidence(store, parsed, recorded_by=token.name, connection=connection)
        record_write(connection, token, "record evidence",
                     f"{stored.country} {stored.report_year}",
                     {"evidence": stored.id, "digest": stored.digest, "new": stored.new})
    request.app.state.answers.drop_all()
    return JSONResponse(stored.to_dict(), status_code=201 if stored.new else 200)


@router.get("/evidence", response_model=list[EvidenceEntry],
            responses={**AUTH_ERRORS, **NOT_FOUND, **BAD_INPUT},
            summary="The stored evidence (role analyst), oldest first, with the decisions "
                    "that name each; filtered by country and report year")
def listed(request: Request,
           country: Annotated[str | None, Query(min_length=1, max_length=120,
                                                description="A name, alias or code")] = None,
           year: Annotated[int | None, Query(description="A report year")] = None
           ) -> Response:
    from tierwatch.api.read_routes import checked_year, resolve_country
    from tierwatch.assessment.stored_evidence import list_evidence

    authorised(request, "analyst")
    code = None if country is None else resolve_country(country, "country").code
    if year is not None:
        checked_year(year)
    found = list_evidence(request.app.state.answers.store(), code, year)
    return JSONResponse([item.to_dict(with_document=False) for item in found])


@router.get("/evidence/{evidence_id}", response_model=StoredEvidenceModel,
            responses={**AUTH_ERRORS, **_UNKNOWN, **BAD_INPUT},
            summary="One stored evidence document (role analyst), whether it still matches "
                    "its digest, and the decisions that name it")
def one(request: Request,
        evidence_id: Annotated[int, Path(description="The id POST /evidence answered")]
        ) -> Response:
    from tierwatch.assessment.stored_evidence import UnknownEvidenceError, get_evidence

    authorised(request, "analyst")
    try:
        stored = get_evidence(request.app.state.answers.store(), evidence_id)
    except UnknownEvidenceError as error:
        raise Problem(404, "unknown-evidence", "Unknown evidence", str(error),
                      "evidence_id") from None
    except TierwatchError as error:
        raise from_tierwatch_error(error, "evidence_id") from None
    return JSONResponse(stored.to_dict())
