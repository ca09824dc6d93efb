"""Decisions: refused when the law forbids them (nothing written), justified when departing,
append-only; evidence files refused with the field named; what-if and template commands."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlalchemy as sa
import yaml

from tierwatch.assessment import DecisionRefused, decisions, load_evidence, record_decision
from tierwatch.errors import InvalidInputError
from tierwatch.law import Tier, parse_history
from tierwatch.statements import open_store
from tierwatch.statements.store import Store

CAMBODIA = parse_history("2019:2WL 2020:2WL 2021:2WL+waiver", strict=False)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(str(tmp_path / "kb.sqlite"), seed=False)


def _log(store: Store) -> list[tuple[object, ...]]:
    with store.engine.connect() as connection:
        return [tuple(row) for row in connection.execute(sa.text("SELECT * FROM decisions"))]


def test_the_watch_list_where_tier_3_is_forced_is_refused_and_nothing_written(
        store: Store) -> None:
    with pytest.raises(DecisionRefused, match="not lawful in 2022.*7107"):
        record_decision(store, CAMBODIA, country="KHM", report_year=2022,
                        tier=Tier.WATCH_LIST, waiver=True, justification="keep it",
                        author="analyst")
    assert _log(store) == []


def test_a_lawful_decision_is_appended_and_the_log_cannot_be_changed(
        store: Store, tmp_path: Path) -> None:
    first = record_decision(store, CAMBODIA, country="KHM", report_year=2022, tier=Tier.TIER_3,
                            waiver=False, justification="the clock", author="analyst")
    second = record_decision(store, CAMBODIA, country="KHM", report_year=2022,
                             tier=Tier.TIER_2, waiver=False, justification="new evidence",
                             author="reviewer")
    assert [d.id for d in decisions(store, "KHM")] == [first.id, second.id]
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection, pytest.raises(
            sqlite3.DatabaseError, match="append-only"):
        connection.execute("UPDATE decisions SET tier = 'Tier 1'")
    with sqlite3.connect(tmp_path / "kb.sqlite") as connection, pytest.raises(
            sqlite3.DatabaseError, match="append-only"):
        connection.execute("DELETE FROM decisions")
    assert len(_log(store)) == 2


def test_a_waiver_needs_the_watch_list_and_the_watch_list_its_waiver(store: Store) -> None:
    history = parse_history("2019:2 2020:2WL 2021:2WL", strict=False)
    with pytest.raises(DecisionRefused, match="waiver=True") as needed:
        record_decision(store, history, country="KEN", report_year=2022, tier=Tier.WATCH_LIST,
                        waiver=False, justification="x", author="a")
    assert (needed.value.setting and needed.value.setting.name, needed.value.setting.value) == (
        "waiver", True)
    with pytest.raises(DecisionRefused, match="waiver=False") as refused:
        record_decision(store, history, country="KEN", report_year=2022, tier=Tier.TIER_2,
                        waiver=True, justification="x", author="a")
    assert refused.value.setting is not None and refused.value.setting.value is False
    assert "--" not in needed.value.reason + refused.value.reason  # no interface's words
    assert _log(store) == []


def _cli(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args], capture_output=True,
                          text=True, check=False, env={**os.environ, "TIERWATCH_DB": db})


def test_departing_from_the_proposal_needs_a_justification(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    evidence = tmp_path / "ev.yaml"
    written = _cli("template", "Cambodia", "--year", "2022", "-o", str(evidence), db=db)
    assert written.returncode == 0
    proposal = json.loads(_cli("assess", str(evidence), "--json", db=db).stdout)
    assert proposal["proposed_tier"] is None  # an empty file settles nothing
    assert proposal["possible"] == ["Tier 1", "Tier 2", "Tier 3"]
    refused = _cli("decide", "Cambodia", "--year", "2022", "--tier", "3", "--author", "me",
                   "--evidence", str(evidence), db=db)
    assert refused.returncode == 2 and "several tiers possible" in refused.stderr
    filled = yaml.safe_load(evidence.read_text(encoding="utf-8"))
    filled["significant_efforts"]["finding"] = "not significant"
    filled["state_policy"]["found"] = False
    evidence.write_text(yaml.safe_dump(filled), encoding="utf-8")
    proposal = json.loads(_cli("assess", str(evidence), "--json", db=db).stdout)
    assert proposal["proposed_tier"] == "Tier 3"
    refused = _cli("decide", "Cambodia", "--year", "2022", "--tier", "2", "--author", "me",
                   "--evidence", str(evidence), "--against-record", db=db)
    assert refused.returncode == 2 and "departs from the proposal" in refused.stderr
    agreed = _cli("decide", "Cambodia", "--year", "2022", "--tier", "3", "--author", "me",
                  "--evidence", str(evidence), "--json", db=db)
    assert agreed.returncode == 0, agreed.stderr
    recorded = json.loads(agreed.stdout)
    assert recorded["departs_from_proposal"] is False and recorded["evidence_digest"]
    listed = json.loads(_cli("decisions", "Cambodia", "--json", db=db).stdout)
    assert [d["tier"] for d in listed] == ["Tier 3"]


@pytest.mark.parametrize(("change", "field"), [
    ({"colour": "blue"}, "colour"),
    ({"report_year": "2022"}, "report_year"),
    ({"report_year": 1990}, "report_year"),
    ({"country": "Atlantis"}, "country"),
    ({"standards": {"prohibition": {"finding": "mostly"}}}, "standards.prohibition.finding"),
    ({"figures": {"reporting_period": {"convictions": {"value": -3}}}},
     "figures.reporting_period.convictions.value"),
])
def test_bad_evidence_files_are_refused_with_the_field_named(
        tmp_path: Path, change: dict[str, object], field: str) -> None:
    data: dict[str, object] = {"country": "Cambodia", "report_year": 2022, **change}
    path = tmp_path / "evidence.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=f"field {field}"):
        load_evidence(path)


def test_whatif_shows_each_assumed_year_and_the_next(tmp_path: Path) -> None:
    result = _cli("whatif", "Cambodia", "--assume", "2026=2WL 2027=2WL", "--json",
                  db=str(tmp_path / "kb.sqlite"))
    assert result.returncode == 0, result.stderr
    years = json.loads(result.stdout)["years"]
    assert [row["report_year"] for row in years] == [2026, 2027, 2028]
    assert years[1]["tier3_forced_in"] == 2027
    # an assumed watch-list year carries no Tier 3 consequences (issue 11, row 11)
    assert years[1]["verdict"] == "unlawful" and years[1]["consequences"] is None
    bad = _cli("whatif", "Cambodia", "--assume", "2026=purple", db=str(tmp_path / "kb.sqlite"))
    assert bad.returncode == 2 and "2026=purple" in bad.stderr


def test_the_template_draws_figures_from_stored_statements(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    article = Path(__file__).parents[1] / "reading" / "fixtures" / "dispute_figures.txt"
    assert _cli("read", str(article), "--store", db=db).returncode == 0
    path = tmp_path / "nepal.yaml"
    assert _cli("template", "Nepal", "--year", "2022", "-o", str(path), db=db).returncode == 0
    evidence = load_evidence(path)
    prosecutions = evidence.figures.reporting_period.prosecutions
    assert (prosecutions.value, prosecutions.claimant) == (87, "TIP report")
    assert prosecutions.source is not None and "dispute_figures.txt" in prosecutions.source
    assert evidence.figures.reporting_period.investigations.value is None  # unknown stays


def test_a_decision_for_the_open_year_makes_the_next_year_reportable(tmp_path: Path) -> None:
    """Without a decision the report of 2027 is refused (the record ends with 2025); with one
    recorded for 2026 it is written, and its clock counts the decided 2026."""
    db = str(tmp_path / "kb.sqlite")
    target = tmp_path / "n.md"
    command = [sys.executable, "-m", "tierwatch.cli", "report", "Nepal", "--year", "2027",
               "--format", "md", "-o", str(target), "--db", db]
    refused = subprocess.run(command, capture_output=True, text=True, check=False)
    assert refused.returncode == 2 and "at most one year ahead" in refused.stderr
    assert not target.exists()
    decided = subprocess.run(
        [sys.executable, "-m", "tierwatch.cli", "decide", "Nepal", "--year", "2026", "--tier",
         "2WL", "--waiver", "--author", "A. Analyst", "--justification", "kept on the list",
         "--db", db], capture_output=True, text=True, check=False)
    assert decided.returncode == 0, decided.stderr
    written = subprocess.run(command, capture_output=True, text=True, check=False)
    assert written.returncode == 0, written.stderr
    text = target.read_text(encoding="utf-8")
    assert "The clock counts the decisions for 2026" in text
    assert "Tier 3 forced in: 2027" in text
