"""The store's tables as SQLAlchemy Core objects (the migrations create them)."""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

sources = sa.Table(
    "sources", metadata,
    sa.Column("id", sa.String(200), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("kind", sa.String(40), nullable=False),
    sa.Column("publisher", sa.Text),
    sa.Column("address", sa.Text),
    sa.Column("date", sa.String(20)),
    sa.Column("licence", sa.Text),
    sa.Column("coverage", sa.Text),
    sa.Column("notes", sa.Text),
    sa.Column("extra", sa.Text, nullable=False),
)

statements = sa.Table(
    "statements", metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("country", sa.String(8), nullable=False),
    sa.Column("report_year", sa.Integer),
    sa.Column("prop", sa.String(100), nullable=False),
    sa.Column("value", sa.Text, nullable=False),
    sa.Column("unit", sa.String(100)),
    sa.Column("qualifier", sa.String(100)),
    sa.Column("period", sa.String(200)),
    sa.Column("breakdown", sa.String(200)),
    sa.Column("claimant", sa.Text, nullable=False),
    sa.Column("source", sa.String(200), nullable=False),
    sa.Column("locator", sa.String(200), nullable=False),
    sa.Column("excerpt", sa.Text),
    sa.Column("confidence", sa.Float, nullable=False),
    sa.Column("first_seen", sa.String(20)),
    sa.Column("last_seen", sa.String(20)),
)

store_state = sa.Table(
    "store_state", metadata,
    sa.Column("name", sa.String(100), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)
