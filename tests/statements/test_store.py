"""The store: idempotent adds, one transaction per write, the schema, the fast read path."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.statements import SourceInfo, Statement, open_reader, open_store
from tierwatch.statements.store import Store

SOURCE = SourceInfo(id="test-list", title="A test list", kind="dataset", date="2020-05-01",
                    extra={"complete_years": "2020"})


def _statement(year: int, value: str, locator: str = "row 1", **extra: object) -> Statement:
    return Statement(country="KHM", report_year=year, prop="tier", value=value,
                     claimant="TIP report", source="test-list", locator=locator, **extra)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(str(tmp_path / "kb.sqlite"), seed=False)


def test_adding_the_same_statements_twice_changes_nothing(store: Store) -> None:
    statements = [_statement(2019, "Tier 2 Watch List").seen("2020-05-01"),
                  _statement(2020, "Tier 2 Watch List", "row 2").seen("2020-05-01")]
    assert store.add(statements, [SOURCE]) == 2
    digest = store.content_digest()
    assert store.add(statements, [SOURCE]) == 0
    assert store.content_digest() == digest
    assert store.count() == 2


def test_seen_dates_widen_and_never_come_from_the_clock(store: Store) -> None:
    store.add([_statement(2019, "Tier 2").seen("2020-05-01")], [SOURCE])
    store.add([_statement(2019, "Tier 2").seen("2018-01-01")])
    store.add([_statement(2019, "Tier 2").seen("2023-03-03")])
    (held,) = store.statements(country="KHM")
    assert (held.first_seen, held.last_seen) == ("2018-01-01", "2023-03-03")


def test_the_id_derives_from_the_content() -> None:
    first = _statement(2019, "Tier 2")
    assert first.id == _statement(2019, "Tier 2").id
    assert first.id != _statement(2019, "Tier 3").id
    assert first.id != _statement(2019, "Tier 2", "row 2").id
    assert first.id == first.seen("2001-01-01").id  # dates are not identity


def test_a_failed_transaction_leaves_the_store_as_it_was(store: Store) -> None:
    store.add([_statement(2019, "Tier 2")], [SOURCE])
    digest = store.content_digest()
    with pytest.raises(RuntimeError), store.transaction() as connection:
        store.add([_statement(2020, "Tier 3", "row 9")], connection=connection)
        raise RuntimeError("interrupted")
    assert store.content_digest() == digest
    assert store.count() == 1


def test_the_schema_is_alembic_at_every_head(store: Store, tmp_path: Path) -> None:
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection:
        versions = {row[0] for row in connection.execute("SELECT version_num FROM alembic_version")}
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "a003_evidence" in versions  # the assessment branch, which depends on 0001
    assert {"statements", "sources", "store_state", "decisions", "evidence"} <= tables
    reopened = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    assert reopened.count() == 0


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_text("these are notes, not a database\n")
    with pytest.raises(InvalidInputError, match="not a SQLite database"):
        open_store(str(path))
    assert path.read_text() == "these are notes, not a database\n"


def test_the_fast_reader_answers_like_the_store(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "kb.sqlite"))  # seeded: the reader's condition
    store.add([_statement(2019, "Tier 2", excerpt="a line"), _statement(2020, "Tier 3", "row 2")],
              [SOURCE])
    reader = open_reader(str(tmp_path / "kb.sqlite"))
    assert type(reader).__name__ == "_SqliteReader"
    assert reader.statements(country="KHM") == store.statements(country="KHM")
    assert reader.sources() == store.sources()
    assert reader.report_years("tier") == store.report_years("tier")


def test_a_statement_needs_its_source_and_place() -> None:
    with pytest.raises(ValueError, match="locator"):
        Statement(country="KHM", report_year=2019, prop="tier", value="Tier 2",
                  claimant="TIP report", source="x", locator="")
