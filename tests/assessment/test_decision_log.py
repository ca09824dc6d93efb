"""The decision log counts and cannot be rewritten (issue 11 rows 8-9, issue 12 item 10).

A decision for an open report year enters the clock, what-if, country view, country report
and exports as a decision (author, justification), apart from the published record; one
that contradicts a published year needs --against-record and says so; the log is
append-only where SQLite allows it and hash-chained so that what the database lets through
is detected; ``recorded_at`` is the store's clock; free text is never printed raw. The same
on PostgreSQL when TIERWATCH_TEST_POSTGRES_URL names a test server."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa

from tierwatch.assessment import DecisionRefused, decisions, record_decision
from tierwatch.assessment.log import verify_chain
from tierwatch.law import Tier, parse_history
from tierwatch.statements import open_store
from tierwatch.statements.store import Store

HISTORY = parse_history("2022:2 2023:2 2024:2WL 2025:2WL", strict=False)


def _cli(*args: str, db: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "tierwatch.cli", *args], capture_output=True,
                            text=True, check=False, env={**os.environ, "TIERWATCH_DB": str(db)})
    if check:
        assert result.returncode == 0, result.stderr
    return result


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A shipped store with Nepal's decisions: 2026 on the watch list with a waiver, and
    2020 Tier 3 against the published record (Tier 2)."""
    db = tmp_path_factory.mktemp("log") / "kb.sqlite"
    refused = _cli("decide", "Nepal", "--year", "2020", "--tier", "3", "--author", "X",
                   "--justification", "y", db=db, check=False)
    assert refused.returncode == 2
    assert refused.stderr.startswith("error: decision Tier 3 for 2020 contradicts the "
                                     "published record (Tier 2)")
    assert "--against-record" in refused.stderr and len(refused.stderr.splitlines()) == 1
    _cli("decide", "Nepal", "--year", "2026", "--tier", "2WL", "--waiver", "--author",
         "Analyst A", "--justification", "a written plan with resources", db=db)
    _cli("decide", "Nepal", "--year", "2020", "--tier", "3", "--author", "Reviewer B",
         "--justification", "the record understates complicity", "--against-record", db=db)
    return db


def test_a_decision_against_the_record_is_marked_wherever_it_is_shown(seeded: Path) -> None:
    listed = _cli("decisions", "Nepal", db=seeded).stdout
    assert "2020 Tier 3 by Reviewer B" in listed and "AGAINST THE PUBLISHED RECORD" in listed
    country = _cli("country", "Nepal", db=seeded).stdout
    assert "decision 2: 2020 Tier 3 by Reviewer B" in country
    assert "AGAINST THE PUBLISHED RECORD" in country
    assert "  2020  Tier 2 " in country  # the published record is unchanged
    agreeing = _cli("decide", "Nepal", "--year", "2021", "--tier", "2", "--author", "X",
                    "--justification", "y", "--against-record", db=seeded, check=False)
    assert agreeing.returncode == 2 and "does not contradict" in agreeing.stderr


@pytest.mark.parametrize(("args", "ending"), [
    (("Nepal", "--year", "2020", "--tier", "3", "--justification", "y"),
     "; to record it as a decision against the record, give --against-record"),
    (("Nepal", "--year", "2021", "--tier", "2", "--justification", "y", "--against-record"),
     "; leave out --against-record"),
    (("Nepal", "--year", "2026", "--tier", "2WL", "--justification", "y"),
     "; to record it with a waiver, give --waiver"),
    (("Nepal", "--year", "2026", "--tier", "1", "--waiver", "--justification", "y"),
     "; leave out --waiver"),
    (("Nepal", "--year", "2026", "--tier", "2"), "; give --justification"),
    (("Nepal", "--year", "2026", "--tier", "special", "--justification", "y"),
     "error: --tier 'special': expected 1, 2, 2WL or 3"),  # the input at fault leads
])
def test_a_refusal_names_the_flag_to_give(seeded: Path, args: tuple[str, ...],
                                          ending: str) -> None:
    """The service words no flag; the command line names its own, and only flags it has."""
    from click.testing import CliRunner

    from tierwatch.cli import cli

    result = CliRunner().invoke(cli, ["decide", *args, "--author", "X", "--db", str(seeded)])
    assert result.exit_code == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.rstrip("\n").endswith(ending), result.stderr
    decide = cli.commands["decide"]
    offered = {opt for param in decide.params for opt in getattr(param, "opts", ())}
    named = {word.rstrip(",;:") for word in result.stderr.split() if word.startswith("--")}
    assert named <= offered, named - offered


def test_a_decision_for_an_open_year_enters_the_clock_and_what_if(seeded: Path) -> None:
    clock = _cli("clock", "--country", "Nepal", "--year", "2027", db=seeded).stdout
    assert "with decision 1: 2026 Tier 2 Watch List with a waiver by Analyst A" in clock
    assert "Consecutive Tier 2 Watch List years before 2027: 3 (2024-2026)." in clock
    assert "Tier 3 is forced in 2027" in clock
    whatif = json.loads(_cli("whatif", "Nepal", "--assume", "2027=2", "--json",
                             db=seeded).stdout)
    assert [d["id"] for d in whatif["decisions"]] == [1]
    assert whatif["history"].endswith("2025:2WL 2026:2WL+waiver 2027:2")
    country = _cli("country", "Nepal", db=seeded).stdout
    assert "With the decisions for 2026: next report (2027): Tier 3 forced in 2027" in country


def test_decisions_reach_the_country_report_and_the_exports(seeded: Path, tmp_path: Path
                                                            ) -> None:
    report = tmp_path / "n.md"
    _cli("report", "Nepal", "--year", "2026", "--format", "md", "-o", str(report), db=seeded)
    text = report.read_text(encoding="utf-8")
    assert ("- Decided placement (an analyst's decision, not the published record): Tier 2 "
            "Watch List with a waiver, decision 1 by Analyst A") in text
    assert "AGAINST THE PUBLISHED RECORD: the record understates complicity" in text
    exported = tmp_path / "x.json"
    _cli("export", "--format", "json", "-o", str(exported), db=seeded)
    log = json.loads(exported.read_text(encoding="utf-8"))["decisions"]
    assert [(d["report_year"], d["author"], d["against_record"]) for d in log] == [
        (2026, "Analyst A", False), (2020, "Reviewer B", True)]
    copy = tmp_path / "copy.sqlite"
    _cli("export", "--format", "sqlite", "-o", str(copy), db=seeded)
    copied = decisions(open_store(str(copy), seed=False))
    assert [d.entry_hash for d in copied] == [d["entry_hash"] for d in log]
    assert verify_chain(copied).intact


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(str(tmp_path / "kb.sqlite"), seed=False)


def _decide(store: Store, author: str = "a", year: int = 2026) -> None:
    record_decision(store, HISTORY, country="NPL", report_year=year, tier=Tier.WATCH_LIST,
                    waiver=True, justification="plan", author=author)


def test_sqlite_refuses_replace_and_unchained_inserts(store: Store, tmp_path: Path) -> None:
    _decide(store)
    _decide(store, "b")
    before = decisions(store)
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection:
        for sql in ("REPLACE INTO decisions (id, country, report_year, tier, waiver, author, "
                    "recorded_at, previous_hash, entry_hash) VALUES (1, 'NPL', 2026, 'Tier 1', "
                    "0, 'z', 'x', 'p', 'h')",
                    "INSERT OR REPLACE INTO decisions SELECT * FROM decisions WHERE id = 2",
                    "INSERT INTO decisions (country, report_year, tier, waiver, author, "
                    "recorded_at) VALUES ('NPL', 2026, 'Tier 1', 0, 'z', 'x')",
                    "UPDATE decisions SET tier = 'Tier 1'", "DELETE FROM decisions"):
            with pytest.raises(sqlite3.DatabaseError, match="append-only"):
                connection.execute(sql)
    assert decisions(store) == before
    assert verify_chain(before).intact


def test_a_change_behind_the_triggers_is_found_by_verify(store: Store, tmp_path: Path) -> None:
    for author in ("a", "b", "c"):
        _decide(store, author)
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection:
        connection.execute("DROP TRIGGER decisions_no_update")
        connection.execute("UPDATE decisions SET author = 'someone else' WHERE id = 2")
    check = verify_chain(decisions(store))
    assert (check.intact, check.broken_at, check.entries) == (False, 2, 1)
    result = _cli("decisions", "--verify", db=tmp_path / "kb.sqlite", check=False)
    assert result.returncode == 1
    assert "hash chain BROKEN at decision 2: decision 2: its content does not match its " \
           "hash" in result.stdout


def test_the_api_refuses_back_dated_times_and_unknown_countries(store: Store) -> None:
    with pytest.raises(DecisionRefused, match="recorded_at: set by the store's own clock"):
        record_decision(store, HISTORY, country="NPL", report_year=2026, tier=Tier.TIER_2,
                        waiver=False, justification="x", author="a",
                        recorded_at="2001-01-01T00:00:00Z")
    with pytest.raises(DecisionRefused, match="country 'ZZZ'"):
        record_decision(store, HISTORY, country="ZZZ", report_year=2026, tier=Tier.TIER_2,
                        waiver=False, justification="x", author="a")
    assert decisions(store) == []
    _decide(store)
    (entry,) = decisions(store)
    with store.engine.connect() as connection:
        now = connection.execute(sa.text("SELECT strftime('%Y-%m-%dT%H:%M:%fZ', 'now')")
                                 ).scalar_one()
    assert entry.recorded_at <= now and entry.recorded_at[:10] == now[:10]


def test_escape_codes_in_free_text_are_never_printed_raw(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    store = open_store(str(db), seed=False)
    record_decision(store, HISTORY, country="NPL", report_year=2026, tier=Tier.WATCH_LIST,
                    waiver=True, justification="line one\nline two\x07", author="\x1b[31mred")
    listed = _cli("decisions", "Nepal", db=db).stdout
    assert "\x1b" not in listed and "\x07" not in listed
    assert "\\x1b[31mred" in listed and "line one\\nline two\\x07" in listed
    assert len(listed.splitlines()) == 1


POSTGRES = os.environ.get("TIERWATCH_TEST_POSTGRES_URL")


@pytest.mark.skipif(not POSTGRES, reason="TIERWATCH_TEST_POSTGRES_URL not set")
def test_postgresql_refuses_truncate_and_rewrites_and_chains_the_log() -> None:
    assert POSTGRES is not None
    from tests.conftest import wipe_postgres

    store = open_store(wipe_postgres(POSTGRES), seed=False)  # every table of every branch
    _decide(store)
    _decide(store, "b")
    for sql in ("TRUNCATE decisions", "UPDATE decisions SET tier = 'Tier 1'",
                "DELETE FROM decisions",
                "INSERT INTO decisions (id, country, report_year, tier, waiver, author, "
                "recorded_at, previous_hash, entry_hash) VALUES (1, 'NPL', 2026, 'Tier 1', "
                "false, 'z', 'x', 'p', 'h') ON CONFLICT (id) DO UPDATE SET tier = 'Tier 1'",
                "INSERT INTO decisions (id, country, report_year, tier, waiver, author, "
                "recorded_at, previous_hash, entry_hash) VALUES (3, 'NPL', 2026, 'Tier 1', "
                "false, 'z', 'x', 'p', 'h')"):
        with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.transaction() as c:
            c.execute(sa.text(sql))
    log = decisions(store)
    assert [d.author for d in log] == ["a", "b"] and verify_chain(log).intact
    assert log[0].recorded_at.endswith("Z") and log[0].recorded_at <= log[1].recorded_at
    with store.transaction() as connection:
        connection.execute(sa.text("ALTER TABLE decisions DISABLE TRIGGER USER"))
        connection.execute(sa.text("DELETE FROM decisions WHERE id = 1"))
        connection.execute(sa.text("ALTER TABLE decisions ENABLE TRIGGER USER"))
    check = verify_chain(decisions(store))
    assert (check.intact, check.broken_at) == (False, 2)
    store.engine.dispose()
