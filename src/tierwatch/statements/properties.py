"""The property registry: what a statement may say, and in what values (``properties.yaml``).

One place for the knowledge base's vocabulary: the importers, the reader and the store all
use these names, and the store checks every statement against them before it writes any
(``check_statements``), so an unknown property or a value outside its type never lands.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from tierwatch.errors import InvalidInputError

REGISTRY_FILE = "properties.yaml"
TYPES = ("tier", "enum", "count", "score", "date", "text")
_DIGITS = re.compile(r"[0-9]+")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_MAX_COUNT_DIGITS = 15
MAX_BREAKDOWN = 200  # the store's column
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


class InvalidStatementError(InvalidInputError):
    """A statement the registry refuses: an unknown property or a value outside its type
    (the REST API answers it with 422: the request was well formed, its content is not)."""


@dataclass(frozen=True, slots=True)
class Property:
    """One property of the registry: its name, what it means, the type of its values."""

    name: str
    meaning: str
    type: str
    unit: str | None = None
    values: tuple[str, ...] = ()
    minimum: int | None = None
    maximum: int | None = None
    reference: str | None = None

    @property
    def expected(self) -> str:
        """The values it takes, in words (for messages and ``tierwatch properties``)."""
        if self.type == "tier":
            return "a tier (" + ", ".join(tier_values()) + ")"
        if self.type == "enum":
            return "one of " + ", ".join(self.values)
        if self.type == "count":
            return "a whole number 0 or more"
        if self.type == "score":
            return f"a whole number from {self.minimum} to {self.maximum}"
        if self.type == "date":
            return "a date (YYYY-MM-DD)"
        return "text"

    def accepts(self, value: str) -> bool:
        """Whether ``value`` (a statement's value, always text) is of this property's type."""
        if self.type == "tier":
            return value in tier_values()
        if self.type == "enum":
            return value in self.values
        if self.type in ("count", "score"):
            if not _DIGITS.fullmatch(value) or len(value) > _MAX_COUNT_DIGITS or (
                    len(value) > 1 and value.startswith("0")):
                return False
            if self.type == "count":
                return True
            assert self.minimum is not None and self.maximum is not None
            return self.minimum <= int(value) <= self.maximum
        if self.type == "date":
            from datetime import date

            if not _DATE.fullmatch(value):
                return False
            try:
                date.fromisoformat(value)
            except ValueError:
                return False
            return True
        return bool(value.strip())

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "meaning": self.meaning, "type": self.type,
                "unit": self.unit,
                "values": list(tier_values()) if self.type == "tier" else list(self.values),
                "minimum": self.minimum, "maximum": self.maximum,
                "reference": self.reference, "expected": self.expected}


@cache
def tier_values() -> tuple[str, ...]:
    """The tier vocabulary's placements as statements write them (``tierwatch.law.Tier``)."""
    from tierwatch.law.tiers import Tier

    return tuple(tier.value for tier in Tier)


@cache
def registry() -> dict[str, Property]:
    """Every registered property by name, in the file's order."""
    import yaml

    text = resources.files(__package__).joinpath(REGISTRY_FILE).read_text("utf-8")
    found: dict[str, Property] = {}
    for entry in yaml.safe_load(text):
        prop = _property(entry)
        if prop.name in found:
            raise ValueError(f"{REGISTRY_FILE}: property {prop.name!r} is listed twice")
        found[prop.name] = prop
    return found


def _property(entry: dict[str, Any]) -> Property:
    name = entry["name"]
    kind = entry["type"]
    if kind not in TYPES:
        raise ValueError(f"{REGISTRY_FILE}: property {name!r} has unknown type {kind!r}")
    values = tuple(str(value) for value in entry.get("values") or ())
    if (kind == "enum") != bool(values):
        raise ValueError(f"{REGISTRY_FILE}: property {name!r}: values go with type enum only")
    minimum, maximum = entry.get("minimum"), entry.get("maximum")
    if (kind == "score") != (minimum is not None and maximum is not None):
        raise ValueError(f"{REGISTRY_FILE}: property {name!r}: minimum and maximum go with "
                         "type score only")
    return Property(name=name, meaning=entry["meaning"], type=kind, unit=entry.get("unit"),
                    values=values, minimum=minimum, maximum=maximum,
                    reference=entry.get("reference"))


def lookup(name: str) -> Property | None:
    """The registered property ``name``, or None."""
    return registry().get(name)


def unit_of(name: str) -> str | None:
    """The registered unit of ``name`` (what the importers give their figures and scores)."""
    return registry()[name].unit


def score_range(name: str) -> tuple[int, int]:
    """The lowest and highest value of the score ``name``."""
    found = registry()[name]
    if found.minimum is None or found.maximum is None:
        raise ValueError(f"property {name!r} is not a score")
    return found.minimum, found.maximum


def counted() -> tuple[str, ...]:
    """The properties that count something (figures), in the file's order."""
    return tuple(p.name for p in registry().values() if p.type == "count")


def problem(prop: str, value: str) -> str | None:
    """What is wrong with ``prop`` = ``value``, in words; None when the registry accepts it."""
    found = lookup(prop)
    if found is None:
        hint = _hint(prop)
        return (f"property {prop!r} is not a registered property{hint} "
                "(`tierwatch properties` lists them)")
    if not found.accepts(value):
        return f"property {prop!r} value {value!r} is not {found.expected}"
    return None


def _hint(prop: str) -> str:
    """A folded breakdown ('convictions (labour)') or a near miss ('convictons')."""
    part = split_breakdown(prop)
    if part is not None:
        return f" (a breakdown is its own field: property {part[0]!r}, breakdown {part[1]!r})"
    close = difflib.get_close_matches(prop, list(registry()), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


def split_breakdown(prop: str) -> tuple[str, str] | None:
    """A counted property with its part folded into the name ('convictions (labour)',
    'arrests for rape') as (property, breakdown); None when ``prop`` is not one."""
    if prop in registry():
        return None
    for name in sorted(counted(), key=len, reverse=True):
        if prop.startswith(name + " "):
            rest = prop[len(name) + 1:].strip()
            if rest.startswith("(") and rest.endswith(")"):
                rest = rest[1:-1].strip()
            if rest:
                return name, rest
    return None


def figure_label(prop: str, breakdown: str | None) -> str:
    """How views name a figure: the property, and its part in brackets ("convictions
    (labour)", "arrests (for rape)"); the stored statement keeps the two apart."""
    return prop if breakdown is None else f"{prop} ({breakdown})"


def breakdown_problem(prop: str, breakdown: str | None) -> str | None:
    """What is wrong with a breakdown of ``prop``: only a count has parts, and a part is a
    short line of text; None when it is fine (or absent)."""
    if breakdown is None:
        return None
    found = lookup(prop)
    if found is not None and found.type != "count":
        return f"property {prop!r} ({found.type}) has no breakdown, {breakdown!r} given"
    if not breakdown.strip() or len(breakdown) > MAX_BREAKDOWN or _CONTROL.search(breakdown):
        return (f"breakdown {breakdown!r} of {prop!r} is not a line of text of 1 to "
                f"{MAX_BREAKDOWN} characters")
    return None


def check_statements(statements: Iterable[Any]) -> None:
    """Refuse the first statement the registry does not accept, naming its source and place
    (``InvalidStatementError``); the store calls it before it writes anything."""
    known = registry()
    for statement in statements:
        found = known.get(statement.prop)
        if found is not None and found.accepts(statement.value) and (
                statement.breakdown is None or found.type == "count"):
            reason = breakdown_problem(statement.prop, statement.breakdown)
            if reason is None:
                continue
        else:
            reason = problem(statement.prop, statement.value) or breakdown_problem(
                statement.prop, statement.breakdown)
        raise InvalidStatementError(
            f"statement of {statement.source} ({statement.locator}), country "
            f"{statement.country}: {reason}; nothing stored")
