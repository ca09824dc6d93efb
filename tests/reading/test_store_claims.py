"""``tierwatch read --store``: claims become statements of the knowledge base, sourced to the
document, stored once, and a failed file stores nothing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tierwatch.statements import open_store


def _read(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tierwatch.cli", "read", *args],
                          capture_output=True, text=True, check=False)


def test_stored_claims_name_their_document_and_place(fixtures_dir: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    document = fixtures_dir / "dispute_figures.txt"
    first = _read(str(document), "--store", "--db", db)
    assert first.returncode == 0, first.stderr
    store = open_store(db)
    held = [s for s in store.statements(country="NPL") if s.source.startswith(document.name + "#")]
    props = {s.prop for s in held}
    assert "tier" in props and "convictions" in props
    assert all(s.locator.startswith("chars ") and s.excerpt for s in held)
    claimants = {s.claimant for s in held if s.prop == "prosecutions"}
    assert len(claimants) == 2  # the ministry and the report disagree, both kept
    source_ids = {source.id for source in store.sources()}
    assert held[0].source in source_ids
    before = store.content_digest()
    again = _read(str(document), "--store", "--db", db)
    assert again.returncode == 0 and "(0 new)" in again.stderr
    assert open_store(db).content_digest() == before


def test_a_bad_file_in_the_batch_stores_nothing_of_itself(fixtures_dir: Path,
                                                          tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    result = _read(str(empty), str(fixtures_dir / "relegated_and_promoted.txt"), "--store",
                   "--db", db)
    assert result.returncode == 2 and "empty.txt" in result.stderr
    store = open_store(db)
    assert not [s for s in store.statements() if s.source.startswith(empty.name + "#")]
    assert [s for s in store.statements() if "relegated_and_promoted" in s.source]


def test_a_claim_that_is_not_official_is_stored_with_its_status(tmp_path: Path) -> None:
    db = str(tmp_path / "kb.sqlite")
    article = tmp_path / "leak.txt"
    article.write_text("Officials not authorized to speak publicly said on Monday that Kuwait "
                       "will be downgraded to Tier 3 in the report due on Tuesday.\n\n"
                       "The report placed Eritrea on Tier 3.\n")
    result = _read(str(article), "--store", "--db", db)
    assert result.returncode == 0, result.stderr
    held = {s.country: s for s in open_store(db).statements() if s.prop == "tier"
            and s.source.startswith("leak.txt#")}
    assert (held["KWT"].qualifier, held["KWT"].claimant) == ("status leaked", "article")
    assert (held["ERI"].qualifier, held["ERI"].claimant) == ("status official", "TIP report")
