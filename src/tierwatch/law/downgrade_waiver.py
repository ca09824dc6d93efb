"""The waiver of the automatic downgrade: the exception that can keep a country on Tier 2
Watch List after a full run, at most the cap of waiver years in one run (2 to the 2018
report, 1 from 2019).

TVPA §110(b)(2)(D)(ii), 22 U.S.C. 7107(b)(2)(D)(ii) (spec 5.2, 5.3). Overrides the automatic
downgrade only when granted; the one-year limit after a downgrade bars it. Cases:
tests/law/cases/downgrade_waiver.yaml.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from tierwatch.law import automatic_downgrade, policy_or_pattern
from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.rules import Constraint, Situation
from tierwatch.law.statute import Provision, provision
from tierwatch.law.tiers import RANKED_TIERS, Tier

if TYPE_CHECKING:
    from tierwatch.law.history import PlacementHistory
    from tierwatch.law.watch_list import ClockFacts

RULE = ids.DOWNGRADE_WAIVER
NAME = "a waiver of the automatic downgrade"


def version(report_year: int) -> Provision | None:
    """The cap in force for ``report_year`` (its value), or None before 2009."""
    return provision(RULE, report_year)


def cap(report_year: int) -> int | None:
    found = version(report_year)
    return None if found is None else int(found.value)


def counted(waiver_years: tuple[int, ...] | list[int], report_year: int,
            options: LawOptions) -> int:
    """Waiver years of the run that count against the cap in force for ``report_year``."""
    found = version(report_year)
    if found is None:
        return 0
    if options.waiver_cap_transition == "fresh_cap_from_2019":
        return sum(1 for year in waiver_years if year >= found.first)
    return len(waiver_years)


def constraint(situation: Situation) -> Constraint | None:
    s = situation.scenario
    found = version(situation.report_year)
    if not (s.downgrade_due and found is not None and s.waiver_available):
        return None
    return Constraint(RULE, found.citation, frozenset(RANKED_TIERS),
                      overrides=frozenset({automatic_downgrade.RULE}), exception=True)


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    s, year = situation.scenario, situation.report_year
    found = version(year)
    if found is None or not s.downgrade_due:
        return []
    inputs = {"report_year": year, "waivers_used": s.waivers_used, "cap": found.value}
    if RULE in applied and policy_or_pattern.RULE not in applied:
        return [RuleFiring(
            RULE, found.citation, inputs,
            f"a waiver can keep it on Tier 2 Watch List in {year}: {s.waivers_used} of "
            f"{found.value} waiver year{'s' if found.value != 1 else ''} used in this run",
        )]
    if RULE not in applied and s.limit_trigger is None and policy_or_pattern.RULE not in applied:
        return [RuleFiring(
            RULE, found.citation, inputs,
            f"no waiver is left for {year}: {s.waivers_used} of {found.value} used in this run",
        )]
    return []


def excluded_reason(situation: Situation) -> str:
    return automatic_downgrade.excluded_reason(situation)


def unlawful_reason(situation: Situation) -> str:
    return automatic_downgrade.unlawful_reason(situation)


def allowed_reason(waivers_left: int | None) -> str:
    return f"only with {NAME} ({waivers_left} left under the cap)"


def granted_verdict(year: int, used_before: int, cap_value: int | None) -> str:
    return (f"kept on Tier 2 Watch List in {year} by {NAME} ({used_before + 1} of {cap_value} "
            "in this run)")


def unrecorded_verdict(year: int) -> str:
    return (f"Tier 2 Watch List in {year} needed a waiver, and the data does not say whether "
            "one was granted")


def summary_clause(certain: bool) -> str:
    """The lawful-placements summary's words when the watch list needs a waiver."""
    return ("the watch list only with a waiver" if certain else
            "the watch list perhaps only with a waiver: it depends on unknown years")


def clock_firings(facts: ClockFacts, unknown_text: str) -> list[RuleFiring]:
    """The clock's count of the waivers used in the run against the cap of the year."""
    low, high = facts.low, facts.high
    year = low.report_year
    found = version(year)
    if found is None:
        return []
    if low.waivers_used == high.waivers_used:
        used = (f"{low.waivers_used} waiver year{'s' if low.waivers_used != 1 else ''} used in "
                f"this run ({automatic_downgrade.span(low.run.waiver_years)}); the cap for "
                f"{year} is {found.value}, {low.waivers_left} left")
    else:
        used = (f"{low.waivers_used} to {high.waivers_used} waiver years used in this run: "
                f"{unknown_text}; the cap for {year} is {found.value}")
    return [RuleFiring(
        RULE, found.citation,
        {"report_year": year, "waiver_years": sorted(low.run.waiver_years),
         "cap": found.value, "waivers_used": low.waivers_used},
        used,
    )]


@dataclass(frozen=True, slots=True)
class WaiverProblem:
    """A recorded waiver the law did not allow: the year, its token and why."""

    year: int
    token: str
    message: str


def validate_waivers(history: PlacementHistory,
                     options: LawOptions | None = None) -> list[WaiverProblem]:
    """Every recorded waiver the law of its year could not have granted, in year order.

    The CLI refuses a history with any (``parse_history(strict=True)``); the replay of real
    data calls this separately and reports the problems instead of failing.
    """
    from tierwatch.law import post_downgrade_limit
    from tierwatch.law.watch_list import history_tables, run_through, scenario

    options = options or DEFAULT_OPTIONS
    tables = history_tables(history, options)
    problems: list[WaiverProblem] = []
    for record in history:
        if not record.waiver:
            continue
        token = record.code
        prefix = f"history token {token!r}: waiver not allowed:"
        if record.tier is not Tier.WATCH_LIST:
            problems.append(WaiverProblem(record.year, token, (
                f"{prefix} {record.year} is {record.tier}, and a waiver keeps a country on "
                "Tier 2 Watch List")))
            continue
        needed = automatic_downgrade.years_needed(record.year)
        if needed is None:
            earliest = automatic_downgrade.first()
            problems.append(WaiverProblem(record.year, token, (
                f"{prefix} the automatic downgrade it waives governs reports from "
                f"{earliest.first} ({earliest.citation})")))
            continue
        facts = scenario(history, record.year, "break", ("break",), tables)
        if facts.limit_trigger is not None:
            limit = post_downgrade_limit.version(record.year)
            problems.append(WaiverProblem(record.year, token, (
                f"{prefix} after the downgrade to Tier 3 in {facts.limit_trigger} no waiver can "
                f"extend a watch-list run ({limit.citation if limit else ''})")))
            continue
        longest = run_through(history, record.year - 1, "extend", tables)
        if longest.length < needed:
            problems.append(WaiverProblem(record.year, token, (
                f"{prefix} only {longest.length} consecutive watch-list year"
                f"{'s' if longest.length != 1 else ''} before {record.year}; a waiver is "
                f"needed only after {needed}")))
            continue
        shortest = run_through(history, record.year - 1, "break", tables)
        found = version(record.year)
        cap_value = 0 if found is None else int(found.value)
        used = counted(shortest.waiver_years, record.year, options)
        if used >= cap_value:
            problems.append(WaiverProblem(record.year, token, (
                f"{prefix} beyond the cap: {used} waiver year{'s' if used != 1 else ''} already "
                f"used in this run ({automatic_downgrade.span(shortest.waiver_years)}) and the "
                f"cap for {record.year} is {cap_value} ({found.citation if found else ''})")))
    return problems
