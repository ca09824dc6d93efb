"""Exports: every statement with its source, the same bytes for the same store."""

from __future__ import annotations

import csv
import json
from collections.abc import Mapping, Sequence
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from tierwatch.cli import cli
from tierwatch.errors import InvalidInputError
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.exporting import export, read_contents
from tierwatch.statements.store import Store


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    source = SourceInfo(id="s", title="S", kind="dataset", date="2017-08")
    store.add([
        Statement(country="KHM", report_year=year, prop="tier", value=value,
                  claimant="TIP report", source="s", locator=f"row {n}").seen("2017-08")
        for n, (year, value) in enumerate([(2013, "Tier 2 Watch List"), (2014, "Tier 2 Watch List"),
                                          (2003, "Tier 2")], start=1)], [source])
    return store


@pytest.mark.parametrize("fmt", ["csv", "json", "parquet"])
def test_two_exports_are_byte_identical(store: Store, tmp_path: Path, fmt: str) -> None:
    first, second = tmp_path / f"a.{fmt}", tmp_path / f"b.{fmt}"
    export(store, fmt, first)
    export(store, fmt, second)
    assert first.read_bytes() == second.read_bytes()


def test_csv_and_json_carry_source_and_place(store: Store, tmp_path: Path) -> None:
    export(store, "csv", tmp_path / "kb.csv")
    rows = list(csv.DictReader((tmp_path / "kb.csv").open(encoding="utf-8")))
    assert [r["report_year"] for r in rows] == ["2003", "2013", "2014"]
    places = {(r["source"], r["locator"], r["claimant"]) for r in rows}
    assert ("s", "row 3", "TIP report") in places
    export(store, "json", tmp_path / "kb.json")
    payload = json.loads((tmp_path / "kb.json").read_text())
    assert payload["sources"][0]["id"] == "s" and len(payload["statements"]) == 3


def test_parquet_and_sqlite_round_trip(store: Store, tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    export(store, "parquet", tmp_path / "kb.parquet")
    table = pq.read_table(tmp_path / "kb.parquet")
    assert table.num_rows == 3 and table.column("value").to_pylist()[0] == "Tier 2"
    export(store, "sqlite", tmp_path / "copy.sqlite")
    copy = open_store(str(tmp_path / "copy.sqlite"), seed=False)
    assert copy.statements() == store.statements()
    with pytest.raises(InvalidInputError, match="exists already"):
        export(store, "sqlite", tmp_path / "copy.sqlite")


def test_a_json_export_imports_into_another_store(store: Store, tmp_path: Path) -> None:
    from tierwatch.sources import read_source

    export(store, "json", tmp_path / "kb.json")
    batch = read_source(tmp_path / "kb.json")
    other = open_store(str(tmp_path / "other.sqlite"), seed=False)
    assert other.add(batch.statements, batch.sources) == 3
    assert other.statements() == store.statements()
    assert other.sources() == store.sources()
    payload = json.loads((tmp_path / "kb.json").read_text())
    payload["statements"][0]["value"] = "Tier 1"  # altered, its id no longer matches
    (tmp_path / "altered.json").write_text(json.dumps(payload))
    with pytest.raises(InvalidInputError, match="does not match its content"):
        read_source(tmp_path / "altered.json")


EVIDENCE = {"country": "KHM", "report_year": 2026,
            "significant_efforts": {"finding": "not significant"},
            "state_policy": {"found": False}}


@pytest.fixture
def with_evidence(store: Store) -> Store:
    """The store with one stored evidence document and a decision that names it."""
    from tierwatch.assessment.services import decide_on_evidence
    from tierwatch.assessment.stored_evidence import record_evidence

    stored = record_evidence(store, EVIDENCE, recorded_by="Ana Analyst")
    decide_on_evidence(store, "KHM", 2026, "3", author="Ana Analyst",
                       justification="no significant efforts", evidence_id=stored.id)
    return store


def _export_cli(store: Store, *args: str) -> Result:
    return CliRunner().invoke(cli, ["export", *args, "--db", str(store.engine.url)])


def _stored(store: Store) -> list[dict[str, object]]:
    from tierwatch.assessment.stored_evidence import list_evidence

    return [{"id": e.id, "country": e.country, "report_year": e.report_year,
             "document": e.document, "digest": e.digest, "recorded_by": e.recorded_by,
             "recorded_at": e.recorded_at} for e in list_evidence(store)]


def _evidence_part(parts: Sequence[Mapping[str, object]]) -> Mapping[str, object]:
    return next(part for part in parts if part["part"] == "evidence")


def test_a_sqlite_export_leaves_evidence_out_and_says_so(with_evidence: Store,
                                                         tmp_path: Path) -> None:
    from tierwatch.assessment.log import decisions
    from tierwatch.assessment.stored_evidence import list_evidence

    result = _export_cli(with_evidence, "--format", "sqlite", "-o", str(tmp_path / "x.sqlite"))
    assert result.exit_code == 0, result.output
    assert ("stored evidence left out (1 document; it may be sensitive): --include-evidence "
            "puts it in") in result.stdout
    copy = open_store(str(tmp_path / "x.sqlite"), seed=False)
    assert list_evidence(copy) == []
    assert [d.evidence_digest for d in decisions(copy)] == [_stored(with_evidence)[0]["digest"]]
    parts = read_contents("sqlite", tmp_path / "x.sqlite")
    assert [part["part"] for part in parts] == ["sources", "statements", "decisions", "evidence",
                                                "api_tokens", "write_audit"]
    evidence = _evidence_part(parts)
    assert (evidence["included"], evidence["rows"], evidence["stored"]) == (False, 0, 1)
    assert "sensitive" in str(evidence["note"]) and "--include-evidence" in str(evidence["note"])
    assert "evidence left out of this export" in str(parts[2]["note"])
    assert {(p["part"], p["rows"]) for p in parts[:2]} == {("sources", 1), ("statements", 3)}


def test_include_evidence_copies_it_as_stored(with_evidence: Store, tmp_path: Path) -> None:
    import hashlib

    from tierwatch.assessment.log import decisions

    result = _export_cli(with_evidence, "--format", "sqlite", "-o", str(tmp_path / "x.sqlite"),
                         "--include-evidence")
    assert result.exit_code == 0, result.output
    assert "with the stored evidence: 1 document (--include-evidence)" in result.stdout
    copy = open_store(str(tmp_path / "x.sqlite"), seed=False)
    exported = _stored(copy)
    assert exported == _stored(with_evidence)  # id, document, digest, who and when
    document, digest = str(exported[0]["document"]), exported[0]["digest"]
    assert hashlib.sha256(document.encode("utf-8")).hexdigest() == digest
    assert decisions(copy)[0].evidence_digest == digest
    evidence = _evidence_part(read_contents("sqlite", tmp_path / "x.sqlite"))
    assert (evidence["included"], evidence["rows"], evidence["stored"]) == (True, 1, 1)


def test_the_json_export_says_the_same(with_evidence: Store, tmp_path: Path) -> None:
    from tierwatch.sources import read_source

    assert _export_cli(with_evidence, "--format", "json", "-o", str(tmp_path / "a.json")
                       ).exit_code == 0
    plain = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))
    assert "evidence" not in plain
    assert _evidence_part(plain["contents"])["stored"] == 1
    assert _evidence_part(plain["contents"])["included"] is False
    result = _export_cli(with_evidence, "--format", "json", "-o", str(tmp_path / "b.json"),
                         "--include-evidence")
    assert result.exit_code == 0, result.output
    full = json.loads((tmp_path / "b.json").read_text(encoding="utf-8"))
    assert full["evidence"] == _stored(with_evidence)
    assert full["decisions"][0]["evidence_digest"] == full["evidence"][0]["digest"]
    _export_cli(with_evidence, "--format", "sqlite", "-o", str(tmp_path / "c.sqlite"),
                "--include-evidence")
    assert full["contents"] == read_contents("sqlite", tmp_path / "c.sqlite")
    batch = read_source(tmp_path / "b.json")  # still an export another store imports
    assert len(batch.statements) == 3


@pytest.mark.parametrize("fmt", ["csv", "parquet", "builtin", "panel-csv", "stata"])
def test_include_evidence_with_a_statements_only_format_is_refused(
        with_evidence: Store, tmp_path: Path, fmt: str) -> None:
    target = tmp_path / "out"
    result = _export_cli(with_evidence, "--format", fmt, "-o", str(target), "--include-evidence")
    assert result.exit_code == 2
    assert result.stderr == (f"error: --include-evidence: --format {fmt} holds statements only; "
                             "evidence goes into --format json or sqlite\n")
    assert not target.exists()
