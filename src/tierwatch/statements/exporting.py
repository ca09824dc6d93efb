"""Export a store's statements and sources: CSV, JSON, Parquet, a new SQLite store, or the
built-in dataset. Rows are sorted and carry no wall-clock time, so the same store exports to
the same bytes (CSV, JSON, Parquet, built-in).

An export is made to be shared, so the two that copy more than the statements (JSON and a
new SQLite store) say what they hold: the JSON's ``contents`` and the SQLite file's
``export_contents`` table list each part of the store, whether it is in, how many rows, and
why not. Stored evidence is left out unless asked for (``include_evidence``): an analyst's
evidence may be sensitive (the API serves it to analyst tokens only). API tokens and the
write audit never leave their store.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any, TypedDict

import sqlalchemy as sa

from tierwatch.errors import InvalidInputError
from tierwatch.files import outputs
from tierwatch.statements import builtin
from tierwatch.statements.store import COLUMNS, Store, open_store

EVIDENCE_FORMATS = ("json", "sqlite")
"""The formats that can carry stored evidence (the others hold statements only)."""

_LEFT_OUT = ("left out: an analyst's evidence may be sensitive (the API serves it to analyst "
             "tokens only); export with --include-evidence to put it in")
_NEVER = {"api_tokens": "never exported: the API tokens (their hashes) stay with their store",
          "write_audit": "never exported: the audit of writes stays with its store"}

export_contents_table = sa.Table(
    "export_contents", sa.MetaData(),
    sa.Column("part", sa.String(40), primary_key=True),
    sa.Column("included", sa.Boolean, nullable=False),
    sa.Column("rows", sa.Integer, nullable=False),
    sa.Column("stored", sa.Integer),
    sa.Column("note", sa.Text, nullable=False),
)
"""Written into a SQLite export only: what the file holds, read by a person or a script."""


class ExportPart(TypedDict):
    """One part of the store in an export: ``rows`` in the export, ``stored`` in the store
    exported (None where the count is not the export's to tell)."""

    part: str
    included: bool
    rows: int
    stored: int | None
    note: str


def export(store: Store, fmt: str, output: Path, *,
           include_evidence: bool = False) -> list[Path]:
    """Write the store in ``fmt`` to ``output``; return the files written. Evidence goes
    in only with ``include_evidence``, and only into the formats that can carry it."""
    check_evidence_format(fmt, include_evidence)
    if fmt == "builtin":
        return builtin.write(output, store.sources(), store.statements())
    if output.is_dir():
        raise InvalidInputError(f"{output}: is a folder; expected a file name for --format {fmt}")
    outputs.check_target(output, f"--format {fmt} export")  # before the store is read
    statements = store.statements()
    sources = store.sources()
    rows = [statement.to_dict() for statement in statements]
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            writer.writerow(["" if row[name] is None else row[name] for name in COLUMNS])
        outputs.write_text(output, buffer.getvalue())
    elif fmt == "json":
        from tierwatch.assessment.log import decisions

        log = [decision.to_dict() for decision in decisions(store)]
        evidence = _evidence_rows(store)
        payload: dict[str, Any] = {
            "contents": contents(len(sources), len(rows), log, evidence, include_evidence),
            "sources": [source.to_dict() for source in sources],
            "statements": [{name: row[name] for name in COLUMNS} for row in rows],
            "decisions": log}
        if include_evidence:
            payload["evidence"] = evidence
        outputs.write_text(output, json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        outputs.write_with(output, lambda temporary: _write_parquet(rows, temporary))
    elif fmt == "sqlite":
        if output.exists():
            raise InvalidInputError(f"{output}: exists already; --format sqlite writes a new "
                                    "store file")
        from tierwatch.assessment.log import decisions
        from tierwatch.assessment.recording import copy_log
        from tierwatch.assessment.stored_evidence import evidence_table

        log = [decision.to_dict() for decision in decisions(store)]
        evidence = _evidence_rows(store)
        parts = contents(len(sources), len(rows), log, evidence, include_evidence)

        def write_store(temporary: Path) -> None:
            target = open_store(str(temporary), seed=False)
            target.add(statements, sources)
            copy_log(store, target)
            with target.transaction() as connection:
                if include_evidence and evidence:  # ids, digests, who and when as recorded
                    connection.execute(evidence_table.insert(), evidence)
                export_contents_table.create(connection)
                connection.execute(export_contents_table.insert(), list(parts))
            target.engine.dispose()

        outputs.write_with(output, write_store)
    else:
        raise InvalidInputError(f"--format {fmt!r}: expected csv, json, parquet, sqlite or "
                                "builtin")
    return [output]


def check_evidence_format(fmt: str, include_evidence: bool) -> None:
    """Refuse evidence asked of a format that cannot carry it, before anything is written."""
    if include_evidence and fmt not in EVIDENCE_FORMATS:
        raise InvalidInputError(f"--include-evidence: --format {fmt} holds statements only; "
                                "evidence goes into --format json or sqlite")


def read_contents(fmt: str, output: Path) -> list[ExportPart]:
    """What a JSON or SQLite export says it holds (its ``contents``, ``export_contents``)."""
    if fmt == "json":
        parts: list[ExportPart] = json.loads(output.read_text(encoding="utf-8"))["contents"]
        return parts
    import sqlite3

    connection = sqlite3.connect(f"file:{output}?mode=ro", uri=True)
    try:
        rows = connection.execute("SELECT part, included, rows, stored, note FROM "
                                  "export_contents ORDER BY rowid").fetchall()
    finally:
        connection.close()
    return [{"part": part, "included": bool(included), "rows": count, "stored": stored,
             "note": note} for part, included, count, stored, note in rows]


def contents(sources: int, statements: int, log: list[dict[str, Any]],
             evidence: list[dict[str, Any]], include_evidence: bool) -> list[ExportPart]:
    """What an export holds, part by part, and why a part is not in it."""
    cited = sum(1 for decision in log if decision.get("evidence_digest"))
    decisions_note = "the decision log, hashes and times as recorded (hash-chained)"
    if cited and not include_evidence:
        decisions_note += (f"; {cited} of them name (by evidence_digest) evidence left out "
                           "of this export")
    evidence_part: ExportPart = (
        {"part": "evidence", "included": True, "rows": len(evidence), "stored": len(evidence),
         "note": "every stored evidence document as canonical JSON (document), its SHA-256 "
                 "digest (digest), who recorded it (recorded_by) and when (recorded_at)"}
        if include_evidence else
        {"part": "evidence", "included": False, "rows": 0, "stored": len(evidence),
         "note": _LEFT_OUT})
    return [
        {"part": "sources", "included": True, "rows": sources, "stored": sources,
         "note": "every source the statements cite"},
        {"part": "statements", "included": True, "rows": statements, "stored": statements,
         "note": "every statement with its source and place in it"},
        {"part": "decisions", "included": True, "rows": len(log), "stored": len(log),
         "note": decisions_note},
        evidence_part,
        *(ExportPart(part=part, included=False, rows=0, stored=None, note=note)
          for part, note in _NEVER.items()),
    ]


def _evidence_rows(store: Store) -> list[dict[str, Any]]:
    """The stored evidence as recorded, oldest first (the document as its canonical JSON
    text, so that its digest can be checked against the bytes exported)."""
    from tierwatch.assessment.stored_evidence import list_evidence

    return [{"id": item.id, "country": item.country, "report_year": item.report_year,
             "document": item.document, "digest": item.digest,
             "recorded_by": item.recorded_by, "recorded_at": item.recorded_at}
            for item in list_evidence(store)]


def _write_parquet(rows: list[dict[str, object]], output: Path) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([
        (name, pa.int32() if name == "report_year" else
         pa.float64() if name == "confidence" else pa.string())
        for name in COLUMNS])
    table = pa.Table.from_pylist([{name: row[name] for name in COLUMNS} for row in rows],
                                 schema=schema)
    pq.write_table(table, output, compression="zstd")
