"""The reader's vocabulary cases as data: every YAML file under cases/ is read by the reader.

A case is a short text written for these tests, the lexicon entries it exercises
(``covers: [vocabulary.id, ...]``), and what the reading must hold: under ``expect``, keys of
``DocumentReading.to_json()`` with the value it must have; a list there holds items each of
which some item of the reading must match on the keys given (an empty list: the reading has
none); under ``reject``, items no item of the reading may match. Every entry of every
vocabulary is covered by at least one case, so a phrasing cannot be added without one.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.reading.lexicon import names, vocabulary
from tierwatch.reading.pipeline import read_text

CASES_DIR = Path(__file__).parent / "cases"


def _load() -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        for number, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8")), 1):
            cases.append((f"{path.stem}:{number}", case))
    return cases


CASES = _load()


def _matches(item: Any, wanted: Any) -> bool:
    if isinstance(wanted, dict):
        return isinstance(item, dict) and all(
            key in item and _matches(item[key], value) for key, value in wanted.items()
        )
    if isinstance(wanted, list):
        if not wanted:
            return item == []
        return isinstance(item, list) and all(
            any(_matches(got, one) for got in item) for one in wanted
        )
    return bool(item == wanted)


@pytest.mark.parametrize(("label", "case"), CASES, ids=[label for label, _ in CASES])
def test_case(label: str, case: dict[str, Any]) -> None:
    reading = read_text(case["text"], name=f"{label}.txt").to_json()
    for key, wanted in (case.get("expect") or {}).items():
        assert _matches(reading.get(key), wanted), (key, wanted, reading.get(key))
    for key, rejected in (case.get("reject") or {}).items():
        for one in rejected:
            assert not any(_matches(got, one) for got in reading.get(key) or []), (key, one)


def test_every_entry_has_a_case() -> None:
    covered = {entry for _, case in CASES for entry in case.get("covers", [])}
    known = {f"{name}.{entry}" for name in names() for entry in vocabulary(name).ids()}
    assert not known - covered, f"entries without a case: {sorted(known - covered)}"
    assert not covered - known, f"cases naming no entry: {sorted(covered - known)}"
