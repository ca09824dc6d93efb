"""Locators: one typed place per statement, read back from the stored text byte for byte
(ids derive from it), described for people, refused with one message when malformed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.errors import InvalidInputError
from tierwatch.reading.pipeline import read_text
from tierwatch.reading.statements import to_statements
from tierwatch.statements import builtin, locator
from tierwatch.statements.locator import Cell, Field, Row, Span, order_key, parse

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "locators.yaml").read_text("utf-8"))
KINDS = {"Row": Row, "Cell": Cell, "Span": Span, "Field": Field}


def _value(case: dict[str, Any]) -> locator.Locator:
    fields = {key: tuple(value) if isinstance(value, list) else value
              for key, value in case["fields"].items()}
    made: locator.Locator = KINDS[case["kind"]](**fields)
    return made


@pytest.mark.parametrize("case", CASES["good"], ids=lambda case: case["text"])
def test_a_stored_text_reads_back_as_its_place_and_writes_the_same_text(
        case: dict[str, Any]) -> None:
    place = parse(case["text"])
    assert place == _value(case)
    assert str(place) == case["text"]
    assert parse(str(_value(case))) == _value(case)
    assert place.describe(case.get("of")) == case["described"]


@pytest.mark.parametrize("case", CASES["bad"], ids=lambda case: case["why"])
def test_a_malformed_text_is_refused_naming_it_and_the_forms(case: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError) as refused:
        parse(case["text"])
    message = str(refused.value)
    assert repr(case["text"]) in message and "\n" not in message
    assert "row N" in message or "ends before" in message


def test_places_that_cannot_be_written_are_not_made() -> None:
    for make in (lambda: Row(0), lambda: Cell(1, " x"), lambda: Cell(1, ""),
                 lambda: Span(9, 3), lambda: Field(("figures",))):
        with pytest.raises(ValueError):
            make()


def test_every_shipped_statement_reads_back_to_its_own_text() -> None:
    _sources, statements = builtin.load()
    assert statements
    kinds = set()
    for statement in statements:
        place = statement.place
        assert str(place) == statement.locator and parse(str(place)) == place
        kinds.add(type(place))
    assert kinds == {Row, Cell}


def test_every_claim_the_reader_makes_is_a_character_span() -> None:
    reading = read_text("Phnom Penh, June 25, 2024. The 2024 Trafficking in Persons Report "
                        "kept Cambodia on Tier 2 Watch List. The report said the government "
                        "convicted 44 traffickers in 2023, while the Foreign Ministry said it "
                        "convicted 300.", "article.txt")
    statements = to_statements(reading)
    assert statements
    for statement in statements:
        assert isinstance(statement.place, Span)
        assert str(statement.place) == statement.locator
        assert statement.place.start < statement.place.end <= len(reading.text)


def test_rows_sort_by_number_and_an_older_stores_text_sorts_last() -> None:
    texts = ["row 10", "chars 20-30", "KHM 2019", "row 9, p3_total", "row 9", "chars 3-40"]
    assert sorted(texts, key=order_key) == ["chars 3-40", "chars 20-30", "row 9",
                                            "row 9, p3_total", "row 10", "KHM 2019"]


def test_the_report_describes_places_for_people() -> None:
    from tierwatch.reports.render import place_label

    assert place_label("chars 120-188") == "characters 120-188"
    assert place_label("row 4, Convictions") == "row 4, column Convictions"
    assert place_label("KHM 2019") == "KHM 2019"  # an older store's text, shown as it is


def test_an_export_with_a_malformed_locator_names_the_statement(tmp_path: Path) -> None:
    from tierwatch.sources.export_file import read_export_file

    source = {"id": "a-list", "title": "A list", "kind": "dataset"}
    statement = {"country": "KHM", "report_year": 2020, "prop": "tier", "value": "Tier 2",
                 "claimant": "TIP report", "source": "a-list", "locator": "row 1"}
    path = tmp_path / "export.json"
    path.write_text(json.dumps({"sources": [source], "statements": [
        statement, {**statement, "locator": "line twelve"}]}), "utf-8")
    with pytest.raises(InvalidInputError, match=r"export.json statement 2: locator "
                                                r"'line twelve' is not a place"):
        read_export_file(path)
