"""Assessment: evidence against the minimum standards, a proposed tier with its reasons, the
append-only log of decisions, and what-if scenarios on the law engine."""

from tierwatch.assessment.decisions import (
    Decision,
    DecisionRefused,
    check_decision,
    decisions,
    record_decision,
)
from tierwatch.assessment.evidence import Evidence, load_evidence, parse_evidence
from tierwatch.assessment.proposal import Proposal, propose
from tierwatch.assessment.template import evidence_template
from tierwatch.assessment.whatif import parse_assumptions, what_if

__all__ = [
    "Decision", "DecisionRefused", "Evidence", "Proposal", "check_decision", "decisions",
    "evidence_template", "load_evidence", "parse_assumptions", "parse_evidence", "propose",
    "record_decision", "what_if",
]
