"""A figure's part is a column of its own: ``breakdown`` ("for rape" of arrests, "labour" of
convictions), no longer folded into the property's name.

Statements stored before it carry the part in ``prop`` ("convictions (labour)", the world
table; "arrests for rape", the reader's ``<quantity> <part>``): each whose property starts
with one of the counted properties of the registry as it was when this was written (the
frozen list below; migrations do not import the code) is split into the property and its
breakdown, and takes the id the same statement gets today (a frozen copy of the id), so that
importing or reading the same thing again adds nothing. A split statement whose new id is
already held is merged into it (the wider first/last seen dates kept).

Revision ID: 0002_breakdown
"""

from __future__ import annotations

import hashlib
from typing import Any

import sqlalchemy as sa
from alembic import op

revision = "0002_breakdown"
down_revision = "0001_statements"
branch_labels = None
depends_on = None

_COUNTED = ("investigations", "arrests", "cases", "prosecutions", "convictions",
            "victims identified", "victims rescued", "victims repatriated", "victims assisted",
            "prevalence estimate", "population", "new or amended legislation")
_IDENTITY = ("country", "report_year", "prop", "value", "unit", "qualifier", "period",
             "claimant", "source", "locator")


def split(prop: str) -> tuple[str, str] | None:
    """'convictions (labour)' -> ('convictions', 'labour'); None for a property as it is."""
    if prop in _COUNTED:
        return None
    for name in sorted(_COUNTED, key=len, reverse=True):
        if prop.startswith(name + " "):
            rest = prop[len(name) + 1:].strip()
            if rest.startswith("(") and rest.endswith(")"):
                rest = rest[1:-1].strip()
            if rest:
                return name, rest
    return None


def statement_id(row: dict[str, Any]) -> str:
    """A frozen copy of ``Statement.id`` with the breakdown (set) as this revision made it."""
    parts = ["\x00" if row[name] is None else str(row[name]) for name in _IDENTITY]
    if row["breakdown"] is not None:
        parts.append(f"breakdown={row['breakdown']}")
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


def upgrade() -> None:
    op.add_column("statements", sa.Column("breakdown", sa.String(200)))
    bind = op.get_bind()
    props = bind.execute(sa.text("SELECT DISTINCT prop FROM statements")).scalars().all()
    columns = ", ".join(("id", *_IDENTITY, "first_seen", "last_seen"))
    for prop in props:
        parts = split(prop)
        if parts is None:
            continue
        rows = bind.execute(sa.text(f"SELECT {columns} FROM statements WHERE prop = :prop"),
                            {"prop": prop}).mappings().all()
        for row in rows:
            moved = {**dict(row), "prop": parts[0], "breakdown": parts[1]}
            new_id = statement_id(moved)
            held = bind.execute(sa.text("SELECT first_seen, last_seen FROM statements "
                                        "WHERE id = :id"), {"id": new_id}).first()
            if held is None:
                bind.execute(sa.text("UPDATE statements SET id = :new, prop = :prop, "
                                     "breakdown = :breakdown WHERE id = :old"),
                             {"new": new_id, "prop": parts[0], "breakdown": parts[1],
                              "old": row["id"]})
                continue
            firsts = [d for d in (held[0], row["first_seen"]) if d]
            lasts = [d for d in (held[1], row["last_seen"]) if d]
            bind.execute(sa.text("UPDATE statements SET first_seen = :first, last_seen = :last "
                                 "WHERE id = :id"),
                         {"first": min(firsts) if firsts else None,
                          "last": max(lasts) if lasts else None, "id": new_id})
            bind.execute(sa.text("DELETE FROM statements WHERE id = :old"), {"old": row["id"]})


def downgrade() -> None:
    raise NotImplementedError("breakdowns are not folded back into property names")
