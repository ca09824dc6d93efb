"""The law's structure: one module per provision, rule ids stated once, answers that name the
provision versions they read (the tracer), and result types rebuilt by field."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from tierwatch.law import (
    Explanation,
    LawConflictError,
    PlacementHistory,
    Tier,
    automatic_downgrade,
    downgrade_waiver,
    evaluate_year,
    parse_history,
    post_downgrade_limit,
    provision,
    tracing,
)
from tierwatch.law.engine import clear_caches
from tierwatch.law.lawful import RULES, analyse
from tierwatch.law.rules import Constraint, Situation
from tierwatch.law.watch_list import clock_facts

SRC = Path(__file__).resolve().parents[2] / "src" / "tierwatch"
CAMBODIA = ("2012:2 2013:2WL 2014:2WL 2015:2WL+waiver 2016:2 2017:2 2018:2 "
            "2019:2WL 2020:2WL 2021:2WL+waiver")


def _read_ids(evaluation: object) -> set[tuple[str, str]]:
    return {(read.id, read.to_dict()["report_years"])
            for read in evaluation.provisions}  # type: ignore[attr-defined]


def test_each_rule_id_is_written_once_as_a_constant() -> None:
    code = {path: path.read_text(encoding="utf-8") for path in SRC.rglob("*.py")}
    law = {path: text for path, text in code.items() if path.parent.name == "law"}
    for rule in RULES:
        literal = f'"{rule.RULE}"'
        holders = sorted(str(path.relative_to(SRC)) for path, text in law.items()
                         if literal in text)
        assert holders == ["law/provision_ids.py"], (rule.RULE, holders)
    automatic = sum(len(re.findall(r"[\"']automatic_downgrade[\"']", text))
                    for text in code.values())
    assert automatic == 1


def test_an_answer_names_the_provision_versions_it_read() -> None:
    evaluation = evaluate_year(parse_history(CAMBODIA + " 2022:3"), 2022)
    reads = _read_ids(evaluation)
    assert ("automatic_downgrade", "2009-") in reads
    assert ("downgrade_waiver", "2019-") in reads
    assert ("tier3_determination", "2003-") in reads
    assert ("policy_or_pattern", "2019-") not in reads  # no finding: the rule is not read
    with_policy = evaluate_year(parse_history(CAMBODIA + " 2022:3"), 2022, state_policy=True)
    assert ("policy_or_pattern", "2019-") in _read_ids(with_policy)
    data = evaluation.to_dict()["provisions_read"]
    assert {"id": "automatic_downgrade", "report_years": "2009-",
            "citation": provision("automatic_downgrade", 2022).citation} in data  # type: ignore[union-attr]


def test_a_cached_answer_names_the_same_provisions_as_a_fresh_one() -> None:
    clear_caches()
    fresh = evaluate_year(parse_history(CAMBODIA), 2022).to_dict()
    again = evaluate_year(parse_history(CAMBODIA), 2022).to_dict()  # another, equal history
    cached = evaluate_year(PlacementHistory(reversed(list(parse_history(CAMBODIA)))), 2022)
    assert fresh["provisions_read"] == again["provisions_read"]
    assert fresh["provisions_read"] == cached.to_dict()["provisions_read"]


def test_the_run_reads_the_cap_of_earlier_years_it_counts() -> None:
    """A 2019 answer whose run began under the 2009-2018 cap names both versions."""
    evaluation = evaluate_year(parse_history("2016:2WL 2017:2WL 2018:2WL+waiver"), 2019)
    reads = _read_ids(evaluation)
    assert {("downgrade_waiver", "2009-2018"), ("downgrade_waiver", "2019-")} <= reads


def test_the_tracer_serves_any_caller_and_one_explanation_type() -> None:
    with tracing() as reads:
        found = provision("downgrade_waiver", 2020)
    assert found is not None and list(reads) == [found.read]
    evaluation = evaluate_year(parse_history(CAMBODIA), 2022)
    explained = evaluation.explained()
    assert isinstance(explained, Explanation)
    assert explained.sentences() == evaluation.sentences()
    assert explained.to_dict()["provisions"] == evaluation.to_dict()["provisions_read"]


def test_every_provision_module_gives_its_constraint_and_sentences() -> None:
    history = parse_history("2017:2WL 2018:2WL 2019:2WL+waiver 2020:3 2021:2WL")
    facts = clock_facts(history, 2022)
    situation = Situation(facts.low, False, dataclasses.replace(evaluate_year(
        history, 2022).options))
    given = {rule.RULE: rule.constraint(situation) for rule in RULES}
    assert given[post_downgrade_limit.RULE] is not None
    assert given[post_downgrade_limit.RULE].overrides == {downgrade_waiver.RULE}  # type: ignore[union-attr]
    assert given[downgrade_waiver.RULE] is None  # barred by the limit
    analysis = analyse(facts.low, False, situation.options)
    assert Tier.WATCH_LIST not in analysis.with_waiver
    assert [f.rule for f in analysis.firings] == [post_downgrade_limit.RULE]
    assert "no waiver applies" in analysis.firings[0].outcome
    assert automatic_downgrade.NAME in automatic_downgrade.excluded_reason(situation)


def test_two_exceptions_with_no_priority_are_an_error() -> None:
    from tierwatch.law.rules import combine

    waiver = Constraint("waiver_a", "cite A", frozenset({Tier.WATCH_LIST}), exception=True)
    only_three = Constraint("rule_b", "cite B", frozenset({Tier.TIER_3}))
    with pytest.raises(LawConflictError, match="rule_b"):
        combine(2020, [only_three, waiver])


def test_result_types_are_rebuilt_by_field() -> None:
    evaluation = evaluate_year(parse_history(CAMBODIA), 2022)
    for part in (evaluation, evaluation.clock, evaluation.lawful, evaluation.check):
        for item in dataclasses.fields(part):  # type: ignore[arg-type]
            assert getattr(part, item.name) is not None or item.name in {
                "tier3_forced_in", "downgrade_due_in", "post_downgrade_limit_from",
                "watch_list_years", "waivers_used", "waivers_left", "waiver_cap",
                "consequences", "tier3_forced_in_earliest", "tier3_forced_in_latest",
                "downgrade_rule", "recorded"}, item.name
    assert evaluation.clock.summary and evaluation.clock.depends_on == ""
    engine_source = (SRC / "law" / "engine.py").read_text(encoding="utf-8")
    assert "WatchListClock(" not in engine_source and "LawfulPlacements(" not in engine_source
