"""The root command group, shared by the command modules of each layer.

Command modules import their layer lazily, inside the command function, so that
``tierwatch --help`` and quick look-ups start fast.
"""

from __future__ import annotations

import json
import sys
from typing import Any

import click

from tierwatch import __version__
from tierwatch.errors import TierwatchError

DB_HELP = "Database file or URL (default: $TIERWATCH_DB, else a file in the user data folder)."


def print_json(payload: Any) -> None:
    """The ``--json`` output of every command: indented, non-ASCII kept."""
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


class TierwatchGroup(click.Group):
    """Turns a ``TierwatchError`` into one line on stderr and exit status 2, with no traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TierwatchError as error:
            click.echo(f"error: {error}", err=True)
            sys.exit(2)


@click.group(cls=TierwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tierwatch")
def cli() -> None:
    """tierwatch: the TIP Report tier system as code (law, placements, evidence, consequences)."""
