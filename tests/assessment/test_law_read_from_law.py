"""The law an assessment weighs lives in tierwatch.law (issue 11, "all of the law in law/"):
assessment/ holds no citation of its own, reads the criteria, factors, thresholds and the
kinds of policy or pattern from the law's dated provisions, and the law has one list of
those kinds."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tierwatch.assessment import parse_evidence, propose
from tierwatch.assessment.evidence import CRITERIA, FACTORS, STANDARDS
from tierwatch.assessment.template import evidence_template
from tierwatch.errors import InvalidInputError
from tierwatch.law import POLICY_OR_PATTERN_KINDS, parse_history
from tierwatch.law import assessment_law as law

ASSESSMENT = Path(__file__).parents[2] / "src" / "tierwatch" / "assessment"
CITATION = re.compile(r"§|U\.S\.C\.|\b710[67]\(|P\.L\. ")


def _code_strings(path: Path) -> list[str]:
    """String constants of a module that are not docstrings."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                  if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef)
                  and node.body and isinstance(node.body[0], ast.Expr)
                  and isinstance(node.body[0].value, ast.Constant)}
    return [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant)
            and isinstance(node.value, str) and id(node) not in docstrings]


@pytest.mark.parametrize("path", sorted(ASSESSMENT.glob("*.py")), ids=lambda p: p.name)
def test_no_citation_literal_is_left_in_assessment(path: Path) -> None:
    assert [text for text in _code_strings(path) if CITATION.search(text)] == []


def test_the_standards_criteria_and_factors_are_the_laws() -> None:
    assert list(STANDARDS) == [item.id for item in law.minimum_standards()]
    assert {name: first for name, (first, _c, _t) in CRITERIA.items()} == {
        item.id: item.first for item in law.criteria()}
    assert law.criteria_in_force(2013) == [name for name in CRITERIA if name != "c09_partnerships"]
    assert "c09_partnerships" in law.criteria_in_force(2014)
    assert law.factors_in_force(2018) == list(FACTORS)[:3]
    assert all(law.cited(name, 2026).startswith("TVPA") for name in (
        "minimum_standards", "criteria", "data_presumption", "waiver_conditions"))


def test_the_thresholds_are_the_laws_dates() -> None:
    assert (law.watch_list_from(), law.policy_or_pattern_from()) == (2004, 2019)
    assert law.commitments_clause(2018) and not law.commitments_clause(2019)
    assert not law.proportional_actions_asked(2018) and law.proportional_actions_asked(2019)
    assert law.concrete_actions_only(2019) and not law.concrete_actions_only(2018)
    assert law.data_presumption(2003) is None and law.data_presumption(2004) is not None


def _evidence(year: int, **fields: object) -> dict[str, object]:
    return {"country": "Kenya", "report_year": year,
            "standards": {"serious_sustained_efforts": {"finding": "not met"}},
            "significant_efforts": {"finding": "significant"}, "state_policy": {"found": False},
            "watch_list": {"victims_very_significant_or_increasing": False,
                           "evidence_of_increasing_efforts": True,
                           "based_on_commitments": True}, **fields}


def test_the_commitments_clause_governs_until_2018_only() -> None:
    history = parse_history("2015:2 2016:2 2017:2 2018:2", strict=False)
    before = propose(parse_evidence(_evidence(2018)), history)
    after = propose(parse_evidence(_evidence(2019)), history)
    assert str(before.tier) == "Tier 2 Watch List" and str(after.tier) == "Tier 2"
    step = next(s for s in before.steps if s.rule == "watch_list_criteria")
    assert "(iii)(III)" in step.outcome and law.cited("watch_list_commitments", 2018) in \
        step.citation


def test_one_list_of_policy_or_pattern_kinds() -> None:
    assert law.policy_or_pattern_kinds(2019) == POLICY_OR_PATTERN_KINDS
    assert law.policy_or_pattern_kinds(2018) == ()
    kinds = list(POLICY_OR_PATTERN_KINDS)
    parsed = parse_evidence(_evidence(2020, state_policy={"found": True, "kinds": kinds}))
    assert parsed.state_policy.kinds == kinds
    with pytest.raises(InvalidInputError, match="field state_policy.kinds.*unknown kind "
                                                "'child soldiers'"):
        parse_evidence(_evidence(2020, state_policy={"found": True,
                                                     "kinds": ["child soldiers"]}))
    template = evidence_template("KEN", 2020)
    assert all(f"#   - {kind}" in template for kind in POLICY_OR_PATTERN_KINDS)


def test_an_unknown_criterion_is_refused_not_ignored() -> None:
    with pytest.raises(InvalidInputError, match="unknown criterion 'c13_x'"):
        parse_evidence(_evidence(2020, criteria={"c13_x": {"finding": "met"}}))
