"""What-if: the law on the stored history with assumed placements laid over it."""

from __future__ import annotations

from typing import Any

from tierwatch.errors import InvalidInputError
from tierwatch.law import TIER_CODES, PlacementHistory, PlacementYear, evaluate_year
from tierwatch.law.statute import last_report_year, validate_report_year


def parse_assumptions(text: str) -> list[PlacementYear]:
    """``"2026=2WL 2027=2WL+waiver"`` (codes of ``--history``) into placements."""
    assumed = []
    for token in text.replace(",", " ").split():
        year_text, sep, code = token.partition("=")
        waiver = code.endswith("+waiver")
        code = code.removesuffix("+waiver")
        if not sep or not year_text.isdigit() or code not in TIER_CODES or code == "?":
            raise InvalidInputError(
                f"--assume {token!r}: expected YEAR=CODE with CODE one of 1, 2, 2WL, 3, "
                "special, unranked (and +waiver), e.g. 2026=2WL")
        year = validate_report_year(int(year_text))
        assumed.append(PlacementYear(year, TIER_CODES[code], waiver))
    if not assumed:
        raise InvalidInputError("--assume: give at least one YEAR=CODE")
    years = [p.year for p in assumed]
    if len(set(years)) != len(years):
        raise InvalidInputError("--assume: a year is given twice")
    return sorted(assumed, key=lambda p: p.year)


def what_if(history: PlacementHistory, assumptions: list[PlacementYear]) -> dict[str, Any]:
    """For each assumed year and the year after: clock, lawful placements, consequences,
    and whether the assumed placement is lawful."""
    changed = history
    for placement in assumptions:
        changed = changed.with_year(placement)
    years = sorted({p.year for p in assumptions} | {assumptions[-1].year + 1})
    rows = []
    for year in years:
        if year > last_report_year():
            rows.append({"report_year": year, "beyond_horizon": True})
            continue
        data = evaluate_year(changed, year).to_dict()
        rows.append({key: data[key] for key in (
            "report_year", "recorded_placement", "recorded_waiver", "verdict", "verdict_reason",
            "watch_list_years", "waivers_used", "waivers_left", "tier3_forced_in",
            "downgrade_due_in", "lawful_placements", "watch_list_needs_waiver",
            "consequences", "reason", "outlook", "explanation")})
    return {"history": changed.to_text(), "assumed": [p.code for p in assumptions],
            "years": rows}
