"""The commands are thin: each prints its service's answer. ``--json`` is the typed answer's
``to_dict()`` on the same store, the text is made from the same answer, and the writing
commands go through the one import service."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tierwatch.assessment.services import country_page
from tierwatch.placements import audit, conflicts, year_view
from tierwatch.placements.services import (
    clock_for_history,
    coverage_stats,
    law_in_force,
    source_list,
    transition_stats,
)
from tierwatch.statements import open_reader, open_store
from tierwatch.statements.importing import Batch, import_batches
from tierwatch.statements.query import query_statements

Invoke = Callable[..., Result]


def _json(invoke: Invoke, *args: str) -> object:
    result = invoke(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_json_is_the_answer_of_the_service(db: str, invoke: Invoke) -> None:
    reader = open_reader(db)
    cases = {
        ("country", "Cambodia", "--db", db): country_page(reader, "Cambodia").to_dict(),
        ("year", "2024", "--db", db): year_view(reader, 2024).to_dict(),
        ("conflicts", "--db", db): [c.to_dict() for c in conflicts(reader)],
        ("audit", "--db", db): audit(reader).to_dict(),
        ("sources", "--db", db): source_list(reader),
        ("stats", "coverage", "--db", db): coverage_stats(reader),
        ("stats", "transitions", "--db", db): transition_stats(reader).to_dict(),
        ("law", "--year", "2010"): law_in_force(2010).to_dict(),
        ("clock", "--history", "2021:2WL 2022:2WL", "--year", "2023"):
            clock_for_history("2021:2WL 2022:2WL", 2023).to_dict(),
    }
    for args, expected in cases.items():
        assert _json(invoke, *args) == json.loads(json.dumps(expected)), args


def test_the_answers_say_what_the_store_holds(db: str) -> None:
    reader = open_reader(db)
    page = country_page(reader, "KHM")
    tiers = {row["report_year"]: row["tier"] for row in page.profile.placements}
    assert tiers[2024] == "Tier 3" and tiers[2023] == "Tier 2 Watch List"
    assert [c.report_year for c in page.profile.conflicts] == [2024]
    assert sorted(page.profile.conflicts[0].values) == ["Tier 2 Watch List", "Tier 3"]
    view = year_view(reader, 2024)
    assert [entry["country"] for entry in view.downgrades] == ["Cambodia"]
    assert [entry["country"] for entry in view.upgrades] == ["Thailand"]
    assert [entry["code"] for entry in view.forced_downgrades] == ["KHM"]  # 3 WL years
    coverage = {row["report_year"]: row for row in coverage_stats(reader)}
    assert coverage[2024]["stated"] == 2


def test_statements_are_paged_and_filtered(db: str, invoke: Invoke) -> None:
    reader = open_reader(db)
    first = query_statements(reader, prop="tier", limit=4)
    assert (first.count, len(first.statements), first.next_offset) == (7, 4, 4)
    rest = query_statements(reader, prop="tier", offset=first.next_offset or 0, limit=4)
    assert len(rest.statements) == 3 and rest.next_offset is None
    assert {s.id for s in first.statements}.isdisjoint(s.id for s in rest.statements)
    claimed = query_statements(reader, claimant="Government of Cambodia")
    assert [(s.prop, s.value) for s in claimed.statements] == [("convictions", "12")]
    shown = _json(invoke, "statements", "--country", "Cambodia", "--year", "2024", "--db", db)
    assert isinstance(shown, dict) and shown["count"] == 3
    assert shown["filters"] == {"country": "KHM", "year": 2024}
    for bad in (("--limit", "0"), ("--limit", "1001"), ("--country", "Atlantis"),
                ("--year", "1999")):
        refused = invoke("statements", *bad, "--db", db)
        assert refused.exit_code == 2 and refused.output.startswith("error: "), bad
        assert len(refused.output.strip().splitlines()) == 1, bad


def test_the_import_service_is_one_transaction_and_idempotent(tmp_path: Path,
                                                             case_batch: Batch) -> None:
    store = open_store(str(tmp_path / "import.sqlite"), seed=False)
    batch = case_batch
    first = import_batches(store, [batch], skipped=["notes.txt"])
    assert (first.new, first.statements, first.skipped) == (8, 8, ("notes.txt",))
    assert first.batches[0].sources == ("case-lists", "case-copy")
    again = import_batches(store, [batch, batch])
    assert again.new == 0 and store.count() == 8
    store.engine.dispose()


def test_import_reads_every_file_before_storing_any(tmp_path: Path, invoke: Invoke) -> None:
    db = tmp_path / "kb.sqlite"
    open_store(str(db), seed=False).engine.dispose()
    before = db.read_bytes()
    unknown = tmp_path / "notes.csv"
    unknown.write_text("a,b\n1,2\n", encoding="utf-8")
    refused = invoke("import", str(unknown), str(tmp_path / "missing.csv"), "--db", str(db))
    assert refused.exit_code == 2 and refused.output.startswith("error: ")
    assert db.read_bytes() == before


def test_read_store_goes_through_the_import_service(tmp_path: Path, invoke: Invoke) -> None:
    db = str(tmp_path / "read.sqlite")
    open_store(db, seed=False).engine.dispose()
    article = tmp_path / "article.txt"
    article.write_text("Cambodia was downgraded to Tier 3 in the State Department's 2024 "
                       "Trafficking in Persons report, released on Monday.\n", encoding="utf-8")
    stored = invoke("read", str(article), "--store", "--db", db)
    assert stored.exit_code == 0, stored.output
    assert "new) from 1 document(s)" in stored.output
    reader = open_reader(db)
    held = query_statements(reader, country="KHM", prop="tier")
    assert held.count >= 1
    kinds = {source.id: source.kind for source in reader.sources()}
    assert {kinds[s.source] for s in held.statements} == {"document"}
    again = invoke("read", str(article), "--store", "--db", db)
    assert "(0 new)" in again.output


@pytest.mark.parametrize("args", [("stats", "transitions", "--from", "2020", "--to", "2010"),
                                  ("stats", "regions", "1990"), ("clock", "--year", "2020"),
                                  ("template", "Atlantis", "--year", "2024")])
def test_bad_input_is_refused_before_the_store_is_opened(tmp_path: Path, invoke: Invoke,
                                                         args: tuple[str, ...]) -> None:
    db = tmp_path / "never.sqlite"
    refused = invoke(*args, "--db", str(db))
    assert refused.exit_code == 2 and refused.output.startswith("error: "), refused.output
    assert not db.exists()
