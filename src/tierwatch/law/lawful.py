"""Which placements the law allows in a report year, and whether a recorded one is lawful.

Base rule plus exceptions, modelled as such: the three lists (and later the watch list)
are the base; the automatic downgrade removes the watch list after a full run; a waiver is an
exception to the downgrade only; the (F) one-year limit applies "notwithstanding" the waiver;
a policy-or-pattern finding leaves Tier 3 alone. A rule overrides another only where the
statute says so (``overrides``); two rules that apply together and leave no placement, with no
stated priority, raise ``LawConflictError`` instead of a silent choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from tierwatch.errors import TierwatchError
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.history import PlacementHistory, PlacementYear
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.state_policy import policy_or_pattern_applies
from tierwatch.law.statute import provision, validate_report_year
from tierwatch.law.tiers import RANKED_TIERS, Tier
from tierwatch.law.watch_list import ClockFacts, Scenario, clock_facts

Verdict = Literal["lawful", "lawful_by_waiver", "unlawful", "unknown"]

WITHOUT_WATCH_LIST = frozenset({Tier.TIER_1, Tier.TIER_2, Tier.TIER_3})


class LawConflictError(TierwatchError):
    """Two rules apply to the same report year, leave no lawful placement, and the statute
    states no priority between them."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """What one rule allows in a report year; ``overrides`` names the rules it takes priority
    over (only where the statute says so, e.g. "notwithstanding")."""

    rule: str
    citation: str
    allowed: frozenset[Tier]
    overrides: frozenset[str] = frozenset()


def combine(report_year: int, constraints: Iterable[Constraint]) -> frozenset[Tier]:
    """The placements every effective constraint allows.

    A constraint overridden by another that applies drops out; if the rest leave nothing,
    the two that disagree are named in a ``LawConflictError``.
    """
    given = list(constraints)
    overridden: set[str] = set()
    for constraint in given:
        overridden |= constraint.overrides
    effective = [c for c in given if c.rule not in overridden]
    allowed = frozenset(RANKED_TIERS)
    applied: list[Constraint] = []
    for constraint in effective:
        narrowed = allowed & constraint.allowed
        if not narrowed:
            other = next(
                (c for c in applied if not c.allowed & constraint.allowed),
                applied[-1] if applied else constraint,
            )
            raise LawConflictError(
                f"report year {report_year}: rules {other.rule} ({other.citation}) and "
                f"{constraint.rule} ({constraint.citation}) both apply and leave no lawful "
                "placement; the statute states no priority between them"
            )
        allowed = narrowed
        applied.append(constraint)
    return allowed


@dataclass(frozen=True, slots=True)
class _Analysis:
    """The constraints of one reading of the clock, without and with a waiver."""

    constraints: tuple[Constraint, ...]
    waiver: Constraint | None
    without_waiver: frozenset[Tier]
    with_waiver: frozenset[Tier]
    firings: tuple[RuleFiring, ...]

    def excluded_by(self, tier: Tier) -> Constraint | None:
        overridden: set[str] = set()
        everything = self.constraints + ((self.waiver,) if self.waiver else ())
        for constraint in everything:
            overridden |= constraint.overrides
        excluding = [c for c in everything
                     if c.rule not in overridden and tier not in c.allowed]
        # the decisive one: a rule that takes away another's exception (the one-year limit,
        # "notwithstanding" the waiver) explains the exclusion better than the rule it barred
        decisive = [c for c in excluding if c.overrides]
        chosen = decisive or excluding
        return chosen[0] if chosen else None


@lru_cache(maxsize=8192)
def _analyse(s: Scenario, state_policy: bool, options: LawOptions) -> _Analysis:
    """The rules of one reading. Cached: the answer depends only on the scenario, the flag and
    the options, and across a replay many country-years share them."""
    year = s.report_year
    firings: list[RuleFiring] = []
    lists = provision("tier_lists", year)
    assert lists is not None
    has_watch_list = year >= options.watch_list_start()
    watch_list = provision("special_watch_list", max(year, options.watch_list_start()))
    watch_citation = watch_list.citation if watch_list else lists.citation
    base = Constraint(
        "tier_lists",
        lists.citation if not has_watch_list else f"{lists.citation}; {watch_citation}",
        frozenset(RANKED_TIERS) if has_watch_list else WITHOUT_WATCH_LIST,
    )
    constraints = [base]
    if not has_watch_list:
        firings.append(RuleFiring(
            "special_watch_list", watch_citation,
            {"report_year": year, "watch_list_first_report": options.watch_list_start()},
            f"there is no Tier 2 Watch List in the {year} report: it starts with the "
            f"{options.watch_list_start()} report",
        ))
    downgrade = provision("automatic_downgrade", year)
    if s.downgrade_due and downgrade is not None:
        constraints.append(Constraint("automatic_downgrade", downgrade.citation,
                                      WITHOUT_WATCH_LIST))
        firings.append(RuleFiring(
            "automatic_downgrade", downgrade.citation,
            {"report_year": year, "watch_list_years": s.run.length,
             "years_before_tier3": downgrade.value["years"]},
            f"after {s.run.length} consecutive Tier 2 Watch List years the {year} report must "
            "place the country on Tier 3 unless it moves up to Tier 1 or Tier 2 or a waiver "
            "is granted",
        ))
    if s.limit_trigger is not None:
        limit = provision("post_downgrade_limit", year)
        assert limit is not None
        constraints.append(Constraint("post_downgrade_limit", limit.citation, WITHOUT_WATCH_LIST,
                                      overrides=frozenset({"downgrade_waiver"})))
        firings.append(RuleFiring(
            "post_downgrade_limit", limit.citation,
            {"report_year": year, "downgraded_in": s.limit_trigger, "limit_years": limit.value,
             "watch_list_years": s.run.length},
            f"having been downgraded to Tier 3 in {s.limit_trigger}, the country cannot stay on "
            f"Tier 2 Watch List for more than {limit.value} consecutive year; no waiver applies",
        ))
    forced_by_policy, policy_firing = policy_or_pattern_applies(year, state_policy)
    if policy_firing is not None:
        firings.append(policy_firing)
    if forced_by_policy:
        policy = provision("policy_or_pattern", year)
        assert policy is not None
        constraints.append(Constraint("policy_or_pattern", policy.citation,
                                      frozenset({Tier.TIER_3})))
    waiver: Constraint | None = None
    cap = provision("downgrade_waiver", year)
    if s.downgrade_due and cap is not None and s.waiver_available:
        waiver = Constraint("downgrade_waiver", cap.citation, frozenset(RANKED_TIERS),
                            overrides=frozenset({"automatic_downgrade"}))
    without = combine(year, constraints)
    with_waiver = combine(year, constraints + [waiver]) if waiver else without
    if waiver is not None and Tier.WATCH_LIST in with_waiver - without:
        assert cap is not None
        firings.append(RuleFiring(
            "downgrade_waiver", cap.citation,
            {"report_year": year, "waivers_used": s.waivers_used, "cap": cap.value},
            f"a waiver can keep it on Tier 2 Watch List in {year}: {s.waivers_used} of "
            f"{cap.value} waiver year{'s' if cap.value != 1 else ''} used in this run",
        ))
    elif s.downgrade_due and cap is not None and s.limit_trigger is None and not forced_by_policy:
        firings.append(RuleFiring(
            "downgrade_waiver", cap.citation,
            {"report_year": year, "waivers_used": s.waivers_used, "cap": cap.value},
            f"no waiver is left for {year}: {s.waivers_used} of {cap.value} used in this run",
        ))
    return _Analysis(tuple(constraints), waiver, without, with_waiver, tuple(firings))


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


def _reasons(analysis: _Analysis, s: Scenario) -> tuple[dict[Tier, str], dict[Tier, str],
                                                       dict[Tier, tuple[str, str]]]:
    rules = {c.rule for c in analysis.constraints}
    reasons: dict[Tier, str] = {}
    excluded: dict[Tier, str] = {}
    excluded_rules: dict[Tier, tuple[str, str]] = {}
    tier3_required = "automatic_downgrade" in rules or "post_downgrade_limit" in rules
    for tier in RANKED_TIERS:
        if tier in analysis.with_waiver:
            if tier is Tier.TIER_1:
                reasons[tier] = "if the government fully complies with the minimum standards"
            elif tier is Tier.TIER_2:
                reasons[tier] = ("if it does not fully comply but makes significant efforts")
            elif tier is Tier.WATCH_LIST and tier not in analysis.without_waiver:
                left = s.waivers_left
                reasons[tier] = (f"only with a waiver of the automatic downgrade ({left} left "
                                 "under the cap)")
            elif tier is Tier.WATCH_LIST:
                reasons[tier] = "if it is on Tier 2 and a special watch list criterion applies"
            elif "policy_or_pattern" in rules:
                reasons[tier] = "required: a government policy or pattern of trafficking"
            elif tier3_required:
                reasons[tier] = "required by the automatic downgrade unless it moves up"
            else:
                reasons[tier] = "if it does not fully comply and makes no significant efforts"
        else:
            constraint = analysis.excluded_by(tier)
            rule = constraint.rule if constraint else "tier_lists"
            excluded_rules[tier] = (rule, constraint.citation if constraint else "")
            excluded[tier] = {
                "tier_lists": "not a placement in the law of this report year",
                "automatic_downgrade": "the automatic downgrade forbids it and no waiver is left",
                "post_downgrade_limit": "the one-year limit after a downgrade forbids it",
                "policy_or_pattern": "a government policy or pattern of trafficking forbids it",
            }.get(rule, f"forbidden by {rule}")
    return reasons, excluded, excluded_rules


def _downgrade_rule(analysis: _Analysis) -> tuple[str, str] | None:
    """The rule that takes the watch list away (unless waived, for the automatic downgrade)."""
    if Tier.WATCH_LIST not in analysis.without_waiver:
        barring = [c for c in analysis.constraints
                   if c.rule in ("automatic_downgrade", "post_downgrade_limit")]
        decisive = [c for c in barring if c.overrides] or barring
        if decisive:
            return decisive[0].rule, decisive[0].citation
    return None


def _analyses(facts: ClockFacts, state_policy: bool,
              options: LawOptions) -> tuple[_Analysis, _Analysis]:
    low = _analyse(facts.low, state_policy, options)
    high = low if facts.certain else _analyse(facts.high, state_policy, options)
    return low, high


def placements_from_facts(facts: ClockFacts, state_policy: bool,
                          options: LawOptions) -> LawfulPlacements:
    low, high = _analyses(facts, state_policy, options)
    year = facts.low.report_year
    reasons, excluded, excluded_rules = _reasons(high, facts.high)
    tiers = _in_report_order(high.with_waiver)
    uncertain = _in_report_order(low.with_waiver - high.with_waiver)
    explanation = list(high.firings)
    for firing in low.firings:
        if firing not in explanation:
            explanation.append(firing)
    summary = "lawful in " + str(year) + ": " + ", ".join(str(t) for t in tiers)
    if Tier.WATCH_LIST in tiers and Tier.WATCH_LIST not in high.without_waiver:
        if Tier.WATCH_LIST in low.without_waiver:
            summary += " (the watch list perhaps only with a waiver: it depends on unknown years)"
        else:
            summary += " (the watch list only with a waiver)"
    if uncertain:
        summary += "; " + ", ".join(str(t) for t in uncertain) + " lawful only if unknown years " \
            "were not on the watch list"
    lists = provision("tier_lists", year)
    assert lists is not None
    explanation.append(RuleFiring(
        "lawful_placements", lists.citation,
        {"report_year": year, "state_policy": state_policy, "tiers": tiers,
         "uncertain": uncertain},
        summary,
    ))
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


def lawful_placements(history: PlacementHistory, report_year: int, *,
                      state_policy: bool = False,
                      options: LawOptions | None = None) -> LawfulPlacements:
    """The placements the law of ``report_year`` allows given the history before it."""
    validate_report_year(report_year)
    options = options or DEFAULT_OPTIONS
    return placements_from_facts(clock_facts(history, report_year, options), state_policy,
                                 options)


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


def _verdict(analysis: _Analysis, record: PlacementYear,
             s: Scenario) -> tuple[Verdict, str, str, str]:
    """(verdict, rule, citation, reason) for a known placement under one reading."""
    tier = record.tier
    assert tier is not None
    year = record.year
    lists = provision("tier_lists", year)
    assert lists is not None
    if not tier.is_ranked:
        return ("lawful", "tier_lists", lists.citation,
                f"{tier} is outside the three lists; no tier rule limits it")
    if tier in analysis.without_waiver:
        forcing = next((c for c in reversed(analysis.constraints) if c.rule != "tier_lists"), None)
        if forcing is not None and tier is Tier.TIER_3:
            return ("lawful", forcing.rule, forcing.citation,
                    f"Tier 3 in {year} is what {forcing.rule.replace('_', ' ')} requires")
        note = " (the recorded waiver was not needed)" if record.waiver else ""
        return "lawful", "tier_lists", lists.citation, f"{tier} is allowed in {year}{note}"
    if tier in analysis.with_waiver:
        assert analysis.waiver is not None
        if record.waiver is None:
            return ("unknown", "downgrade_waiver", analysis.waiver.citation,
                    f"Tier 2 Watch List in {year} needed a waiver, and the data does not say "
                    "whether one was granted")
        if record.waiver:
            return ("lawful_by_waiver", "downgrade_waiver", analysis.waiver.citation,
                    f"kept on Tier 2 Watch List in {year} by a waiver of the automatic "
                    f"downgrade ({s.waivers_used + 1} of {s.cap} in this run)")
        downgrade = next(c for c in analysis.constraints if c.rule == "automatic_downgrade")
        return ("unlawful", "automatic_downgrade", downgrade.citation,
                f"Tier 2 Watch List in {year} after {s.run.length} watch-list years needed a "
                "waiver, and none is recorded")
    constraint = analysis.excluded_by(tier)
    if constraint is None or constraint.rule == "tier_lists":
        return ("unlawful", "tier_lists", lists.citation,
                f"{tier} is not a placement in the law of {year}")
    reasons = {
        "automatic_downgrade": f"after {s.run.length} consecutive watch-list years and "
                               f"{s.waivers_used} of {s.cap} waivers, {year} had to be Tier 3 "
                               "unless the country moved up",
        "post_downgrade_limit": f"after the downgrade in {s.limit_trigger} the country could stay "
                                "on the watch list only one year, with no waiver",
        "policy_or_pattern": "a government policy or pattern of trafficking requires Tier 3",
    }
    return ("unlawful", constraint.rule, constraint.citation,
            reasons.get(constraint.rule, f"{constraint.rule} forbids {tier}"))


def check_from_facts(facts: ClockFacts, record: PlacementYear | None, state_policy: bool,
                     options: LawOptions) -> PlacementCheck:
    year = facts.low.report_year
    if record is not None and record.tier is None and record.settled_tier() is not None:
        # a set of one possible tier (deduced) is judged as that tier
        record = PlacementYear(record.year, record.settled_tier(), record.waiver)
    if record is None or record.tier is None:
        lists = provision("tier_lists", year)
        assert lists is not None
        reason = f"the placement of {year} is unknown"
        return PlacementCheck(year, record, "unknown", "no_record", lists.citation, reason,
                              [RuleFiring("no_record", lists.citation, {"report_year": year},
                                          f"nothing to judge: {reason}")])
    low, high = _analyses(facts, state_policy, options)
    verdict_low = _verdict(low, record, facts.low)
    verdict_high = verdict_low if high is low else _verdict(high, record, facts.high)
    if verdict_low[0] == verdict_high[0]:
        verdict, rule, citation, reason = verdict_high
    else:
        unknown = ", ".join(str(y) for y in sorted(
            set(facts.low.run.unknown_years) | set(facts.high.run.unknown_years)))
        verdict, rule, citation = "unknown", verdict_high[1], verdict_high[2]
        depends = (f"{unknown}, whose placement is unknown" if unknown else
                   "earlier years or waivers the data does not record (for instance whether "
                   "an earlier Tier 3 followed a full watch-list run)")
        reason = (f"{verdict_low[0].replace('_', ' ')} or {verdict_high[0].replace('_', ' ')} "
                  f"depending on {depends}")
    explanation = list(high.firings)
    explanation.append(RuleFiring(
        "placement_check", citation,
        {"report_year": year, "recorded": str(record.tier), "waiver": record.waiver,
         "state_policy": state_policy},
        f"{record.tier}{' with a waiver' if record.waiver else ''} in {year}: "
        f"{verdict.replace('_', ' ')}, {reason}",
    ))
    return PlacementCheck(year, record, verdict, rule, citation, reason, explanation)


def check_placement(history: PlacementHistory, report_year: int,
                    options: LawOptions | None = None, *,
                    state_policy: bool = False) -> PlacementCheck:
    """Judge the recorded placement of ``report_year``.

    Works on any history, including real data whose waivers the law seems not to allow: such
    waivers do not stop the check (list them with ``validate_waivers``).
    """
    validate_report_year(report_year)
    options = options or DEFAULT_OPTIONS
    return check_from_facts(clock_facts(history, report_year, options), history.get(report_year),
                            state_policy, options)


__all__ = [
    "Constraint",
    "LawConflictError",
    "LawfulPlacements",
    "PlacementCheck",
    "check_placement",
    "combine",
    "lawful_placements",
]
