"""The assessment branch: the append-only log of analysts' decisions.

Revision ID: a001_decisions
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a001_decisions"
down_revision = None
branch_labels = ("assessment",)
depends_on = "0001_statements"


def upgrade() -> None:
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("report_year", sa.Integer, nullable=False),
        sa.Column("tier", sa.String(40), nullable=False),
        sa.Column("waiver", sa.Boolean, nullable=False),
        sa.Column("justification", sa.Text),
        sa.Column("author", sa.Text, nullable=False),
        sa.Column("proposed_tier", sa.String(40)),
        sa.Column("departs_from_proposal", sa.Boolean),
        sa.Column("evidence_digest", sa.String(64)),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_decisions_country_year", "decisions", ["country", "report_year"])
    if op.get_bind().dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER decisions_no_{action.lower()} BEFORE {action} ON decisions "
                "BEGIN SELECT RAISE(ABORT, 'the decision log is append-only'); END")
    elif op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION decisions_append_only() RETURNS trigger AS $$ BEGIN "
            "RAISE EXCEPTION 'the decision log is append-only'; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER decisions_append_only BEFORE UPDATE OR DELETE ON decisions "
                   "FOR EACH ROW EXECUTE FUNCTION decisions_append_only()")


def downgrade() -> None:
    op.drop_table("decisions")
