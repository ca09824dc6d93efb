"""The one-year limit after a downgrade: a country downgraded to Tier 3 after a full watch-list
run may then stay on Tier 2 Watch List at most one consecutive year, "notwithstanding" the
waiver (none applies).

TVPA §110(b)(2)(F), 22 U.S.C. 7107(b)(2)(F), P.L. 115-425 §203(1)(B), from the 2019 report
(spec 5.4; the trigger and duration are unsettled points in ``LawOptions``). Cases:
tests/law/cases/post_downgrade_limit.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tierwatch.law import downgrade_waiver
from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.rules import WITHOUT_WATCH_LIST, Constraint, Situation
from tierwatch.law.statute import Provision, first_version, provision

if TYPE_CHECKING:
    from tierwatch.law.watch_list import ClockFacts

RULE = ids.POST_DOWNGRADE_LIMIT
NAME = "the one-year limit after a downgrade"
BARS = downgrade_waiver.RULE
"""The exception this rule takes away: the waiver of the automatic downgrade."""


def version(report_year: int) -> Provision | None:
    return provision(RULE, report_year)


def starts() -> int:
    """The first report year the limit governs (2019)."""
    return first_version(RULE).first


def limit_years(report_year: int) -> int | None:
    found = version(report_year)
    return None if found is None else int(found.value)


def constraint(situation: Situation) -> Constraint | None:
    s = situation.scenario
    found = version(situation.report_year)
    if s.limit_trigger is None or found is None:
        return None
    return Constraint(RULE, found.citation, WITHOUT_WATCH_LIST, overrides=frozenset({BARS}))


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    if RULE not in applied:
        return []
    s, year = situation.scenario, situation.report_year
    found = version(year)
    assert found is not None
    return [RuleFiring(
        RULE, found.citation,
        {"report_year": year, "downgraded_in": s.limit_trigger, "limit_years": found.value,
         "watch_list_years": s.run.length},
        f"having been downgraded to Tier 3 in {s.limit_trigger}, the country cannot stay on "
        f"Tier 2 Watch List for more than {found.value} consecutive year; no waiver applies",
    )]


def excluded_reason(situation: Situation) -> str:
    return f"{NAME} forbids it"


def unlawful_reason(situation: Situation) -> str:
    return (f"after the downgrade in {situation.scenario.limit_trigger} the country could stay "
            "on the watch list only one year, with no waiver")


def required_reason() -> str:
    return f"required by {NAME} unless it moves up"


def required_verdict(year: int) -> str:
    return f"Tier 3 in {year} is what {NAME} requires"


def forced_reason(downgraded_in: int | None) -> str:
    """The year view's words for a Tier 3 this limit forced."""
    return (f"back on Tier 2 Watch List after the downgrade of {downgraded_in}: {NAME}, which "
            "no waiver lifts")


def clock_firings(facts: ClockFacts, unknown_text: str) -> list[RuleFiring]:
    low, high = facts.low, facts.high
    year = low.report_year
    found = version(year)
    if found is None or (low.limit_trigger is None and high.limit_trigger is None):
        return []
    trigger = low.limit_trigger if low.limit_trigger is not None else high.limit_trigger
    certainty = "" if low.limit_trigger is not None else f" (possibly: {unknown_text})"
    return [RuleFiring(
        RULE, found.citation,
        {"report_year": year, "downgraded_in": trigger, "limit_years": found.value},
        f"after the downgrade to Tier 3 in {trigger} the country may stay on Tier 2 Watch "
        f"List at most {found.value} consecutive year, with no waiver{certainty}",
    )]
