"""The dated provisions of the statute, read once from ``statute.yaml``.

Why data: every rule and number is stated in one place with its citation and the report
years it governs, so asking about report year Y reads the version of Y and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml

from tierwatch.errors import UnknownYearError
from tierwatch.law import provision_ids as ids
from tierwatch.law.trace import OPEN_TRACE, ProvisionRead, record


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
    read: ProvisionRead = field(default=None, compare=False, repr=False)  # type: ignore[assignment]
    """What the tracer records when this version is read (one object per version; made from
    the other fields when not given)."""

    def __post_init__(self) -> None:
        if self.read is None:
            object.__setattr__(self, "read", ProvisionRead(self.id, self.first, self.last,
                                                           self.citation))

    @property
    def section(self) -> str:
        """The statutory section alone ("TVPA §110(b)(2)(F)"): what a legal case names."""
        return self.citation.split(",")[0]

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
                read=ProvisionRead(provision_id, int(v["first"]),
                                   None if v["last"] is None else int(v["last"]), v["citation"]),
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


def provision(provision_id: str, report_year: int) -> Provision | None:
    """The version of a provision that governs ``report_year``, or None when not in force.

    Every version handed out is noted in the open trace (``trace.tracing``): an answer names
    the provisions it read without a list kept by hand."""
    found = _governing(provision_id, report_year)
    if found is not None:
        reads = OPEN_TRACE.get()  # inline ``trace.record``: called on every rule's read
        if reads is not None:
            reads[found.read] = None
    return found


def first_version(provision_id: str) -> Provision:
    """The earliest version of a provision (e.g. where the automatic downgrade starts counting);
    noted in the open trace like ``provision``."""
    version, read = _first(provision_id)
    record(read)
    return version


@cache
def _governing(provision_id: str, report_year: int) -> Provision | None:
    for version in _all_versions()[provision_id]:
        if version.governs(report_year):
            return version
    return None


@cache
def _first(provision_id: str) -> tuple[Provision, ProvisionRead]:
    version = min(_all_versions()[provision_id], key=lambda v: v.first)
    return version, version.read


def provision_ids() -> list[str]:
    return list(_all_versions())


@cache
def last_report_year() -> int:
    """The last report year asked about: next year's report (no clock is read: determinism)."""
    return int(_first(ids.LAST_REPORT_YEAR)[0].value)


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


FIRST_REPORT_YEAR: int = _first(ids.TIER_LISTS)[0].first
"""The first TIP Report (TVPA 2000, P.L. 106-386), read from ``statute.yaml``."""
