"""The automatic downgrade: after two consecutive Tier 2 Watch List years (counted from the
2009 report), Tier 3 unless the country moves up or a waiver is granted.

TVPA §110(b)(2)(D)(i), 22 U.S.C. 7107(b)(2)(D)(i), P.L. 110-457 §107(a) (spec 5.1, 5.3). Its
exception is the waiver (``downgrade_waiver``); the one-year limit after a downgrade
(``post_downgrade_limit``) bars that exception. Cases: tests/law/cases/automatic_downgrade.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.rules import WITHOUT_WATCH_LIST, Constraint, Situation
from tierwatch.law.statute import Provision, first_version, provision

if TYPE_CHECKING:
    from tierwatch.law.watch_list import ClockFacts

RULE = ids.AUTOMATIC_DOWNGRADE
NAME = "the automatic downgrade"


def version(report_year: int) -> Provision | None:
    return provision(RULE, report_year)


def first() -> Provision:
    return first_version(RULE)


def counting_from() -> int:
    """First report year whose watch-list placement counts (the 2009 report)."""
    return int(first().value["counting_from"])


def years_needed(report_year: int) -> int | None:
    """Consecutive watch-list years after which Tier 3 is required; None before 2009."""
    found = version(report_year)
    return None if found is None else int(found.value["years"])


def constraint(situation: Situation) -> Constraint | None:
    found = version(situation.report_year)
    if not situation.scenario.downgrade_due or found is None:
        return None
    return Constraint(RULE, found.citation, WITHOUT_WATCH_LIST)


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    if RULE not in applied:
        return []
    s, year = situation.scenario, situation.report_year
    found = version(year)
    assert found is not None
    return [RuleFiring(
        RULE, found.citation,
        {"report_year": year, "watch_list_years": s.run.length,
         "years_before_tier3": found.value["years"]},
        f"after {s.run.length} consecutive Tier 2 Watch List years the {year} report must "
        "place the country on Tier 3 unless it moves up to Tier 1 or Tier 2 or a waiver "
        "is granted",
    )]


def excluded_reason(situation: Situation) -> str:
    return f"{NAME} forbids it and no waiver is left"


def unlawful_reason(situation: Situation) -> str:
    s = situation.scenario
    return (f"after {s.run.length} consecutive watch-list years and {s.waivers_used} of "
            f"{s.cap} waivers, {situation.report_year} had to be Tier 3 unless the country "
            "moved up")


def required_reason() -> str:
    """Why Tier 3 is lawful (and the choice short of moving up) while the downgrade applies."""
    return f"required by {NAME} unless it moves up"


def required_verdict(year: int) -> str:
    return f"Tier 3 in {year} is what {NAME} requires"


def no_waiver_recorded(year: int, run_length: int) -> str:
    return (f"Tier 2 Watch List in {year} after {run_length} watch-list years needed a "
            "waiver, and none is recorded")


def forced_reason(year: int, years_text: str) -> str:
    """The year view's words for a Tier 3 that followed a full run."""
    return f"{years_text} consecutive Tier 2 Watch List years before {year}: {NAME}"


def clock_firings(facts: ClockFacts, history_starts: int | None,
                  unknown_text: str) -> list[RuleFiring]:
    """The clock's count of the run (or that the rule is not yet in force)."""
    low, high = facts.low, facts.high
    year = low.report_year
    found = version(year)
    if found is None:
        earliest = first()
        return [RuleFiring(
            RULE, earliest.citation, {"report_year": year, "in_force_from": earliest.first},
            f"no automatic downgrade in the law of {year}: it governs reports from "
            f"{earliest.first}",
        )]
    if low.run.length == high.run.length:
        count = (f"{low.run.length} consecutive Tier 2 Watch List year"
                 f"{'s' if low.run.length != 1 else ''} through {year - 1}")
        if low.run.length:
            count += f" ({span(low.run.years)})"
    else:
        count = (f"{low.run.length} or {high.run.length} consecutive Tier 2 Watch List years "
                 f"through {year - 1}: {unknown_text}")
    count += f", counted from the {counting_from()} report"
    if history_starts is not None:
        count += f"; the history begins in {history_starts}"
    return [RuleFiring(
        RULE, found.citation,
        {"report_year": year, "run_years": sorted(low.run.years),
         "unknown_years": facts.unknown_years, "counting_from": counting_from(),
         "years_before_tier3": int(found.value["years"])},
        count,
    )]


def span(years: tuple[int, ...] | list[int]) -> str:
    """"2019-2021", "2019" or "none"."""
    ordered = sorted(years)
    if not ordered:
        return "none"
    if len(ordered) == 1:
        return str(ordered[0])
    return f"{ordered[0]}-{ordered[-1]}"
