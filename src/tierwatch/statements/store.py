"""The statement store: SQLite by default, any SQLAlchemy URL (PostgreSQL) the same way.

Writes go through SQLAlchemy 2 in one transaction each, so a failed import leaves the store
as it was. The schema is Alembic's (``upgrade heads``: other layers add their tables as
branches). Reads that must be fast from the command line (``tierwatch country``) go through
``open_reader``, which on a current SQLite store answers with the standard library alone and
the same SQL, and otherwise falls back to the full store.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.statements.model import SourceInfo, Statement

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection, Engine

ENV_VAR = "TIERWATCH_DB"
_MIGRATIONS = "tierwatch.statements.migrations"
_SCHEMA_KEY = "schema"
_BUILTIN_KEY = "builtin"
_NO_BUILTIN = "none"  # the store was created unseeded on purpose (tests, build-data)

COLUMNS = ("id", "country", "report_year", "prop", "value", "unit", "qualifier", "period",
           "claimant", "source", "locator", "excerpt", "confidence", "first_seen", "last_seen")
_SOURCE_COLUMNS = ("id", "title", "kind", "publisher", "address", "date", "licence", "coverage",
                   "notes", "extra")
_YEARS_SQL = ("SELECT DISTINCT report_year FROM statements WHERE prop = :prop "
              "AND report_year IS NOT NULL ORDER BY report_year")
_ORDER = ("ORDER BY country, report_year IS NULL, report_year, prop, source, locator, value, id")


def default_url() -> str:
    """``TIERWATCH_DB`` if set, else a SQLite file in the user's data directory."""
    configured = os.environ.get(ENV_VAR)
    if configured:
        return as_url(configured)
    import platformdirs

    folder = Path(platformdirs.user_data_dir("tierwatch", appauthor=False))
    return as_url(str(folder / "tierwatch.sqlite"))


def as_url(target: str) -> str:
    """A database URL from a URL or a plain file path."""
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix + ":memory:":
        return Path(url[len(prefix):])
    return None


def _schema_fingerprint() -> str:
    """Names of the migration files shipped: a store stamped with them needs no upgrade."""
    versions = resources.files(_MIGRATIONS).joinpath("versions")
    names = sorted(entry.name for entry in versions.iterdir() if entry.name.endswith(".py"))
    return ",".join(names)


def _builtin_fingerprint() -> str:
    from tierwatch.statements import builtin

    return builtin.fingerprint()


def _where(country: str | None, report_year: int | None, prop: str | None,
           source: str | None = None) -> tuple[str, dict[str, Any]]:
    clauses: list[str] = []
    params: dict[str, Any] = {}
    for name, value in (("country", country), ("report_year", report_year), ("prop", prop),
                        ("source", source)):
        if value is not None:
            clauses.append(f"{name} = :{name}")
            params[name] = value
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _select_statements(country: str | None, report_year: int | None, prop: str | None,
                       source: str | None = None) -> tuple[str, dict[str, Any]]:
    where, params = _where(country, report_year, prop, source)
    return f"SELECT {', '.join(COLUMNS)} FROM statements{where} {_ORDER}", params


def _statement_from_row(row: Sequence[Any]) -> Statement:
    values = dict(zip(COLUMNS, row, strict=True))
    values.pop("id")
    return Statement(**values)


def _source_from_row(row: Sequence[Any]) -> SourceInfo:
    values = dict(zip(_SOURCE_COLUMNS, row, strict=True))
    values["extra"] = json.loads(values["extra"] or "{}")
    return SourceInfo(**values)


class StatementReader(Protocol):
    """What the look-up commands need: statements and sources, sorted."""

    def statements(self, country: str | None = None, report_year: int | None = None,
                   prop: str | None = None, source: str | None = None) -> list[Statement]: ...

    def sources(self) -> list[SourceInfo]: ...

    def report_years(self, prop: str) -> list[int]: ...


class Store:
    """A knowledge-base store on one database."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine

    @property
    def url(self) -> str:
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One transaction: committed when the block ends, rolled back if it raises."""
        with self.engine.begin() as connection:
            yield connection

    def add(self, statements: Iterable[Statement], sources: Iterable[SourceInfo] = (),
            *, connection: Connection | None = None) -> int:
        """Add statements (and describe their sources); return how many were new.

        Idempotent: a statement already held only widens its first/last seen dates. Runs in
        one transaction, or inside the caller's ``connection``.
        """
        if connection is None:
            with self.transaction() as own:
                return self.add(statements, sources, connection=own)
        from tierwatch.statements import schema

        for source in sources:
            row = _source_row(source)
            exists = connection.execute(
                schema.sources.select().where(schema.sources.c.id == source.id)
            ).first()
            if exists is None:
                connection.execute(schema.sources.insert().values(**row))
            else:
                connection.execute(schema.sources.update()
                                   .where(schema.sources.c.id == source.id).values(**row))
        unique: dict[str, Statement] = {}
        for statement in statements:
            unique[statement.id] = _merge_seen(unique.get(statement.id), statement)
        if not unique:
            return 0
        held = _held(connection, list(unique))
        new_rows = []
        for statement_id, statement in unique.items():
            if statement_id in held:
                first, last = held[statement_id]
                merged = _merge_seen(replace(statement, first_seen=first, last_seen=last),
                                     statement)
                if (merged.first_seen, merged.last_seen) != (first, last):
                    connection.execute(
                        schema.statements.update()
                        .where(schema.statements.c.id == statement_id)
                        .values(first_seen=merged.first_seen, last_seen=merged.last_seen))
            else:
                new_rows.append(_statement_row(statement))
        for start in range(0, len(new_rows), 2000):
            connection.execute(schema.statements.insert(), new_rows[start:start + 2000])
        return len(new_rows)

    add_statements = add

    # -- reading -------------------------------------------------------------------------

    def statements(self, country: str | None = None, report_year: int | None = None,
                   prop: str | None = None, source: str | None = None) -> list[Statement]:
        from sqlalchemy import text

        sql, params = _select_statements(country, report_year, prop, source)
        with self.engine.connect() as connection:
            rows = connection.execute(text(sql), params).all()
        return [_statement_from_row(row) for row in rows]

    def sources(self) -> list[SourceInfo]:
        from sqlalchemy import text

        with self.engine.connect() as connection:
            rows = connection.execute(
                text(f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM sources ORDER BY id")).all()
        return [_source_from_row(row) for row in rows]

    def report_years(self, prop: str) -> list[int]:
        """The report years some statement of ``prop`` speaks of, ascending."""
        from sqlalchemy import text

        with self.engine.connect() as connection:
            rows = connection.execute(text(_YEARS_SQL), {"prop": prop}).all()
        return [int(row[0]) for row in rows]

    def count(self) -> int:
        from sqlalchemy import text

        with self.engine.connect() as connection:
            return int(connection.execute(text("SELECT COUNT(*) FROM statements")).scalar_one())

    def content_digest(self) -> str:
        """A digest of every statement and source: equal digests, equal content."""
        digest = hashlib.sha256()
        for statement in self.statements():
            digest.update(json.dumps(statement.to_dict(), sort_keys=True).encode())
        for source in self.sources():
            digest.update(json.dumps(source.to_dict(), sort_keys=True).encode())
        return digest.hexdigest()

    # -- bookkeeping ---------------------------------------------------------------------

    def state(self, name: str) -> str | None:
        from sqlalchemy import text

        with self.engine.connect() as connection:
            value = connection.execute(text("SELECT value FROM store_state WHERE name = :name"),
                                       {"name": name}).scalar()
        return None if value is None else str(value)

    def set_state(self, connection: Connection, name: str, value: str) -> None:
        from tierwatch.statements import schema

        connection.execute(schema.store_state.delete().where(schema.store_state.c.name == name))
        connection.execute(schema.store_state.insert().values(name=name, value=value))


def _merge_seen(held: Statement | None, new: Statement) -> Statement:
    if held is None:
        return new
    dates_first = [d for d in (held.first_seen, new.first_seen) if d]
    dates_last = [d for d in (held.last_seen, new.last_seen) if d]
    return replace(held, first_seen=min(dates_first) if dates_first else None,
                   last_seen=max(dates_last) if dates_last else None)


def _held(connection: Connection, ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
    from tierwatch.statements import schema

    table = schema.statements
    held: dict[str, tuple[str | None, str | None]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        rows = connection.execute(
            table.select().with_only_columns(table.c.id, table.c.first_seen, table.c.last_seen)
            .where(table.c.id.in_(chunk))).all()
        held.update({row[0]: (row[1], row[2]) for row in rows})
    return held


def _statement_row(statement: Statement) -> dict[str, Any]:
    row = statement.to_dict()
    return {name: row[name] for name in COLUMNS}


def _source_row(source: SourceInfo) -> dict[str, Any]:
    row = source.to_dict()
    row["extra"] = json.dumps(row["extra"], sort_keys=True)
    return {name: row[name] for name in _SOURCE_COLUMNS}


def open_store(url: str | None = None, *, seed: bool = True) -> Store:
    """Open (creating if needed) the store at ``url`` and bring its schema up to date.

    With ``seed`` (the default), the store is filled with the placements and waivers that
    ship with tierwatch (once per shipped version, in one transaction), so that look-ups
    answer at once. A store first opened with ``seed=False`` stays free of them.
    """
    from sqlalchemy import create_engine

    url = as_url(url) if url else default_url()
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if url.startswith("sqlite"):
            _enable_sqlite_foreign_keys(engine)
        store = Store(engine)
        _upgrade(store)
        if seed:
            _seed(store)
        elif store.state(_BUILTIN_KEY) is None:
            with store.transaction() as connection:  # a store kept free of the shipped data
                store.set_state(connection, _BUILTIN_KEY, _NO_BUILTIN)
    except TierwatchError:
        raise
    except Exception as error:  # the driver's own errors, named with the database
        raise InvalidInputError(f"database {url}: {error.__class__.__name__}: "
                                f"{str(error).splitlines()[0]}") from error
    return store


def _check_sqlite_file(path: Path) -> None:
    if path.exists() and path.is_file() and path.stat().st_size > 0:
        with path.open("rb") as handle:
            if handle.read(16) != b"SQLite format 3\x00":
                raise InvalidInputError(f"database {path}: not a SQLite database file")
    if path.exists() and path.is_dir():
        raise InvalidInputError(f"database {path}: is a folder, not a database file")


def _enable_sqlite_foreign_keys(engine: Engine) -> None:
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute("PRAGMA foreign_keys=ON")


def _upgrade(store: Store) -> None:
    from sqlalchemy import inspect

    fingerprint = _schema_fingerprint()
    if inspect(store.engine).has_table("store_state") and store.state(_SCHEMA_KEY) == fingerprint:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files(_MIGRATIONS)))
    with store.transaction() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "heads")
        store.set_state(connection, _SCHEMA_KEY, fingerprint)


def _seed(store: Store) -> None:
    """Fill an empty store from the built-in data; refresh it when a newer one ships."""
    from tierwatch.statements import builtin

    shipped = builtin.fingerprint()
    if store.state(_BUILTIN_KEY) in (shipped, _NO_BUILTIN):
        return
    sources, statements = builtin.load()
    with store.transaction() as connection:
        store.add(statements, sources, connection=connection)
        store.set_state(connection, _BUILTIN_KEY, shipped)


# -- the lean read path --------------------------------------------------------------------


class _SqliteReader:
    """Reads a current SQLite store with the standard library (fast start-up)."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)

    def statements(self, country: str | None = None, report_year: int | None = None,
                   prop: str | None = None, source: str | None = None) -> list[Statement]:
        sql, params = _select_statements(country, report_year, prop, source)
        return [_statement_from_row(row) for row in self._connection.execute(sql, params)]

    def sources(self) -> list[SourceInfo]:
        rows = self._connection.execute(
            f"SELECT {', '.join(_SOURCE_COLUMNS)} FROM sources ORDER BY id")
        return [_source_from_row(row) for row in rows]

    def report_years(self, prop: str) -> list[int]:
        return [int(row[0]) for row in self._connection.execute(_YEARS_SQL, {"prop": prop})]


def open_reader(url: str | None = None) -> StatementReader:
    """A reader on the store: the standard-library path when the store is a current SQLite
    file, else the full store (which also creates, upgrades and seeds it)."""
    url = as_url(url) if url else default_url()
    path = _sqlite_path(url)
    if path is not None and path.is_file():
        try:
            reader = _SqliteReader(path)
            state = dict(reader._connection.execute("SELECT name, value FROM store_state"))
            if (state.get(_SCHEMA_KEY) == _schema_fingerprint()
                    and state.get(_BUILTIN_KEY) in (_builtin_fingerprint(), _NO_BUILTIN)):
                return reader
        except sqlite3.Error:
            pass  # not current (or not a store yet): the full store says what is wrong
    return open_store(url)
