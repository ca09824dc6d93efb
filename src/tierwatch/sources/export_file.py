"""The JSON export of another tierwatch store, checked field by field before it is imported.

An export is someone else's file: every source and statement is checked against what the
store holds (types, a known country code, a place of a known form (``statements.locator``),
a report year with a TIP Report, a property and value the property registry accepts, no
source described twice, the content-derived id), and the first fault is one error line naming
the entry and the field. Nothing is stored unless every entry passes.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.statements.model import SourceInfo, Statement
from tierwatch.statements.properties import (
    InvalidStatementError,
    breakdown_problem,
    problem,
    split_breakdown,
)

MAX_EXPORT_BYTES = 512 * 1024 * 1024
_SOURCE_KINDS = frozenset({"dataset", "document", "transcription"})
_TEXT_FIELDS = ("unit", "qualifier", "period", "breakdown", "excerpt")
_REQUIRED_TEXT = ("country", "prop", "value", "claimant", "source", "locator")
_DATE = re.compile(r"[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
_DESCRIBED = frozenset({"contents", "decisions", "evidence"})
_WORLD = "WLD"  # world totals of the law-enforcement table
_MAX_TEXT = 100_000


def read_export_file(path: Path) -> tuple[list[SourceInfo], list[Statement]]:
    """Sources and statements of an export, every field checked; ``InvalidInputError``
    naming the first bad entry otherwise."""
    name = path.name
    payload = _load(path)
    # "decisions": the exporting store's own log, kept in the file; it is not merged into
    # this store's hash-chained log (another analyst's decisions are not ours to record).
    # "evidence" likewise (who recorded it and when belong to that store), and "contents"
    # only describes the file
    if not isinstance(payload, dict) or set(payload) - _DESCRIBED != {"sources",
                                                                       "statements"}:
        raise InvalidInputError(f"{name}: not a tierwatch export (expected an object with "
                                "the keys 'sources' and 'statements')")
    for key in ("sources", "statements"):
        if not isinstance(payload[key], list):
            raise InvalidInputError(f"{name}: '{key}' must be a list, not "
                                    f"{_kind(payload[key])}")
    sources = [_source(name, number, row)
               for number, row in enumerate(payload["sources"], start=1)]
    if not sources:
        raise InvalidInputError(f"{name}: the export holds no source")
    seen: set[str] = set()
    for number, source in enumerate(sources, start=1):
        if source.id in seen:
            raise InvalidInputError(f"{name} source {number}: id {source.id!r} is described "
                                    "twice")
        seen.add(source.id)
    statements = [_statement(name, number, row, seen)
                  for number, row in enumerate(payload["statements"], start=1)]
    return sources, statements


def _load(path: Path) -> Any:
    from tierwatch.files import inputs

    data = inputs.read_limited(path, "tierwatch export", MAX_EXPORT_BYTES)
    text = inputs.decode_text(data, path.name)
    return inputs.parse_json(text, path.name)


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", str: "a string", bool: "true/false",
            int: "a number", float: "a number", type(None): "null"}.get(type(value), "a value")


def _text(where: str, field: str, value: object, *, required: bool) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise InvalidInputError(f"{where}: '{field}' must be text, not {_kind(value)}")
    if required and not value.strip():
        raise InvalidInputError(f"{where}: '{field}' is empty")
    if len(value) > _MAX_TEXT:
        raise InvalidInputError(f"{where}: '{field}' is longer than {_MAX_TEXT:,} characters")
    if field != "excerpt" and _CONTROL.search(value):
        raise InvalidInputError(f"{where}: '{field}' holds control characters")
    return value


def _fields(where: str, row: object, allowed: set[str], required: tuple[str, ...]
            ) -> Mapping[str, Any]:
    if not isinstance(row, dict):
        raise InvalidInputError(f"{where}: must be an object, not {_kind(row)}")
    unknown = sorted(set(row) - allowed)
    if unknown:
        raise InvalidInputError(f"{where}: unknown field {unknown[0]!r}")
    missing = [key for key in required if key not in row]
    if missing:
        raise InvalidInputError(f"{where}: missing field {missing[0]!r}")
    return row


def _source(name: str, number: int, row: object) -> SourceInfo:
    where = f"{name} source {number}"
    allowed = {"id", "title", "kind", "publisher", "address", "date", "licence", "coverage",
               "notes", "extra"}
    values = _fields(where, row, allowed, ("id", "title", "kind"))
    checked: dict[str, Any] = {}
    for key in sorted(allowed - {"extra"}):
        checked[key] = _text(where, key, values.get(key), required=key in ("id", "title",
                                                                             "kind"))
    if checked["kind"] not in _SOURCE_KINDS:
        raise InvalidInputError(f"{where}: 'kind' {checked['kind']!r} is not one of "
                                f"{', '.join(sorted(_SOURCE_KINDS))}")
    _date(where, "date", checked["date"])
    extra = values.get("extra", {})
    if not isinstance(extra, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in extra.items()):
        raise InvalidInputError(f"{where}: 'extra' must be an object of texts")
    return SourceInfo(**checked, extra=dict(extra))


def _date(where: str, field: str, value: str | None) -> None:
    if value is not None and not _DATE.fullmatch(value):
        raise InvalidInputError(f"{where}: '{field}' {value!r} is not a date (YYYY, YYYY-MM "
                                "or YYYY-MM-DD)")


def _statement(name: str, number: int, row: object, sources: set[str]) -> Statement:
    from tierwatch.statements.store import COLUMNS

    where = f"{name} statement {number}"
    values = _fields(where, row, set(COLUMNS), _REQUIRED_TEXT + ("report_year",))
    checked: dict[str, Any] = {
        key: _text(where, key, values.get(key), required=True) for key in _REQUIRED_TEXT}
    for key in _TEXT_FIELDS:
        checked[key] = _text(where, key, values.get(key), required=False)
    for key in ("first_seen", "last_seen"):
        checked[key] = _text(where, key, values.get(key), required=False)
        _date(where, key, checked[key])
    checked["report_year"] = _report_year(where, values["report_year"])
    checked["confidence"] = _confidence(where, values.get("confidence", 1.0))
    _country(where, checked["country"])
    _locator(where, checked["locator"])
    given = values.get("id")
    if checked["breakdown"] is None and (folded := split_breakdown(checked["prop"])):
        # an export made before breakdowns had their own field ("convictions (labour)"):
        # its id is checked as it was made, then the part takes its field (and a new id)
        if given is not None and given != Statement(**checked).id:
            raise InvalidInputError(f"{where}: its id does not match its content (an "
                                    "altered file?)")
        given = None
        checked["prop"], checked["breakdown"] = folded
    _value(where, checked["prop"], checked["value"], checked["breakdown"])
    if checked["source"] not in sources:
        raise InvalidInputError(f"{where}: 'source' {checked['source']!r} is not described "
                                "in the file's sources")
    statement = Statement(**checked)
    if given is not None and given != statement.id:
        raise InvalidInputError(f"{where}: its id does not match its content (an altered "
                                "file?)")
    return statement


def _report_year(where: str, value: object) -> int | None:
    from tierwatch.law import validate_report_year

    if value is None:
        return None  # the source does not settle the year: unknown stays unknown
    if not isinstance(value, int) or isinstance(value, bool):
        raise InvalidInputError(f"{where}: 'report_year' must be a whole year or null, not "
                                f"{_kind(value)} {value!r}")
    try:
        return validate_report_year(value)
    except TierwatchError as error:
        raise InvalidInputError(f"{where}: {error}") from None


def _confidence(where: str, value: object) -> float:
    if (not isinstance(value, int | float) or isinstance(value, bool)
            or not math.isfinite(value) or not 0.0 <= value <= 1.0):
        raise InvalidInputError(f"{where}: 'confidence' must be a number from 0 to 1, not "
                                f"{value!r}")
    return float(value)


def _country(where: str, code: str) -> None:
    from tierwatch.countries import lookup

    if code == _WORLD:
        return
    try:
        country = lookup(code)
    except TierwatchError:
        country = None
    if country is None or country.code != code:
        raise InvalidInputError(f"{where}: 'country' {code!r} is not a country code tierwatch "
                                "knows")


def _value(where: str, prop: str, value: str, breakdown: str | None) -> None:
    """The property registry's check, named by the file's entry (the store checks again)."""
    reason = problem(prop, value) or breakdown_problem(prop, breakdown)
    if reason is not None:
        raise InvalidStatementError(f"{where}: {reason}; nothing stored")


def _locator(where: str, text: str) -> None:
    """The place must be one tierwatch can name again (``statements.locator``): the id is
    derived from its text, and every view reads it back. A well-formed file whose statement
    names no known place is refused as the registry refuses a value (the API's 422)."""
    from tierwatch.statements.locator import parse

    try:
        parse(text)
    except InvalidInputError as error:
        raise InvalidStatementError(f"{where}: {error}; nothing stored") from None
