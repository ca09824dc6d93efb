"""``tierwatch calendar`` on the shipped record: cases/calendar.yaml, the iCalendar file, bad
input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "calendar.yaml").read_text("utf-8"))


def _run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", "calendar", *args, "--db", db],
                          capture_output=True, text=True, check=False)


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    return str(tmp_path_factory.mktemp("calendar") / "kb.sqlite")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_calendar_case(case: dict[str, Any], db: str) -> None:
    result = _run(db, str(case["report_year"]), "--json")
    assert result.returncode == 0, result.stderr
    (year,) = json.loads(result.stdout)["years"]
    for key, value in case["expect"].items():
        assert year[key] == value, key


def test_the_ics_file_is_valid_and_the_same_twice(db: str, tmp_path: Path) -> None:
    first, second = tmp_path / "a.ics", tmp_path / "b.ics"
    assert _run(db, "2025", "--ics", str(first)).returncode == 0
    assert _run(db, "2025", "--ics", str(second)).returncode == 0
    data = first.read_bytes()
    assert data == second.read_bytes()
    text = data.decode("utf-8")
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    assert text.count("BEGIN:VEVENT") == text.count("END:VEVENT") == 5
    assert "DTSTART;VALUE=DATE:20251113\r\nDTEND;VALUE=DATE:20251229" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    every = tmp_path / "all.ics"
    assert _run(db, "--ics", str(every)).returncode == 0
    assert every.read_text("utf-8").count("UID:tierwatch-2001-due@tierwatch") == 1


def test_bad_input_is_one_line(db: str, tmp_path: Path) -> None:
    result = _run(db, "1999")
    assert result.returncode == 2 and result.stderr.startswith("error: ")
    assert result.stderr.count("\n") == 1
    folder = _run(db, "2025", "--ics", str(tmp_path))
    assert folder.returncode == 2 and "is a folder" in folder.stderr
