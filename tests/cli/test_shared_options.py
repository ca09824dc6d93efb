"""``--db`` and ``--json`` are declared once (``cli.app.shared_options``) for every command:
the same names, ``--db`` read from ``TIERWATCH_DB``, a blank variable meaning the default."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import CliRunner, Result

from tierwatch.cli import cli
from tierwatch.cli.app import DB_ENVVAR, shared_options


def _leaves() -> dict[str, click.Command]:
    found: dict[str, click.Command] = {}
    for name, command in cli.commands.items():
        if isinstance(command, click.Group):
            found |= {f"{name} {sub}": item for sub, item in command.commands.items()}
        else:
            found[name] = command
    return found


def test_every_db_option_reads_the_environment_variable() -> None:
    with_db = {name: param for name, command in _leaves().items() for param in command.params
               if "--db" in getattr(param, "opts", ())}
    assert len(with_db) >= 18  # every command that opens a store
    for name, param in with_db.items():
        assert param.name == "db" and param.envvar == DB_ENVVAR, name


def test_every_json_option_is_the_same_flag() -> None:
    with_json = {name: param for name, command in _leaves().items() for param in command.params
                 if "--json" in getattr(param, "opts", ())}
    assert len(with_json) >= 17
    for name, param in with_json.items():
        assert param.name == "as_json" and isinstance(param, click.Option), name
        assert param.is_flag, name


def test_the_environment_chooses_the_store_and_db_overrides_it(
        db: str, tmp_path: Path, invoke: Callable[..., Result]) -> None:
    from_env = invoke("statements", "--source", "case-lists", "--json", env={DB_ENVVAR: db})
    assert from_env.exit_code == 0, from_env.output
    assert json.loads(from_env.output)["count"] == 6
    other = str(tmp_path / "other.sqlite")
    from tierwatch.statements import open_store

    open_store(other, seed=False).engine.dispose()
    overridden = invoke("statements", "--source", "case-lists", "--json", "--db", other,
                        env={DB_ENVVAR: db})
    assert overridden.exit_code == 0, overridden.output
    assert json.loads(overridden.output)["count"] == 0


def test_a_blank_variable_is_the_default_but_a_blank_option_is_refused(
        db: str, invoke: Callable[..., Result]) -> None:
    @click.command()
    @shared_options()
    def probe(db: str | None, as_json: bool) -> None:
        click.echo(f"{db!r} {as_json}")

    runner = CliRunner()
    assert runner.invoke(probe, [], env={DB_ENVVAR: "  "}).output == "None False\n"
    assert runner.invoke(probe, ["--json"], env={DB_ENVVAR: db}).output == f"{db!r} True\n"
    assert runner.invoke(probe, ["--db", "x"], env={DB_ENVVAR: db}).output == "'x' False\n"
    refused = invoke("country", "Cambodia", "--db", "", env={DB_ENVVAR: db})
    assert refused.exit_code == 2
    assert refused.output.startswith("error: --db: empty database path")


def test_help_names_the_environment_variable(invoke: Callable[..., Result]) -> None:
    shown = invoke("country", "--help")
    assert "env var: TIERWATCH_DB" in shown.output
