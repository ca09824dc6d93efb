"""Typed answers of the record's query services (country profile, year view, conflicts,
audit), shared by the CLI, the REST API and the dashboard.

Each top-level answer is a frozen dataclass whose ``to_dict()`` is the JSON the CLI prints with
``--json`` (same keys, same order), so that every interface shows the same shape. Rows inside
are ``TypedDict``s: they are plain dicts at run time (cheap to build, JSON-ready) and typed for
mypy. Parts that the law layer shapes (its clock and consequences) stay ``dict[str, Any]``:
their keys are the law's to define.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, NotRequired, TypedDict


class SourceRef(TypedDict):
    """One statement behind a placement: the value, where it comes from, who says it."""

    value: str
    source: str
    locator: str
    claimant: str
    confidence: float
    excerpt: str | None


class PlacementRow(TypedDict):
    """One report year of a country as the ``country`` command shows it. ``tier`` None is
    unknown (``basis`` says why); the law's parts are None before the record begins."""

    report_year: int
    tier: str | None
    basis: str
    placement: str
    possible: list[str] | None
    deduced: dict[str, Any] | None
    move: str | None
    waiver: bool | None
    inferred_from_waiver: bool
    sources: list[SourceRef]
    waiver_sources: list[SourceRef]
    conflict: list[str] | None
    p3: dict[str, Any] | None
    clock: dict[str, Any] | None
    lawful_placements: list[str] | None
    uncertain_placements: list[str] | None  # lawful or not depending on unknown years
    verdict: str | None
    verdict_reason: NotRequired[str | None]  # present once the law applies to the year
    consequences: dict[str, Any] | None


@dataclass(frozen=True)
class Conflict:
    """A country-year on which the sources give different tiers, and the one shown."""

    code: str
    country: str
    report_year: int
    chosen: str | None
    values: list[str]
    sources: list[SourceRef]

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "country": self.country, "report_year": self.report_year,
                "chosen": self.chosen, "values": list(self.values),
                "sources": [dict(source) for source in self.sources]}


@dataclass(frozen=True)
class CountryProfile:
    """A country's placements by report year, the law's outlook for the next report, and
    the conflicts between sources (``tierwatch country``; decisions are the assessment
    layer's: ``tierwatch.assessment.services.country_page``)."""

    country: str
    code: str
    region: str
    placements: list[PlacementRow]
    next_report: dict[str, Any] | None  # the law's answer for the year after the record
    conflicts: list[Conflict]

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "code": self.code, "region": self.region,
                "placements": [dict(row) for row in self.placements],
                "next_report": self.next_report,
                "conflicts": [conflict.to_dict() for conflict in self.conflicts]}


class YearEntry(TypedDict):
    """A country placed in a report year, with its move since the year before."""

    code: str
    country: str
    region: str
    tier: str
    previous_tier: str | None
    previous_placement: str  # the tier, the tiers deduced from complete lists, or "unknown"
    move: str
    waiver: bool | None
    sources: list[str]
    reason: NotRequired[str]  # forced downgrades: the rule that forced it
    rule: NotRequired[str]
    citation: NotRequired[str]


class UnknownEntry(TypedDict):
    """A country whose placement in the year no source gives and no list narrows."""

    code: str
    country: str
    region: str
    covered: bool
    why: str


@dataclass(frozen=True)
class YearView:
    """All placements of one report year by tier, the deduced and the unknown ones, and the
    moves since the year before (``tierwatch year``)."""

    report_year: int
    counts: dict[str, int]
    tiers: dict[str, list[YearEntry]]  # only tiers that hold a country
    deduced: list[dict[str, Any]]  # the entry's code, country, region and the deduction
    unknown: list[UnknownEntry]
    coverage_rule: str
    upgrades: list[YearEntry]
    downgrades: list[YearEntry]
    new_on_watch_list: list[YearEntry]
    forced_downgrades: list[YearEntry]
    waivers: list[YearEntry]
    list_flags: list[dict[str, Any]] = field(default_factory=list)  # lists not believed

    def to_dict(self) -> dict[str, Any]:
        return {"report_year": self.report_year, "counts": dict(self.counts),
                "tiers": {tier: [dict(item) for item in items]
                          for tier, items in self.tiers.items()},
                "deduced": [dict(item) for item in self.deduced],
                "unknown": [dict(item) for item in self.unknown],
                "coverage_rule": self.coverage_rule,
                "upgrades": [dict(item) for item in self.upgrades],
                "downgrades": [dict(item) for item in self.downgrades],
                "new_on_watch_list": [dict(item) for item in self.new_on_watch_list],
                "forced_downgrades": [dict(item) for item in self.forced_downgrades],
                "waivers": [dict(item) for item in self.waivers],
                "list_flags": [dict(flag) for flag in self.list_flags]}


class AuditCase(TypedDict):
    """A recorded placement the law does not explain (or cannot yet decide)."""

    code: str
    country: str
    report_year: int
    tier: str
    waiver: bool | None
    history: str
    rule: str | None
    citation: str | None
    reason: str
    sources: list[str]


@dataclass(frozen=True)
class Audit:
    """Every recorded placement replayed through the law of its year (``tierwatch audit``):
    counts by class, and the cases that are unexplained or undetermined."""

    counts: dict[str, int]
    unexplained: list[AuditCase]
    undetermined: list[AuditCase]

    def to_dict(self) -> dict[str, Any]:
        return {"counts": dict(self.counts),
                "unexplained": [dict(case) for case in self.unexplained],
                "undetermined": [dict(case) for case in self.undetermined]}
