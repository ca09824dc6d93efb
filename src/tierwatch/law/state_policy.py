"""The policy-or-pattern kinds under their older home (the rule is ``policy_or_pattern``)."""

from __future__ import annotations

from tierwatch.law.policy_or_pattern import POLICY_OR_PATTERN_KINDS

__all__ = ["POLICY_OR_PATTERN_KINDS"]
