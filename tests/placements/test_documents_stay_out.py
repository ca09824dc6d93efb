"""Claims read from documents (``tierwatch read --store``) are kept as statements but never
enter the placement record: an invented article that claims downgrades changes neither
``year``, ``country`` nor the clock. The article is written here; no real text is copied."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tierwatch.statements import open_store

ARTICLE = """Nepal and Bolivia downgraded to Tier 3 in US trafficking report

KATHMANDU, June 30 (Invented Wire) - The United States downgraded Nepal to Tier 3 in its 2025
Trafficking in Persons Report, released on Monday, saying the government had not made
significant efforts.

Bolivia was also downgraded to Tier 3 in the 2025 report, and Kiribati was placed on Tier 1 in
the 2024 report, officials said.
"""

VIEWS = (("year", "2025"), ("year", "2024"), ("country", "Nepal"), ("country", "Bolivia"),
         ("clock", "--country", "Nepal", "--year", "2026"),
         ("clock", "--country", "Bolivia", "--year", "2026"))


def _run(db: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args, "--db", db],
                          capture_output=True, text=True, check=False)


def test_an_invented_downgrade_read_and_stored_changes_no_view(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    before = {view: _run(db, *view).stdout for view in VIEWS}
    assert "Tier 2 Watch List" in before[("country", "Nepal")]
    article = tmp_path / "invented_downgrade.txt"
    article.write_text(ARTICLE, encoding="utf-8")
    stored = _run(db, "read", str(article), "--store")
    assert stored.returncode == 0, stored.stderr
    held = [s for s in open_store(db).statements(prop="tier")
            if s.source.startswith(article.name)]
    assert {(s.country, s.report_year, s.value) for s in held} >= {
        ("NPL", 2025, "Tier 3"), ("BOL", 2025, "Tier 3")}  # the claims are kept
    after = {view: _run(db, *view).stdout for view in VIEWS}
    for view in VIEWS:
        assert after[view] == before[view], view
