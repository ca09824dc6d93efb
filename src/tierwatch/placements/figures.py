"""A country's figures (investigations, convictions, victims, ...) with who states them, and
the disputes among them by the knowledge base's one definition (``statements.disputes``: the
same figure given values that cannot all be true by different claimants)."""

from __future__ import annotations

from typing import Any

from tierwatch.statements.disputes import find_disputes, is_figure
from tierwatch.statements.properties import figure_label
from tierwatch.statements.store import StatementReader


def country_figures(reader: StatementReader, code: str) -> dict[str, Any]:
    """The figures stated about ``code``, each with its source and claimant, and the
    disputes among them (sorted: deterministic). A figure's ``quantity`` is its label, with
    the part it counts if any ("arrests (for rape)"; ``property`` and ``breakdown`` apart)."""
    figures = [s for s in reader.statements(country=code) if is_figure(s.prop)]
    rows = [{"report_year": s.report_year, "quantity": figure_label(s.prop, s.breakdown),
             "property": s.prop, "breakdown": s.breakdown, "value": s.value,
             "unit": s.unit, "period": s.period, "qualifier": s.qualifier,
             "claimant": s.claimant, "source": s.source, "locator": s.locator,
             "excerpt": s.excerpt, "confidence": s.confidence} for s in figures]
    return {"figures": rows, "disputes": [d.to_dict() for d in find_disputes(figures)]}
