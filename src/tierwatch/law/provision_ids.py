"""The id of every provision, declared once: the keys of ``statute.yaml`` and of
``assessment.yaml``.

Why: code names a provision by these constants, never by a string of its own, so a renamed or
mistyped id fails at import or in the check that both files declare exactly these ids
(tests/law/test_provision_ids.py), not silently as a provision "not in force".
"""

from __future__ import annotations

# statute.yaml
LAST_REPORT_YEAR = "last_report_year"
TIER_LISTS = "tier_lists"
CONCRETE_ACTIONS_ONLY = "concrete_actions_only"
SPECIAL_WATCH_LIST = "special_watch_list"
INTERIM_ASSESSMENT = "interim_assessment"
AUTOMATIC_DOWNGRADE = "automatic_downgrade"
DOWNGRADE_WAIVER = "downgrade_waiver"
POST_DOWNGRADE_LIMIT = "post_downgrade_limit"
ACTION_PLAN = "action_plan"
POLICY_OR_PATTERN = "policy_or_pattern"
REPORT_DUE = "report_due"
REPORTING_PERIOD = "reporting_period"
TIER3_DETERMINATION = "tier3_determination"
TIER3_ACTIONS = "tier3_actions"
TIER3_WAIVERS = "tier3_waivers"
FISCAL_YEAR_START = "fiscal_year_start"

STATUTE: tuple[str, ...] = (
    LAST_REPORT_YEAR, TIER_LISTS, CONCRETE_ACTIONS_ONLY, SPECIAL_WATCH_LIST, INTERIM_ASSESSMENT,
    AUTOMATIC_DOWNGRADE, DOWNGRADE_WAIVER, POST_DOWNGRADE_LIMIT, ACTION_PLAN, POLICY_OR_PATTERN,
    REPORT_DUE, REPORTING_PERIOD, TIER3_DETERMINATION, TIER3_ACTIONS, TIER3_WAIVERS,
    FISCAL_YEAR_START,
)
"""Every provision of ``statute.yaml``, in the file's order."""

# assessment.yaml
MINIMUM_STANDARDS = "minimum_standards"
FULL_COMPLIANCE = "full_compliance"
CRITERIA = "criteria"
DATA_PRESUMPTION = "data_presumption"
SIGNIFICANT_EFFORTS = "significant_efforts"
SIGNIFICANT_EFFORTS_FACTORS = "significant_efforts_factors"
WATCH_LIST_VICTIMS = "watch_list_victims"
WATCH_LIST_INCREASING_EFFORTS = "watch_list_increasing_efforts"
WATCH_LIST_COMMITMENTS = "watch_list_commitments"
WAIVER_CONDITIONS = "waiver_conditions"

ASSESSMENT: tuple[str, ...] = (
    MINIMUM_STANDARDS, FULL_COMPLIANCE, CRITERIA, DATA_PRESUMPTION, SIGNIFICANT_EFFORTS,
    SIGNIFICANT_EFFORTS_FACTORS, WATCH_LIST_VICTIMS, WATCH_LIST_INCREASING_EFFORTS,
    WATCH_LIST_COMMITMENTS, WAIVER_CONDITIONS,
)
"""Every provision of ``assessment.yaml``, in the file's order."""
