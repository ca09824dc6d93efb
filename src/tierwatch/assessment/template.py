"""An empty evidence file for a country and year, every field explained (YAML comments)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from tierwatch.assessment.evidence import CRITERIA, FACTORS, QUANTITIES, STANDARDS
from tierwatch.files.inputs import is_whole_number
from tierwatch.law import POLICY_OR_PATTERN_KINDS
from tierwatch.law import provision_ids as ids
from tierwatch.law.assessment_law import (
    assessment_provision,
    cited,
    policy_or_pattern_from,
    statute_cited,
)
from tierwatch.statements.model import Statement

_FINDINGS = "met | partly met | not met | unknown"
_CLAIMANT_ORDER = ("TIP report",)


def stored_figures(statements: Iterable[Statement], report_year: int
                   ) -> dict[str, dict[str, Statement]]:
    """Figures the knowledge base holds for the evidence: the reporting period is the one the
    report of ``report_year`` covers, the previous period the one before. Where several
    claimants give a figure, the TIP report's is preferred, then the first by source; the
    others stay in the store (and in the report's disputes)."""
    chosen: dict[str, dict[str, Statement]] = {"reporting_period": {}, "previous_period": {}}
    ordered = sorted(statements, key=lambda s: (s.claimant not in _CLAIMANT_ORDER, s.source,
                                                s.locator))
    for statement in ordered:
        quantity = statement.prop.replace(" ", "_")
        if (quantity not in QUANTITIES or statement.breakdown is not None  # a part, not the count
                or not is_whole_number(statement.value)):
            continue
        period = {report_year: "reporting_period", report_year - 1: "previous_period"}.get(
            statement.report_year or 0)
        if period is not None:
            chosen[period].setdefault(quantity, statement)
    return chosen


def _dated_entries(table: dict[str, tuple[int, str, str]], report_year: int, indent: str,
                   key: str) -> list[str]:
    """A commented, empty entry per dated provision (criteria, factors), saying which are not
    yet in force in ``report_year``."""
    lines = []
    for name, (first, citation, text) in table.items():
        state = "" if first <= report_year else f" NOT IN FORCE in {report_year}"
        lines += [f"{indent}# {citation} (from {first}){state}: {text}",
                  f"{indent}{name}: {{{key}: unknown, note: null, sources: []}}"]
    return lines


def evidence_template(country: str, report_year: int,
                      figures: dict[str, dict[str, Statement]] | None = None) -> str:
    lines = [
        f"# Evidence for {country}, TIP Report {report_year}: fill in what you know; leave",
        "# 'unknown' or null what you do not. Unknown is never read as met or as zero.",
        "# Check it with: tierwatch assess THIS_FILE",
        f"country: {country}",
        f"report_year: {report_year}",
        "",
        f"# The four minimum standards ({cited(ids.MINIMUM_STANDARDS, report_year)}); Tier 1",
        "# needs all four met.",
        "standards:",
    ]
    for name, text in STANDARDS.items():
        lines += [f"  # {text}", f"  {name}: {{finding: unknown, note: null, sources: []}}"]
    lines += ["", "# Criteria of serious and sustained efforts "
              f"({cited(ids.CRITERIA, report_year)}), with the",
              f"# first report year each governs; findings: {_FINDINGS}.", "criteria:"]
    lines += _dated_entries(CRITERIA, report_year, "  ", "finding")
    lines += [
        "",
        f"# Significant efforts ({cited(ids.SIGNIFICANT_EFFORTS, report_year)}):",
        "# significant | not significant | unknown",
        "# (unknown: derived from the criteria and the factors below).",
        "significant_efforts:",
        "  finding: unknown",
        "  note: null",
        "  sources: []",
        "  # The factors the statute has weighed (no weights given): for | against | neutral |",
        "  # unknown. The complicity factor, left unknown, is read from 'complicity' below.",
        "  factors:",
    ]
    lines += _dated_entries(FACTORS, report_year, "    ", "weighs")
    lines += [
        "",
        "# Counts for the reporting period (1 April to 31 March) and the one before; value",
        "# null is unknown. claimant: who gives the figure (TIP report, a ministry, an NGO).",
        "# government_withheld_data: true if the government did not provide these data after",
        "# reasonable requests (then the data presumption applies, "
        f"{cited(ids.DATA_PRESUMPTION, report_year)}); null unknown.",
        "figures:",
        "  government_withheld_data: null",
    ]
    for period in ("reporting_period", "previous_period"):
        lines.append(f"  {period}:")
        for quantity in QUANTITIES:
            held = (figures or {}).get(period, {}).get(quantity)
            if held is None:
                lines.append(f"    {quantity}: {{value: null, claimant: null, source: null}}")
                continue
            source = f"{held.source} ({held.locator})"
            lines.append(f"    {quantity}: {{value: {int(held.value)}, claimant: "
                         f"{json.dumps(held.claimant)}, source: {json.dumps(source)}}}"
                         "  # from the knowledge base")
    lines += [
        "",
        "# The watch-list questions ("
        + "; ".join(cited(name, report_year).split(",")[0] for name in (
            "watch_list_victims", "watch_list_increasing_efforts", "watch_list_commitments")
            if assessment_provision(name, report_year)) + "):",
        "# true, false or null (unknown).",
        "watch_list:",
        "  victims_very_significant_or_increasing: null",
        "  proportional_concrete_actions: null  # asked from the 2019 report",
        "  evidence_of_increasing_efforts: null  # null: read from the figures if both known",
        "  based_on_commitments: null  # 2004-2018 reports only",
        "",
        "# Officials who take part in, facilitate or condone trafficking.",
        "complicity: {officials_complicit: null, note: null, sources: []}",
        "",
        "# A government policy or pattern of trafficking "
        f"({statute_cited(ids.POLICY_OR_PATTERN, report_year)}):",
        f"# Tier 3 from {policy_or_pattern_from()}.",
        "# kinds, the statute's own words (one or more):",
        *(f"#   - {kind}" for kind in POLICY_OR_PATTERN_KINDS),
        "# found: true, false or null (not assessed: from 2019 Tier 3 then stays possible).",
        "state_policy: {found: null, kinds: [], note: null, sources: []}",
        "",
        f"# Waiver of the automatic downgrade ({cited(ids.WAIVER_CONDITIONS, report_year)}):",
        "# a written plan with resources.",
        "waiver_conditions: {written_plan: null, resources_committed: null, note: null}",
        "",
    ]
    return "\n".join(lines)
