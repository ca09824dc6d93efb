"""Placements: the knowledge base's statements resolved to one tier per country and year,
the history the law reads, and the views built on them (country, year, conflicts, audit).

The views return typed answers (``placements.results``; ``to_dict()`` is the CLI's JSON); the
other query services of the record (sources, world, calendar, stats, the law in force, the
clock of a history) are in ``placements.services``."""

from __future__ import annotations

from tierwatch.law import PlacementHistory
from tierwatch.placements.knowledge import (
    AUDIT_CLASSES,
    CountryRecord,
    all_records,
    audit,
    conflicts,
    country_profile,
    country_record,
    data_years,
    move,
    year_view,
)
from tierwatch.placements.resolve import Placement, resolve
from tierwatch.statements.store import StatementReader


def placement_history(reader: StatementReader, country: str) -> PlacementHistory:
    """The placement history of ``country`` (name or code) as the law engine reads it."""
    return country_record(reader, country).history


__all__ = [
    "AUDIT_CLASSES", "CountryRecord", "Placement", "all_records", "audit",
    "conflicts", "country_profile", "country_record", "data_years", "move",
    "placement_history", "resolve", "year_view",
]
