"""From statements to one placement per country and report year, by a stated source priority.

Every statement is kept; this module only chooses which one the tables show, and says when
the others disagree. The priority is data: each source's
``priority`` in ``sources/catalog.yaml``, carried in its description into the store. The ranks
in use, strongest first:

1. The report's own country chapters, read one by one (2019, 2022, the 2019 Watch List
   spot checks, the 2016-2025 chapters and news): the report itself.
2. The President's determinations (the Tier 3 lists they cover).
3. The research panels built from the reports (Kelley/Cho, Heiss, the 2015 list,
   Kelley/Simmons): checked, complete, but second-hand.
4. Complete third-party copies of one report's lists (the 2021 list, the CIA Factbook's
   Watch List and Tier 3 lists, the Wikipedia-derived 2016-2017 lists, GVNet).
5. Spot facts from pages and news (partial lists, transcribed facts).
6. Anything else: documents read by ``tierwatch read`` and sources of unknown kind.

Within one rank a higher confidence wins, then the source id and the place in it (so the
choice is deterministic). A waiver recorded for a year whose tier no source gives implies the
Tier 2 Watch List (a waiver exists only to keep a country there); that placement is marked
as inferred, with the waiver as its source.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache

from tierwatch.law.tiers import Tier
from tierwatch.statements.locator import order_key
from tierwatch.statements.model import PRIORITY_KEY, TIER, WAIVER, SourceInfo, Statement

_TIER_VALUES = {str(tier): tier for tier in Tier}

LAST_RANK = 99
"""The rank of a source that states none (a document read, another analyst's source)."""

Ranks = Mapping[str, int]


def source_ranks(sources: Iterable[SourceInfo]) -> dict[str, int]:
    """Each source's rank as its description gives it (the catalogue's ``priority``)."""
    ranks: dict[str, int] = {}
    for source in sources:
        text = (source.extra or {}).get(PRIORITY_KEY, "")
        if text.strip().isdigit():
            ranks[source.id] = int(text)
    return ranks


@cache
def catalog_ranks() -> dict[str, int]:
    """The ranks of the catalogue's sources: what ``resolve`` uses when not given the store's."""
    from tierwatch.sources.catalog import KINDS

    return source_ranks(kind.source for kind in KINDS)


def priority_key(statement: Statement, ranks: Ranks) -> tuple[object, ...]:
    """Sort key: the statement a table shows comes first."""
    return (ranks.get(statement.source, LAST_RANK), -statement.confidence, statement.source,
            order_key(statement.locator), statement.value)


@dataclass(frozen=True, slots=True)
class Placement:
    """The placement of one country in one report year, with every statement behind it."""

    country: str
    report_year: int
    tier: Tier | None
    statements: tuple[Statement, ...]  # tier statements, strongest first
    waiver: bool | None  # True granted, False known not granted, None not known
    waiver_statements: tuple[Statement, ...]
    inferred_from_waiver: bool = False

    @property
    def chosen(self) -> Statement | None:
        if self.statements:
            return self.statements[0]
        return self.waiver_statements[0] if self.inferred_from_waiver else None

    @property
    def values(self) -> list[str]:
        """The distinct tiers the sources give, strongest source first."""
        seen: list[str] = []
        for statement in self.statements:
            if statement.value not in seen:
                seen.append(statement.value)
        return seen

    @property
    def conflict(self) -> bool:
        return len(self.values) > 1


def waiver_complete_years(sources: Iterable[SourceInfo]) -> set[int]:
    """Report years for which some source holds the complete waiver list."""
    years: set[int] = set()
    for source in sources:
        listed = source.extra.get("complete_years", "") if source.extra else ""
        years.update(int(part) for part in listed.split(",") if part.strip().isdigit())
    return years


def resolve(statements: Iterable[Statement], complete_waiver_years: set[int],
            ranks: Ranks | None = None) -> dict[tuple[str, int], Placement]:
    """One ``Placement`` per country-year that any tier or waiver statement speaks of;
    ``ranks`` are the sources' priorities (default: the catalogue's)."""
    order = catalog_ranks() if ranks is None else ranks
    tiers: dict[tuple[str, int], list[Statement]] = defaultdict(list)
    waivers: dict[tuple[str, int], list[Statement]] = defaultdict(list)
    seen: set[str] = set()
    for statement in statements:
        if statement.report_year is None:
            continue  # a claim whose year the text does not settle places nothing
        if statement.id in seen:
            continue  # the same claim twice is one claim
        seen.add(statement.id)
        key = (statement.country, statement.report_year)
        if statement.prop == TIER and statement.value in _TIER_VALUES:
            tiers[key].append(statement)
        elif statement.prop == WAIVER and statement.value == "granted":
            waivers[key].append(statement)
    placements: dict[tuple[str, int], Placement] = {}
    for key in sorted(set(tiers) | set(waivers)):
        ranked = tuple(sorted(tiers.get(key, []), key=lambda s: priority_key(s, order)))
        granted = tuple(sorted(waivers.get(key, []), key=lambda s: priority_key(s, order)))
        tier = _TIER_VALUES[ranked[0].value] if ranked else None
        inferred = False
        if tier is None and granted:
            tier, inferred = Tier.WATCH_LIST, True
        waiver: bool | None
        if granted:
            waiver = True
        elif (tier is not None and tier is not Tier.WATCH_LIST) or (
                key[1] in complete_waiver_years):
            waiver = False  # off the watch list, or absent from a complete waiver list
        else:
            waiver = None
        placements[key] = Placement(key[0], key[1], tier, ranked, waiver, granted, inferred)
    return placements
