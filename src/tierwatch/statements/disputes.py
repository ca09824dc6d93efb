"""Disputed figures: one definition for the reader, the reports, the country views and the API.

A figure is disputed when two or more statements give it (the same country, report year,
property, breakdown, unit and period) with values that cannot all be true, and the
disagreement is between different claimants. The decisions, each with its case in
``tests/statements/cases/disputes.yaml``:

- The same claimant giving two values is not a dispute: a party's own two counts (a chapter
  and its table, a revision) are not a disagreement between parties. Its values are listed
  among the claims when another claimant disagrees. Claimants are the same when their names
  are, ignoring case.
- A qualified figure ("more than 300") allows a range of values (``figure_qualifiers.yaml``):
  two figures disagree when no value is allowed by both, so "more than 300" against 350 is
  no dispute and against 250 it is. A qualifier not in that table cannot be compared, and a
  value that is not a number is compared as text, only without a qualifier.
- A figure whose period is unknown is compared with nothing: without a period the two
  numbers may count different years.
- An unknown report year is compared only within one source (a document speaks of one
  report year even when it does not say which); across sources it is compared with nothing.
- Units must be the same (ignoring case): 14 girls and 300 victims identified count
  different things.
- Only figures: placements, moves, waivers, stances, 3P scores and release dates are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from functools import cache
from importlib import resources
from typing import Any

from tierwatch.statements.locator import order_key
from tierwatch.statements.model import (
    MOVE,
    PREVIOUS_TIER,
    REPORT_RELEASED,
    SPEAKER_STANCE,
    TIER,
    WAIVER,
    Statement,
)
from tierwatch.statements.properties import figure_label, lookup

QUALIFIERS_FILE = "figure_qualifiers.yaml"
_NOT_FIGURES = frozenset({TIER, WAIVER, PREVIOUS_TIER, MOVE, SPEAKER_STANCE, REPORT_RELEASED})
_NUMBER = re.compile(r"[0-9]+(?:\.[0-9]+)?")
_BOUND = re.compile(r"(?:(?P<factor>[0-9]+(?:\.[0-9]+)?)?(?P<n>N)|(?P<number>[0-9]+)|"
                    r"(?P<inf>inf))")
_INTERVAL = re.compile(r"(?P<open>[\[(])\s*(?P<low>[^,]+?)\s*,\s*(?P<high>[^,]+?)\s*"
                       r"(?P<close>[\])])")


def is_figure(prop: str) -> bool:
    """A property the registry types as a count (a property it does not know, from a store
    older than it: any that is not a placement fact, a stance, a release date or a 3P
    score)."""
    registered = lookup(prop)
    if registered is not None:
        return registered.type == "count"
    return prop not in _NOT_FIGURES and not prop.startswith("3p ")


@dataclass(frozen=True, slots=True)
class Allowed:
    """The values a figure allows: from ``low`` to ``high`` (None: no bound), each bound
    included or not."""

    low: Fraction | None
    low_included: bool
    high: Fraction | None
    high_included: bool

    def meets(self, other: Allowed) -> bool:
        """Whether some value is allowed by both."""
        return _below(self.low, self.low_included, other.high, other.high_included) and (
            _below(other.low, other.low_included, self.high, self.high_included))


def _below(low: Fraction | None, low_in: bool, high: Fraction | None, high_in: bool) -> bool:
    if low is None or high is None:
        return True
    return low < high or (low == high and low_in and high_in)


@dataclass(frozen=True, slots=True)
class _Range:
    """A qualifier's interval, as factors of the stated number (None: no bound)."""

    low: tuple[Fraction, bool] | None  # (value, scales with N)
    low_included: bool
    high: tuple[Fraction, bool] | None
    high_included: bool

    def of(self, number: Fraction) -> Allowed:
        def bound(part: tuple[Fraction, bool] | None) -> Fraction | None:
            return None if part is None else part[0] * number if part[1] else part[0]

        return Allowed(bound(self.low), self.low_included, bound(self.high),
                       self.high_included)


def _bound(text: str, where: str) -> tuple[Fraction, bool] | None:
    match = _BOUND.fullmatch(text)
    if match is None:
        raise ValueError(f"{QUALIFIERS_FILE}: {where}: bound {text!r} is not N, xN, a number "
                         "or inf")
    if match["inf"]:
        return None
    if match["n"]:
        return Fraction(match["factor"] or "1"), True
    return Fraction(match["number"]), False


def parse_range(text: str, where: str = "allows") -> _Range:
    """``"[0.9N, 1.1N]"`` as a range of N (the file's notation)."""
    match = _INTERVAL.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"{QUALIFIERS_FILE}: {where}: {text!r} is not an interval like "
                         "'[N, inf)'")
    return _Range(_bound(match["low"], where), match["open"] == "[",
                  _bound(match["high"], where), match["close"] == "]")


@cache
def qualifier_ranges() -> dict[str, _Range]:
    """Each qualifier the file lists, with the range of N it allows."""
    import yaml

    entries = yaml.safe_load(resources.files("tierwatch.statements").joinpath(
        QUALIFIERS_FILE).read_text(encoding="utf-8"))
    return {entry["qualifier"]: parse_range(entry["allows"], entry["qualifier"])
            for entry in entries}


_EXACT = _Range((Fraction(1), True), True, (Fraction(1), True), True)


def allowed(value: str, qualifier: str | None) -> Allowed | None:
    """The values a figure of ``value`` with ``qualifier`` allows; None when that cannot be
    said (a value that is not a number, a qualifier the file does not list)."""
    if not _NUMBER.fullmatch(value):
        return None
    shape = _EXACT if qualifier is None else qualifier_ranges().get(qualifier.strip().lower())
    return None if shape is None else shape.of(Fraction(value))


def disagree(first: Statement, second: Statement) -> bool:
    """Whether the two figures' values cannot both be true."""
    one, other = allowed(first.value, first.qualifier), allowed(second.value, second.qualifier)
    if one is not None and other is not None:
        return not one.meets(other)
    if first.qualifier is None and second.qualifier is None and not (
            _NUMBER.fullmatch(first.value) and _NUMBER.fullmatch(second.value)):
        return first.value.strip().lower() != second.value.strip().lower()
    return False


def same_claimant(first: Statement, second: Statement) -> bool:
    return first.claimant.strip().lower() == second.claimant.strip().lower()


def _subject(statement: Statement) -> tuple[object, ...] | None:
    """What a figure counts; None for a statement compared with nothing."""
    if not is_figure(statement.prop) or statement.period is None:
        return None
    within = statement.source if statement.report_year is None else ""
    return (statement.country, statement.report_year is None, statement.report_year or 0,
            statement.prop, statement.breakdown or "", statement.period,
            (statement.unit or "").lower(), within)


def _claim_order(statement: Statement) -> tuple[object, ...]:
    return (statement.claimant, statement.value, statement.source,
            order_key(statement.locator))


@dataclass(frozen=True, slots=True)
class Dispute:
    """One figure given different values by different claimants, with every statement of it
    (``claims``, by claimant, value, source and place)."""

    country: str
    report_year: int | None
    prop: str
    period: str
    unit: str | None
    claims: tuple[Statement, ...]
    breakdown: str | None = None  # the part of the figure counted, if any

    def pairs(self) -> list[tuple[Statement, Statement]]:
        """The claims that disagree, two by two, from different claimants; a claim repeated
        (the same claimant, value and qualifier) is paired once, by its first statement."""
        return _pairs(self.claims)

    def to_dict(self) -> dict[str, Any]:
        return {"report_year": self.report_year,
                "quantity": figure_label(self.prop, self.breakdown), "period": self.period,
                "unit": self.unit,
                "claims": [{"value": s.value, "qualifier": s.qualifier, "claimant": s.claimant,
                            "source": s.source, "locator": s.locator} for s in self.claims]}


def _pairs(claims: Iterable[Statement]) -> list[tuple[Statement, Statement]]:
    distinct: dict[tuple[str, str, str | None], Statement] = {}
    for claim in claims:
        distinct.setdefault((claim.claimant.strip().lower(), claim.value, claim.qualifier),
                            claim)
    kept = list(distinct.values())
    return [(first, second) for index, first in enumerate(kept) for second in kept[index + 1:]
            if not same_claimant(first, second) and disagree(first, second)]


def find_disputes(statements: Iterable[Statement]) -> list[Dispute]:
    """Every disputed figure among ``statements``, in a stable order (country, report year,
    property, period, unit). Statements are grouped by what they count first, so the work
    grows with the claims of each figure, not with the square of all statements."""
    groups: dict[tuple[object, ...], list[Statement]] = {}
    for statement in statements:
        subject = _subject(statement)
        if subject is not None:
            groups.setdefault(subject, []).append(statement)
    disputes = []
    for _subject_key, held in sorted(groups.items(), key=lambda item: item[0]):
        if len(held) < 2:
            continue
        claims = tuple(sorted(held, key=_claim_order))
        if _pairs(claims):
            first = claims[0]
            disputes.append(Dispute(first.country, first.report_year, first.prop,
                                    first.period or "", first.unit, claims, first.breakdown))
    return disputes
