"""The bundle: everything the law says about one country and report year, explained.

Why one entry point: the clock, the lawful placements, the check of the recorded placement and
the Tier 3 consequences read the same facts; computing them once keeps a replay of the whole
record fast and the answers consistent.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tierwatch.law.consequences import Tier3Consequences, tier3_consequences
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.history import PlacementHistory
from tierwatch.law.lawful import (
    LawfulPlacements,
    PlacementCheck,
    check_from_facts,
    placements_from_facts,
)
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.statute import validate_report_year
from tierwatch.law.tiers import Tier
from tierwatch.law.watch_list import WatchListClock, clock_facts, clock_from_facts


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
    when Tier 3 is recorded or forced. Non-strict: real recorded waivers never stop it."""
    validate_report_year(report_year)
    options = options or DEFAULT_OPTIONS
    facts = clock_facts(history, report_year, options)
    clock = clock_from_facts(facts, history)
    lawful = placements_from_facts(facts, state_policy, options)
    check = check_from_facts(facts, history, state_policy, options)
    recorded_tier3 = check.recorded is not None and check.recorded.tier is Tier.TIER_3
    forced = Tier.WATCH_LIST not in lawful.tiers and report_year >= options.watch_list_first_report
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
    return YearEvaluation(report_year, state_policy, options, clock, lawful, check,
                          consequences, explanation)
