"""Compute endpoints, open to all: read a document (nothing stored unless asked, with a
token), assess evidence, what-if. Uploads are bounded (413) and typed (415)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Request
from starlette.responses import JSONResponse, Response

from tierwatch.api.answers import serve_prepared
from tierwatch.api.models import ProposalAnswer, ReadingAnswer, WhatIfAnswer
from tierwatch.api.problems import Problem, ProblemModel, bad_input, from_tierwatch_error
from tierwatch.api.read_routes import BAD_INPUT, NOT_FOUND, CountryName, Responses, resolve_country
from tierwatch.errors import TierwatchError

router = APIRouter()

MAX_UPLOAD_BYTES = 20 * 1024 * 1024
"""The reader's own limit on a document (``reading.loading.MAX_BYTES``)."""

DOCUMENT_TYPES = {"text/plain": "text", "text/html": "html", "application/xhtml+xml": "html",
                  "application/pdf": "pdf"}
_FORM_TYPES = ("multipart/form-data", "application/x-www-form-urlencoded")

_UPLOAD_ERRORS: Responses = {
    **BAD_INPUT,
    401: {"model": ProblemModel, "description": "store=true without a token"},
    403: {"model": ProblemModel, "description": "store=true with a token lacking the role"},
    413: {"model": ProblemModel, "description": "Upload too large"},
    415: {"model": ProblemModel, "description": "Unsupported media type"},
}
_READ_BODY = {"requestBody": {"required": True, "content": {
    "multipart/form-data": {"schema": {"type": "object", "properties": {
        "file": {"type": "string", "format": "binary",
                 "description": "A text, HTML or PDF document"},
        "text": {"type": "string", "description": "Or the text itself"}}}},
    "text/plain": {"schema": {"type": "string"}},
    "text/html": {"schema": {"type": "string"}},
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
}}}


def media_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def bounded_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it passes ``limit`` bytes."""
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise too_large(int(declared), limit)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise too_large(size, limit)
        chunks.append(chunk)
    return b"".join(chunks)


def too_large(size: int, limit: int) -> Problem:
    return Problem(413, "too-large", "Upload too large",
                   f"the upload is {size:,} bytes or more; the limit is {limit:,} bytes", "file")


async def uploaded_document(request: Request) -> tuple[str, bytes]:
    """The document's name and bytes, from a form (``file`` or ``text``) or a raw body."""
    kind = media_type(request)
    if kind in DOCUMENT_TYPES:
        return "<upload>", await bounded_body(request, MAX_UPLOAD_BYTES)
    if kind not in _FORM_TYPES:
        raise Problem(415, "unsupported-media-type", "Unsupported media type",
                      f"content type {kind or '(none)'!r}: send a form with 'file' or 'text', "
                      f"or the document as one of {', '.join(DOCUMENT_TYPES)}", "file")
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > MAX_UPLOAD_BYTES + 64 * 1024:
        raise too_large(int(declared), MAX_UPLOAD_BYTES)
    try:
        form = await request.form(max_files=1, max_fields=10,
                                  max_part_size=MAX_UPLOAD_BYTES)
    except Exception as error:  # the form parser's refusals: malformed or too large parts
        message = str(getattr(error, "detail", error)) or "malformed form"
        if "exceed" in message.lower() or "too large" in message.lower():
            raise too_large(MAX_UPLOAD_BYTES + 1, MAX_UPLOAD_BYTES) from None
        raise bad_input(f"form: {message}", "file") from None
    upload, text = form.get("file"), form.get("text")
    if isinstance(upload, str):
        upload, text = None, text or upload
    if upload is not None and text is not None:
        raise bad_input("give either a file or a text, not both", "file")
    if upload is not None:
        if upload.content_type and upload.content_type.split(";")[0] not in (
                *DOCUMENT_TYPES, "application/octet-stream"):
            raise Problem(415, "unsupported-media-type", "Unsupported media type",
                          f"file {upload.filename!r}: type {upload.content_type!r}; expected "
                          f"one of {', '.join(DOCUMENT_TYPES)}", "file")
        data = await upload.read(MAX_UPLOAD_BYTES + 1)
        if len(data) > MAX_UPLOAD_BYTES:
            raise too_large(len(data), MAX_UPLOAD_BYTES)
        name = (upload.filename or "<upload>").replace("\\", "/").rsplit("/", 1)[-1]
        return name or "<upload>", data
    if isinstance(text, str):
        return "<text>", text.encode("utf-8")
    raise bad_input("the form has neither 'file' nor 'text'", "file")


def read_document(name: str, data: bytes) -> Any:
    """The reading of one document; a refused document is a 400 naming it."""
    from tierwatch.reading.loading import load_bytes
    from tierwatch.reading.pipeline import read_loaded

    try:
        return read_loaded(load_bytes(name, data))
    except TierwatchError as error:
        raise bad_input(str(error), "file") from None
    except RecursionError:
        raise bad_input(f"{name}: nested too deeply to read", "file") from None


@router.post("/read", response_model=ReadingAnswer, responses=_UPLOAD_ERRORS,
             openapi_extra=_READ_BODY,
             summary="Read a text, HTML or PDF document: its claims with spans and reasons "
                     "(nothing stored; store=true with an analyst token stores them)")
async def read(request: Request,
               store: Annotated[bool, Query(description="Store the claims (token, role "
                                                        "analyst)")] = False) -> Response:
    from starlette.concurrency import run_in_threadpool

    token = None
    if store:
        from tierwatch.api.write_routes import authorised

        token = await run_in_threadpool(authorised, request, "analyst")
    name, data = await uploaded_document(request)
    reading = await run_in_threadpool(read_document, name, data)
    answer = reading.to_json()
    answer.pop("text", None)
    if token is not None:
        from tierwatch.api.write_routes import store_reading

        answer["stored"] = await run_in_threadpool(store_reading, request, token, reading)
    return JSONResponse(answer)


@router.post("/assess", response_model=ProposalAnswer, responses={**NOT_FOUND, **BAD_INPUT},
             summary="Propose a tier from evidence (JSON, the fields of `tierwatch "
                     "template`): each rule applied with its reason, what the evidence lacks")
def assess(request: Request,
           evidence: Annotated[dict[str, Any], Body(description="The evidence of one "
                                                                "assessment")]) -> Response:
    from tierwatch.assessment import parse_evidence
    from tierwatch.assessment.services import assess as assess_evidence

    try:
        parsed = parse_evidence(evidence, origin="evidence")
    except TierwatchError as error:
        raise bad_input(str(error), evidence_field(str(error))) from None
    return JSONResponse(assess_evidence(request.app.state.answers.reader(), parsed).to_dict())


def evidence_field(message: str, prefix: str = "") -> str:
    """``evidence: field figures.convictions: ...`` -> ``figures.convictions`` (after
    ``prefix``: the evidence's place in a larger request)."""
    marker = "field "
    if marker in message:
        return prefix + message.split(marker, 1)[1].split(":", 1)[0].strip()
    return prefix.rstrip(".") or "evidence"


@router.get("/whatif/{name}", response_model=WhatIfAnswer,
            responses={**NOT_FOUND, **BAD_INPUT},
            summary="The clock, lawful placements and consequences if assumed placements hold")
def whatif(request: Request, name: CountryName,
           assume: Annotated[str, Query(max_length=500, description='e.g. "2026=2WL 2027=2WL" '
                                                                    '(codes 1 2 2WL 3, +waiver)')]
           ) -> Response:
    from tierwatch.assessment import decisions, parse_assumptions, what_if
    from tierwatch.placements import country_record

    country = resolve_country(name)
    try:
        assumed = parse_assumptions(assume)
    except TierwatchError as error:
        raise from_tierwatch_error(error, "assume") from None

    def compute() -> dict[str, Any]:
        reader = request.app.state.answers.reader()
        record = country_record(reader, country.code)
        try:
            result = what_if(record.history, assumed, decisions(reader, country.code))
        except TierwatchError as error:
            raise from_tierwatch_error(error, "assume") from None
        return {"country": country.name, "code": country.code, **result}

    return serve_prepared(request, compute)
