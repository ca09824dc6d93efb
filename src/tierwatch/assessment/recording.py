"""Recorded decisions: an append-only, hash-chained log.

Append-only where the database allows it: triggers refuse UPDATE and DELETE, an insert that
would overwrite or reorder an entry (SQLite's REPLACE deletes the old row without firing the
delete trigger unless recursive triggers are on, so the insert trigger refuses any id not
past the last one), and on PostgreSQL also TRUNCATE. Detectable where it does not: each entry
carries the hash of the one before it (a hash chain, as transparency logs keep), so
``verify_chain`` finds the first entry changed, removed or inserted behind the code's back.
``recorded_at`` is the store's own clock, never the caller's.

A decision the law forbids is refused with the rule cited; one that departs from the
engine's proposal needs a justification; one for a published year that contradicts the
record needs ``against_record`` and is marked so wherever it is shown. A refused decision
writes nothing.
"""

from __future__ import annotations

import hashlib
from contextlib import AbstractContextManager, nullcontext
from typing import Any, NoReturn

import sqlalchemy as sa

from tierwatch.assessment.log import (
    GENESIS,
    ChainCheck,
    Decision,
    contradicts_record,
    decided_history,
    decision_line,
    decisions,
    entry_hash,
    in_force,
    safe_text,
    verify_chain,
)
from tierwatch.assessment.proposal import Proposal, history_before
from tierwatch.errors import InvalidInputError, Setting, TierwatchError
from tierwatch.law import PlacementHistory, PlacementYear, Tier, automatic_downgrade, evaluate_year
from tierwatch.law import provision_ids as ids
from tierwatch.law.assessment_law import statute_cited
from tierwatch.statements.store import Store, store_clock

metadata = sa.MetaData()
decisions_table = sa.Table(
    "decisions", metadata,
    sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
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
    sa.Column("against_record", sa.Boolean),
    sa.Column("previous_hash", sa.String(64)),
    sa.Column("entry_hash", sa.String(64)),
)

__all__ = ["GENESIS", "ChainCheck", "Decision", "DecisionRefused", "check_decision",
           "contradicts_record", "decided_history", "decision_line", "decisions", "entry_hash",
           "in_force", "record_decision", "safe_text", "verify_chain"]


class DecisionRefused(InvalidInputError):
    """The statute or the rules of the log do not allow this decision."""


def check_decision(history: PlacementHistory, report_year: int, tier: Tier, waiver: bool,
                   *, state_policy: bool = False) -> None:
    """Refuse, with the rule cited, a placement the law of the year does not allow."""
    evaluation = evaluate_year(history_before(history, report_year), report_year,
                               state_policy=state_policy)
    lawful = evaluation.lawful
    citation = evaluation.check.citation or statute_cited(ids.TIER_LISTS, report_year)
    if tier not in lawful.tiers:
        reason = lawful.excluded.get(tier)
        raise DecisionRefused(
            f"decision {tier} for {report_year} refused: not lawful in {report_year} "
            f"({reason or evaluation.clock.reason or 'the statute of the year'}); lawful: "
            f"{', '.join(str(t) for t in lawful.tiers)} [{_citation(evaluation, tier)}]")
    if waiver and tier is not Tier.WATCH_LIST:
        raise DecisionRefused("a waiver of the automatic downgrade keeps a country on Tier 2 "
                              f"Watch List; it does not go with {tier}",
                              setting=Setting("waiver", False))
    if tier is Tier.WATCH_LIST and lawful.watch_list_needs_waiver and not waiver:
        raise DecisionRefused(
            f"decision Tier 2 Watch List for {report_year} refused: the automatic downgrade "
            "applies unless a waiver is granted "
            f"[{statute_cited(ids.DOWNGRADE_WAIVER, report_year)}; {citation}]",
            setting=Setting("waiver", True, "to record it with a waiver"))
    if waiver and not lawful.watch_list_needs_waiver:
        raise DecisionRefused(f"no waiver is needed or available in {report_year} "
                              f"(watch-list years: {evaluation.clock.watch_list_years})",
                              setting=Setting("waiver", False))


def _citation(evaluation: Any, tier: Tier) -> str:
    decisive = evaluation.lawful.excluded_rules.get(tier)
    if decisive is not None and decisive[1]:
        return str(decisive[1])  # the rule the law names for the exclusion
    for firing in evaluation.explanation:
        if firing.outcome and str(tier) in firing.outcome and firing.citation:
            return str(firing.citation)
    return statute_cited(automatic_downgrade.RULE, evaluation.report_year)


def record_decision(store: Store, history: PlacementHistory, *, country: str, report_year: int,
                    tier: Tier, waiver: bool, justification: str | None, author: str,
                    proposal: Proposal | None = None, evidence_json: str | None = None,
                    state_policy: bool = False, against_record: bool = False,
                    recorded_at: str | None = None,
                    connection: sa.Connection | None = None) -> Decision:
    """Check and append one decision; a refused one raises and writes nothing.

    ``history`` is the published record of ``country``. ``recorded_at`` cannot be chosen:
    the store's clock sets it (giving one is refused, so no entry is back-dated). Given a
    ``connection``, the entry is written in the caller's transaction (the API's audit row
    goes in the same one)."""
    from tierwatch.countries import lookup
    from tierwatch.law import validate_report_year

    if recorded_at is not None:
        raise DecisionRefused("recorded_at: set by the store's own clock; a decision cannot "
                              "be dated by its caller")
    try:
        known = lookup(country).code
    except TierwatchError as error:
        raise DecisionRefused(f"country {country!r}: {error}") from error
    if known != country:
        raise DecisionRefused(f"country {country!r}: give the code {known}")
    validate_report_year(report_year)
    if not author.strip():
        raise DecisionRefused("a decision needs its author", setting=Setting("author"))
    placement = history.get(report_year)
    contradicts = contradicts_record(placement, tier, waiver)
    if contradicts and not against_record:
        assert placement is not None
        raise DecisionRefused(
            f"decision {tier}{' with a waiver' if waiver else ''} for {report_year} "
            f"contradicts the published record ({_record_text(placement)})",
            setting=Setting("against_record", True,
                            "to record it as a decision against the record"))
    if against_record and not contradicts:
        raise DecisionRefused(f"the decision does not contradict the published record for "
                              f"{report_year}", setting=Setting("against_record", False))
    check_decision(history, report_year, tier, waiver, state_policy=state_policy)
    departs = None if proposal is None else (
        (tier, waiver) not in {(o.tier, o.waiver) for o in proposal.outcomes})
    if not (justification and justification.strip()):
        if proposal is None:
            _needs_justification("the decision has no evidence-based proposal to agree with")
        proposed = ", ".join(o.label for o in proposal.outcomes)
        if departs:
            _needs_justification(f"the decision departs from the proposal ({proposed})")
        if not proposal.determined:
            _needs_justification(f"the evidence leaves several tiers possible ({proposed}) "
                                 "and the decision chooses among them")
        if against_record:
            _needs_justification("the decision contradicts the published record")
    row: dict[str, Any] = {
        "country": country, "report_year": report_year, "tier": str(tier), "waiver": waiver,
        "justification": justification, "author": author,
        "proposed_tier": None if proposal is None else " or ".join(
            o.label for o in proposal.outcomes),
        "departs_from_proposal": departs,
        "evidence_digest": None if evidence_json is None else hashlib.sha256(
            evidence_json.encode()).hexdigest(),
        "against_record": against_record,
    }
    scope: AbstractContextManager[sa.Connection] = (
        store.transaction() if connection is None else nullcontext(connection))
    with scope as connection:
        if connection.dialect.name == "postgresql":
            connection.execute(sa.text("LOCK TABLE decisions IN EXCLUSIVE MODE"))
        last = connection.execute(
            sa.select(decisions_table.c.id, decisions_table.c.entry_hash,
                      decisions_table.c.recorded_at)
            .order_by(decisions_table.c.id.desc()).limit(1)).first()
        now = store_clock(connection)
        if last is not None and now < last.recorded_at:
            raise DecisionRefused(f"the store's clock ({now}) is behind the log's last entry "
                                  f"({last.recorded_at}); not recorded")
        previous = GENESIS if last is None else (last.entry_hash or GENESIS)
        row.update(id=1 if last is None else int(last.id) + 1, recorded_at=now,
                   previous_hash=previous)
        row["entry_hash"] = entry_hash(row, previous)
        connection.execute(decisions_table.insert().values(**row))
    return Decision(**row)


def _needs_justification(why: str) -> NoReturn:
    raise DecisionRefused(f"a justification is needed: {why}",
                          setting=Setting("justification", None))


def _record_text(placement: PlacementYear) -> str:
    if placement.tier is not None:
        return str(placement.tier) + (" with a waiver" if placement.waiver else "")
    return "one of " + ", ".join(sorted(str(t) for t in placement.possible_tiers()))


def copy_log(source: Store, target: Store) -> int:
    """Copy the whole decision log, hashes and times as recorded, into an empty store's log
    (an export); the target's triggers check that each entry follows the one before."""
    log = decisions(source)
    with target.transaction() as connection:
        for decision in log:
            connection.execute(decisions_table.insert().values(**decision.to_dict()))
    return len(log)
