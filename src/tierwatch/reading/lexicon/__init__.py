"""The reader's vocabulary as data: one YAML file per kind of wording, compiled once.

Each file is a list of entries. An entry has an ``id`` (unique in its file), a ``pattern``
(a regular expression without capturing groups, matched case-insensitively unless the entry
says ``case_sensitive: true``) and, where the kind needs one, a ``value`` (the tier named, the
direction of a move, the status of a claim, ...) and a ``weight``. Every entry is exercised by
at least one case under ``tests/reading/cases`` (text in, expected claim out), so adding a
phrasing is one data line and one case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

try:  # the standard library's own regular-expression parser (3.11+: re._parser)
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_parse as _parser

from tierwatch.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class Entry:
    """One wording of a vocabulary."""

    vocabulary: str
    id: str
    pattern: str
    value: str | None
    weight: float | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Hit:
    """Where an entry matched."""

    entry: Entry
    start: int
    end: int

    @property
    def value(self) -> str | None:
        return self.entry.value


class Vocabulary:
    """The entries of one file as a single alternation (one pass over a text); at a position
    where several entries match, the one listed first wins."""

    def __init__(self, name: str, entries: list[Entry]) -> None:
        self.name = name
        self.entries = entries
        parts = []
        for index, entry in enumerate(entries):
            parts.append(f"(?P<e{index}>{entry.pattern})")
        alternation = "|".join(parts) or r"(?!x)x"
        starts = _first_characters(alternation)
        if starts:  # a text position no entry can start at is skipped at once (same matches)
            alternation = "(?=[" + "".join(_in_class(c) for c in sorted(starts)) + "])(?:" + (
                alternation + ")")
        self._pattern = re.compile(alternation, re.I)
        self._by_group = {f"e{index}": entry for index, entry in enumerate(entries)}

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """Every non-overlapping hit in ``text[start:end]``, offsets into ``text``."""
        stop = len(text) if end is None else end
        for match in self._pattern.finditer(text, start, stop):
            group = match.lastgroup
            assert group is not None
            yield Hit(self._by_group[group], match.start(), match.end())

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        """The first hit, or None."""
        return next(self.finditer(text, start, end), None)

    def match(self, text: str, start: int = 0) -> Hit | None:
        """A hit starting exactly at ``start``, or None."""
        match = self._pattern.match(text, start)
        if match is None or match.lastgroup is None:
            return None
        return Hit(self._by_group[match.lastgroup], match.start(), match.end())

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]


_Pieces = list[tuple[Any, Any]]


def _first_characters(pattern: str) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with (both cases), or None when that
    cannot be told simply (a class like \\w, a dot, a negation, an empty match)."""
    try:
        parsed = _parser.parse(pattern, re.I)
    except re.error:
        return None
    found = _first_of(list(parsed))
    if found is None or found[1]:
        return None
    return frozenset(c for ch in found[0] for c in (ch, ch.lower(), ch.upper()))


def _first_of(items: _Pieces) -> tuple[set[str], bool] | None:
    """(first characters, can be empty) of a parsed sequence; None when not simple."""
    first: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width: the next piece starts the match
        if name == "LITERAL":
            return first | {chr(arg)}, False
        if name == "IN":
            chars = _class_characters(arg)
            if chars is None:
                return None
            return first | chars, False
        if name == "SUBPATTERN":
            inner = _first_of(list(arg[-1]))
        elif name == "BRANCH":
            branches = [_first_of(list(branch)) for branch in arg[1]]
            if any(b is None for b in branches):
                return None
            inner = (set().union(*(b[0] for b in branches if b)),
                     any(b[1] for b in branches if b))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub = _first_of(list(arg[2]))
            inner = None if sub is None else (sub[0], sub[1] or arg[0] == 0)
        else:
            return None
        if inner is None:
            return None
        first |= inner[0]
        if not inner[1]:
            return first, False
    return first, True


def _class_characters(members: _Pieces) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in members:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] < 128:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update("0123456789")
        elif name == "CATEGORY" and str(arg) == "CATEGORY_SPACE":
            chars.update(" \t\n\r\f\v")
        else:
            return None
    return chars


def _in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _entry(name: str, raw: dict[str, Any], position: int) -> Entry:
    where = f"lexicon {name}.yaml entry {position}"
    if not isinstance(raw, dict) or "id" not in raw or "pattern" not in raw:
        raise InvalidInputError(f"{where}: needs an 'id' and a 'pattern'")
    pattern = str(raw["pattern"])
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise InvalidInputError(f"{where} ({raw['id']}): bad pattern ({error})") from None
    if compiled.groups:
        raise InvalidInputError(f"{where} ({raw['id']}): use non-capturing groups (?:...)")
    if raw.get("case_sensitive"):
        pattern = f"(?-i:{pattern})"
    weight = raw.get("weight")
    return Entry(name, str(raw["id"]), pattern,
                 None if raw.get("value") is None else str(raw["value"]),
                 None if weight is None else float(weight),
                 None if raw.get("note") is None else str(raw["note"]))


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` (the file ``lexicon/<name>.yaml``), loaded and compiled once."""
    source = resources.files(__package__).joinpath(f"{name}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or []
    entries = [_entry(name, raw, i) for i, raw in enumerate(data, start=1)]
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidInputError(f"lexicon {name}.yaml: duplicate ids {', '.join(duplicates)}")
    return Vocabulary(name, entries)


@cache
def weights() -> dict[str, float]:
    """Named evidence weights (``weights.yaml``): what each kind of evidence adds to (or takes
    from) a claim's confidence."""
    source = resources.files(__package__).joinpath("weights.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in data.items()}


def confidence_of(reasons: tuple[str, ...] | list[str]) -> float:
    """A claim's confidence: the base weight plus the weight of each named reason (a reason
    "kind: detail" weighs as its kind), kept within 0.05..0.99 and rounded for stable output."""
    table = weights()
    total = table["base"]
    for reason in reasons:
        total += table.get(reason, table.get(reason.split(":")[0], 0.0))
    return round(min(0.99, max(0.05, total)), 3)


def names() -> list[str]:
    """Every vocabulary file shipped."""
    return sorted(
        item.name[: -len(".yaml")]
        for item in resources.files(__package__).iterdir()
        if item.name.endswith(".yaml") and item.name != "weights.yaml"
    )
