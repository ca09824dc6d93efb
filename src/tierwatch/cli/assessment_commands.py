"""Commands of the assessment layer: template, assess, decide, decisions, evidence, whatif,
report."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from tierwatch.cli.app import WHOLE_NUMBER, cli, print_json, printable, shared_options


@cli.command()
@click.argument("country")
@click.option("--year", "report_year", type=WHOLE_NUMBER, required=True)
@click.option("-o", "--output", type=click.Path(path_type=Path), default=None,
              help="File to write (default: standard output).")
@shared_options(json=False)
def template(country: str, report_year: int, output: Path | None, db: str | None) -> None:
    """Write an evidence file for COUNTRY and a report year, every field explained; the
    figures the knowledge base holds for the period are filled in with their sources."""
    from tierwatch.assessment.services import evidence_template_for
    from tierwatch.countries import lookup
    from tierwatch.files import outputs
    from tierwatch.law import validate_report_year
    from tierwatch.statements import open_reader

    validate_report_year(report_year)
    lookup(country)  # an unknown country is refused before the store is opened
    if output is not None:
        outputs.check_target(output, "evidence template")
    text = evidence_template_for(open_reader(db), country, report_year).text
    if output is None:
        click.echo(text, nl=False)
    else:
        outputs.write_text(output, text, "evidence template")
        click.echo(f"wrote {output}")


@cli.command()
@click.argument("evidence_file", type=click.Path(path_type=Path))
@shared_options()
def assess(evidence_file: Path, as_json: bool, db: str | None) -> None:
    """Propose a tier from an evidence file, with each rule applied and what is missing."""
    from tierwatch.assessment import load_evidence
    from tierwatch.assessment.services import assess as assess_evidence
    from tierwatch.statements import open_reader

    evidence = load_evidence(evidence_file)  # a bad file is refused before the store opens
    answer = assess_evidence(open_reader(db), evidence)
    if as_json:
        print_json(answer.to_dict())
        return
    for line in proposal_lines(answer.to_dict()):
        click.echo(line)


def proposal_lines(data: dict[str, Any]) -> list[str]:
    """The proposal as text: the tier or the tiers still possible, each rule applied with its
    reason, the rules that cannot be applied and why, and what the evidence lacks."""
    head = f"{data['country']} {data['report_year']}: "
    if data["proposed_tier"] is not None:
        head += f"proposed {data['proposed_tier']}" + (
            " with a waiver" if data["waiver_requested"] else "")
        efforts = data["proposed_on_efforts"] or " or ".join(data["possible_on_efforts"])
        head += f" (on the efforts alone: {efforts})"
    else:
        head += ("no single tier follows from the evidence; still possible: "
                 + ", ".join(data["possible"]))
    lines = [head, "Lawful placements: " + ", ".join(data["lawful_placements"]), "Why:"]
    lines += [f"  - {step['outcome']} [{step['rule']}; {step['citation']}]"
              for step in data["explanation"] if step["applied"]]
    if data["cannot_apply"]:
        lines.append("Rules that cannot be applied to this evidence:")
        lines += [f"  - {item['rule']}: {item['reason']} [{item['citation']}]"
                  for item in data["cannot_apply"]]
    if data["missing"]:
        lines.append("The evidence lacks:")
        lines += [f"  - {item}" for item in data["missing"]]
    return lines


@cli.command()
@click.argument("country")
@click.option("--year", "report_year", type=WHOLE_NUMBER, required=True)
@click.option("--tier", "tier_code", required=True, help="1, 2, 2WL or 3.")
@click.option("--waiver", is_flag=True, help="A waiver of the automatic downgrade is requested.")
@click.option("--justification", default=None, help="Why (needed when departing from the "
                                                    "proposal or without evidence).")
@click.option("--author", required=True)
@click.option("--evidence", "evidence_file", type=click.Path(path_type=Path), default=None,
              help="An evidence file (stored with the decision).")
@click.option("--evidence-id", type=WHOLE_NUMBER, default=None,
              help="Or the id of stored evidence (tierwatch evidence list).")
@click.option("--state-policy", is_flag=True, help="A government policy or pattern was found.")
@click.option("--against-record", is_flag=True,
              help="The decision contradicts the published record of its year, on purpose "
                   "(it is then marked so wherever it is shown).")
@shared_options(json_help="Print the recorded decision as JSON.")
def decide(country: str, report_year: int, tier_code: str, waiver: bool,
           justification: str | None, author: str, evidence_file: Path | None,
           evidence_id: int | None, state_policy: bool, against_record: bool, as_json: bool,
           db: str | None) -> None:
    """Record an analyst's decision in the append-only, hash-chained log; one the law
    forbids, or one that contradicts the published record without --against-record, is
    refused."""
    from tierwatch.assessment.log import decision_line
    from tierwatch.assessment.services import check_decision_input, decide_on_evidence
    from tierwatch.errors import InvalidInputError
    from tierwatch.statements import open_store

    check_decision_input(country, report_year, tier_code)  # before the store is opened
    evidence = None
    if evidence_file is not None:
        if evidence_id is not None:
            raise InvalidInputError("--evidence-id: give --evidence or --evidence-id, not both")
        from tierwatch.assessment import load_evidence

        evidence = load_evidence(evidence_file)
    recorded = decide_on_evidence(
        open_store(db), country, report_year, tier_code, author=author, waiver=waiver,
        justification=justification, evidence=evidence, evidence_id=evidence_id,
        state_policy=state_policy, against_record=against_record)
    decision = recorded.decision
    if as_json:
        print_json(recorded.to_dict())
    else:
        stored = "" if recorded.evidence is None else f" (evidence {recorded.evidence.id})"
        click.echo(printable(f"recorded {decision.country}: {decision_line(decision)}"
                             f"{stored}"))


@cli.command(name="decisions")
@click.argument("country", required=False)
@click.option("--verify", is_flag=True,
              help="Check the whole log's hash chain and name the first broken link "
                   "(exit status 1 when broken).")
@shared_options()
def list_decisions(country: str | None, verify: bool, as_json: bool, db: str | None) -> None:
    """The recorded decisions (of COUNTRY, or all), oldest first; --verify checks the log."""
    from tierwatch.assessment.log import decision_line
    from tierwatch.assessment.services import decision_log
    from tierwatch.statements import open_store

    log = decision_log(open_store(db), country, verify=verify)
    found, check = log.decisions, log.check
    if as_json:
        print_json(log.to_dict() if verify else [d.to_dict() for d in found])
    else:
        if not found:
            click.echo("no decision recorded")
        for decision in found:  # authors and justifications are typed by people: escaped
            click.echo(printable(f"{decision.country} {decision_line(decision)}"))
        if check is not None:
            click.echo(f"hash chain intact: {check.entries} entries, head {check.head}"
                       if check.intact else
                       f"hash chain BROKEN at decision {check.broken_at}: {check.problem} "
                       f"({check.entries} entries before it check out)")
    if check is not None and not check.intact:
        raise SystemExit(1)


@cli.command()
@click.argument("country")
@click.option("--assume", "assumptions", required=True,
              help='Assumed placements, e.g. "2026=2WL 2027=2WL" (codes 1 2 2WL 3, +waiver).')
@shared_options()
def whatif(country: str, assumptions: str, as_json: bool, db: str | None) -> None:
    """The clock, the lawful placements and the consequences if the assumed placements hold."""
    from tierwatch.assessment import parse_assumptions
    from tierwatch.assessment.services import what_if_for
    from tierwatch.statements import open_reader

    parse_assumptions(assumptions)  # malformed assumptions refused before the store is opened
    answer = what_if_for(open_reader(db), country, assumptions)
    if as_json:
        print_json(answer.to_dict())
        return
    result = answer.result
    click.echo(f"{answer.country}, assuming {' '.join(result['assumed'])}:")
    for item in result["decisions"]:
        click.echo(f"  (with decision {item['id']}: {item['report_year']} {item['tier']}"
                   + (" with a waiver" if item["waiver"] else "")
                   + f", by {item['author']}: {item['justification']}; a decision, not the "
                   "published record)")
    for row in result["years"]:
        if row.get("beyond_horizon"):
            click.echo(f"  {row['report_year']}: beyond the last report year the engine knows")
            continue
        placed = row["recorded_placement"] or "not assumed"
        line = (f"  {row['report_year']}: {placed}"
                + (" (waiver)" if row["recorded_waiver"] else "")
                + (f" [{row['placement_from']}]" if row["placement_from"] not in (
                    None, "assumed") else "")
                + f"; lawful: {row['lawful_summary']}")
        if row["recorded_placement"]:
            line += f"; {row['verdict'].replace('_', ' ')}"
            if row["verdict"] == "unknown":
                line += f" ({row['verdict_reason']})"
        if row["tier3_forced_in"] and row["recorded_placement"] in (None, "Tier 2 Watch List"):
            line += f"; {row['outlook']}"  # the law's key sentence, true of the placement
        click.echo(line)
        if row["verdict"] == "unlawful":
            click.echo(f"      {row['verdict_reason']}")
        consequences = row["consequences"]
        if consequences and consequences["applies"]:
            click.echo(f"      Tier 3 consequences from fiscal year {consequences['fiscal_year']}"
                       f" ({consequences['fiscal_year_start']})")
        elif row["consequences_if_lawful"]:
            click.echo(f"      the law forces Tier 3 in {row['report_year']}: placed there, "
                       "its consequences would start in fiscal year "
                       f"{row['consequences_if_lawful']['fiscal_year']}")


@cli.command()
@click.argument("country", required=False)
@click.option("--year", "report_year", type=WHOLE_NUMBER, default=None,
              help="Report year of a country report.")
@click.option("--annual", "annual_year", type=WHOLE_NUMBER, default=None,
              help="Write the annual report of this report year instead.")
@click.option("--format", "fmt", type=click.Choice(["html", "md", "pdf"]), default="html")
@click.option("--evidence", "evidence_file", type=click.Path(path_type=Path), default=None,
              help="Evidence of an assessment: fills the criteria table and the proposal.")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True)
@shared_options(json=False)
def report(country: str | None, report_year: int | None, annual_year: int | None, fmt: str,
           evidence_file: Path | None, output: Path, db: str | None) -> None:
    """Write a country report (COUNTRY --year Y) or an annual report (--annual Y)."""
    from tierwatch.errors import InvalidInputError
    from tierwatch.files import outputs
    from tierwatch.reports import annual_report, chart_name, country_report, render
    from tierwatch.statements import open_reader

    outputs.check_target(output, "report")
    reader = open_reader(db)
    if annual_year is not None:
        if country is not None or report_year is not None:
            raise InvalidInputError("report: --annual YEAR takes no COUNTRY and no --year")
        content = annual_report(reader, annual_year)
    else:
        if country is None or report_year is None:
            raise InvalidInputError("report: give COUNTRY --year YEAR, or --annual YEAR")
        evidence = None
        if evidence_file is not None:
            from tierwatch.assessment import load_evidence
            from tierwatch.countries import lookup

            evidence = load_evidence(evidence_file)
            if (evidence.country, evidence.report_year) != (lookup(country).code, report_year):
                raise InvalidInputError(f"--evidence {evidence_file}: it is for "
                                        f"{evidence.country} {evidence.report_year}")
        content = country_report(reader, country, report_year, evidence)
    chart = output.with_name(chart_name(output.name)) if (
        fmt == "md" and content.get("chart_svg")) else None
    data = render(content, fmt, chart_file="" if chart is None else chart.name)
    if chart is not None:  # the chart first: the report never points at a missing file
        outputs.check_target(chart, "report's chart")
        outputs.write_text(chart, content["chart_svg"], "report's chart")
    outputs.write_bytes(output, data, "report")
    click.echo(f"wrote {output} ({len(data)} bytes)"
               + (f" and its chart {chart.name}" if chart is not None else ""))


@cli.group()
def evidence() -> None:
    """Stored evidence: an assessment's evidence kept in the store as recorded (canonical
    JSON and its SHA-256 digest, who recorded it and when), for decisions to name."""


@evidence.command(name="add")
@click.argument("evidence_file", type=click.Path(path_type=Path))
@click.option("--author", required=True, help="Who records the evidence.")
@shared_options(json_help="Print the stored evidence as JSON.")
def add_evidence(evidence_file: Path, author: str, as_json: bool, db: str | None) -> None:
    """Validate an evidence file (as `assess` does) and store it."""
    from tierwatch.assessment import load_evidence
    from tierwatch.assessment.stored_evidence import record_evidence
    from tierwatch.statements import open_store

    loaded = load_evidence(evidence_file)  # a bad file is refused before the store opens
    stored = record_evidence(open_store(db), loaded, recorded_by=author)
    if as_json:
        print_json(stored.to_dict())
    else:
        click.echo(printable(f"stored evidence {stored.id}: {stored.country} "
                             f"{stored.report_year}, digest {stored.digest}, by "
                             f"{stored.recorded_by} at {stored.recorded_at}"))


@evidence.command(name="list")
@click.option("--country", default=None, help="A country's name or code.")
@click.option("--year", "report_year", type=WHOLE_NUMBER, default=None)
@shared_options()
def list_stored_evidence(country: str | None, report_year: int | None, as_json: bool,
                         db: str | None) -> None:
    """The stored evidence (of a country and a report year), oldest first, with the
    decisions that name each."""
    from tierwatch.assessment.stored_evidence import list_evidence
    from tierwatch.countries import lookup
    from tierwatch.law import validate_report_year
    from tierwatch.statements import open_store

    if country is not None:
        lookup(country)  # refused before the store is opened
    if report_year is not None:
        validate_report_year(report_year)
    found = list_evidence(open_store(db), country, report_year)
    if as_json:
        print_json([item.to_dict(with_document=False) for item in found])
        return
    if not found:
        click.echo("no evidence stored")
    for item in found:
        used = ", ".join(str(i) for i in item.decisions) or "none"
        state = "" if item.intact else "; DOCUMENT CHANGED (digest does not match)"
        click.echo(printable(f"{item.id}  {item.country} {item.report_year}  by "
                             f"{item.recorded_by} at {item.recorded_at}  digest "
                             f"{item.digest[:16]}...  decisions: {used}{state}"))
