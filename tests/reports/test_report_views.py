"""What the reports say (issue 11 rows 10, 12, 13): an evidence file's figures are shown;
a year with no waiver list says the waivers are unknown, not none; a Markdown report's chart
is an SVG file beside it, referred to by relative path, the same bytes every time."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml


def _cli(*args: str, db: Path) -> str:
    result = subprocess.run([sys.executable, "-m", "tierwatch.cli", *args], capture_output=True,
                            text=True, check=False, env={**os.environ, "TIERWATCH_DB": str(db)})
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("reports") / "kb.sqlite"


def test_the_evidence_files_figures_are_in_the_report(db: Path, tmp_path: Path) -> None:
    evidence = tmp_path / "e.yaml"
    evidence.write_text(yaml.safe_dump({"country": "Nepal", "report_year": 2026, "figures": {
        "reporting_period": {"convictions": {"value": 121, "claimant": "TIP report"},
                             "prosecutions": {"value": 200}},
        "previous_period": {"convictions": {"value": 140, "source": "ministry bulletin"}}}}),
        encoding="utf-8")
    report = tmp_path / "n.md"
    _cli("report", "Nepal", "--year", "2026", "--format", "md", "--evidence", str(evidence),
         "-o", str(report), db=db)
    text = report.read_text(encoding="utf-8")
    assert "No figures held" not in text
    assert ("| convictions | 121 | reporting period (evidence) | TIP report | evidence file "
            "(field figures.reporting_period.convictions) |") in text
    assert ("| convictions | 140 | previous period (evidence) | not given | ministry bulletin "
            "(field figures.previous_period.convictions) |") in text


def test_a_year_without_a_waiver_list_has_unknown_waivers_not_none(db: Path,
                                                                    tmp_path: Path) -> None:
    report = tmp_path / "a.md"
    _cli("report", "--annual", "2025", "--format", "md", "-o", str(report), db=db)
    text = report.read_text(encoding="utf-8")
    assert "None recorded" not in text
    assert "Unknown: no waiver list is held for 2025." in text
    complete = tmp_path / "a24.md"
    _cli("report", "--annual", "2024", "--format", "md", "-o", str(complete), db=db)
    section = complete.read_text(encoding="utf-8").split("## Waivers")[1].split("##")[0]
    assert "Unknown" not in section and "Serbia" in section


def test_the_markdown_chart_is_an_svg_file_beside_the_report(db: Path, tmp_path: Path) -> None:
    outputs = []
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        report = tmp_path / folder / "nepal.md"
        printed = _cli("report", "Nepal", "--year", "2026", "--format", "md", "-o", str(report),
                       db=db)
        assert printed.strip().endswith("and its chart nepal.svg")
        text = report.read_text(encoding="utf-8")
        assert "![Tier history](nepal.svg)" in text and "data:image" not in text
        chart = report.with_name("nepal.svg").read_bytes()
        assert chart.startswith(b"<svg ") and b"Nepal: tier by report year" in chart
        outputs.append((report.read_bytes(), chart))
    assert outputs[0] == outputs[1]
