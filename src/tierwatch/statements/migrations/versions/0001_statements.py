"""The knowledge base: sources, statements, and the store's own bookkeeping.

Revision ID: 0001_statements
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_statements"
down_revision = None
branch_labels = ("statements",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sources",
        sa.Column("id", sa.String(200), primary_key=True),
        sa.Column("title", sa.Text, nullable=False),
        sa.Column("kind", sa.String(40), nullable=False),
        sa.Column("publisher", sa.Text),
        sa.Column("address", sa.Text),
        sa.Column("date", sa.String(20)),
        sa.Column("licence", sa.Text),
        sa.Column("coverage", sa.Text),
        sa.Column("notes", sa.Text),
        sa.Column("extra", sa.Text, nullable=False, server_default="{}"),
    )
    op.create_table(
        "statements",
        sa.Column("id", sa.String(32), primary_key=True),
        sa.Column("country", sa.String(8), nullable=False),
        sa.Column("report_year", sa.Integer),
        sa.Column("prop", sa.String(100), nullable=False),
        sa.Column("value", sa.Text, nullable=False),
        sa.Column("unit", sa.String(100)),
        sa.Column("qualifier", sa.String(100)),
        sa.Column("period", sa.String(200)),
        sa.Column("claimant", sa.Text, nullable=False),
        sa.Column("source", sa.String(200), nullable=False),
        sa.Column("locator", sa.String(200), nullable=False),
        sa.Column("excerpt", sa.Text),
        sa.Column("confidence", sa.Float, nullable=False),
        sa.Column("first_seen", sa.String(20)),
        sa.Column("last_seen", sa.String(20)),
    )
    op.create_index("ix_statements_country_year", "statements", ["country", "report_year"])
    op.create_index("ix_statements_prop_year", "statements", ["prop", "report_year"])
    op.create_index("ix_statements_source", "statements", ["source"])
    op.create_table(
        "store_state",
        sa.Column("name", sa.String(100), primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("store_state")
    op.drop_index("ix_statements_source", "statements")
    op.drop_index("ix_statements_prop_year", "statements")
    op.drop_index("ix_statements_country_year", "statements")
    op.drop_table("statements")
    op.drop_table("sources")
