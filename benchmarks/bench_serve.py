"""Benchmark: the country look-up ``GET /api/v1/countries/KHM`` served by ``tierwatch serve``
against Datasette serving the exported SQLite (its JSON of Cambodia's placement
statements), in the same run, with the same client, on loopback only.

Both servers run as subprocesses on 127.0.0.1 (one process each, uvicorn under both); one
small asyncio HTTP/1.1 client with keep-alive connections drives them in turn for a bounded
number of requests and time, and records each request's latency. It prints requests per
second and p50/p99 latency for both, the ratio (bar: at least 2x Datasette, target 5x),
then holds 200 concurrent clients on tierwatch for 30 s and counts the errors (any answer
but 200, or a failed connection; bar: zero).

Run: python3 benchmarks/bench_serve.py [--requests N] [--seconds S] [--connections C]
     [--crowd 200] [--crowd-seconds 30]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HOST = "127.0.0.1"
BAR_RATIO, TARGET_RATIO = 2.0, 5.0


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0
    body_bytes: int = 0

    def error(self, kind: str) -> None:
        self.errors += 1
        self.error_kinds[kind] = self.error_kinds.get(kind, 0) + 1

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile(self, share: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


async def _read_body(reader: asyncio.StreamReader, head: bytes) -> bytes:
    """The body after ``head``: by Content-Length, or chunk by chunk."""
    fields = {}
    for line in head.split(b"\r\n")[1:]:
        name, _, value = line.partition(b":")
        fields[name.strip().lower()] = value.strip()
    if fields.get(b"transfer-encoding", b"").lower() != b"chunked":
        return await reader.readexactly(int(fields.get(b"content-length", b"0")))
    chunks = []
    while True:
        size = int((await reader.readuntil(b"\r\n")).split(b";")[0], 16)
        chunk = await reader.readexactly(size + 2)
        if size == 0:
            return b"".join(chunks)
        chunks.append(chunk[:-2])


async def _one_connection(port: int, target: str, run: Run, deadline: float,
                          budget: list[int]) -> None:
    request = (f"GET {target} HTTP/1.1\r\nHost: {HOST}:{port}\r\n"
               "Accept: application/json\r\n\r\n").encode()
    reader = writer = None
    while budget[0] > 0 and time.perf_counter() < deadline:
        budget[0] -= 1
        try:
            if writer is None:
                reader, writer = await asyncio.open_connection(HOST, port)
            assert reader is not None
            start = time.perf_counter()
            writer.write(request)
            head = await reader.readuntil(b"\r\n\r\n")
            status = int(head.split(b" ", 2)[1])
            body = await _read_body(reader, head)
            run.latencies.append(time.perf_counter() - start)
            run.body_bytes = len(body)
            if status != 200:
                run.error(f"status {status}")
        except (OSError, asyncio.IncompleteReadError, ValueError) as error:
            run.error(type(error).__name__)
            if writer is not None:
                writer.close()
            reader = writer = None
    if writer is not None:
        writer.close()


async def _drive(port: int, target: str, connections: int, requests: int,
                 seconds: float) -> Run:
    run = Run()
    budget = [requests]
    start = time.perf_counter()
    deadline = start + seconds
    await asyncio.gather(*(_one_connection(port, target, run, deadline, budget)
                           for _ in range(connections)))
    run.seconds = time.perf_counter() - start
    return run


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _wait_until_up(port: int, target: str, process: subprocess.Popen[bytes],
                   timeout: float = 60.0) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            sys.exit(f"server on port {port} exited with status {process.returncode}")
        try:
            with socket.create_connection((HOST, port), timeout=1) as connection:
                connection.sendall(f"GET {target} HTTP/1.1\r\nHost: {HOST}\r\n"
                                   "Connection: close\r\n\r\n".encode())
                if connection.recv(12).startswith(b"HTTP/1.1 200"):
                    return time.perf_counter() - start
        except OSError:
            pass
        time.sleep(0.05)
    sys.exit(f"server on port {port} did not answer {target} within {timeout} s")


def _show(label: str, run: Run) -> None:
    print(f"{label}: {len(run.latencies)} requests in {run.seconds:.2f} s = {run.rate:,.0f} "
          f"req/s; p50 {run.percentile(0.5) * 1000:.2f} ms, p99 "
          f"{run.percentile(0.99) * 1000:.2f} ms; {run.body_bytes} bytes per answer; "
          f"errors {run.errors} {run.error_kinds or ''}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=20000, help="Per server, at most.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Per server, at most.")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--crowd", type=int, default=200, help="Concurrent clients.")
    parser.add_argument("--crowd-seconds", type=float, default=30.0)
    args = parser.parse_args()
    tierwatch = shutil.which("tierwatch")
    datasette = shutil.which("datasette")
    if tierwatch is None or datasette is None:
        sys.exit("needs tierwatch and datasette installed (python3 -m pip install -e '.[bench]')")
    with tempfile.TemporaryDirectory() as scratch:
        store, exported = Path(scratch) / "store.sqlite", Path(scratch) / "tip.sqlite"
        env = {**os.environ, "TIERWATCH_DB": str(store)}
        subprocess.run([tierwatch, "export", "--format", "sqlite", "-o", str(exported)],
                       env=env, check=True, stdout=subprocess.DEVNULL)
        ours_port, theirs_port = _free_port(), _free_port()
        ours_path = "/api/v1/countries/KHM"
        theirs_path = ("/tip/statements.json?country=KHM&prop=tier&_shape=array&_size=max"
                       "&_sort=report_year")
        servers = [
            subprocess.Popen([tierwatch, "serve", "--host", HOST, "--port", str(ours_port)],
                             env=env, stderr=subprocess.DEVNULL),
            subprocess.Popen([datasette, "serve", "-i", str(exported), "--host", HOST,
                              "--port", str(theirs_port)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        ]
        try:
            up = _wait_until_up(ours_port, ours_path, servers[0])
            _wait_until_up(theirs_port, theirs_path, servers[1])
            print(f"tierwatch serve answered its first look-up {up:.2f} s after launch")
            for port, path in ((ours_port, ours_path), (theirs_port, theirs_path)):
                asyncio.run(_drive(port, path, args.connections, 500, 5.0))  # warm up
            ours = asyncio.run(_drive(ours_port, ours_path, args.connections, args.requests,
                                      args.seconds))
            theirs = asyncio.run(_drive(theirs_port, theirs_path, args.connections,
                                        args.requests, args.seconds))
            _show(f"tierwatch GET {ours_path}", ours)
            _show(f"datasette GET {theirs_path.split('?')[0]} (Cambodia's tiers)", theirs)
            ratio = ours.rate / theirs.rate if theirs.rate else float("inf")
            verdict = ("meets the target" if ratio >= TARGET_RATIO else
                       "meets the bar" if ratio >= BAR_RATIO else "BELOW the bar")
            print(f"ratio tierwatch/datasette: {ratio:.2f}x requests per second "
                  f"(bar {BAR_RATIO:.0f}x, target {TARGET_RATIO:.0f}x: {verdict}); p99 "
                  f"{ours.percentile(0.99) * 1000:.2f} ms vs "
                  f"{theirs.percentile(0.99) * 1000:.2f} ms")
            crowd = asyncio.run(_drive(ours_port, ours_path, args.crowd, 10**9,
                                       args.crowd_seconds))
            _show(f"tierwatch, {args.crowd} concurrent clients for {args.crowd_seconds:.0f} s",
                  crowd)
            print(f"concurrency errors: {crowd.errors} (bar: 0)")
        finally:
            for server in servers:
                server.terminate()
            for server in servers:
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
    if ratio < BAR_RATIO or crowd.errors:
        sys.exit(1)


if __name__ == "__main__":
    main()
