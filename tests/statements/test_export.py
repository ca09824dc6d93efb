"""Exports: every statement with its source, the same bytes for the same store."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.exporting import export
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
