"""``tierwatch token``: the API's write tokens (create, list, revoke)."""

from __future__ import annotations

import getpass

import click

from tierwatch.cli.app import cli, print_json, printable, shared_options


@cli.group()
def token() -> None:
    """Tokens for the REST API's writes: roles analyst (readings, evidence, decisions; and
    reading the stored evidence) and admin (imports, tokens). Only a hash is stored; the
    token is shown once."""


@token.command()
@click.option("--role", required=True, type=click.Choice(["analyst", "admin"]),
              help="analyst: stored readings, evidence and decisions; admin: imports and "
                   "tokens too.")
@click.option("--name", required=True, help="Who holds the token (shown in the audit trail).")
@shared_options()
def create(role: str, name: str, as_json: bool, db: str | None) -> None:
    """Make a token; its secret is printed once and never stored."""
    from tierwatch.access import create_token
    from tierwatch.statements import open_store

    made, secret = create_token(open_store(db), name, role, f"cli:{getpass.getuser()}")
    if as_json:
        print_json({**made.to_dict(), "token": secret})
        return
    click.echo(secret)
    click.echo(f"token {made.id} for {printable(made.name)} ({made.role}); keep it now: "
               "only its hash is stored", err=True)


@token.command(name="list")
@shared_options()
def list_command(as_json: bool, db: str | None) -> None:
    """The tokens made: id, holder, role, when made, whether revoked (never the secret)."""
    from tierwatch.access import list_tokens
    from tierwatch.statements import open_store

    found = list_tokens(open_store(db))
    if as_json:
        print_json([t.to_dict() for t in found])
        return
    if not found:
        click.echo("no tokens")
    for item in found:
        state = f"revoked {item.revoked_at}" if item.revoked_at else "active"
        click.echo(f"{item.id}  {printable(item.name)}  {item.role}  made {item.created_at} "
                   f"by {printable(item.created_by)}  {state}")


@token.command()
@click.argument("which")
@shared_options(json=False)
def revoke(which: str, db: str | None) -> None:
    """Revoke the token WHICH (its id, or its holder's name if only one is active)."""
    from tierwatch.access import revoke_token
    from tierwatch.statements import open_store

    revoked = revoke_token(open_store(db), which)
    click.echo(f"revoked token {revoked.id} of {printable(revoked.name)} at "
               f"{revoked.revoked_at}")
