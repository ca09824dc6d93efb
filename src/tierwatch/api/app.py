"""The ASGI application: the versioned REST API and the dashboard's pages in one process.

One process holds no state a second one would need (answers are prepared per data version
of the shared store, tokens and the audit trail live in the store): more of them behind a
proxy scale it out.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, FastAPI, Request
from starlette.responses import Response

from tierwatch import __version__
from tierwatch.api import openapi, problems
from tierwatch.api.answers import PreparedAnswers, StoreAnswers, serve_prepared
from tierwatch.api.models import ApiRoot

API_PREFIX = "/api/v1"


def create_app(db: str | None = None) -> FastAPI:
    """The application on the store at ``db`` (a file or URL; default: ``$TIERWATCH_DB``,
    else the embedded store, seeded on first use)."""
    app = FastAPI(title="tierwatch", version=__version__,
                  description="The TIP Report tier system as code: placements, law, "
                              "evidence and consequences. Errors are problem details "
                              "(RFC 9457); read answers carry an ETag.",
                  openapi_url="/openapi.json", docs_url="/api/docs", redoc_url=None)
    answers = StoreAnswers(db)
    answers.open()
    app.state.db = db
    app.state.answers = answers
    problems.install(app)
    openapi.install(app)
    app.include_router(_api_router(), prefix=API_PREFIX)
    from tierwatch.web.pages import router as pages

    app.include_router(pages)
    app.add_middleware(PreparedAnswers, answers=answers)
    return app


def _api_router() -> APIRouter:
    from tierwatch.api.compute_routes import router as compute_routes
    from tierwatch.api.evidence_routes import router as evidence_routes
    from tierwatch.api.read_routes import router as read_routes
    from tierwatch.api.record_routes import router as record_routes
    from tierwatch.api.write_routes import router as write_routes

    router = APIRouter(dependencies=[Depends(problems.known_query_only)])

    @router.get("/", summary="The API's version and where its data lives",
                response_model=ApiRoot)
    def root(request: Request) -> Response:
        def compute() -> dict[str, Any]:
            return {"name": "tierwatch", "version": __version__,
                    "data": {"countries": f"{API_PREFIX}/countries",
                             "clock": f"{API_PREFIX}/clock", "law": f"{API_PREFIX}/law"}}

        return serve_prepared(request, compute)

    router.include_router(read_routes)
    router.include_router(record_routes)
    router.include_router(compute_routes)
    router.include_router(write_routes)
    router.include_router(evidence_routes)
    return router
