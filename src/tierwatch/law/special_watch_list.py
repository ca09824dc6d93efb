"""The special watch list; its (A)(iii) part is published as Tier 2 Watch List.

TVPA §110(b)(2)(A), 22 U.S.C. 7107(b)(2)(A), P.L. 108-193 (spec section 4). Its first report
is an unsettled point (``LawOptions.watch_list_first_report``). Cases:
tests/law/cases/special_watch_list.yaml.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.rules import Constraint, Situation
from tierwatch.law.statute import Provision, provision

if TYPE_CHECKING:
    from tierwatch.law.options import LawOptions

RULE = ids.SPECIAL_WATCH_LIST


def exists(report_year: int, options: LawOptions) -> bool:
    """True when the report of ``report_year`` has a Tier 2 Watch List."""
    return report_year >= options.watch_list_start()


def version(report_year: int, options: LawOptions) -> Provision:
    """The version in force (or, before the first report with a watch list, the first)."""
    found = provision(RULE, max(report_year, options.watch_list_start()))
    assert found is not None
    return found


def constraint(situation: Situation) -> Constraint | None:
    return None  # the lists carry it (tier_lists); this rule only explains its absence


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    year, options = situation.report_year, situation.options
    if exists(year, options):
        return []
    return [RuleFiring(
        RULE, version(year, options).citation,
        {"report_year": year, "watch_list_first_report": options.watch_list_start()},
        f"there is no Tier 2 Watch List in the {year} report: it starts with the "
        f"{options.watch_list_start()} report",
    )]


def excluded_reason(situation: Situation) -> str:
    return "not a placement in the law of this report year"


def unlawful_reason(situation: Situation) -> str:
    return f"there is no Tier 2 Watch List in the law of {situation.report_year}"
