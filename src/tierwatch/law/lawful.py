"""Which placements the law allows in a report year, and whether a recorded one is lawful:
the rules of the year applied in turn, one reading of the clock at a time.

Base rule plus exceptions: the lists (and the watch list within Tier 2) are the base; the
automatic downgrade takes the watch list away after a full run; the waiver is an exception to
the downgrade only; the one-year limit applies "notwithstanding" the waiver; a policy or
pattern leaves Tier 3 alone. Each rule is its own module (see ``rules``); here they are looped
over and their answers combined. No caches here: the engine keeps them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

from tierwatch.law import (
    automatic_downgrade,
    downgrade_waiver,
    policy_or_pattern,
    post_downgrade_limit,
    special_watch_list,
    tier_lists,
)
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.history import PlacementYear
from tierwatch.law.options import LawOptions
from tierwatch.law.rules import (
    Constraint,
    LawConflictError,
    Rule,
    Situation,
    combine,
    decisive,
)
from tierwatch.law.tiers import RANKED_TIERS, Tier
from tierwatch.law.watch_list import ClockFacts, Scenario

Verdict = Literal["lawful", "lawful_by_waiver", "unlawful", "unknown"]

RULES: tuple[Rule, ...] = (
    tier_lists,
    special_watch_list,
    automatic_downgrade,
    post_downgrade_limit,
    policy_or_pattern,
    downgrade_waiver,
)
"""The rules of a report year, in the order their sentences are told."""

BY_ID: dict[str, Rule] = {rule.RULE: rule for rule in RULES}

REQUIRING_TIER_3: tuple[Any, ...] = (policy_or_pattern, post_downgrade_limit,
                                     automatic_downgrade)
"""Rules that leave Tier 3 as the choice short of moving up, the strongest first."""

TAKING_THE_WATCH_LIST = (post_downgrade_limit, automatic_downgrade)
"""Rules that take the watch list away after a run, the decisive first."""


@dataclass(frozen=True, slots=True)
class Analysis:
    """The constraints of one reading of the clock, without and with a waiver."""

    situation: Situation
    constraints: tuple[Constraint, ...]
    waiver: Constraint | None
    without_waiver: frozenset[Tier]
    with_waiver: frozenset[Tier]
    firings: tuple[RuleFiring, ...]

    @property
    def applied(self) -> frozenset[str]:
        return frozenset(c.rule for c in self.constraints) | (
            {self.waiver.rule} if self.waiver else frozenset())

    def excluded_by(self, tier: Tier) -> Constraint | None:
        return decisive(self.constraints + ((self.waiver,) if self.waiver else ()), tier)


def analyse(scenario: Scenario, state_policy: bool, options: LawOptions) -> Analysis:
    """Loop over the rules of the year: each gives its constraint; exceptions (the waiver)
    are kept apart, so the placements that need one are known."""
    situation = Situation(scenario, state_policy, options)
    given = [c for rule in RULES if (c := rule.constraint(situation)) is not None]
    constraints = tuple(c for c in given if not c.exception)
    exceptions = [c for c in given if c.exception]
    if len(exceptions) > 1:
        raise LawConflictError(
            f"report year {situation.report_year}: exceptions "
            + " and ".join(c.rule for c in exceptions) + " both apply with no priority")
    waiver = exceptions[0] if exceptions else None
    year = situation.report_year
    without = combine(year, constraints)
    with_waiver = combine(year, constraints + (waiver,)) if waiver else without
    applied = frozenset(c.rule for c in given)
    firings = tuple(f for rule in RULES for f in rule.fired(situation, applied))
    return Analysis(situation, constraints, waiver, without, with_waiver, firings)


def _in_report_order(tiers: Iterable[Tier]) -> list[Tier]:
    chosen = set(tiers)
    return [tier for tier in RANKED_TIERS if tier in chosen]


@dataclass(frozen=True, slots=True)
class LawfulPlacements:
    """The placements the law of ``report_year`` allows, in report order, each with a reason.

    ``uncertain`` lists placements that are lawful or not depending on unknown years; they are
    not in ``tiers``.
    """

    report_year: int
    tiers: list[Tier]
    reasons: dict[Tier, str]
    excluded: dict[Tier, str]
    watch_list_needs_waiver: bool
    uncertain: list[Tier]
    explanation: list[RuleFiring] = field(default_factory=list)
    excluded_rules: dict[Tier, tuple[str, str]] = field(default_factory=dict)
    """For each excluded placement, the decisive rule and its citation."""
    downgrade_rule: tuple[str, str] | None = None
    """The rule (and citation) that takes Tier 2 Watch List away this year unless the country
    moves up (or, for the automatic downgrade, a waiver is granted); None when none does."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_year": self.report_year,
            "tiers": [str(tier) for tier in self.tiers],
            "reasons": {str(tier): self.reasons[tier] for tier in self.tiers},
            "excluded": {str(tier): self.excluded[tier] for tier in _in_report_order(
                self.excluded)},
            "watch_list_needs_waiver": self.watch_list_needs_waiver,
            "uncertain": [str(tier) for tier in self.uncertain],
            "explanation": [firing.to_dict() for firing in self.explanation],
        }


def _allowed_reason(analysis: Analysis, tier: Tier) -> str:
    applied = analysis.applied
    if tier is Tier.WATCH_LIST and tier not in analysis.without_waiver:
        return downgrade_waiver.allowed_reason(analysis.situation.scenario.waivers_left)
    if tier is Tier.TIER_3:
        requiring = next((rule for rule in REQUIRING_TIER_3 if rule.RULE in applied), None)
        if requiring is not None:
            return str(requiring.required_reason())
    return tier_lists.ALLOWED_REASONS[tier]


def _reasons(analysis: Analysis) -> tuple[dict[Tier, str], dict[Tier, str],
                                           dict[Tier, tuple[str, str]]]:
    reasons: dict[Tier, str] = {}
    excluded: dict[Tier, str] = {}
    excluded_rules: dict[Tier, tuple[str, str]] = {}
    for tier in RANKED_TIERS:
        if tier in analysis.with_waiver:
            reasons[tier] = _allowed_reason(analysis, tier)
            continue
        constraint = analysis.excluded_by(tier)
        rule = BY_ID[constraint.rule] if constraint else tier_lists
        excluded_rules[tier] = (rule.RULE, constraint.citation if constraint else "")
        excluded[tier] = rule.excluded_reason(analysis.situation)
    return reasons, excluded, excluded_rules


def _downgrade_rule(analysis: Analysis) -> tuple[str, str] | None:
    """The rule that takes the watch list away (unless waived, for the automatic downgrade)."""
    if Tier.WATCH_LIST in analysis.without_waiver:
        return None
    for rule in TAKING_THE_WATCH_LIST:
        constraint = next((c for c in analysis.constraints if c.rule == rule.RULE), None)
        if constraint is not None:
            return constraint.rule, constraint.citation
    return None


def _both_readings(facts: ClockFacts, low: Analysis, high: Analysis) -> list[RuleFiring]:
    """The rules' sentences of both readings: a sentence true under one reading only says
    under which (never two that contradict each other unqualified)."""
    if low is high:
        return list(high.firings)
    both = [firing for firing in high.firings if firing in low.firings]
    both += [firing.qualified(facts.reading(True)) for firing in high.firings
             if firing not in low.firings]
    both += [firing.qualified(facts.reading(False)) for firing in low.firings
             if firing not in high.firings]
    return both


def placements_from_facts(facts: ClockFacts, low: Analysis, high: Analysis) -> LawfulPlacements:
    """The lawful placements of both readings (``low`` the certain, ``high`` the possible)."""
    year = facts.low.report_year
    reasons, excluded, excluded_rules = _reasons(high)
    tiers = _in_report_order(high.with_waiver)
    uncertain = _in_report_order(low.with_waiver - high.with_waiver)
    explanation = _both_readings(facts, low, high)
    clause = None
    if Tier.WATCH_LIST in tiers and Tier.WATCH_LIST not in high.without_waiver:
        clause = downgrade_waiver.summary_clause(Tier.WATCH_LIST not in low.without_waiver)
    explanation.append(tier_lists.summary(year, low.situation.state_policy, tiers, uncertain,
                                          clause, facts.reading(False)))
    return LawfulPlacements(
        report_year=year,
        tiers=tiers,
        reasons=reasons,
        excluded=excluded,
        watch_list_needs_waiver=(Tier.WATCH_LIST in high.with_waiver
                                 and Tier.WATCH_LIST not in high.without_waiver),
        uncertain=uncertain,
        explanation=explanation,
        excluded_rules=excluded_rules,
        downgrade_rule=_downgrade_rule(low),
    )


@dataclass(frozen=True, slots=True)
class PlacementCheck:
    """The recorded placement of ``report_year`` judged against the law of that year."""

    report_year: int
    recorded: PlacementYear | None
    verdict: Verdict
    rule: str
    citation: str
    reason: str
    explanation: list[RuleFiring] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "report_year": self.report_year,
            "recorded": None if self.recorded is None else {
                "tier": None if self.recorded.tier is None else str(self.recorded.tier),
                "waiver": self.recorded.waiver,
            },
            "verdict": self.verdict,
            "rule": self.rule,
            "citation": self.citation,
            "reason": self.reason,
            "explanation": [firing.to_dict() for firing in self.explanation],
        }


def _verdict(analysis: Analysis, record: PlacementYear) -> tuple[Verdict, str, str, str]:
    """(verdict, rule, citation, reason) for a known placement under one reading."""
    tier = record.tier
    assert tier is not None
    year = record.year
    s = analysis.situation.scenario
    lists = tier_lists.version(year)
    if not tier.is_ranked:
        return "lawful", tier_lists.RULE, lists.citation, tier_lists.unranked_verdict(tier)
    if tier in analysis.without_waiver:
        forcing = next((c for c in reversed(analysis.constraints)
                        if c.rule != tier_lists.RULE), None)
        if forcing is not None and tier is Tier.TIER_3:
            rule: Any = BY_ID[forcing.rule]
            return "lawful", forcing.rule, forcing.citation, rule.required_verdict(year)
        return ("lawful", tier_lists.RULE, lists.citation,
                tier_lists.allowed_verdict(tier, year, bool(record.waiver)))
    if tier in analysis.with_waiver:
        assert analysis.waiver is not None
        if record.waiver is None:
            return ("unknown", downgrade_waiver.RULE, analysis.waiver.citation,
                    downgrade_waiver.unrecorded_verdict(year))
        if record.waiver:
            return ("lawful_by_waiver", downgrade_waiver.RULE, analysis.waiver.citation,
                    downgrade_waiver.granted_verdict(year, s.waivers_used, s.cap))
        downgrade = next(c for c in analysis.constraints if c.rule == automatic_downgrade.RULE)
        return ("unlawful", automatic_downgrade.RULE, downgrade.citation,
                automatic_downgrade.no_waiver_recorded(year, s.run.length))
    constraint = analysis.excluded_by(tier)
    if constraint is None or constraint.rule == tier_lists.RULE:
        return ("unlawful", tier_lists.RULE, lists.citation,
                f"{tier} is not a placement in the law of {year}")
    return ("unlawful", constraint.rule, constraint.citation,
            BY_ID[constraint.rule].unlawful_reason(analysis.situation))


def check_from_facts(facts: ClockFacts, record: PlacementYear | None, low: Analysis,
                     high: Analysis) -> PlacementCheck:
    year = facts.low.report_year
    if record is not None and record.tier is None and record.settled_tier() is not None:
        # a set of one possible tier (deduced) is judged as that tier
        record = PlacementYear(record.year, record.settled_tier(), record.waiver)
    if record is None or record.tier is None:
        firing = tier_lists.no_record(year)
        return PlacementCheck(year, record, "unknown", firing.rule, firing.citation,
                              f"the placement of {year} is unknown", [firing])
    verdict_low = _verdict(low, record)
    verdict_high = verdict_low if high is low else _verdict(high, record)
    if verdict_low[0] == verdict_high[0]:
        verdict, rule, citation, reason = verdict_high
    else:
        unknown = ", ".join(str(y) for y in facts.unknown_years)
        verdict, rule, citation = "unknown", verdict_high[1], verdict_high[2]
        depends = (f"{unknown}, whose placement is unknown" if unknown else
                   "earlier years or waivers the data does not record (for instance whether "
                   "an earlier Tier 3 followed a full watch-list run)")
        reason = (f"{verdict_low[0].replace('_', ' ')} or {verdict_high[0].replace('_', ' ')} "
                  f"depending on {depends}")
    explanation = _both_readings(facts, low, high)
    explanation.append(RuleFiring(
        tier_lists.CHECK, citation,
        {"report_year": year, "recorded": str(record.tier), "waiver": record.waiver,
         "state_policy": low.situation.state_policy},
        f"{record.tier}{' with a waiver' if record.waiver else ''} in {year}: "
        f"{verdict.replace('_', ' ')}, {reason}",
    ))
    return PlacementCheck(year, record, verdict, rule, citation, reason, explanation)


__all__ = [
    "Analysis",
    "Constraint",
    "LawConflictError",
    "LawfulPlacements",
    "PlacementCheck",
    "analyse",
    "check_from_facts",
    "combine",
    "placements_from_facts",
]
