"""The read and eval commands, end to end through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from tierwatch.cli import cli


def test_read_json_one_object_per_document(fixtures_dir: Path) -> None:
    files = [str(fixtures_dir / "dispute_figures.txt"), str(fixtures_dir / "hardwrapped.txt")]
    result = CliRunner().invoke(cli, ["read", "--json", *files])
    assert result.exit_code == 0, result.output
    objects = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["file"] for o in objects] == files
    for key in ("placements", "figures", "speakers", "disputes", "report_year"):
        assert key in objects[0]
    assert objects[0]["disputes"][0]["quantity"] == "prosecutions"


def test_read_is_deterministic(fixtures_dir: Path) -> None:
    files = sorted(str(p) for p in fixtures_dir.glob("*.txt"))
    first = CliRunner().invoke(cli, ["read", "--json", *files])
    second = CliRunner().invoke(cli, ["read", "--json", *files])
    assert first.exit_code == 0 and first.stdout == second.stdout


def test_a_bad_file_is_named_and_the_others_are_read(tmp_path: Path, fixtures_dir: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    good = str(fixtures_dir / "unknown_year.txt")
    result = CliRunner().invoke(cli, ["read", str(empty), good])
    assert result.exit_code == 2
    assert result.stderr.strip() == f"error: {empty}: empty document"
    assert "Laos" in result.stdout


def test_read_from_stdin() -> None:
    text = "Estonia stays in Tier 1, the 2021 Trafficking in Persons report says.\n"
    result = CliRunner().invoke(cli, ["read", "--json", "-"], input=text)
    assert result.exit_code == 0, result.output
    (document,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert document["file"] == "-" and document["report_year"] == 2021
    assert [p["tier"] for p in document["placements"]] == ["Tier 1"]


def test_eval_on_the_seeds(seeds_dir: Path) -> None:
    result = CliRunner().invoke(
        cli, ["eval", str(seeds_dir / "gold.jsonl"), "--docs", str(seeds_dir), "--json"]
    )
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["main_placement_documents_right"] == 5
    assert scores["figures"]["f1"] >= 0.85


def test_eval_lists_misses(tmp_path: Path, fixtures_dir: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text(json.dumps({
        "file": "unknown_year.txt", "country": "Laos", "report_year": 2016,
        "tier": "Tier 2 Watch List", "figures": [
            {"quantity": "victims identified", "value": 106, "claimed_by": "TIP report"},
            {"quantity": "arrests", "value": 5, "claimed_by": "government"}],
        "other_countries": [{"country": "Thailand", "tier": "Tier 3"}],
    }) + "\n")
    result = CliRunner().invoke(cli, ["eval", str(gold), "--docs", str(fixtures_dir)])
    assert result.exit_code == 0, result.output
    assert "main placement: expected Laos 2016 Tier 2 Watch List, got Laos None" in result.stdout
    assert "figure: missed arrests 5 by government" in result.stdout
    assert "other country: missed THA Tier 3" in result.stdout


def test_eval_refuses_a_malformed_gold_file(tmp_path: Path, fixtures_dir: Path) -> None:
    gold = tmp_path / "gold.jsonl"
    gold.write_text('{"file": "a.txt", "country": "Laos"}\n{not json\n')
    result = CliRunner().invoke(cli, ["eval", str(gold), "--docs", str(fixtures_dir)])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {gold}:2: not JSON")


def test_eval_reads_only_files_inside_docs(tmp_path: Path, fixtures_dir: Path) -> None:
    outside = tmp_path / "outside.txt"
    outside.write_text("Chad was placed on Tier 3.")
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "link.txt").symlink_to(outside)
    for name in (str(outside), "../outside.txt", "link.txt", "/etc/hostname"):
        gold = tmp_path / "gold.jsonl"
        gold.write_text(json.dumps({"file": name, "country": "Chad", "tier": "Tier 3"}) + "\n")
        result = CliRunner().invoke(cli, ["eval", str(gold), "--docs", str(docs)])
        assert result.exit_code == 2, (name, result.output)
        assert result.stderr.startswith("error: annotated document"), result.stderr
        assert len(result.stderr.strip().splitlines()) == 1


def test_eval_folds_split_the_annotations(seeds_dir: Path) -> None:
    def scored(*options: str) -> int:
        result = CliRunner().invoke(cli, ["eval", str(seeds_dir / "gold.jsonl"), "--docs",
                                          str(seeds_dir), "--json", *options])
        assert result.exit_code == 0, result.output
        return int(json.loads(result.stdout)["documents"])

    held_out = [scored("--folds", "3", "--fold", str(i)) for i in (1, 2, 3)]
    assert sum(held_out) == 5
    assert scored("--folds", "3", "--fold", "1", "--rest") == 5 - held_out[0]
    result = CliRunner().invoke(cli, ["eval", str(seeds_dir / "gold.jsonl"), "--docs",
                                      str(seeds_dir), "--folds", "3", "--fold", "4"])
    assert result.exit_code == 2 and result.stderr.startswith("error: --fold 4")


def test_eval_prints_confusion_tables_and_error_kinds(seeds_dir: Path) -> None:
    result = CliRunner().invoke(cli, ["eval", str(seeds_dir / "gold.jsonl"), "--docs",
                                      str(seeds_dir)])
    for name in ("country", "year", "tier", "status"):
        assert f"confusion {name}:" in result.stdout
    assert "main placement errors by kind: none" in result.stdout
    data = json.loads(CliRunner().invoke(cli, ["eval", str(seeds_dir / "gold.jsonl"),
                                               "--docs", str(seeds_dir), "--json"]).stdout)
    assert set(data["confusion"]) == {"country", "year", "tier", "status"}
    assert data["error_kinds"] == {}
