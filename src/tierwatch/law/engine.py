"""The bundle: everything the law says about one country and report year, explained.

Why one entry point: the clock, the lawful placements, the check of the recorded placement and
the Tier 3 consequences read the same facts; computing them once keeps a replay of the whole
record fast and the answers consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import Any

from tierwatch.law.consequences import Tier3Consequences, tier3_consequences
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.history import PlacementHistory, PlacementYear
from tierwatch.law.lawful import (
    LawfulPlacements,
    PlacementCheck,
    check_from_facts,
    placements_from_facts,
)
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.sealed import SealedDict, SealedList
from tierwatch.law.statute import validate_report_year
from tierwatch.law.tiers import Tier
from tierwatch.law.watch_list import (
    ClockFacts,
    WatchListClock,
    clock_facts,
    clock_from_facts,
    history_start_note,
)


@dataclass(frozen=True, slots=True)
class YearEvaluation:
    """The law applied to one history and report year (under the law of that year)."""

    report_year: int
    state_policy: bool
    options: LawOptions
    clock: WatchListClock
    lawful: LawfulPlacements
    check: PlacementCheck
    consequences: Tier3Consequences | None
    explanation: list[RuleFiring] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready, in a fixed key order (the CLI's ``--json`` prints exactly this)."""
        clock = self.clock
        return {
            "report_year": self.report_year,
            "watch_list_years": clock.watch_list_years,
            "watch_list_years_min": clock.watch_list_years_min,
            "watch_list_years_max": clock.watch_list_years_max,
            "run_years": list(clock.run_years),
            "unknown_years": list(clock.unknown_years),
            "waivers_used": clock.waivers_used,
            "waivers_left": clock.waivers_left,
            "waiver_cap": clock.waiver_cap,
            "tier3_forced_in": clock.tier3_forced_in,
            "downgrade_due_in": clock.downgrade_due_in,
            "post_downgrade_limit_from": clock.post_downgrade_limit_from,
            "tier3_forced_in_earliest": clock.tier3_forced_in_earliest,
            "tier3_forced_in_latest": clock.tier3_forced_in_latest,
            "reason": clock.reason,
            "summary": clock.summary,
            "outlook": self.outlook,
            "lawful_placements": [str(tier) for tier in self.lawful.tiers],
            "watch_list_needs_waiver": self.lawful.watch_list_needs_waiver,
            "uncertain_placements": [str(tier) for tier in self.lawful.uncertain],
            "reasons": {str(tier): self.lawful.reasons[tier] for tier in self.lawful.tiers},
            "excluded": {str(tier): {"reason": self.lawful.excluded[tier],
                                     "rule": self.lawful.excluded_rules[tier][0],
                                     "citation": self.lawful.excluded_rules[tier][1]}
                         for tier in self.lawful.excluded},
            "recorded_placement": (None if self.check.recorded is None
                                   or self.check.recorded.tier is None
                                   else str(self.check.recorded.tier)),
            "recorded_waiver": bool(self.check.recorded and self.check.recorded.waiver),
            "verdict": self.check.verdict,
            "verdict_rule": self.check.rule,
            "verdict_citation": self.check.citation,
            "verdict_reason": self.check.reason,
            "state_policy": self.state_policy,
            "consequences": None if self.consequences is None else self.consequences.to_dict(),
            "options": self.options.to_dict(),
            "explanation": [firing.to_dict() for firing in self.explanation],
        }

    @property
    def outlook(self) -> str:
        """The key sentence for this report year, true of the placement recorded (or assumed)
        for it: a placement off the watch list ends the run, so nothing is forced after it."""
        record = self.check.recorded
        tier = None if record is None else record.settled_tier()
        if tier is not None and tier is not Tier.WATCH_LIST:
            return (f"{tier} in {self.report_year}: no watch-list run continues, "
                    "no Tier 3 forced after it")
        return self.clock.summary

    @property
    def downgrade_reason(self) -> tuple[str, str, str] | None:
        """(rule, citation, reason) of the rule that took Tier 2 Watch List away this year:
        the automatic downgrade after a full run, or the one-year limit after a downgrade
        (which no waiver lifts); None when the watch list was a free choice."""
        found = self.lawful.downgrade_rule
        if found is None:
            return None
        rule, citation = found
        clock = self.clock
        years = (f"{clock.watch_list_years_min} to {clock.watch_list_years_max}"
                 if clock.watch_list_years is None else clock.watch_list_years)
        if rule == "post_downgrade_limit":
            reason = (f"back on Tier 2 Watch List after the downgrade of "
                      f"{clock.post_downgrade_limit_from}: the one-year limit after a "
                      "downgrade, which no waiver lifts")
        else:
            reason = (f"{years} consecutive Tier 2 Watch List years before {self.report_year}: "
                      "the automatic downgrade")
        return rule, citation, reason

    def sentences(self) -> list[str]:
        """The explanation as plain sentences, in the order the rules fired."""
        return [firing.sentence for firing in self.explanation]


def evaluate_year(history: PlacementHistory, report_year: int, *, state_policy: bool = False,
                  options: LawOptions | None = None) -> YearEvaluation:
    """Clock, lawful placements, check of the recorded placement, and Tier 3 consequences
    when Tier 3 is recorded or forced. Non-strict: real recorded waivers never stop it.

    The answer is read-only (its lists and dicts refuse changes): copy before changing."""
    validate_report_year(report_year)
    options = options or DEFAULT_OPTIONS
    facts = clock_facts(history, report_year, options)
    starts_late = history_start_note(facts, history)
    shared = _evaluate(facts, starts_late, history.get(report_year), state_policy, options)
    return shared


@lru_cache(maxsize=16384)
def _evaluate(facts: ClockFacts, starts_late: int | None, record: PlacementYear | None,
              state_policy: bool, options: LawOptions) -> YearEvaluation:
    """The evaluation of one state of the law. Cached: the answer depends only on these
    inputs, and in a replay of the record many country-years are in the same state. The
    answer is shared, hence sealed (read-only lists and dicts)."""
    report_year = facts.low.report_year
    clock = clock_from_facts(facts, starts_late)
    lawful = placements_from_facts(facts, state_policy, options)
    check = check_from_facts(facts, record, state_policy, options)
    placed = None if record is None else record.settled_tier()
    forced = Tier.WATCH_LIST not in lawful.tiers and report_year >= options.watch_list_start()
    forced = forced or lawful.tiers == [Tier.TIER_3]
    # what Tier 3 would bring: for a year placed on Tier 3, or not placed and forced towards
    # it; never under a year placed (or assumed) on another tier
    wanted = placed is Tier.TIER_3 or (placed is None and forced)
    consequences = tier3_consequences(report_year) if wanted else None
    explanation: list[RuleFiring] = []
    seen: set[tuple[str, str]] = set()
    judged = check.explanation if check.verdict != "unknown" or check.recorded else []
    parts = [clock.explanation, lawful.explanation, judged,
             consequences.explanation if consequences else []]
    for part in parts:
        for firing in part:
            key = (firing.rule, firing.outcome)
            if key not in seen:
                seen.add(key)
                explanation.append(firing)
    return _sealed(YearEvaluation(report_year, state_policy, options, clock, lawful, check,
                                  consequences, explanation))


def _sealed(shared: YearEvaluation) -> YearEvaluation:
    """The same answer with read-only lists and dicts, so that one cached object can be handed
    to every caller (built once per distinct state, not once per country-year)."""
    c, lp, ch, tc = shared.clock, shared.lawful, shared.check, shared.consequences
    clock = replace(c, run_years=SealedList(c.run_years),
                    unknown_years=SealedList(c.unknown_years),
                    explanation=SealedList(c.explanation))
    lawful = replace(lp, tiers=SealedList(lp.tiers), reasons=SealedDict(lp.reasons),
                     excluded=SealedDict(lp.excluded), uncertain=SealedList(lp.uncertain),
                     excluded_rules=SealedDict(lp.excluded_rules),
                     explanation=SealedList(lp.explanation))
    check = replace(ch, explanation=SealedList(ch.explanation))
    consequences = None if tc is None else replace(
        tc, actions=SealedList(SealedDict(a) for a in tc.actions),
        waiver_kinds=SealedList(SealedDict(k) for k in tc.waiver_kinds),
        explanation=SealedList(tc.explanation))
    return replace(shared, clock=clock, lawful=lawful, check=check, consequences=consequences,
                   explanation=SealedList(shared.explanation))


def clear_caches() -> None:
    """Forget every cached answer (benchmarks measure a cold replay with it)."""
    from tierwatch.law import consequences, lawful, watch_list

    _evaluate.cache_clear()
    lawful._analyse.cache_clear()
    watch_list._clock_explanation.cache_clear()
    consequences._consequences.cache_clear()
