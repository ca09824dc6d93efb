"""The assessment branch: the decision log becomes a hash chain, and append-only for real.

Adds ``against_record`` (a decision that contradicts the published record), and
``previous_hash``/``entry_hash`` (each entry carries the hash of the one before it); entries
already in the log are chained in their order. New triggers refuse an insert that is not
past the last entry (which stops SQLite's REPLACE, whose implicit delete fires no trigger
without recursive triggers) or that does not point at the last entry's hash; on PostgreSQL
also TRUNCATE.

Revision ID: a002_decision_chain
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "a002_decision_chain"
down_revision = "a001_decisions"
branch_labels = None
depends_on = None

_GENESIS = "0" * 64
_CONTENT = ("id", "country", "report_year", "tier", "waiver", "justification", "author",
            "proposed_tier", "departs_from_proposal", "evidence_digest", "recorded_at",
            "against_record")
_REFUSE = "the decision log is append-only"


def _hash(row: dict[str, Any], previous: str) -> str:
    """A frozen copy of the log's entry hash (migrations do not import the code)."""
    content = {name: row[name] for name in _CONTENT}
    content["waiver"] = bool(content["waiver"])
    content["against_record"] = bool(content["against_record"])
    if content["departs_from_proposal"] is not None:
        content["departs_from_proposal"] = bool(content["departs_from_proposal"])
    text = json.dumps({"previous": previous, "entry": content}, sort_keys=True,
                      ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    if dialect == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS decisions_no_update")
    else:
        op.execute("DROP TRIGGER IF EXISTS decisions_append_only ON decisions")
    op.add_column("decisions", sa.Column("against_record", sa.Boolean))
    op.add_column("decisions", sa.Column("previous_hash", sa.String(64)))
    op.add_column("decisions", sa.Column("entry_hash", sa.String(64)))
    rows = bind.execute(sa.text(
        f"SELECT {', '.join(_CONTENT)} FROM decisions ORDER BY id")).mappings().all()
    previous = _GENESIS
    for row in rows:
        data = {**dict(row), "against_record": False}
        digest = _hash(data, previous)
        bind.execute(sa.text("UPDATE decisions SET against_record = :no, previous_hash = :p, "
                             "entry_hash = :h WHERE id = :id"),
                     {"no": False, "p": previous, "h": digest, "id": row["id"]})
        previous = digest
    if dialect == "sqlite":
        op.execute("CREATE TRIGGER decisions_no_update BEFORE UPDATE ON decisions "
                   f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END")
        op.execute(
            "CREATE TRIGGER decisions_append_at_end BEFORE INSERT ON decisions "
            "WHEN NEW.id IS NULL OR NEW.id <> COALESCE((SELECT MAX(id) FROM decisions), 0) + 1 "
            "OR NEW.previous_hash IS NOT COALESCE((SELECT entry_hash FROM decisions "
            f"ORDER BY id DESC LIMIT 1), '{_GENESIS}') OR NEW.entry_hash IS NULL "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}: an entry goes after the last one and "
            "carries its hash'); END")
    elif dialect == "postgresql":
        op.execute("CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions "
                   "FOR EACH ROW EXECUTE FUNCTION decisions_append_only()")
        op.execute("CREATE TRIGGER decisions_no_truncate BEFORE TRUNCATE ON decisions "
                   "FOR EACH STATEMENT EXECUTE FUNCTION decisions_append_only()")
        op.execute(
            "CREATE OR REPLACE FUNCTION decisions_append_at_end() RETURNS trigger AS $$ BEGIN "
            "IF NEW.id IS NULL OR NEW.id <> COALESCE((SELECT MAX(id) FROM decisions), 0) + 1 "
            "OR NEW.previous_hash IS DISTINCT FROM COALESCE((SELECT entry_hash FROM decisions "
            f"ORDER BY id DESC LIMIT 1), '{_GENESIS}') OR NEW.entry_hash IS NULL THEN "
            f"RAISE EXCEPTION '{_REFUSE}: an entry goes after the last one and carries its "
            "hash'; END IF; RETURN NEW; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER decisions_append_at_end BEFORE INSERT ON decisions "
                   "FOR EACH ROW EXECUTE FUNCTION decisions_append_at_end()")


def downgrade() -> None:
    raise NotImplementedError("the decision chain is not taken apart")
