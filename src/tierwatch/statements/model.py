"""A fact as tierwatch holds it: one statement, with who asserts it and where.

Two sources that disagree give two statements; nothing is merged away. The id is derived
from the identifying fields, so adding the same statement twice (re-importing a file,
re-reading an article) changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from tierwatch.statements.locator import Locator
from tierwatch.statements.locator import parse as parse_locator

# Properties of the knowledge base that code names; every property, with its type and values,
# is in the property registry (properties.yaml), which the store checks each statement against.
TIER = "tier"
WAIVER = "waiver"  # value "granted" (a waiver of the automatic downgrade, 110(b)(2)(D)(ii))
PREVIOUS_TIER = "previous_tier"
MOVE = "move"
SPEAKER_STANCE = "speaker_stance"
P3_SCORES = ("3p prosecution", "3p protection", "3p prevention")
P3_TOTAL = "3p total"  # Cho's 3P Anti-Trafficking Policy Index: sub-scores 1-5, total 3-15
REPORT_RELEASED = "report_released"  # value: the ISO date the report was made public (WLD)

_IDENTITY = ("country", "report_year", "prop", "value", "unit", "qualifier", "period",
             "claimant", "source", "locator")
_IDENTITY_IF_GIVEN = ("breakdown",)  # part of the id only when set: older ids stay as they were


@dataclass(frozen=True, slots=True)
class Statement:
    """Someone (``claimant``) says that ``prop`` of ``country`` in ``report_year`` is ``value``.

    ``source`` names the document or dataset, ``locator`` the place in it as text (a row, a
    cell, a character span: ``statements.locator``, read back by ``place``). ``report_year``
    None means the source does not settle the year. ``breakdown`` is the part of a figure a
    statement counts ("for rape" of arrests, "labour" of convictions), None for the whole: the
    property stays the registry's name. ``first_seen``/``last_seen`` are the dates of the
    sources that carried the statement (never the wall clock), so that exports are
    byte-identical.
    """

    country: str
    report_year: int | None
    prop: str
    value: str
    claimant: str
    source: str
    locator: str
    unit: str | None = None
    qualifier: str | None = None
    period: str | None = None
    breakdown: str | None = None
    excerpt: str | None = None
    confidence: float = 1.0
    first_seen: str | None = None
    last_seen: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.value, str):
            object.__setattr__(self, "value", str(self.value))
        for name in ("country", "prop", "value", "claimant", "source", "locator"):
            if not getattr(self, name):
                raise ValueError(f"a statement needs a non-empty {name}")

    @property
    def id(self) -> str:
        """Content-derived id: the same claim from the same place always has the same id."""
        parts = [_identity_text(getattr(self, name)) for name in _IDENTITY]
        parts += [f"{name}={value}" for name in _IDENTITY_IF_GIVEN
                  if (value := getattr(self, name)) is not None]
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]

    @property
    def place(self) -> Locator:
        """The locator as a typed place (``InvalidInputError`` for a text of no known form,
        which only an older store can hold)."""
        return parse_locator(self.locator)

    def seen(self, date: str | None) -> Statement:
        """The statement as first and last seen at ``date`` (a source's date)."""
        return replace(self, first_seen=date, last_seen=date)

    def to_dict(self) -> dict[str, Any]:
        row = asdict(self)
        row["id"] = self.id
        return row

    @classmethod
    def from_dict(cls, row: dict[str, Any]) -> Statement:
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in row.items() if k in names})


def _identity_text(value: object) -> str:
    return "\x00" if value is None else str(value)


PRIORITY_KEY = "priority"
"""``SourceInfo.extra`` key: the source's rank in the placement resolution (1 strongest)."""
COMPLETE_KEY = "complete"
"""``SourceInfo.extra`` key: the tier lists the source holds whole (JSON: year -> tiers)."""


@dataclass(frozen=True, slots=True)
class SourceInfo:
    """A document or dataset that statements come from, described once.

    ``id`` is what statements put in ``source``. ``date`` is the source's own date
    (publication, commit, transcription), used for first/last seen.
    """

    id: str
    title: str
    kind: str  # "dataset", "document" or "transcription"
    publisher: str | None = None
    address: str | None = None  # URL or repository path
    date: str | None = None
    licence: str | None = None
    coverage: str | None = None
    notes: str | None = None
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
