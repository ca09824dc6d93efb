"""Write endpoints, by token and role: stored readings, evidence and decisions (analyst),
imports and tokens (admin). Each write and its audit row (who, when, what) are one transaction; a
refused request (no token, wrong role, bad input, a decision the law forbids) stores
nothing."""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, Depends, Request
from fastapi.security import HTTPBearer
from pydantic import BaseModel, ConfigDict, Field
from starlette.responses import JSONResponse, Response

from tierwatch.api.models import AuditEntryModel, DecisionModel, ImportAnswer, TokenModel
from tierwatch.api.problems import (
    WORDING,
    Problem,
    ProblemModel,
    bad_input,
    from_tierwatch_error,
)
from tierwatch.api.read_routes import BAD_INPUT, NOT_FOUND, Responses, resolve_country
from tierwatch.errors import TierwatchError, Wording
from tierwatch.statements.properties import InvalidStatementError

if TYPE_CHECKING:  # the access layer (and SQLAlchemy) are imported at the first write
    from tierwatch.access import TokenInfo

bearer = HTTPBearer(auto_error=False, description="A token from `tierwatch token create`")

AUTH_ERRORS: Responses = {
    401: {"model": ProblemModel, "description": "No token, or an unknown or revoked one"},
    403: {"model": ProblemModel, "description": "The token's role may not make this write"},
}
MAX_IMPORT_BYTES = 100 * 1024 * 1024

router = APIRouter(dependencies=[Depends(bearer)])


def _unauthorised(detail: str) -> Problem:
    return Problem(401, "unauthorised", "Unauthorised", detail, "Authorization",
                   headers={"www-authenticate": 'Bearer realm="tierwatch"'})


def authorised(request: Request, role: str) -> TokenInfo:
    """The token of the request if it may make a write needing ``role``; else 401 or 403."""
    header = request.headers.get("authorization", "")
    scheme, _, secret = header.partition(" ")
    if not header:
        raise _unauthorised("this write needs a token: Authorization: Bearer <token>")
    if scheme.lower() != "bearer" or not secret.strip():
        raise _unauthorised("Authorization: expected 'Bearer <token>'")
    return token_for(request, secret.strip(), role)


def token_for(request: Request, secret: str, role: str) -> TokenInfo:
    """The active token with this secret if its role may make a write needing ``role``;
    else 401 (no such token: unknown or revoked) or 403 (the role may not)."""
    from tierwatch.access import authenticate, may

    if not secret:
        raise _unauthorised("this needs a token (tierwatch token create --role analyst)")
    token = authenticate(request.app.state.answers.store(), secret)
    if token is None:
        raise _unauthorised("unknown or revoked token")
    if not may(token.role, role):
        raise Problem(403, "forbidden", "Forbidden",
                      f"token {token.name!r} has role {token.role!r}; this write needs "
                      f"{role!r}", "Authorization")
    return token


def record_write(connection: Any, token: TokenInfo, action: str, target: str | None,
                 detail: dict[str, Any]) -> None:
    from tierwatch.access import record_write as write_audit_row

    write_audit_row(connection, token, action, target, detail)


def _store(request: Request) -> Any:
    return request.app.state.answers.store()


def store_reading(request: Request, token: TokenInfo, reading: Any) -> dict[str, Any]:
    """The reading's claims and the document as their source, with the audit row."""
    from tierwatch.reading.statements import document_info, to_statements

    store = _store(request)
    statements = to_statements(reading)
    source = document_info(reading)
    with store.transaction() as connection:
        new = store.add(statements, [source], connection=connection)
        record_write(connection, token, "store reading", source.id,
                     {"statements": len(statements), "new": new})
    return {"source": source.id, "statements": len(statements), "new": new}


class DecisionRequest(BaseModel):
    """A decision to record; its author is the token's holder. Its evidence is given here
    (it is then stored with the decision) or named by the id of stored evidence."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [
        {"country": "KHM", "report_year": 2026, "tier": "3",
         "justification": "no significant efforts in the reporting period"}]})

    country: str = Field(min_length=1, max_length=120)
    report_year: int
    tier: str = Field(description="1, 2, 2WL or 3")
    waiver: bool = False
    justification: str | None = Field(default=None, max_length=20000)
    evidence: dict[str, Any] | None = Field(
        default=None, description="The evidence (as POST /evidence takes it), stored with "
                                  "the decision")
    evidence_id: int | None = Field(default=None, ge=1, le=2**63 - 1,
                                    description="Or the id of stored evidence")
    state_policy: bool = False
    against_record: bool = False


def _refused_field(error: TierwatchError, decision: DecisionRequest) -> str:
    """The request field a refusal of the assessment layer is about (the input or the
    setting it names); the tier when the law refuses the placement itself."""
    name = error.input_name
    if name == "evidence" and decision.evidence_id is not None:
        return "evidence_id"
    return name or "tier"


def record_decision_by(request: Request, token: TokenInfo, decision: DecisionRequest,
                       wording: Wording = WORDING) -> dict[str, Any]:
    """Check and record one decision by the token's holder, its evidence stored with it
    (or named), and the audit row, all in one transaction; a refusal is a problem (404 for
    an unknown country or year, 422 for unknown stored evidence, 400 for what the law or
    the log refuses, the field named) and stores nothing. The API and the dashboard's
    assessment page both record through here, each refusal in the ``wording`` of the one
    asking (the API's fields, the dashboard's form)."""
    from tierwatch.api.compute_routes import evidence_field
    from tierwatch.assessment import parse_evidence
    from tierwatch.assessment.services import (
        RecordedDecision,
        check_decision_input,
        decide_on_evidence,
    )
    from tierwatch.assessment.stored_evidence import UnknownEvidenceError
    from tierwatch.law import validate_report_year

    code = resolve_country(decision.country, "country").code
    try:
        validate_report_year(decision.report_year)
    except TierwatchError as error:
        raise from_tierwatch_error(error, "report_year") from None
    try:
        check_decision_input(code, decision.report_year, decision.tier)
    except TierwatchError as error:
        raise bad_input(error.worded(wording), "tier") from None
    if decision.evidence is not None and decision.evidence_id is not None:
        raise bad_input("give the evidence or the id of stored evidence, not both",
                        "evidence_id")
    evidence = None
    if decision.evidence is not None:
        try:
            evidence = parse_evidence(decision.evidence, origin="evidence")
        except TierwatchError as error:
            raise bad_input(str(error), evidence_field(str(error), "evidence.")) from None

    def audit(connection: Any, recorded: RecordedDecision) -> None:
        record_write(connection, token, "record decision", f"{code} {decision.report_year}",
                     {"decision": recorded.decision.id, "tier": recorded.decision.tier,
                      "waiver": decision.waiver,
                      "evidence": None if recorded.evidence is None else recorded.evidence.id})

    try:
        recorded = decide_on_evidence(
            _store(request), code, decision.report_year, decision.tier, author=token.name,
            waiver=decision.waiver, justification=decision.justification, evidence=evidence,
            evidence_id=decision.evidence_id, state_policy=decision.state_policy,
            against_record=decision.against_record, also=audit)
    except UnknownEvidenceError as error:
        raise Problem(422, "unknown-evidence", "Unknown evidence", str(error),
                      "evidence_id") from None
    except TierwatchError as error:
        raise bad_input(error.worded(wording), _refused_field(error, decision)) from None
    request.app.state.answers.drop_all()  # this process shows its own write at once
    return recorded.to_dict()


@router.post("/decisions", status_code=201, response_model=DecisionModel,
             responses={**AUTH_ERRORS, **NOT_FOUND, **BAD_INPUT},
             summary="Record a decision (role analyst): append-only and hash-chained; one "
                     "the law forbids is refused with the rule cited")
def record(request: Request, decision: DecisionRequest) -> Response:
    token = authorised(request, "analyst")
    return JSONResponse(record_decision_by(request, token, decision), status_code=201)


_IMPORT_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "required": ["files"], "properties": {
        "files": {"type": "array", "items": {"type": "string", "format": "binary"},
                  "description": "Public data files, named as their source names them"}}}}}}}


@router.post("/imports", status_code=201, response_model=ImportAnswer,
             responses={**AUTH_ERRORS, **BAD_INPUT,
                        413: {"model": ProblemModel, "description": "Upload too large"},
                        415: {"model": ProblemModel, "description": "Not a form upload"}},
             openapi_extra=_IMPORT_BODY,
             summary="Import data files (role admin), all in one transaction")
async def import_files(request: Request) -> Response:
    from starlette.concurrency import run_in_threadpool

    from tierwatch.api.compute_routes import media_type

    token = await run_in_threadpool(authorised, request, "admin")
    if media_type(request) != "multipart/form-data":
        raise Problem(415, "unsupported-media-type", "Unsupported media type",
                      "send the files as multipart/form-data, field 'files'", "files")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_IMPORT_BYTES:
        raise Problem(413, "too-large", "Upload too large",
                      f"{int(declared):,} bytes; the limit is {MAX_IMPORT_BYTES:,}", "files")
    try:
        form = await request.form(max_files=50, max_fields=5, max_part_size=MAX_IMPORT_BYTES)
    except Exception as error:
        raise bad_input(f"form: {getattr(error, 'detail', error)}", "files") from None
    uploads = [item for item in form.getlist("files") if not isinstance(item, str)]
    if not uploads:
        raise bad_input("no files in the form field 'files'", "files")
    named = [((item.filename or "").replace("\\", "/").rsplit("/", 1)[-1], await item.read())
             for item in uploads]
    return await run_in_threadpool(_import, request, token, named)


def _import(request: Request, token: TokenInfo, named: list[tuple[str, bytes]]) -> Response:
    from tierwatch.sources import read_source

    with tempfile.TemporaryDirectory() as scratch:
        batches = []
        for name, data in named:
            if not name or name in (".", "..") or not name.isprintable():
                raise bad_input(f"file name {name!r}: expected the data file's own name",
                                "files")
            path = Path(scratch) / name
            path.write_bytes(data)
            try:
                batches.append(read_source(path))
            except InvalidStatementError as error:  # a statement the registry refuses: 422
                raise from_tierwatch_error(error, "files") from None
            except TierwatchError as error:
                raise bad_input(str(error), "files") from None
            except (OSError, UnicodeError, ValueError) as error:
                raise bad_input(f"{name}: {error}", "files") from None
    store = _store(request)
    with store.transaction() as connection:
        added = [store.add(batch.statements, batch.sources, connection=connection)
                 for batch in batches]
        files = [{"file": batch.path.name, "source": batch.source.id,
                  "statements": len(batch.statements), "new": new}
                 for batch, new in zip(batches, added, strict=True)]
        record_write(connection, token, "import", ", ".join(f["file"] for f in files),
                     {"files": files})
    return JSONResponse({"files": files, "new": sum(added)}, status_code=201)


class TokenRequest(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(min_length=1, max_length=200)
    role: str = Field(description="analyst or admin")


@router.post("/tokens", status_code=201, response_model=TokenModel,
             responses={**AUTH_ERRORS, **BAD_INPUT},
             summary="Make a token (role admin); its secret is in this answer only")
def make_token(request: Request, wanted: TokenRequest) -> Response:
    from tierwatch.access import create_token

    token = authorised(request, "admin")
    store = _store(request)
    with store.transaction() as connection:
        try:
            made, secret = create_token(store, wanted.name, wanted.role, token.name,
                                        connection)
        except TierwatchError as error:
            raise bad_input(str(error), "role" if "role" in str(error) else "name") from None
        record_write(connection, token, "create token", f"token {made.id}",
                     {"name": made.name, "role": made.role})
    return JSONResponse({**made.to_dict(), "token": secret}, status_code=201)


@router.get("/tokens", response_model=list[TokenModel], responses=AUTH_ERRORS,
            summary="The tokens made (role admin): names, roles, revocations; never secrets")
def tokens(request: Request) -> Response:
    from tierwatch.access import list_tokens

    authorised(request, "admin")
    return JSONResponse([t.to_dict() for t in list_tokens(_store(request))])


@router.delete("/tokens/{token_id}", response_model=TokenModel,
               responses={**AUTH_ERRORS, **BAD_INPUT,
                          404: {"model": ProblemModel, "description": "No such active token"}},
               summary="Revoke a token (role admin)")
def revoke(request: Request, token_id: int) -> Response:
    from tierwatch.access import revoke_token

    token = authorised(request, "admin")
    store = _store(request)
    with store.transaction() as connection:
        try:
            revoked = revoke_token(store, token_id, connection)
        except TierwatchError as error:
            raise Problem(404, "unknown-token", "Unknown token", str(error),
                          "token_id") from None
        record_write(connection, token, "revoke token", f"token {revoked.id}",
                     {"name": revoked.name})
    return JSONResponse(revoked.to_dict())


@router.get("/writes", response_model=list[AuditEntryModel], responses=AUTH_ERRORS,
            summary="The audit trail (role admin): every write, who made it and when, newest "
                    "first")
def writes(request: Request) -> Response:
    from tierwatch.access import audit_trail

    authorised(request, "admin")
    return JSONResponse([entry.to_dict() for entry in audit_trail(_store(request))])
