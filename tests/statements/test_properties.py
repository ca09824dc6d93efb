"""The property registry: one vocabulary for every statement, checked on every write, and a
figure's part kept as its breakdown (never folded into the property's name)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.reliability.conftest import one_error_line, run

from tierwatch.reading.figures import QUANTITIES
from tierwatch.reading.lexicon import vocabulary
from tierwatch.statements import SourceInfo, Statement, builtin, model, open_store
from tierwatch.statements.properties import (
    InvalidStatementError,
    check_statements,
    figure_label,
    registry,
    split_breakdown,
)

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "property_values.yaml").read_text(
    encoding="utf-8"))
SOURCE = SourceInfo(id="a-test", title="A test", kind="document")


def _figure(prop: str = "arrests", value: str = "290", **extra: Any) -> Statement:
    fields: dict[str, Any] = {"locator": "chars 0-20", **extra}
    return Statement(country="KHM", report_year=2020, prop=prop, value=value,
                     claimant="TIP report", source="a-test", **fields)


@pytest.mark.parametrize("case", CASES, ids=[case["prop"] for case in CASES])
def test_each_property_takes_its_values_and_refuses_others(case: dict[str, Any]) -> None:
    found = registry()[case["prop"]]
    assert [value for value in case["ok"] if not found.accepts(value)] == []
    assert [value for value in case["refused"] if found.accepts(value)] == []


def test_every_property_has_cases_of_both_kinds() -> None:
    covered = {case["prop"] for case in CASES if case["ok"] and case["refused"]}
    assert covered == set(registry())
    for entry in registry().values():
        assert entry.meaning.endswith(".") and len(entry.meaning) < 120, entry.name


def test_the_names_code_uses_are_registered() -> None:
    named = {model.TIER, model.WAIVER, model.PREVIOUS_TIER, model.MOVE, model.SPEAKER_STANCE,
             *model.P3_SCORES, model.P3_TOTAL, model.REPORT_RELEASED}
    assert named <= set(registry())


def test_every_quantity_the_reader_can_emit_is_a_registered_count() -> None:
    lexicons = ("quantity_verbs", "quantity_nouns", "count_verbs")
    emitted = set(QUANTITIES) | {entry.value for name in lexicons
                                 for entry in vocabulary(name).entries}
    kinds = {name: registry()[name].type for name in emitted if name in registry()}
    assert set(kinds) == emitted, emitted - set(kinds)
    assert set(kinds.values()) == {"count"}


def test_the_shipped_statements_pass_and_fold_no_part_into_a_name() -> None:
    _, statements = builtin.load()
    check_statements(statements)
    assert all(split_breakdown(s.prop) is None for s in statements)
    parts = {(s.prop, s.breakdown) for s in statements if s.breakdown is not None}
    assert parts == {("prosecutions", "labour"), ("convictions", "labour"),
                     ("victims identified", "labour")}


def test_every_import_of_the_public_data_passes(tip_data_dir: Path) -> None:
    from tierwatch.sources import read_folder

    for batch in read_folder(tip_data_dir):
        check_statements(batch.statements)


def test_a_refused_statement_stores_nothing_and_names_where_it_comes_from(
        tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    good = _figure()
    with pytest.raises(InvalidStatementError) as refused:
        store.add([good, _figure("arrests for rape", "182", locator="chars 30-40")], [SOURCE])
    message = str(refused.value)
    assert "a-test (chars 30-40)" in message and "'arrests for rape'" in message
    assert "property 'arrests', breakdown 'for rape'" in message  # the fix, named
    with pytest.raises(InvalidStatementError, match=r"'convictions' value '2\.5' is not a "
                                                    "whole number"):
        store.add([_figure("convictions", "2.5")], [SOURCE])
    with pytest.raises(InvalidStatementError, match="did you mean 'convictions'"):
        store.add([_figure("convictons", "3")], [SOURCE])
    with pytest.raises(InvalidStatementError, match="has no breakdown"):
        store.add([_figure("tier", "Tier 2", breakdown="labour")], [SOURCE])
    assert store.count() == 0 and store.sources() == []
    assert store.add([good, _figure(value="182", breakdown="for rape")], [SOURCE]) == 2


def test_the_breakdown_is_part_of_the_id_and_only_when_set() -> None:
    whole, part = _figure(value="182"), _figure(value="182", breakdown="for rape")
    assert whole.id != part.id and whole.id == _figure(value="182", breakdown=None).id
    # ids of statements without a breakdown are as they were before the field (computed
    # by the version before it)
    assert _figure().id == "55ed4ff0beed3bb5e76a72f8f3635e39"
    assert figure_label("convictions", "labour") == "convictions (labour)"


def test_cli_import_of_an_export_with_an_unknown_property_is_one_error(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    open_store(db, seed=False).engine.dispose()
    rows = [_figure().to_dict(), {**_figure("convictons", "4").to_dict(), "id": None}]
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"sources": [SOURCE.to_dict()], "statements": rows}),
                    encoding="utf-8")
    line = one_error_line(run("import", str(path), "--db", db))
    assert "export.json statement 2" in line and "'convictons'" in line
    assert open_store(db, seed=False).count() == 0


def test_an_export_made_before_breakdowns_imports_split(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    open_store(db, seed=False).engine.dispose()
    old = _figure("convictions (labour)", "470").to_dict()  # its id as the old store made it
    old.pop("breakdown")
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"sources": [SOURCE.to_dict()], "statements": [old]}),
                    encoding="utf-8")
    result = run("import", str(path), "--db", db)
    assert result.exit_code == 0, result.output
    (held,) = open_store(db, seed=False).statements()
    assert (held.prop, held.breakdown, held.id) == (
        "convictions", "labour", _figure("convictions", "470", breakdown="labour").id)
    altered = {**old, "value": "471"}
    path.write_text(json.dumps({"sources": [SOURCE.to_dict()], "statements": [altered]}),
                    encoding="utf-8")
    assert "altered" in one_error_line(run("import", str(path), "--db", db))


def test_properties_command_lists_the_registry() -> None:
    result = run("properties")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert len(lines) == 1 + len(registry())
    assert any(line.startswith("  waiver: ") and "one of granted" in line
               and "7107(b)(2)(D)(ii)" in line for line in lines)
    listed = json.loads(run("properties", "--json").output)
    assert [entry["name"] for entry in listed] == list(registry())
    assert listed[0]["values"][:2] == ["Tier 1", "Tier 2"]


def test_statements_command_filters_and_prints_the_breakdown(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    open_store(db, seed=False).add(
        [_figure(), _figure(value="182", breakdown="for rape", locator="chars 30-40")],
        [SOURCE])
    shown = run("statements", "--db", db, "--breakdown", "for rape")
    assert shown.exit_code == 0, shown.output
    assert shown.output.splitlines()[1:] == [
        "  KHM 2020 arrests [for rape] = 182 (TIP report; a-test chars 30-40)"]
    page = json.loads(run("statements", "--db", db, "--json").output)
    assert [row["breakdown"] for row in page["statements"]] == [None, "for rape"]


def test_the_readers_parts_are_breakdowns_and_every_claim_it_makes_is_registered(
        tmp_path: Path) -> None:
    from tierwatch.reading.pipeline import read_text
    from tierwatch.reading.statements import document_info, to_statements

    reading = read_text("Nepal's government said police arrested 120 suspects: 70 for forced "
                        "labour and 50 for sexual exploitation. The report kept Nepal on Tier 2 "
                        "in the 2024 report, and 263 victims were identified and 240 of these "
                        "referred to shelters.")
    statements = to_statements(reading)
    check_statements(statements)
    arrests = [(s.prop, s.breakdown, s.value) for s in statements if s.prop == "arrests"]
    assert arrests == [("arrests", None, "120"), ("arrests", "for forced labour", "70"),
                       ("arrests", "for sexual exploitation", "50")]
    assert all(split_breakdown(s.prop) is None for s in statements)
    store = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    assert store.add(statements, [document_info(reading)]) == len(statements)
