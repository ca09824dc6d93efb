"""Commands of the law layer (registered on the root group by import).

Thin: parse arguments, call ``tierwatch.law``, print. The law layer is imported inside each
command so that ``tierwatch --help`` stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json, shared_options

if TYPE_CHECKING:
    from tierwatch.law.engine import YearEvaluation


@cli.command()
@click.option("--history", "history_text", default=None,
              help='Placements by report year, e.g. "2019:2WL 2020:2WL 2021:2WL+waiver". '
                   "Codes: 1 2 2WL 3 special unranked ? (unknown), or the codes still possible "
                   "joined by | (e.g. 2024:1|2|special); +waiver marks a waiver year.")
@click.option("--country", "country_name", default=None,
              help="Read the history of this country from the knowledge base instead.")
@shared_options(json=False, db_help="Knowledge-base database for --country "
                                     "(default: $TIERWATCH_DB, else the user data folder).")
@click.option("--year", "report_year", required=True, type=WHOLE_NUMBER,
              help="The report year to ask about (the law of that year applies).")
@click.option("--state-policy", is_flag=True,
              help="A government policy or pattern of trafficking was found (from 2019: Tier 3).")
@click.option("--option", "option_pairs", multiple=True, metavar="NAME=VALUE",
              help="An unsettled legal point: cap-transition, post-downgrade-trigger, "
                   "post-downgrade-pre-2019, post-downgrade-duration, watch-list-first-report.")
@shared_options(db=False, json_help="Print the answer as JSON.")
def clock(history_text: str | None, country_name: str | None, db: str | None,
          report_year: int, state_policy: bool, option_pairs: tuple[str, ...],
          as_json: bool) -> None:
    """The watch-list clock and the lawful placements for a report year, from --history or
    from a country's placements in the knowledge base (--country)."""
    from tierwatch.errors import InvalidInputError
    from tierwatch.law import validate_report_year
    from tierwatch.placements.services import law_options

    validate_report_year(report_year)
    options = law_options(option_pairs)
    if (history_text is None) == (country_name is None):
        raise InvalidInputError("clock: give either --history or --country (one of them)")
    if country_name is not None:
        from tierwatch.assessment.services import clock_for_country
        from tierwatch.statements import open_reader

        answer = clock_for_country(open_reader(db), country_name, report_year,
                                   state_policy=state_policy, options=options)
    else:
        from tierwatch.placements.services import clock_for_history

        assert history_text is not None
        answer = clock_for_history(history_text, report_year, state_policy=state_policy,
                                   options=options)
    if as_json:
        print_json(answer.to_dict())
        return
    from tierwatch.assessment.log import decision_line

    if answer.code is not None:
        click.echo(f"{answer.country}: {answer.record_text or 'no known placement'}")
        for decision in answer.decisions_used:
            click.echo(f"  with {decision_line(decision)} (a decision, not the published "
                       "record)")
    click.echo(_clock_text(answer.evaluation))
    for decision in answer.decisions_standing:
        click.echo(f"Decided for {report_year} (a decision, not the published record): "
                   f"{decision_line(decision)}")


def _clock_text(evaluation: YearEvaluation) -> str:
    """Short sentences for people: the count, the waivers, the forced year, the choices.

    The choices are ``lawful_summary``, the phrase every other view prints, so the clock
    never words the waiver or the "depending on" part differently."""
    clock = evaluation.clock
    year = evaluation.report_year
    lines = [f"Report year {year}."]
    if clock.watch_list_years is None:
        lines.append(f"Watch-list run: {clock.reason.split('; ')[0]}.")
    else:
        span = (f" ({clock.run_years[0]}-{clock.run_years[-1]})" if len(clock.run_years) > 1
                else f" ({clock.run_years[0]})" if clock.run_years else "")
        lines.append(f"Consecutive Tier 2 Watch List years before {year}: "
                     f"{clock.watch_list_years}{span}.")
    if clock.waiver_cap is not None:
        used = "unknown" if clock.waivers_used is None else clock.waivers_used
        left = "unknown" if clock.waivers_left is None else clock.waivers_left
        lines.append(f"Waivers used in this run: {used}; left: {left} (cap {clock.waiver_cap}).")
    earliest = clock.tier3_forced_in_earliest
    if clock.downgrade_due_in is not None and (earliest is None
                                               or clock.downgrade_due_in < earliest):
        lines.append(f"If it stays on the watch list, the automatic downgrade applies in "
                     f"{clock.downgrade_due_in} unless a waiver is granted.")
    if clock.tier3_forced_in is not None:
        lines.append(f"Tier 3 is forced in {clock.tier3_forced_in} unless the country moves up.")
    elif earliest is not None:
        later = clock.tier3_forced_in_latest
        lines.append(f"Tier 3 is forced in {earliest} or {later if later else 'not at all'} "
                     f"unless the country moves up, depending on {clock.depends_on}.")
    else:
        lines.append(f"Tier 3 forced in: none ({clock.reason.split('; ')[-1]}).")
    lines.append(f"Lawful placements in {year}: {evaluation.lawful_summary}.")
    if evaluation.check.recorded is not None and evaluation.check.recorded.tier is not None:
        lines.append(f"Recorded {evaluation.check.recorded.tier}: "
                     f"{evaluation.check.verdict.replace('_', ' ')} ({evaluation.check.reason}).")
    lines.append("Why:")
    lines.extend(f"  - {sentence}" for sentence in evaluation.sentences())
    return "\n".join(lines)


@cli.command()
@click.option("--year", "report_year", type=WHOLE_NUMBER, default=None,
              help="Report year (default: the last year the engine knows).")
@shared_options(db=False, json_help="Print the provisions as JSON.")
def law(report_year: int | None, as_json: bool) -> None:
    """The rules and parameters in force for a report year, with their citations."""
    from tierwatch.placements.services import law_in_force

    answer = law_in_force(report_year)
    if as_json:
        print_json(answer.to_dict())
        return
    year, calendar = answer.report_year, answer.calendar
    click.echo(f"The law of the {year} TIP Report (rules in force, with citations):")
    for item in answer.provisions:
        value = "" if item.value is None or isinstance(item.value, tuple | dict) and item.id in (
            "tier3_actions", "tier3_waivers") else f" = {_value_text(item.value)}"
        click.echo(f"  {item.id}{value}: {item.title} [{item.years}; {item.citation}]")
    click.echo(f"Report due {calendar.due.isoformat()}; reporting period "
               f"{calendar.reporting_period_start.isoformat()} to "
               f"{calendar.reporting_period_end.isoformat()}.")


def _value_text(value: Any) -> str:
    if isinstance(value, dict):
        return ", ".join(f"{key} {_value_text(item)}" for key, item in value.items())
    if isinstance(value, tuple):
        return "/".join(str(item) for item in value)
    return str(value)
