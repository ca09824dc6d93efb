"""Reports: a country report and an annual report, as HTML, Markdown and PDF, reproducible
byte for byte.

The names are loaded on first use (PEP 562): the dashboard draws its charts with
``tierwatch.reports.chart`` and should not pay for the report content and the law at start-up.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

from tierwatch.reports.render import FORMATS, chart_name, render  # light: no law, no content

if TYPE_CHECKING:
    from tierwatch.reports.content import annual_report, country_report

_HOMES = {"annual_report": "content", "country_report": "content"}


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tierwatch.reports' has no attribute {name!r}")
    return getattr(import_module(f"tierwatch.reports.{_HOMES[name]}"), name)


__all__ = ["FORMATS", "annual_report", "chart_name", "country_report", "render"]
