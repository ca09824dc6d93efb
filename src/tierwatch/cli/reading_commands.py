"""Commands of the reading layer (registered on the root group by import)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from tierwatch.cli.app import cli, printable, shared_options
from tierwatch.errors import InvalidInputError, TierwatchError

if TYPE_CHECKING:
    from tierwatch.reading.model import DocumentReading, Figure


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--store", is_flag=True, help="Add the claims to the knowledge base.")
@click.option("--scheduler", default=None, help="Address of a running Dask scheduler.")
@shared_options(json_help="One JSON object per document.",
                db_help="Database file or URL for --store (default: $TIERWATCH_DB, else a "
                        "file in the user data folder).")
def read(
    files: tuple[str, ...], as_json: bool, store: bool, db: str | None, scheduler: str | None
) -> None:
    """Read articles or report text (FILE or - for stdin) into sourced claims.

    A bad file gets a one-line error naming it; the others are still read, and the exit
    status is 2 if any file failed. With --store, the claims of the good files are stored in
    one transaction (a failed file stores nothing).
    """
    from tierwatch.reading.services import read_files

    outcomes = read_files(files, scheduler=scheduler, progress=not as_json and len(files) > 1)
    readings = [o.reading for o in outcomes if o.reading is not None]
    for outcome in outcomes:
        if outcome.error is not None:
            click.echo(f"error: {printable(outcome.error)}", err=True)
        elif outcome.reading is not None:
            if as_json:
                click.echo(json.dumps(outcome.reading.to_json(), ensure_ascii=False,
                                      sort_keys=True))
            else:
                click.echo(_describe(outcome.reading))
    if store and readings:
        _store(readings, db)
    if any(o.error is not None for o in outcomes):
        sys.exit(2)


def _store(readings: list[DocumentReading], db: str | None) -> None:
    """Every claim of the good documents, with the documents as sources, in one transaction."""
    from tierwatch.reading.services import readings_batch
    from tierwatch.statements import open_store
    from tierwatch.statements.importing import import_batches

    result = import_batches(open_store(db), [readings_batch(readings)])
    click.echo(f"stored {result.statements} statements ({result.new} new) from "
               f"{len(readings)} document(s) in {result.store}", err=True)


def _stated(figure: Figure) -> str:
    """A figure's value as the text gives it ("more than 400")."""
    return f"{figure.qualifier} {figure.value}" if figure.qualifier else str(figure.value)


def _describe(reading: DocumentReading) -> str:
    year = reading.report_year if reading.report_year is not None else "unknown"
    basis = f" ({reading.report_year_basis})" if reading.report_year_basis else ""
    if reading.language not in (None, "en"):
        return (f"{reading.file}: written in language '{reading.language}', not English: "
                "not read (the reader's vocabulary is English)")
    lines = [f"{reading.file}: report year {year}{basis}; main country "
             f"{reading.main_country or 'unknown'}"]
    for p in reading.placements:
        tier = p.tier or "tier unknown"
        extra = ", ".join(x for x in (
            f"previous {p.previous_tier}" if p.previous_tier else "",
            p.move or "",
        ) if x)
        extra = f" ({extra})" if extra else ""
        year_text = p.report_year if p.report_year is not None else "year unknown"
        status = "" if p.status == "official" else f" ({p.status}, not official)"
        lines.append(f"  placement  {p.country_name} {year_text} [{p.timeframe}]: {tier}{extra}"
                     f"{status}  conf {p.confidence:.2f}  chars {p.span.start}-{p.span.end}")
        if p.reasons:
            lines.append(f"             because: {'; '.join(p.reasons)}")
    for f in reading.figures:
        qualifier = f"{f.qualifier} " if f.qualifier else ""
        breakdown = f" {f.breakdown}" if f.breakdown else ""
        lines.append(f"  figure     {f.country or '?'} {f.quantity}{breakdown}: {qualifier}"
                     f"{f.value} {f.unit}, period {f.period or 'unknown'}, by {f.claimant} "
                     f"({f.claimant_kind})  conf {f.confidence:.2f}  chars "
                     f"{f.span.start}-{f.span.end}")
    for s in reading.speakers:
        role = f", {s.role}" if s.role else ""
        stance = {"disputes": ": disputes the report", "agrees": ": agrees with the report"}.get(
            s.stance or "", "")
        lines.append(f"  speaker    {s.name}{role} ({s.kind}){stance}")
    for d in reading.disputes:
        lines.append(f"  dispute    {d.country} {d.quantity} {d.period}: {_stated(d.first)} "
                     f"({d.first.claimant}) vs {_stated(d.second)} ({d.second.claimant})")
    return "\n".join(lines)


@cli.command(name="eval")
@click.argument("gold", type=click.Path(path_type=Path))
@click.option("--docs", "docs_dir", required=True, type=click.Path(path_type=Path),
              help="Folder holding the annotated documents.")
@shared_options(db=False, json_help="Scores and misses as JSON.")
@click.option("--folds", type=int, default=None,
              help="Split the annotations into this many folds (by a hash of the file name).")
@click.option("--fold", type=int, default=None, help="Score only this fold (1..FOLDS).")
@click.option("--rest", is_flag=True, help="Score every fold but --fold (the part to tune on).")
def evaluate_command(
    gold: Path, docs_dir: Path, as_json: bool, folds: int | None, fold: int | None, rest: bool
) -> None:
    """Score the reader against annotations in the format of seeds/gold.jsonl.

    Only files inside --docs are read: a name that leaves the folder is an error.
    """
    from tierwatch.reading.batch import read_many
    from tierwatch.reading.evaluation import (
        document_path,
        evaluate,
        format_report,
        load_gold,
        select_fold,
    )

    entries = load_gold(gold)
    if not docs_dir.is_dir():
        raise InvalidInputError(f"{docs_dir}: no such folder of documents")
    if (folds is None) != (fold is None) or (rest and fold is None):
        raise InvalidInputError("--folds and --fold go together (and --rest needs them)")
    if folds is not None and fold is not None:
        entries = select_fold(entries, folds, fold, rest)
    names = sorted({str(e["file"]) for e in entries})
    paths = [document_path(docs_dir, name) for name in names]
    outcomes = read_many([str(path) for path in paths], progress=False)
    readings = {}
    for name, outcome in zip(names, outcomes, strict=True):
        if outcome.reading is None:
            raise TierwatchError(outcome.error or f"{name}: unreadable")
        readings[name] = outcome.reading
    result = evaluate(entries, readings)
    if as_json:
        click.echo(json.dumps(result.to_json(), ensure_ascii=False, sort_keys=True, indent=2))
    else:
        click.echo(format_report(result))
