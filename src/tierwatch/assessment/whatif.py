"""What-if: the law on the stored history, with the standing decisions and the assumed
placements laid over it (an assumption wins over a decision for the same year)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tierwatch.assessment.log import Decision, decided_history, safe_text
from tierwatch.errors import InvalidInputError
from tierwatch.law import (
    TIER_CODES,
    PlacementHistory,
    PlacementYear,
    Tier,
    evaluate_year,
    validate_waivers,
)
from tierwatch.law.statute import last_report_year, validate_report_year

_KEYS = ("report_year", "recorded_placement", "recorded_waiver", "verdict", "verdict_reason",
         "watch_list_years", "waivers_used", "waivers_left", "tier3_forced_in",
         "downgrade_due_in", "lawful_placements", "uncertain_placements", "lawful_summary",
         "watch_list_needs_waiver", "consequences",
         "reason", "outlook", "explanation")


def parse_assumptions(text: str) -> list[PlacementYear]:
    """``"2026=2WL 2027=2WL+waiver"`` (codes of ``--history``) into placements."""
    assumed = []
    for token in text.replace(",", " ").split():
        year_text, sep, code = token.partition("=")
        waiver = code.endswith("+waiver")
        code = code.removesuffix("+waiver")
        if (not sep or not (year_text.isascii() and year_text.isdigit())
                or code not in TIER_CODES or code == "?"):
            raise InvalidInputError(
                "expected YEAR=CODE with CODE one of 1, 2, 2WL, 3, special, unranked (and "
                "+waiver), e.g. 2026=2WL", field="assume", value=token)
        year = validate_report_year(int(year_text))
        assumed.append(PlacementYear(year, TIER_CODES[code], waiver))
    if not assumed:
        raise InvalidInputError("give at least one YEAR=CODE", field="assume")
    years = [p.year for p in assumed]
    if len(set(years)) != len(years):
        raise InvalidInputError("a year is given twice", field="assume")
    return sorted(assumed, key=lambda p: p.year)


def what_if(history: PlacementHistory, assumptions: list[PlacementYear],
            decided: Iterable[Decision] = ()) -> dict[str, Any]:
    """For each assumed year and the year after: clock, lawful placements, consequences,
    and whether the assumed placement is lawful. Tier 3 consequences are listed under a year
    only when that year is Tier 3 (assumed, decided) or left open where the law forces it;
    an assumed placement the law forbids is marked unlawful instead."""
    changed, used = decided_history(history, decided)
    assumed_years = {p.year for p in assumptions}
    used = [decision for decision in used if decision.report_year not in assumed_years]
    by_year = {decision.report_year: decision for decision in used}
    for placement in assumptions:
        changed = changed.with_year(placement)
    for problem in validate_waivers(changed):  # clock --history refuses these as malformed
        placed = changed.get(problem.year)
        if problem.year in assumed_years and placed is not None and (
                placed.tier is not Tier.WATCH_LIST):
            raise InvalidInputError(problem.message, field="assume")
    years = sorted(assumed_years | {assumptions[-1].year + 1})
    rows = []
    for year in years:
        if year > last_report_year():
            rows.append({"report_year": year, "beyond_horizon": True})
            continue
        data = evaluate_year(changed, year).to_dict()
        row = {key: data[key] for key in _KEYS}
        placed = changed.get(year)
        tier = None if placed is None else placed.tier
        row["placement_from"] = ("assumed" if year in assumed_years else
                                 "decision" if year in by_year else
                                 "record" if tier is not None else None)
        if tier is not None and tier is not Tier.WATCH_LIST:
            row["tier3_forced_in"] = None  # the year is placed off the watch list: no run
        forced_only = row["consequences"] is not None and tier is not None and (
            tier is not Tier.TIER_3)
        row["consequences"] = None if forced_only else row["consequences"]
        row["consequences_if_lawful"] = data["consequences"] if forced_only else None
        rows.append(row)
    return {"history": changed.to_text(), "assumed": [p.code for p in assumptions],
            "decisions": [_decision_summary(d) for d in used], "years": rows}


def _decision_summary(decision: Decision) -> dict[str, Any]:
    return {"id": decision.id, "report_year": decision.report_year, "tier": decision.tier,
            "waiver": decision.waiver, "author": safe_text(decision.author),
            "justification": safe_text(decision.justification or "")}
