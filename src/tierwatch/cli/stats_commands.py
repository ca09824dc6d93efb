"""``tierwatch stats``: summaries of the country-year panel (coverage, transitions, regions)."""

from __future__ import annotations

from typing import Any

import click

from tierwatch.cli.app import DB_HELP, WHOLE_NUMBER, cli, print_json


def _rows(db: str | None) -> list[dict[str, Any]]:
    from tierwatch.placements.panel import panel
    from tierwatch.statements import open_reader

    return panel(open_reader(db))


@cli.group()
def stats() -> None:
    """Summaries of the record: coverage per year, tier transitions, regions."""


@stats.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--db", default=None, help=DB_HELP)
def coverage(as_json: bool, db: str | None) -> None:
    """Per report year: countries stated, inferred, deduced from complete lists, unknown."""
    from tierwatch.placements.panel import coverage_by_year

    found = coverage_by_year(_rows(db))
    if as_json:
        print_json(found)
        return
    click.echo(f"{'year':<6}{'stated':>8}{'inferred':>10}{'deduced':>9}{'unknown':>9}"
               f"{'countries':>11}")
    for row in found:
        click.echo(f"{row['report_year']:<6}{row['stated']:>8}{row['inferred']:>10}"
                   f"{row['deduced']:>9}{row['unknown']:>9}{row['countries']:>11}")


@stats.command()
@click.option("--from", "first", type=WHOLE_NUMBER, default=None, help="First report year.")
@click.option("--to", "last", type=WHOLE_NUMBER, default=None, help="Last report year.")
@click.option("--region", default=None, help="Only this region (as `tierwatch year` names it).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--db", default=None, help=DB_HELP)
def transitions(first: int | None, last: int | None, region: str | None, as_json: bool,
                db: str | None) -> None:
    """The tier transition matrix between consecutive reports, with counts."""
    from tierwatch.countries.registry import REGIONS
    from tierwatch.errors import InvalidInputError
    from tierwatch.law import validate_report_year
    from tierwatch.placements.panel import transitions as matrix_of

    for year in (first, last):
        if year is not None:
            validate_report_year(year)
    if first is not None and last is not None and first >= last:
        raise InvalidInputError(f"--from {first} --to {last}: expected an earlier first year")
    if region is not None and region not in REGIONS:
        raise InvalidInputError(f"--region {region!r}: expected one of {', '.join(REGIONS)}")
    found = matrix_of(_rows(db), first, last, region)
    if as_json:
        print_json(found)
        return
    short = {"Tier 1": "T1", "Tier 2": "T2", "Tier 2 Watch List": "WL", "Tier 3": "T3",
             "Special Case": "SC", "not stated": "?"}
    span = f"{first or 'first'}-{last or 'last'}"
    click.echo(f"Tier transitions between consecutive reports ({span}"
               + (f", {region}" if region else "") + f"): {found['pairs']} pairs; "
               "rows: from, columns: to; ? = not stated (deduced or unknown)")
    click.echo(f"{'':<6}" + "".join(f"{short[s]:>7}" for s in found["states"]))
    for before in found["states"]:
        click.echo(f"{short[before]:<6}" + "".join(
            f"{found['matrix'][before][after]:>7}" for after in found["states"]))


@stats.command(name="regions")
@click.argument("report_year", type=WHOLE_NUMBER)
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.option("--db", default=None, help=DB_HELP)
def regions_command(report_year: int, as_json: bool, db: str | None) -> None:
    """Per region, the countries of one report year by tier, deduced and unknown."""
    from tierwatch.errors import UnknownYearError
    from tierwatch.law import validate_report_year
    from tierwatch.placements.panel import regions

    validate_report_year(report_year)
    rows = _rows(db)
    if report_year not in {row["report_year"] for row in rows}:
        raise UnknownYearError(f"report year {report_year}: the record places no country")
    found = regions(rows, report_year)
    if as_json:
        print_json(found)
        return
    labels = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case", "deduced",
              "unknown"]
    heads = ["T1", "T2", "WL", "T3", "SC", "deduced", "unknown"]
    click.echo(f"TIP Report {report_year} by region")
    click.echo(f"{'region':<24}" + "".join(f"{h:>8}" for h in heads) + f"{'all':>6}")
    for row in found:
        click.echo(f"{row['region']:<24}" + "".join(f"{row[label]:>8}" for label in labels)
                   + f"{row['countries']:>6}")
