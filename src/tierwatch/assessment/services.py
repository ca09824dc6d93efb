"""The assessment layer's services: a country with its recorded decisions, the clock of a
stored country (decisions laid over the record), the evidence template, the proposal, the
what-if, recording a decision and reading the log.

Called alike by the CLI, the REST API and the dashboard; each returns a typed answer whose
``to_dict()`` is the JSON the CLI prints with ``--json``. Heavy layers (pydantic for the
evidence, SQLAlchemy for writes) are imported only by the services that need them, so that
``tierwatch country`` starts fast.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tierwatch.assessment.log import ChainCheck, Decision, decided_history, decisions
from tierwatch.errors import InvalidInputError
from tierwatch.law import (
    LawOptions,
    PlacementHistory,
    Tier,
    YearEvaluation,
    evaluate_year,
    last_report_year,
    validate_report_year,
)
from tierwatch.placements.knowledge import country_profile, country_record
from tierwatch.placements.results import CountryProfile
from tierwatch.statements.store import StatementReader

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection

    from tierwatch.assessment.evidence import Evidence
    from tierwatch.assessment.proposal import Proposal
    from tierwatch.assessment.stored_evidence import StoredEvidence
    from tierwatch.placements.services import ClockAnswer
    from tierwatch.statements.store import Store


# -- a country with its decisions ---------------------------------------------------------------


@dataclass(frozen=True)
class DecidedOutlook:
    """The next report as the standing decisions for the open years would leave it."""

    decided_years: tuple[int, ...]
    evaluation: YearEvaluation  # the law of the report year after the last decided one


@dataclass(frozen=True)
class CountryPage:
    """``tierwatch country``: the profile from the record, the decisions recorded for the
    country (an analyst's, never the published record) and, when they settle open years,
    the next report as they would leave it (``decided``; shown in text, not in the JSON)."""

    profile: CountryProfile
    decisions: tuple[Decision, ...]
    decided: DecidedOutlook | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.profile.to_dict(), "decisions": [d.to_dict() for d in self.decisions]}


def country_page(reader: StatementReader, name: str) -> CountryPage:
    """A country (name, alias or code) with its placements, the law and its decisions."""
    profile = country_profile(reader, name)
    log = tuple(decisions(reader, profile.code))
    decided = None
    if log:
        history, used = decided_history(country_record(reader, profile.code).history, log)
        if used:
            year = max(d.report_year for d in used) + 1
            if year <= last_report_year():
                decided = DecidedOutlook(tuple(d.report_year for d in used),
                                         evaluate_year(history, year))
    return CountryPage(profile, log, decided)


def clock_for_country(reader: StatementReader, name: str, report_year: int, *,
                      state_policy: bool = False,
                      options: LawOptions | None = None) -> ClockAnswer:
    """The law of ``report_year`` on a stored country's history, with the recorded decisions
    for years the record leaves open counted (and named as decisions)."""
    from tierwatch.placements.services import ClockAnswer

    validate_report_year(report_year)
    record = country_record(reader, name)
    history, used = decided_history(record.history, decisions(reader, record.country.code))
    evaluation = evaluate_year(history, report_year, state_policy=state_policy,
                               options=options)
    return ClockAnswer(
        evaluation, country=record.country.name, code=record.country.code,
        record_text=record.history.to_text(),
        decisions_used=tuple(d for d in used if d.report_year < report_year),
        decisions_standing=tuple(d for d in used if d.report_year == report_year))


# -- evidence, proposals, what-if -----------------------------------------------------------------


@dataclass(frozen=True)
class EvidenceTemplate:
    """An evidence file to fill in (YAML text, every field explained), with the figures the
    store holds for the period filled in with their sources."""

    country: str
    report_year: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "report_year": self.report_year, "text": self.text}


def evidence_template_for(reader: StatementReader, country: str,
                          report_year: int) -> EvidenceTemplate:
    """The evidence template of ``country`` (name or code) for ``report_year``."""
    from tierwatch.assessment.template import evidence_template, stored_figures
    from tierwatch.countries import lookup

    validate_report_year(report_year)
    code = lookup(country).code
    held = [s for year in (report_year, report_year - 1)
            for s in reader.statements(country=code, report_year=year)]
    return EvidenceTemplate(code, report_year,
                            evidence_template(code, report_year,
                                              stored_figures(held, report_year)))


@dataclass(frozen=True)
class Assessment:
    """The engine's proposal on an analyst's evidence, with the record it read."""

    evidence: Evidence
    history: PlacementHistory
    proposal: Proposal

    def to_dict(self) -> dict[str, Any]:
        return self.proposal.to_dict()


def assess(reader: StatementReader, evidence: Evidence | Path | str) -> Assessment:
    """The proposed tier, each rule applied and what the evidence lacks; ``evidence`` is
    parsed already (``parse_evidence``) or a YAML/JSON file to load."""
    from tierwatch.assessment.evidence import load_evidence
    from tierwatch.assessment.proposal import propose

    if isinstance(evidence, str | Path):
        evidence = load_evidence(evidence)
    history = country_record(reader, evidence.country).history
    return Assessment(evidence, history, propose(evidence, history))


@dataclass(frozen=True)
class WhatIf:
    """The clock, the lawful placements and the consequences if assumed placements hold."""

    country: str
    code: str
    result: dict[str, Any]  # the assessment layer's what_if answer (history, years, ...)

    def to_dict(self) -> dict[str, Any]:
        return {"country": self.country, "code": self.code, **self.result}


def what_if_for(reader: StatementReader, country: str, assumptions: str) -> WhatIf:
    """``assumptions`` as ``--assume`` takes them ("2026=2WL 2027=2WL+waiver"), laid over the
    stored history and the standing decisions."""
    from tierwatch.assessment.whatif import parse_assumptions, what_if

    assumed = parse_assumptions(assumptions)
    record = country_record(reader, country)
    result = what_if(record.history, assumed, decisions(reader, record.country.code))
    return WhatIf(record.country.name, record.country.code, result)


# -- decisions ----------------------------------------------------------------------------------


def check_decision_input(country: str, report_year: int, tier: str) -> tuple[str, Tier]:
    """The country's code and the tier of a decision to record, or the refusal naming the
    bad input (an unknown country or year, a tier that cannot be decided)."""
    from tierwatch.countries import lookup
    from tierwatch.law import TIER_CODES

    validate_report_year(report_year)
    chosen = TIER_CODES.get(tier)
    if chosen is None or tier in ("special", "unranked"):
        raise InvalidInputError("expected 1, 2, 2WL or 3", field="tier", value=tier)
    return lookup(country).code, chosen


@dataclass(frozen=True)
class RecordedDecision:
    """A decision as recorded, with the stored evidence it rests on (None: none given)."""

    decision: Decision
    evidence: StoredEvidence | None

    def to_dict(self) -> dict[str, Any]:
        return {**self.decision.to_dict(),
                "evidence_id": None if self.evidence is None else self.evidence.id}


def decide(store: Store, country: str, report_year: int, tier: str, *, author: str,
           waiver: bool = False, justification: str | None = None,
           evidence: Evidence | None = None, state_policy: bool = False,
           against_record: bool = False) -> Decision:
    """Check and append one decision (``tier`` as a code: 1, 2, 2WL or 3). One the law
    forbids, or one against the published record without ``against_record``, is refused
    with the rule cited and nothing written. With ``evidence`` (for the same country and
    year) the evidence is stored and the engine's proposal recorded beside it."""
    return decide_on_evidence(
        store, country, report_year, tier, author=author, waiver=waiver,
        justification=justification, evidence=evidence, state_policy=state_policy,
        against_record=against_record).decision


def decide_on_evidence(store: Store, country: str, report_year: int, tier: str, *,
                       author: str, waiver: bool = False, justification: str | None = None,
                       evidence: Evidence | None = None, evidence_id: int | None = None,
                       state_policy: bool = False, against_record: bool = False,
                       also: Callable[[Connection, RecordedDecision], None] | None = None
                       ) -> RecordedDecision:
    """``decide``, with the evidence given (stored now, in the decision's transaction) or
    named by the id of stored evidence (``UnknownEvidenceError`` if none has it); either
    way the decision's ``evidence_digest`` is the stored document's digest. ``also`` writes
    more in the same transaction (the API's audit row): if it raises, nothing is kept."""
    code, chosen = check_decision_input(country, report_year, tier)
    if evidence is not None and evidence_id is not None:
        raise InvalidInputError("give the evidence or the id of stored evidence, not both",
                                field="evidence")
    history = country_record(store, code).history  # read before the write lock is taken
    with store.transaction() as connection:
        recorded = _decide_in(store, connection, history, code, report_year, chosen,
                              author=author, waiver=waiver, justification=justification,
                              evidence=evidence, evidence_id=evidence_id,
                              state_policy=state_policy, against_record=against_record)
        if also is not None:
            also(connection, recorded)
    return recorded


def _decide_in(store: Store, connection: Connection, history: PlacementHistory, code: str,
               report_year: int, chosen: Tier, *, author: str, waiver: bool,
               justification: str | None, evidence: Evidence | None,
               evidence_id: int | None, state_policy: bool,
               against_record: bool) -> RecordedDecision:
    from tierwatch.assessment.proposal import propose
    from tierwatch.assessment.recording import record_decision
    from tierwatch.assessment.stored_evidence import get_evidence, record_evidence

    stored = None
    if evidence_id is not None:
        stored = get_evidence(store, evidence_id, connection)
        if not stored.intact:
            raise InvalidInputError(f"evidence {evidence_id}: its document no longer matches "
                                    "its digest; not used")
        evidence = stored.evidence
    proposal = None
    if evidence is not None:
        if (evidence.country, evidence.report_year) != (code, report_year):
            raise InvalidInputError(f"it is for {evidence.country} {evidence.report_year}, "
                                    f"not {code} {report_year}", field="evidence")
        proposal = propose(evidence, history)
        state_policy = state_policy or bool(evidence.state_policy.found)
        if stored is None:  # kept only if the decision is: the same transaction
            stored = record_evidence(store, evidence, recorded_by=author,
                                     connection=connection)
    decision = record_decision(
        store, history, country=code, report_year=report_year, tier=chosen, waiver=waiver,
        justification=justification, author=author, proposal=proposal,
        evidence_json=None if stored is None else stored.document,
        state_policy=state_policy and report_year >= 2019,
        against_record=against_record, connection=connection)
    if stored is not None and decision.id is not None:
        stored = replace(stored, decisions=(*stored.decisions, decision.id))
    return RecordedDecision(decision, stored)


@dataclass(frozen=True)
class DecisionLog:
    """The recorded decisions (of a country, or all) oldest first, and the check of the
    whole log's hash chain when asked for."""

    decisions: tuple[Decision, ...]
    check: ChainCheck | None = None

    def to_dict(self) -> dict[str, Any]:
        """With a check: ``{"decisions": [...], "verify": {...}}``; without, the CLI prints
        the list alone (``[d.to_dict() for d in log.decisions]``)."""
        data: dict[str, Any] = {"decisions": [d.to_dict() for d in self.decisions]}
        if self.check is not None:
            data["verify"] = self.check.to_dict()
        return data


def decision_log(reader: StatementReader, country: str | None = None, *,
                 verify: bool = False) -> DecisionLog:
    """The decisions of ``country`` (name or code; all when None), and with ``verify`` the
    check of the whole chain (the first broken link named)."""
    from tierwatch.assessment.log import verify_chain
    from tierwatch.countries import lookup

    code = None if country is None else lookup(country).code
    found = tuple(decisions(reader, code))
    check = verify_chain(decisions(reader)) if verify else None
    return DecisionLog(found, check)
