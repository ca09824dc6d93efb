"""The statements query: every stored fact with its source, filtered and a page at a time.

Filters are exact (country code, report year, property, breakdown, claimant, source); the
order is the
store's (country, year, property, source, place), so pages are stable between calls
on the same data. Country names are the countries layer's business: callers pass a code
(``tierwatch.countries.lookup(name).code``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tierwatch.errors import InvalidInputError
from tierwatch.statements.model import Statement
from tierwatch.statements.store import StatementReader

MAX_LIMIT = 1000
"""The largest page a caller may ask for."""


@dataclass(frozen=True)
class StatementPage:
    """One page of the statements that pass the filters, with the total and where the next
    page starts (None on the last page)."""

    count: int  # statements passing the filters, in all pages
    offset: int
    limit: int
    filters: dict[str, Any]  # the filters given, by name (country, year, property, ...)
    statements: tuple[Statement, ...]

    @property
    def next_offset(self) -> int | None:
        following = self.offset + self.limit
        return following if following < self.count else None

    def to_dict(self) -> dict[str, Any]:
        return {"count": self.count, "offset": self.offset, "limit": self.limit,
                "filters": dict(self.filters),
                "statements": [s.to_dict() for s in self.statements],
                "next_offset": self.next_offset}


def query_statements(reader: StatementReader, *, country: str | None = None,
                     report_year: int | None = None, prop: str | None = None,
                     claimant: str | None = None, source: str | None = None,
                     breakdown: str | None = None, offset: int = 0,
                     limit: int = 100) -> StatementPage:
    """The statements passing every filter given, from ``offset``, at most ``limit``."""
    if isinstance(offset, bool) or not isinstance(offset, int) or offset < 0:
        raise InvalidInputError(f"offset {offset!r}: expected a whole number 0 or more")
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise InvalidInputError(f"limit {limit!r}: expected a whole number from 1 to "
                                f"{MAX_LIMIT}")
    found = reader.statements(country=country, report_year=report_year, prop=prop,
                              source=source)
    if claimant is not None:
        found = [s for s in found if s.claimant == claimant]
    if breakdown is not None:
        found = [s for s in found if s.breakdown == breakdown]
    filters = {name: value for name, value in (
        ("country", country), ("year", report_year), ("property", prop),
        ("breakdown", breakdown), ("claimant", claimant), ("source", source))
        if value is not None}
    return StatementPage(len(found), offset, limit, filters,
                         tuple(found[offset:offset + limit]))
