"""The TVPA tier law as code: dated rules with citations, the watch-list clock, lawful
placements, checks of recorded placements, Tier 3 consequences, all explained.

Depends on nothing else in tierwatch but its errors. Asking about report year Y applies the
law of Y (``statute.yaml`` holds every dated provision; ``LawOptions`` the unsettled points).

Strict and non-strict use:

- ``parse_history(text)`` is strict (the CLI): a waiver the law did not allow is refused with
  a one-line ``InvalidInputError`` naming the token.
- Replaying real data: build ``PlacementHistory(PlacementYear(...) ...)`` directly (or
  ``parse_history(text, strict=False)``); ``evaluate_year`` and ``check_placement`` never
  refuse a recorded waiver, they judge it; ``validate_waivers(history)`` lists the problems.
  ``PlacementYear(..., waiver=None)`` says the data does not record whether a waiver was
  granted (before the first published list, 2013); the engine then answers "unknown" where
  it matters instead of guessing.

Answers from ``evaluate_year`` are shared between callers (cached per state of the law), so
their lists and dicts are read-only: copy them before changing.

Layout: one module per provision, after the statute (``tier_lists``, ``special_watch_list``,
``automatic_downgrade``, ``downgrade_waiver``, ``post_downgrade_limit``, ``policy_or_pattern``,
``consequences``): its constraint, its sentences, its citation read from ``statute.yaml``. The
clock's facts are in ``watch_list``, the loop over the rules in ``lawful``, the caches in
``engine``; ``trace`` records which provision versions each answer read.
"""

from __future__ import annotations

from tierwatch.law.calendar import ReportCalendar, report_calendar, report_due_date
from tierwatch.law.consequences import Tier3Consequences
from tierwatch.law.downgrade_waiver import WaiverProblem, validate_waivers
from tierwatch.law.engine import (
    YearEvaluation,
    check_placement,
    evaluate_year,
    lawful_placements,
    tier3_consequences,
    watch_list_clock,
)
from tierwatch.law.explanation import Explanation, RuleFiring
from tierwatch.law.history import (
    TIER_CODES,
    PlacementHistory,
    PlacementYear,
    parse_history,
)
from tierwatch.law.lawful import LawfulPlacements, PlacementCheck
from tierwatch.law.options import DEFAULT_OPTIONS, LawOptions
from tierwatch.law.policy_or_pattern import POLICY_OR_PATTERN_KINDS
from tierwatch.law.rules import LawConflictError
from tierwatch.law.statute import (
    FIRST_REPORT_YEAR,
    Provision,
    last_report_year,
    provision,
    provisions_in_force,
    validate_report_year,
)
from tierwatch.law.tiers import RANKED_TIERS, Tier
from tierwatch.law.trace import ProvisionRead, tracing
from tierwatch.law.watch_list import WatchListClock

__all__ = [
    "DEFAULT_OPTIONS",
    "Explanation",
    "FIRST_REPORT_YEAR",
    "POLICY_OR_PATTERN_KINDS",
    "RANKED_TIERS",
    "TIER_CODES",
    "LawConflictError",
    "LawOptions",
    "LawfulPlacements",
    "PlacementCheck",
    "PlacementHistory",
    "PlacementYear",
    "Provision",
    "ProvisionRead",
    "ReportCalendar",
    "RuleFiring",
    "Tier",
    "Tier3Consequences",
    "WaiverProblem",
    "WatchListClock",
    "YearEvaluation",
    "check_placement",
    "evaluate_year",
    "last_report_year",
    "lawful_placements",
    "parse_history",
    "provision",
    "provisions_in_force",
    "report_calendar",
    "report_due_date",
    "tier3_consequences",
    "tracing",
    "validate_report_year",
    "validate_waivers",
    "watch_list_clock",
]
