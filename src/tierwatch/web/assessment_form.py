"""The assessment form: the evidence template's fields as form controls, each explained with
the statute's words and citation, and the submitted form back into evidence.

The fields are built from the law's own lists (standards, criteria and factors in force for
the year, the policy-or-pattern kinds), as ``tierwatch template`` writes them; a value left
as "unknown" (or empty) stays unknown.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from tierwatch.errors import InvalidInputError
from tierwatch.law import provision_ids as ids

FINDINGS = ("unknown", "met", "partly met", "not met")
WEIGHTS = ("unknown", "for", "against", "neutral")
EFFORTS = ("unknown", "significant", "not significant")
ANSWERS = ("unknown", "yes", "no")
_ANSWER_VALUES: dict[str, bool | None] = {"unknown": None, "yes": True, "no": False}
PERIODS = {"reporting_period": "the reporting period (1 April to 31 March)",
           "previous_period": "the period before"}


def _field(path: str, kind: str, label: str, help_text: str,
           choices: Iterable[str] = ()) -> dict[str, Any]:
    return {"name": path, "kind": kind, "label": label, "help": help_text,
            "choices": list(choices)}


def form_sections(report_year: int) -> list[dict[str, Any]]:
    """The form's sections for a report year, with every field's explanation."""
    from tierwatch.assessment.evidence import CRITERIA, FACTORS, QUANTITIES, STANDARDS
    from tierwatch.law.assessment_law import (
        cited,
        criteria_in_force,
        factors_in_force,
        policy_or_pattern_from,
        policy_or_pattern_kinds,
        statute_cited,
    )

    def choice(path: str, label: str, text: str, choices: Iterable[str]) -> dict[str, Any]:
        return _field(path, "choice", label, text, choices)

    sections = [
        {"id": "standards", "title": "The four minimum standards",
         "explanation": f"{cited(ids.MINIMUM_STANDARDS, report_year)}: Tier 1 needs all four met.",
         "fields": [choice(f"standards.{name}", name.replace("_", " "), text, FINDINGS)
                    for name, text in STANDARDS.items()]},
        {"id": "criteria", "title": "Criteria of serious and sustained efforts",
         "explanation": f"{cited(ids.CRITERIA, report_year)}; those in force in {report_year}.",
         "fields": [choice(f"criteria.{name}", name, f"{CRITERIA[name][2]} "
                           f"[{CRITERIA[name][1]}, from {CRITERIA[name][0]}]", FINDINGS)
                    for name in criteria_in_force(report_year)]},
        {"id": "significant_efforts", "title": "Significant efforts",
         "explanation": f"{cited(ids.SIGNIFICANT_EFFORTS, report_year)}: left unknown, derived "
                        "from the criteria and the factors (the statute gives them no weights).",
         "fields": [choice("significant_efforts.finding", "finding",
                           "the analyst's judgement, which decides when given", EFFORTS)]
         + [choice(f"significant_efforts.factors.{name}", name.replace("_", " "),
                   f"{FACTORS[name][2]} [{FACTORS[name][1]}]", WEIGHTS)
            for name in factors_in_force(report_year)]},
        {"id": "figures", "title": "Figures",
         "explanation": "Counts for each period; empty is unknown (never zero). The claimant "
                        "says who gives the figure (TIP report, a ministry, an NGO).",
         "fields": [choice("figures.government_withheld_data", "government withheld data",
                           "the government did not provide these data after reasonable "
                           "requests (the data presumption then applies)", ANSWERS)]
         + [f for period, words in PERIODS.items() for quantity in QUANTITIES for f in (
             _field(f"figures.{period}.{quantity}.value", "count",
                    f"{quantity.replace('_', ' ')}, {period.replace('_', ' ')}",
                    f"{quantity.replace('_', ' ')} in {words}"),
             _field(f"figures.{period}.{quantity}.claimant", "text", "claimant",
                    "who gives this figure"))]},
        {"id": "watch_list", "title": "The watch-list questions",
         "explanation": "Yes, no or unknown for each.",
         "fields": [
             choice("watch_list.victims_very_significant_or_increasing",
                    "victims very significant or increasing",
                    "the number of victims of severe forms is very significant or "
                    "significantly increasing", ANSWERS),
             choice("watch_list.proportional_concrete_actions", "proportional concrete actions",
                    "the government takes concrete actions proportional to the problem "
                    "(asked from the 2019 report)", ANSWERS),
             choice("watch_list.evidence_of_increasing_efforts",
                    "evidence of increasing efforts",
                    "evidence of increasing efforts over the previous year (unknown: read "
                    "from the figures when both periods are known)", ANSWERS),
             choice("watch_list.based_on_commitments", "based on commitments",
                    "the determination rests on commitments to take further steps "
                    "(2004-2018 reports only)", ANSWERS)]},
        {"id": "complicity", "title": "Complicity",
         "explanation": "Officials who take part in, facilitate or condone trafficking.",
         "fields": [choice("complicity.officials_complicit", "officials complicit",
                           "officials are complicit in trafficking", ANSWERS)]},
        {"id": "state_policy", "title": "A government policy or pattern of trafficking",
         "explanation": f"{statute_cited(ids.POLICY_OR_PATTERN, report_year)}: Tier 3 from "
                        f"{policy_or_pattern_from()}; unknown keeps Tier 3 possible.",
         "fields": [choice("state_policy.found", "found", "a policy or pattern was found",
                           ANSWERS),
                    _field("state_policy.kinds", "kinds", "kinds",
                           "the statute's own words (one or more)",
                           policy_or_pattern_kinds(report_year))]},
        {"id": "waiver_conditions", "title": "Waiver of the automatic downgrade",
         "explanation": f"{cited(ids.WAIVER_CONDITIONS, report_year)}: a written plan with "
                        "resources.",
         "fields": [choice("waiver_conditions.written_plan", "written plan",
                           "the government has a written plan", ANSWERS),
                    choice("waiver_conditions.resources_committed", "resources committed",
                           "it is devoting sufficient resources to the plan", ANSWERS)]},
    ]
    return sections


def evidence_data(country: str, report_year: int, sections: list[dict[str, Any]],
                  form: dict[str, list[str]]) -> dict[str, Any]:
    """The evidence mapping of a submitted form; a value the field does not take, or a
    field the form does not have, is refused with its name."""
    fields = {f["name"]: f for section in sections for f in section["fields"]}
    for name in form:
        if name not in fields and name not in ("country", "report_year", "format"):
            raise InvalidInputError(f"form field {name!r}: not a field of the evidence form")
    data: dict[str, Any] = {"country": country, "report_year": report_year}
    for name, spec in fields.items():
        values = form.get(name, [])
        value = _value(name, spec, values)
        if value is None:
            continue
        path = name.split(".")
        if path[0] in ("standards", "criteria"):
            value = {"finding": value}
        elif path[:2] == ["significant_efforts", "factors"]:
            value = {"weighs": value}
        target = data
        for part in path[:-1]:
            target = target.setdefault(part, {})
        target[path[-1]] = value
    return data


def _value(name: str, spec: dict[str, Any], values: list[str]) -> Any:
    """The typed value of one field (None: unknown, left out of the evidence)."""
    if spec["kind"] == "kinds":
        unknown = [v for v in values if v not in spec["choices"]]
        if unknown:
            raise InvalidInputError(f"form field {name}: {unknown[0][:60]!r} is not one of the "
                                    "statute's kinds")
        return list(values) or None
    if len(values) > 1:
        raise InvalidInputError(f"form field {name}: given {len(values)} times")
    text = values[0].strip() if values else ""
    if spec["kind"] == "count":
        if text == "":
            return None
        if not (text.isascii() and text.isdigit()) or len(text) > 12:
            raise InvalidInputError(f"form field {name} {text[:20]!r}: expected a whole "
                                    "number (empty: unknown)")
        return int(text)
    if spec["kind"] == "text":
        return text[:200] or None
    if text == "":
        return None
    if text not in spec["choices"]:
        raise InvalidInputError(f"form field {name} {text[:20]!r}: expected one of "
                                + ", ".join(spec["choices"]))
    if spec["choices"] == list(ANSWERS):
        return _ANSWER_VALUES[text]
    return None if text == "unknown" else text
