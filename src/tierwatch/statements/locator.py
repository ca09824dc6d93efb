"""Where in its source a statement stands, as one typed value.

A statement stores its place as text (``Statement.locator``) and its id is derived from that
text, so the text form is fixed: ``str(parse(text)) == text`` for every text ``parse``
accepts, and ``parse(str(place)) == place`` for every place. The kinds:

=========  ============================  =======================================================
kind       text                          what it names
=========  ============================  =======================================================
``Row``    ``row 12``                    a data row of a file (1 is the first row after the
                                         header): a tier, a waiver, a release date
``Cell``   ``row 12, p3_total``          one column of a data row (a score, a table's figure)
``Span``   ``chars 120-188``             characters [start, end) of a document's cleaned text
``Field``  ``figures.reporting_period.`` a field of a structured file (an evidence file),
           ``convictions``               its dotted path
=========  ============================  =======================================================

``parse`` refuses anything else with one ``InvalidInputError`` naming the text and the forms
it accepts: a malformed locator from a user's file is refused before anything is stored.
Stored text from an older store that does not parse still sorts (``order_key``): it is kept
as it was, never rewritten.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tierwatch.errors import InvalidInputError

_NUMBER = r"(0|[1-9][0-9]{0,17})"  # no leading zeros: "row 012" would not round-trip
_VISIBLE = r"[^\s\x00-\x1f\x7f]"  # not a space, not a control character
_ROW = re.compile(r"row ([1-9][0-9]{0,17})")
_CELL = re.compile(rf"row ([1-9][0-9]{{0,17}}), ({_VISIBLE}(?:[^\x00-\x1f\x7f]*{_VISIBLE})?)")
_SPAN = re.compile(rf"chars {_NUMBER}-{_NUMBER}")
_FIELD = re.compile(r"[a-z_][a-z0-9_]*(?:\.[a-z_][a-z0-9_]*)+")
FORMS = "'row N', 'row N, COLUMN', 'chars START-END' or a dotted field path ('a.b.c')"
"""The accepted forms, as an error message lists them."""


@dataclass(frozen=True, slots=True)
class Row:
    """A data row of a file; 1 is the first row after the header."""

    number: int

    def __post_init__(self) -> None:
        if self.number < 1:
            raise ValueError(f"a row number starts at 1, not {self.number}")

    def __str__(self) -> str:
        return f"row {self.number}"

    def describe(self, of: str | None = None) -> str:
        """For people: "row 12 of tiers_2019.csv"."""
        return _of(f"row {self.number}", of)

    def order_key(self) -> tuple[object, ...]:
        return ("row", self.number, "")


@dataclass(frozen=True, slots=True)
class Cell:
    """One column of a data row: the row's number and the column's name as the file has it."""

    row: int
    column: str

    def __post_init__(self) -> None:
        if self.row < 1:
            raise ValueError(f"a row number starts at 1, not {self.row}")
        if not _CELL.fullmatch(f"row 1, {self.column}"):
            raise ValueError(f"column name {self.column!r}: empty, padded or with control "
                             "characters")

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}"

    def describe(self, of: str | None = None) -> str:
        """For people: "row 12, column p3_total of kelley_cho.csv"."""
        return _of(f"row {self.row}, column {self.column}", of)

    def order_key(self) -> tuple[object, ...]:
        return ("row", self.row, self.column)


@dataclass(frozen=True, slots=True)
class Span:
    """Characters ``start`` to ``end`` (end excluded) of a document's cleaned text."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"a character span runs forward from 0, not {self.start}-"
                             f"{self.end}")

    def __str__(self) -> str:
        return f"chars {self.start}-{self.end}"

    def describe(self, of: str | None = None) -> str:
        """For people: "characters 120-188 of article.html"."""
        return _of(f"characters {self.start}-{self.end}", of)

    def order_key(self) -> tuple[object, ...]:
        return ("chars", self.start, self.end)


@dataclass(frozen=True, slots=True)
class Field:
    """A field of a structured file by its dotted path (``figures.reporting_period.convictions``
    of an evidence file)."""

    path: tuple[str, ...]

    def __post_init__(self) -> None:
        if not _FIELD.fullmatch(".".join(self.path)):
            raise ValueError(f"field path {self.path!r}: two or more names of a-z, 0-9, _")

    def __str__(self) -> str:
        return ".".join(self.path)

    def describe(self, of: str | None = None) -> str:
        """For people: "field figures.reporting_period.convictions of evidence.yaml"."""
        return _of(f"field {self}", of)

    def order_key(self) -> tuple[object, ...]:
        return ("field", str(self), "")


Locator = Row | Cell | Span | Field
"""Any place a statement can name."""


def _of(text: str, of: str | None) -> str:
    return text if of is None else f"{text} of {of}"


@lru_cache(maxsize=65536)
def parse(text: str) -> Locator:
    """The place ``text`` names; ``InvalidInputError`` for a text of no known form. (Cached:
    the same texts are parsed again for every sort of the store's statements.)"""
    if match := _ROW.fullmatch(text):
        return Row(int(match[1]))
    if match := _CELL.fullmatch(text):
        return Cell(int(match[1]), match[2])
    if match := _SPAN.fullmatch(text):
        start, end = int(match[1]), int(match[2])
        if start <= end:
            return Span(start, end)
        raise InvalidInputError(f"locator {text!r}: the span ends before it starts")
    if _FIELD.fullmatch(text):
        return Field(tuple(text.split(".")))
    raise InvalidInputError(f"locator {text!r} is not a place tierwatch knows; expected {FORMS}")


def order_key(text: str) -> tuple[object, ...]:
    """Sort key of a stored locator text: rows and spans by their numbers ("row 9" before
    "row 10"), a text of no known form (an older store's) after every known one, by its text."""
    try:
        return parse(text).order_key()
    except InvalidInputError:
        return ("~", 0, text)
