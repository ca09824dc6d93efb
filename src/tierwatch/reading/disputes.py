"""Disagreements: two figures for one country, quantity and period from different claimants.

A figure whose period is unknown is compared with nothing: without a period the text does
not say that the two numbers count the same thing.
"""

from __future__ import annotations

from tierwatch.reading.model import Dispute, Figure


def _claimant_key(figure: Figure) -> tuple[str, str]:
    if figure.claimant_kind in ("TIP report", "article"):
        return figure.claimant_kind, ""
    return figure.claimant_kind, figure.claimant.lower()


def find_disputes(figures: list[Figure]) -> list[Dispute]:
    """Every disagreeing pair, in the order the figures appear. Figures are grouped by what
    they count first and a repeated (claimant, value) is compared once, so the work grows
    with the number of distinct claims, not with the square of all figures."""
    groups: dict[tuple[object, ...], dict[tuple[tuple[str, str], int], Figure]] = {}
    for figure in figures:
        if figure.period is None:
            continue
        subject = (figure.country, figure.quantity, figure.period, figure.breakdown)
        claims = groups.setdefault(subject, {})
        claims.setdefault((_claimant_key(figure), figure.value), figure)
    pairs: list[tuple[Figure, Figure]] = []
    for claims in groups.values():
        distinct = list(claims.items())
        for i, ((claimant, value), first) in enumerate(distinct):
            for (other_claimant, other_value), second in distinct[i + 1:]:
                if value != other_value and claimant != other_claimant:
                    pairs.append((first, second))
    order = {id(figure): index for index, figure in enumerate(figures)}
    pairs.sort(key=lambda pair: (order[id(pair[0])], order[id(pair[1])]))
    return [Dispute(a.country, a.quantity, a.period, a, b) for a, b in pairs]
