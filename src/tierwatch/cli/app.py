"""The root command group, shared by the command modules of each layer, and the options
every command shares (``shared_options``: ``--db`` from ``$TIERWATCH_DB``, ``--json``).

Commands are thin: parse, call one service (``placements.services``, ``assessment.services``,
``statements.importing``, ``statements.query``, ``reading.services``), print its answer.
Command modules import their layer lazily, inside the command function, so that
``tierwatch --help`` and quick look-ups start fast.
"""

from __future__ import annotations

import errno
import json
import re
import sys
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import click

from tierwatch import __version__
from tierwatch.errors import TierwatchError, Wording

DB_HELP = "Database file or URL (default: $TIERWATCH_DB, else a file in the user data folder)."
JSON_HELP = "Print JSON."
DB_ENVVAR = "TIERWATCH_DB"

_Command = TypeVar("_Command", bound=Callable[..., Any])


class _DbOption(click.Option):
    """``--db``, read from ``TIERWATCH_DB`` when not given; a blank variable means the
    default store (as the store itself reads it), while a blank ``--db ""`` typed on the
    command line stays an error the store names."""

    def resolve_envvar_value(self, ctx: click.Context) -> str | None:
        value = super().resolve_envvar_value(ctx)
        return value if value is None or value.strip() else None


def shared_options(*, db: bool = True, json: bool = True, db_help: str = DB_HELP,
                   json_help: str = JSON_HELP) -> Callable[[_Command], _Command]:
    """The options every command shares, declared once: ``--db`` (parameter ``db``, read
    from ``$TIERWATCH_DB`` when not given) and ``--json`` (parameter ``as_json``)."""

    def decorate(command: _Command) -> _Command:
        if db:
            command = click.option("--db", cls=_DbOption, default=None, envvar=DB_ENVVAR,
                                   show_envvar=True, help=db_help)(command)
        if json:
            command = click.option("--json", "as_json", is_flag=True, help=json_help)(command)
        return command

    return decorate


def print_json(payload: Any) -> None:
    """The ``--json`` output of every command: indented, non-ASCII kept."""
    click.echo(json.dumps(payload, indent=2, ensure_ascii=False))


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def printable(text: str) -> str:
    """``text`` safe for a terminal on one line: newlines, escape codes and other control
    characters (and bidirectional overrides) shown as ``\\x..`` escapes, never raw."""
    text = text.replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")
    return _CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}"
                        if ord(match.group()) < 0x100 else f"\\u{ord(match.group()):04x}", text)


def fail(message: str) -> None:
    """The one ``error:`` line on stderr and exit status 2."""
    click.echo(f"error: {printable(message)}", err=True)
    sys.exit(2)


class WholeNumber(click.ParamType):
    """An integer option or argument in ASCII digits: click's ``int`` would take "٢٠٢٦"."""

    name = "integer"

    def convert(self, value: Any, param: click.Parameter | None,
                ctx: click.Context | None) -> int:
        if isinstance(value, int) and not isinstance(value, bool):
            return value
        text = str(value).strip()
        digits = text.removeprefix("-")
        if not (digits.isascii() and digits.isdigit()) or len(digits) > 18:
            self.fail(f"{printable(str(value))!r} is not a whole number in digits 0-9", param,
                      ctx)
        return int(text)


WHOLE_NUMBER = WholeNumber()


def flag_of(name: str) -> str:
    """The command line's option for a service's input: ``against_record`` is
    ``--against-record`` (every command names its options after the service's keywords)."""
    return "--" + name.replace("_", "-")


WORDING = Wording(label=flag_of, turn_on="give {label}", turn_off="leave out {label}",
                  give="give {label}")
"""A refusal in the command line's words: the flags to give or leave out."""


def _os_error_line(error: OSError) -> str:
    name = error.filename if error.filename is not None else "file"
    reason = {errno.ENOSPC: "the disk is full", errno.EROFS: "read-only file system",
              errno.EACCES: "permission denied", errno.EISDIR: "is a folder",
              errno.ENOENT: "no such file or folder"}.get(error.errno or 0,
                                                          error.strerror or str(error))
    return f"{name}: {reason}"


class TierwatchGroup(click.Group):
    """Every failure a user can cause becomes one ``error:`` line on stderr and exit status 2:
    the project's ``TierwatchError``, click's usage errors, and the operating system's or
    database's refusals (a full disk, a read-only folder, a locked or unreachable store)."""

    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             **extra: Any) -> Any:
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False,
                                  **extra)
        except click.ClickException as error:
            context = getattr(error, "ctx", None)
            where = context.command_path + ": " if context is not None else ""
            fail(where + " ".join(error.format_message().split()))
        except click.Abort:
            fail("interrupted")
        if not standalone_mode:
            return result
        sys.exit(result if isinstance(result, int) else 0)

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except TierwatchError as error:
            fail(error.worded(WORDING))
        except BrokenPipeError:
            sys.exit(0)  # the reader of our output went away (e.g. | head): not an error
        except OSError as error:
            fail(_os_error_line(error))
        except RecursionError:
            fail("input nested too deeply to read")
        except Exception as error:
            if not _is_database_error(error):
                raise
            fail(_database_line(error))


def _is_database_error(error: Exception) -> bool:
    """A refusal of the database driver (imported lazily: look-ups start without SQLAlchemy)."""
    import sqlite3

    exc = sys.modules.get("sqlalchemy.exc")
    return isinstance(error, sqlite3.Error) or (
        exc is not None and isinstance(error, exc.DBAPIError))


def _database_line(error: Exception) -> str:
    cause = getattr(error, "orig", None) or error
    lines = str(cause).strip().splitlines()
    return "database: " + (lines[0] if lines else cause.__class__.__name__)


@click.group(cls=TierwatchGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="tierwatch")
def cli() -> None:
    """tierwatch: the TIP Report tier system as code (law, placements, evidence, consequences)."""
