"""README's command table and the CLI agree: every command and subcommand of ``tierwatch``
has a row, and every row names a real command."""

from __future__ import annotations

import re
from pathlib import Path

import click

from tierwatch.cli import cli

README = Path(__file__).resolve().parents[2] / "README.md"


def _table_rows() -> list[str]:
    """The first cells of the table under '## Commands'."""
    text = README.read_text(encoding="utf-8")
    section = text.split("\n## Commands", 1)[1].split("\n## ", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| `")]
    assert rows, "README has no command table under '## Commands'"
    return [row.split(" | ", 1)[0] for row in rows]


def _named(cell: str) -> list[tuple[str, ...]]:
    """The command paths a cell names: each code span, 'tierwatch' dropped, then the command
    and, for a group, its subcommand (``stats coverage``)."""
    paths = []
    for span in re.findall(r"`([^`]+)`", cell):
        words = span.split()
        if words and words[0] == "tierwatch":
            words = words[1:]
        if not words or words[0].startswith("-"):
            continue
        command = cli.commands.get(words[0])
        if isinstance(command, click.Group) and len(words) > 1:
            paths.append((words[0], words[1]))
        else:
            paths.append((words[0],))
    return paths


def _commands() -> set[tuple[str, ...]]:
    found: set[tuple[str, ...]] = set()
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            found |= {(name, sub) for sub in command.commands}
        else:
            found.add((name,))
    return found


def test_every_command_has_a_row() -> None:
    named = {path for cell in _table_rows() for path in _named(cell)}
    missing = sorted(" ".join(path) for path in _commands() - named)
    assert not missing, f"commands without a row in README's table: {missing}"


def test_every_row_names_a_real_command() -> None:
    real = _commands()
    for cell in _table_rows():
        paths = _named(cell)
        assert paths, f"a row names no command: {cell}"
        unknown = [" ".join(path) for path in paths if path not in real]
        assert not unknown, f"README names commands tierwatch lacks: {unknown} ({cell})"


def test_a_row_for_a_missing_command_is_caught() -> None:
    """The check itself can fail: a made-up command is not taken for a real one."""
    assert _named("| `tierwatch frobnicate X`") == [("frobnicate",)]
    assert ("frobnicate",) not in _commands()
    assert _named("`stats coverage`, `stats nonsense`") == [("stats", "coverage"),
                                                              ("stats", "nonsense")]
