"""Disagreements among a document's figures, by the knowledge base's one definition
(``statements.disputes``): the figures are taken as the statements the reader would store,
so a reading and a report on the stored claims find the same disputes.

Each dispute is given as pairs of figures that disagree, in the order the figures appear. A
figure with no country is compared with nothing (it is not a statement).
"""

from __future__ import annotations

from tierwatch.reading.model import Dispute, Figure
from tierwatch.reading.statements import figure_statement
from tierwatch.statements.disputes import find_disputes as disputed_figures

_DOCUMENT = "this document"  # one source: an unknown report year is the document's one year


def find_disputes(figures: list[Figure]) -> list[Dispute]:
    """Every disagreeing pair of figures, in the order the figures appear."""
    order: dict[int, int] = {}
    statements = []
    for index, figure in enumerate(figures):
        statement = figure_statement(figure, None, _DOCUMENT)
        if statement is not None:
            order[id(statement)] = index
            statements.append(statement)
    pairs = []
    for dispute in disputed_figures(statements):
        for one, other in dispute.pairs():
            first, second = sorted((order[id(one)], order[id(other)]))
            pairs.append((first, second))
    pairs.sort()
    return [Dispute(figures[a].country, figures[a].quantity, figures[a].period, figures[a],
                    figures[b]) for a, b in pairs]
