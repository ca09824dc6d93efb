"""Forced Tier 3 for a government policy or pattern of trafficking (spec section 6).

TVPA §110(b)(3)(B), 22 U.S.C. 7107(b)(3)(B), from the 2019 report. The finding is an input
flag supplied by the analyst; it is not the Child Soldiers Prevention Act list.
"""

from __future__ import annotations

from tierwatch.law.explanation import RuleFiring
from tierwatch.law.statute import first_version, provision

POLICY_OR_PATTERN_KINDS: tuple[str, ...] = (
    "trafficking",
    "trafficking in government-funded programs",
    "forced labor in government-affiliated sectors",
    "sexual slavery in government camps, compounds or outposts",
    "employing or recruiting child soldiers",
)
"""The five kinds of government policy or pattern, clauses (i)-(v)."""


def policy_or_pattern_applies(report_year: int, finding: bool) -> tuple[bool, RuleFiring | None]:
    """Whether the finding forces Tier 3 in ``report_year``, with the firing that says so.

    Before 2019 the finding has no statutory effect; the explanation says so rather than
    dropping the input silently.
    """
    if not finding:
        return False, None
    version = provision("policy_or_pattern", report_year)
    if version is None:
        first = first_version("policy_or_pattern")
        return False, RuleFiring(
            "policy_or_pattern", first.citation,
            {"report_year": report_year, "state_policy": True, "in_force_from": first.first},
            f"a government policy or pattern of trafficking forces no tier in {report_year}: "
            f"the rule governs reports from {first.first}",
        )
    return True, RuleFiring(
        "policy_or_pattern", version.citation,
        {"report_year": report_year, "state_policy": True},
        "a government policy or pattern of trafficking is proof of failure to make significant "
        "efforts: Tier 3 only",
    )
