"""From evidence to a proposed tier, the way the statute orders the questions.

1. Tier 1 only if all four minimum standards are met (7107(b)(1)(A)).
2. Otherwise significant efforts (7107(b)(3)) decide Tier 2 or Tier 3: the analyst's
   judgement when given; else derived from the criteria (significant when criterion 1 is not
   "not met", at least half of the criteria assessed are met or partly met, and no more
   significant-efforts factors (7107(b)(3)(A), (D)-(F)) weigh against than for), with the data
   presumption of criterion 1 (a government that withheld its prosecution and conviction data
   after reasonable requests: no vigorous prosecution) from the 2004 report.
3. A Tier 2 country goes on the Tier 2 Watch List when a criterion of 7107(b)(2)(A)(iii)
   holds (from the 2004 report; (III) until 2018; proportionality from 2019).
4. From 2019 a government policy or pattern of trafficking forces Tier 3 (7107(b)(3)(B)).
5. The law of the year narrows the result (``tierwatch.law``): the watch-list clock and
   forced Tier 3, the waiver (only with a written plan and resources), the one-year limit
   after an automatic downgrade.

Unknown stays unknown: each question is answered yes, no or unknown. A rule whose inputs are
unknown is reported as one that cannot be applied, with the reason, and both of its answers
are followed: the proposal is then the set of tiers still possible, never a default tier.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from tierwatch.assessment.evidence import FACTORS, QUANTITIES, STANDARDS, Evidence
from tierwatch.law import (
    RANKED_TIERS,
    Explanation,
    PlacementHistory,
    PlacementYear,
    ProvisionRead,
    RuleFiring,
    Tier,
    YearEvaluation,
    evaluate_year,
    tracing,
)
from tierwatch.law import assessment_law as law
from tierwatch.law import provision_ids as ids
from tierwatch.law.assessment_law import cited, statute_cited
from tierwatch.law.trace import sorted_reads

Answer = bool | None
"""A yes/no question of the statute answered from evidence: None when the evidence does not
settle it."""


@dataclass(frozen=True)
class Outcome:
    """One placement the evidence and the law leave possible."""

    tier: Tier
    waiver: bool

    @property
    def label(self) -> str:
        return f"{self.tier} with a waiver" if self.waiver else str(self.tier)


@dataclass(frozen=True)
class Proposal:
    country: str
    report_year: int
    on_efforts_possible: tuple[Tier, ...]  # before the law's constraints
    outcomes: tuple[Outcome, ...]  # the lawful placements the evidence leaves possible
    lawful_placements: list[str]
    steps: list[RuleFiring] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    law: dict[str, Any] = field(default_factory=dict)
    provisions: tuple[ProvisionRead, ...] = ()
    """The statute's provision versions the proposal read (the law's tracer)."""

    def explained(self) -> Explanation:
        """The proposal's reasons as the law's own explanation type."""
        return Explanation(tuple(self.steps), self.provisions)

    @property
    def determined(self) -> bool:
        return len(self.outcomes) == 1

    @property
    def tier(self) -> Tier | None:
        """The proposed tier, or None when the evidence leaves more than one possible."""
        return self.outcomes[0].tier if self.determined else None

    @property
    def waiver_requested(self) -> bool | None:
        return self.outcomes[0].waiver if self.determined else None

    @property
    def on_efforts(self) -> Tier | None:
        return self.on_efforts_possible[0] if len(self.on_efforts_possible) == 1 else None

    @property
    def cannot_apply(self) -> list[RuleFiring]:
        return [step for step in self.steps if not step.applied]

    def to_dict(self) -> dict[str, Any]:
        return {
            "country": self.country,
            "report_year": self.report_year,
            "proposed_tier": None if self.tier is None else str(self.tier),
            "waiver_requested": self.waiver_requested,
            "possible": [outcome.label for outcome in self.outcomes],
            "proposed_on_efforts": None if self.on_efforts is None else str(self.on_efforts),
            "possible_on_efforts": [str(tier) for tier in self.on_efforts_possible],
            "lawful_placements": self.lawful_placements,
            "explanation": [step.to_dict() for step in self.steps],
            "cannot_apply": [{"rule": step.rule, "citation": step.citation,
                              "reason": step.outcome} for step in self.cannot_apply],
            "missing": self.missing,
            "law": self.law,
            "provisions_read": [read.to_dict() for read in self.provisions],
        }


criteria_in_force = law.criteria_in_force
factors_in_force = law.factors_in_force


def _figure(evidence: Evidence, period: str, quantity: str) -> int | None:
    figures = getattr(evidence.figures, period)
    value: int | None = getattr(figures, quantity).value
    return value


def _answers(answer: Answer) -> tuple[bool, ...]:
    """The answers still open: the known one, or both."""
    return (False, True) if answer is None else (answer,)


def _any(answers: Iterable[Answer]) -> Answer:
    """True if one holds, False if none can, None if it turns on an unknown."""
    values = list(answers)
    if True in values:
        return True
    return False if all(value is False for value in values) else None


def propose(evidence: Evidence, history: PlacementHistory) -> Proposal:
    """The proposed tier for ``evidence`` on ``history`` (years before the report year),
    naming the provision versions it read."""
    with tracing() as reads:
        proposal = _propose(evidence, history)
    return replace(proposal, provisions=sorted_reads(reads))


def _propose(evidence: Evidence, history: PlacementHistory) -> Proposal:
    year = evidence.report_year
    steps: list[RuleFiring] = []
    missing: list[str] = []
    for quantity in QUANTITIES:
        for period in ("reporting_period", "previous_period"):
            if _figure(evidence, period, quantity) is None:
                missing.append(f"no {quantity.replace('_', ' ')} figure for the "
                               f"{period.replace('_', ' ')}")
    complies = _complies(evidence, steps, missing)
    significant = None if complies else _significant(evidence, steps, missing)
    if complies is None and significant is False:
        complies = False  # without significant efforts, no full compliance either
        index = next(i for i, step in enumerate(steps) if step.rule == "minimum_standards")
        earlier = steps[index]
        steps[index] = RuleFiring("minimum_standards", earlier.citation, dict(earlier.inputs),
                                  "some standards unassessed, but without significant efforts "
                                  "the country cannot fully comply: not Tier 1")
    watch_list: Answer = False
    if complies is not True and significant is not False and year >= law.watch_list_from():
        watch_list = _watch_list(evidence, steps, missing)
    policy = _state_policy(evidence, steps, missing)

    on_efforts: set[Tier] = set()
    for full in _answers(complies):
        for efforts in ((True,) if full else _answers(significant)):
            for listed in ((False,) if full or not efforts else _answers(watch_list)):
                for forced in _answers(policy):
                    tier = (Tier.TIER_3 if forced or not efforts else Tier.TIER_1 if full
                            else Tier.WATCH_LIST if listed else Tier.TIER_2)
                    on_efforts.add(tier)
    possible = tuple(tier for tier in RANKED_TIERS if tier in on_efforts)

    prior = history_before(history, year)
    evaluation = evaluate_year(prior, year, state_policy=policy is True)
    outcomes = _lawful(possible, evidence, evaluation, steps)
    return Proposal(evidence.country, year, possible, outcomes,
                    [str(t) for t in evaluation.lawful.tiers], steps, missing,
                    _law_summary(evaluation))


def _complies(evidence: Evidence, steps: list[RuleFiring], missing: list[str]) -> Answer:
    """Whether all four minimum standards are met: no if one is not (or only partly) met."""
    findings = {name: evidence.standard(name).finding for name in STANDARDS}
    unknown = [name for name, finding in findings.items() if finding == "unknown"]
    missing += [f"no finding on the minimum standard '{name}'" for name in unknown]
    citation = (f"{cited(ids.MINIMUM_STANDARDS, evidence.report_year)}; "
                f"{cited(ids.FULL_COMPLIANCE, evidence.report_year)}")
    failing = [name for name, finding in findings.items() if finding in ("not met",
                                                                         "partly met")]
    if failing:
        steps.append(RuleFiring("minimum_standards", citation, findings,
                          f"not fully met: {', '.join(failing)}: does not fully comply"))
        return False
    if unknown:
        steps.append(RuleFiring("minimum_standards", citation, findings,
                          "cannot tell whether the country fully complies (Tier 1): no "
                          f"finding on {', '.join(unknown)}", applied=False))
        return None
    steps.append(RuleFiring("minimum_standards", citation, findings,
                            "all four met: fully complies"))
    return True


def _significant(evidence: Evidence, steps: list[RuleFiring], missing: list[str]) -> Answer:
    """Significant efforts: the analyst's judgement, else derived from the criteria and the
    factors; unknown criteria and factors are followed both ways and the answer is unknown
    when it turns on them."""
    year = evidence.report_year
    citation = cited(ids.SIGNIFICANT_EFFORTS, year)
    in_force = criteria_in_force(year)
    criteria: dict[str, str] = {name: evidence.criterion(name).finding for name in in_force}
    ignored = sorted(set(evidence.criteria) - set(in_force))
    if ignored:
        steps.append(RuleFiring("criteria_in_force", cited(ids.CRITERIA, year),
                          {"not in force": ignored},
                          f"not yet criteria in {year}: {', '.join(ignored)} (ignored)"))
    _data_presumption(evidence, criteria, steps, missing)
    factors = _factors(evidence)
    judged = evidence.significant_efforts.finding
    if judged != "unknown":
        note = evidence.significant_efforts.note
        significant = judged == "significant"
        steps.append(RuleFiring("significant_efforts", citation,
                          {"judgement": judged, "note": note},
                          f"the analyst judged the efforts {judged}"
                          + (f" ({note})" if note else "")
                          + (": Tier 2 or the watch list" if significant else ": Tier 3")))
        return significant
    missing += [f"no weighing of the significant-efforts factor '{name}' "
                f"({FACTORS[name][1]})" for name, weighs in factors.items()
                if weighs == "unknown"]
    assessed = [f for f in criteria.values() if f != "unknown"]
    inputs: dict[str, Any] = {"criteria": criteria, "factors": factors}
    if not assessed:
        missing.append("no finding on any criterion and no judgement on significant efforts")
        steps.append(RuleFiring("significant_efforts", citation, inputs,
                          "cannot tell whether the efforts are significant: no criterion is "
                          "assessed and there is no judgement on significant efforts; Tier 2, "
                          "the watch list and Tier 3 stay possible", applied=False))
        return None
    positive = [f for f in assessed if f in ("met", "partly met")]
    first = criteria.get("c01_prosecution", "unknown")
    favour = sorted(name for name, weighs in factors.items() if weighs == "for")
    against = sorted(name for name, weighs in factors.items() if weighs == "against")
    open_factors = sorted(name for name, weighs in factors.items() if weighs == "unknown")
    half = 2 * len(positive) >= len(assessed)
    prosecution: Answer = None if first == "unknown" else first != "not met"
    balance: Answer = (True if len(against) + len(open_factors) <= len(favour) else
                       False if len(against) > len(favour) + len(open_factors) else None)
    answer: Answer = (False if not half or prosecution is False or balance is False else
                      True if prosecution and balance else None)
    reasons = [f"{len(positive)} of {len(assessed)} criteria assessed met or partly met"
               + ("" if half else " (fewer than half)"),
               f"criterion 1 (prosecution) {first}",
               f"factors for: {', '.join(favour) or 'none'}; against: "
               f"{', '.join(against) or 'none'}; not weighed: {', '.join(open_factors) or 'none'}"]
    basis = "derived from the criteria: " + "; ".join(reasons)
    inputs["basis"] = basis
    if answer is None:
        open_parts = ([] if prosecution is not None else ["criterion 1"]) + (
            [] if balance is not None else ["the unweighed factors"])
        steps.append(RuleFiring("significant_efforts", citation, inputs,
                          f"cannot tell whether the efforts are significant ({basis}): the "
                          f"answer turns on {' and '.join(open_parts)}", applied=False))
        return None
    steps.append(RuleFiring("significant_efforts", citation, inputs,
                      ("significant efforts" if answer else "no significant efforts")
                      + f" ({basis}): " + ("Tier 2 or the watch list" if answer
                                           else "Tier 3")))
    return answer


def _data_presumption(evidence: Evidence, criteria: dict[str, str], steps: list[RuleFiring],
                      missing: list[str]) -> None:
    """Criterion 1 read as not met when the government withheld its data after reasonable
    requests (from the 2004 report); a figure merely absent from the file presumes nothing."""
    year = evidence.report_year
    presumption = law.data_presumption(year)
    if presumption is None or "c01_prosecution" not in criteria:
        return
    withheld = evidence.figures.government_withheld_data
    convictions = _figure(evidence, "reporting_period", "convictions")
    citation = presumption.citation
    if withheld:
        criteria["c01_prosecution"] = "not met"
        steps.append(RuleFiring("data_presumption", citation, {"government_withheld_data": True},
                          "the government did not provide its law-enforcement data after "
                          "reasonable requests: presumed not to prosecute vigorously "
                          "(criterion 1 read as not met)"))
    elif withheld is None and convictions is None:
        missing.append("no conviction figure for the period, and not known whether the "
                       "government withheld its data (figures.government_withheld_data), "
                       f"which the data presumption ({citation}) needs")


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


def _efforts_from_figures(evidence: Evidence, steps: list[RuleFiring]) -> Answer:
    """(iii)(II) read from the counts when the analyst did not answer it: increasing when one
    count rose and none fell, not increasing when none rose, unknown when they disagree."""
    changes: dict[str, tuple[int, int]] = {}
    for quantity in ("investigations", "prosecutions", "convictions"):
        now = _figure(evidence, "reporting_period", quantity)
        before = _figure(evidence, "previous_period", quantity)
        if now is not None and before is not None:
            changes[quantity] = (before, now)
    if not changes:
        return None
    words = [f"{q} {'rose' if now > before else 'fell' if now < before else 'stayed'} "
             f"{'at' if now == before else 'from'} {before}"
             + ("" if now == before else f" to {now}") for q, (before, now) in changes.items()]
    rose = [q for q, (before, now) in changes.items() if now > before]
    fell = [q for q, (before, now) in changes.items() if now < before]
    answer: Answer = (True if rose and not fell else False if not rose else None)
    citation = cited(ids.WATCH_LIST_INCREASING_EFFORTS, evidence.report_year)
    inputs = {q: {"previous_period": before, "reporting_period": now}
              for q, (before, now) in changes.items()}
    said = "; ".join(words)
    if answer is None:
        steps.append(RuleFiring("increasing_efforts_from_figures", citation, inputs,
                          f"cannot tell from the figures whether efforts increased ({said}); "
                          "answer watch_list.evidence_of_increasing_efforts", applied=False))
    else:
        steps.append(RuleFiring("increasing_efforts_from_figures", citation, inputs,
                          f"{said}: " + ("evidence of increasing efforts" if answer else
                                         "no evidence of increasing efforts")))
    return answer


def _watch_list(evidence: Evidence, steps: list[RuleFiring], missing: list[str]) -> Answer:
    """Whether a criterion of 7107(b)(2)(A)(iii) holds: any one puts Tier 2 on the watch
    list; unknown when none holds and one is unknown."""
    year = evidence.report_year
    questions = evidence.watch_list
    victims = questions.victims_very_significant_or_increasing
    proportional = questions.proportional_concrete_actions
    holds: list[str] = []
    open_: list[str] = []
    if law.proportional_actions_asked(year):
        first: Answer = (False if victims is False or proportional is True else
                         True if victims and proportional is False else None)
        if first:
            holds.append("(iii)(I) estimated victims very significant or increasing, without "
                         "proportional concrete actions")
        if victims and proportional is None:
            missing.append("not known whether the actions are proportional to the "
                           "estimated number of victims")
    else:
        first = victims
        if first:
            holds.append("(iii)(I) absolute number of victims very significant or "
                         "significantly increasing")
    if victims is None:
        missing.append("no estimate of whether the number of victims is very significant "
                       "or increasing")
    if first is None:
        open_.append("(iii)(I) victims")
    increasing = questions.evidence_of_increasing_efforts
    if increasing is None:
        increasing = _efforts_from_figures(evidence, steps)
    second: Answer = None if increasing is None else not increasing
    if second:
        holds.append("(iii)(II) no evidence of increasing efforts from the previous year")
    elif second is None:
        open_.append("(iii)(II) increasing efforts")
    third: Answer = False
    if law.commitments_clause(year) and not law.concrete_actions_only(year):
        third = questions.based_on_commitments
        if third:
            holds.append("(iii)(III) significant efforts based on commitments to future steps")
        elif third is None:
            open_.append("(iii)(III) commitments")
    answer = _any((first, second, third))
    citation = "; ".join(cited(name, year) for name in (
        "watch_list_victims", "watch_list_increasing_efforts", "watch_list_commitments")
        if law.assessment_provision(name, year))
    inputs = questions.model_dump()
    if answer is None:
        steps.append(RuleFiring("watch_list_criteria", citation, inputs,
                          "cannot tell whether a Tier 2 country goes on the watch list: not "
                          f"known: {', '.join(open_)}", applied=False))
    else:
        steps.append(RuleFiring("watch_list_criteria", citation, inputs,
                          "; ".join(holds) + ": Tier 2 Watch List" if holds else
                          "no watch-list criterion holds: Tier 2"))
    return answer


def _state_policy(evidence: Evidence, steps: list[RuleFiring], missing: list[str]) -> Answer:
    """Whether a government policy or pattern forces Tier 3 (from 2019)."""
    policy = evidence.state_policy
    year = evidence.report_year
    citation = statute_cited(ids.POLICY_OR_PATTERN, year)
    if not law.policy_or_pattern_kinds(year):
        if policy.found:
            complicity = FACTORS["noncompliance_and_complicity"][1]
            steps.append(RuleFiring("state_policy", f"{complicity} (the complicity factor)",
                              {"kinds": list(policy.kinds)},
                              f"no forcing rule before {law.policy_or_pattern_from()} "
                              f"({citation}): weighed as official complicity only"))
        return False
    if policy.found is None:
        missing.append("not known whether the government has a policy or pattern of "
                       "trafficking (state_policy.found)")
        steps.append(RuleFiring("state_policy", citation, {"found": None},
                          "cannot tell whether a government policy or pattern of trafficking "
                          "forces Tier 3: not assessed; Tier 3 stays possible",
                          applied=False))
        return None
    if policy.found:
        steps.append(RuleFiring("state_policy", citation, {"kinds": list(policy.kinds)},
                          "a government policy or pattern of trafficking: Tier 3"))
    return policy.found


def _lawful(possible: tuple[Tier, ...], evidence: Evidence, evaluation: YearEvaluation,
            steps: list[RuleFiring]) -> tuple[Outcome, ...]:
    """The lawful placement each tier possible on the efforts leads to."""
    lawful = list(evaluation.lawful.tiers)
    citation = "; ".join(dict.fromkeys(
        firing.citation for firing in evaluation.explanation if firing.citation)) or (
        statute_cited(ids.TIER_LISTS, evaluation.report_year))
    clock = evaluation.clock
    inputs = {"lawful_placements": [str(t) for t in lawful],
              "watch_list_years": clock.watch_list_years, "waivers_left": clock.waivers_left,
              "tier3_forced_in": clock.tier3_forced_in}
    prefix = "" if len(possible) == 1 else "if {tier} on the efforts: "
    found: set[Outcome] = set()
    for on_efforts in possible:
        lead = prefix.format(tier=on_efforts)
        if on_efforts is Tier.WATCH_LIST and on_efforts in lawful and (
                evaluation.lawful.watch_list_needs_waiver):
            conditions = evidence.waiver_conditions
            plan = _all(getattr(conditions, name)
                        for name in law.waiver_conditions(evaluation.report_year))
            waiver_inputs = {**inputs, **conditions.model_dump()}
            waiver_citation = cited(ids.WAIVER_CONDITIONS, evaluation.report_year)
            if plan is None:
                steps.append(RuleFiring("waiver", waiver_citation, waiver_inputs,
                                  lead + "the watch list needs a waiver this year, and it is "
                                  "not known whether a written plan with resources exists: "
                                  "the watch list with a waiver, or Tier 3", applied=False))
                found |= {Outcome(Tier.WATCH_LIST, True), Outcome(Tier.TIER_3, False)}
            elif plan:
                steps.append(RuleFiring("waiver", waiver_citation, waiver_inputs,
                                  lead + "the watch list needs a waiver this year; a written "
                                  "plan with resources is on record: Tier 2 Watch List with "
                                  "a waiver"))
                found.add(Outcome(Tier.WATCH_LIST, True))
            else:
                steps.append(RuleFiring("waiver", waiver_citation, waiver_inputs,
                                  lead + "the watch list needs a waiver this year, and there "
                                  "is no written plan with resources: Tier 3 (the automatic "
                                  "downgrade)"))
                found.add(Outcome(Tier.TIER_3, False))
        elif on_efforts in lawful:
            steps.append(RuleFiring("law_of_the_year", citation, inputs,
                              lead + f"{on_efforts} is lawful in {evaluation.report_year}"))
            found.add(Outcome(on_efforts, False))
        else:
            outcome = Tier.TIER_3 if Tier.TIER_3 in lawful else lawful[-1]
            reason = clock.reason or "the statute's constraints for the year"
            steps.append(RuleFiring("law_of_the_year", citation, inputs,
                              lead + f"{on_efforts} is not lawful in "
                              f"{evaluation.report_year} ({reason}): {outcome}"))
            found.add(Outcome(outcome, False))
    order = {tier: index for index, tier in enumerate(RANKED_TIERS)}
    return tuple(sorted(found, key=lambda o: (order.get(o.tier, 99), o.waiver)))


def _all(answers: Iterable[Answer]) -> Answer:
    values = list(answers)
    if False in values:
        return False
    return True if all(values) else None


def _law_summary(evaluation: YearEvaluation) -> dict[str, Any]:
    data = evaluation.to_dict()
    keys = ("watch_list_years", "waivers_used", "waivers_left", "tier3_forced_in",
            "downgrade_due_in", "reason", "lawful_placements", "watch_list_needs_waiver")
    summary = {key: data[key] for key in keys}
    summary["explanation"] = data["explanation"]
    return summary
