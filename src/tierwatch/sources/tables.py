"""Reading a data file safely: bytes to checked rows, tier codes to tiers, names to codes.

Every problem is an ``InvalidInputError`` naming the file (and the row) and what is wrong,
raised before anything is stored.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from tierwatch.countries import lookup
from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.law.tiers import Tier

MAX_BYTES = 50 * 1024 * 1024

NUMERIC_CODES: dict[str, Tier | None] = {
    "1": Tier.TIER_1, "2": Tier.TIER_2, "2.5": Tier.WATCH_LIST, "3": Tier.TIER_3,
    "666": Tier.SPECIAL_CASE, "555": None, "": None,
}
"""Codes of the research panels; 555 (not rated or missing) and blanks are unknown."""

TEXT_TIERS: dict[str, Tier | None] = {
    "Tier 1": Tier.TIER_1, "Tier 2": Tier.TIER_2, "Tier 2 Watch List": Tier.WATCH_LIST,
    "Watchlist": Tier.WATCH_LIST, "Tier 3": Tier.TIER_3, "Special Case": Tier.SPECIAL_CASE,
    "NA": None, "": None,
}
"""Tier words of the transcriptions and the Heiss list (NA: unrated or special, so unknown)."""


def read_bytes(path: Path) -> bytes:
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such file")
    size = path.stat().st_size
    if size == 0:
        raise InvalidInputError(f"{path.name}: the file is empty")
    if size > MAX_BYTES:
        raise InvalidInputError(f"{path.name}: {size} bytes is too large for a data file")
    return path.read_bytes()


def read_rows(path: Path, expected: tuple[str, ...]) -> list[dict[str, str]]:
    """The rows of a UTF-8 CSV whose header is exactly ``expected`` (checked, complete)."""
    data = read_bytes(path)
    if b"\x00" in data:
        raise InvalidInputError(f"{path.name}: binary content, expected a CSV text file")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidInputError(f"{path.name}: not UTF-8 text (byte {error.start}); "
                                "expected a CSV file") from error
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    try:
        header = next(reader)
    except (StopIteration, csv.Error) as error:
        raise InvalidInputError(f"{path.name}: no header row") from error
    header = [name.strip() for name in header]
    if tuple(header) != expected:
        raise InvalidInputError(
            f"{path.name}: columns {', '.join(header)[:200]} are not those of this kind of "
            f"file (expected {', '.join(expected)})")
    rows = []
    try:
        for number, values in enumerate(reader, start=1):
            if not values:
                continue
            if len(values) != len(expected):
                raise InvalidInputError(
                    f"{path.name} row {number}: {len(values)} fields, expected "
                    f"{len(expected)} (a truncated or damaged file?)")
            rows.append(dict(zip(expected, values, strict=True)))
    except csv.Error as error:
        raise InvalidInputError(f"{path.name}: unreadable CSV ({error})") from error
    if not rows:
        raise InvalidInputError(f"{path.name}: no data rows")
    return rows


def numeric_tier(path: Path, row: int, raw: str) -> Tier | None:
    code = raw.strip()
    if code.endswith(".0"):
        code = code[:-2]
    if code not in NUMERIC_CODES:
        raise InvalidInputError(f"{path.name} row {row}: tier code {raw!r} is not one of "
                                "1, 2, 2.5, 3, 555, 666")
    return NUMERIC_CODES[code]


def text_tier(path: Path, row: int, raw: str, allowed: tuple[str, ...]) -> Tier | None:
    value = raw.strip()
    if value not in allowed:
        raise InvalidInputError(f"{path.name} row {row}: tier {raw!r} is not one of "
                                + ", ".join(repr(a) for a in allowed if a))
    return TEXT_TIERS[value]


def country_code(path: Path, row: int, name: str) -> str:
    """The registry code of a name as the file writes it (never the file's own ISO column)."""
    try:
        return lookup(name.strip()).code
    except TierwatchError as error:
        raise InvalidInputError(f"{path.name} row {row}: {error}") from error


def report_year(path: Path, row: int, raw: str, first: int = 2001, last: int = 2026) -> int:
    text = raw.strip()
    if text.endswith(".0"):
        text = text[:-2]
    if not text.isdigit() or not first <= int(text) <= last:
        raise InvalidInputError(f"{path.name} row {row}: report year {raw!r} is not a year "
                                f"from {first} to {last}")
    return int(text)
