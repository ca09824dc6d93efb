"""Legal test cases as data, one file per provision (cases/automatic_downgrade.yaml, ...):
every case runs through the engine.

A case names a country, a history, a report year, the expected clock and lawful placements,
and the rule id that must fire with exactly the citation it names (the statutory section of
the firing's citation, read from statute.yaml; not a substring of all citations). ``what_if``
entries change the report year's placement and judge it again (the engine's what-if path);
``errors.yaml`` holds histories the CLI refuses, with the text the error must contain.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.errors import InvalidInputError
from tierwatch.law import (
    LawOptions,
    PlacementHistory,
    PlacementYear,
    check_placement,
    evaluate_year,
    parse_history,
)
from tierwatch.law.history import TIER_CODES

CASES_DIR = Path(__file__).parent / "cases"


def _load(kind: str) -> list[tuple[str, dict[str, Any]]]:
    cases: list[tuple[str, dict[str, Any]]] = []
    for path in sorted(CASES_DIR.glob("*.yaml")):
        is_errors = path.name == "errors.yaml"
        if (kind == "errors") != is_errors:
            continue
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            cases.append((f"{path.stem}: {case['name']}", case))
    return cases


LAW_CASES = _load("law")
ERROR_CASES = _load("errors")


def _history(case: dict[str, Any]) -> PlacementHistory:
    history = parse_history(case["history"], strict=case.get("strict", True))
    unknown_waivers = set(case.get("waiver_unknown", []))
    if unknown_waivers:
        history = PlacementHistory(
            PlacementYear(p.year, p.tier, None if p.year in unknown_waivers else p.waiver)
            for p in history
        )
    return history


def test_there_are_enough_cases() -> None:
    assert len(LAW_CASES) >= 40
    assert len(ERROR_CASES) >= 10


def test_cases_are_grouped_by_provision() -> None:
    """Each file is named after a provision module of tierwatch.law, whose rules it tests."""
    import importlib

    for path in CASES_DIR.glob("*.yaml"):
        if path.name != "errors.yaml":
            module = importlib.import_module(f"tierwatch.law.{path.stem}")
            assert module.__doc__ and f"cases/{path.name}" in module.__doc__, path.name


@pytest.mark.parametrize("case", [c for _, c in LAW_CASES], ids=[i for i, _ in LAW_CASES])
def test_legal_case(case: dict[str, Any]) -> None:
    options = LawOptions(**case.get("options", {}))
    history = _history(case)
    evaluation = evaluate_year(history, case["report_year"],
                               state_policy=case.get("state_policy", False), options=options)
    result = evaluation.to_dict()
    for key, expected in case["expect"].items():
        assert key in result, f"unknown expectation key {key!r}"
        assert result[key] == expected, f"{key}: got {result[key]!r}, expected {expected!r}"
    fired = {(firing["rule"], firing["citation"].split(",")[0])
             for firing in result["explanation"]}
    assert (case["rule"], case["citation"]) in fired, (
        f"{case['rule']} did not fire with {case['citation']!r}; fired: {sorted(fired)}")
    assert evaluation.sentences(), "every answer explains itself"
    for change in case.get("what_if", []):
        code, _, waiver = change["placement"].partition("+")
        changed = history.with_year(
            PlacementYear(case["report_year"], TIER_CODES[code], waiver == "waiver")
        )
        check = check_placement(changed, case["report_year"], options,
                                state_policy=case.get("state_policy", False))
        assert (check.verdict, check.rule) == (change["verdict"], change["rule"]), (
            f"what if {change['placement']}: {check.verdict} by {check.rule}: {check.reason}"
        )


@pytest.mark.parametrize("case", [c for _, c in ERROR_CASES], ids=[i for i, _ in ERROR_CASES])
def test_refused_history(case: dict[str, Any]) -> None:
    with pytest.raises(InvalidInputError) as caught:
        parse_history(case["history"])
    message = str(caught.value)
    assert case["error"] in message
    assert "\n" not in message
