"""What the knowledge base says of a country or a report year, with the law applied.

Reads statements through a ``StatementReader`` (the store, or its fast read path), resolves
them to placements (``resolve``), turns a country's placements into the ``PlacementHistory``
the law engine reads, and assembles the country profile, the year view, the conflicts and
the audit. Unknown placements stay ``None`` throughout.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from tierwatch.countries import Country, lookup
from tierwatch.errors import UnknownYearError
from tierwatch.law import (
    FIRST_REPORT_YEAR,
    LawOptions,
    PlacementHistory,
    PlacementYear,
    Tier,
    YearEvaluation,
    evaluate_year,
    last_report_year,
    tier3_consequences,
)
from tierwatch.law.tiers import move_between
from tierwatch.placements.deduction import (
    COVERAGE_RULE,
    Deduction,
    ListIndex,
    build_index,
    complete_list_years,
    covered_years,
    deduce,
)
from tierwatch.placements.resolve import (
    Placement,
    resolve,
    source_ranks,
    waiver_complete_years,
)
from tierwatch.placements.results import (
    Audit,
    AuditCase,
    Conflict,
    CountryProfile,
    PlacementRow,
    SourceRef,
    UnknownEntry,
    YearEntry,
    YearView,
)
from tierwatch.statements.model import (
    P3_SCORES,
    P3_TOTAL,
    TIER,
    WAIVER,
    SourceInfo,
    Statement,
)
from tierwatch.statements.store import StatementReader

_UNKNOWN = "unknown"
INFERRED_CONFIDENCE = 0.6
"""The confidence the importers give a row its source marks inferred or implied (at most)."""


@dataclass(frozen=True)
class CountryRecord:
    """A country's placements (by report year) and the history handed to the law."""

    country: Country
    placements: dict[int, Placement]
    years: list[int]  # every report year of the data, ascending
    history: PlacementHistory
    deductions: dict[int, Deduction] = field(default_factory=dict)
    covered: dict[int, str] = field(default_factory=dict)  # unstated years the rule covers
    releases: dict[int, date] = field(default_factory=dict)  # the reports' release dates
    p3: dict[int, dict[str, Any]] = field(default_factory=dict)  # Cho's 3P scores by year

    def placement(self, year: int) -> Placement | None:
        return self.placements.get(year)

    def deduction(self, year: int) -> Deduction | None:
        return self.deductions.get(year)

    def basis(self, year: int) -> str:
        """How the record knows the year: stated, inferred (from the next report or from a
        waiver), deduced (from complete lists), not a state, or unknown."""
        placement = self.placements.get(year)
        if placement is not None and placement.tier is not None:
            chosen = placement.chosen
            if placement.inferred_from_waiver or (
                    chosen is not None and chosen.confidence <= INFERRED_CONFIDENCE):
                return "inferred"
            return "stated"
        if year in self.deductions:
            return "deduced"
        if not self.country.exists_in(year):
            return "not a state"
        return "unknown"

    def tier(self, year: int) -> Tier | None:
        found = self.placements.get(year)
        return None if found is None else found.tier


RECORD_KINDS = ("dataset", "transcription")
"""The kinds of source whose statements make the placement record: the imported datasets and
transcriptions of the reports. Claims read from documents (kind "document": news, leaks,
forecasts) are kept as statements but never decide a placement."""


def record_sources(sources: list[SourceInfo]) -> set[str]:
    return {source.id for source in sources if source.kind in RECORD_KINDS}


def _placement_statements(reader: StatementReader, country: str | None = None,
                          report_year: int | None = None,
                          sources: list[SourceInfo] | None = None) -> list[Statement]:
    """The tier and waiver statements of the record (documents read left out)."""
    allowed = record_sources(reader.sources() if sources is None else sources)
    rows = reader.statements(country=country, report_year=report_year, prop=TIER)
    rows += reader.statements(country=country, report_year=report_year, prop=WAIVER)
    return [row for row in rows if row.source in allowed]


def data_years(reader: StatementReader) -> list[int]:
    """Every report year from the first report to the last one the record places (a claim
    read from a document about a later year does not add that year)."""
    allowed = record_sources(reader.sources())
    last = FIRST_REPORT_YEAR
    for year in sorted(reader.report_years(TIER), reverse=True):
        if any(s.source in allowed for s in reader.statements(report_year=year, prop=TIER)):
            last = year
            break
    return list(range(FIRST_REPORT_YEAR, last + 1))


def history_of(placements: dict[int, Placement], years: list[int],
               country: Country | None = None,
               deductions: dict[int, Deduction] | None = None) -> PlacementHistory:
    """The law's view: from the first known placement (or the first report after the entity
    came into existence, when that is earlier) to the last data year (or the last year an
    entity that no longer exists was ranked); a year with no placement inside that span is
    unknown (``tier`` None), never filled in, or narrowed to the tiers complete lists leave
    (``possible``; no waiver where the watch list is ruled out)."""
    known = sorted(year for year, p in placements.items() if p.tier is not None)
    if not known:
        return PlacementHistory()
    first = known[0]
    if country is not None and country.state_from is not None:
        first = min(first, max(country.state_from, FIRST_REPORT_YEAR))
    last = max(years[-1], known[-1])
    ranked_until = None if country is None else country.ranked_until
    if ranked_until is not None:
        last = max(known[-1], min(last, ranked_until))
    entries = []
    for year in range(first, last + 1):
        placement = placements.get(year)
        if placement is None or placement.tier is None:
            deduced = (deductions or {}).get(year)
            if deduced is None:
                entries.append(PlacementYear(year, None, None))
            else:
                waiver = None if Tier.WATCH_LIST in deduced.possible else False
                entries.append(PlacementYear(year, None, waiver, possible=deduced.possible))
        else:
            entries.append(PlacementYear(year, placement.tier, placement.waiver))
    return PlacementHistory(entries)


def _record(country: Country, placements: dict[int, Placement], years: list[int],
            index: ListIndex | Callable[[set[int]], ListIndex]) -> CountryRecord:
    """The record of one country; ``index`` is the checked complete lists, or a function
    that reads them for the given years (only those a deduction may need)."""
    stated = {year for year, p in placements.items() if p.tier is not None}
    exists = {year: country.exists_in(year) for year in years}
    covered = covered_years(stated, years, exists) if stated else {}
    if callable(index):
        index = index(set(covered))
    deductions = {}
    for year, because in covered.items():
        found = deduce(country.code, year, because, index)
        if found is not None:
            deductions[year] = found
    return CountryRecord(country, placements, years,
                         history_of(placements, years, country, deductions),
                         deductions, covered)


def list_index(reader: StatementReader, years: set[int] | None = None) -> ListIndex:
    """The complete lists of the store (of ``years`` only, when given), checked: reads the
    tier statements of those years alone."""
    sources = reader.sources()
    statements: list[Statement] = []
    for year in sorted(complete_list_years(sources)):
        if years is None or year in years:
            statements += reader.statements(report_year=year, prop=TIER)
    return build_index(sources, statements, source_ranks(sources))


def country_record(reader: StatementReader, name: str) -> CountryRecord:
    """Everything the knowledge base holds on one country's placements."""
    country = lookup(name)
    sources = reader.sources()
    resolved = resolve(_placement_statements(reader, country=country.code, sources=sources),
                       waiver_complete_years(sources), source_ranks(sources))
    placements = {year: p for (_code, year), p in resolved.items()}
    record = _record(country, placements, data_years(reader),
                     lambda years: list_index(reader, years))
    return replace(record, releases=_releases(reader), p3=p3_scores(reader, country.code))


def p3_scores(reader: StatementReader, code: str) -> dict[int, dict[str, Any]]:
    """Cho's 3P policy scores of one country by report year (2001-2014), with their source."""
    found: dict[int, dict[str, Any]] = {}
    for prop in (*P3_SCORES, P3_TOTAL):
        for statement in reader.statements(country=code, prop=prop):
            if statement.report_year is None:
                continue
            entry = found.setdefault(statement.report_year, {"source": statement.source,
                                                             "locator": statement.locator})
            entry.setdefault(prop.removeprefix("3p "), int(statement.value))
    return dict(sorted(found.items()))


def _releases(reader: StatementReader) -> dict[int, date]:
    from tierwatch.placements.calendar import release_dates

    return {year: released for year, (released, _source) in release_dates(reader).items()}


def all_records(reader: StatementReader) -> dict[str, CountryRecord]:
    """Every country the data places, keyed by code (one read of the store)."""
    sources = reader.sources()
    statements = _placement_statements(reader, sources=sources)
    resolved = resolve(statements, waiver_complete_years(sources), source_ranks(sources))
    index = build_index(sources, statements, source_ranks(sources))
    years = data_years(reader)
    by_country: dict[str, dict[int, Placement]] = {}
    for (code, year), placement in resolved.items():
        by_country.setdefault(code, {})[year] = placement
    releases = _releases(reader)
    return {code: replace(_record(lookup(code), placements, years, index), releases=releases)
            for code, placements in sorted(by_country.items())}


# -- shapes for people and for JSON -------------------------------------------------------


def source_dict(statement: Statement) -> SourceRef:
    return {
        "value": statement.value,
        "source": statement.source,
        "locator": statement.locator,
        "claimant": statement.claimant,
        "confidence": statement.confidence,
        "excerpt": statement.excerpt,
    }


def evaluation_of(record: CountryRecord, year: int,
                  options: LawOptions | None = None) -> YearEvaluation | None:
    """The law for ``year`` on the record, or None before the record begins."""
    first = record.history.first_year
    if first is None or year < first:
        return None
    return evaluate_year(record.history, year, options=options)


def move(before: Tier | None, after: Tier | None) -> str:
    """"upgrade", "downgrade", "unchanged", or "unknown" when either side is not a tier."""
    return move_between(before, after) or _UNKNOWN


def placement_text(record: CountryRecord, year: int) -> str:
    """The placement as every view writes it: the tier, the deduced set with its lists,
    "not yet a state", or "unknown"."""
    tier = record.tier(year)
    if tier is not None:
        return str(tier)
    deduced = record.deduction(year)
    if deduced is not None:
        return deduced.text
    if not record.country.exists_in(year):
        return "not yet a state" if (record.country.state_from or 0) > year else "no longer exists"
    return _UNKNOWN


_CLOCK_KEYS = ("watch_list_years", "watch_list_years_min", "watch_list_years_max", "run_years",
               "unknown_years", "waivers_used", "waivers_left", "waiver_cap", "tier3_forced_in",
               "downgrade_due_in", "reason")


def placement_row(record: CountryRecord, year: int) -> PlacementRow:
    """One report year of a country, as the ``country`` command shows it."""
    placement = record.placement(year)
    evaluation = evaluation_of(record, year)
    previous = record.tier(year - 1) if year > FIRST_REPORT_YEAR else None
    tier = None if placement is None else placement.tier
    deduced = record.deduction(year)
    history_year = record.history.get(year)
    row: PlacementRow = {
        "report_year": year,
        "tier": None if tier is None else str(tier),
        "basis": record.basis(year),
        "placement": placement_text(record, year),
        "possible": None if history_year is None else [
            str(t) for t in Tier if history_year.may_be(t)],
        "deduced": None if deduced is None else deduced.to_dict(),
        "move": move(previous, tier) if year > FIRST_REPORT_YEAR else None,
        "waiver": None if placement is None else placement.waiver,
        "inferred_from_waiver": bool(placement and placement.inferred_from_waiver),
        "sources": [] if placement is None else [
            source_dict(s) for s in (placement.statements or placement.waiver_statements)],
        "waiver_sources": [] if placement is None else [
            source_dict(s) for s in placement.waiver_statements],
        "conflict": None if placement is None or not placement.conflict else placement.values,
        "p3": record.p3.get(year),
        "clock": None,
        "lawful_placements": None,
        "uncertain_placements": None,
        "verdict": None,
        "consequences": None,
    }
    if evaluation is None:
        return row
    data = evaluation.to_dict()
    row["clock"] = {key: data[key] for key in _CLOCK_KEYS}
    row["lawful_placements"] = data["lawful_placements"]
    row["uncertain_placements"] = data["uncertain_placements"]
    row["verdict"] = data["verdict"] if tier is not None else None
    consequences = data["consequences"] if tier is Tier.TIER_3 else None
    released = record.releases.get(year)
    if consequences is not None and released is not None:
        # the window runs from the day the report was released, not its due date
        consequences = tier3_consequences(year, released).to_dict()
    del row["consequences"]  # type: ignore[misc]  # the JSON's order: verdict_reason first
    row["verdict_reason"] = data["verdict_reason"] if tier is not None else None
    row["consequences"] = consequences
    return row


def country_profile(reader: StatementReader, name: str) -> CountryProfile:
    """The ``country`` answer: placements by report year with sources, the law, conflicts."""
    record = country_record(reader, name)
    until = record.country.ranked_until
    rows = [placement_row(record, year) for year in record.years
            if until is None or year <= until]
    upcoming = record.years[-1] + 1
    outlook = None
    if (record.history.first_year is not None and upcoming <= last_report_year()
            and until is None):
        answer = evaluate_year(record.history, upcoming).to_dict()
        outlook = {key: answer[key] for key in (
            "report_year", "watch_list_years", "waivers_used", "waivers_left",
            "tier3_forced_in", "downgrade_due_in", "lawful_placements", "uncertain_placements",
            "lawful_summary", "reason", "outlook",
            "explanation")}
    return CountryProfile(country=record.country.name, code=record.country.code,
                          region=record.country.region, placements=rows, next_report=outlook,
                          conflicts=record_conflicts(record))


def conflict_of(placement: Placement) -> Conflict:
    return Conflict(code=placement.country, country=lookup(placement.country).name,
                    report_year=placement.report_year,
                    chosen=str(placement.tier) if placement.tier else None,
                    values=placement.values,
                    sources=[source_dict(s) for s in placement.statements])


def conflict_dict(placement: Placement) -> dict[str, Any]:
    return conflict_of(placement).to_dict()


def record_conflicts(record: CountryRecord) -> list[Conflict]:
    """The country-years of one record on which the sources disagree, by year."""
    return [conflict_of(p) for _y, p in sorted(record.placements.items()) if p.conflict]


def conflicts(reader: StatementReader, name: str | None = None) -> list[Conflict]:
    """Every country-year whose sources give different tiers (of one country, when named)."""
    if name is not None:
        return record_conflicts(country_record(reader, name))
    found = []
    for record in all_records(reader).values():
        found += record_conflicts(record)
    return found


def year_view(reader: StatementReader, year: int) -> YearView:
    """All placements of one report year, by tier, with the moves since the year before."""
    years = data_years(reader)
    if year not in years:
        raise UnknownYearError(
            f"report year {year}: the data holds report years {years[0]}-{years[-1]}")
    view = year_view_of(all_records(reader), year)
    return replace(view, list_flags=[flag.to_dict() for flag in list_index(reader).flags
                                     if flag.report_year == year])


def year_view_of(records: dict[str, CountryRecord], year: int) -> YearView:
    """``year_view`` on records already read (callers that need them too read them once);
    its ``list_flags`` are left empty (they need the store's complete lists)."""
    by_tier: dict[str, list[YearEntry]] = {str(t): [] for t in Tier}
    moves: dict[str, list[YearEntry]] = {
        "upgrades": [], "downgrades": [], "new_on_watch_list": [], "forced_downgrades": [],
        "waivers": []}
    unknown: list[UnknownEntry] = []
    deduced: list[dict[str, Any]] = []
    for code, record in records.items():
        tier = record.tier(year)
        name, region = record.country.name, record.country.region
        if tier is None:
            found = record.deduction(year)
            if found is not None:
                deduced.append({"code": code, "country": name, "region": region,
                                **found.to_dict()})
                continue
            history = record.history
            if history.first_year is not None and history.first_year <= year <= (
                    history.last_year or year):
                covered = record.covered.get(year)
                unknown.append({"code": code, "country": name, "region": region,
                                "covered": covered is not None,
                                "why": (f"covered ({covered}); no complete list of {year} "
                                        "leaves it out") if covered else
                                "no source places it, and the coverage rule does not "
                                "establish that the report covered it"})
            continue
        placement = record.placement(year)
        assert placement is not None
        previous = record.tier(year - 1)
        before = record.deduction(year - 1) if previous is None else None
        item: YearEntry = {"code": code, "country": name, "region": region, "tier": str(tier),
                           "previous_tier": None if previous is None else str(previous),
                           "previous_placement": (str(previous) if previous is not None else
                                                  before.text if before is not None
                                                  else "unknown"),
                           "move": move(previous, tier), "waiver": placement.waiver,
                           "sources": [s.source for s in placement.statements]}
        by_tier[str(tier)].append(item)
        if item["move"] == "upgrade":
            moves["upgrades"].append(item)
        elif item["move"] == "downgrade":
            moves["downgrades"].append(item)
        if tier is Tier.WATCH_LIST and previous is not Tier.WATCH_LIST:
            moves["new_on_watch_list"].append(item)
        if placement.waiver:
            moves["waivers"].append(item)
        if tier is Tier.TIER_3 and previous is Tier.WATCH_LIST:
            evaluation = evaluation_of(record, year)
            forcing = None if evaluation is None else evaluation.downgrade_reason
            if forcing is not None:  # a rule of the law took the watch list away, not a choice
                rule, citation, reason = forcing
                moves["forced_downgrades"].append({**item, "reason": reason, "rule": rule,
                                                   "citation": citation})
    for items in [*by_tier.values(), *moves.values()]:
        items.sort(key=lambda entry: (entry["country"], entry["code"]))
    unknown.sort(key=lambda entry: (entry["country"], entry["code"]))
    deduced.sort(key=lambda entry: (entry["country"], entry["code"]))
    return YearView(
        report_year=year,
        counts={tier: len(items) for tier, items in by_tier.items()},
        tiers={tier: items for tier, items in by_tier.items() if items},
        deduced=deduced, unknown=unknown, coverage_rule=COVERAGE_RULE,
        upgrades=moves["upgrades"], downgrades=moves["downgrades"],
        new_on_watch_list=moves["new_on_watch_list"],
        forced_downgrades=moves["forced_downgrades"], waivers=moves["waivers"])


# -- audit -----------------------------------------------------------------------------


AUDIT_CLASSES = ("lawful", "lawful_by_waiver", "unexplained", "undetermined")


def audit(reader: StatementReader, options: LawOptions | None = None) -> Audit:
    """Replay every recorded placement through the law of its year.

    lawful: the statute allowed it as it stands; lawful_by_waiver: only thanks to a waiver
    the data records; unexplained: the statute as coded does not allow it on the data held
    (a waiver we have no record of, a data error, or a finding); undetermined: unknown years
    or unrecorded waivers leave the answer open.
    """
    counts: Counter[str] = Counter()
    unexplained: list[AuditCase] = []
    undetermined: list[AuditCase] = []
    for code, record in all_records(reader).items():
        for year, placement in sorted(record.placements.items()):
            if placement.tier is None:
                continue
            evaluation = evaluation_of(record, year, options)
            assert evaluation is not None
            verdict = evaluation.check.verdict
            kind = {"lawful": "lawful", "lawful_by_waiver": "lawful_by_waiver",
                    "unlawful": "unexplained"}.get(verdict, "undetermined")
            counts[kind] += 1
            if kind in ("unexplained", "undetermined"):
                case: AuditCase = {
                    "code": code, "country": record.country.name, "report_year": year,
                    "tier": str(placement.tier), "waiver": placement.waiver,
                    "history": " ".join(p.code for p in record.history
                                        if year - 5 <= p.year <= year),
                    "rule": evaluation.check.rule, "citation": evaluation.check.citation,
                    "reason": evaluation.check.reason,
                    "sources": sorted({s.source for s in placement.statements}),
                }
                (unexplained if kind == "unexplained" else undetermined).append(case)
    return Audit(counts={kind: counts.get(kind, 0) for kind in AUDIT_CLASSES},
                 unexplained=unexplained, undetermined=undetermined)
