"""Stored evidence as a service and a command: validated as ``assess`` validates it, kept as
canonical JSON with its digest (the same evidence, however spelled, is one document), read
back, named by decisions; on SQLite and, when a test server is named, PostgreSQL."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml
from click.testing import CliRunner, Result

from tierwatch.assessment import parse_evidence
from tierwatch.assessment.services import decide_on_evidence
from tierwatch.assessment.stored_evidence import (
    UnknownEvidenceError,
    document_digest,
    get_evidence,
    list_evidence,
    record_evidence,
)
from tierwatch.cli import cli
from tierwatch.errors import InvalidInputError
from tierwatch.statements import open_store
from tierwatch.statements.store import Store

EVIDENCE = {"country": "Cambodia", "report_year": 2026,
            "significant_efforts": {"finding": "not significant"},
            "state_policy": {"found": False}}
POSTGRES = os.environ.get("TIERWATCH_TEST_POSTGRES_URL")


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    if request.param == "sqlite":
        return open_store(str(tmp_path / "kb.sqlite"), seed=False)
    if not POSTGRES:
        pytest.skip("TIERWATCH_TEST_POSTGRES_URL not set")
    from tests.conftest import wipe_postgres

    return open_store(wipe_postgres(POSTGRES), seed=False)


def _rows(store: Store, table: str) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text(f"SELECT * FROM {table}"))]


def test_evidence_is_kept_as_one_canonical_document(store: Store) -> None:
    stored = record_evidence(store, EVIDENCE, recorded_by="Ana")
    assert stored.new and stored.intact and (stored.country, stored.report_year) == ("KHM", 2026)
    assert stored.digest == document_digest(stored.document)
    assert json.loads(stored.document)["country"] == "KHM"
    same = record_evidence(store, {**EVIDENCE, "country": "KHM",
                                   "complicity": {"officials_complicit": None}},
                           recorded_by="Ben")
    assert not same.new and same.id == stored.id and same.recorded_by == "Ana"
    assert get_evidence(store, stored.id) == stored
    assert [e.id for e in list_evidence(store, "Cambodia", 2026)] == [stored.id]
    assert list_evidence(store, "Thailand") == [] and list_evidence(store, None, 2025) == []
    with pytest.raises(UnknownEvidenceError):
        get_evidence(store, stored.id + 1)
    with pytest.raises(UnknownEvidenceError):
        get_evidence(store, 2**70)


def test_bad_evidence_is_refused_with_its_field_and_nothing_stored(store: Store) -> None:
    for bad, field in ((["not", "a", "mapping"], "expected a mapping"),
                       ({**EVIDENCE, "colour": "blue"}, "field colour"),
                       ({**EVIDENCE, "report_year": 1990}, "field report_year")):
        with pytest.raises(InvalidInputError, match=field):
            record_evidence(store, bad, recorded_by="Ana")  # type: ignore[arg-type]
    with pytest.raises(InvalidInputError, match="author"):
        record_evidence(store, EVIDENCE, recorded_by=" ")
    assert _rows(store, "evidence") == []


def test_stored_evidence_is_never_changed(store: Store) -> None:
    record_evidence(store, EVIDENCE, recorded_by="Ana")
    for sql in ("UPDATE evidence SET recorded_by = 'Eve'", "DELETE FROM evidence"):
        with pytest.raises(sa.exc.DBAPIError, match="kept as recorded"), \
                store.transaction() as connection:
            connection.execute(sa.text(sql))
    assert [row[5] for row in _rows(store, "evidence")] == ["Ana"]


def test_a_decision_names_stored_evidence_or_stores_its_own(store: Store) -> None:
    named = record_evidence(store, EVIDENCE, recorded_by="Ana")
    with pytest.raises(UnknownEvidenceError):
        decide_on_evidence(store, "KHM", 2026, "3", author="Ana", evidence_id=named.id + 9)
    with pytest.raises(InvalidInputError, match="not THA 2026"):
        decide_on_evidence(store, "THA", 2026, "3", author="Ana", evidence_id=named.id,
                           justification="x")
    assert _rows(store, "decisions") == []
    recorded = decide_on_evidence(store, "KHM", 2026, "3", author="Ana", evidence_id=named.id)
    assert recorded.decision.evidence_digest == named.digest
    assert recorded.evidence is not None and recorded.evidence.decisions == (
        recorded.decision.id,)
    own = decide_on_evidence(store, "KHM", 2026, "3", author="Ben",
                             evidence=parse_evidence(EVIDENCE), justification="again")
    assert own.evidence is not None and own.evidence.id == named.id  # the same document
    assert get_evidence(store, named.id).decisions == (recorded.decision.id,
                                                       own.decision.id)

    def failing(_connection: object, _recorded: object) -> None:
        raise RuntimeError("the audit row could not be written")

    before = (_rows(store, "decisions"), _rows(store, "evidence"))
    with pytest.raises(RuntimeError):
        decide_on_evidence(store, "KHM", 2026, "3", author="Cy", justification="x",
                           evidence=parse_evidence({**EVIDENCE, "complicity": {
                               "officials_complicit": True}}), also=failing)
    assert (_rows(store, "decisions"), _rows(store, "evidence")) == before


def _run(*args: str, db: str) -> Result:
    return CliRunner().invoke(cli, list(args), env={"TIERWATCH_DB": db})


@pytest.fixture
def evidence_file(tmp_path: Path) -> Path:
    path = tmp_path / "evidence.yaml"
    path.write_text(yaml.safe_dump(EVIDENCE), encoding="utf-8")
    return path


def test_the_evidence_commands(tmp_path: Path, evidence_file: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    open_store(db, seed=False).engine.dispose()
    added = _run("evidence", "add", str(evidence_file), "--author", "Ana", "--json", db=db)
    assert added.exit_code == 0, added.output
    stored = json.loads(added.output)
    assert stored["country"] == "KHM" and stored["evidence"]["report_year"] == 2026
    decided = _run("decide", "Cambodia", "--year", "2026", "--tier", "3", "--author", "Ana",
                   "--evidence-id", str(stored["id"]), "--json", db=db)
    assert decided.exit_code == 0, decided.output
    assert json.loads(decided.output)["evidence_digest"] == stored["digest"]
    listed = _run("evidence", "list", "--country", "KHM", "--json", db=db)
    assert [(e["id"], e["decisions"]) for e in json.loads(listed.output)] == [
        (stored["id"], [json.loads(decided.output)["id"]])]
    text = _run("evidence", "list", db=db).output
    assert f"{stored['id']}  KHM 2026  by Ana" in text and "decisions: 1" in text


@pytest.mark.parametrize(("args", "words"), [
    (("evidence", "add", "{missing}", "--author", "Ana"), "no such evidence file"),
    (("evidence", "add", "{bad}", "--author", "Ana"), "field colour"),
    (("evidence", "list", "--country", "Atlantis"), "Atlantis"),
    (("evidence", "list", "--year", "1990"), "1990"),
    (("decide", "KHM", "--year", "2026", "--tier", "3", "--author", "A", "--evidence-id",
      "7"), "evidence 7"),
    (("decide", "KHM", "--year", "2026", "--tier", "3", "--author", "A", "--evidence-id",
      "7", "--evidence", "{good}"), "not both"),
])
def test_bad_evidence_commands_are_one_error_line_and_change_nothing(
        tmp_path: Path, evidence_file: Path, args: tuple[str, ...], words: str) -> None:
    db = tmp_path / "kb.sqlite"
    open_store(str(db), seed=False).engine.dispose()
    bad = tmp_path / "bad.yaml"
    bad.write_text(yaml.safe_dump({**EVIDENCE, "colour": "blue"}), encoding="utf-8")
    places: dict[str, Callable[[], str]] = {"{missing}": lambda: str(tmp_path / "none.yaml"),
                                            "{bad}": lambda: str(bad),
                                            "{good}": lambda: str(evidence_file)}
    before = db.read_bytes()
    result = _run(*[places[a]() if a in places else a for a in args], db=str(db))
    assert result.exit_code == 2, result.output
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and words in lines[0]
    assert db.read_bytes() == before
