"""Commands of the law layer (registered on the root group by import).

Thin: parse arguments, call ``tierwatch.law``, print. The law layer is imported inside each
command so that ``tierwatch --help`` stays fast.
"""

from __future__ import annotations

from typing import Any

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json

_OPTION_CHOICES = {
    "cap-transition": ("waiver_cap_transition", ("count_earlier_waivers", "fresh_cap_from_2019")),
    "post-downgrade-trigger": ("post_downgrade_trigger",
                               ("any_tier3_after_full_run", "forced_only")),
    "post-downgrade-pre-2019": ("post_downgrade_counts_pre_2019", ("yes", "no")),
    "post-downgrade-duration": ("post_downgrade_duration", ("permanent", "first_return_only")),
}



def _law_options(pairs: tuple[str, ...]) -> Any:
    """``--option name=value`` pairs into ``LawOptions`` (bad ones: one-line error, exit 2)."""
    from tierwatch.errors import InvalidInputError
    from tierwatch.law import LawOptions

    values: dict[str, Any] = {}
    for pair in pairs:
        name, _, value = pair.partition("=")
        if name not in _OPTION_CHOICES and name != "watch-list-first-report":
            known = ", ".join([*_OPTION_CHOICES, "watch-list-first-report"])
            raise InvalidInputError(f"--option {pair!r}: unknown option; expected one of {known}")
        if name == "watch-list-first-report":
            from tierwatch.files.inputs import is_whole_number

            if not is_whole_number(value):
                raise InvalidInputError(f"--option {pair!r}: expected a year in digits 0-9, "
                                        "e.g. 2004")
            values["watch_list_first_report"] = int(value)
            continue
        field_name, choices = _OPTION_CHOICES[name]
        if value not in choices:
            raise InvalidInputError(
                f"--option {pair!r}: expected {name}=" + " or ".join(choices)
            )
        values[field_name] = (value == "yes") if choices == ("yes", "no") else value
    return LawOptions(**values)


@cli.command()
@click.option("--history", "history_text", default=None,
              help='Placements by report year, e.g. "2019:2WL 2020:2WL 2021:2WL+waiver". '
                   "Codes: 1 2 2WL 3 special unranked ? (unknown), or the codes still possible "
                   "joined by | (e.g. 2024:1|2|special); +waiver marks a waiver year.")
@click.option("--country", "country_name", default=None,
              help="Read the history of this country from the knowledge base instead.")
@click.option("--db", default=None, help="Knowledge-base database for --country.")
@click.option("--year", "report_year", required=True, type=WHOLE_NUMBER,
              help="The report year to ask about (the law of that year applies).")
@click.option("--state-policy", is_flag=True,
              help="A government policy or pattern of trafficking was found (from 2019: Tier 3).")
@click.option("--option", "option_pairs", multiple=True, metavar="NAME=VALUE",
              help="An unsettled legal point: cap-transition, post-downgrade-trigger, "
                   "post-downgrade-pre-2019, post-downgrade-duration, watch-list-first-report.")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
def clock(history_text: str | None, country_name: str | None, db: str | None,
          report_year: int, state_policy: bool, option_pairs: tuple[str, ...],
          as_json: bool) -> None:
    """The watch-list clock and the lawful placements for a report year, from --history or
    from a country's placements in the knowledge base (--country)."""
    from tierwatch.assessment.log import decision_line
    from tierwatch.errors import InvalidInputError
    from tierwatch.law import evaluate_year, parse_history, validate_report_year

    validate_report_year(report_year)
    options = _law_options(option_pairs)
    if (history_text is None) == (country_name is None):
        raise InvalidInputError("clock: give either --history or --country (one of them)")
    if country_name is not None:
        from tierwatch.assessment.log import decided_history, decisions
        from tierwatch.placements import country_record
        from tierwatch.statements import open_reader

        reader = open_reader(db)
        record = country_record(reader, country_name)
        # recorded decisions for years the record leaves open count, marked as decisions
        history, used = decided_history(record.history, decisions(reader, record.country.code))
        standing = [d for d in used if d.report_year == report_year]
        used = [d for d in used if d.report_year < report_year]
        if not as_json:
            click.echo(f"{record.country.name}: {record.history.to_text() or 'no known placement'}")
            for decision in used:
                click.echo(f"  with {decision_line(decision)} (a decision, not the published "
                           "record)")
    else:
        assert history_text is not None
        history = parse_history(history_text, strict=True)
        used = standing = []
    evaluation = evaluate_year(history, report_year, state_policy=state_policy, options=options)
    if as_json:
        data = evaluation.to_dict()
        if country_name is not None:
            data = {**data, "decisions_used": [d.to_dict() for d in used]}
        print_json(data)
        return
    click.echo(_clock_text(evaluation))
    for decision in standing:
        click.echo(f"Decided for {report_year} (a decision, not the published record): "
                   f"{decision_line(decision)}")


def _clock_text(evaluation: Any) -> str:
    """Short sentences for people: the count, the waivers, the forced year, the choices."""
    clock = evaluation.clock
    lawful = evaluation.lawful
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
    choices = ", ".join(str(tier) for tier in lawful.tiers)
    suffix = " (Tier 2 Watch List only with a waiver)" if lawful.watch_list_needs_waiver else ""
    lines.append(f"Lawful placements in {year}: {choices}{suffix}.")
    if lawful.uncertain:
        lines.append(f"Lawful or not depending on {clock.depends_on}: "
                     + ", ".join(str(tier) for tier in lawful.uncertain) + ".")
    if evaluation.check.recorded is not None and evaluation.check.recorded.tier is not None:
        lines.append(f"Recorded {evaluation.check.recorded.tier}: "
                     f"{evaluation.check.verdict.replace('_', ' ')} ({evaluation.check.reason}).")
    lines.append("Why:")
    lines.extend(f"  - {sentence}" for sentence in evaluation.sentences())
    return "\n".join(lines)


@cli.command()
@click.option("--year", "report_year", type=WHOLE_NUMBER, default=None,
              help="Report year (default: the last year the engine knows).")
@click.option("--json", "as_json", is_flag=True, help="Print the provisions as JSON.")
def law(report_year: int | None, as_json: bool) -> None:
    """The rules and parameters in force for a report year, with their citations."""
    from tierwatch.law import (
        last_report_year,
        provisions_in_force,
        report_calendar,
        validate_report_year,
    )

    year = validate_report_year(report_year if report_year is not None else last_report_year())
    provisions = provisions_in_force(year)
    calendar = report_calendar(year)
    if as_json:
        print_json({
            "report_year": year,
            "calendar": calendar.to_dict(),
            "provisions": [p.to_dict() for p in provisions],
        })
        return
    click.echo(f"The law of the {year} TIP Report (rules in force, with citations):")
    for item in provisions:
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
