"""The research panel: one row per country and report year, with explicit unknowns, and the
summaries built on it (coverage per year, transition matrices, regions).

A country's rows run from its first placed report (or its first report as a state) to the
latest report held (or its last as an entity): the same span ``tierwatch year`` speaks of, so
that the panel of a year equals that year's view. Written as CSV, Parquet or Stata, each with a
codebook beside it; same record, same bytes.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tierwatch.errors import InvalidInputError
from tierwatch.files.outputs import check_target, write_bytes
from tierwatch.law.tiers import Tier, move_between
from tierwatch.placements.deduction import COVERAGE_RULE
from tierwatch.placements.knowledge import CountryRecord, all_records, placement_text
from tierwatch.statements.store import StatementReader

if TYPE_CHECKING:
    from tierwatch.assessment.log import Decision

COLUMNS: tuple[tuple[str, str], ...] = (
    ("iso3", "the country's code: ISO 3166 alpha-3, or the project's code where there is none "
             "(XKX Kosovo; ANT Netherlands Antilles and SCG Serbia and Montenegro, ISO 3166-3)"),
    ("country", "the name tierwatch displays"),
    ("region", "the report's region (the State Department bureau that groups the country)"),
    ("report_year", "the year the TIP Report was published"),
    ("tier", "the placement when a source states it (or the next report or a waiver implies "
             "it): Tier 1, Tier 2, Tier 2 Watch List, Tier 3, Special Case; empty otherwise"),
    ("basis", "stated (a source gives the tier), inferred (the next report's 'remained on' or a "
              "recorded waiver implies it), deduced (absent from complete lists: see possible), "
              "unknown (no source places it)"),
    ("possible", "the placements still possible, separated by '|': one when stated or "
                 "inferred, the set left by complete lists when deduced, empty when unknown "
                 "(anything)"),
    ("placement", "the placement as tierwatch's views write it, e.g. 'Tier 2 or Special Case "
                  "(deduced: absent from the complete 2025 Tier 1, Watch List and Tier 3 "
                  "lists)'"),
    ("deduced_from", "for a deduced row, the complete lists it rests on, 'source:tier' "
                     "separated by '; '"),
    ("sources", "the ids of the sources that give the tier, strongest first, separated by "
                "'; ' (see `tierwatch sources`)"),
    ("conflict", "the different tiers sources give, strongest source first, separated by '|'; "
                 "empty when they agree"),
    ("waiver", "granted (a waiver of the automatic downgrade), none (known not granted), or "
               "unknown"),
    ("previous_tier", "the tier of the report before, empty when not stated"),
    ("move", "upgrade, downgrade or unchanged against the report before; unknown when either "
             "tier is not stated or is not one of the four tiers"),
    ("decision_tier", "the tier an analyst recorded with `tierwatch decide` (the latest decision "
                      "for the country-year), kept apart from the published record above; "
                      "empty when none is recorded"),
    ("decision_waiver", "granted or none for a recorded decision; empty when none"),
    ("decision_author", "who recorded the decision"),
    ("decision_justification", "the decision's justification as recorded"),
    ("decision_against_record", "yes when the decision contradicts the published record (it "
                                "was recorded with --against-record), no otherwise; empty "
                                "when none"),
    ("decision_id", "the decision's entry in the hash-chained log (`tierwatch decisions`)"),
    ("decision_recorded_at", "when the store recorded the decision (its own clock)"),
)
FORMATS = ("panel-csv", "panel-parquet", "stata")
DECISION_COLUMNS: tuple[str, ...] = tuple(name for name, _text in COLUMNS
                                          if name.startswith("decision_"))


def _waiver(record: CountryRecord, year: int) -> str:
    placement = record.placement(year)
    value = None if placement is None else placement.waiver
    if value is None and record.tier(year) is not None and record.tier(year) is not (
            Tier.WATCH_LIST):
        value = False
    deduced = record.deduction(year)
    if value is None and deduced is not None and Tier.WATCH_LIST not in deduced.possible:
        value = False  # a waiver only keeps a country on the watch list
    return "unknown" if value is None else ("granted" if value else "none")


def _span(record: CountryRecord) -> range:
    history = record.history
    if history.first_year is None or history.last_year is None:
        return range(0)
    return range(history.first_year, history.last_year + 1)


def _years(record: CountryRecord, decided: dict[tuple[str, int], Decision]) -> list[int]:
    """The record's span, and the years after it an analyst has recorded a decision for (the
    next report): such a row says what the record does not know and what was decided."""
    span = list(_span(record))
    later = sorted(year for (code, year) in decided
                   if code == record.country.code and (not span or year > span[-1]))
    return span + later


def _decision_columns(decision: Decision | None) -> dict[str, Any]:
    if decision is None:
        return dict.fromkeys(DECISION_COLUMNS, "")
    return {"decision_tier": decision.tier,
            "decision_waiver": "granted" if decision.waiver else "none",
            "decision_author": decision.author,
            "decision_justification": decision.justification or "",
            "decision_against_record": "yes" if decision.against_record else "no",
            "decision_id": "" if decision.id is None else str(decision.id),
            "decision_recorded_at": decision.recorded_at}


def panel_rows(records: dict[str, CountryRecord],
               log: list[Decision] | None = None) -> list[dict[str, Any]]:
    """Every country-year of the record's span, sorted by code then year, with the decision
    that stands for it (``log``: the decision log, oldest first) in its own columns."""
    from tierwatch.assessment.log import in_force  # the log as read: no storage layer

    decided = in_force(log or [])
    rows = []
    for code, record in sorted(records.items()):
        for year in _years(record, decided):
            placement = record.placement(year)
            tier = record.tier(year)
            previous = record.tier(year - 1)
            deduced = record.deduction(year)
            basis = record.basis(year)
            if tier is not None:
                possible = [str(tier)]
            elif deduced is not None:
                possible = [str(t) for t in Tier if t in deduced.possible]
            else:
                possible = []
            statements = [] if placement is None else list(
                placement.statements or placement.waiver_statements)
            rows.append({
                "iso3": code,
                "country": record.country.name,
                "region": record.country.region,
                "report_year": year,
                "tier": "" if tier is None else str(tier),
                "basis": basis,
                "possible": "|".join(possible),
                "placement": placement_text(record, year),
                "deduced_from": "" if deduced is None else "; ".join(
                    f"{item.source}:{item.tier}" for item in deduced.lists),
                "sources": "; ".join(dict.fromkeys(s.source for s in statements)),
                "conflict": "|".join(placement.values) if placement and placement.conflict
                else "",
                "waiver": _waiver(record, year),
                "previous_tier": "" if previous is None else str(previous),
                "move": move_between(previous, tier) or "unknown",
                **_decision_columns(decided.get((code, year))),
            })
    return rows


def codebook(fmt: str, rows: list[dict[str, Any]]) -> str:
    years = sorted({row["report_year"] for row in rows})
    lines = ["# tierwatch panel: codebook", "",
             f"One row per country and report year ({years[0]}-{years[-1]}; "
             f"{len(rows)} rows), written by `tierwatch export --format {fmt}`. A country's "
             "rows run from its first placed report (or its first report as a state) to the "
             "latest report held (or its last as an entity). Unknowns are explicit rows: "
             "nothing is filled in by a guess.", "",
             f"Coverage rule (for deduced rows): {COVERAGE_RULE}.", "", "## Columns", ""]
    lines += [f"- `{name}`: {text}." for name, text in COLUMNS]
    lines += ["", "## Rows by basis", ""]
    counts = Counter(row["basis"] for row in rows)
    lines += [f"- {basis}: {counts[basis]}" for basis in sorted(counts)]
    decided = [row for row in rows if row["decision_tier"]]
    lines += ["", "## Decisions", "",
              "The `decision_*` columns carry the analysts' recorded decisions (the decision "
              "log: `tierwatch decisions`), never mixed into `tier` or `basis`: a decision is "
              "not the published record. A year after the latest report held appears only "
              "where a decision is recorded for it.", "",
              f"- rows with a decision: {len(decided)}",
              f"- of which against the published record: "
              f"{sum(1 for row in decided if row['decision_against_record'] == 'yes')}"]
    return "\n".join(lines) + "\n"


def write_panel(reader: StatementReader, fmt: str, output: Path) -> list[Path]:
    """The panel in ``fmt`` at ``output`` and its codebook beside it (``.codebook.md``), each
    written whole or not at all."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    check_target(output, f"--format {fmt}")  # first: "" or a folder has no name to derive from
    book = output.with_name(output.stem + ".codebook.md")
    check_target(book, "codebook")
    rows = panel(reader)
    if not rows:
        raise InvalidInputError("the store holds no placement to export")
    write_bytes(output, _encode(fmt, rows), f"--format {fmt}")
    write_bytes(book, codebook(fmt, rows).encode("utf-8"), "codebook")
    return [output, book]


def _encode(fmt: str, rows: list[dict[str, Any]]) -> bytes:
    names = [name for name, _text in COLUMNS]
    if fmt == "panel-csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(names)
        for row in rows:
            writer.writerow([row[name] for name in names])
        return buffer.getvalue().encode("utf-8")
    import pandas as pd

    frame = pd.DataFrame(rows, columns=names)
    frame["report_year"] = frame["report_year"].astype("int16")
    buffer_bytes = io.BytesIO()
    if fmt == "panel-parquet":
        frame.to_parquet(buffer_bytes, index=False, compression="zstd")
    else:
        labels = {name: text[:80] for name, text in COLUMNS}
        frame.to_stata(buffer_bytes, write_index=False, version=118, variable_labels=labels,
                       time_stamp=datetime(max(frame["report_year"]), 1, 1),
                       data_label="tierwatch panel")
    return buffer_bytes.getvalue()


# -- summaries ---------------------------------------------------------------------------

NOT_STATED = "not stated"


def coverage_by_year(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per report year: rows stated, inferred, deduced and unknown."""
    by_year: dict[int, Counter[str]] = {}
    for row in rows:
        by_year.setdefault(row["report_year"], Counter())[row["basis"]] += 1
    return [{"report_year": year, "stated": counts["stated"], "inferred": counts["inferred"],
             "deduced": counts["deduced"], "unknown": counts["unknown"],
             "countries": sum(counts.values())}
            for year, counts in sorted(by_year.items())]


def transitions(rows: list[dict[str, Any]], first: int | None = None, last: int | None = None,
                region: str | None = None) -> dict[str, Any]:
    """Counts of (tier in one report, tier in the next) for consecutive reports within
    [first, last]; a side no source states counts as "not stated" (deduced or unknown)."""
    states = [str(t) for t in Tier if t is not Tier.UNRANKED] + [NOT_STATED]
    by_key = {(row["iso3"], row["report_year"]): row for row in rows}
    matrix = {before: dict.fromkeys(states, 0) for before in states}
    pairs = 0
    for (code, year), row in sorted(by_key.items()):
        following = by_key.get((code, year + 1))
        if following is None or (region is not None and row["region"] != region):
            continue
        if (first is not None and year < first) or (last is not None and year + 1 > last):
            continue
        before = row["tier"] if row["tier"] in matrix else NOT_STATED
        after = following["tier"] if following["tier"] in matrix else NOT_STATED
        matrix[before][after] += 1
        pairs += 1
    return {"from": first, "to": last, "region": region, "pairs": pairs, "states": states,
            "matrix": matrix}


def regions(rows: list[dict[str, Any]], year: int) -> list[dict[str, Any]]:
    """Per region, the countries of one report year by tier, deduced and unknown."""
    found: dict[str, Counter[str]] = {}
    for row in rows:
        if row["report_year"] != year:
            continue
        label = row["tier"] or row["basis"]
        found.setdefault(row["region"], Counter())[label] += 1
    labels = [str(t) for t in Tier if t is not Tier.UNRANKED] + ["deduced", "unknown"]
    return [{"region": region, **{label: counts[label] for label in labels},
             "countries": sum(counts.values())} for region, counts in sorted(found.items())]


def panel(reader: StatementReader) -> list[dict[str, Any]]:
    """The panel of the store: its record and its decision log."""
    from tierwatch.assessment.log import decisions

    return panel_rows(all_records(reader), decisions(reader))
