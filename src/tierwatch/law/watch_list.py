"""The watch-list clock: the automatic downgrade, its waivers and the (F) one-year rule.

TVPA §110(b)(2)(D)-(F), 22 U.S.C. 7107(b)(2)(D)-(F) (spec sections 5.1-5.5).

Unknown years: a year with no known placement is read two ways, as ending the run (``break``)
and as one more watch-list year with a waiver (``extend``). What holds under both is known;
what differs is reported as unknown, never guessed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from tierwatch.law import automatic_downgrade, downgrade_waiver, post_downgrade_limit
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.history import PlacementHistory, PlacementYear
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.sealed import seal_fresh
from tierwatch.law.statute import FIRST_REPORT_YEAR, last_report_year
from tierwatch.law.tiers import ALL_PLACEMENTS, Tier

Fill = Literal["break", "extend", "tier3"]
"""How an unknown year is read: not on the watch list, on it with a waiver, or on Tier 3."""

WATCH_LIST = Tier.WATCH_LIST
_HORIZON = 40
"""Years simulated forward for ``tier3_forced_in``; a run can never last longer."""


FORCED_YEAR = "tier3_forced_in"
"""The id of the clock's firing that says when Tier 3 is forced if the country stays."""


@dataclass(frozen=True, slots=True)
class ClockLaw:
    """The clock's numbers in the law of one report year, each from its provision module:
    watch-list years before the downgrade, the waiver cap (and the cap version's first year),
    the one-year limit after a downgrade. None: not in force."""

    needed: int | None
    cap: int | None
    cap_first: int | None
    limit: int | None

    def counted(self, waiver_years: tuple[int, ...] | list[int], options: LawOptions) -> int:
        """Waiver years of a run that count against this year's cap."""
        if self.cap is None:
            return 0
        if options.waiver_cap_transition == "fresh_cap_from_2019":
            assert self.cap_first is not None
            return sum(1 for year in waiver_years if year >= self.cap_first)
        return len(waiver_years)


def read_clock_laws() -> tuple[ClockLaw, ...]:
    """Every year's clock law in one table, indexed by ``year - FIRST_REPORT_YEAR``, from the
    first report to the end of the simulated horizon (the clock's hot path reads it; the engine
    keeps it, since the statute never changes while running)."""
    return tuple(_read_clock_law(year)
                 for year in range(FIRST_REPORT_YEAR, last_report_year() + _HORIZON + 1))


def _read_clock_law(year: int) -> ClockLaw:
    cap = downgrade_waiver.version(year)
    return ClockLaw(automatic_downgrade.years_needed(year),
                    None if cap is None else int(cap.value), None if cap is None else cap.first,
                    post_downgrade_limit.limit_years(year))


def _resolve(history: PlacementHistory, year: int, fill: Fill) -> tuple[Tier | None, bool, bool]:
    """(tier, waiver, unknown) of ``year`` with unknowns read as ``fill``; tier None with
    unknown False means the year lies before the history begins.

    An unknown year is read as ``fill`` only where its set of possible tiers allows it: a year
    known not to be on the watch list breaks a run under every reading, a year known not to be
    Tier 3 never triggers the one-year limit. ``unknown`` is True only when the set leaves the
    watch list or Tier 3 open (the two placements the clock turns on)."""
    return _resolve_record(history.get(year), year, history.first_year, fill)


def _resolve_record(record: PlacementYear | None, year: int, first: int | None,
                    fill: Fill) -> tuple[Tier | None, bool, bool]:
    """``_resolve`` of a record already looked up (``first``: the history's first year)."""
    if record is None:
        if first is not None and year < first:
            return None, False, False
        possible = ALL_PLACEMENTS
    else:
        settled = record.settled_tier()
        if settled is not None:
            if record.waiver is None:
                return settled, fill == "extend", False
            return settled, record.waiver, False
        possible = record.possible_tiers()
    may_watch = WATCH_LIST in possible
    may_three = Tier.TIER_3 in possible
    neither = bool(possible - _CLOCK_TIERS)
    if fill == "extend" and may_watch:
        return WATCH_LIST, True, True
    if fill == "tier3" and may_three:
        return Tier.TIER_3, False, True
    if neither:
        return Tier.UNRANKED, False, may_watch or may_three
    if may_three:
        return Tier.TIER_3, False, True
    return WATCH_LIST, fill == "extend", True


_CLOCK_TIERS = frozenset({WATCH_LIST, Tier.TIER_3})
"""The placements the clock turns on: the watch list (the run) and Tier 3 (the downgrade)."""


@dataclass(slots=True)
class Run:
    """The consecutive watch-list years (counted from 2009) ending at ``end_year``.

    Never changed once made (a plain dataclass: made by the thousand on a replay, and frozen
    ones cost more to make); its hash is worked out on first use and kept."""

    end_year: int
    years: tuple[int, ...]
    waiver_years: tuple[int, ...]
    unknown_years: tuple[int, ...]
    stopped_by: int | None
    reaches_history_start: bool
    on_list_at_end: bool
    hash_value: int | None = field(default=None, compare=False, repr=False)

    def __hash__(self) -> int:
        found = self.hash_value
        if found is None:
            found = self.hash_value = hash((
                self.end_year, self.years, self.waiver_years, self.unknown_years,
                self.stopped_by, self.reaches_history_start, self.on_list_at_end))
        return found

    @property
    def length(self) -> int:
        return len(self.years)

    @property
    def start(self) -> int:
        return self.years[-1] if self.years else self.end_year + 1


@dataclass(frozen=True, slots=True, eq=False)
class HistoryTables:
    """What the clock reads of one history for every report year, worked out in one pass per
    reading of the unknown years: the runs ending at each year, the downgrades that trigger
    the one-year limit, the first year the clock cannot read. Plain data computed by
    ``history_tables``; the engine keeps one per history (the rules keep nothing)."""

    laws: tuple[ClockLaw, ...]
    options: LawOptions
    first_unknown: int
    runs: dict[Fill, dict[int, Run]]
    downgrades: dict[Fill, tuple[int, ...]]

    def law(self, year: int) -> ClockLaw:
        return self.laws[year - FIRST_REPORT_YEAR]


def history_tables(history: PlacementHistory, options: LawOptions | None = None,
                   laws: tuple[ClockLaw, ...] | None = None, *,
                   through: int | None = None) -> HistoryTables:
    """The tables of ``history`` for clocks up to report year ``through`` (default: the last
    report year); ``laws`` from ``read_clock_laws``, read afresh when None. Only the certain
    reading is worked out while no year before ``through`` is unknown (``readings_for``)."""
    options = options or DEFAULT_OPTIONS
    laws = read_clock_laws() if laws is None else laws
    first_unknown = _first_unknown(history)
    last = last_report_year() if through is None else through
    fills: tuple[Fill, ...] = (("break",) if first_unknown >= last
                               else ("break", "extend", "tier3"))
    runs: dict[Fill, dict[int, Run]] = {}
    downgrades: dict[Fill, tuple[int, ...]] = {}
    for fill in fills:
        runs[fill], tiers = _all_runs(history, fill, laws)
        downgrades[fill] = _all_downgrades(fill, options, laws, runs[fill], tiers)
    return HistoryTables(laws, options, first_unknown, runs, downgrades)


def readings_for(tables: HistoryTables, report_year: int) -> bool:
    """True when ``tables`` hold every reading a clock for ``report_year`` needs."""
    return tables.first_unknown >= report_year or "extend" in tables.runs


def run_through(history: PlacementHistory, end_year: int, fill: Fill = "break",
                tables: HistoryTables | None = None) -> Run:
    """The consecutive Tier 2 Watch List years ending at ``end_year`` (waiver years count,
    spec 5.3); any other placement ends the run; years before 2009 never count."""
    tables = history_tables(history) if tables is None else tables
    runs = tables.runs.get(fill)
    if runs is None:  # a reading the tables skip: no year is unknown, so it reads the same
        runs = tables.runs["break"]
    found = runs.get(end_year)
    return found if found is not None else _walk_back(history, end_year, fill, tables.laws)


def _all_runs(history: PlacementHistory, fill: Fill, laws: tuple[ClockLaw, ...]
              ) -> tuple[dict[int, Run], tuple[Tier | None, ...]]:
    """The run ending at every report year, in one forward pass over the history, and each
    year's placement as read (indexed by ``year - FIRST_REPORT_YEAR``)."""
    counting_from = automatic_downgrade.counting_from()
    runs: dict[int, Run] = {}
    tiers: list[Tier | None] = []
    years: list[int] = []
    waivers: list[int] = []
    unknown: list[int] = []
    before: tuple[tuple[int, ...], int | None, bool] = ((), None, False)
    first = history.first_year
    for year in range(FIRST_REPORT_YEAR, last_report_year() + 1):
        record = history.get(year)
        tier, waiver, is_unknown = _resolve_record(record, year, first, fill)
        tiers.append(tier)
        if year < counting_from:
            runs[year] = Run(year, (), (), (), None, False, tier is WATCH_LIST)
            continue
        if tier is WATCH_LIST:
            waiver_unknown = is_unknown or (record is not None and record.waiver is None)
            needed = laws[year - FIRST_REPORT_YEAR].needed
            could_need = needed is not None and len(years) >= needed
            if waiver and waiver_unknown:
                # read as waived only where a waiver was needed: none is granted otherwise
                waiver = could_need
            years.append(year)
            if waiver:
                waivers.append(year)
            if is_unknown or (waiver_unknown and could_need):
                # a known watch-list year whose waiver is not recorded is unknown only when
                # the run before it was long enough for a waiver to be needed
                unknown.append(year)
            ended_by_unknown, stopped_by, reaches_start = before
            runs[year] = Run(year, tuple(reversed(years)), tuple(reversed(waivers)),
                             tuple(reversed(unknown)) + ended_by_unknown, stopped_by,
                             reaches_start, True)
            continue
        years, waivers, unknown = [], [], []
        if tier is None:
            before = ((), None, True)
            runs[year] = Run(year, (), (), (), None, True, False)
        else:
            before = ((year,) if is_unknown else (), year, False)
            runs[year] = Run(year, (), (), before[0], year, False, False)
    return runs, tuple(tiers)


def _walk_back(history: PlacementHistory, end_year: int, fill: Fill,
               laws: tuple[ClockLaw, ...]) -> Run:
    """The same run found by walking back (for years outside the precomputed range)."""
    counting_from = automatic_downgrade.counting_from()
    years: list[int] = []
    waivers: list[int] = []
    unknown: list[int] = []
    waiver_unknown: list[int] = []
    stopped_by: int | None = None
    reaches_start = False
    end_tier, _, _ = _resolve(history, end_year, fill)
    year = end_year
    while year >= counting_from:
        tier, waiver, is_unknown = _resolve(history, year, fill)
        if is_unknown:
            unknown.append(year)
        if tier is None:
            reaches_start = True
            break
        if tier is not WATCH_LIST:
            stopped_by = year
            break
        years.append(year)
        if waiver:
            waivers.append(year)
        record = history.get(year)
        if record is not None and record.waiver is None and not is_unknown:
            waiver_unknown.append(year)
        year -= 1
    # as in the forward pass: an unrecorded waiver matters only after a run long enough
    for year in waiver_unknown:
        needed = laws[year - FIRST_REPORT_YEAR].needed
        if needed is not None and sum(1 for y in years if y < year) >= needed:
            unknown.append(year)
    return Run(end_year, tuple(years), tuple(waivers), tuple(sorted(unknown, reverse=True)),
               stopped_by, reaches_start, end_tier is WATCH_LIST)


def downgrade_years(tables: HistoryTables, before_year: int, fill: Fill) -> list[int]:
    """Report years before ``before_year`` in which a full watch-list run (2 years plus any
    waiver years) ended on Tier 3: the trigger of the (F) one-year limit (spec 5.4)."""
    every = tables.downgrades.get(fill)
    if every is None:  # a reading the tables skip: no year is unknown
        every = tables.downgrades["break"]
    return [year for year in every if year < before_year] if every else []


def _all_downgrades(fill: Fill, options: LawOptions, laws: tuple[ClockLaw, ...],
                    runs: dict[int, Run], tiers: tuple[Tier | None, ...]) -> tuple[int, ...]:
    """The downgrades of ``downgrade_years`` for every report year, from the runs and the
    placements read by ``_all_runs`` under the same reading."""
    limit_starts = post_downgrade_limit.starts()
    found: list[int] = []
    for index, tier in enumerate(tiers):
        year = FIRST_REPORT_YEAR + index
        law = laws[index]
        needed = law.needed
        if tier is not Tier.TIER_3 or needed is None:
            continue
        previous = runs.get(year - 1)
        if previous is None or previous.length < needed:
            continue
        counts = options.post_downgrade_counts_pre_2019 or year >= limit_starts
        if options.post_downgrade_trigger == "forced_only":
            counts = counts and law.counted(previous.waiver_years, options) >= (law.cap or 0)
        if counts:
            found.append(year)
    return tuple(found)


def _limit_applies(history: PlacementHistory, run: Run, report_year: int,
                   triggers: list[int], fill: Fill, options: LawOptions) -> int | None:
    """The downgrade year whose (F) limit covers the run under way (or one starting in
    ``report_year``), or None. Whether (F) is in force is checked year by year by callers."""
    if not triggers:
        return None
    latest = triggers[-1]
    if options.post_downgrade_duration == "first_return_only":
        # an unknown year between the downgrade and this run may have been an earlier return:
        # the certain reading ("break") must rule that out, the possible one ("extend") not
        between: Fill = "extend" if fill == "break" else "break"
        run_start = run.start if run.length else report_year
        for year in range(latest + 1, run_start):
            if _resolve(history, year, between)[0] is WATCH_LIST:
                return None
    return latest


@dataclass(slots=True, unsafe_hash=True)
class Scenario:
    """The facts of the clock for one reading of the unknown years."""

    report_year: int
    run: Run
    waivers_used: int
    cap: int | None
    downgrade_due: bool
    limit_trigger: int | None
    tier3_forced_in: int | None
    downgrade_due_in: int | None
    forced_by_limit: bool

    @property
    def waivers_left(self) -> int | None:
        """Waivers the cap still allows; none while the (F) one-year limit applies."""
        if self.cap is None:
            return None
        return 0 if self.limit_trigger is not None else max(self.cap - self.waivers_used, 0)

    @property
    def waiver_available(self) -> bool:
        return self.cap is not None and self.waivers_used < self.cap and self.limit_trigger is None


def scenario(history: PlacementHistory, report_year: int, fill: Fill,
             trigger_fills: tuple[Fill, ...], tables: HistoryTables) -> Scenario:
    """The clock under one reading; ``trigger_fills`` are the readings under which an earlier
    downgrade must be found (all of them: certain; any of them: possible). Called once per
    country-year on a replay, so the tables are read directly."""
    options = tables.options
    runs = tables.runs.get(fill) or tables.runs["break"]
    run = runs.get(report_year - 1) or _walk_back(history, report_year - 1, fill, tables.laws)
    law = tables.laws[report_year - FIRST_REPORT_YEAR]
    length = len(run.years)
    used = law.counted(run.waiver_years, options) if run.waiver_years else 0
    needed = law.needed
    if len(trigger_fills) == 1:
        triggers = downgrade_years(tables, report_year, trigger_fills[0])
    else:
        trigger_sets = [set(downgrade_years(tables, report_year, f))
                        for f in trigger_fills]
        combined = (set.intersection(*trigger_sets) if fill == "break"
                    else set.union(*trigger_sets))
        triggers = sorted(combined)
    applicable = (_limit_applies(history, run, report_year, triggers, fill, options)
                  if triggers else None)
    limit = law.limit
    limit_trigger = (applicable if applicable is not None and limit is not None
                     and length >= limit else None)
    if run.on_list_at_end:
        forced, due, by_limit = _forced_years(report_year, run, applicable, options,
                                              tables.laws)
    else:
        forced, due, by_limit = None, None, False
    return Scenario(report_year=report_year, run=run, waivers_used=used, cap=law.cap,
                    downgrade_due=needed is not None and length >= needed,
                    limit_trigger=limit_trigger, tier3_forced_in=forced,
                    downgrade_due_in=due, forced_by_limit=by_limit)


def _forced_years(report_year: int, run: Run, trigger: int | None, options: LawOptions,
                  laws: tuple[ClockLaw, ...]) -> tuple[int | None, int | None, bool]:
    """If the country stays on the watch list (the law of each year applies): the first report
    year in which Tier 3 is required even with every waiver still available, and the first in
    which the downgrade applies unless waived. ``trigger``: an earlier downgrade that puts this
    run under the (F) one-year limit."""
    if not run.on_list_at_end:
        return None, None, False
    counting_from = automatic_downgrade.counting_from()
    length = run.length
    waivers = list(run.waiver_years)
    due: int | None = None
    for year in range(report_year, report_year + _HORIZON):
        law = laws[year - FIRST_REPORT_YEAR]
        limit = law.limit
        if trigger is not None and limit is not None and length >= limit:
            return year, due if due is not None else year, True
        needed = law.needed
        if needed is not None and length >= needed:
            if due is None:
                due = year
            cap = law.cap
            if cap is None or law.counted(waivers, options) >= cap:
                return year, due, False
            waivers.append(year)
        if year >= counting_from:
            length += 1
    return None, due, False


@dataclass(frozen=True, slots=True, eq=False)
class ClockFacts:
    """Both readings of a clock, computed once and shared by clock, placements and check.

    Hashed once (it keys the engine's caches on every evaluation)."""

    low: Scenario
    high: Scenario
    waiver_only: tuple[int, ...] = ()
    """Unknown years whose placement is known (the watch list) but whose waiver is not."""
    hash_value: int = field(default=0, compare=False, repr=False)
    certain: bool = field(default=True, compare=False, repr=False)
    """Both readings agree (worked out once, like the hash)."""
    unknown_years: tuple[int, ...] = field(default=(), compare=False, repr=False)
    """The unknown years of both readings, in order (worked out once)."""
    key: tuple[object, ...] = field(default=(), compare=False, repr=False)
    """Every fact of both readings as one flat tuple: what equality and the hash compare (the
    engine's caches compare the facts of every country-year that shares an earlier state)."""

    def __post_init__(self) -> None:
        low, high = self.low, self.high
        flat_low = _flat(low)
        certain = low is high or flat_low == _flat(high)
        key = ((flat_low, self.waiver_only) if certain
               else (flat_low, _flat(high), self.waiver_only))
        object.__setattr__(self, "certain", certain)
        object.__setattr__(self, "key", key)
        object.__setattr__(self, "hash_value", hash(key))
        unknown = low.run.unknown_years
        if not certain:
            unknown = tuple(sorted(set(unknown) | set(high.run.unknown_years)))
        elif unknown:
            unknown = tuple(sorted(unknown))
        object.__setattr__(self, "unknown_years", unknown)

    def __hash__(self) -> int:
        return self.hash_value

    def __eq__(self, other: object) -> bool:
        if self is other:
            return True
        return (isinstance(other, ClockFacts) and self.hash_value == other.hash_value
                and self.key == other.key)

    def unknown_text(self) -> str:
        """"2024 unknown", "2025 waiver not recorded": what the answer depends on."""
        placements = [y for y in self.unknown_years if y not in self.waiver_only]
        waivers = [y for y in self.unknown_years if y in self.waiver_only]
        parts = []
        if placements:
            parts.append(", ".join(str(y) for y in placements) + " unknown")
        if waivers:
            parts.append("whether " + ", ".join(str(y) for y in waivers)
                         + (" had waivers" if len(waivers) > 1 else " had a waiver")
                         + " (not recorded)")
        return " and ".join(parts)

    def reading(self, high: bool) -> str:
        """The condition under which one reading holds: "if 2024 was on the watch list and
        2025 had a waiver" (``high``) or "if 2024 was not ... and 2025 had no waiver"."""
        placements = [str(y) for y in self.unknown_years if y not in self.waiver_only]
        waivers = [str(y) for y in self.unknown_years if y in self.waiver_only]
        parts = []
        if placements:
            were = "was" if len(placements) == 1 else "were"
            parts.append(f"{', '.join(placements)} {were}{'' if high else ' not'} on the "
                         "watch list")
        if waivers:
            parts.append(f"{', '.join(waivers)} had " + ("a waiver" if high else "no waiver"))
        return "if " + " and ".join(parts) if parts else "if earlier unrecorded years allow it"


def _flat(s: Scenario) -> tuple[object, ...]:
    """A reading's facts as plain values (compared and hashed in C, not field by field)."""
    run = s.run
    return (s.report_year, run.end_year, run.years, run.waiver_years, run.unknown_years,
            run.stopped_by, run.reaches_history_start, run.on_list_at_end, s.waivers_used,
            s.cap, s.downgrade_due, s.limit_trigger, s.tier3_forced_in, s.downgrade_due_in,
            s.forced_by_limit)


def clock_facts(history: PlacementHistory, report_year: int,
                options: LawOptions | None = None,
                tables: HistoryTables | None = None) -> ClockFacts:
    """Both readings of the clock entering ``report_year`` (``tables`` of the same history and
    options, worked out afresh when None)."""
    if tables is None:
        tables = history_tables(history, options)
    if tables.first_unknown >= report_year:
        only = scenario(history, report_year, "break", ("break",), tables)
        return ClockFacts(only, only)
    readings: tuple[Fill, ...] = ("break", "extend", "tier3")
    low = scenario(history, report_year, "break", readings, tables)
    high = scenario(history, report_year, "extend", readings, tables)
    unknown = set(low.run.unknown_years) | set(high.run.unknown_years)
    waiver_only = tuple(sorted(
        year for year in unknown
        if (record := history.get(year)) is not None and record.settled_tier() is WATCH_LIST))
    return ClockFacts(low, high, waiver_only)


def _first_unknown(history: PlacementHistory) -> int:
    """The first year (inside or after the history) the clock cannot read: unknown, or on the
    watch list with its waiver not recorded."""
    first = history.first_year
    if first is None:
        return FIRST_REPORT_YEAR
    year = first
    while True:
        record = history.get(year)
        if record is None:
            return year
        settled = record.settled_tier()
        if settled is None and record.possible_tiers() & _CLOCK_TIERS:
            return year  # the set leaves the watch list or Tier 3 open
        if settled is WATCH_LIST and record.waiver is None:
            return year  # on the watch list, waiver not recorded
        year += 1


@dataclass(frozen=True, slots=True)
class WatchListClock:
    """Where a country stands on the watch-list clock entering ``report_year``.

    Counts are None when unknown years make them uncertain; ``reason`` says what cannot be
    known; the ``_min``/``_max`` fields bound the run length in every case, and
    ``tier3_forced_in_earliest``/``_latest`` the year Tier 3 is forced (latest None: under some
    reading none is forced). ``summary`` is the key sentence: the run, the waivers, the forced
    year, always said (never empty).
    """

    report_year: int
    watch_list_years: int | None
    watch_list_years_min: int
    watch_list_years_max: int
    run_years: list[int]
    waivers_used: int | None
    waivers_left: int | None
    waiver_cap: int | None
    tier3_forced_in: int | None
    downgrade_due_in: int | None
    post_downgrade_limit_from: int | None
    unknown_years: list[int]
    reason: str
    explanation: list[RuleFiring] = field(default_factory=list)
    tier3_forced_in_earliest: int | None = None
    tier3_forced_in_latest: int | None = None
    summary: str = ""
    depends_on: str = ""
    """The unknown years (or unrecorded waivers) the uncertain parts depend on, in words."""


def history_start_note(facts: ClockFacts, history: PlacementHistory) -> int | None:
    """The history's first year when the run reaches back to it after 2009 (worth saying:
    earlier years are outside the history), else None."""
    first = history.first_year
    if (facts.low.run.reaches_history_start and first is not None
            and first > automatic_downgrade.counting_from()):
        return first
    return None


def clock_from_facts(facts: ClockFacts,
                     explanation: tuple[RuleFiring, ...]) -> WatchListClock:
    """The clock of both readings; ``explanation`` is ``clock_explanation`` of the same facts
    (the engine caches it)."""
    low, high = facts.low, facts.high
    year = low.report_year
    unknown = facts.unknown_years
    lengths_agree = low.run.length == high.run.length
    waivers_agree = low.waivers_used == high.waivers_used
    forced_agree = low.tier3_forced_in == high.tier3_forced_in
    limit_agree = (low.limit_trigger is None) == (high.limit_trigger is None)
    unknown_text = facts.unknown_text()
    forced_years = [y for y in (low.tier3_forced_in, high.tier3_forced_in) if y is not None]
    earliest = min(forced_years) if forced_years else None
    latest = max(forced_years) if len(forced_years) == 2 else None
    reasons: list[str] = []
    if not lengths_agree:
        reasons.append(
            f"{low.run.length} or {high.run.length} consecutive watch-list years: {unknown_text}"
        )
    forced = low.tier3_forced_in if forced_agree else None
    if not forced_agree:
        reasons.append(f"the year Tier 3 is forced depends on {unknown_text}")
    elif forced is None:
        reasons.append(
            f"not on Tier 2 Watch List in {year - 1}: no run under way, no Tier 3 forced"
            if not low.run.on_list_at_end
            else "no Tier 3 forced in the years simulated"
        )
    if not limit_agree:
        reasons.append(f"whether the one-year limit after a downgrade applies depends on "
                       f"{unknown_text}")
    clock = WatchListClock(
        report_year=year,
        watch_list_years=low.run.length if lengths_agree else None,
        watch_list_years_min=min(low.run.length, high.run.length),
        watch_list_years_max=max(low.run.length, high.run.length),
        run_years=sorted(low.run.years),
        waivers_used=low.waivers_used if waivers_agree else None,
        waivers_left=low.waivers_left if waivers_agree else None,
        waiver_cap=low.cap,
        tier3_forced_in=forced,
        downgrade_due_in=(low.downgrade_due_in if low.downgrade_due_in == high.downgrade_due_in
                          else None),
        post_downgrade_limit_from=low.limit_trigger if limit_agree else None,
        unknown_years=list(unknown),
        reason="; ".join(reasons),
        explanation=list(explanation),
        tier3_forced_in_earliest=earliest,
        tier3_forced_in_latest=latest if not forced_agree else forced,
        depends_on=unknown_text,
    )
    return seal_fresh(clock, summary=clock_summary(clock, unknown_text))  # fresh: set in place


def clock_summary(clock: WatchListClock, unknown_text: str) -> str:
    """The key sentence of a clock, never empty: the run, the waivers left, the forced year."""
    year = clock.report_year
    if clock.watch_list_years == 0 and clock.tier3_forced_in is None and not clock.unknown_years:
        return f"not on Tier 2 Watch List in {year - 1}: no run under way, no Tier 3 forced"
    if clock.watch_list_years is None:
        parts = [f"{clock.watch_list_years_min} or {clock.watch_list_years_max} consecutive "
                 f"Tier 2 Watch List years, depending on {unknown_text}"]
    else:
        parts = [f"{clock.watch_list_years} consecutive Tier 2 Watch List "
                 f"year{'s' if clock.watch_list_years != 1 else ''}"
                 + (f" ({automatic_downgrade.span(clock.run_years)})" if clock.run_years else "")]
    if clock.post_downgrade_limit_from is not None:
        parts.append(f"after the downgrade of {clock.post_downgrade_limit_from}, no waiver")
    elif clock.waiver_cap is not None and clock.waivers_left is not None and (
            clock.watch_list_years_max):
        left = (f"{clock.waivers_left} waiver{'s' if clock.waivers_left != 1 else ''} left"
                if clock.waivers_left else "no waiver left")
        if clock.waivers_left and clock.downgrade_due_in == year:
            left += f", needed to stay on Tier 2 Watch List in {year}"
        parts.append(left)
    if clock.tier3_forced_in is not None:
        when = (f"required in {year}" if clock.tier3_forced_in == year
                else f"forced in {clock.tier3_forced_in}")
        parts.append(f"Tier 3 {when} unless it moves up")
    elif clock.tier3_forced_in_earliest is not None:
        later = (f"or {clock.tier3_forced_in_latest}" if clock.tier3_forced_in_latest
                 else "or not at all")
        parts.append(f"Tier 3 forced in {clock.tier3_forced_in_earliest} {later} unless it "
                     "moves up" + ("" if clock.watch_list_years is None
                                   else f", depending on {unknown_text}"))
    else:
        parts.append("no Tier 3 forced")
    return ", ".join(parts)


def clock_explanation(facts: ClockFacts, history_starts: int | None) -> tuple[RuleFiring, ...]:
    """The clock's firings, each from the provision it states: the run (automatic downgrade),
    the waivers used (downgrade waiver), the one-year limit, and the year Tier 3 is forced."""
    low, high = facts.low, facts.high
    unknown_text = facts.unknown_text() if facts.unknown_years else ""
    firings = automatic_downgrade.clock_firings(facts, history_starts, unknown_text)
    if automatic_downgrade.version(low.report_year) is None:
        return tuple(firings)
    firings += downgrade_waiver.clock_firings(facts, unknown_text)
    firings += post_downgrade_limit.clock_firings(facts, unknown_text)
    if low.tier3_forced_in == high.tier3_forced_in and low.tier3_forced_in is not None:
        forcing = (post_downgrade_limit.version(low.tier3_forced_in) if low.forced_by_limit
                   else automatic_downgrade.version(low.report_year))
        assert forcing is not None
        firings.append(RuleFiring(
            FORCED_YEAR, forcing.citation,
            {"report_year": low.report_year, "tier3_forced_in": low.tier3_forced_in},
            f"if it stays on Tier 2 Watch List with every waiver left, Tier 3 is required in "
            f"the {low.tier3_forced_in} report unless it moves up to Tier 1 or Tier 2",
        ))
    return tuple(firings)
