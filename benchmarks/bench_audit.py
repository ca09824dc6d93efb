"""Benchmark: replay the whole recorded history (the shipped placements) through the law.

Seeds a temporary store from the built-in data, then times ``audit`` (every country-year:
resolution by source priority, history, clock, lawful placements, verdict) against a baseline
measured in the same run: reading and resolving the same statements without applying the law.
The design's bar: well under a second.

Run: python3 benchmarks/bench_audit.py [--repeat N]
"""

from __future__ import annotations

import argparse
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tierwatch.law.engine import clear_caches
from tierwatch.placements import all_records, audit
from tierwatch.statements import open_reader, open_store

BAR_SECONDS = 1.0


def _best(function: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        clear_caches()
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        path = str(Path(scratch) / "kb.sqlite")
        open_store(path).engine.dispose()
        reader = open_reader(path)
        result = audit(reader)
        placed = sum(result.counts.values())
        baseline = _best(lambda: all_records(reader), args.repeat)
        replay = _best(lambda: audit(reader), args.repeat)
    print(f"country-years replayed: {placed} ({result.counts})")
    print(f"baseline (read and resolve, no law; best of {args.repeat}): {baseline:.3f} s")
    print(f"audit (read, resolve, law for every country-year): {replay:.3f} s, "
          f"{replay / placed * 1e6:.0f} us per country-year")
    print(f"ratio to the baseline: {replay / baseline:.2f}x; ratio to the {BAR_SECONDS} s bar: "
          f"{replay / BAR_SECONDS:.2f}")


if __name__ == "__main__":
    main()
