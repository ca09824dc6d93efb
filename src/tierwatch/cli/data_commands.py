"""Commands of the knowledge base: look-ups (country, year, conflicts, audit), import, export.

Look-ups read through ``open_reader`` (standard library only on a current SQLite store) and
import the law only when they use it, so that ``tierwatch country`` answers fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json, printable, shared_options

if TYPE_CHECKING:
    from tierwatch.placements.results import Conflict, PlacementRow


def _reader(db: str | None) -> Any:
    from tierwatch.statements import open_reader

    return open_reader(db)


def _tier_text(tier: str | None) -> str:
    return "unknown" if tier is None else tier


@cli.command()
@click.argument("name")
@shared_options()
def country(name: str, as_json: bool, db: str | None) -> None:
    """A country's placements by report year, with sources, the watch-list clock, the lawful
    placements, Tier 3 consequences and the conflicts between sources."""
    from tierwatch.assessment.services import country_page

    page = country_page(_reader(db), name)
    if as_json:
        print_json(page.to_dict())
        return
    profile = page.profile
    click.echo(f"{profile.country} ({profile.code}), {profile.region}")
    click.echo("Placements by report year (unknown: no source we hold gives it):")
    for row in profile.placements:
        click.echo("  " + _placement_line(row))
        for note in _placement_notes(row):
            click.echo("        " + note)
    outlook = profile.next_report
    if outlook is not None:
        click.echo(f"Next report ({outlook['report_year']}): {outlook['outlook']}. "
                   f"Lawful placements: {outlook['lawful_summary']}.")
    if profile.conflicts:
        click.echo("Sources disagree:")
        for conflict in profile.conflicts:
            click.echo("  " + _conflict_line(conflict))
    for line in _decision_lines(page):
        click.echo(line)


def _decision_lines(page: Any) -> list[str]:
    """The recorded decisions, kept apart from the published record, and the next report as
    the decisions for the open years would leave it."""
    if not page.decisions:
        return []
    from tierwatch.assessment.log import decision_line

    lines = ["Decisions recorded (an analyst's, not the published record):"]
    lines += ["  " + decision_line(decision) for decision in page.decisions]
    decided = page.decided
    if decided is not None:
        evaluation = decided.evaluation
        lawful = evaluation.lawful_summary
        clock = evaluation.clock
        state = (f"Tier 3 forced in {clock.tier3_forced_in} unless it moves up"
                 if clock.tier3_forced_in else clock.reason or "no watch-list limit reached")
        years = ", ".join(str(year) for year in decided.decided_years)
        lines.append(f"With the decisions for {years}: next report "
                     f"({evaluation.report_year}): {state}; {clock.watch_list_years} "
                     f"watch-list years before it. Lawful placements: {lawful}.")
    return lines


def _placement_line(row: PlacementRow) -> str:
    tier = row["placement"] if row.get("placement") else _tier_text(row["tier"])
    if row.get("basis") == "inferred" and not row["inferred_from_waiver"]:
        tier += " [inferred from the next report]"
    if row["waiver"]:
        tier += " (waiver)"
    if row["inferred_from_waiver"]:
        tier += " [from the waiver list]"
    sources = ", ".join(sorted({s["source"] for s in row["sources"]})) or "-"
    line = f"{row['report_year']}  {tier:<30} sources: {sources}"
    clock = row["clock"]
    if clock is not None and row["lawful_placements"] is not None:
        if clock["watch_list_years"]:
            line += f"; watch list {clock['watch_list_years']} yr before"
        elif clock["watch_list_years"] is None:
            line += (f"; watch list {clock['watch_list_years_min']}-"
                     f"{clock['watch_list_years_max']} yr before")
        line += "; lawful: " + ", ".join(_short(t) for t in row["lawful_placements"])
        if row["uncertain_placements"]:
            line += (" (" + ", ".join(_short(t) for t in row["uncertain_placements"])
                     + " depending on unknown years)")
    verdict = row["verdict"]
    if verdict and verdict != "lawful":
        line += f"; {verdict.replace('_', ' ')}"
    return line


def _short(tier: str) -> str:
    """The ``--history`` code of a tier ("2WL"), as the clock command writes it."""
    from tierwatch.law import Tier
    from tierwatch.law.history import CODE_OF_TIER

    return CODE_OF_TIER[Tier(tier)]


def _placement_notes(row: PlacementRow) -> list[str]:
    notes = []
    p3 = row.get("p3")
    if p3:
        scores = ", ".join(f"{name} {p3[name]}" for name in ("prosecution", "protection",
                                                             "prevention") if name in p3)
        total = f" (total {p3['total']} of 15)" if "total" in p3 else ""
        notes.append(f"3P policy scores (Cho, 1-5): {scores}{total}; {p3['source']}")
    if row["conflict"]:
        notes.append("sources disagree: " + " / ".join(row["conflict"]))
    if row.get("verdict") == "unlawful":
        notes.append(f"against the statute as coded: {row['verdict_reason']}")
    consequences = row["consequences"]
    if consequences:
        if consequences["applies"]:
            notes.append(f"Tier 3 consequences: fiscal year {consequences['fiscal_year']} "
                         f"(from {consequences['fiscal_year_start']}); determination "
                         f"window {' to '.join(consequences['determination_window'])}")
        else:
            notes.append("Tier 3, but the statute attached no sanctions to this report")
    return notes


def _conflict_line(conflict: Conflict) -> str:
    parts = [f"{s['value']} ({s['source']} {s['locator']})" for s in conflict.sources]
    return (f"{conflict.country} {conflict.report_year}: " + "; ".join(parts)
            + f" -> shown: {_tier_text(conflict.chosen)}")


@cli.command()
@click.argument("report_year", type=WHOLE_NUMBER)
@shared_options()
def year(report_year: int, as_json: bool, db: str | None) -> None:
    """All placements of one report year by tier, with the moves since the year before."""
    from tierwatch.law import validate_report_year
    from tierwatch.placements import year_view

    validate_report_year(report_year)
    view = year_view(_reader(db), report_year)
    if as_json:
        print_json(view.to_dict())
        return
    click.echo(f"TIP Report {report_year}")
    for tier, items in view.tiers.items():
        names = ", ".join(item["country"] for item in items)
        click.echo(f"{tier} ({len(items)}): {names}")
    groups: dict[str, list[dict[str, Any]]] = {}
    for item in view.deduced:
        groups.setdefault(item["text"], []).append(item)
    for text, deduced in groups.items():
        click.echo(f"{text} ({len(deduced)}): " + ", ".join(d["country"] for d in deduced))
    covered = [item for item in view.unknown if item["covered"]]
    doubtful = [item for item in view.unknown if not item["covered"]]
    if covered:
        click.echo(f"unknown ({len(covered)}): "
                   + ", ".join(item["country"] for item in covered))
    if doubtful:
        click.echo(f"unknown, and not known to be covered by the {report_year} report "
                   f"({len(doubtful)}): " + ", ".join(item["country"] for item in doubtful))
    if view.deduced or view.unknown:
        click.echo(f"Coverage rule: {view.coverage_rule}.")
    for flag in view.list_flags:
        click.echo(f"Not believed: {flag['message']}.")
    moves = (("Upgrades", view.upgrades), ("Downgrades", view.downgrades),
             ("New on the watch list", view.new_on_watch_list),
             ("Forced downgrades (watch-list clock)", view.forced_downgrades),
             ("Waivers granted", view.waivers))
    for label, entries in moves:
        if not entries:
            continue
        click.echo(f"{label} ({len(entries)}):")
        for entry in entries:
            reason = f" ({entry['reason']})" if entry.get("reason") else ""
            click.echo(f"  {entry['country']}: {entry['previous_placement']} -> "
                       f"{entry['tier']}{reason}")


@cli.command()
@click.option("--country", "name", default=None, help="Only this country.")
@shared_options()
def conflicts(name: str | None, as_json: bool, db: str | None) -> None:
    """Country-years on which the sources give different tiers, and which one is shown."""
    from tierwatch.placements import conflicts as find_conflicts

    found = find_conflicts(_reader(db), name)
    if as_json:
        print_json([conflict.to_dict() for conflict in found])
        return
    click.echo(f"{len(found)} country-years on which sources disagree")
    for conflict in found:
        click.echo("  " + _conflict_line(conflict))


@cli.command()
@click.option("--option", "option_pairs", multiple=True, metavar="NAME=VALUE",
              help="Replay under another reading of an unsettled point (as for clock).")
@shared_options()
def audit(option_pairs: tuple[str, ...], as_json: bool, db: str | None) -> None:
    """Replay every recorded placement through the law of its year and sort it: lawful,
    lawful thanks to a recorded waiver, unexplained, or undetermined (data gaps)."""
    from tierwatch.placements import audit as run_audit
    from tierwatch.placements.services import law_options

    result = run_audit(_reader(db), law_options(option_pairs))
    if as_json:
        print_json(result.to_dict())
        return
    click.echo("Recorded placements replayed through the law of their year:")
    for kind, number in result.counts.items():
        click.echo(f"  {kind.replace('_', ' ')}: {number}")
    click.echo(f"Unexplained ({len(result.unexplained)}):")
    for case in result.unexplained:
        waiver = "" if case["waiver"] is None else (" (waiver)" if case["waiver"] else "")
        click.echo(f"  {case['country']} {case['report_year']} {case['tier']}{waiver}: "
                   f"{case['reason']} [{case['history']}]")


@cli.command()
@shared_options()
def sources(as_json: bool, db: str | None) -> None:
    """The sources the knowledge base holds statements from: publisher, address, date,
    licence, coverage and gaps, the rows each holds per report year and the lists it holds
    whole (the lists whose absence tells)."""
    from tierwatch.placements.services import source_list

    found = source_list(_reader(db))
    if as_json:
        print_json(found)
        return
    for source in found:
        click.echo(f"{source['id']}: {source['title']} ({source['kind']}"
                   + (f", {source['date']}" if source["date"] else "") + ")")
        for label in ("publisher", "address", "licence", "coverage", "notes"):
            if source[label]:
                click.echo(f"    {label}: {source[label]}")
        if source["extra"].get("priority"):
            click.echo(f"    priority: {source['extra']['priority']} (1 strongest)")
        for entry in source["years"]:
            parts = ", ".join(f"{label} {count}" for label, count in entry["by_value"].items())
            line = f"      {entry['report_year']}: {entry['rows']} rows"
            line += f" ({parts})" if parts else ""
            if entry["complete_lists"]:
                line += "; complete: " + ", ".join(entry["complete_lists"])
            click.echo(line)
    for source in found:
        for flag in source["list_flags"]:
            click.echo(f"Not believed: {flag['message']}.")


@cli.command(name="properties")
@shared_options(db=False, json_help="Print the registry as JSON.")
def properties_command(as_json: bool) -> None:
    """The properties a statement may carry, with their meaning, values, unit and reference
    (every statement stored is checked against them)."""
    from tierwatch.statements.properties import registry

    entries = list(registry().values())
    if as_json:
        print_json([entry.to_dict() for entry in entries])
        return
    click.echo(f"{len(entries)} properties a statement may carry (every statement stored is "
               "checked against them; a figure's part is its breakdown, not a property):")
    for entry in entries:
        unit = f"; unit {entry.unit}" if entry.unit else ""
        reference = f" [{entry.reference}]" if entry.reference else ""
        click.echo(f"  {entry.name}: {entry.meaning} Values: {entry.expected}{unit}."
                   f"{reference}")


@cli.command(name="import")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@shared_options(json=False)
def import_(paths: tuple[Path, ...], db: str | None) -> None:
    """Import data files (or a folder of them, e.g. shared/data/tip), or the JSON export of
    another tierwatch store, into the store.

    All files go in one transaction: if one is refused, nothing is stored."""
    from tierwatch.sources import read_paths
    from tierwatch.statements import open_store
    from tierwatch.statements.importing import import_batches

    found = read_paths(paths)  # every file read and checked before the store is opened
    result = import_batches(open_store(db), found.batches, found.skipped)
    for batch in result.batches:
        named = ", ".join(f"'{source}'" for source in batch.sources[:3])
        more = f" and {len(batch.sources) - 3} more" if len(batch.sources) > 3 else ""
        click.echo(f"{batch.name}: {batch.statements} statements "
                   f"({batch.new} new) from source {named}{more}")
    for name in result.skipped:
        click.echo(f"{name}: left alone (not a known data file)")
    click.echo(f"stored {result.new} new statements in {result.store}")


_FORMATS = ("csv", "json", "parquet", "sqlite", "builtin", "panel-csv", "panel-parquet",
            "stata")


@cli.command()
@click.option("--format", "fmt", type=click.Choice(_FORMATS), required=True,
              help="csv, json, parquet, sqlite (a new store file), builtin (the shipped "
                   "placements dataset: a folder): every statement; panel-csv, panel-parquet, "
                   "stata: one row per country and report year with explicit unknowns and a "
                   "codebook beside the file.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@click.option("--include-evidence", is_flag=True,
              help="json and sqlite: put the stored evidence in too (canonical JSON, digest, "
                   "who, when). Left out by default: evidence may be sensitive. json and "
                   "sqlite also copy the decision log and list what they hold (contents, "
                   "the table export_contents).")
@shared_options(json=False)
def export(fmt: str, output: Path, include_evidence: bool, db: str | None) -> None:
    """Export every statement of the store with its sources, or the country-year panel."""
    from tierwatch.statements import exporting

    exporting.check_evidence_format(fmt, include_evidence)
    if fmt in ("panel-csv", "panel-parquet", "stata"):
        from tierwatch.placements.panel import write_panel

        written = write_panel(_reader(db), fmt, output)
    else:
        from tierwatch.statements import open_store

        written = exporting.export(open_store(db), fmt, output,
                                   include_evidence=include_evidence)
    click.echo(f"wrote {', '.join(str(path) for path in written)}")
    if fmt in exporting.EVIDENCE_FORMATS:
        click.echo(_evidence_line(fmt, output))


def _evidence_line(fmt: str, output: Path) -> str:
    """What the export did with the stored evidence, as the file itself says it."""
    from tierwatch.statements.exporting import read_contents

    part = next(item for item in read_contents(fmt, output) if item["part"] == "evidence")
    if part["included"]:
        return f"with the stored evidence: {_documents(part['rows'])} (--include-evidence)"
    return (f"stored evidence left out ({_documents(part['stored'] or 0)}; it may be "
            "sensitive): --include-evidence puts it in")


def _documents(count: int) -> str:
    return f"{count} document" + ("" if count == 1 else "s")


@cli.command(name="build-data")
@click.argument("folder", type=click.Path(path_type=Path, exists=True, file_okay=False))
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="Where to write (default: the package's data folder).")
def build_data(folder: Path, output: Path | None) -> None:
    """Rebuild the shipped placements dataset from the public sources (import into an empty
    temporary store, then export --format builtin)."""
    import tempfile
    from importlib import resources

    from tierwatch.sources import read_folder
    from tierwatch.statements import exporting, open_store
    from tierwatch.statements.importing import import_batches

    target = output or Path(str(resources.files("tierwatch.data")))
    batches = read_folder(folder)
    with tempfile.TemporaryDirectory() as scratch:
        store = open_store(str(Path(scratch) / "build.sqlite"), seed=False)
        import_batches(store, batches)
        written = exporting.export(store, "builtin", target)
        store.engine.dispose()
    click.echo(f"wrote {', '.join(str(path) for path in written)}")


_WORLD_LABELS = {"prosecutions": "prosecutions", "prosecutions (labour)": "of them labour",
                 "convictions": "convictions", "convictions (labour)": "of them labour",
                 "victims identified": "victims identified",
                 "victims identified (labour)": "of them labour",
                 "new or amended legislation": "new or amended laws"}


@cli.command()
@shared_options()
def world(as_json: bool, db: str | None) -> None:
    """The report's global law-enforcement table: world totals of prosecutions, convictions,
    victims identified and new laws by the year counted (blank: not in the table held)."""
    from tierwatch.placements.services import WORLD_FIGURES, world_table

    rows = world_table(_reader(db))
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    if not rows:
        click.echo("the store holds no world law-enforcement table")
        return
    click.echo("Global law enforcement (TIP Report table; source: "
               + ", ".join(sorted({row.source for row in rows})) + ")")
    heads = ["counted", "report"] + [_WORLD_LABELS[prop] for prop in WORLD_FIGURES]
    click.echo("  ".join(heads))
    for row in rows:
        values = [row.counted_year or "", row.report_year]
        values += [row.figures.get(prop, "") for prop in WORLD_FIGURES]
        click.echo("  ".join(f"{value:>{len(head)}}" for value, head in zip(
            values, heads, strict=True)))


@cli.command(name="statements")
@click.option("--country", "name", default=None, help="Only this country (name or code).")
@click.option("--year", "report_year", type=WHOLE_NUMBER, default=None, help="Report year.")
@click.option("--property", "prop", default=None, help="e.g. tier, waiver, convictions.")
@click.option("--breakdown", default=None, help="Only this part of a figure, e.g. labour.")
@click.option("--claimant", default=None, help="Only what this claimant asserts.")
@click.option("--source", default=None, help="Only statements of this source (its id).")
@click.option("--offset", type=WHOLE_NUMBER, default=0, show_default=True,
              help="Skip this many statements.")
@click.option("--limit", type=WHOLE_NUMBER, default=100, show_default=True,
              help="At most this many statements (1-1000).")
@shared_options()
def statements_command(name: str | None, report_year: int | None, prop: str | None,
                       breakdown: str | None, claimant: str | None, source: str | None,
                       offset: int, limit: int, as_json: bool, db: str | None) -> None:
    """Stored statements with their sources, filtered, a page at a time."""
    from tierwatch.statements.query import query_statements

    code = None
    if name is not None:
        from tierwatch.countries import lookup

        code = lookup(name).code
    if report_year is not None:
        from tierwatch.law import validate_report_year

        validate_report_year(report_year)
    page = query_statements(_reader(db), country=code, report_year=report_year, prop=prop,
                            breakdown=breakdown, claimant=claimant, source=source,
                            offset=offset, limit=limit)
    if as_json:
        print_json(page.to_dict())
        return
    last = page.offset + len(page.statements)
    click.echo(f"{page.count} statements" + (f"; {page.offset + 1}-{last} shown"
                                             if page.statements else ""))
    for s in page.statements:
        year_text = "year unknown" if s.report_year is None else s.report_year
        part = "" if s.breakdown is None else f" [{s.breakdown}]"
        click.echo(printable(f"  {s.country} {year_text} {s.prop}{part} = {s.value} "
                             f"({s.claimant}; {s.source} {s.locator})"))
    if page.next_offset is not None:
        click.echo(f"more: --offset {page.next_offset}")
