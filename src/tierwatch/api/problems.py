"""Errors as problem details (RFC 9457): ``type``, ``title``, ``status``, ``detail``, and the
request field that is wrong, so that a client can show the message beside the input.

Every error a user can cause (``TierwatchError``, a malformed request, a too large or
unsupported upload, a missing or wrong token) becomes a 4xx answer here; bad input never
reaches the client as a 500.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from dataclasses import field as default
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from tierwatch.errors import (
    InvalidInputError,
    TierwatchError,
    UnknownCountryError,
    UnknownYearError,
    Wording,
)

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_BASE = "tag:tierwatch,2026:problem:"

WORDING = Wording(label=str, turn_on='send "{label}": true', turn_off='send "{label}": false',
                  give='send "{label}"')
"""A refusal in the API's words: the request's own fields (JSON body or query), which are
the services' keywords."""


class ProblemModel(BaseModel):
    """The published shape of every error answer."""

    model_config = ConfigDict(extra="allow")

    type: str
    title: str
    status: int
    detail: str
    field: str | None = None
    suggestions: list[str] | None = None
    errors: list[dict[str, Any]] | None = None


@dataclass
class Problem(Exception):
    """An error answer the API raises on purpose (a refused token, an unsupported upload)."""

    status: int
    kind: str
    title: str
    detail: str
    field: str | None = None
    extra: dict[str, Any] = default(default_factory=dict)
    headers: dict[str, str] = default(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"type": _TYPE_BASE + self.kind, "title": self.title,
                                "status": self.status, "detail": self.detail}
        if self.field is not None:
            body["field"] = self.field
        body.update(self.extra)
        return body

    def response(self) -> Response:
        return Response(json.dumps(self.to_dict(), ensure_ascii=False), status_code=self.status,
                        media_type=PROBLEM_MEDIA_TYPE, headers=self.headers)


def bad_input(detail: str, field_name: str | None, status: int = 400) -> Problem:
    return Problem(status, "invalid-input", "Invalid input", detail, field_name)


def known_query_only(request: Request) -> None:
    """A dependency of every API route: a query parameter the route does not declare is
    refused (400, naming it and the ones it takes), not silently ignored: a misspelt
    ``?yeer=2020`` must not answer as if no year had been asked for."""
    route = request.scope.get("route")
    dependant = getattr(route, "dependant", None)
    if dependant is None:
        return
    declared: set[str] = set()
    pending = [dependant]
    while pending:  # the route's own parameters and those of its dependencies
        one = pending.pop()
        declared.update(param.alias for param in one.query_params)
        pending.extend(one.dependencies)
    unknown = sorted(set(request.query_params) - declared)
    if unknown:
        takes = ", ".join(sorted(declared)) or "none"
        raise bad_input(f"unknown query parameter {unknown[0]!r} (this endpoint takes: {takes})",
                        unknown[0])


def from_tierwatch_error(error: TierwatchError, field_name: str | None = None,
                         asked: str | None = None) -> Problem:
    """The project's own error as a problem: unknown names and years are 404, with the
    registry's near matches (of ``asked``) or the years there are as suggestions. The
    field is ``field_name`` if the route names it, else the one the error is about."""
    detail = error.worded(WORDING)
    field_name = field_name or error.input_name
    if isinstance(error, UnknownCountryError):
        from tierwatch.countries.registry import suggest

        extra = {"suggestions": suggest(asked) if asked else []}
        return Problem(404, "unknown-country", "Unknown country", detail,
                       field_name or "country", extra)
    if isinstance(error, UnknownYearError):
        from tierwatch.law import FIRST_REPORT_YEAR, last_report_year

        extra = {"suggestions": [f"{FIRST_REPORT_YEAR}-{last_report_year()}"]}
        return Problem(404, "unknown-year", "Unknown report year", detail,
                       field_name or "year", extra)
    from tierwatch.statements.properties import InvalidStatementError

    if isinstance(error, InvalidStatementError):  # well formed; the registry refuses it
        return Problem(422, "invalid-statement", "Invalid statement", detail, field_name)
    if isinstance(error, InvalidInputError):
        return bad_input(detail, field_name)
    return Problem(400, "refused", "Request refused", detail, field_name)


def _field_of(location: tuple[Any, ...] | list[Any]) -> str | None:
    """``('query', 'year')`` -> ``year``; ``('body', 'evidence', 'country')`` -> the dotted path."""
    parts = [str(part) for part in location if part not in ("query", "path", "body", "header")]
    return ".".join(parts) or None


def install(app: FastAPI) -> None:
    """Route every error through one shape."""

    @app.exception_handler(Problem)
    async def _problem(_request: Request, problem: Problem) -> Response:
        return problem.response()

    @app.exception_handler(TierwatchError)
    async def _tierwatch(_request: Request, error: TierwatchError) -> Response:
        return from_tierwatch_error(error).response()

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, error: RequestValidationError) -> Response:
        errors = [{"field": _field_of(item.get("loc", ())), "message": str(item.get("msg", ""))}
                  for item in error.errors()]
        first = errors[0] if errors else {"field": None, "message": "malformed request"}
        detail = "; ".join(f"{item['field'] or 'request'}: {item['message']}" for item in errors)
        return Problem(422, "invalid-request", "Invalid request", detail or "malformed request",
                       first["field"], {"errors": errors}).response()

    @app.exception_handler(StarletteHTTPException)
    async def _http(_request: Request, error: StarletteHTTPException) -> Response:
        kind = {404: "not-found", 405: "method-not-allowed"}.get(error.status_code, "http-error")
        title = {404: "Not found", 405: "Method not allowed"}.get(error.status_code, "Error")
        return Problem(error.status_code, kind, title, str(error.detail),
                       headers=dict(error.headers or {})).response()
