"""The knowledge base on the public data: Cambodia as the founding articles state it, the
shipped dataset rebuilt byte for byte, re-import, and refused files leaving the store as it was.

Reads ``../shared/data/tip`` (skips without it); nothing of it is copied into the project.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

from tierwatch.law import LawOptions
from tierwatch.placements import audit, country_profile
from tierwatch.sources import read_folder
from tierwatch.statements import open_store
from tierwatch.statements.builtin import SOURCES_FILE, STATEMENTS_FILE
from tierwatch.statements.store import Store

# What the founding articles state of Cambodia (shared/seeds/gold.jsonl and the articles).
CAMBODIA = {2002: "Tier 3", 2003: "Tier 2", 2011: "Tier 2", 2013: "Tier 2 Watch List",
            2019: "Tier 2 Watch List", 2022: "Tier 3"}


def run(*args: str, db: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "TIERWATCH_DB": db}
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", *args],
                          capture_output=True, text=True, check=False, env=env)


@pytest.fixture(scope="module")
def imported(tip_data_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("kb") / "imported.sqlite"
    store = open_store(str(path), seed=False)
    with store.transaction() as connection:
        for batch in read_folder(tip_data_dir):
            store.add(batch.statements, [batch.source], connection=connection)
    return store


def _tiers(rows: Sequence[Mapping[str, Any]]) -> dict[int, str | None]:
    return {row["report_year"]: row["tier"] for row in rows}


def test_cambodia_from_an_import_of_the_public_data(imported: Store) -> None:
    tiers = _tiers(country_profile(imported, "Cambodia").placements)
    for year, tier in CAMBODIA.items():
        assert tiers[year] == tier, year


def test_cambodia_from_the_shipped_data_with_no_import(tmp_path: Path) -> None:
    result = run("country", "Cambodia", "--json", db=str(tmp_path / "fresh.sqlite"))
    assert result.returncode == 0, result.stderr
    tiers = _tiers(json.loads(result.stdout)["placements"])
    for year, tier in CAMBODIA.items():
        assert tiers[year] == tier, year


def test_the_shipped_dataset_is_rebuilt_byte_for_byte(tip_data_dir: Path, tmp_path: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "tierwatch.cli", "build-data",
                             str(tip_data_dir), "-o", str(tmp_path)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    shipped = resources.files("tierwatch.data")
    for name in (SOURCES_FILE, STATEMENTS_FILE):
        assert (tmp_path / name).read_bytes() == shipped.joinpath(name).read_bytes(), name


def test_importing_twice_changes_nothing(tip_data_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    first = run("import", str(tip_data_dir), db=db)
    assert first.returncode == 0, first.stderr
    digest = open_store(db).content_digest()
    second = run("import", str(tip_data_dir), db=db)
    assert second.returncode == 0 and "stored 0 new statements" in second.stdout
    assert open_store(db).content_digest() == digest


def _refused_leaves_store_unchanged(bad: Path, good: Path, db: str) -> str:
    digest = open_store(db).content_digest()
    result = run("import", str(good), str(bad), db=db)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and bad.name in result.stderr
    assert open_store(db).content_digest() == digest
    return result.stderr


def test_refused_files_leave_the_store_as_it_was(tip_data_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    good = tip_data_dir / "tiers_2015.csv"
    panel = (tip_data_dir / "cho_kelley_tiers_3p_1999-2014.csv").read_bytes()
    truncated = tmp_path / "cho_kelley_tiers_3p_1999-2014.csv"
    truncated.write_bytes(panel[: len(panel) // 2])  # cut in the middle of the file
    _refused_leaves_store_unchanged(truncated, good, db)
    wrong_kind = tmp_path / "tiers_2022_from_2022_chapters.csv"
    shutil.copy(tip_data_dir / "tip_global_law_enforcement_2003-2015.csv", wrong_kind)
    _refused_leaves_store_unchanged(wrong_kind, good, db)
    binary = tmp_path / "tip_tiers_orig.csv"
    binary.write_bytes(bytes(range(256)) * 40)
    _refused_leaves_store_unchanged(binary, good, db)
    unknown = tmp_path / "notes.txt"
    unknown.write_text("hello\n")
    _refused_leaves_store_unchanged(unknown, good, db)


def test_the_audit_replays_the_record(imported: Store) -> None:
    result = audit(imported)
    counts = result.counts
    assert counts["lawful"] > 3000
    assert counts["unexplained"] == len(result.unexplained)
    assert all(case["rule"] for case in result.unexplained)


def test_the_record_settles_the_pre_2019_reading_of_the_one_year_rule(imported: Store) -> None:
    """Under the literal reading (a downgrade before 2019 triggers the one-year limit), the
    record holds watch-list years the statute would forbid; under the default they are
    lawful. This is why the default follows the record (law/options.py)."""
    literal = audit(imported, LawOptions(post_downgrade_counts_pre_2019=True))
    cases = {(c["country"], c["report_year"]) for c in literal.unexplained}
    assert {("Central African Republic", 2019), ("Sudan", 2019)} <= cases
    assert all(c["rule"] == "post_downgrade_limit" or "waiver" in c["reason"]
               for c in literal.unexplained)
    found = audit(imported).unexplained
    default = {(c["country"], c["report_year"]) for c in found}
    assert not {("Central African Republic", 2019), ("Sudan", 2019)} & default
    # what the default still finds follows a downgrade of 2019 or later, where both readings
    # agree (The Gambia 2021, after the 2016-2025 chapters placed its 2018 on the watch list)
    assert all(c["rule"] == "post_downgrade_limit" and "downgrade in 2019" in c["reason"]
               for c in found), found


def test_a_move_from_a_deduced_year_names_what_the_lists_leave(tmp_path: Path) -> None:
    """Bolivia 2024 is on no list we hold but absent from the complete ones: its move onto the
    2025 watch list starts from the tiers deduced, not from "unknown"."""
    from tierwatch.placements import year_view

    view = year_view(open_store(str(tmp_path / "kb.sqlite")), 2025)
    bolivia = next(item for item in view.new_on_watch_list if item["code"] == "BOL")
    assert bolivia["previous_tier"] is None
    assert bolivia["previous_placement"].startswith("Tier 2 or Special Case (deduced: absent "
                                                    "from the complete 2024")
