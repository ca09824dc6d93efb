"""Benchmark: replay the law over a synthetic record of 200 countries x 25 report years.

For every country-year it runs ``evaluate_year`` (clock, lawful placements, check of the
recorded placement, consequences, explanation) and prints the total time, the time per
country-year, the ratio to the 0.2 s bar, and the ratio to a baseline measured in the same run:
a bare loop that walks the same histories year by year without applying any law.

Run: python3 benchmarks/bench_law.py [--repeat N]
"""

from __future__ import annotations

import argparse
import random
import time

from tierwatch.law import PlacementHistory, PlacementYear, Tier, evaluate_year, lawful_placements
from tierwatch.law.engine import clear_caches

COUNTRIES = 200
FIRST_YEAR = 2001
YEARS = 25
BAR_SECONDS = 0.2
SEED = 20260

MOVES: dict[Tier, tuple[tuple[Tier, float], ...]] = {
    Tier.TIER_1: ((Tier.TIER_1, 0.9), (Tier.TIER_2, 0.1)),
    Tier.TIER_2: ((Tier.TIER_1, 0.05), (Tier.TIER_2, 0.7), (Tier.WATCH_LIST, 0.22),
                  (Tier.SPECIAL_CASE, 0.01), (Tier.UNRANKED, 0.02)),
    Tier.WATCH_LIST: ((Tier.TIER_2, 0.3), (Tier.WATCH_LIST, 0.55), (Tier.TIER_3, 0.15)),
    Tier.TIER_3: ((Tier.TIER_3, 0.6), (Tier.WATCH_LIST, 0.4)),
    Tier.SPECIAL_CASE: ((Tier.SPECIAL_CASE, 0.5), (Tier.TIER_2, 0.5)),
    Tier.UNRANKED: ((Tier.UNRANKED, 0.5), (Tier.TIER_2, 0.5)),
}


def synthetic_histories(seed: int = SEED) -> list[PlacementHistory]:
    """Lawful-ish histories: a Markov walk over tiers, with the law choosing between a waiver
    and a downgrade whenever the watch list needs one (so the record stays lawful)."""
    rng = random.Random(seed)
    histories = []
    for _ in range(COUNTRIES):
        history = PlacementHistory()
        tier = rng.choice([Tier.TIER_1, Tier.TIER_2, Tier.TIER_2, Tier.WATCH_LIST, Tier.TIER_3])
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            if year > FIRST_YEAR:
                choices, weights = zip(*MOVES[tier], strict=True)
                tier = rng.choices(choices, weights)[0]
            if tier is Tier.WATCH_LIST and year < 2004:
                tier = Tier.TIER_2
            waiver = False
            if tier is Tier.WATCH_LIST:
                allowed = lawful_placements(history, year)
                if Tier.WATCH_LIST not in allowed.tiers:
                    tier = Tier.TIER_3
                elif allowed.watch_list_needs_waiver:
                    waiver = True
            history = history.with_year(PlacementYear(year, tier, waiver))
        histories.append(history)
    return histories


def replay(histories: list[PlacementHistory]) -> int:
    count = 0
    for history in histories:
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            evaluation = evaluate_year(history, year)
            count += len(evaluation.explanation)
    return count


def baseline(histories: list[PlacementHistory]) -> int:
    """The same walk with no law: read each year's record and the year before it."""
    count = 0
    for history in histories:
        for year in range(FIRST_YEAR, FIRST_YEAR + YEARS):
            record = history.get(year)
            previous = history.get(year - 1)
            count += (record is not None) + (previous is not None)
    return count


def best_of(function, histories, repeat: int) -> float:  # type: ignore[no-untyped-def]
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        function(histories)
        best = min(best, time.perf_counter() - start)
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    country_years = COUNTRIES * YEARS
    cold_times = []
    for _ in range(args.repeat):
        histories = synthetic_histories()  # new history objects: nothing derived yet
        clear_caches()
        start = time.perf_counter()
        replay(histories)
        cold_times.append(time.perf_counter() - start)
    cold = min(cold_times)
    warm = best_of(replay, histories, args.repeat)
    base_time = best_of(baseline, histories, args.repeat)
    print(f"country-years: {country_years}")
    print(f"cold replay (fresh histories, empty caches; best of {args.repeat}): {cold:.4f} s, "
          f"{cold / country_years * 1e6:.1f} us per country-year")
    print(f"warm replay (same histories again; best of {args.repeat}): {warm:.4f} s, "
          f"{warm / country_years * 1e6:.1f} us per country-year")
    print(f"baseline (bare walk of the same histories): {base_time:.4f} s")
    print(f"ratio to the {BAR_SECONDS} s bar: cold {cold / BAR_SECONDS:.3f}, "
          f"warm {warm / BAR_SECONDS:.3f}")
    print(f"ratio to the baseline: cold {cold / base_time:.1f}x, warm {warm / base_time:.1f}x")


if __name__ == "__main__":
    main()
