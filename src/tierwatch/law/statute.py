"""The dated provisions of the statute, read once from ``statute.yaml``.

Why data: every rule and number is stated in one place with its citation and the report
years it governs, so asking about report year Y reads the version of Y and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tierwatch.errors import UnknownYearError


@dataclass(frozen=True, slots=True)
class Provision:
    """One version of a provision: what it says (``value``), where, and for which report years."""

    id: str
    title: str
    first: int
    last: int | None
    value: Any
    citation: str
    confidence: str

    def governs(self, report_year: int) -> bool:
        return self.first <= report_year and (self.last is None or report_year <= self.last)

    @property
    def years(self) -> str:
        return f"{self.first}-" if self.last is None else f"{self.first}-{self.last}"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "title": self.title,
            "report_years": self.years,
            "value": self.value,
            "citation": self.citation,
            "confidence": self.confidence,
        }


@cache
def _all_versions() -> dict[str, tuple[Provision, ...]]:
    text = resources.files("tierwatch.law").joinpath("statute.yaml").read_text(encoding="utf-8")
    raw = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    table: dict[str, tuple[Provision, ...]] = {}
    for provision_id, entry in raw.items():
        versions = tuple(
            Provision(
                id=provision_id,
                title=entry["title"],
                first=int(v["first"]),
                last=None if v["last"] is None else int(v["last"]),
                value=_freeze(v["value"]),
                citation=v["citation"],
                confidence=v["confidence"],
            )
            for v in entry["versions"]
        )
        _check_versions_do_not_overlap(provision_id, versions)
        table[provision_id] = versions
    return table


def _freeze(value: Any) -> Any:
    """Lists become tuples so that a provision's value cannot be changed by a caller."""
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    if isinstance(value, dict):
        return {key: _freeze(item) for key, item in value.items()}
    return value


def _check_versions_do_not_overlap(provision_id: str, versions: tuple[Provision, ...]) -> None:
    """Two versions governing the same year would be two rules with no priority: refuse them."""
    ordered = sorted(versions, key=lambda v: v.first)
    for earlier, later in zip(ordered, ordered[1:], strict=False):
        if earlier.last is None or earlier.last >= later.first:
            raise ValueError(f"statute.yaml: versions of {provision_id!r} overlap at {later.first}")


@cache
def provision(provision_id: str, report_year: int) -> Provision | None:
    """The version of a provision that governs ``report_year``, or None when not in force."""
    for version in _all_versions()[provision_id]:
        if version.governs(report_year):
            return version
    return None


@cache
def first_version(provision_id: str) -> Provision:
    """The earliest version of a provision (e.g. where the automatic downgrade starts counting)."""
    return min(_all_versions()[provision_id], key=lambda v: v.first)


def provision_ids() -> list[str]:
    return list(_all_versions())


@cache
def last_report_year() -> int:
    """The last report year asked about: next year's report (no clock is read: determinism)."""
    return int(first_version("last_report_year").value)


def provisions_in_force(report_year: int) -> list[Provision]:
    """Every provision version governing ``report_year``, in the file's order."""
    found = (provision(pid, report_year) for pid in provision_ids() if pid != "last_report_year")
    return [version for version in found if version is not None]


def validate_report_year(year: int) -> int:
    """The year itself when a TIP Report exists or is next due; ``UnknownYearError`` otherwise."""
    last = last_report_year()
    if not isinstance(year, int) or isinstance(year, bool):
        raise UnknownYearError(f"report year {year!r}: expected a whole year")
    if year < FIRST_REPORT_YEAR or year > last:
        raise UnknownYearError(
            f"report year {year}: no TIP Report; expected {FIRST_REPORT_YEAR} to {last}"
        )
    return year


FIRST_REPORT_YEAR: int = first_version("tier_lists").first
"""The first TIP Report (TVPA 2000, P.L. 106-386), read from ``statute.yaml``."""
