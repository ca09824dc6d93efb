"""A country's placement history: one entry per report year, with the waivers granted.

Coverage: a history covers the report years from its first record to its last. Inside that
span a year with no record is unknown, exactly like an explicit ``?``; the engine never fills
it in. Before the first record the history is taken to begin: a watch-list run cannot reach
back past it (the clock says so when that matters).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.law.statute import validate_report_year
from tierwatch.law.tiers import ALL_PLACEMENTS, Tier

TIER_CODES: dict[str, Tier | None] = {
    "1": Tier.TIER_1,
    "2": Tier.TIER_2,
    "2WL": Tier.WATCH_LIST,
    "3": Tier.TIER_3,
    "special": Tier.SPECIAL_CASE,
    "unranked": Tier.UNRANKED,
    "?": None,
}
"""The codes of ``--history``; ``?`` is an unknown placement (not the same as unranked)."""

CODE_OF_TIER: dict[Tier | None, str] = {tier: code for code, tier in TIER_CODES.items()}

_TOKEN = re.compile(r"^(?P<year>[0-9]{4}):(?P<code>[^+:\s]+)(?P<waiver>\+waiver)?$")


@dataclass(frozen=True, slots=True)
class PlacementYear:
    """The placement of one report year; ``tier`` None means unknown; ``waiver`` True means a
    110(b)(2)(D)(ii) waiver of the automatic downgrade was granted for this report, False none,
    None that the data does not say (real records before the first published waiver list)."""

    year: int
    tier: Tier | None
    waiver: bool | None = False
    possible: frozenset[Tier] | None = None
    """When ``tier`` is None: the tiers the statements still leave possible (narrowed by complete
    lists, so deduced); None means every placement is possible (nothing known)."""

    def __post_init__(self) -> None:
        if self.possible is None:
            return
        if not self.possible:
            raise InvalidInputError(f"history: {self.year} leaves no placement possible")
        if self.tier is not None and self.possible != frozenset({self.tier}):
            raise InvalidInputError(
                f"history: {self.year} is {self.tier} but lists other possible placements"
            )

    def possible_tiers(self) -> frozenset[Tier]:
        """The placements this year may have: one when known, all when nothing is known."""
        if self.tier is not None:
            return frozenset({self.tier})
        return self.possible if self.possible is not None else ALL_PLACEMENTS

    def may_be(self, tier: Tier) -> bool:
        """False only when the record rules ``tier`` out (stated otherwise, or deduced)."""
        return tier in self.possible_tiers()

    def settled_tier(self) -> Tier | None:
        """The tier when the record leaves only one (stated, or deduced to one), else None."""
        if self.tier is not None:
            return self.tier
        if self.possible is not None and len(self.possible) == 1:
            return next(iter(self.possible))
        return None

    @property
    def code(self) -> str:
        if self.tier is None and self.possible is not None:
            codes = "|".join(code for code, tier in TIER_CODES.items()
                             if tier is not None and tier in self.possible)
            return f"{self.year}:{codes}"
        return f"{self.year}:{CODE_OF_TIER[self.tier]}" + ("+waiver" if self.waiver else "")


class PlacementHistory:
    """Immutable placements by report year; ``with_year`` returns a changed copy (what-if).

    A plain value: what the law derives from it is kept by the engine (``engine``), not here."""

    __slots__ = ("__weakref__", "_by_year", "_first", "_last")

    def __init__(self, placements: Iterable[PlacementYear] = ()) -> None:
        by_year: dict[int, PlacementYear] = {}
        for placement in placements:
            if placement.year in by_year:
                raise InvalidInputError(
                    f"history: report year {placement.year} is given twice; expected one "
                    "placement per year"
                )
            if placement.waiver is True and placement.tier is None:
                raise InvalidInputError(
                    f"history: {placement.year} has a waiver but an unknown placement; a waiver "
                    "keeps a country on Tier 2 Watch List (code 2WL+waiver)"
                )
            by_year[placement.year] = placement
        self._by_year = dict(sorted(by_year.items()))
        self._first = min(by_year) if by_year else None
        self._last = max(by_year) if by_year else None

    def get(self, year: int) -> PlacementYear | None:
        """The record of ``year``; None when there is none (unknown)."""
        return self._by_year.get(year)

    def tier(self, year: int) -> Tier | None:
        record = self._by_year.get(year)
        return None if record is None else record.tier

    def years(self) -> list[int]:
        return list(self._by_year)

    @property
    def first_year(self) -> int | None:
        return self._first

    @property
    def last_year(self) -> int | None:
        return self._last

    def covers(self, year: int) -> bool:
        """True when ``year`` lies inside the recorded span (there, no record means unknown)."""
        return self._first is not None and self._first <= year <= (self._last or year)

    def with_year(self, placement: PlacementYear) -> PlacementHistory:
        """A new history with ``placement`` replacing (or adding) its year."""
        changed = dict(self._by_year)
        changed[placement.year] = placement
        return PlacementHistory(changed.values())

    def __iter__(self) -> Iterator[PlacementYear]:
        return iter(self._by_year.values())

    def __len__(self) -> int:
        return len(self._by_year)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, PlacementHistory) and self._by_year == other._by_year

    def __hash__(self) -> int:
        return hash(tuple(self._by_year.values()))

    def __repr__(self) -> str:
        return f"PlacementHistory({self.to_text()!r})"

    def to_text(self) -> str:
        """The ``--history`` form, which ``parse_history`` reads back."""
        return " ".join(p.code for p in self._by_year.values())


def parse_history(text: str, *, strict: bool = True) -> PlacementHistory:
    """Read ``"2019:2WL 2020:2WL 2021:2WL+waiver"`` (space or comma separated).

    Raises ``InvalidInputError`` naming the bad token. With ``strict`` (the CLI) every waiver
    must be one the law allowed (see ``watch_list.validate_waivers``); ``strict=False`` keeps
    recorded waivers as they are, for replaying real data.
    """
    tokens = [token for token in re.split(r"[\s,]+", text.strip()) if token]
    if not tokens:
        raise InvalidInputError(
            "history is empty; expected tokens like 2019:2WL 2020:2WL 2021:2WL+waiver"
        )
    placements = [_parse_token(token) for token in tokens]
    history = PlacementHistory(placements)
    if strict:
        from tierwatch.law.downgrade_waiver import validate_waivers

        problems = validate_waivers(history)
        if problems:
            raise InvalidInputError(problems[0].message)
    return history


def _parse_token(token: str) -> PlacementYear:
    expected = ("expected YEAR:CODE[+waiver] with CODE one of " + ", ".join(TIER_CODES)
                + ", or the codes still possible joined by | (e.g. 1|2|special)")
    match = _TOKEN.match(token)
    if match is None:
        raise InvalidInputError(f"history token {token!r}: {expected}")
    folded = {key.lower(): key for key in TIER_CODES}
    codes = match["code"].split("|")
    for code in codes:
        if code.lower() not in folded:
            raise InvalidInputError(
                f"history token {token!r}: unknown tier code {code!r}; {expected}")
        if len(codes) > 1 and TIER_CODES[folded[code.lower()]] is None:
            raise InvalidInputError(
                f"history token {token!r}: '?' cannot be one of several possible codes; "
                "write ? alone for a year about which nothing is known")
    year = int(match["year"])
    try:
        validate_report_year(year)
    except TierwatchError as error:
        raise InvalidInputError(f"history token {token!r}: {error}") from None
    tiers = frozenset(TIER_CODES[folded[code.lower()]] for code in codes) - {None}
    waiver = match["waiver"] is not None
    if waiver and (len(codes) > 1 or not tiers):
        raise InvalidInputError(
            f"history token {token!r}: a waiver needs a known placement; expected 2WL+waiver"
        )
    if len(tiers) > 1:
        # a set of possible tiers (a deduced year): the tier itself stays unknown
        return PlacementYear(year, None, None,
                             possible=frozenset(t for t in tiers if t is not None))
    tier = next(iter(tiers), None)
    return PlacementYear(year, tier, waiver)
