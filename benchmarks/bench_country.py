"""Benchmark: wall time of ``tierwatch country Cambodia``, start-up included.

Runs the installed command as a subprocess on a store seeded from the built-in data (a
temporary ``TIERWATCH_DB``; the first, seeding run is not counted), takes the median of
several runs, and prints it against the 0.3 s bar and against two baselines measured in the
same run: a bare ``python3 -c pass`` and ``tierwatch --version`` (the CLI's own start-up).

Run: python3 benchmarks/bench_country.py [--runs N] [--country NAME]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BAR_SECONDS = 0.3


def _median_wall(command: list[str], env: dict[str, str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--country", default="Cambodia")
    args = parser.parse_args()
    executable = shutil.which("tierwatch")
    if executable is None:
        sys.exit("tierwatch is not installed (python3 -m pip install -e .)")
    with tempfile.TemporaryDirectory() as scratch:
        env = {**os.environ, "TIERWATCH_DB": str(Path(scratch) / "kb.sqlite")}
        command = [executable, "country", args.country]
        start = time.perf_counter()
        subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
        seeding = time.perf_counter() - start
        python = _median_wall([sys.executable, "-c", "pass"], env, args.runs)
        version = _median_wall([executable, "--version"], env, args.runs)
        country = _median_wall(command, env, args.runs)
    print(f"first run (creates and seeds the store): {seeding:.3f} s")
    print(f"baseline python3 -c pass:     {python:.3f} s (median of {args.runs})")
    print(f"baseline tierwatch --version: {version:.3f} s")
    print(f"tierwatch country {args.country}: {country:.3f} s")
    print(f"ratio to python start-up: {country / python:.2f}x; "
          f"to CLI start-up: {country / version:.2f}x")
    verdict = "within" if country < BAR_SECONDS else "OVER"
    print(f"ratio to the {BAR_SECONDS} s bar: {country / BAR_SECONDS:.2f} ({verdict} the bar)")


if __name__ == "__main__":
    main()
