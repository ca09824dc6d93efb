"""The assessment branch: stored evidence, kept as recorded.

Each row is one evidence document (canonical JSON) for a country and report year, its
SHA-256 digest (what a decision's ``evidence_digest`` names), who recorded it (the token's
holder) and when (the store's clock). Evidence a decision points to must not change under
it: triggers refuse UPDATE and DELETE (on PostgreSQL also TRUNCATE).

Revision ID: a003_evidence
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "a003_evidence"
down_revision = "a002_decision_chain"
branch_labels = None
depends_on = None

_REFUSE = "stored evidence is kept as recorded"


def upgrade() -> None:
    op.create_table(
        "evidence",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("report_year", sa.Integer, nullable=False),
        sa.Column("document", sa.Text, nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("recorded_by", sa.Text, nullable=False),
        sa.Column("recorded_at", sa.String(32), nullable=False),
    )
    op.create_index("ix_evidence_country_year", "evidence", ["country", "report_year"])
    op.create_index("ix_evidence_digest", "evidence", ["digest"])
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for action in ("UPDATE", "DELETE"):
            op.execute(f"CREATE TRIGGER evidence_no_{action.lower()} BEFORE {action} ON "
                       f"evidence BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END")
    elif dialect == "postgresql":
        op.execute("CREATE FUNCTION evidence_kept() RETURNS trigger AS $$ BEGIN "
                   f"RAISE EXCEPTION '{_REFUSE}'; END; $$ LANGUAGE plpgsql")
        op.execute("CREATE TRIGGER evidence_kept BEFORE UPDATE OR DELETE ON evidence "
                   "FOR EACH ROW EXECUTE FUNCTION evidence_kept()")
        op.execute("CREATE TRIGGER evidence_no_truncate BEFORE TRUNCATE ON evidence "
                   "FOR EACH STATEMENT EXECUTE FUNCTION evidence_kept()")


def downgrade() -> None:
    op.drop_table("evidence")
