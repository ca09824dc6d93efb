"""The dashboard's pages."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

router = APIRouter(include_in_schema=False)


@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> str:
    return "<!doctype html><html lang=en><title>tierwatch</title><h1>tierwatch</h1></html>"
