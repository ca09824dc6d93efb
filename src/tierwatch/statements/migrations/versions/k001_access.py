"""The access branch: API tokens (only their hashes) and the audit trail of every write.

Revision ID: k001_access
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "k001_access"
down_revision = None
branch_labels = ("access",)
depends_on = "0001_statements"


def upgrade() -> None:
    op.create_table(
        "api_tokens",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", sa.String(32), nullable=False),
        sa.Column("created_by", sa.Text, nullable=False),
        sa.Column("revoked_at", sa.String(32)),
    )
    op.create_table(
        "write_audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("at", sa.String(32), nullable=False),
        sa.Column("token_id", sa.Integer),
        sa.Column("who", sa.Text, nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("action", sa.String(100), nullable=False),
        sa.Column("target", sa.Text),
        sa.Column("detail", sa.Text, nullable=False),
    )
    op.create_index("ix_write_audit_at", "write_audit", ["at"])


def downgrade() -> None:
    op.drop_index("ix_write_audit_at", "write_audit")
    op.drop_table("write_audit")
    op.drop_table("api_tokens")
