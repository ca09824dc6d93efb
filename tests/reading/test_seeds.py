"""The development set: the five founding articles against their hand annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from tierwatch.law.tiers import Tier
from tierwatch.reading.evaluation import evaluate, load_gold
from tierwatch.reading.model import DocumentReading
from tierwatch.reading.pipeline import read_path


@pytest.fixture(scope="module")
def seed_readings(seeds_dir: Path) -> tuple[list[dict], dict[str, DocumentReading]]:
    gold = load_gold(seeds_dir / "gold.jsonl")
    return gold, {e["file"]: read_path(str(seeds_dir / e["file"])) for e in gold}


def test_every_main_placement_is_right(seed_readings) -> None:
    gold, readings = seed_readings
    result = evaluate(gold, readings)
    assert result.documents == 5
    assert result.documents_right == 5, result.misses
    assert result.main.false_positives == 0


def test_the_article_written_before_the_report_claims_no_placement(seed_readings) -> None:
    gold, readings = seed_readings
    (entry,) = [e for e in gold if e["tier"] is None]
    reading = readings[entry["file"]]
    assert not [p for p in reading.placements if p.timeframe == "current" and p.tier]
    assert reading.report_year is None  # the text does not print it: unknown, not guessed
    previous = [p for p in reading.placements if p.main and p.timeframe == "previous"]
    assert [p.tier for p in previous] == [Tier.TIER_3]


def test_figures_f1_with_the_right_claimant(seed_readings) -> None:
    gold, readings = seed_readings
    result = evaluate(gold, readings)
    assert result.figures.f1 >= 0.85, result.misses


def test_other_countries_placements(seed_readings) -> None:
    gold, readings = seed_readings
    result = evaluate(gold, readings)
    assert result.others.f1 >= 0.9, result.misses


def test_the_300_against_44_convictions_dispute_is_flagged(seed_readings) -> None:
    _, readings = seed_readings
    disputes = [d for r in readings.values() for d in r.disputes]
    pairs = {(d.quantity, frozenset((d.first.value, d.second.value))) for d in disputes}
    assert ("convictions", frozenset((300, 44))) in pairs
    (dispute,) = [d for d in disputes if {d.first.value, d.second.value} == {300, 44}]
    kinds = {d.claimant_kind for d in (dispute.first, dispute.second)}
    assert kinds == {"government", "TIP report"}
    assert dispute.period == "2012"


def test_report_years_from_the_text(seed_readings) -> None:
    gold, readings = seed_readings
    for entry in gold:
        reading = readings[entry["file"]]
        if reading.report_year is not None:
            assert reading.report_year == entry["report_year"], entry["file"]


def test_claims_point_at_the_sentence_that_states_them(seed_readings) -> None:
    _, readings = seed_readings
    for reading in readings.values():
        for claim in [*reading.placements, *reading.figures]:
            stated = reading.text[claim.span.start : claim.span.end]
            assert stated and stated in claim.sentence
            assert 0 < claim.confidence <= 1
