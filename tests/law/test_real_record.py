"""Real history is the main test: replay the recorded placements 2001-2015 and the published
waiver lists 2013-2015 (from ../shared/data/tip) through the engine, non-strict.

Waivers before 2013 are not in the data: those years carry ``waiver=None`` (unknown), so the
engine may answer "unknown" there, but it must never find a recorded placement unlawful.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from pathlib import Path

from tierwatch.countries.registry import find
from tierwatch.law import (
    PlacementHistory,
    PlacementYear,
    Tier,
    evaluate_year,
    validate_waivers,
)

TIERS = {"Tier 1": Tier.TIER_1, "Tier 2": Tier.TIER_2, "Watchlist": Tier.WATCH_LIST,
         "Tier 3": Tier.TIER_3}
FIRST_WAIVER_LIST = 2013
LAST_YEAR = 2015


def _record(tip_data_dir: Path) -> dict[str, PlacementHistory]:
    tiers: dict[str, dict[int, Tier]] = defaultdict(dict)
    with (tip_data_dir / "tip_tiers_orig.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year, tier = int(row["year"]), (row["tier"] or "").strip()
            if 2001 <= year <= LAST_YEAR and tier in TIERS:
                tiers[row["iso"]][year] = TIERS[tier]
    waived: set[tuple[str, int]] = set()
    with (tip_data_dir / "waivers_2013_2024_transcribed.csv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            year = int(row["report_year"])
            if year <= LAST_YEAR:
                country = find(row["country"])
                assert country is not None, row["country"]
                waived.add((country.code, year))
    assert {code for code, _ in waived} <= set(tiers), "every waived country has placements"

    def waiver(code: str, year: int, tier: Tier) -> bool | None:
        if tier is not Tier.WATCH_LIST:
            return False
        return (code, year) in waived if year >= FIRST_WAIVER_LIST else None

    return {
        code: PlacementHistory(PlacementYear(y, t, waiver(code, y, t)) for y, t in years.items())
        for code, years in tiers.items()
    }


def test_every_recorded_placement_2009_2015_is_lawful_or_explained(tip_data_dir: Path) -> None:
    record = _record(tip_data_dir)
    assert len(record) > 170
    verdicts: Counter[str] = Counter()
    unlawful = []
    for code, history in sorted(record.items()):
        assert validate_waivers(history) == [], code
        for year in history.years():
            if year < 2009:
                continue
            evaluation = evaluate_year(history, year)
            verdicts[evaluation.check.verdict] += 1
            if evaluation.check.verdict == "unlawful":
                unlawful.append((code, year, evaluation.check.reason))
    assert unlawful == []
    assert verdicts["lawful_by_waiver"] >= 35  # the 43 published waivers, less unknown runs
    assert verdicts["unknown"] <= 40


def test_the_record_shows_the_automatic_downgrades_of_2013_and_2014(tip_data_dir: Path) -> None:
    record = _record(tip_data_dir)
    forced = {
        (code, year)
        for code, history in record.items()
        for year in (2013, 2014)
        if (evaluation := evaluate_year(history, year)).check.verdict == "lawful"
        and evaluation.check.rule == "automatic_downgrade"
    }
    assert {("CHN", 2013), ("RUS", 2013), ("UZB", 2013), ("THA", 2014), ("MYS", 2014),
            ("GMB", 2014)} <= forced
