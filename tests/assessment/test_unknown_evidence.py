"""Unknown stays unknown in a proposal (issue 11, rows 3-5): evidence that lacks what a rule
needs names the rule and why, and proposes the tiers still possible; each reason is true of
the figures it names; the text output says why efforts were judged as they were."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import yaml

from tierwatch.assessment import parse_evidence, propose
from tierwatch.law import Tier, parse_history


def _cli(*args: str, db: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args], capture_output=True,
                          text=True, check=False, env={**os.environ, "TIERWATCH_DB": str(db)})


def test_an_empty_template_proposes_the_tiers_still_possible_not_tier_3(tmp_path: Path) -> None:
    db = tmp_path / "kb.sqlite"
    evidence = tmp_path / "e.yaml"
    assert _cli("template", "Nepal", "--year", "2026", "-o", str(evidence), db=db).returncode == 0
    result = _cli("assess", str(evidence), db=db)
    assert result.returncode == 0, result.stderr
    head = result.stdout.splitlines()[0]
    assert "proposed Tier 3" not in result.stdout
    assert head.startswith("NPL 2026: no single tier follows from the evidence; still possible:")
    for tier in ("Tier 1", "Tier 2", "Tier 3"):
        assert tier in head
    assert "Rules that cannot be applied to this evidence:" in result.stdout
    assert "minimum_standards: cannot tell whether the country fully complies" in result.stdout
    assert "significant_efforts: cannot tell whether the efforts are significant: no " \
           "criterion is assessed" in result.stdout


def _evidence(**fields: object) -> dict[str, object]:
    return {"country": "Nepal", "report_year": 2024, **fields}


def test_a_fall_in_convictions_is_reported_as_a_fall_not_hidden_by_a_sum() -> None:
    data = _evidence(
        standards={"serious_sustained_efforts": {"finding": "partly met"}},
        significant_efforts={"finding": "significant"},
        state_policy={"found": False},
        watch_list={"victims_very_significant_or_increasing": False},
        figures={"reporting_period": {"prosecutions": {"value": 300},
                                      "convictions": {"value": 121}},
                 "previous_period": {"prosecutions": {"value": 200},
                                     "convictions": {"value": 140}}})
    proposal = propose(parse_evidence(data), parse_history("2021:2 2022:2 2023:2"))
    step = next(s for s in proposal.steps if s.rule == "increasing_efforts_from_figures")
    assert "convictions fell from 140 to 121" in step.outcome
    assert "prosecutions rose from 200 to 300" in step.outcome
    assert "did not fall" not in step.outcome
    assert not step.applied  # one rose, one fell: the figures alone do not settle (iii)(II)
    assert proposal.tier is None
    assert [o.label for o in proposal.outcomes] == ["Tier 2", "Tier 2 Watch List"]


def test_figures_that_all_fall_put_tier_2_on_the_watch_list() -> None:
    data = _evidence(
        standards={"serious_sustained_efforts": {"finding": "not met"}},
        significant_efforts={"finding": "significant"}, state_policy={"found": False},
        figures={"reporting_period": {"prosecutions": {"value": 10},
                                      "convictions": {"value": 5}},
                 "previous_period": {"prosecutions": {"value": 20},
                                     "convictions": {"value": 9}}})
    proposal = propose(parse_evidence(data), parse_history("2021:2 2022:2 2023:2"))
    step = next(s for s in proposal.steps if s.rule == "increasing_efforts_from_figures")
    assert step.outcome.startswith("prosecutions fell from 20 to 10; convictions fell from 9 "
                                   "to 5: no evidence of increasing efforts")
    assert proposal.tier is Tier.WATCH_LIST


def test_the_text_output_says_why_efforts_were_judged_significant(tmp_path: Path) -> None:
    data = _evidence(
        standards={"serious_sustained_efforts": {"finding": "partly met"}},
        criteria={"c01_prosecution": {"finding": "met"}, "c02_protection": {"finding": "met"},
                  "c03_prevention": {"finding": "not met"}},
        significant_efforts={"factors": {name: {"weighs": "for"} for name in (
            "origin_transit_destination", "noncompliance_and_complicity",
            "reasonable_measures", "budget_law_enforcement", "budget_protection_prevention",
            "civil_society_consultation")}},
        state_policy={"found": False},
        watch_list={"victims_very_significant_or_increasing": False,
                    "evidence_of_increasing_efforts": True})
    path = tmp_path / "e.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    result = _cli("assess", str(path), db=tmp_path / "kb.sqlite")
    assert result.returncode == 0, result.stderr
    assert "significant efforts (derived from the criteria: 2 of 3 criteria assessed met or " \
           "partly met; criterion 1 (prosecution) met; factors for: " in result.stdout
    assert "proposed Tier 2" in result.stdout


def test_a_proposal_explains_itself_in_the_law_s_own_type() -> None:
    """One explanation type: the proposal's reasons are the law's RuleFiring steps and its
    explanation the law's Explanation, naming the provision versions it read."""
    from tierwatch.assessment import proposal as proposal_module
    from tierwatch.law import Explanation, RuleFiring

    assert not hasattr(proposal_module, "Step")
    data = _evidence(significant_efforts={"finding": "significant"},
                     state_policy={"found": False})
    proposal = propose(parse_evidence(data), parse_history("2021:2 2022:2 2023:2"))
    assert proposal.steps and all(isinstance(step, RuleFiring) for step in proposal.steps)
    explained = proposal.explained()
    assert isinstance(explained, Explanation)
    assert any(not firing.applied for firing in explained.firings)  # unknowns stay unknown
    ids = {read.id for read in explained.provisions}
    assert {"tier_lists", "automatic_downgrade"} <= ids
    data_out = proposal.to_dict()
    assert data_out["provisions_read"] and all("applied" in f for f in data_out["explanation"])
