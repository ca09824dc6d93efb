"""One test against a real server: ``tierwatch serve`` in its own process on a loopback
port, spoken to over HTTP."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_tierwatch_serve_answers_over_http(store_copy):
    port = _free_port()
    env = {**os.environ, "TIERWATCH_DB": str(store_copy)}
    server = subprocess.Popen([sys.executable, "-m", "tierwatch", "serve", "--port", str(port)],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                answer = httpx.get(f"{base}/api/v1/countries/KHM", timeout=5)
                break
            except httpx.TransportError:
                assert server.poll() is None, server.stderr.read().decode() if server.stderr else ""
                assert time.monotonic() < deadline, "the server did not come up in 60 s"
                time.sleep(0.1)
        assert answer.status_code == 200 and answer.json()["code"] == "KHM"
        tag = answer.headers["etag"]
        again = httpx.get(f"{base}/api/v1/countries/KHM", headers={"If-None-Match": tag})
        assert again.status_code == 304
        missing = httpx.get(f"{base}/api/v1/countries/Narnia")
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"
        assert httpx.get(f"{base}/openapi.json").json()["openapi"].startswith("3.")
    finally:
        server.terminate()
        server.wait(timeout=20)
