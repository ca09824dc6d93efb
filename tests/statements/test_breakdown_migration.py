"""A store made before breakdowns had their own field: the migration splits the part out of
the property's name and gives each such statement the id it has now (SQLite, and PostgreSQL
where TIERWATCH_TEST_POSTGRES_URL is set)."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

import pytest
import sqlalchemy as sa
from tests.conftest import wipe_postgres

from tierwatch.statements import Statement, open_reader, open_store
from tierwatch.statements.properties import counted

_BEFORE = ("0001_statements", "a002_decision_chain", "k001_access")  # the heads before 0002
_OLD_SCHEMA = "0001_statements.py,a001_decisions.py,a002_decision_chain.py,k001_access.py"
_OLD_COLUMNS = ("id", "country", "report_year", "prop", "value", "unit", "qualifier", "period",
                "claimant", "source", "locator", "excerpt", "confidence", "first_seen",
                "last_seen")


def _old(prop: str, value: str, locator: str, **extra: str) -> Statement:
    """A statement as the version before wrote it (its id has no breakdown part)."""
    return Statement(country="WLD", report_year=2012, prop=prop, value=value,
                     claimant="TIP report", source="global-law-enforcement", locator=locator,
                     **extra)


OLD = [_old("convictions (labour)", "470", "row 9, Convictions (Labor)", unit="people",
            period="2011", first_seen="2017-08", last_seen="2017-08"),
       _old("arrests for rape", "182", "chars 40-58"),
       _old("convictions", "4746", "row 9, Convictions", unit="people", period="2011")]


def _store_of_the_version_before(url: str) -> None:
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location",
                           str(resources.files("tierwatch.statements.migrations")))
    engine = sa.create_engine(url)
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        for head in _BEFORE:
            command.upgrade(config, head)
        for statement in OLD:
            row = statement.to_dict()
            connection.execute(sa.text(
                f"INSERT INTO statements ({', '.join(_OLD_COLUMNS)}) VALUES "
                f"({', '.join(':' + name for name in _OLD_COLUMNS)})"),
                {name: row[name] for name in _OLD_COLUMNS})
        connection.execute(sa.text("INSERT INTO store_state (name, value) VALUES "
                                   "('schema', :schema), ('builtin', 'none')"),
                           {"schema": _OLD_SCHEMA})
    engine.dispose()


def _check_migrated(url: str) -> None:
    store = open_store(url, seed=False)
    held = {(s.prop, s.breakdown, s.value): s for s in store.statements()}
    assert set(held) == {("convictions", "labour", "470"), ("arrests", "for rape", "182"),
                         ("convictions", None, "4746")}
    labour = held[("convictions", "labour", "470")]
    assert (labour.first_seen, labour.unit, labour.period) == ("2017-08", "people", "2011")
    now = [Statement.from_dict({**old.to_dict(), **split})
           for old, split in zip(OLD, ({"prop": "convictions", "breakdown": "labour"},
                                       {"prop": "arrests", "breakdown": "for rape"}, {}),
                                 strict=True)]
    assert {s.id for s in held.values()} == {s.id for s in now}
    assert held[("convictions", None, "4746")].id == OLD[2].id  # a whole figure keeps its id
    assert store.add(now) == 0  # importing or reading the same again adds nothing
    assert {(s.prop, s.breakdown) for s in open_reader(url).statements()} == {
        (s.prop, s.breakdown) for s in now}
    store.engine.dispose()


def test_a_sqlite_store_of_the_version_before_is_split(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    _store_of_the_version_before(url)
    _check_migrated(url)


def test_the_migration_splits_with_the_registrys_counted_properties() -> None:
    import importlib.util

    path = Path(str(resources.files("tierwatch.statements.migrations"))) / "versions" / (
        "0002_breakdown.py")
    spec = importlib.util.spec_from_file_location("migration_0002", path)
    assert spec is not None and spec.loader is not None
    migration = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(migration)
    assert set(migration._COUNTED) <= set(counted())  # frozen then: each still registered
    assert migration.split("victims identified (labour)") == ("victims identified", "labour")
    assert migration.split("victims identified") is None
    assert migration.split("3p total") is None
    folded = {**OLD[1].to_dict(), "prop": "arrests", "breakdown": "for rape"}
    assert migration.statement_id(folded) == Statement.from_dict(folded).id  # the same id


POSTGRES = os.environ.get("TIERWATCH_TEST_POSTGRES_URL")


@pytest.mark.skipif(not POSTGRES, reason="TIERWATCH_TEST_POSTGRES_URL not set")
def test_a_postgresql_store_of_the_version_before_is_split() -> None:
    assert POSTGRES is not None
    url = wipe_postgres(POSTGRES)
    _store_of_the_version_before(url)
    _check_migrated(url)
