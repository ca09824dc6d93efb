"""What a rule is, and how the rules of a report year combine (base rule plus exceptions).

Each provision module (``tier_lists``, ``special_watch_list``, ``automatic_downgrade``,
``post_downgrade_limit``, ``policy_or_pattern``, ``downgrade_waiver``) is a ``Rule``: from the
facts of one reading of the clock (a ``Situation``) it gives its constraint (the placements it
allows, or None when it does not apply), the sentences that say it fired, and the reasons it
gives when it excludes a placement or requires one. The engine loops over them.

A rule overrides another only where the statute says so (``overrides``, e.g. the waiver over
the automatic downgrade, the one-year limit "notwithstanding" the waiver). Two rules that apply
together, leave no placement and have no stated priority raise ``LawConflictError`` (as
Catala's conflict error does), never a silent choice.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Protocol

from tierwatch.errors import TierwatchError
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.tiers import RANKED_TIERS, Tier

if TYPE_CHECKING:
    from tierwatch.law.options import LawOptions
    from tierwatch.law.watch_list import Scenario

WITHOUT_WATCH_LIST = frozenset({Tier.TIER_1, Tier.TIER_2, Tier.TIER_3})


class LawConflictError(TierwatchError):
    """Two rules apply to the same report year, leave no lawful placement, and the statute
    states no priority between them."""


@dataclass(frozen=True, slots=True)
class Constraint:
    """What one rule allows in a report year; ``overrides`` names the rules it takes priority
    over (only where the statute says so); ``exception`` marks a grant (a waiver) that lifts
    another rule only when given, so the placements it opens need it."""

    rule: str
    citation: str
    allowed: frozenset[Tier]
    overrides: frozenset[str] = frozenset()
    exception: bool = False


@dataclass(frozen=True, slots=True)
class Situation:
    """What a rule reads: the report year, one reading of the clock, the policy-or-pattern
    finding and the options for the unsettled points."""

    scenario: Scenario
    state_policy: bool
    options: LawOptions

    @property
    def report_year(self) -> int:
        return self.scenario.report_year


class Rule(Protocol):
    """A provision module as the engine reads it."""

    RULE: str

    def constraint(self, situation: Situation) -> Constraint | None: ...

    def fired(self, situation: Situation, applied: frozenset[str]) -> list[RuleFiring]: ...

    def excluded_reason(self, situation: Situation) -> str: ...

    def unlawful_reason(self, situation: Situation) -> str: ...


def effective(constraints: Iterable[Constraint]) -> list[Constraint]:
    """The constraints no other given constraint overrides."""
    given = list(constraints)
    overridden: set[str] = set()
    for constraint in given:
        overridden |= constraint.overrides
    return [c for c in given if c.rule not in overridden]


def combine(report_year: int, constraints: Iterable[Constraint]) -> frozenset[Tier]:
    """The placements every effective constraint allows.

    A constraint overridden by another that applies drops out; if the rest leave nothing,
    the two that disagree are named in a ``LawConflictError``.
    """
    allowed = frozenset(RANKED_TIERS)
    applied: list[Constraint] = []
    for constraint in effective(constraints):
        narrowed = allowed & constraint.allowed
        if not narrowed:
            other = next(
                (c for c in applied if not c.allowed & constraint.allowed),
                applied[-1] if applied else constraint,
            )
            raise LawConflictError(
                f"report year {report_year}: rules {other.rule} ({other.citation}) and "
                f"{constraint.rule} ({constraint.citation}) both apply and leave no lawful "
                "placement; the statute states no priority between them"
            )
        allowed = narrowed
        applied.append(constraint)
    return allowed


def decisive(constraints: Iterable[Constraint], tier: Tier) -> Constraint | None:
    """The rule that explains why ``tier`` is excluded: among the effective rules excluding
    it, one that takes away another's exception (the one-year limit, "notwithstanding" the
    waiver) before the rule whose exception it barred."""
    excluding = [c for c in effective(constraints) if tier not in c.allowed]
    chosen = [c for c in excluding if c.overrides and not c.exception] or excluding
    return chosen[0] if chosen else None
