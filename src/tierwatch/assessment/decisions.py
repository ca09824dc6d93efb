"""Recorded decisions: an append-only log (rows are inserted, never updated or deleted; the
database refuses both through triggers where it can).

A decision the law forbids is refused with the rule cited, and a decision that departs from
the engine's proposal needs a justification; a refused decision writes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from typing import Any

import sqlalchemy as sa

from tierwatch.assessment.proposal import Proposal, history_before
from tierwatch.errors import InvalidInputError
from tierwatch.law import PlacementHistory, Tier, evaluate_year
from tierwatch.statements.store import Store

metadata = sa.MetaData()
decisions_table = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
    sa.Column("country", sa.String(8), nullable=False),
    sa.Column("report_year", sa.Integer, nullable=False),
    sa.Column("tier", sa.String(40), nullable=False),
    sa.Column("waiver", sa.Boolean, nullable=False),
    sa.Column("justification", sa.Text),
    sa.Column("author", sa.Text, nullable=False),
    sa.Column("proposed_tier", sa.String(40)),
    sa.Column("departs_from_proposal", sa.Boolean),
    sa.Column("evidence_digest", sa.String(64)),
    sa.Column("recorded_at", sa.String(32), nullable=False),
)


@dataclass(frozen=True)
class Decision:
    country: str
    report_year: int
    tier: str
    waiver: bool
    justification: str | None
    author: str
    proposed_tier: str | None
    departs_from_proposal: bool | None
    evidence_digest: str | None
    recorded_at: str
    id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class DecisionRefused(InvalidInputError):
    """The statute or the rules of the log do not allow this decision."""


def check_decision(history: PlacementHistory, report_year: int, tier: Tier, waiver: bool,
                   *, state_policy: bool = False) -> None:
    """Refuse, with the rule cited, a placement the law of the year does not allow."""
    evaluation = evaluate_year(history_before(history, report_year), report_year,
                               state_policy=state_policy)
    lawful = evaluation.lawful
    citation = evaluation.check.citation or "TVPA §110(b), 22 U.S.C. 7107(b)"
    if tier not in lawful.tiers:
        reason = lawful.excluded.get(tier)
        raise DecisionRefused(
            f"decision {tier} for {report_year} refused: not lawful in {report_year} "
            f"({reason or evaluation.clock.reason or 'the statute of the year'}); lawful: "
            f"{', '.join(str(t) for t in lawful.tiers)} [{_citation(evaluation, tier)}]")
    if waiver and tier is not Tier.WATCH_LIST:
        raise DecisionRefused("--waiver: a waiver of the automatic downgrade keeps a country "
                              "on Tier 2 Watch List; it does not go with " + str(tier))
    if tier is Tier.WATCH_LIST and lawful.watch_list_needs_waiver and not waiver:
        raise DecisionRefused(
            f"decision Tier 2 Watch List for {report_year} refused: the automatic downgrade "
            f"applies unless a waiver is granted; record it with --waiver "
            f"[TVPA §110(b)(2)(D)(ii), 22 U.S.C. 7107(b)(2)(D)(ii); {citation}]")
    if waiver and not lawful.watch_list_needs_waiver:
        raise DecisionRefused(f"--waiver: no waiver is needed or available in {report_year} "
                              f"(watch-list years: {evaluation.clock.watch_list_years})")


def _citation(evaluation: Any, tier: Tier) -> str:
    decisive = evaluation.lawful.excluded_rules.get(tier)
    if decisive is not None and decisive[1]:
        return str(decisive[1])  # the rule the law names for the exclusion
    for firing in evaluation.explanation:
        if firing.outcome and str(tier) in firing.outcome and firing.citation:
            return str(firing.citation)
    return "TVPA §110(b)(2)(D)-(F), 22 U.S.C. 7107(b)(2)(D)-(F)"


def record_decision(store: Store, history: PlacementHistory, *, country: str, report_year: int,
                    tier: Tier, waiver: bool, justification: str | None, author: str,
                    proposal: Proposal | None = None, evidence_json: str | None = None,
                    state_policy: bool = False, recorded_at: str | None = None) -> Decision:
    """Check and append one decision; a refused one raises and writes nothing."""
    if not author.strip():
        raise DecisionRefused("--author: a decision needs its author")
    check_decision(history, report_year, tier, waiver, state_policy=state_policy)
    departs = None if proposal is None else (
        (tier, waiver) not in {(o.tier, o.waiver) for o in proposal.outcomes})
    if not (justification and justification.strip()):
        if proposal is None:
            raise DecisionRefused("--justification: needed, the decision has no "
                                  "evidence-based proposal to agree with")
        if departs:
            raise DecisionRefused("--justification: needed, the decision departs from the "
                                  "proposal (" + ", ".join(o.label for o in proposal.outcomes)
                                  + ")")
        if not proposal.determined:
            raise DecisionRefused("--justification: needed, the evidence leaves several tiers "
                                  "possible (" + ", ".join(o.label for o in proposal.outcomes)
                                  + ") and the decision chooses among them")
    decision = Decision(
        country=country, report_year=report_year, tier=str(tier), waiver=waiver,
        justification=justification, author=author,
        proposed_tier=None if proposal is None else " or ".join(
            o.label for o in proposal.outcomes),
        departs_from_proposal=departs,
        evidence_digest=None if evidence_json is None else hashlib.sha256(
            evidence_json.encode()).hexdigest(),
        recorded_at=recorded_at or datetime.now(UTC).replace(microsecond=0).isoformat())
    row = decision.to_dict()
    row.pop("id")
    with store.transaction() as connection:
        result = connection.execute(decisions_table.insert().values(**row))
        key = result.inserted_primary_key
    return Decision(**{**row, "id": None if key is None else int(key[0])})


def decisions(store: Store, country: str | None = None) -> list[Decision]:
    query = decisions_table.select().order_by(decisions_table.c.id)
    if country is not None:
        query = query.where(decisions_table.c.country == country)
    with store.engine.connect() as connection:
        rows = connection.execute(query).mappings().all()
    return [Decision(**dict(row)) for row in rows]
