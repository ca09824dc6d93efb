"""The three statutory lists, and from the watch list's first report the Tier 2 Watch List
within Tier 2: the base rule every report year starts from.

TVPA §110(b)(1)(A)-(C), 22 U.S.C. 7107(b)(1) (spec section 3). Cases:
tests/law/cases/tier_lists.yaml.
"""

from __future__ import annotations

from tierwatch.law import provision_ids as ids
from tierwatch.law import special_watch_list
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.rules import WITHOUT_WATCH_LIST, Constraint, Situation
from tierwatch.law.statute import Provision, provision
from tierwatch.law.tiers import RANKED_TIERS, Tier

RULE = ids.TIER_LISTS
SUMMARY = "lawful_placements"
"""The id of the firing that sums up what the rules allow together (cites the lists)."""
NO_RECORD = "no_record"
"""The id of the firing of a year with no recorded placement (nothing to judge)."""
CHECK = "placement_check"
"""The id of the firing that judges a recorded placement."""

ALLOWED_REASONS: dict[Tier, str] = {
    Tier.TIER_1: "if the government fully complies with the minimum standards",
    Tier.TIER_2: "if it does not fully comply but makes significant efforts",
    Tier.WATCH_LIST: "if it is on Tier 2 and a special watch list criterion applies",
    Tier.TIER_3: "if it does not fully comply and makes no significant efforts",
}


def version(report_year: int) -> Provision:
    found = provision(RULE, report_year)
    assert found is not None, "the lists govern every report year"
    return found


def constraint(situation: Situation) -> Constraint:
    year = situation.report_year
    lists = version(year)
    if not special_watch_list.exists(year, situation.options):
        return Constraint(RULE, lists.citation, WITHOUT_WATCH_LIST)
    watch = special_watch_list.version(year, situation.options)
    return Constraint(RULE, f"{lists.citation}; {watch.citation}", frozenset(RANKED_TIERS))


def fired(situation: Situation, applied: frozenset[str]) -> list[RuleFiring]:
    return []


def excluded_reason(situation: Situation) -> str:
    return "not a placement in the law of this report year"


def unlawful_reason(situation: Situation) -> str:
    return f"not a placement in the law of {situation.report_year}"


def unranked_verdict(tier: Tier) -> str:
    return f"{tier} is outside the three lists; no tier rule limits it"


def allowed_verdict(tier: Tier, year: int, waiver_not_needed: bool) -> str:
    note = " (the recorded waiver was not needed)" if waiver_not_needed else ""
    return f"{tier} is allowed in {year}{note}"


def summary(year: int, state_policy: bool, tiers: list[Tier], uncertain: list[Tier],
            watch_list_needs_waiver: str | None, condition: str) -> RuleFiring:
    """The firing that says what is lawful in ``year``; ``watch_list_needs_waiver`` is the
    clause on the waiver, when the watch list needs one; ``condition`` the reading under
    which the uncertain placements are lawful."""
    text = f"lawful in {year}: " + ", ".join(str(t) for t in tiers)
    if watch_list_needs_waiver:
        text += f" ({watch_list_needs_waiver})"
    if uncertain:
        text += "; " + ", ".join(str(t) for t in uncertain) + f" lawful only {condition}"
    return RuleFiring(SUMMARY, version(year).citation,
                      {"report_year": year, "state_policy": state_policy, "tiers": tiers,
                       "uncertain": uncertain}, text)


def no_record(year: int) -> RuleFiring:
    return RuleFiring(NO_RECORD, version(year).citation, {"report_year": year},
                      f"nothing to judge: the placement of {year} is unknown")
