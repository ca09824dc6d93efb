"""The REST API (FastAPI, under ``/api/v1``) and the dashboard's pages, over the same services."""

from tierwatch.api.app import create_app

__all__ = ["create_app"]
