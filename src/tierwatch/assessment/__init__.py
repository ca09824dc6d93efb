"""Assessment: evidence against the minimum standards, a proposed tier with its reasons, the
append-only log of decisions, and what-if scenarios on the law engine.

Names are loaded on first use, so that a fast read command showing decisions (``country``)
does not pay for pydantic and SQLAlchemy."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_HOMES = {
    "Decision": "log", "decisions": "log",
    "DecisionRefused": "recording", "check_decision": "recording",
    "record_decision": "recording",
    "Evidence": "evidence", "load_evidence": "evidence", "parse_evidence": "evidence",
    "Proposal": "proposal", "propose": "proposal",
    "evidence_template": "template",
    "parse_assumptions": "whatif", "what_if": "whatif",
}

__all__ = [
    "Decision", "DecisionRefused", "Evidence", "Proposal", "check_decision", "decisions",
    "evidence_template", "load_evidence", "parse_assumptions", "parse_evidence", "propose",
    "record_decision", "what_if",
]

if TYPE_CHECKING:
    from tierwatch.assessment.evidence import Evidence, load_evidence, parse_evidence
    from tierwatch.assessment.log import Decision, decisions
    from tierwatch.assessment.proposal import Proposal, propose
    from tierwatch.assessment.recording import DecisionRefused, check_decision, record_decision
    from tierwatch.assessment.template import evidence_template
    from tierwatch.assessment.whatif import parse_assumptions, what_if


def __getattr__(name: str) -> Any:
    if name not in _HOMES:
        raise AttributeError(f"module 'tierwatch.assessment' has no attribute {name!r}")
    return getattr(import_module(f"tierwatch.assessment.{_HOMES[name]}"), name)
