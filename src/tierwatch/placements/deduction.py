"""What absence from a complete list tells, and which countries a report covered.

Some sources hold a report's list whole (``complete`` in ``sources/catalog.yaml``, from
PROVENANCE). A country that report covered and that is absent from a complete list was not on
that list: its placement is the set of tiers left, marked deduced, with the lists it rests on.

Which countries a report covered is itself a claim; the rule used (``COVERAGE_RULE``) is
printed with every deduced answer. A complete list that another source contradicts (a country
placed on that tier of that year by another catalogued source but missing from the list) is
not believed: it is flagged and no deduction rests on it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from tierwatch.law.tiers import Tier
from tierwatch.placements.coverage import complete_lists
from tierwatch.statements.model import TIER, SourceInfo, Statement

COVERAGE_RULE = (
    "a report is taken to have covered a country that existed that year when a source states "
    "its placement in an earlier report and in a later one (a later year covered by this rule "
    "counts), or, for the latest report held, in one of the two reports before it; no source "
    "we hold says a covered country was left out")
"""How tierwatch decides that a report covered a country (shown with every deduction)."""

COVERED_PLACEMENTS: tuple[Tier, ...] = (Tier.TIER_1, Tier.TIER_2, Tier.WATCH_LIST,
                                        Tier.TIER_3, Tier.SPECIAL_CASE)
"""What a covered country may be: a tier or a special case (never "not ranked")."""

_SHORT_NAMES = {Tier.TIER_1: "Tier 1", Tier.TIER_2: "Tier 2", Tier.WATCH_LIST: "Watch List",
                Tier.TIER_3: "Tier 3", Tier.SPECIAL_CASE: "Special Case"}
_ORDER = {tier: index for index, tier in enumerate(Tier)}


def _ordered(tiers: Iterable[Tier]) -> list[Tier]:
    return sorted(tiers, key=lambda tier: _ORDER[tier])


def _spoken(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def tier_set_label(tiers: Iterable[Tier]) -> str:
    """"Tier 2 or Special Case", "Tier 1, Tier 2 or Special Case"."""
    names = [str(tier) for tier in _ordered(tiers)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


@dataclass(frozen=True, slots=True)
class CompleteList:
    """One list a source holds whole: its members (country codes) as that source gives them."""

    source: str
    report_year: int
    tier: Tier
    members: frozenset[str]


@dataclass(frozen=True, slots=True)
class ListFlag:
    """A list claimed complete that another source contradicts: not believed."""

    source: str
    report_year: int
    tier: Tier
    country: str
    contradicted_by: str  # the other source and its place

    @property
    def message(self) -> str:
        return (f"{self.source} claims the complete {self.report_year} {self.tier} list but "
                f"misses {self.country}, which {self.contradicted_by} places there: the list "
                "is not used to deduce")

    def to_dict(self) -> dict[str, Any]:
        return {"source": self.source, "report_year": self.report_year, "tier": str(self.tier),
                "country": self.country, "contradicted_by": self.contradicted_by,
                "message": self.message}


@dataclass(frozen=True, slots=True)
class Deduction:
    """A country-year no source places, narrowed by the complete lists it is absent from."""

    country: str
    report_year: int
    possible: frozenset[Tier]
    lists: tuple[CompleteList, ...]  # the lists it rests on (absent from each)
    covered_because: str

    @property
    def label(self) -> str:
        return tier_set_label(self.possible)

    @property
    def basis(self) -> str:
        """"absent from the complete 2025 Tier 1, Watch List and Tier 3 lists"."""
        tiers = [_SHORT_NAMES[t] for t in _ordered({item.tier for item in self.lists})]
        noun = "list" if len(tiers) == 1 else "lists"
        return f"absent from the complete {self.report_year} {_spoken(tiers)} {noun}"

    @property
    def text(self) -> str:
        return f"{self.label} (deduced: {self.basis})"

    def to_dict(self) -> dict[str, Any]:
        return {
            "possible": [str(t) for t in _ordered(self.possible)],
            "label": self.label,
            "text": self.text,
            "basis": self.basis,
            "lists": [{"source": item.source, "report_year": item.report_year,
                       "tier": str(item.tier)} for item in self.lists],
            "covered_because": self.covered_because,
            "coverage_rule": COVERAGE_RULE,
        }


@dataclass(frozen=True, slots=True)
class ListIndex:
    """The complete lists of the store, those believed, and the flags on the others."""

    usable: Mapping[int, tuple[CompleteList, ...]]
    flags: tuple[ListFlag, ...]

    @property
    def years(self) -> list[int]:
        return sorted(self.usable)


def complete_list_years(sources: Iterable[SourceInfo]) -> set[int]:
    return {year for source in sources for year in complete_lists(source)}


def build_index(sources: Iterable[SourceInfo], statements: Iterable[Statement],
                ranks: Mapping[str, int]) -> ListIndex:
    """The complete lists from the sources' descriptions and their own statements, checked
    against every other catalogued source's tier statements of the same year."""
    sources = list(sources)
    claimed = {(source.id, year): tiers for source in sources
               for year, tiers in complete_lists(source).items()}
    years = {year for _source, year in claimed}
    members: dict[tuple[str, int, Tier], set[str]] = defaultdict(set)
    stated: dict[tuple[int, Tier], list[Statement]] = defaultdict(list)
    for statement in statements:
        if statement.prop != TIER or statement.report_year not in years:
            continue
        try:
            tier = Tier(statement.value)
        except ValueError:
            continue
        members[(statement.source, statement.report_year, tier)].add(statement.country)
        if statement.source in ranks:  # catalogued sources only, never a document read
            stated[(statement.report_year, tier)].append(statement)
    usable: dict[int, list[CompleteList]] = defaultdict(list)
    flags: list[ListFlag] = []
    for (source_id, year), tiers in sorted(claimed.items(), key=lambda item: item[0]):
        for tier in _ordered(tiers):
            listed = frozenset(members.get((source_id, year, tier), set()))
            missing = sorted({(s.country, f"{s.source} {s.locator}")
                              for s in stated.get((year, tier), [])
                              if s.source != source_id and s.country not in listed})
            if missing:
                flags += [ListFlag(source_id, year, tier, country, by)
                          for country, by in missing]
                continue
            usable[year].append(CompleteList(source_id, year, tier, listed))
    return ListIndex({year: tuple(lists) for year, lists in usable.items()}, tuple(flags))


def covered_years(stated_years: set[int], data_years: list[int],
                  exists: Mapping[int, bool]) -> dict[int, str]:
    """The report years (without a stated placement) that ``COVERAGE_RULE`` says covered the
    country, each with the placements that show it."""
    covered: dict[int, str] = {}
    if not data_years:
        return covered
    latest = data_years[-1]
    for year in sorted(data_years, reverse=True):
        if year in stated_years or not exists.get(year, True):
            continue
        if year == latest:
            before = [y for y in (year - 1, year - 2) if y in stated_years]
            if before:
                covered[year] = f"placed in {before[0]}, the latest report held being {year}"
            continue
        earlier = [y for y in stated_years if y < year]
        later = sorted(y for y in {*stated_years, *covered} if y > year)
        if earlier and later:
            after = later[0]
            how = "" if after in stated_years else " (covered by this rule)"
            covered[year] = f"placed in {max(earlier)} and in {after}{how}"
    return covered


def deduce(country: str, year: int, covered_because: str,
           index: ListIndex) -> Deduction | None:
    """The tiers left to a covered country-year no source places, or None when no believed
    complete list of that year leaves anything out."""
    lists = tuple(item for item in index.usable.get(year, ())
                  if country not in item.members)
    if not lists:
        return None
    possible = frozenset(COVERED_PLACEMENTS) - {item.tier for item in lists}
    if not possible:
        return None  # absent from every list: the coverage claim itself fails
    if possible <= {Tier.SPECIAL_CASE}:
        # absent from every tier's complete list: a special case is not ranked either, and
        # the coverage rule cannot tell it from a country the report left out
        possible = possible | {Tier.UNRANKED}
    return Deduction(country, year, possible, lists, covered_because)
