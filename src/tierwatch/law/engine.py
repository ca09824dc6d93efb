"""The engine: everything the law says about one country and report year, explained.

Why one entry point: the clock, the lawful placements, the check of the recorded placement and
the Tier 3 consequences read the same facts; computing them once keeps a replay of the whole
record fast and the answers consistent. The rules themselves (one module per provision, looped
over in ``lawful``) keep no state: every cache, and the sealing that makes a cached answer safe
to share, lives here. Every answer names the provision versions it read, recorded by the
tracer (``trace``) as they were read, cached answers included.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
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
from tierwatch.law.statute import FIRST_REPORT_YEAR, last_report_year, validate_report_year
from tierwatch.law.tiers import Tier
from tierwatch.law.trace import (
    OPEN_TRACE,
    ProvisionRead,
    Tracing,
    replay,
    sorted_reads,
    traced_cache,
)
from tierwatch.law.watch_list import (
    ClockFacts,
    ClockLaw,
    HistoryTables,
    WatchListClock,
    clock_explanation,
    clock_facts,
    clock_from_facts,
    history_start_note,
    history_tables,
    read_clock_laws,
    readings_for,
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
            "lawful_summary": self.lawful_summary,
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
    def lawful_summary(self) -> str:
        """The lawful placements as one phrase, with the placements an unknown year leaves
        open: every view says it the same way, so none drops the "depending on" part."""
        phrase = ", ".join(str(tier) for tier in self.lawful.tiers)
        if self.lawful.watch_list_needs_waiver:
            phrase += " (Tier 2 Watch List only with a waiver)"
        if self.lawful.uncertain:
            phrase += ("; lawful or not depending on " + self.clock.depends_on + ": "
                       + ", ".join(str(tier) for tier in self.lawful.uncertain))
        return phrase

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
    if type(report_year) is not int or not FIRST_REPORT_YEAR <= report_year <= _LAST_YEAR:
        validate_report_year(report_year)  # raises, naming the year
    options = options or DEFAULT_OPTIONS
    memo = _MEMOS.get(id(history))
    if memo is None or memo.ref() is not history:
        memo = _memo_of(history)
    kept = memo.by_options.get(options)
    if kept is None:
        kept = memo.by_options[options] = _OptionsMemo()
    key = (report_year, state_policy)
    answer = kept.answers.get(key)
    if answer is None:
        tables = kept.tables
        if tables is None:  # the certain reading alone while no earlier year is unknown
            tables = kept.tables = history_tables(history, options, _clock_laws(),
                                                  through=report_year)
        elif not readings_for(tables, report_year):
            tables = kept.tables = history_tables(history, options, _clock_laws())
        facts = clock_facts(history, report_year, options, tables)
        answer = kept.answers[key] = _evaluate(
            facts, history_start_note(facts, history), history.get(report_year), state_policy,
            options)
    if OPEN_TRACE.get() is not None:
        replay(answer.provisions)  # a kept answer names the provisions it read, as a fresh one
    return answer


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
    return rebuilt(cached, actions=[dict(a) for a in cached.actions],
                   waiver_kinds=[dict(k) for k in cached.waiver_kinds],
                   explanation=list(cached.explanation))


# -- caches: the engine's alone (rules and histories keep nothing) -------------------------
#
# Per history object, while it lives: its clock tables and its answers, so a replay of every
# report year walks each history once and a second replay is a dictionary look-up. Across
# histories, by value: the answer for one state of the law (many country-years share one), and
# its parts. The tracer's reads are kept with each cached answer and replayed on a hit.

class _OptionsMemo:
    """What the engine keeps for one history under one set of options."""

    __slots__ = ("answers", "tables")

    def __init__(self) -> None:
        self.tables: HistoryTables | None = None
        self.answers: dict[tuple[int, bool], YearEvaluation] = {}


class _HistoryMemo:
    """What the engine keeps for one history object (dropped when the history is)."""

    __slots__ = ("by_options", "ref")

    def __init__(self, ref: weakref.ref[PlacementHistory]) -> None:
        self.ref = ref
        self.by_options: dict[LawOptions, _OptionsMemo] = {}


_LAST_YEAR = last_report_year()

_MEMOS: dict[int, _HistoryMemo] = {}
"""By ``id`` of a live history (histories hash by value: hashing one costs more than its
look-up is worth); an entry goes when its history is collected."""


def _memo_of(history: PlacementHistory) -> _HistoryMemo:
    key = id(history)
    memo = _MEMOS.get(key)
    if memo is not None and memo.ref() is history:
        return memo

    def forget(ref: weakref.ref[PlacementHistory], key: int = key) -> None:
        kept = _MEMOS.get(key)
        if kept is not None and kept.ref is ref:
            _MEMOS.pop(key, None)

    memo = _MEMOS[key] = _HistoryMemo(weakref.ref(history, forget))
    return memo


@traced_cache(maxsize=1)
def _clock_laws() -> tuple[ClockLaw, ...]:
    """The clock's numbers of every year: from the statute alone, so read once."""
    return read_clock_laws()


@traced_cache(maxsize=8192)
def _analyse(scenario: Any, state_policy: bool, options: LawOptions) -> Analysis:
    return analyse(scenario, state_policy, options)


@traced_cache(maxsize=8192)
def _clock_explanation(facts: ClockFacts, history_starts: int | None) -> tuple[RuleFiring, ...]:
    return clock_explanation(facts, history_starts)


@traced_cache(maxsize=256)
def _consequences(report_year: int, released: date | None) -> Tier3Consequences:
    """Sealed once here: every evaluation of the year shares the same answer."""
    tc = consequences_of(report_year, released)
    return seal_fresh(tc, actions=SealedList(SealedDict(a) for a in tc.actions),
                      waiver_kinds=SealedList(SealedDict(k) for k in tc.waiver_kinds),
                      explanation=SealedList(tc.explanation))


def _analyses(facts: ClockFacts, state_policy: bool,
              options: LawOptions) -> tuple[Analysis, Analysis]:
    low = _analyse(facts.low, state_policy, options)
    high = low if facts.certain else _analyse(facts.high, state_policy, options)
    return low, high


@lru_cache(maxsize=16384)
def _evaluate(facts: ClockFacts, starts_late: int | None, record: PlacementYear | None,
              state_policy: bool, options: LawOptions) -> YearEvaluation:
    """The evaluation of one state of the law. The answer is shared, hence sealed; it names
    the provisions it read (replayed by ``evaluate_year`` on every use)."""
    with Tracing() as reads:
        _clock_laws()  # the clock's facts come from its table of every year's numbers
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
    c, lp, ch = fresh.clock, fresh.lawful, fresh.check
    seal_fresh(c, run_years=SealedList(c.run_years), unknown_years=SealedList(c.unknown_years),
               explanation=SealedList(c.explanation))
    seal_fresh(lp, tiers=SealedList(lp.tiers), reasons=SealedDict(lp.reasons),
               excluded=SealedDict(lp.excluded), uncertain=SealedList(lp.uncertain),
               excluded_rules=SealedDict(lp.excluded_rules),
               explanation=SealedList(lp.explanation))
    seal_fresh(ch, explanation=SealedList(ch.explanation))
    # the consequences come sealed from their own cache (shared by every year's answers)
    return seal_fresh(fresh, explanation=SealedList(fresh.explanation),
                      provisions=SealedList(fresh.provisions))


def memo_count() -> int:
    """How many histories the engine keeps answers for (tests check they go with them)."""
    return len(_MEMOS)


def clear_caches() -> None:
    """Forget every cached answer (benchmarks measure a cold replay with it)."""
    _MEMOS.clear()
    _evaluate.cache_clear()
    for cached in (_analyse, _clock_explanation, _consequences, _clock_laws):
        getattr(cached, "cache_clear")()  # noqa: B009 (set by traced_cache)
