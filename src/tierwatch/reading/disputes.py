"""Disagreements: two figures for one country, quantity and period from different claimants.

A figure whose period is unknown is compared with nothing: without a period the text does
not say that the two numbers count the same thing.
"""

from __future__ import annotations

from itertools import combinations

from tierwatch.reading.model import Dispute, Figure


def _claimant_key(figure: Figure) -> tuple[str, str]:
    if figure.claimant_kind in ("TIP report", "article"):
        return figure.claimant_kind, ""
    return figure.claimant_kind, figure.claimant.lower()


def find_disputes(figures: list[Figure]) -> list[Dispute]:
    """Every disagreeing pair, in the order the figures appear."""
    disputes: list[Dispute] = []
    for first, second in combinations(figures, 2):
        if first.period is None or second.period is None:
            continue
        same_subject = (
            first.country == second.country
            and first.quantity == second.quantity
            and first.period == second.period
            and first.breakdown == second.breakdown
        )
        if (
            same_subject
            and first.value != second.value
            and _claimant_key(first) != _claimant_key(second)
        ):
            disputes.append(Dispute(first.country, first.quantity, first.period, first, second))
    return disputes
