"""The engine: everything the law says about one country and report year, explained.

Why one entry point: the clock, the lawful placements, the check of the recorded placement and
the Tier 3 consequences read the same facts; computing them once keeps a replay of the whole
record fast and the answers consistent. The rules themselves (one module per provision, looped
over in ``lawful``) keep no state: every cache, and the sealing that makes a cached answer safe
to share, lives here. Every answer names the provision versions it read, recorded by the
tracer (``trace``) as they were read, cached answers included.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tierwatch.law import automatic_downgrade, post_downgrade_limit
from tierwatch.law.consequences import Tier3Consequences, consequences_of
from tierwatch.law.explanation import Explanation, RuleFiring
from tierwatch.law.history import PlacementHistory, PlacementYear
from tierwatch.law.lawful import (
    Analysis,
    LawfulPlacements,
    PlacementCheck,
    analyse,
    check_from_facts,
    placements_from_facts,
)
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.sealed import SealedDict, SealedList, rebuilt, seal_fresh
from tierwatch.law.statute import validate_report_year
from tierwatch.law.tiers import Tier
from tierwatch.law.trace import ProvisionRead, Tracing, sorted_reads, traced_cache
from tierwatch.law.watch_list import (
    ClockFacts,
    WatchListClock,
    clock_explanation,
    clock_facts,
    clock_from_facts,
    history_start_note,
    read_clock_law,
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
    provisions: list[ProvisionRead] = field(default_factory=list)
    """The provision versions this answer read (the tracer's record), in a fixed order."""

    def explained(self) -> Explanation:
        return Explanation(tuple(self.explanation), tuple(self.provisions))

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
            "provisions_read": [read.to_dict() for read in self.provisions],
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
        if rule == post_downgrade_limit.RULE:
            return rule, citation, post_downgrade_limit.forced_reason(
                clock.post_downgrade_limit_from)
        years = (f"{clock.watch_list_years_min} to {clock.watch_list_years_max}"
                 if clock.watch_list_years is None else str(clock.watch_list_years))
        return rule, citation, automatic_downgrade.forced_reason(self.report_year, years)

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
    # the history is immutable: its clock for a year is worked out once and kept with it
    facts = history.derived(("clock", report_year, options),
                            lambda: clock_facts(history, report_year, options))
    return _evaluate(facts, history_start_note(facts, history), history.get(report_year),
                     state_policy, options)


def lawful_placements(history: PlacementHistory, report_year: int, *,
                      state_policy: bool = False,
                      options: LawOptions | None = None) -> LawfulPlacements:
    """The placements the law of ``report_year`` allows given the history before it."""
    return evaluate_year(history, report_year, state_policy=state_policy,
                         options=options).lawful


def check_placement(history: PlacementHistory, report_year: int,
                    options: LawOptions | None = None, *,
                    state_policy: bool = False) -> PlacementCheck:
    """Judge the recorded placement of ``report_year``.

    Works on any history, including real data whose waivers the law seems not to allow: such
    waivers do not stop the check (list them with ``validate_waivers``).
    """
    return evaluate_year(history, report_year, state_policy=state_policy,
                         options=options).check


def watch_list_clock(history: PlacementHistory, report_year: int,
                     options: LawOptions | None = None) -> WatchListClock:
    """The clock for ``report_year`` under the law of that year."""
    return evaluate_year(history, report_year, options=options).clock


def tier3_consequences(report_year: int, released: date | None = None) -> Tier3Consequences:
    """Consequences of Tier 3 in ``report_year`` under the law of that year (a fresh copy of a
    cached answer: the lists may be changed by the caller)."""
    cached = _consequences(report_year, released)
    return replace(cached, actions=[dict(a) for a in cached.actions],
                   waiver_kinds=[dict(k) for k in cached.waiver_kinds],
                   explanation=list(cached.explanation))


# -- caches: each answer depends only on its arguments, and across a replay of the record
#    many country-years share them; the tracer's reads are kept with each ------------------

@traced_cache(maxsize=8192)
def _analyse(scenario: Any, state_policy: bool, options: LawOptions) -> Analysis:
    return analyse(scenario, state_policy, options)


@traced_cache(maxsize=8192)
def _clock_explanation(facts: ClockFacts, history_starts: int | None) -> tuple[RuleFiring, ...]:
    return clock_explanation(facts, history_starts)


@traced_cache(maxsize=256)
def _consequences(report_year: int, released: date | None) -> Tier3Consequences:
    return consequences_of(report_year, released)


def _analyses(facts: ClockFacts, state_policy: bool,
              options: LawOptions) -> tuple[Analysis, Analysis]:
    low = _analyse(facts.low, state_policy, options)
    high = low if facts.certain else _analyse(facts.high, state_policy, options)
    return low, high


@traced_cache(maxsize=16384)
def _evaluate(facts: ClockFacts, starts_late: int | None, record: PlacementYear | None,
              state_policy: bool, options: LawOptions) -> YearEvaluation:
    """The evaluation of one state of the law. The answer is shared, hence sealed."""
    with Tracing() as reads:
        read_clock_law()  # the clock's facts come from its table of every year's numbers
        report_year = facts.low.report_year
        clock = clock_from_facts(facts, _clock_explanation(facts, starts_late))
        low, high = _analyses(facts, state_policy, options)
        lawful = placements_from_facts(facts, low, high)
        check = check_from_facts(facts, record, low, high)
        placed = None if record is None else record.settled_tier()
        forced = Tier.WATCH_LIST not in lawful.tiers and report_year >= options.watch_list_start()
        forced = forced or lawful.tiers == [Tier.TIER_3]
        # what Tier 3 would bring: for a year placed on Tier 3, or not placed and forced
        # towards it; never under a year placed (or assumed) on another tier
        wanted = placed is Tier.TIER_3 or (placed is None and forced)
        consequences = _consequences(report_year, None) if wanted else None
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
    return _sealed(YearEvaluation(
        report_year=report_year, state_policy=state_policy, options=options, clock=clock,
        lawful=lawful, check=check, consequences=consequences, explanation=explanation,
        provisions=list(sorted_reads(reads))))


def _sealed(fresh: YearEvaluation) -> YearEvaluation:
    """The answer with read-only lists and dicts, so that one cached object can be handed to
    every caller (built once per distinct state, not once per country-year). The parts are
    fresh (built by this miss, not yet shared), so their fields are sealed in place, by name."""
    c, lp, ch, tc = fresh.clock, fresh.lawful, fresh.check, fresh.consequences
    seal_fresh(c, run_years=SealedList(c.run_years), unknown_years=SealedList(c.unknown_years),
               explanation=SealedList(c.explanation))
    seal_fresh(lp, tiers=SealedList(lp.tiers), reasons=SealedDict(lp.reasons),
               excluded=SealedDict(lp.excluded), uncertain=SealedList(lp.uncertain),
               excluded_rules=SealedDict(lp.excluded_rules),
               explanation=SealedList(lp.explanation))
    seal_fresh(ch, explanation=SealedList(ch.explanation))
    consequences = None if tc is None else rebuilt(  # shared by the consequences cache: a copy
        tc, actions=SealedList(SealedDict(a) for a in tc.actions),
        waiver_kinds=SealedList(SealedDict(k) for k in tc.waiver_kinds),
        explanation=SealedList(tc.explanation))
    return seal_fresh(fresh, consequences=consequences,
                      explanation=SealedList(fresh.explanation),
                      provisions=SealedList(fresh.provisions))


def clear_caches() -> None:
    """Forget every cached answer (benchmarks measure a cold replay with it)."""
    for cached in (_evaluate, _analyse, _clock_explanation, _consequences):
        getattr(cached, "cache_clear")()  # noqa: B009 (set by traced_cache)
