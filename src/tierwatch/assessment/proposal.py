"""From evidence to a proposed tier, the way the statute orders the questions.

1. Tier 1 only if all four minimum standards are met (7107(b)(1)(A)).
2. Otherwise significant efforts (7107(b)(3)) decide Tier 2 or Tier 3: the analyst's
   judgement when given; else derived from the criteria (significant when criterion 1 is not
   "not met", at least half of the criteria assessed are met or partly met, and no more
   significant-efforts factors (7107(b)(3)(A), (D)-(F)) weigh against than for), with the data
   presumption of criterion 1 (no prosecution or conviction figures: no vigorous
   prosecution) from the 2004 report.
3. A Tier 2 country goes on the Tier 2 Watch List when a criterion of 7107(b)(2)(A)(iii)
   holds (from the 2004 report; (III) until 2018; proportionality from 2019).
4. From 2019 a government policy or pattern of trafficking forces Tier 3 (7107(b)(3)(B)).
5. The law of the year narrows the result (``tierwatch.law``): the watch-list clock and
   forced Tier 3, the waiver (only with a written plan and resources), the one-year limit
   after an automatic downgrade.

Each step is recorded with its citation and the evidence it read; what the evidence lacks is
named, never filled in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tierwatch.assessment.evidence import (
    CRITERIA,
    FACTORS,
    QUANTITIES,
    STANDARDS,
    Evidence,
)
from tierwatch.law import PlacementHistory, PlacementYear, Tier, YearEvaluation, evaluate_year

WATCH_LIST_FROM = 2004
STATE_POLICY_FROM = 2019
DATA_PRESUMPTION_FROM = 2004
COMMITMENTS_CLAUSE = (2004, 2018)


@dataclass(frozen=True)
class Step:
    rule: str
    citation: str
    evidence: dict[str, Any]
    outcome: str

    def to_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "citation": self.citation, "evidence": self.evidence,
                "outcome": self.outcome}


@dataclass(frozen=True)
class Proposal:
    country: str
    report_year: int
    on_efforts: Tier  # before the law's constraints
    tier: Tier  # the lawful outcome
    waiver_requested: bool
    lawful_placements: list[str]
    steps: list[Step] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    law: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "report_year": self.report_year,
            "proposed_on_efforts": str(self.on_efforts),
            "proposed_tier": str(self.tier),
            "waiver_requested": self.waiver_requested,
            "lawful_placements": self.lawful_placements,
            "explanation": [step.to_dict() for step in self.steps],
            "missing": self.missing,
            "law": self.law,
        }


def criteria_in_force(report_year: int) -> list[str]:
    return [name for name, (first, _c, _t) in CRITERIA.items() if first <= report_year]


def _figure(evidence: Evidence, period: str, quantity: str) -> int | None:
    figures = getattr(evidence.figures, period)
    value: int | None = getattr(figures, quantity).value
    return value


def propose(evidence: Evidence, history: PlacementHistory) -> Proposal:
    """The proposed tier for ``evidence`` on ``history`` (years before the report year)."""
    year = evidence.report_year
    steps: list[Step] = []
    missing: list[str] = []
    for quantity in QUANTITIES:
        for period in ("reporting_period", "previous_period"):
            if _figure(evidence, period, quantity) is None:
                label = quantity.replace("_", " ")
                missing.append(f"no {label} figure for the "
                               f"{period.replace('_', ' ')}")

    # 1. Full compliance.
    findings = {name: evidence.standard(name).finding for name in STANDARDS}
    unknown = [name for name, finding in findings.items() if finding == "unknown"]
    missing += [f"no finding on the minimum standard '{name}'" for name in unknown]
    complies = all(finding == "met" for finding in findings.values())
    steps.append(Step("minimum_standards", "TVPA §108(a), 22 U.S.C. 7106(a); §110(b)(1)(A)",
                      findings, "all four met: fully complies" if complies else
                      "not all four met: does not fully comply"))

    # 2. Significant efforts.
    in_force = criteria_in_force(year)
    criteria = {name: evidence.criterion(name).finding for name in in_force}
    ignored = sorted(set(evidence.criteria) - set(in_force))
    if ignored:
        steps.append(Step("criteria_in_force", "TVPA §108(b), 22 U.S.C. 7106(b)",
                          {"not in force": ignored},
                          f"not yet criteria in {year}: {', '.join(ignored)} (ignored)"))
    prosecutions = _figure(evidence, "reporting_period", "prosecutions")
    convictions = _figure(evidence, "reporting_period", "convictions")
    if year >= DATA_PRESUMPTION_FROM and convictions is None:
        missing.append("no conviction figures for the period: the statute presumes no "
                       "vigorous prosecution")
        if prosecutions is None or criteria.get("c01_prosecution") == "unknown":
            criteria["c01_prosecution"] = "not met"
            steps.append(Step("data_presumption", "TVPA §108(b)(1), 22 U.S.C. 7106(b)(1)",
                              {"prosecutions": prosecutions, "convictions": convictions},
                              "no conviction data for the period: presumed not to "
                              "vigorously prosecute (criterion 1 read as not met)"))
    judged = evidence.significant_efforts.finding
    factors = _factors(evidence)
    if judged != "unknown":
        significant = judged == "significant"
        basis = f"the analyst's judgement: {judged}"
    else:
        assessed = [f for f in criteria.values() if f != "unknown"]
        positive = [f for f in assessed if f in ("met", "partly met")]
        against = sorted(name for name, weighs in factors.items() if weighs == "against")
        favour = sorted(name for name, weighs in factors.items() if weighs == "for")
        significant = bool(assessed) and criteria.get("c01_prosecution") != "not met" and (
            2 * len(positive) >= len(assessed)) and len(against) <= len(favour)
        basis = (f"derived from the criteria: {len(positive)} of {len(assessed)} assessed met "
                 f"or partly met; criterion 1 {criteria.get('c01_prosecution', 'unknown')}; "
                 f"factors for: {', '.join(favour) or 'none'}; against: "
                 f"{', '.join(against) or 'none'}")
        if not assessed:
            missing.append("no finding on any criterion and no judgement on significant "
                           "efforts")
        missing += [f"no weighing of the significant-efforts factor '{name}' "
                    f"({FACTORS[name][1]})" for name, weighs in factors.items()
                    if weighs == "unknown"]
    if complies:
        on_efforts = Tier.TIER_1
    else:
        on_efforts = Tier.TIER_2 if significant else Tier.TIER_3
        steps.append(Step("significant_efforts", "TVPA §110(b)(1)(B)-(C), (b)(3), "
                          "22 U.S.C. 7107(b)(1), (b)(3)", {"criteria": criteria,
                                                             "factors": factors,
                                                             "basis": basis},
                          "significant efforts: Tier 2" if significant else
                          "no significant efforts: Tier 3"))

    # 3. Watch list.
    if on_efforts is Tier.TIER_2 and year >= WATCH_LIST_FROM:
        on_efforts = _watch_list(evidence, steps, missing)

    # 4. State policy or pattern.
    policy = evidence.state_policy
    if policy.found:
        if year >= STATE_POLICY_FROM:
            steps.append(Step("state_policy", "TVPA §110(b)(3)(B), 22 U.S.C. 7107(b)(3)(B)",
                              {"kinds": list(policy.kinds)},
                              "a government policy or pattern of trafficking: Tier 3"))
            on_efforts = Tier.TIER_3
        else:
            steps.append(Step("state_policy", "TVPA §110(b)(3)(A)(ii) (complicity factor)",
                              {"kinds": list(policy.kinds)},
                              f"no forcing rule before {STATE_POLICY_FROM}: weighed as "
                              "official complicity only"))

    # 5. The law of the year.
    prior = history_before(history, year)
    state_policy = policy.found and year >= STATE_POLICY_FROM
    evaluation = evaluate_year(prior, year, state_policy=state_policy)
    tier, waiver = _lawful(on_efforts, evidence, evaluation, steps)
    return Proposal(evidence.country, year, on_efforts, tier, waiver,
                    [str(t) for t in evaluation.lawful.tiers], steps, missing,
                    _law_summary(evaluation))


def factors_in_force(report_year: int) -> list[str]:
    return [name for name, (first, _c, _t) in FACTORS.items() if first <= report_year]


def _factors(evidence: Evidence) -> dict[str, str]:
    """How each factor in force weighs; the complicity factor reads the complicity finding
    when the analyst did not weigh it (officials complicit and not acted against: against)."""
    given = evidence.significant_efforts.factors
    weights: dict[str, str] = {name: given[name].weighs if name in given else "unknown"
                               for name in factors_in_force(evidence.report_year)}
    complicit = evidence.complicity.officials_complicit
    if weights["noncompliance_and_complicity"] == "unknown" and complicit is not None:
        acted = evidence.criterion("c07_official_complicity").finding in ("met", "partly met")
        weights["noncompliance_and_complicity"] = ("against" if complicit and not acted
                                                   else "neutral")
    return weights


def history_before(history: PlacementHistory, year: int) -> PlacementHistory:
    """The history as it stands before the report of ``year``: that year's own record, if
    any, is unknown (it is what is being decided, not evidence for it)."""
    return history.with_year(PlacementYear(year, None, None)) if len(history) else history


def _watch_list(evidence: Evidence, steps: list[Step], missing: list[str]) -> Tier:
    year = evidence.report_year
    questions = evidence.watch_list
    reasons = []
    victims = questions.victims_very_significant_or_increasing
    if victims:
        if year >= STATE_POLICY_FROM:
            if questions.proportional_concrete_actions is False:
                reasons.append("(iii)(I) estimated victims very significant or increasing, "
                               "without proportional concrete actions")
            elif questions.proportional_concrete_actions is None:
                missing.append("not known whether the actions are proportional to the "
                               "estimated number of victims")
        else:
            reasons.append("(iii)(I) absolute number of victims very significant or "
                           "significantly increasing")
    elif victims is None:
        missing.append("no estimate of whether the number of victims is very significant "
                       "or increasing")
    increasing = questions.evidence_of_increasing_efforts
    if increasing is None:
        now = [_figure(evidence, "reporting_period", q) for q in ("prosecutions", "convictions")]
        before = [_figure(evidence, "previous_period", q) for q in ("prosecutions",
                                                                     "convictions")]
        if None not in now and None not in before:
            increasing = sum(v for v in now if v is not None) >= sum(
                v for v in before if v is not None)
            steps.append(Step("increasing_efforts_from_figures",
                              "TVPA §110(b)(2)(A)(iii)(II), 22 U.S.C. 7107(b)(2)(A)(iii)(II)",
                              {"reporting_period": now, "previous_period": before},
                              "prosecutions and convictions " + (
                                  "did not fall" if increasing else "fell")))
    if increasing is False:
        reasons.append("(iii)(II) no evidence of increasing efforts from the previous year")
    if (questions.based_on_commitments and COMMITMENTS_CLAUSE[0] <= year
            <= COMMITMENTS_CLAUSE[1]):
        reasons.append("(iii)(III) significant efforts based on commitments to future steps")
    steps.append(Step("watch_list_criteria", "TVPA §110(b)(2)(A)(iii), "
                      "22 U.S.C. 7107(b)(2)(A)(iii)", questions.model_dump(),
                      "; ".join(reasons) + ": Tier 2 Watch List" if reasons else
                      "no watch-list criterion holds: Tier 2"))
    return Tier.WATCH_LIST if reasons else Tier.TIER_2


def _lawful(on_efforts: Tier, evidence: Evidence, evaluation: YearEvaluation,
            steps: list[Step]) -> tuple[Tier, bool]:
    lawful = list(evaluation.lawful.tiers)
    citation = "TVPA §110(b)(2)(D)-(F), (b)(3)(B), 22 U.S.C. 7107(b)(2)(D)-(F), (b)(3)(B)"
    clock = evaluation.clock
    inputs = {"lawful_placements": [str(t) for t in lawful],
              "watch_list_years": clock.watch_list_years, "waivers_left": clock.waivers_left,
              "tier3_forced_in": clock.tier3_forced_in}
    if on_efforts is Tier.WATCH_LIST and on_efforts in lawful and (
            evaluation.lawful.watch_list_needs_waiver):
        conditions = evidence.waiver_conditions
        if conditions.written_plan and conditions.resources_committed:
            steps.append(Step("waiver", "TVPA §110(b)(2)(D)(ii), 22 U.S.C. 7107(b)(2)(D)(ii)",
                              {**inputs, **conditions.model_dump()},
                              "the watch list needs a waiver this year; a written plan with "
                              "resources is on record: Tier 2 Watch List with a waiver"))
            return Tier.WATCH_LIST, True
        steps.append(Step("waiver", "TVPA §110(b)(2)(D)(ii), 22 U.S.C. 7107(b)(2)(D)(ii)",
                          {**inputs, **conditions.model_dump()},
                          "the watch list needs a waiver this year, and no written plan with "
                          "resources is on record: Tier 3 (the automatic downgrade)"))
        return Tier.TIER_3, False
    if on_efforts in lawful:
        steps.append(Step("law_of_the_year", citation, inputs,
                          f"{on_efforts} is lawful in {evaluation.report_year}"))
        return on_efforts, False
    outcome = Tier.TIER_3 if Tier.TIER_3 in lawful else lawful[-1]
    reason = clock.reason or "the statute's constraints for the year"
    steps.append(Step("law_of_the_year", citation, inputs,
                      f"{on_efforts} is not lawful in {evaluation.report_year} ({reason}): "
                      f"{outcome}"))
    return outcome, False


def _law_summary(evaluation: YearEvaluation) -> dict[str, Any]:
    data = evaluation.to_dict()
    keys = ("watch_list_years", "waivers_used", "waivers_left", "tier3_forced_in",
            "downgrade_due_in", "reason", "lawful_placements", "watch_list_needs_waiver")
    summary = {key: data[key] for key in keys}
    summary["explanation"] = data["explanation"]
    return summary
