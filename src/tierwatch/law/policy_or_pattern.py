"""A government policy or pattern of trafficking is proof of Tier 3 (from the 2019 report).

TVPA §110(b)(3)(B), 22 U.S.C. 7107(b)(3)(B), P.L. 115-425 §203(2)(C) (spec section 6). The
finding is an input flag supplied by the analyst; it is not the Child Soldiers Prevention Act
list. Cases: tests/law/cases/policy_or_pattern.yaml.
"""

from __future__ import annotations

from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.rules import Constraint, Situation
from tierwatch.law.statute import Provision, first_version, provision
from tierwatch.law.tiers import Tier

RULE = ids.POLICY_OR_PATTERN
NAME = "a government policy or pattern of trafficking"

POLICY_OR_PATTERN_KINDS: tuple[str, ...] = (
    "trafficking",
    "trafficking in government-funded programs",
    "forced labor in government-affiliated sectors",
    "sexual slavery in government camps, compounds or outposts",
    "employing or recruiting child soldiers",
)
"""The five kinds of government policy or pattern, clauses (i)-(v)."""


def version(report_year: int) -> Provision | None:
    return provision(RULE, report_year)


def constraint(situation: Situation) -> Constraint | None:
    if not situation.state_policy:
        return None  # no finding: the rule is not read
    found = version(situation.report_year)
    if found is None:
        return None
    return Constraint(RULE, found.citation, frozenset({Tier.TIER_3}))


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    """The finding never passes in silence: before 2019 the firing says it forces nothing."""
    if not situation.state_policy:
        return []
    year = situation.report_year
    found = version(year)
    if found is None:
        earliest = first_version(RULE)
        return [RuleFiring(
            RULE, earliest.citation,
            {"report_year": year, "state_policy": True, "in_force_from": earliest.first},
            f"{NAME} forces no tier in {year}: the rule governs reports from {earliest.first}",
        )]
    return [RuleFiring(
        RULE, found.citation, {"report_year": year, "state_policy": True},
        f"{NAME} is proof of failure to make significant efforts: Tier 3 only",
    )]


def excluded_reason(situation: Situation) -> str:
    return f"{NAME} forbids it"


def unlawful_reason(situation: Situation) -> str:
    return f"{NAME} requires Tier 3"


def required_reason() -> str:
    return f"required: {NAME}"


def required_verdict(year: int) -> str:
    return f"Tier 3 in {year} is what {NAME} requires"
