"""The ASGI application: the versioned REST API and the dashboard's pages in one process.

One process holds no state a second one would need: more of them behind a proxy scale it out.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI

from tierwatch import __version__

API_PREFIX = "/api/v1"


def create_app(db: str | None = None) -> FastAPI:
    """The application on the store at ``db`` (a file or URL; default: ``$TIERWATCH_DB``,
    else the embedded store, seeded on first use)."""
    app = FastAPI(title="tierwatch", version=__version__,
                  description="The TIP Report tier system as code: placements, law, "
                              "evidence and consequences.",
                  openapi_url="/openapi.json", docs_url="/api/docs", redoc_url=None)
    app.state.db = db
    app.include_router(_api_router(), prefix=API_PREFIX)
    from tierwatch.web.pages import router as pages

    app.include_router(pages)
    return app


def _api_router() -> APIRouter:
    router = APIRouter()

    @router.get("/", summary="The API's version")
    def root() -> dict[str, Any]:
        return {"name": "tierwatch", "version": __version__}

    return router
