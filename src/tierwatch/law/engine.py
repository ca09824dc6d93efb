"""The bundle: everything the law says about one country and report year, explained.

Why one entry point: the clock, the lawful placements, the check of the recorded placement and
the Tier 3 consequences read the same facts; computing them once keeps a replay of the whole
record fast and the answers consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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
            "reason": clock.reason,
            "lawful_placements": [str(tier) for tier in self.lawful.tiers],
            "watch_list_needs_waiver": self.lawful.watch_list_needs_waiver,
            "uncertain_placements": [str(tier) for tier in self.lawful.uncertain],
            "reasons": {str(tier): self.lawful.reasons[tier] for tier in self.lawful.tiers},
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
    recorded_tier3 = record is not None and record.tier is Tier.TIER_3
    forced = Tier.WATCH_LIST not in lawful.tiers and report_year >= options.watch_list_start()
    forced = forced or lawful.tiers == [Tier.TIER_3]
    consequences = tier3_consequences(report_year) if (recorded_tier3 or forced) else None
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
    clock = WatchListClock(
        c.report_year, c.watch_list_years, c.watch_list_years_min, c.watch_list_years_max,
        SealedList(c.run_years), c.waivers_used, c.waivers_left, c.waiver_cap,
        c.tier3_forced_in, c.downgrade_due_in, c.post_downgrade_limit_from,
        SealedList(c.unknown_years), c.reason, SealedList(c.explanation))
    lawful = LawfulPlacements(lp.report_year, SealedList(lp.tiers), SealedDict(lp.reasons),
                              SealedDict(lp.excluded), lp.watch_list_needs_waiver,
                              SealedList(lp.uncertain), SealedList(lp.explanation))
    check = PlacementCheck(ch.report_year, ch.recorded, ch.verdict, ch.rule, ch.citation,
                           ch.reason, SealedList(ch.explanation))
    consequences = None if tc is None else Tier3Consequences(
        tc.report_year, tc.applies, tc.report_date, tc.determination_from, tc.determination_to,
        tc.fiscal_year, tc.fiscal_year_start,
        SealedList(SealedDict(a) for a in tc.actions),
        SealedList(SealedDict(k) for k in tc.waiver_kinds), SealedList(tc.explanation))
    return YearEvaluation(shared.report_year, shared.state_policy, shared.options, clock,
                          lawful, check, consequences, SealedList(shared.explanation))


def clear_caches() -> None:
    """Forget every cached answer (benchmarks measure a cold replay with it)."""
    from tierwatch.law import consequences, lawful, watch_list

    _evaluate.cache_clear()
    lawful._analyse.cache_clear()
    watch_list._clock_explanation.cache_clear()
    consequences._consequences.cache_clear()
