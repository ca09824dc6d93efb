"""Export a store's statements and sources: CSV, JSON, Parquet, a new SQLite store, or the
built-in dataset. Rows are sorted and carry no wall-clock time, so the same store exports to
the same bytes (CSV, JSON, Parquet, built-in)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from tierwatch.errors import InvalidInputError
from tierwatch.files import outputs
from tierwatch.statements import builtin
from tierwatch.statements.store import COLUMNS, Store, open_store


def export(store: Store, fmt: str, output: Path) -> list[Path]:
    """Write the store in ``fmt`` to ``output``; return the files written."""
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

        payload = {"sources": [source.to_dict() for source in sources],
                   "statements": [{name: row[name] for name in COLUMNS} for row in rows],
                   "decisions": [decision.to_dict() for decision in decisions(store)]}
        outputs.write_text(output, json.dumps(payload, indent=1, ensure_ascii=False) + "\n")
    elif fmt == "parquet":
        outputs.write_with(output, lambda temporary: _write_parquet(rows, temporary))
    elif fmt == "sqlite":
        if output.exists():
            raise InvalidInputError(f"{output}: exists already; --format sqlite writes a new "
                                    "store file")
        from tierwatch.assessment.recording import copy_log

        def write_store(temporary: Path) -> None:
            target = open_store(str(temporary), seed=False)
            target.add(statements, sources)
            copy_log(store, target)
            target.engine.dispose()

        outputs.write_with(output, write_store)
    else:
        raise InvalidInputError(f"--format {fmt!r}: expected csv, json, parquet, sqlite or "
                                "builtin")
    return [output]


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
