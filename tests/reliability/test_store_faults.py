"""The store under faults: kills during its first open, someone else's database, a store in
memory, a locked, read-only or full database, concurrent openers and writers, PostgreSQL
passwords. Each runs the real command (a child process where a kill or a race is the point)."""

from __future__ import annotations

import contextlib
import sqlite3
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from tests.reliability.conftest import (
    one_error_line,
    remount_read_only,
    run,
    start,
    tierwatch,
)

from tierwatch.errors import TierwatchError
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.store import StoreUnavailableError


def _tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as connection:
        return {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_kill_during_the_first_open_never_leaves_a_broken_store(tmp_path: Path) -> None:
    """Killed at several moments of its migrations and seeding, the next open works."""
    for number, delay in enumerate((0.6, 1.2)):
        db = tmp_path / f"kill{number}.sqlite"
        child = start("country", "Cambodia", "--db", str(db))
        time.sleep(delay)
        child.kill()
        child.wait()
        again = run("country", "Cambodia", "--db", str(db))
        assert again.exit_code == 0, again.output
        assert "Cambodia (KHM)" in again.stdout


def test_someone_elses_sqlite_file_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite"
    with sqlite3.connect(db) as connection:
        connection.execute("create table statements(x)")
    before = db.read_bytes()
    line = one_error_line(run("country", "Cambodia", "--db", str(db)))
    assert "not a tierwatch store" in line and str(db) in line
    assert db.read_bytes() == before and _tables(db) == {"statements"}


def test_memory_and_empty_database_names_are_clear(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    from click.testing import CliRunner

    from tierwatch.cli import cli

    memory = CliRunner(env={"TIERWATCH_DB": ":memory:"}).invoke(cli, ["country", "Cambodia"])
    assert memory.exit_code == 0 and "Cambodia (KHM)" in memory.stdout
    assert not (tmp_path / ":memory:").exists()
    line = one_error_line(run("country", "Cambodia", "--db", ""))
    assert "--db: empty" in line
    store = open_store(":memory:", seed=False)
    assert store.count() == 0


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    db = tmp_path / "race.sqlite"
    code = ("import sys; from tierwatch.statements import open_store; "
            f"open_store({str(db)!r}, seed=False).count()")
    children = [start("-c", code) for _ in range(3)]
    errors = [child.communicate(timeout=180)[1] for child in children]
    assert [child.returncode for child in children] == [0] * 3, errors
    assert "store_state" in _tables(db)


def _statement(writer: int, row: int) -> Statement:
    return Statement(country="KHM", report_year=2001 + row % 20, prop="tier", value="Tier 2",
                     claimant="test", source=f"writer-{writer}", locator=f"row {row}")


def test_eight_writers_on_one_store_lose_and_duplicate_nothing(tmp_path: Path) -> None:
    db = str(tmp_path / "writers.sqlite")
    open_store(db, seed=False).engine.dispose()
    shared = SourceInfo(id="shared-source", title="Written by every writer", kind="dataset")

    def write(writer: int) -> int:
        store = open_store(db, seed=False)
        own = SourceInfo(id=f"writer-{writer}", title=f"writer {writer}", kind="dataset")
        added = 0
        for batch in range(5):
            rows = [_statement(writer, batch * 20 + i) for i in range(20)]
            added += store.add(rows, [own, shared])
        store.engine.dispose()
        return added

    with ThreadPoolExecutor(8) as pool:
        added = list(pool.map(write, range(8)))
    store = open_store(db, seed=False)
    assert added == [100] * 8
    assert store.count() == 800
    assert len({s.id for s in store.statements()}) == 800
    assert len(store.sources()) == 9


def test_a_locked_store_is_waited_for(tmp_path: Path) -> None:
    db = tmp_path / "locked.sqlite"
    open_store(str(db), seed=False).engine.dispose()
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with ThreadPoolExecutor(1) as pool:
            later = pool.submit(lambda: open_store(str(db), seed=False).add(
                [_statement(1, 1)], [SourceInfo(id="writer-1", title="w", kind="dataset")]))
            time.sleep(1.5)  # longer than nothing: the writer must still be waiting
            assert not later.done()
            holder.execute("COMMIT")
            assert later.result(timeout=60) == 1
    finally:
        holder.close()


def test_a_store_locked_for_too_long_is_one_error(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from tierwatch.statements import store as store_module

    db = tmp_path / "held.sqlite"
    monkeypatch.setattr(store_module, "LOCK_WAIT_SECONDS", 0.5)
    store = open_store(str(db), seed=False)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreUnavailableError, match="locked by another process"):
            store.add([_statement(1, 1)], [SourceInfo(id="writer-1", title="w", kind="dataset")])
    finally:
        holder.close()
    assert store.count() == 0


def test_a_read_only_store_is_one_error_and_unchanged(small_disk: Path, tmp_path: Path) -> None:
    db = small_disk / "kb.sqlite"
    open_store(str(db), seed=False).engine.dispose()
    before = db.read_bytes()
    remount_read_only(small_disk)
    article = tmp_path / "a.txt"
    article.write_text("Cambodia was placed on Tier 3 in the 2023 report.\n", encoding="utf-8")
    line = one_error_line(run("read", str(article), "--store", "--db", str(db)))
    assert "read-only" in line
    line = one_error_line(run("decide", "Cambodia", "--year", "2024", "--tier", "2",
                                    "--justification", "test", "--author", "t", "--db", str(db)))
    assert "read-only" in line
    assert db.read_bytes() == before
    line = one_error_line(run("country", "Cambodia", "--db", str(small_disk / "n.sqlite")))
    assert "cannot be opened" in line


def test_a_full_disk_is_one_error(small_disk: Path, tmp_path: Path) -> None:
    with (small_disk / "filler").open("wb", buffering=0) as filler, \
            contextlib.suppress(OSError):
        while True:
            filler.write(b"\0" * 65536)
    line = one_error_line(run("country", "Cambodia", "--db", str(small_disk / "kb.sqlite")))
    assert "disk is full" in line
    article = tmp_path / "a.txt"
    article.write_text("Cambodia was placed on Tier 3 in the 2023 report.\n", encoding="utf-8")
    report = small_disk / "r.md"
    line = one_error_line(run("report", "Cambodia", "--year", "2022", "--format", "md", "-o",
                              str(report), "--db", str(tmp_path / "kb.sqlite")))
    assert "disk is full" in line and not report.exists()


def test_a_closed_postgresql_port_hides_the_password() -> None:
    url = "postgresql+psycopg://tw:s3cret-pass@127.0.0.1:1/none"
    line = one_error_line(tierwatch("country", "Cambodia", "--db", url))
    assert "s3cret-pass" not in line and "***" in line
    with pytest.raises(TierwatchError) as raised:
        open_store(url)
    assert "s3cret-pass" not in str(raised.value)


def test_a_kill_during_import_stores_all_or_nothing(tmp_path: Path, tip_data_dir: Path) -> None:
    """Killed while importing, the store holds either nothing of the import or all of it: a
    second import then adds nothing (all) or the count is the one before (nothing)."""
    db = tmp_path / "import.sqlite"
    open_store(str(db), seed=False).engine.dispose()
    child = start("import", str(tip_data_dir), "--db", str(db))
    time.sleep(2.5)
    child.kill()
    child.wait()
    store = open_store(str(db), seed=False)
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    held = store.count()
    again = run("import", str(tip_data_dir), "--db", str(db))
    assert again.exit_code == 0, again.output
    if held:
        assert "stored 0 new statements" in again.stdout


def test_a_store_left_with_a_hot_journal_opens_and_rolls_back(tmp_path: Path) -> None:
    """A writer killed mid-transaction leaves a hot journal; a read-only open cannot roll it
    back (SQLITE_READONLY_ROLLBACK): the store must open anyway, as it was before."""
    db = tmp_path / "kb.sqlite"
    store = open_store(str(db), seed=False)
    before = store.count()
    store.engine.dispose()
    crash = (
        "import os, signal, sqlite3, sys\n"
        "c = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "c.execute('PRAGMA journal_mode=DELETE'); c.execute('PRAGMA cache_size=1')\n"
        "c.execute('BEGIN IMMEDIATE'); c.execute('CREATE TABLE filler (x TEXT)')\n"
        "for i in range(2000): c.execute('INSERT INTO filler VALUES (?)', ('x' * 500,))\n"
        "os.kill(os.getpid(), signal.SIGKILL)\n")
    subprocess.run([sys.executable, "-c", crash, str(db)], check=False)
    assert Path(f"{db}-journal").stat().st_size > 0  # the journal is hot
    reopened = open_store(str(db), seed=False)
    assert reopened.count() == before
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {row[0] for row in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert "filler" not in tables
