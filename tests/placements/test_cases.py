"""Record cases as data: deduced placements and the clock on them (cases/deduced.yaml, on the
shipped record) and sources that claim a complete list falsely (cases/false_completeness.yaml,
on invented statements)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.law import evaluate_year
from tierwatch.placements import all_records, country_record
from tierwatch.placements.knowledge import list_index, placement_row
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.store import Store

CASES = Path(__file__).parent / "cases"


def _cases(name: str) -> list[dict[str, Any]]:
    return list(yaml.safe_load((CASES / name).read_text(encoding="utf-8")))


DEDUCED = _cases("deduced.yaml")
FALSE_COMPLETE = _cases("false_completeness.yaml")


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Store:
    return open_store(str(tmp_path_factory.mktemp("shipped") / "kb.sqlite"))


@pytest.mark.parametrize("case", DEDUCED, ids=[c["name"] for c in DEDUCED])
def test_record_case(case: dict[str, Any], shipped: Store) -> None:
    record = country_record(shipped, case["country"])
    year = case["report_year"]
    expect = dict(case.get("expect", {}))
    lists = expect.pop("deduced_lists", None)
    if expect:
        row = placement_row(record, year)
        for key, value in expect.items():
            assert row[key] == value, f"{key}: {row[key]!r}"
    if lists is not None:
        deduced = record.deduction(year)
        assert deduced is not None
        assert sorted([item.source, str(item.tier)] for item in deduced.lists) == sorted(lists)
    if "clock" in case:
        result = evaluate_year(record.history, year).to_dict()
        for key, value in case["clock"].items():
            assert result[key] == value, f"clock {key}: {result[key]!r}"


def _store(tmp_path: Path, case: dict[str, Any]) -> Store:
    store = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    sources = []
    for entry in case["sources"]:
        extra = {"priority": str(entry["priority"])}
        if "complete" in entry:
            extra["complete"] = json.dumps({str(y): t for y, t in entry["complete"].items()})
        sources.append(SourceInfo(id=entry["id"], title=entry["id"], kind="transcription",
                                  extra=extra))
    statements = [Statement(country=country, report_year=year, prop="tier", value=tier,
                            claimant="TIP report", source=source, locator=f"row {number}")
                  for number, (source, country, year, tier) in enumerate(case["statements"], 1)]
    store.add(statements, sources)
    return store


@pytest.mark.parametrize("case", FALSE_COMPLETE, ids=[c["name"] for c in FALSE_COMPLETE])
def test_false_completeness(case: dict[str, Any], tmp_path: Path) -> None:
    store = _store(tmp_path, case)
    flags = [[f.source, f.report_year, str(f.tier), f.country] for f in list_index(store).flags]
    assert flags == case["expect"]["flags"]
    records = all_records(store)
    for key, possible in case["expect"]["deduced"].items():
        code, year = key.split()
        deduced = records[code].deduction(int(year))
        assert deduced is not None, key
        assert sorted(str(t) for t in deduced.possible) == sorted(possible)
        assert all(item.source != f[0] or item.tier != f[2]
                   for item in deduced.lists for f in flags)
