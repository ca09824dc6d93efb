"""A country's figures (investigations, convictions, victims, ...) with who states them, and
the disputes among them: the same quantity for the same year and period given different
values by different claimants (a government against the report, an NGO against both)."""

from __future__ import annotations

from typing import Any

from tierwatch.statements.model import MOVE, PREVIOUS_TIER, SPEAKER_STANCE, TIER, WAIVER
from tierwatch.statements.store import StatementReader

_NOT_FIGURES = {TIER, WAIVER, PREVIOUS_TIER, MOVE, SPEAKER_STANCE, "report_released"}


def is_figure(prop: str) -> bool:
    """Every property that is not a placement fact or a 3P policy score is a figure."""
    return prop not in _NOT_FIGURES and not prop.startswith("3p ")


def country_figures(reader: StatementReader, code: str) -> dict[str, Any]:
    """The figures stated about ``code``, each with its source and claimant, and the
    disputes among them (sorted: deterministic)."""
    figures = [s for s in reader.statements(country=code) if is_figure(s.prop)]
    rows = [{"report_year": s.report_year, "quantity": s.prop, "value": s.value,
             "unit": s.unit, "period": s.period, "qualifier": s.qualifier,
             "claimant": s.claimant, "source": s.source, "locator": s.locator,
             "excerpt": s.excerpt, "confidence": s.confidence} for s in figures]
    groups: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for row in rows:
        key = (row["report_year"] or 0, row["quantity"], row["period"] or "", row["unit"] or "")
        groups.setdefault(key, []).append(row)
    disputes = []
    for (year, quantity, period, unit), items in sorted(groups.items()):
        values = {item["value"] for item in items}
        claimants = {item["claimant"] for item in items}
        if len(values) > 1 and len(claimants) > 1:
            disputes.append({"report_year": year or None, "quantity": quantity,
                             "period": period or None, "unit": unit or None,
                             "claims": [{"value": item["value"], "claimant": item["claimant"],
                                         "source": item["source"], "locator": item["locator"]}
                                        for item in items]})
    return {"figures": rows, "disputes": disputes}
