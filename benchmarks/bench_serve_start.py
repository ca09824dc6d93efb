"""Benchmark: how long ``tierwatch serve`` takes from launch to its first answer on the
embedded store (bar: under 2 s), beside Datasette starting on the same data exported as
SQLite (the peer, in the same run).

Each server is launched as a subprocess on a free loopback port and polled until it answers
a country look-up (tierwatch: ``/api/v1/countries/KHM``; Datasette: its JSON of the
statements table); the median of a few launches is printed, with the ratio.

Run: python3 benchmarks/bench_serve_start.py [--runs 5]   (Datasette: pip install -e ".[bench]")
"""

from __future__ import annotations

import argparse
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HOST = "127.0.0.1"
BAR_SECONDS = 2.0
POLL_SECONDS = 0.02
GIVE_UP_SECONDS = 60.0


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _time_to_first_answer(command: list[str], path: str, port: int) -> float:
    """Seconds from the launch of ``command`` to a 200 answer on ``path``."""
    started = time.perf_counter()
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        while time.perf_counter() - started < GIVE_UP_SECONDS:
            if server.poll() is not None:
                raise SystemExit(f"error: {command[0]} exited with {server.returncode}")
            try:
                with urllib.request.urlopen(f"http://{HOST}:{port}{path}", timeout=5) as reply:
                    if reply.status == 200:
                        reply.read()
                        return time.perf_counter() - started
            except OSError:
                time.sleep(POLL_SECONDS)
        raise SystemExit(f"error: {command[0]} gave no answer in {GIVE_UP_SECONDS:.0f} s")
    finally:
        server.terminate()
        server.wait()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    tierwatch = shutil.which("tierwatch") or sys.exit("error: tierwatch is not installed")
    with tempfile.TemporaryDirectory() as folder:
        store = str(Path(folder) / "store.sqlite")
        exported = str(Path(folder) / "export.sqlite")
        subprocess.run([tierwatch, "--help"], check=True, capture_output=True)  # warm caches
        subprocess.run([tierwatch, "export", "--db", store, "--format", "sqlite", "-o",
                        exported], check=True, capture_output=True)  # seeds the store once
        ours = []
        for _ in range(args.runs):
            port = _free_port()
            ours.append(_time_to_first_answer(
                [tierwatch, "serve", "--db", store, "--port", str(port)],
                "/api/v1/countries/KHM", port))
        median = statistics.median(ours)
        print(f"tierwatch serve, launch to first answer: median {median:.2f} s over "
              f"{args.runs} launches (bar: under {BAR_SECONDS:.0f} s: "
              f"{'met' if median < BAR_SECONDS else 'NOT met'})")
        datasette = shutil.which("datasette")
        if datasette is None:
            print("datasette not installed (pip install -e '.[bench]'): no peer ratio")
            return
        theirs = []
        for _ in range(args.runs):
            port = _free_port()
            theirs.append(_time_to_first_answer(
                [datasette, "serve", "-i", exported, "--host", HOST, "--port", str(port)],
                "/export/statements.json?country=KHM", port))
        peer = statistics.median(theirs)
        print(f"datasette serve (same data, exported SQLite): median {peer:.2f} s")
        print(f"ratio: tierwatch start takes {median / peer:.2f}x Datasette's")


if __name__ == "__main__":
    main()
