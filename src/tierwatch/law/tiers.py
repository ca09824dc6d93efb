"""The placements a TIP Report can give a government (22 U.S.C. 7107(b)(1)-(2))."""

from __future__ import annotations

from enum import StrEnum


class Tier(StrEnum):
    """A placement as the report writes it.

    An *unknown* placement (the data does not cover the year) is not a tier: code it as ``None``.
    """

    TIER_1 = "Tier 1"
    TIER_2 = "Tier 2"
    WATCH_LIST = "Tier 2 Watch List"
    TIER_3 = "Tier 3"
    SPECIAL_CASE = "Special Case"
    UNRANKED = "not ranked"

    @property
    def is_ranked(self) -> bool:
        """True for the four tiers; False for a special case or a year the report did not rank."""
        return self in RANKED_TIERS

    @property
    def rank(self) -> float | None:
        """Ordering for moves: 1 best, 3 worst, the watch list 2.5; None when not a tier."""
        return _RANK.get(self)


RANKED_TIERS: tuple[Tier, ...] = (Tier.TIER_1, Tier.TIER_2, Tier.WATCH_LIST, Tier.TIER_3)

ALL_PLACEMENTS: frozenset[Tier] = frozenset(Tier)
"""Every placement a report can give: what an unknown year may be."""

_RANK: dict[Tier, float] = {
    Tier.TIER_1: 1.0,
    Tier.TIER_2: 2.0,
    Tier.WATCH_LIST: 2.5,
    Tier.TIER_3: 3.0,
}


def move_between(before: Tier | None, after: Tier | None) -> str | None:
    """"upgrade", "downgrade" or "unchanged" between two tiers; None when either side is
    unknown or not one of the four tiers (a special case, an unranked year)."""
    if before is None or after is None or before.rank is None or after.rank is None:
        return None
    if after.rank < before.rank:
        return "upgrade"
    if after.rank > before.rank:
        return "downgrade"
    return "unchanged"
