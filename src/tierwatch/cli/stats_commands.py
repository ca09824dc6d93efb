"""``tierwatch stats``: summaries of the country-year panel (coverage, transitions, regions)."""

from __future__ import annotations

from typing import Any

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json, shared_options


def _reader(db: str | None) -> Any:
    from tierwatch.statements import open_reader

    return open_reader(db)


@cli.group()
def stats() -> None:
    """Summaries of the record: coverage per year, tier transitions, regions."""


@stats.command()
@shared_options()
def coverage(as_json: bool, db: str | None) -> None:
    """Per report year: countries stated, inferred, deduced from complete lists, unknown."""
    from tierwatch.placements.services import coverage_stats

    found = coverage_stats(_reader(db))
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
@shared_options()
def transitions(first: int | None, last: int | None, region: str | None, as_json: bool,
                db: str | None) -> None:
    """The tier transition matrix between consecutive reports, with counts."""
    from tierwatch.placements.services import check_transition_span, transition_stats

    check_transition_span(first, last, region)  # bad input refused before the store is opened
    answer = transition_stats(_reader(db), first, last, region)
    if as_json:
        print_json(answer.to_dict())
        return
    found = answer.to_dict()
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
@shared_options()
def regions_command(report_year: int, as_json: bool, db: str | None) -> None:
    """Per region, the countries of one report year by tier, deduced and unknown."""
    from tierwatch.law import validate_report_year
    from tierwatch.placements.services import region_stats

    validate_report_year(report_year)  # before the store is opened
    found = region_stats(_reader(db), report_year)
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
