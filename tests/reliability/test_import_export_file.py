"""Importing another store's JSON export: every field checked, one error line, store unchanged."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from tests.reliability.conftest import one_error_line, run

from tierwatch.statements import SourceInfo, Statement, open_store

SOURCE = {"id": "a-list", "title": "A list", "kind": "dataset", "publisher": None,
          "address": None, "date": "2020-05", "licence": None, "coverage": None, "notes": None,
          "extra": {}}


def _good() -> dict[str, Any]:
    tier = Statement(country="KHM", report_year=2020, prop="tier", value="Tier 2",
                     claimant="TIP report", source="a-list", locator="row 1")
    figure = Statement(country="KHM", report_year=2020, prop="convictions", value="6618",
                       unit="people", claimant="TIP report", source="a-list", locator="row 2")
    return {"sources": [dict(SOURCE)], "statements": [tier.to_dict(), figure.to_dict()]}


def _edit(change: Callable[[dict[str, Any]], object]) -> dict[str, Any]:
    payload = copy.deepcopy(_good())
    change(payload)
    for row in payload["statements"]:
        if isinstance(row, dict):
            row.pop("id", None)  # the check must name the field, not only the id
    return payload


def _set(index: int, key: str, value: object) -> Callable[[dict[str, Any]], object]:
    return lambda payload: payload["statements"][index].__setitem__(key, value)


BAD: dict[str, tuple[Callable[[dict[str, Any]], object], str]] = {
    "list for an object": (lambda p: p["statements"].__setitem__(0, ["KHM"]), "an object"),
    "object for the list": (lambda p: p.__setitem__("statements", {}), "must be a list"),
    "report year text": (_set(0, "report_year", "abc"), "report_year"),
    "report year 2099": (_set(0, "report_year", 2099), "2099"),
    "report year true": (_set(0, "report_year", True), "report_year"),
    "country ZZZ": (_set(0, "country", "ZZZ"), "ZZZ"),
    "country by name": (_set(0, "country", "Cambodia"), "country"),
    "tier 9": (_set(0, "value", "Tier 9"), "Tier 9"),
    "value null": (_set(0, "value", None), "'value'"),
    "value number": (_set(0, "value", 2), "'value'"),
    "superscript figure": (_set(1, "value", "6618²"), "6618²"),
    "figure word": (_set(1, "value", "many"), "many"),
    "confidence 7": (_set(0, "confidence", 7), "confidence"),
    "confidence NaN": (_set(0, "confidence", float("nan")), "confidence"),
    "unknown field": (_set(0, "colour", "red"), "colour"),
    "missing claimant": (lambda p: p["statements"][0].pop("claimant"), "claimant"),
    "control character": (_set(0, "claimant", "TIP\x1b[2J"), "control"),
    "bad date": (_set(0, "first_seen", "yesterday"), "first_seen"),
    "unknown source": (_set(0, "source", "nowhere"), "nowhere"),
    "source twice": (lambda p: p["sources"].append(dict(SOURCE)), "twice"),
    "source kind": (lambda p: p["sources"][0].__setitem__("kind", "rumour"), "rumour"),
    "source extra list": (lambda p: p["sources"][0].__setitem__("extra", []), "extra"),
    "no sources": (lambda p: p.__setitem__("sources", []), "no source"),
    "waiver maybe": (_set(0, "prop", "waiver"), "waiver"),
    "locator of no known form": (_set(0, "locator", "line 1"), "'line 1'"),
    "locator row 0": (_set(0, "locator", "row 0"), "locator 'row 0'"),
    "span ending before its start": (_set(1, "locator", "chars 9-3"), "ends before"),
}


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "kb.sqlite")
    open_store(path, seed=False).engine.dispose()
    return path


@pytest.mark.parametrize("case", sorted(BAD))
def test_a_malformed_export_is_one_error_and_stores_nothing(case: str, db: str,
                                                            tmp_path: Path) -> None:
    change, named = BAD[case]
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_edit(change)), encoding="utf-8")
    line = one_error_line(run("import", str(path), "--db", db))
    assert named in line and "export.json" in line
    assert open_store(db, seed=False).count() == 0


def test_a_good_export_round_trips(db: str, tmp_path: Path) -> None:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(_good()), encoding="utf-8")
    result = run("import", str(path), "--db", db)
    assert result.exit_code == 0, result.output
    store = open_store(db, seed=False)
    assert store.count() == 2
    assert store.sources() == [SourceInfo(**SOURCE)]  # type: ignore[arg-type]
    again = tmp_path / "again.json"
    assert run("export", "--format", "json", "-o", str(again), "--db", db).exit_code == 0
    key = sorted  # the export orders rows its own way
    exported = json.loads(again.read_text())["statements"]
    assert key(map(json.dumps, exported)) == key(
        json.dumps({name: row[name] for name in exported[0]}) for row in _good()["statements"])


def test_the_shipped_store_exports_and_imports_clean(tmp_path: Path) -> None:
    source = str(tmp_path / "full.sqlite")
    exported = tmp_path / "full.json"
    assert run("export", "--format", "json", "-o", str(exported), "--db", source).exit_code == 0
    target = str(tmp_path / "copy.sqlite")
    open_store(target, seed=False).engine.dispose()
    result = run("import", str(exported), "--db", target)
    assert result.exit_code == 0, result.output
    assert open_store(target, seed=False).count() == open_store(source).count()
