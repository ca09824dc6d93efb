"""The placements and waivers that ship with tierwatch, so a fresh install answers at once.

The files in ``tierwatch/data`` are written by ``tierwatch build-data`` from the public
sources (an import of ``shared/data/tip`` followed by this module's ``write``); a test
rebuilds them and compares byte for byte. Tier, waiver, release-date and 3P statements
are shipped, and the world law-enforcement table.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterable
from importlib import resources
from pathlib import Path

from tierwatch.errors import InvalidInputError
from tierwatch.statements.model import (
    P3_SCORES,
    P3_TOTAL,
    REPORT_RELEASED,
    TIER,
    WAIVER,
    SourceInfo,
    Statement,
)

_PACKAGE = "tierwatch.data"
STATEMENTS_FILE = "placements.csv"
SOURCES_FILE = "sources.json"
WORLD = "WLD"
SHIPPED_PROPS = (TIER, WAIVER, REPORT_RELEASED, *P3_SCORES, P3_TOTAL)
"""Shipped for every country; the world law-enforcement table (country WLD) ships whole."""
_FIELDS = ("country", "report_year", "prop", "value", "unit", "qualifier", "period", "breakdown",
           "claimant", "source", "locator", "confidence", "first_seen", "last_seen", "excerpt")


def _read(name: str) -> bytes:
    return resources.files(_PACKAGE).joinpath(name).read_bytes()


def fingerprint() -> str:
    """Digest of the shipped files: a store seeded from them records it."""
    digest = hashlib.sha256()
    for name in (SOURCES_FILE, STATEMENTS_FILE):
        try:
            digest.update(_read(name))
        except FileNotFoundError:
            digest.update(b"-")
    return digest.hexdigest()[:32]


def load() -> tuple[list[SourceInfo], list[Statement]]:
    """The shipped sources and statements (none if the files are absent)."""
    try:
        sources_text = _read(SOURCES_FILE).decode("utf-8")
        statements_text = _read(STATEMENTS_FILE).decode("utf-8")
    except FileNotFoundError:
        return [], []
    sources = [SourceInfo(**row) for row in json.loads(sources_text)]
    statements = []
    for row in csv.DictReader(io.StringIO(statements_text, newline="")):
        statements.append(Statement(
            country=row["country"],
            report_year=int(row["report_year"]) if row["report_year"] else None,
            prop=row["prop"], value=row["value"], claimant=row["claimant"],
            source=row["source"], locator=row["locator"],
            unit=row.get("unit") or None, qualifier=row.get("qualifier") or None,
            period=row.get("period") or None, breakdown=row.get("breakdown") or None,
            confidence=float(row["confidence"]),
            first_seen=row["first_seen"] or None, last_seen=row["last_seen"] or None,
            excerpt=row["excerpt"] or None))
    return sources, statements


def render(sources: Iterable[SourceInfo], statements: Iterable[Statement]) -> dict[str, bytes]:
    """The shipped files' bytes for these sources and statements (tier and waiver only)."""
    kept = sorted((s for s in statements
                   if s.prop in SHIPPED_PROPS or s.country == WORLD), key=_order)
    used = {s.source for s in kept}
    source_rows = [s.to_dict() for s in sorted(sources, key=lambda s: s.id) if s.id in used]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(_FIELDS)
    for statement in kept:
        row = statement.to_dict()
        writer.writerow(["" if row[name] is None else row[name] for name in _FIELDS])
    return {
        SOURCES_FILE: (json.dumps(source_rows, indent=1, sort_keys=True, ensure_ascii=False)
                       + "\n").encode("utf-8"),
        STATEMENTS_FILE: buffer.getvalue().encode("utf-8"),
    }


def write(folder: Path, sources: Iterable[SourceInfo],
          statements: Iterable[Statement]) -> list[Path]:
    from tierwatch.files import outputs

    if folder.exists() and not folder.is_dir():
        raise InvalidInputError(f"{folder}: not a folder (the built-in dataset is a folder)")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise InvalidInputError(f"{folder}: cannot be created ({error.strerror})") from None
    written = []
    for name, content in render(sources, statements).items():  # each file whole or not at all
        path = folder / name
        outputs.write_bytes(path, content, "built-in data file")
        written.append(path)
    return written


def _order(statement: Statement) -> tuple[object, ...]:
    return (statement.country, statement.report_year or 0, statement.prop, statement.source,
            statement.locator, statement.value, statement.id)
