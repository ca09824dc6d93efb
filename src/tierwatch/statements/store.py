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
import re
import sqlite3
import time
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
           "breakdown", "claimant", "source", "locator", "excerpt", "confidence", "first_seen",
           "last_seen")
_SOURCE_COLUMNS = ("id", "title", "kind", "publisher", "address", "date", "licence", "coverage",
                   "notes", "extra")
_YEARS_SQL = ("SELECT DISTINCT report_year FROM statements WHERE prop = :prop "
              "AND report_year IS NOT NULL ORDER BY report_year")
_ORDER = ("ORDER BY country, report_year IS NULL, report_year, prop, source, locator, value, id")


# How long a writer waits for another process's lock before it gives up with one line.
LOCK_WAIT_SECONDS = 120.0
_MEMORY = ":memory:"
_MEMORY_URL = "sqlite://"


class StoreUnavailableError(TierwatchError):
    """The database cannot be opened or written (locked, read-only, full, unreachable)."""


def default_url() -> str:
    """``TIERWATCH_DB`` if set (and not blank), else a SQLite file in the user's data folder."""
    configured = os.environ.get(ENV_VAR)
    if configured is not None and configured.strip():
        return as_url(configured)
    import platformdirs

    folder = Path(platformdirs.user_data_dir("tierwatch", appauthor=False))
    return as_url(str(folder / "tierwatch.sqlite"))


def as_url(target: str) -> str:
    """A database URL from a URL or a plain file path (``:memory:``: a store in memory)."""
    if not target.strip():
        raise InvalidInputError("--db: empty database path or URL (leave it out for the "
                                "default store)")
    if target == _MEMORY:
        return _MEMORY_URL
    if "://" in target:
        return target
    return f"sqlite:///{Path(target).expanduser().resolve()}"


def _resolve_url(url: str | None) -> str:
    return default_url() if url is None else as_url(url)


def shown_url(url: str) -> str:
    """A URL fit to print: the password, if any, replaced by ***."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(url).render_as_string(hide_password=True)
    except Exception:  # an unparsable URL: hide whatever sits between ':' and '@'
        return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)


def _redact(message: str, url: str) -> str:
    from sqlalchemy.engine import make_url

    try:
        password = make_url(url).password
    except Exception:
        password = None
    message = message.replace(url, shown_url(url))
    if password:
        message = message.replace(str(password), "***")
    return message


def _sqlite_path(url: str) -> Path | None:
    prefix = "sqlite:///"
    if url.startswith(prefix) and url != prefix + _MEMORY:
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
        """The database's URL with any password hidden (for messages)."""
        return self.engine.url.render_as_string(hide_password=True)

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: committed when the block ends, rolled back if it raises.

        On SQLite it takes the write lock at its start (``BEGIN IMMEDIATE``), waiting for
        another writer as long as ``LOCK_WAIT_SECONDS``, so that two writers never
        interleave; a database that cannot be written gives one ``StoreUnavailableError``.
        """
        from sqlalchemy.exc import OperationalError

        try:
            with self.engine.connect() as connection:
                connection = connection.execution_options(tierwatch_write=True)
                with connection.begin():
                    yield connection
        except OperationalError as error:  # locked, read-only, full: not the caller's bug
            raise _unavailable(str(self.engine.url), error) from error

    def add(self, statements: Iterable[Statement], sources: Iterable[SourceInfo] = (),
            *, connection: Connection | None = None) -> int:
        """Add statements (and describe their sources); return how many were new.

        Idempotent: a statement already held only widens its first/last seen dates. Runs in
        one transaction, or inside the caller's ``connection``. Every statement is checked
        against the property registry first: one it refuses raises ``InvalidStatementError``
        before anything is written.
        """
        from tierwatch.statements.properties import check_statements

        statements = list(statements)
        check_statements(statements)
        if connection is None:
            from sqlalchemy.exc import IntegrityError

            sources = list(sources)
            for attempt in range(3):  # another process may add the same rows at once
                try:
                    with self.transaction() as own:
                        return self.add(statements, sources, connection=own)
                except IntegrityError:
                    if attempt == 2:
                        raise
            raise AssertionError("unreachable")
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


def store_clock(connection: Connection) -> str:
    """The database's own time, UTC, to the microsecond where it keeps them: one clock for
    every process on the store (decisions, tokens and the write audit stamp their rows by it)."""
    from sqlalchemy import text

    if connection.dialect.name == "postgresql":
        sql = ("SELECT to_char(clock_timestamp() AT TIME ZONE 'UTC', "
               "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')")
    else:
        sql = "SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')"
    return str(connection.execute(text(sql)).scalar_one())


def open_store(url: str | None = None, *, seed: bool = True) -> Store:
    """Open (creating if needed) the store at ``url`` and bring its schema up to date.

    With ``seed`` (the default), the store is filled with the placements and waivers that
    ship with tierwatch (once per shipped version, in one transaction), so that look-ups
    answer at once. A store first opened with ``seed=False`` stays free of them.
    """
    url = _resolve_url(url)
    path = _sqlite_path(url)
    if path is not None:
        _check_sqlite_file(path)
    try:
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        store = Store(_engine(url))
        _upgrade(store)
        if seed:
            _seed(store)
        elif store.state(_BUILTIN_KEY) is None:
            with store.transaction() as connection:  # a store kept free of the shipped data
                if _state_in(connection, _BUILTIN_KEY) is None:
                    store.set_state(connection, _BUILTIN_KEY, _NO_BUILTIN)
    except TierwatchError:
        raise
    except Exception as error:  # the driver's own errors, named with the database
        raise _unavailable(url, error) from error
    return store


def _unavailable(url: str, error: BaseException) -> StoreUnavailableError:
    """One line naming the database (password hidden) and what the driver said."""
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    detail = lines[0] if lines else cause.__class__.__name__
    lowered = detail.lower()
    if "locked" in lowered or "busy" in lowered:
        detail = (f"locked by another process for more than {LOCK_WAIT_SECONDS:.0f} s "
                  f"({detail})")
    elif "readonly" in lowered or "read-only" in lowered:
        detail = f"cannot be written: read-only file or folder ({detail})"
    elif "disk is full" in lowered or "no space" in lowered:
        detail = f"cannot be written: the disk is full ({detail})"
    elif "unable to open" in lowered:
        detail = f"cannot be opened: missing or read-only folder ({detail})"
    message = f"database {url}: {detail}"
    return StoreUnavailableError(_redact(message, url))


def _engine(url: str) -> Engine:
    from sqlalchemy import create_engine

    if not url.startswith("sqlite"):
        return create_engine(url, future=True)
    options: dict[str, Any] = {"connect_args": {"timeout": LOCK_WAIT_SECONDS}}
    if url == _MEMORY_URL:
        from sqlalchemy.pool import StaticPool

        options["poolclass"] = StaticPool  # one connection: the memory store lives in it
        options["connect_args"]["check_same_thread"] = False
    engine = create_engine(url, future=True, **options)
    _configure_sqlite(engine)
    return engine


def _configure_sqlite(engine: Engine) -> None:
    """Real transactions on SQLite: the driver's own handling commits before every DDL
    statement, so a kill during migrations would leave half a schema. Here SQLAlchemy
    emits BEGIN itself (IMMEDIATE for writes, retried while another writer holds the lock)."""
    from sqlalchemy import event

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # no implicit transactions or commits
        dbapi_connection.execute("PRAGMA foreign_keys=ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        if not connection.get_execution_options().get("tierwatch_write"):
            connection.exec_driver_sql("BEGIN")
            return
        # SQLite's busy handler waits up to the connection's timeout; a BUSY it does not wait
        # for (a lock it cannot queue on) is tried again here until the same deadline.
        deadline = time.monotonic() + LOCK_WAIT_SECONDS
        while True:
            try:
                connection.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except Exception as error:
                locked = "locked" in str(error).lower() or "busy" in str(error).lower()
                if not locked or time.monotonic() >= deadline:
                    raise
                time.sleep(0.05)


def _check_sqlite_file(path: Path) -> None:
    """Refuse a path that is a folder, not SQLite, or someone else's SQLite database."""
    if path.is_dir():
        raise InvalidInputError(f"database {path}: is a folder, not a database file")
    if not path.exists():
        return
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StoreUnavailableError(f"database {path}: cannot be read ({error.strerror})"
                                    ) from None
    if size == 0:
        return
    if header != b"SQLite format 3\x00":
        raise InvalidInputError(f"database {path}: not a SQLite database file")
    tables = _sqlite_tables(path)
    if tables and "store_state" not in tables:
        shown = ", ".join(sorted(tables)[:5])
        raise InvalidInputError(f"database {path}: a SQLite database that is not a tierwatch "
                                f"store (it holds the tables {shown}); refusing to change it")


def _sqlite_tables(path: Path) -> set[str]:
    """The tables of a SQLite file, read without changing it; a hot journal left by a writer
    that was killed (SQLITE_READONLY_ROLLBACK on a read-only open) is rolled back first, as
    any SQLite client opening the file for writing would."""
    try:
        try:
            return _table_names(f"file:{path}?mode=ro")
        except sqlite3.OperationalError as error:
            if not error.sqlite_errorname.startswith("SQLITE_READONLY"):
                raise
            return _table_names(f"file:{path}?mode=rw")
    except sqlite3.DatabaseError as error:
        raise InvalidInputError(f"database {path}: not a readable SQLite database ({error})"
                                ) from None


def _table_names(uri: str) -> set[str]:
    connection = sqlite3.connect(uri, uri=True, timeout=LOCK_WAIT_SECONDS)
    try:
        rows = connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    finally:
        connection.close()
    return {str(row[0]) for row in rows}


def _state_in(connection: Connection, name: str) -> str | None:
    from sqlalchemy import inspect, text

    if not inspect(connection).has_table("store_state"):
        return None
    value = connection.execute(text("SELECT value FROM store_state WHERE name = :name"),
                               {"name": name}).scalar()
    return None if value is None else str(value)


def _upgrade(store: Store) -> None:
    """Bring the schema up to date in one write transaction (all migrations or none).

    The check is repeated under the write lock: of several processes opening a new store
    at once, the first migrates and the others find it done."""
    from sqlalchemy import inspect

    fingerprint = _schema_fingerprint()
    if inspect(store.engine).has_table("store_state") and store.state(_SCHEMA_KEY) == fingerprint:
        return
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(resources.files(_MIGRATIONS)))
    with store.transaction() as connection:
        if _state_in(connection, _SCHEMA_KEY) == fingerprint:
            return
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
        if _state_in(connection, _BUILTIN_KEY) in (shipped, _NO_BUILTIN):
            return  # another process seeded it while this one waited for the lock
        store.add(statements, sources, connection=connection)
        store.set_state(connection, _BUILTIN_KEY, shipped)


# -- the lean read path --------------------------------------------------------------------


class _SqliteReader:
    """Reads a current SQLite store with the standard library (fast start-up)."""

    def __init__(self, path: Path) -> None:
        self._connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True,
                                           timeout=LOCK_WAIT_SECONDS)

    @property
    def sqlite_connection(self) -> sqlite3.Connection:
        """The read-only connection, for other layers' tables on the lean path (the
        decision log)."""
        return self._connection

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
    url = _resolve_url(url)
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
