"""The public TIP data files tierwatch imports, one importer (kind) per file.

Each kind carries its source description (publisher, address, date, licence, coverage, gaps:
facts from ``shared/data/tip/PROVENANCE.md``, in our words), the columns it must have, how a
row becomes statements, and the assertions a complete copy of it must pass.

Claimants: tiers transcribed from the report are asserted by "TIP report"; the Tier 3 lists
of the presidential determinations by "President (determination)" (rows of that file filled
in from a chapter or the press stay the report's); waivers by "US Department of State".
Confidence, one rule for every kind: 1.0 for the report's own chapters, the determinations and
the research panels; 0.8 for third-party copies of the lists and for news; a row whose page is
the report's own chapter counts 1.0 even in a third-party file; a row its source calls
secondary at most 0.8; a row its source marks inferred or implied at most 0.6.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

from tierwatch.errors import InvalidInputError
from tierwatch.sources import tables
from tierwatch.statements.model import TIER, WAIVER, SourceInfo, Statement

TIP_REPORT = "TIP report"
PRESIDENT = "President (determination)"
STATE_DEPARTMENT = "US Department of State"

# Ranked countries (the four tiers and special cases) a complete panel holds per report year,
# from the research panels' own counts (PROVENANCE, files 1-3); a copy with under 90% of it is
# refused as incomplete.
PANEL_RANKED: dict[int, int] = {
    2001: 79, 2002: 87, 2003: 114, 2004: 131, 2005: 140, 2006: 145, 2007: 150, 2008: 155,
    2009: 165, 2010: 170, 2011: 175, 2012: 180, 2013: 180, 2014: 182, 2015: 186,
}
_SCHEME = "https://github.com/"


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
    years: tuple[int, int] = (2001, 2026)
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
                     claimant=claimant or kind.claimant, source=kind.id, locator=f"row {row}",
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


def _row_confidence(kind: Kind, evidence: str) -> float:
    """The kind's confidence, raised to 1.0 for a row whose page is the report's own chapter,
    lowered to 0.8 for a row its source calls secondary, and to 0.6 for one it calls inferred
    or implied (that mark wins over the page)."""
    lowered = evidence.lower()
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
        statements.append(_statement(kind, code, year, TIER, str(tier), number, evidence,
                                     _row_confidence(kind, evidence)))
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


def parse_kelley_cho_csv(kind: Kind, path: Path) -> list[Statement]:
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        tier = tables.numeric_tier(path, number, row["tier_code"])
        year = tables.report_year(path, number, row["report_year"], 1999, 2026)
        if tier is None:
            continue
        if year < 2001:
            raise InvalidInputError(f"{path.name} row {number}: a tier for {year}, before "
                                    "the first report (2001)")
        code = tables.country_code(path, number, row["country"])
        excerpt = f"{row['country']}, {year}, tier code {row['tier_code']}"
        statements.append(_statement(kind, code, year, TIER, str(tier), number, excerpt))
    return statements


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


LAW_ENFORCEMENT_COLUMNS = {
    "Prosecutions": "prosecutions", "Prosecutions (Labor)": "prosecutions (labour)",
    "Convictions": "convictions", "Convictions (Labor)": "convictions (labour)",
    "Victims identified": "victims identified", "Victims (Labor)": "victims identified (labour)",
    "New or amended legislation": "new or amended legislation",
}


LAW_ENFORCEMENT_UNITS = {"prosecutions": "cases", "convictions": "people",
                         "victims identified": "people", "new or amended legislation": "laws"}
"""The units the reading layer gives the same figures in articles (prosecutions are cases,
convictions and victims are people), so that the table and the articles compare."""


def parse_law_enforcement(kind: Kind, path: Path) -> list[Statement]:
    """World totals: ``country`` WLD, the report year after the calendar year counted."""
    statements = []
    for number, row in enumerate(tables.read_rows(path, kind.columns), start=1):
        counted = tables.report_year(path, number, row["Year"], 2000, 2025)
        for column, prop in LAW_ENFORCEMENT_COLUMNS.items():
            value = row[column].strip().replace(",", "")
            if not value:
                continue
            if not value.isdigit():
                raise InvalidInputError(f"{path.name} row {number}: {column} {value!r} is "
                                        "not a whole number")
            statement = Statement(
                country="WLD", report_year=counted + 1, prop=prop, value=value,
                claimant=TIP_REPORT, source=kind.id, locator=f"row {number}, {column}",
                period=str(counted), unit=LAW_ENFORCEMENT_UNITS[prop.split(" (")[0]],
                excerpt=f"{counted}: {column} {value}").seen(kind.source.date)
            statements.append(statement)
    return statements


# -- assertions ------------------------------------------------------------------------------


def check(kind: Kind, path: Path, statements: list[Statement]) -> None:
    """A copy of the file that is incomplete, counts that differ from the file's stated
    contents, or a file that places one country twice in one report year, is refused."""
    tiers = [s for s in statements if s.prop == TIER]
    _check_once_each(path, [s for s in statements if s.prop in (TIER, WAIVER)])
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


def _check_once_each(path: Path, statements: list[Statement]) -> None:
    """One file speaks once for a country, year and property: two rows for the same tier or
    waiver (a name written two ways, a pasted row) would be two votes from one source."""
    first: dict[tuple[str, int | None, str], Statement] = {}
    for statement in sorted(statements, key=lambda s: int(s.locator.split()[1])):
        key = (statement.country, statement.report_year, statement.prop)
        if key in first:
            earlier = first[key]
            raise InvalidInputError(
                f"{path.name} {statement.locator}: {statement.country} {statement.report_year} "
                f"{statement.prop} is given again ({earlier.locator} says {earlier.value}, "
                f"this row {statement.value})")
        first[key] = statement


# -- the catalogue ----------------------------------------------------------------------------

_HEISS_REPO = "andrewheiss/scorecard-diplomacy @ f8c06be83c75c34c97bc3992e24fedc8d275c83b"
_LIST = ("report_year", "country", "tier", "source")
_CHAPTERS = ("report_year", "country", "tier", "source", "evidence")
_WRITTEN = ("country_as_written", "report_year", "tier", "source")
_PANEL_CODES = "1 Tier 1, 2 Tier 2, 2.5 Watch List, 3 Tier 3, 555 unknown, 666 Special Case"


def _counts(year: int, **by_tier: int) -> dict[tuple[int, str], int]:
    names = {"t1": "Tier 1", "t2": "Tier 2", "wl": "Tier 2 Watch List", "t3": "Tier 3",
             "sc": "Special Case"}
    return {(year, names[key]): value for key, value in by_tier.items()}


KINDS: tuple[Kind, ...] = (
    Kind("cho_kelley_tiers_3p_1999-2014.csv", SourceInfo(
        id="kelley-cho-panel-csv", kind="dataset", date="2017-08",
        title="Kelley/Cho tier panel (CSV conversion of the Scorecard Diplomacy data)",
        publisher="Judith G. Kelley and Andrew Heiss (Scorecard Diplomacy replication data)",
        address=_SCHEME + _HEISS_REPO + " data/original/criminalization-cho-tiers_jk_"
        "2015-08-10.dta (converted to CSV)", licence="MIT",
        coverage="189 countries, report years 2001-2014", notes="codes: " + _PANEL_CODES
        + "; some rated country-years carry 555 (e.g. Timor-Leste 2009); names abbreviated; "
        "the iso3 column holds Correlates of War letter codes (Montenegro MNG), so rows are "
        "resolved by name"),
        parse_kelley_cho_csv,
        columns=("country", "iso3", "cow_code", "report_year", "tier_code", "tier_label",
                 "p3_prosecution", "p3_protection", "p3_prevention", "p3_total"),
        minimum_ranked={y: n for y, n in PANEL_RANKED.items() if y <= 2014}),
    Kind("criminalization-cho-tiers_jk_2015-08-10.dta", SourceInfo(
        id="kelley-cho-panel-dta", kind="dataset", date="2017-08",
        title="Kelley/Cho tier panel (Stata original)",
        publisher="Judith G. Kelley and Andrew Heiss (Scorecard Diplomacy replication data)",
        address=_SCHEME + _HEISS_REPO + " data/original/criminalization-cho-tiers_jk_"
        "2015-08-10.dta", licence="MIT", coverage="189 countries, report years 2001-2014",
        notes="column tierupdated, merged by Kelley from Seo-Young Cho's 3P Anti-Trafficking "
        "Policy Index data; codes: " + _PANEL_CODES),
        parse_stata, columns=("name", "year", "tierupdated"),
        minimum_ranked={y: n for y, n in PANEL_RANKED.items() if y <= 2014}),
    Kind("tip_tiers_orig.csv", SourceInfo(
        id="heiss-tiers", kind="dataset", date="2017-01",
        title="Heiss and Kelley tier list (From the Trenches replication data)",
        publisher="Andrew Heiss and Judith G. Kelley",
        address=_SCHEME + "andrewheiss/From-the-Trenches-Anti-TIP-NGOs-and-US @ "
        "475c15bab196e3584d3c089234efb53e5bf1c7b7 data/tip_tiers_orig.csv",
        licence="none stated", coverage="193 countries, report years 2001-2015",
        notes="NA covers both unrated countries and special cases (kept unknown); Watchlist is the "
        "Tier 2 Watch List; some 2015 rows missing"),
        parse_heiss, columns=("countryname", "iso", "year", "ccode", "tier"),
        minimum_ranked={y: n - 3 if y == 2015 else n for y, n in PANEL_RANKED.items()}),
    Kind("tiers_2015.csv", SourceInfo(
        id="tiers-2015", kind="dataset", date="2017-08", title="The 2015 report's tiers",
        publisher="Judith G. Kelley and Andrew Heiss (Scorecard Diplomacy replication data)",
        address=_SCHEME + _HEISS_REPO + " data/original/tiers_2015.csv", licence="MIT",
        coverage="187 countries, report year 2015"),
        parse_tiers_2015, columns=("countryname", "tier"),
        exact_counts=_counts(2015, t1=30, t2=89, wl=44, t3=23, sc=1)),
    Kind("kelley_simmons_ajps_2014_replication.dta", SourceInfo(
        id="kelley-simmons-dta", kind="dataset", date="2017-08",
        title="Kelley and Simmons, Politics by Number (AJPS 2015) replication data",
        publisher="Judith G. Kelley and Beth A. Simmons",
        address=_SCHEME + _HEISS_REPO + " data/original/kelley_simmons_ajps_2014_"
        "replication.dta", licence="MIT (repository)",
        coverage="180 countries, report years 2001-2011 (column tier)",
        notes="an independent cross-check of the panels; codes: " + _PANEL_CODES),
        parse_stata, columns=("name", "year", "tier"),
        minimum_ranked={y: int(n * 0.85) for y, n in PANEL_RANKED.items() if y <= 2011}),
    Kind("tip_global_law_enforcement_2003-2015.csv", SourceInfo(
        id="global-law-enforcement", kind="dataset", date="2017-08",
        title="TIP Report global law enforcement data, 2003-2015",
        publisher="US Department of State (transcribed in the Scorecard Diplomacy data)",
        address=_SCHEME + _HEISS_REPO + " data/original/data_figure3_2.csv", licence="MIT",
        coverage="world totals for the calendar years 2003-2015",
        notes="labour figures start 2007, victims 2008; 2015 victims and laws blank"),
        parse_law_enforcement,
        columns=("Year", "Prosecutions", "Prosecutions (Labor)", "Convictions",
                 "Convictions (Labor)", "Victims identified", "Victims (Labor)",
                 "New or amended legislation")),
    Kind("gvnet_tier_lists_2009_2020_2023_transcribed.csv", SourceInfo(
        id="gvnet-lists", kind="transcription", date="2026-11",
        title="GVNet country ratings page (three stored versions)", publisher="GVNet",
        address="http://gvnet.com/humantrafficking/00-Ratings.htm", licence="none stated",
        coverage="2009 all four lists; 2020 and 2023 just the two top tiers (copy cut off)",
        notes="for 2020 and 2023 a missing country says nothing about its tier"),
        parse_tier_list, columns=_WRITTEN, confidence=0.8,
        exact_counts={**_counts(2009, t1=28, t2=76, wl=52, t3=17), **_counts(2020, t1=34, t2=88),
                      **_counts(2023, t1=30, t2=105)}),
    Kind("tip_tier_facts_from_pages_transcribed.csv", SourceInfo(
        id="page-facts", kind="transcription", date="2026-11",
        title="Tier facts transcribed from web pages",
        publisher="feminist.org (2002 list); ecoi.net and statenewswire.com copies of the "
        "Cambodia chapters", address="https://feminist.org/news/state-department-releases-"
        "trafficking-report/ and two chapter copies (each row names its page)",
        licence="none stated", coverage="2002 Tier 3 list (19); Cambodia 2022 and 2023",
        notes="no other tier of those years is held here"),
        parse_tier_list, columns=_WRITTEN, confidence=0.8,
        exact_counts={**_counts(2002, t3=19), **_counts(2022, t3=1), **_counts(2023, t3=1)}),
    Kind("waivers_2013_2024_transcribed.csv", SourceInfo(
        id="waivers", kind="transcription", date="2026-11",
        title="Waivers of the automatic downgrade (TVPA 110(b)(2)(D)(ii)), 2013-2024",
        publisher="US Department of State determinations (transcribed)",
        address="state.gov determinations and memoranda of justification, and their copies "
        "(each row names its page; listed in shared/research/tvpa-rules.md section 11)",
        licence="public domain (US government)",
        coverage="report years 2013-2024; lists of 2016, 2017 and 2021 partial",
        notes="2011 and 2012 unknown; in a partial year a missing country may still have had one; "
        "extra complete_years lists the years the file marks complete"),
        parse_waivers, columns=("report_year", "country", "list_completeness", "source"),
        claimant=STATE_DEPARTMENT, describe=waiver_source),
    Kind("tiers_2020_2025_wl_t3_from_factbook.csv", SourceInfo(
        id="factbook-wl-t3", kind="transcription", date="2026-11",
        title="CIA World Factbook: the watch list and Tier 3 lists of five reports",
        publisher="CIA World Factbook (archived editions)",
        address=_SCHEME + "MilkMp/CIA-World-Factbooks-Archive-1990-2025 @ "
        "b998f60a91d7de6fde80f3d4d216fa0e591a099e; factbook/factbook.json @ "
        "8662a8b17a784841ab4528631b04090eb2f183eb", licence="public domain (US government)",
        coverage="reports 2020, 2022, 2023, 2024, 2025: Watch List and Tier 3 only",
        notes="a missing country may be on any other tier or unranked"),
        parse_tier_list, columns=_LIST, confidence=0.8,
        exact_counts={**_counts(2020, wl=44, t3=19), **_counts(2022, wl=34, t3=22),
                      **_counts(2023, wl=26, t3=24), **_counts(2024, wl=32, t3=21),
                      **_counts(2025, wl=25, t3=20, sc=4)}),
    Kind("tiers_2016_2025_transcribed_pages.csv", SourceInfo(
        id="tiers-2021-list-pages", kind="transcription", date="2026-11",
        title="The 2021 report's tier lists and spot checks 2016-2022, from web pages",
        publisher="discerning-islam.org (a third-party copy of the 2021 tier placements); "
        "report chapters and news for the spot checks",
        address="https://discerning-islam.org/1700-006-human-trafficking (each row names "
        "its page)", licence="none stated",
        coverage="2021 complete (188); spot checks for Cambodia, Thailand, China, Malaysia",
        notes="the page prints no year: the 2021 report, from its Tier 3 list; Cambodia "
        "2018 is inferred"),
        parse_tier_list, columns=_LIST, confidence=0.8,
        exact_counts=_counts(2021, t1=28, t2=95, wl=45, t3=17, sc=3)),
    Kind("tiers_2016_2017_sure2018_wikipedia.csv", SourceInfo(
        id="sure2018-wikipedia", kind="transcription", date="2018-06",
        title="2016 and 2017 tiers from the sure2018 project (Wikipedia-derived)",
        publisher="benjaminleroy/sure2018 (Carnegie Mellon SURE 2018)",
        address=_SCHEME + "benjaminleroy/sure2018 @ 381670e2c97fd9ebf799e2f56dc75809b0295c7e "
        "data/country_summary_data.csv", licence="none stated",
        coverage="179 countries per year, report years 2016 and 2017",
        notes="seven countries and the special cases lost in the project's merge"),
        parse_tier_list, columns=_LIST, confidence=0.8,
        exact_counts={**_counts(2016, t1=34, t2=78, wl=41, t3=26),
                      **_counts(2017, t1=34, t2=77, wl=45, t3=23)}),
    Kind("tiers_2018_2024_partial_from_pages.csv", SourceInfo(
        id="partial-pages-2018-2024", kind="transcription", date="2026-11",
        title="Partial tier lists 2018-2024 from web pages and news",
        publisher="knowyourcountry.com (2024), Yonhap, KBS and hrwf.eu (2022), "
        "justice-network.org and basiced.org (2019), raytodd.blog after RFE/RL (2018)",
        address="each row names its page", licence="none stated",
        coverage="2024 Tier 1 and ten Tier 2; spot facts for 2018, 2019 and 2022",
        notes="a missing country says nothing about its tier; the 2024 year is read "
        "from the lists, not printed"),
        parse_tier_list, columns=_LIST, confidence=0.8,
        exact_counts={**_counts(2018, wl=6, t3=9), **_counts(2019, t2=5, t3=2),
                      **_counts(2022, t1=1, t2=7), **_counts(2024, t1=33, t2=10)}),
    Kind("tier3_presidential_determinations_2018_2019_2022.csv", SourceInfo(
        id="presidential-determinations", kind="transcription", date="2026-11",
        title="Tier 3 lists of the presidential determinations (2018, 2019, 2022 reports)",
        publisher="The President of the United States (Federal Register), completed from "
        "chapters and news", address="PD 2019-05 (83 FR 65281), PD 2020-02 (84 FR 59521), "
        "PD 2023-02 (whitehouse.gov, 14 Oct 2022); each row names its page",
        licence="public domain (US government)",
        coverage="2018 and 2022 complete (22 each); 2019 20 of 22",
        notes="rows completed from a chapter are the report's, from news the report's as "
        "relayed; two 2019 Tier 3 countries unknown"),
        parse_determinations, columns=_LIST, claimant=PRESIDENT, tiers_allowed=("Tier 3",),
        exact_counts={(2018, "Tier 3"): 22, (2019, "Tier 3"): 20, (2022, "Tier 3"): 22}),
    Kind("tiers_2019_wl_spot_from_chapters.csv", SourceInfo(
        id="chapters-2019-wl-spot", kind="transcription", date="2026-11",
        title="2019 report chapters: four Watch List placements",
        publisher="US Department of State (2019 TIP Report country chapters)",
        address="state.gov 2019 report chapters and an ecoi.net copy (each row names its "
        "page)", licence="public domain (US government)",
        coverage="Belize, Bolivia, Republic of the Congo, Gabon (2019)"),
        parse_tier_list, columns=_LIST, exact_counts=_counts(2019, wl=4)),
    Kind("tiers_2019_2018_from_2019_chapters.csv", SourceInfo(
        id="chapters-2019", kind="transcription", date="2026-11",
        title="2019 report chapters: the 2019 tier and the 2018 tier they state",
        publisher="US Department of State (2019 and 2018 TIP Report country chapters)",
        address="ecoi.net copies and state.gov pages of the chapters (each row names its "
        "page)", licence="public domain (US government)",
        coverage="2019: 160 countries; 2018: 143",
        notes="2018 rows stated, implied or from the 2018 chapter; a few secondary rows"),
        parse_tier_list, columns=_CHAPTERS,
        exact_counts={**_counts(2019, t1=33, t2=90, wl=33, t3=1, sc=3)},
        exact_rows={2018: 143, 2019: 160}),
    Kind("tiers_2022_from_2022_chapters.csv", SourceInfo(
        id="chapters-2022", kind="transcription", date="2026-11",
        title="2022 report chapters: Tier 1, Tier 2 and special cases",
        publisher="US Department of State (2022 TIP Report country chapters)",
        address="ecoi.net copies and state.gov pages of the chapters (each row names its "
        "page)", licence="public domain (US government)",
        coverage="123 countries of the 2022 report (the rest are in the Factbook, "
        "determination and spot files)",
        notes="Cyprus recorded Tier 1 though one copy's heading says Tier 2; Qatar inferred "
        "from the 2023 chapter"),
        parse_tier_list, columns=_CHAPTERS,
        exact_counts=_counts(2022, t1=29, t2=91, sc=3)),
)

BY_FILE: dict[str, Kind] = {kind.file: kind for kind in KINDS}
