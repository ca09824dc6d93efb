"""Proposal cases as data (cases/*.yaml): evidence and history in, the proposed tier out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.assessment import parse_evidence, propose
from tierwatch.law import parse_history

CASES = sorted((Path(__file__).parent / "cases").glob("*.yaml"))


@pytest.mark.parametrize("path", CASES, ids=[p.stem for p in CASES])
def test_proposal_case(path: Path) -> None:
    case: dict[str, Any] = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert case["citation"]
    evidence = parse_evidence(case["evidence"], origin=path.name)
    proposal = propose(evidence, parse_history(case["history"], strict=False))
    expect = case["expect"]
    assert str(proposal.on_efforts) == expect["on_efforts"]
    assert str(proposal.tier) == expect["tier"]
    assert proposal.waiver_requested is expect["waiver"]
    if "lawful" in expect:
        assert proposal.lawful_placements == expect["lawful"]
    if "missing_contains" in expect:
        assert expect["missing_contains"] in proposal.missing
    assert all(step.citation for step in proposal.steps)


def test_there_are_cases() -> None:
    assert len(CASES) >= 5
