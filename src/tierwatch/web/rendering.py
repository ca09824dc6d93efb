"""How a page answers: its context as HTML (a Jinja template) or as JSON (the same dict).

A page asks for JSON with a ``.json`` suffix on its path or ``?format=json``. Errors are a
page too: one clear message, a 4xx status, and a JSON twin ``{"error": ..., "status": ...}``.
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

from tierwatch.reports.chart import TIER_COLOURS, tier_chart
from tierwatch.web.world_map import fill_of, map_svg, swatch_svg

JSON_SUFFIX = ".json"


def timeline_chart(timeline: list[dict[str, Any]], title: str) -> str:
    """The report's tier chart of a country's timeline (unknown years drawn as unknown)."""
    return tier_chart([(row["report_year"], row["tier"]) for row in timeline], title=title)


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("tierwatch.web", "templates"),
                      autoescape=select_autoescape(("html", "j2")),
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.globals.update(tier_chart=tier_chart, swatch_svg=swatch_svg, fill_of=fill_of,
                       map_svg=map_svg, timeline_chart=timeline_chart,
                       tier_colours=TIER_COLOURS)
    env.filters["tojson_pretty"] = lambda value: json.dumps(value, indent=1, sort_keys=True,
                                                             ensure_ascii=False)
    return env


TEMPLATES = _environment()


def split_suffix(name: str) -> tuple[str, bool]:
    """``KHM.json`` -> (``KHM``, True); ``KHM`` -> (``KHM``, False)."""
    if name.endswith(JSON_SUFFIX):
        return name[: -len(JSON_SUFFIX)], True
    return name, False


def wants_json(request: Request, suffix: bool = False) -> bool:
    return suffix or request.query_params.get("format") == "json"


def json_response(context: dict[str, Any], status: int = 200) -> Response:
    body = json.dumps(context, ensure_ascii=False, sort_keys=True, indent=1)
    return Response(body + "\n", status_code=status, media_type="application/json")


def page(request: Request, template: str, context: dict[str, Any], *, as_json: bool,
         status: int = 200, fragment: str | None = None) -> Response:
    """The context as JSON, or rendered by ``template`` (``fragment``: the template used
    for an htmx request, which replaces only part of the page)."""
    if as_json:
        return json_response(context, status)
    name = fragment if fragment and request.headers.get("HX-Request") == "true" else template
    query = [(k, v) for k, v in request.query_params.multi_items() if k != "format"]
    json_href = request.url.path + "?" + urlencode([*query, ("format", "json")])
    html = TEMPLATES.get_template(name).render(ctx=context, path=request.url.path,
                                               json_href=json_href)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: str, *, as_json: bool) -> Response:
    """One clear message and a 4xx status, as a page or as JSON."""
    context = {"error": message, "status": status}
    return page(request, "error.html", context, as_json=as_json, status=status,
                fragment="error_fragment.html")
