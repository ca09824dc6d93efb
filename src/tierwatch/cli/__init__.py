"""The ``tierwatch`` command: thin, parses arguments, calls the layers, prints.

Each layer's commands live in their own module; importing them registers them on ``cli``.
"""

from __future__ import annotations

from tierwatch.cli import (  # noqa: F401  (imported to register their commands)
    assessment_commands,
    calendar_commands,
    data_commands,
    law_commands,
    reading_commands,
    serve_commands,
    stats_commands,
    token_commands,
)
from tierwatch.cli.app import cli


def main() -> None:
    cli()


__all__ = ["cli", "main"]
