"""Helpers of the reliability tests: running the real command in a child process, and small
file systems (tmpfs) that are full or read-only, where this machine lets a test mount them."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[2]


def child_env(**extra: str) -> dict[str, str]:
    env = {**os.environ, "PYTHONPATH": str(REPO / "src"), **extra}
    env.pop("TIERWATCH_DB", None)
    return env


def tierwatch(*args: str, timeout: float = 120, **env: str) -> subprocess.CompletedProcess[str]:
    """The real command in a child process (for kills, races and locks)."""
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args], capture_output=True,
                          text=True, timeout=timeout, env=child_env(**env))


def start(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, *args] if args[0] == "-c" else
                            [sys.executable, "-m", "tierwatch.cli", *args],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            env=child_env())


def run(*args: str) -> Any:
    """The real command in this process (click's runner): the fast way to try many inputs."""
    from click.testing import CliRunner

    from tierwatch.cli import cli

    return CliRunner().invoke(cli, list(args), catch_exceptions=True)


def one_error_line(result: Any) -> str:
    """The command failed as a user should see it: exit 2, one ``error:`` line, no traceback."""
    code = getattr(result, "returncode", None)
    code = result.exit_code if code is None else code
    stderr = result.stderr
    exception = getattr(result, "exception", None)
    if exception is not None and not isinstance(exception, SystemExit):
        raise AssertionError(f"uncaught {exception!r}") from exception
    assert code == 2, (code, stderr[-2000:])
    lines = stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), stderr[-2000:]
    assert "Traceback" not in stderr
    return lines[0]


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 2 MB tmpfs mounted for the test (root only); skipped where mounting is not allowed."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs here ({done.stderr.strip() or 'not root'})")
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def remount_read_only(mount: Path) -> None:
    subprocess.run(["mount", "-o", "remount,ro", str(mount)], check=True, capture_output=True)
