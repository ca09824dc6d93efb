"""The public TIP data files tierwatch imports, one importer (kind) per file.

The sources are data (``catalog.yaml``, one entry per source): the description (publisher,
address, date, licence, coverage, gaps: facts from ``shared/data/tip/PROVENANCE.md``, in our
words), its priority in the placement resolution, the lists it holds complete, the columns it
must have, its parser, and the assertions a complete copy of it must pass. This module holds
the parsers and the checks, and turns each entry into a ``Kind``.

Claimants: tiers transcribed from the report are asserted by "TIP report"; the Tier 3 lists
of the presidential determinations by "President (determination)" (rows of that file filled
in from a chapter or the press stay the report's); waivers by "US Department of State".
Confidence, one rule for every kind: 1.0 for the report's own chapters, the determinations and
the research panels; 0.8 for third-party copies of the lists and for news; a row whose page is
the report's own chapter counts 1.0 even in a third-party file; a row its source calls
secondary at most 0.8; a row its source marks inferred or implied at most 0.6.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

from tierwatch.errors import InvalidInputError
from tierwatch.law.tiers import Tier
from tierwatch.sources import tables
from tierwatch.statements.locator import Cell, Row, order_key
from tierwatch.statements.model import (
    COMPLETE_KEY,
    P3_SCORES,
    P3_TOTAL,
    PRIORITY_KEY,
    REPORT_RELEASED,
    TIER,
    WAIVER,
    SourceInfo,
    Statement,
)
from tierwatch.statements.properties import score_range, unit_of

TIP_REPORT = "TIP report"
PRESIDENT = "President (determination)"
STATE_DEPARTMENT = "US Department of State"



@dataclass(frozen=True)
class Kind:
    """One importer: a file name, its source, and how its rows become statements."""

    file: str
    source: SourceInfo
    parse: Callable[[Kind, Path], list[Statement]]
    columns: tuple[str, ...] = ()
    claimant: str = TIP_REPORT
    confidence: float = 1.0
    tiers_allowed: tuple[str, ...] = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3",
                                      "Special Case")
    exact_counts: dict[tuple[int, str], int] = field(default_factory=dict)
    exact_rows: dict[int, int] = field(default_factory=dict)
    minimum_ranked: dict[int, int] = field(default_factory=dict)
    total_rows: int | None = None
    years: tuple[int, int] = (2001, 2026)
    marks: str = "anywhere"  # where a row marks itself inferred/secondary: or "evidence_start"
    describe: Callable[[Kind, Path], SourceInfo] | None = None

    @property
    def id(self) -> str:
        return self.source.id

    def source_of(self, path: Path) -> SourceInfo:
        """The source description, completed from the file where the file itself says more
        (the waiver file marks which years' lists are complete)."""
        return self.describe(self, path) if self.describe else self.source


def _statement(kind: Kind, country: str, year: int, prop: str, value: str, row: int,
               excerpt: str, confidence: float | None = None,
               claimant: str | None = None) -> Statement:
    return Statement(country=country, report_year=year, prop=prop, value=value,
                     claimant=claimant or kind.claimant, source=kind.id, locator=str(Row(row)),
                     excerpt=excerpt, confidence=kind.confidence if confidence is None
                     else confidence).seen(kind.source.date)


REPORT_HOSTS = ("state.gov", "ecoi.net", "cstreetsandbox.com")
"""Where a row's page is the report's own chapter: the State Department's site, its CMS
preview server, and the ecoi.net archive copies of the chapters."""


def _host(evidence: str) -> str:
    address = evidence.strip().split(" ", 1)[0].lower()
    if "://" not in address:
        return ""
    return address.split("://", 1)[1].split("/", 1)[0].removeprefix("www.")


def is_report_chapter(evidence: str) -> bool:
    host = _host(evidence)
    return any(host == known or host.endswith("." + known) for known in REPORT_HOSTS)


def _row_confidence(kind: Kind, evidence: str, marked: str | None = None) -> float:
    """The kind's confidence, raised to 1.0 for a row whose page is the report's own chapter,
    lowered to 0.8 for a row its source calls secondary, and to 0.6 for one it calls inferred
    or implied (that mark wins over the page). ``marked``: where the file puts the mark (the
    text searched for it), when not anywhere in the row."""
    lowered = (evidence if marked is None else marked).lower()
    if "inferred" in lowered or "implied" in lowered:
        return min(kind.confidence, 0.6)
    if "secondary" in lowered:
        return min(kind.confidence, 0.8)
    if is_report_chapter(evidence):
        return 1.0
    return kind.confidence


# -- parsers ---------------------------------------------------------------------------------


def parse_tier_list(kind: Kind, path: Path) -> list[Statement]:
    """Files of rows ``report_year, country, tier, source[, evidence]`` (the transcriptions)."""
    name_column = kind.columns[0] if kind.columns[0].startswith("country") else "country"
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        year = tables.report_year(path, number, row["report_year"], *kind.years)
        tier = tables.text_tier(path, number, row["tier"], kind.tiers_allowed)
        code = tables.country_code(path, number, row[name_column])
        if tier is None:
            continue
        evidence = " | ".join(row[c].strip() for c in ("source", "evidence") if row.get(c))
        marked = None
        if kind.marks == "evidence_start":
            # the file marks a weak row by the word that starts its evidence (PROVENANCE 16)
            marked = (row.get("evidence") or "").strip().split(" ", 1)[0]
        confidence = _row_confidence(kind, evidence, marked)
        statements.append(_statement(kind, code, year, TIER, str(tier), number, evidence,
                                     confidence))
    return statements


def parse_determinations(kind: Kind, path: Path) -> list[Statement]:
    """The Tier 3 lists of the determinations. A row whose source is the determination is the
    President's; a row filled in from a report chapter is the report's; one filled in from a
    news report is the report's as the press relays it (third-party confidence, 0.8)."""
    statements = []
    for statement in parse_tier_list(kind, path):
        basis = statement.excerpt or ""
        if "presidential determination" in basis.lower():
            statements.append(statement)
        elif is_report_chapter(basis):
            statements.append(replace(statement, claimant=TIP_REPORT))
        else:
            statements.append(replace(statement, claimant=TIP_REPORT,
                                      confidence=min(statement.confidence, 0.8)))
    return statements


def parse_waivers(kind: Kind, path: Path) -> list[Statement]:
    statements = []
    _waiver_completeness(path, kind)  # a year marked both ways is refused before any row
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        year = tables.report_year(path, number, row["report_year"], 2011, 2026)
        code = tables.country_code(path, number, row["country"])
        statements.append(_statement(kind, code, year, WAIVER, "granted", number,
                                     row["source"].strip()))
    return statements


def _waiver_completeness(path: Path, kind: Kind) -> dict[int, str]:
    """Each report year's list as the file marks it: "complete" or "partial" (one per year)."""
    marked: dict[int, str] = {}
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        year = tables.report_year(path, number, row["report_year"], 2011, 2026)
        mark = row["list_completeness"].strip()
        if mark not in ("complete", "partial"):
            raise InvalidInputError(f"{path.name} row {number}: list_completeness "
                                    f"{mark!r} is not complete or partial")
        if marked.setdefault(year, mark) != mark:
            raise InvalidInputError(f"{path.name} row {number}: report year {year} is marked "
                                    f"{mark} here and {marked[year]} in an earlier row")
    return marked


def waiver_source(kind: Kind, path: Path) -> SourceInfo:
    """The waiver source with ``complete_years`` taken from the file's own marks, so that
    "no waiver" is said only for a year whose whole list was read. (A year with no waiver at
    all has no row to carry the mark: it stays unknown, the cautious side.)"""
    marked = _waiver_completeness(path, kind)
    complete = ",".join(str(year) for year in sorted(marked) if marked[year] == "complete")
    return replace(kind.source, extra={**kind.source.extra, "complete_years": complete})


P3_COLUMNS = {"p3_prosecution": P3_SCORES[0], "p3_protection": P3_SCORES[1],
              "p3_prevention": P3_SCORES[2], "p3_total": P3_TOTAL}
P3_YEARS = (2001, 2014)
"""Report years whose 3P scores are kept: those of the reports (the panel starts in 1999)."""


def parse_kelley_cho_csv(kind: Kind, path: Path) -> list[Statement]:
    """Tiers, and Cho's 3P policy scores (prosecution, protection, prevention 1-5, total 3-15)
    for the report years 2001-2014; a score that is not a whole number in range, or a total
    that is not the sum of its parts, is refused."""
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        tier = tables.numeric_tier(path, number, row["tier_code"])
        year = tables.report_year(path, number, row["report_year"], 1999, 2026)
        if tier is not None and year < 2001:
            raise InvalidInputError(f"{path.name} row {number}: a tier for {year}, before "
                                    "the first report (2001)")
        if tier is None and not (P3_YEARS[0] <= year <= P3_YEARS[1]):
            continue
        code = tables.country_code(path, number, row["country"])
        if tier is not None:
            excerpt = f"{row['country']}, {year}, tier code {row['tier_code']}"
            statements.append(_statement(kind, code, year, TIER, str(tier), number, excerpt))
        if P3_YEARS[0] <= year <= P3_YEARS[1]:
            statements += _p3_statements(kind, path, number, row, code, year)
    return statements


def _p3_statements(kind: Kind, path: Path, number: int, row: dict[str, str], code: str,
                   year: int) -> list[Statement]:
    scores: dict[str, int] = {}
    for column in P3_COLUMNS:
        raw = row[column].strip()
        if not raw:
            continue
        text = raw[:-2] if raw.endswith(".0") else raw
        low, high = score_range(P3_COLUMNS[column])
        if not (text.isascii() and text.isdigit()) or not low <= int(text) <= high:
            raise InvalidInputError(f"{path.name} row {number}: {column} {raw!r} is not a "
                                    f"whole score from {low} to {high}")
        scores[column] = int(text)
    parts = [scores.get(column) for column in list(P3_COLUMNS)[:3]]
    if "p3_total" in scores and None not in parts and sum(
            p for p in parts if p is not None) != scores["p3_total"]:
        raise InvalidInputError(f"{path.name} row {number}: p3_total {scores['p3_total']} is "
                                "not the sum of the three scores")
    return [Statement(country=code, report_year=year, prop=P3_COLUMNS[column], value=str(value),
                      claimant="Seo-Young Cho (3P Anti-Trafficking Policy Index)",
                      source=kind.id, locator=str(Cell(number, column)),
                      unit=unit_of(P3_COLUMNS[column]),
                      excerpt=f"{row['country']}, {year}, {column} {row[column].strip()}",
                      ).seen(kind.source.date)
            for column, value in scores.items()]


def parse_heiss(kind: Kind, path: Path) -> list[Statement]:
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        tier = tables.text_tier(path, number, row["tier"], ("Tier 1", "Tier 2", "Watchlist",
                                                            "Tier 3", "NA"))
        year = tables.report_year(path, number, row["year"], 1999, 2026)
        if tier is None:
            continue
        code = tables.country_code(path, number, row["countryname"])
        excerpt = f"{row['countryname'].strip()}, {year}, {row['tier'].strip()}"
        statements.append(_statement(kind, code, year, TIER, str(tier), number, excerpt))
    return statements


def parse_tiers_2015(kind: Kind, path: Path) -> list[Statement]:
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        tier = tables.numeric_tier(path, number, row["tier"])
        if tier is None:
            continue
        code = tables.country_code(path, number, row["countryname"])
        excerpt = f"{row['countryname'].strip()}, tier code {row['tier'].strip()}"
        statements.append(_statement(kind, code, 2015, TIER, str(tier), number, excerpt))
    return statements


def parse_stata(kind: Kind, path: Path) -> list[Statement]:
    """The Stata originals (read with pandas): name, year and the tier column of the kind."""
    tables.read_bytes(path)
    try:
        import pandas as pd

        frame = pd.read_stata(path, convert_categoricals=False)
    except Exception as error:  # pandas raises many kinds for a damaged file
        reason = f"{type(error).__name__}: {(str(error).splitlines() or [''])[0][:120]}"
        raise InvalidInputError(f"{path.name}: not a readable Stata file ({reason})") from error
    tier_column = kind.columns[2]
    missing = [c for c in kind.columns if c not in frame.columns]
    if missing:
        raise InvalidInputError(f"{path.name}: columns {', '.join(missing)} are missing; "
                                "not this kind of file")
    statements = []
    for index, (name, when, code_value) in enumerate(
            zip(frame["name"], frame["year"], frame[tier_column], strict=True)):
        number = index + 1
        if code_value != code_value or code_value is None:  # NaN: no value
            continue
        tier = tables.numeric_tier(path, number, f"{float(code_value):g}")
        if tier is None:
            continue
        year = int(when.year) if hasattr(when, "year") else int(when)
        year = tables.report_year(path, number, str(year), 2001, 2026)
        code = tables.country_code(path, number, str(name))
        excerpt = f"{name}, {year}, {tier_column} {float(code_value):g}"
        statements.append(_statement(kind, code, year, TIER, str(tier), number, excerpt))
    return statements


LAW_ENFORCEMENT_COLUMNS: dict[str, tuple[str, str | None]] = {
    "Prosecutions": ("prosecutions", None), "Prosecutions (Labor)": ("prosecutions", "labour"),
    "Convictions": ("convictions", None), "Convictions (Labor)": ("convictions", "labour"),
    "Victims identified": ("victims identified", None),
    "Victims (Labor)": ("victims identified", "labour"),
    "New or amended legislation": ("new or amended legislation", None),
}
"""Each column's property and breakdown (the labour columns count a part of the total); the
unit is the property registry's, the one the reader gives the same figures in articles
(prosecutions are cases, convictions and victims are people), so that the two compare."""


def parse_law_enforcement(kind: Kind, path: Path) -> list[Statement]:
    """World totals: ``country`` WLD, the report year after the calendar year counted."""
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        counted = tables.report_year(path, number, row["Year"], 2000, 2025)
        for column, (prop, breakdown) in LAW_ENFORCEMENT_COLUMNS.items():
            value = row[column].strip().replace(",", "")
            if not value:
                continue
            if not value.isdigit():
                raise InvalidInputError(f"{path.name} row {number}: {column} {value!r} is "
                                        "not a whole number")
            statement = Statement(
                country="WLD", report_year=counted + 1, prop=prop, value=value,
                claimant=TIP_REPORT, source=kind.id, locator=str(Cell(number, column)),
                period=str(counted), breakdown=breakdown, unit=unit_of(prop),
                excerpt=f"{counted}: {column} {value}").seen(kind.source.date)
            statements.append(statement)
    return statements


def parse_release_dates(kind: Kind, path: Path) -> list[Statement]:
    """The day each report was made public: a statement about the report (country WLD)."""
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        year = tables.report_year(path, number, row["report_year"], *kind.years)
        raw = row["release_date"].strip()
        try:
            released = date.fromisoformat(raw)
        except ValueError as error:
            raise InvalidInputError(f"{path.name} row {number}: release date {raw!r} is not a "
                                    "date (YYYY-MM-DD)") from error
        if released.year != year:
            raise InvalidInputError(f"{path.name} row {number}: the {year} report released "
                                    f"on {raw}, another year")
        evidence = " | ".join(row[c].strip() for c in ("source", "evidence") if row.get(c))
        statements.append(_statement(kind, "WLD", year, REPORT_RELEASED, released.isoformat(),
                                     number, evidence))
    return statements


# -- assertions ------------------------------------------------------------------------------


def check(kind: Kind, path: Path, statements: list[Statement]) -> None:
    """A copy of the file that is incomplete, counts that differ from the file's stated
    contents, or a file that places one country twice in one report year, is refused."""
    tiers = [s for s in statements if s.prop == TIER]
    _check_once_each(path, [s for s in statements if s.prop in (TIER, WAIVER, REPORT_RELEASED)])
    counts = Counter((s.report_year, s.value) for s in tiers)
    for (year, tier), expected in sorted(kind.exact_counts.items()):
        found = counts.get((year, tier), 0)
        if found != expected:
            raise InvalidInputError(f"{path.name}: report year {year} has {found} {tier} "
                                    f"rows, expected {expected} (an incomplete or altered file?)")
    ranked = Counter(s.report_year for s in tiers)
    for year, expected in sorted(kind.exact_rows.items()):
        if ranked.get(year, 0) != expected:
            raise InvalidInputError(f"{path.name}: report year {year} has "
                                    f"{ranked.get(year, 0)} placements, expected {expected} "
                                    "(an incomplete or altered file?)")
    for year, expected in sorted(kind.minimum_ranked.items()):
        floor = int(expected * 0.9)
        if ranked.get(year, 0) < floor:
            raise InvalidInputError(f"{path.name}: report year {year} has "
                                    f"{ranked.get(year, 0)} ranked countries, expected at "
                                    f"least {floor}")
    if kind.total_rows is not None and len(statements) != kind.total_rows:
        raise InvalidInputError(f"{path.name}: {len(statements)} rows read, expected "
                                f"{kind.total_rows} (an incomplete or altered file?)")


def _check_once_each(path: Path, statements: list[Statement]) -> None:
    """One file speaks once for a country, year and property: two rows for the same tier or
    waiver (a name written two ways, a pasted row) would be two votes from one source."""
    first: dict[tuple[str, int | None, str], Statement] = {}
    for statement in sorted(statements, key=lambda s: order_key(s.locator)):
        key = (statement.country, statement.report_year, statement.prop)
        if key in first:
            earlier = first[key]
            raise InvalidInputError(
                f"{path.name} {statement.locator}: {statement.country} {statement.report_year} "
                f"{statement.prop} is given again ({earlier.locator} says {earlier.value}, "
                f"this row {statement.value})")
        first[key] = statement


# -- the catalogue ----------------------------------------------------------------------------

CATALOG_FILE = "catalog.yaml"
"""The source descriptions as data, one entry per source (see the file's header)."""


_SOURCE_FIELDS = ("id", "kind", "date", "title", "publisher", "address", "licence", "coverage",
                  "notes")

PARSERS: dict[str, Callable[[Kind, Path], list[Statement]]] = {
    "tier_list": parse_tier_list, "determinations": parse_determinations,
    "waivers": parse_waivers, "kelley_cho_csv": parse_kelley_cho_csv, "heiss": parse_heiss,
    "tiers_2015": parse_tiers_2015, "stata": parse_stata,
    "law_enforcement": parse_law_enforcement, "release_dates": parse_release_dates,
}
DESCRIBERS: dict[str, Callable[[Kind, Path], SourceInfo]] = {
    "waiver_completeness": waiver_source,
}


def encode_complete(complete: dict[int, list[str]]) -> str:
    """``{2025: ["Tier 1"]}`` as the text kept in ``SourceInfo.extra`` (sorted, stable)."""
    return json.dumps({str(year): sorted(tiers) for year, tiers in sorted(complete.items())},
                      sort_keys=True, ensure_ascii=False)


def _kind(entry: dict[str, Any]) -> Kind:
    unknown = set(entry) - _ENTRY_KEYS
    if unknown:
        raise ValueError(f"{CATALOG_FILE} {entry.get('id')}: unknown keys {sorted(unknown)}")
    extra = {PRIORITY_KEY: str(int(entry["priority"]))}
    complete = {int(year): [str(tier) for tier in tiers]
                for year, tiers in (entry.get("complete") or {}).items()}
    for tiers in complete.values():
        for tier in tiers:
            Tier(tier)  # a misspelt tier in the catalogue fails loudly
    if complete:
        extra[COMPLETE_KEY] = encode_complete(complete)
    source = SourceInfo(**{name: (None if entry.get(name) is None else str(entry[name]))
                           for name in _SOURCE_FIELDS}, extra=extra)  # type: ignore[arg-type]
    exact_counts = {(int(year), str(tier)): int(count)
                    for year, by_tier in (entry.get("exact_counts") or {}).items()
                    for tier, count in by_tier.items()}
    kind = Kind(
        file=str(entry["file"]), source=source, parse=PARSERS[entry["parser"]],
        columns=tuple(str(c) for c in entry["columns"]),
        claimant=str(entry.get("claimant", TIP_REPORT)),
        confidence=float(entry.get("confidence", 1.0)),
        exact_counts=exact_counts,
        exact_rows={int(y): int(n) for y, n in (entry.get("exact_rows") or {}).items()},
        minimum_ranked={int(y): int(n) for y, n in (entry.get("minimum_ranked") or {}).items()},
        total_rows=None if entry.get("total_rows") is None else int(entry["total_rows"]),
        describe=DESCRIBERS[entry["describe"]] if entry.get("describe") else None)
    if "tiers_allowed" in entry:
        kind = replace(kind, tiers_allowed=tuple(str(t) for t in entry["tiers_allowed"]))
    if "marks" in entry:
        kind = replace(kind, marks=str(entry["marks"]))
    if "years" in entry:
        first, last = entry["years"]
        kind = replace(kind, years=(int(first), int(last)))
    return kind


_ENTRY_KEYS = {*_SOURCE_FIELDS, "file", "priority", "parser", "columns", "claimant",
               "confidence", "tiers_allowed", "exact_counts", "exact_rows", "minimum_ranked",
               "total_rows", "years", "describe", "complete", "marks"}


def load_catalog() -> tuple[Kind, ...]:
    import yaml

    text = resources.files("tierwatch.sources").joinpath(CATALOG_FILE).read_text("utf-8")
    return tuple(_kind(entry) for entry in yaml.safe_load(text))


KINDS: tuple[Kind, ...] = load_catalog()

BY_FILE: dict[str, Kind] = {kind.file: kind for kind in KINDS}
