"""Importers of the public TIP data: one kind per file, each with its source's description.

``read_source(path)`` reads one file into an ``ImportBatch`` (its source and its statements),
refusing a file of the wrong kind, a damaged or truncated one, or one that fails the kind's
assertions, with a message naming the file. ``read_folder`` reads every known file of a
folder. Nothing is stored here: the caller adds batches to a store in one transaction.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tierwatch.errors import InvalidInputError
from tierwatch.sources import catalog, tables
from tierwatch.sources.catalog import BY_FILE, Kind, check
from tierwatch.statements.locator import order_key
from tierwatch.statements.model import SourceInfo, Statement

KINDS: tuple[str, ...] = tuple(kind.id for kind in catalog.KINDS)
"""The kinds of file known, by the id of the source each one describes."""


@dataclass(frozen=True)
class ImportBatch:
    """One file read: its kind, its source description, and its statements in a stable order
    (report year, country, property, place in the file)."""

    kind: str
    path: Path
    source: SourceInfo
    statements: tuple[Statement, ...]
    other_sources: tuple[SourceInfo, ...] = ()  # a tierwatch export carries many

    @property
    def sources(self) -> list[SourceInfo]:
        return [self.source, *self.other_sources]

    @property
    def name(self) -> str:
        """The file's name, as an import reports it."""
        return self.path.name


@dataclass(frozen=True)
class ReadPaths:
    """Files and folders read for an import: the batches, and the files of the folders
    that are not known data files (left alone, reported)."""

    batches: list[ImportBatch]
    skipped: list[str]


def _kind_of(path: Path) -> Kind:
    """The kind by file name, else by a CSV header that only one kind has."""
    if path.name in BY_FILE:
        return BY_FILE[path.name]
    if path.suffix.lower() == ".csv":
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                header = tuple(name.strip() for name in next(csv.reader(handle)))
        except (OSError, UnicodeDecodeError, StopIteration, csv.Error):
            header = ()
        matches = [kind for kind in catalog.KINDS if kind.columns == header]
        if len(matches) == 1:
            return matches[0]
        if matches:
            raise InvalidInputError(
                f"{path.name}: its columns fit several kinds of file "
                f"({', '.join(k.file for k in matches)}); name the file as its source does")
    known = ", ".join(kind.file for kind in catalog.KINDS)
    raise InvalidInputError(f"{path.name}: not a known TIP data file; known files: {known}")


def read_source(path: Path | str) -> ImportBatch:
    """One file: its kind from its name (or, renamed, from a header only one kind has),
    then its columns checked, its rows read and the kind's assertions passed."""
    path = Path(path)
    if path.suffix.lower() == ".json" and path.name not in BY_FILE:
        return read_export(path)
    kind = _kind_of(path)
    tables.read_bytes(path)
    statements = kind.parse(kind, path)
    check(kind, path, statements)
    ordered = tuple(sorted(statements, key=_statement_order))
    return ImportBatch(kind.id, path, kind.source_of(path), ordered)


def _statement_order(statement: Statement) -> tuple[object, ...]:
    """Report year, country, property, then the place in the file ("row 9" before "row 10")."""
    return (statement.report_year or 0, statement.country, statement.prop,
            order_key(statement.locator), statement.value)


def read_export(path: Path) -> ImportBatch:
    """A JSON file written by ``tierwatch export --format json`` (another analyst's store):
    its statements keep their own sources, claimants and places; every field is checked
    (``export_file``) before anything is stored."""
    from tierwatch.sources.export_file import read_export_file

    sources, statements = read_export_file(path)
    return ImportBatch("tierwatch-export", path, sources[0], tuple(statements),
                       tuple(sources[1:]))


def read_folder(path: Path | str) -> list[ImportBatch]:
    """Every known data file of a folder, by file name (other files are left alone)."""
    folder = Path(path)
    if not folder.is_dir():
        raise InvalidInputError(f"{folder}: not a folder")
    files = sorted(p for p in folder.iterdir() if p.name in BY_FILE)
    if not files:
        raise InvalidInputError(f"{folder}: holds none of the known TIP data files")
    return [read_source(file) for file in files]


def read_paths(paths: Iterable[Path | str]) -> ReadPaths:
    """Every file named, and every known data file of every folder named, read and checked
    (nothing stored); a missing path or a refused file raises naming it."""
    batches: list[ImportBatch] = []
    skipped: list[str] = []
    for given in paths:
        path = Path(given)
        if not path.exists():
            raise InvalidInputError(f"{path}: no such file or folder")
        if path.is_dir():
            batches += read_folder(path)
            skipped += sorted(p.name for p in path.iterdir()
                              if p.is_file() and p.name not in BY_FILE)
        else:
            batches.append(read_source(path))
    return ReadPaths(batches, skipped)


__all__ = ["KINDS", "ImportBatch", "ReadPaths", "read_export", "read_folder", "read_paths",
           "read_source"]
