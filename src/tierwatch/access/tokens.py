"""API tokens and the write audit.

A token is 32 random bytes (``secrets``), shown once when made; the store keeps only its
SHA-256 (a token has far more entropy than a password, so a fast hash cannot be searched
backwards), so a copy of the database gives no usable token. A revoked token stays listed
with its revocation time. Every write through the API adds one audit row in the write's
own transaction: a write that fails or is refused leaves neither data nor audit row.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from typing import Any

import sqlalchemy as sa
import yaml

from tierwatch.errors import InvalidInputError
from tierwatch.statements.store import Store, store_clock

TOKEN_PREFIX = "tw_"

metadata = sa.MetaData()
tokens_table = sa.Table(
    "api_tokens", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
    sa.Column("created_at", sa.String(32), nullable=False),
    sa.Column("created_by", sa.Text, nullable=False),
    sa.Column("revoked_at", sa.String(32)),
)
audit_table = sa.Table(
    "write_audit", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("at", sa.String(32), nullable=False),
    sa.Column("token_id", sa.Integer),
    sa.Column("who", sa.Text, nullable=False),
    sa.Column("role", sa.String(20), nullable=False),
    sa.Column("action", sa.String(100), nullable=False),
    sa.Column("target", sa.Text),
    sa.Column("detail", sa.Text, nullable=False),
)


@cache
def _roles() -> dict[str, dict[str, Any]]:
    text = resources.files("tierwatch.access").joinpath("roles.yaml").read_text("utf-8")
    return dict(yaml.safe_load(text))


ROLES: tuple[str, ...] = tuple(_roles())


def may(role: str, needed: str) -> bool:
    """Whether a token of ``role`` may make a write that needs ``needed``."""
    entry = _roles().get(role)
    return entry is not None and (role == needed or needed in entry["includes"])


@dataclass(frozen=True)
class TokenInfo:
    id: int
    name: str
    role: str
    created_at: str
    created_by: str
    revoked_at: str | None

    @property
    def active(self) -> bool:
        return self.revoked_at is None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "active": self.active}


@dataclass(frozen=True)
class AuditEntry:
    id: int
    at: str
    token_id: int | None
    who: str
    role: str
    action: str
    target: str | None
    detail: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def token_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


def _token(row: Any) -> TokenInfo:
    return TokenInfo(id=int(row.id), name=row.name, role=row.role, created_at=row.created_at,
                     created_by=row.created_by, revoked_at=row.revoked_at)


def create_token(store: Store, name: str, role: str, created_by: str,
                 connection: sa.Connection | None = None) -> tuple[TokenInfo, str]:
    """A new token: its description and the secret (which is not kept: show it once)."""
    if role not in ROLES:
        raise InvalidInputError(f"role {role!r}: expected one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 200 or not name.isprintable():
        raise InvalidInputError(f"name {name!r}: expected a short printable name for the "
                                "token's holder")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    if connection is None:
        with store.transaction() as own:
            return create_token(store, name, role, created_by, own)
    at = store_clock(connection)
    new_id = connection.execute(tokens_table.insert().values(
        name=name, role=role, token_hash=token_hash(secret), created_at=at,
        created_by=created_by)).inserted_primary_key
    assert new_id is not None
    return TokenInfo(int(new_id[0]), name, role, at, created_by, None), secret


def list_tokens(store: Store) -> list[TokenInfo]:
    with store.engine.connect() as connection:
        rows = connection.execute(tokens_table.select().order_by(tokens_table.c.id)).all()
    return [_token(row) for row in rows]


def revoke_token(store: Store, which: str | int,
                 connection: sa.Connection | None = None) -> TokenInfo:
    """Revoke the token with this id (or this name, when only one active token has it)."""
    if connection is None:
        with store.transaction() as own:
            return revoke_token(store, which, own)
    table = tokens_table
    if isinstance(which, int) or str(which).isdigit():
        rows = connection.execute(table.select().where(table.c.id == int(which))).all()
    else:
        rows = connection.execute(table.select().where(
            table.c.name == which, table.c.revoked_at.is_(None))).all()
    if not rows:
        raise InvalidInputError(f"token {which!r}: no such active token")
    if len(rows) > 1:
        raise InvalidInputError(f"token {which!r}: {len(rows)} active tokens have that name; "
                                "give the id (tierwatch token list)")
    row = rows[0]
    if row.revoked_at is not None:
        raise InvalidInputError(f"token {which!r}: already revoked at {row.revoked_at}")
    at = store_clock(connection)
    connection.execute(table.update().where(table.c.id == row.id).values(revoked_at=at))
    return replace_revoked(_token(row), at)


def replace_revoked(token: TokenInfo, at: str) -> TokenInfo:
    return TokenInfo(token.id, token.name, token.role, token.created_at, token.created_by, at)


def authenticate(store: Store, secret: str) -> TokenInfo | None:
    """The active token whose hash matches, or None (unknown or revoked)."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 200:
        return None
    with store.engine.connect() as connection:
        row = connection.execute(tokens_table.select().where(
            tokens_table.c.token_hash == token_hash(secret))).first()
    if row is None or row.revoked_at is not None:
        return None
    return _token(row)


def record_write(connection: sa.Connection, token: TokenInfo, action: str,
                 target: str | None, detail: dict[str, Any]) -> None:
    """One audit row, inside the write's own transaction."""
    connection.execute(audit_table.insert().values(
        at=store_clock(connection), token_id=token.id, who=token.name, role=token.role,
        action=action, target=target,
        detail=json.dumps(detail, sort_keys=True, ensure_ascii=False)))


def audit_trail(store: Store, limit: int = 1000) -> list[AuditEntry]:
    """The latest writes, newest first."""
    with store.engine.connect() as connection:
        rows = connection.execute(audit_table.select().order_by(audit_table.c.id.desc())
                                  .limit(limit)).all()
    return [AuditEntry(int(row.id), row.at, row.token_id, row.who, row.role, row.action,
                       row.target, json.loads(row.detail)) for row in rows]
