"""The published OpenAPI document, made to say what the API does: errors are problem details
(``application/problem+json``, one shape), and every operation with parameters says it may
answer 400, 404 or 422 with one."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from tierwatch.api.problems import PROBLEM_MEDIA_TYPE, ProblemModel

_PROBLEM_REF = {"$ref": "#/components/schemas/ProblemModel"}


def install(app: FastAPI) -> None:
    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            app.openapi_schema = _rewrite(get_openapi(
                title=app.title, version=app.version, description=app.description,
                routes=app.routes))
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]


def _rewrite(schema: dict[str, Any]) -> dict[str, Any]:
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components["ProblemModel"] = ProblemModel.model_json_schema(
        ref_template="#/components/schemas/{model}")
    for name in ("HTTPValidationError", "ValidationError"):
        components.pop(name, None)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            if operation.get("parameters") or operation.get("requestBody"):
                for status in ("400", "422"):
                    responses.setdefault(status, {"description": "Bad input"})
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    response["content"] = {PROBLEM_MEDIA_TYPE: {"schema": _PROBLEM_REF}}
    return schema
