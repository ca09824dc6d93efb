"""``tierwatch calendar``: the dates that matter for a report year, as text, JSON or iCalendar."""

from __future__ import annotations

from pathlib import Path

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json, shared_options


@cli.command()
@click.argument("report_year", type=WHOLE_NUMBER, required=False)
@click.option("--ics", "ics_file", type=click.Path(path_type=Path), default=None,
              help="Also write the dates as an iCalendar file.")
@shared_options()
def calendar(report_year: int | None, ics_file: Path | None, as_json: bool,
             db: str | None) -> None:
    """Report due and released, the Tier 3 determination window (45 to 90 days after the
    release), the fiscal year the restrictions apply to, the interim assessment; every year
    whose release the record holds when no YEAR is given."""
    from tierwatch.files import outputs
    from tierwatch.placements.services import calendar as calendar_of
    from tierwatch.statements import open_reader

    if ics_file is not None:  # a folder, device or missing folder: refused before any work
        outputs.check_target(ics_file, "--ics calendar")
    view = calendar_of(open_reader(db), report_year)
    if ics_file is not None:  # whole or not at all (temporary file beside it, renamed)
        outputs.write_text(ics_file, view.to_ics(), "--ics calendar")
    if as_json:
        print_json(view.to_dict())
        return
    for item in view.to_dict()["years"]:
        click.echo(f"{item['report_year']}: {item['summary']}.")
        if report_year is None:
            continue
        click.echo(f"  reporting period: {' to '.join(item['reporting_period'])} "
                   f"({item['reporting_period_citation']})")
        click.echo(f"  due: {item['due']} ({item['due_citation']})")
        click.echo("  released: " + (f"{item['released']} ({item['released_source']})"
                                     if item["released"] else "not in the record"))
        if item["determination_window"]:
            click.echo(f"  Tier 3 determinations: {' to '.join(item['determination_window'])}"
                       f", counted from the {item['determination_counted_from']} "
                       f"({item['determination_citation']})")
        if item["fiscal_year"]:
            click.echo(f"  fiscal year {item['fiscal_year']} begins {item['fiscal_year_start']}"
                       f" ({item['fiscal_year_citation']})")
        if item["interim_assessment_due"]:
            click.echo(f"  interim assessment due: {item['interim_assessment_due']} "
                       f"({item['interim_assessment_citation']})")
    if ics_file is not None:
        click.echo(f"wrote {ics_file}")
