"""What a report says, as plain data: the country report and the annual report.

Everything comes from the knowledge base, the law engine and (optionally) an assessment's
evidence; nothing here reads a clock or makes an id, so the same inputs give the same report.
"""

from __future__ import annotations

from typing import Any

from tierwatch.assessment.evidence import CRITERIA, QUANTITIES, Evidence
from tierwatch.assessment.log import Decision, decided_history, decisions, in_force, safe_text
from tierwatch.assessment.proposal import criteria_in_force, propose
from tierwatch.errors import UnknownYearError
from tierwatch.law import (
    Tier,
    evaluate_year,
    last_report_year,
    tier3_consequences,
    validate_report_year,
)
from tierwatch.law.assessment_law import minimum_standards
from tierwatch.placements import all_records, country_record, data_years
from tierwatch.placements.knowledge import (
    evaluation_of,
    move,
    placement_text,
    source_dict,
    year_view_of,
)
from tierwatch.placements.resolve import waiver_complete_years
from tierwatch.reports.chart import tier_chart
from tierwatch.statements.disputes import find_disputes, is_figure
from tierwatch.statements.locator import Field
from tierwatch.statements.properties import figure_label
from tierwatch.statements.store import StatementReader

RECOMMENDATIONS: dict[str, str] = {
    "c01_prosecution": "Increase investigations, prosecutions and convictions of traffickers, "
                       "with sentences that include imprisonment, and publish the data.",
    "c02_protection": "Identify and protect more victims, refer them to care, and ensure they "
                      "are not punished for acts traffickers compelled them to commit.",
    "c03_prevention": "Strengthen prevention: awareness, birth registration, oversight of "
                      "labour recruiters, and action against forced and child labour.",
    "c04_cooperation": "Cooperate with other governments on investigations and prosecutions.",
    "c05_extradition": "Extradite persons charged with trafficking as for other serious "
                       "crimes.",
    "c06_migration_monitoring": "Screen migration flows for trafficking and respond in line "
                                "with victims' rights.",
    "c07_official_complicity": "Investigate, prosecute and convict officials complicit in "
                               "trafficking.",
    "c08_non_citizen_victims": "Extend protection to non-citizen victims.",
    "c09_partnerships": "Build partnerships with civil society and the private sector with "
                        "measurable outcomes.",
    "c10_self_monitoring": "Monitor anti-trafficking efforts and publish a periodic "
                           "assessment.",
    "c11_appreciable_progress": "Show appreciable progress on last year's assessment.",
    "c12_demand_reduction": "Reduce demand for commercial sex and child sex tourism.",
}


def _figures(reader: StatementReader, code: str, year: int) -> tuple[list[dict[str, Any]],
                                                                     list[dict[str, Any]]]:
    """Figures stated for the country and report year, and the disputes among them (by the
    one definition, ``statements.disputes``)."""
    rows = [s for s in reader.statements(country=code, report_year=year)
            if is_figure(s.prop)]
    figures: list[dict[str, Any]] = [
        {"quantity": figure_label(s.prop, s.breakdown), "value": s.value,
         "qualifier": s.qualifier, "unit": s.unit,
         "period": s.period, **source_dict(s)} for s in rows]
    figures.sort(key=lambda f: (f["quantity"], f["period"] or "", f["claimant"], f["value"],
                                f["source"], f["locator"]))
    return figures, [dispute.to_dict() for dispute in find_disputes(rows)]


def _evidence_figures(evidence: Evidence) -> list[dict[str, Any]]:
    """The counts the assessment's evidence gives, as figure rows naming the evidence file's
    field (and the source the analyst gave) as their place."""
    rows = []
    for period in ("reporting_period", "previous_period"):
        held = getattr(evidence.figures, period)
        for quantity in QUANTITIES:
            figure = getattr(held, quantity)
            if figure.value is None:
                continue
            rows.append({"quantity": quantity.replace("_", " "), "value": str(figure.value),
                         "qualifier": None, "unit": None,
                         "period": period.replace("_", " ") + " (evidence)",
                         "claimant": figure.claimant or "not given",
                         "source": figure.source or "evidence file",
                         "locator": str(Field(("figures", period, quantity))),
                         "excerpt": None})
    return rows


def _criteria_rows(evidence: Evidence | None, year: int) -> list[dict[str, Any]]:
    rows = []
    for standard in minimum_standards():
        name, text = standard.id, standard.text
        judgement = evidence.standard(name) if evidence else None
        rows.append({"kind": "minimum standard", "id": name, "text": text,
                     "citation": standard.citation, "finding": judgement.finding if judgement
                     else "unknown", "note": judgement.note if judgement else None})
    for name in criteria_in_force(year):
        _first, citation, text = CRITERIA[name]
        judgement = evidence.criterion(name) if evidence else None
        rows.append({"kind": "criterion", "id": name, "text": text, "citation": citation,
                     "finding": judgement.finding if judgement else "unknown",
                     "note": judgement.note if judgement else None})
    return rows


def country_report(reader: StatementReader, name: str, year: int,
                   evidence: Evidence | None = None) -> dict[str, Any]:
    """The country report's content for one report year."""
    validate_report_year(year)
    record = country_record(reader, name)
    years = record.years
    code = record.country.code
    log = decisions(reader, code)
    decided, used = decided_history(record.history, log)
    # a decision recorded for the open year (say 2026) makes the year after it reportable:
    # the clock of 2027 reads the decided 2026, as ``country`` and ``clock`` do
    last = max([years[-1], *(d.report_year for d in used)])
    if year > last + 1:
        held = (f"the data ends with {years[-1]}" if last == years[-1] else
                f"the data ends with {years[-1]} and the decisions with {last}")
        raise UnknownYearError(f"report year {year}: {held}; a report can look at most one "
                               "year ahead")
    tier = record.tier(year)
    previous = record.tier(year - 1)
    placement = record.placement(year)
    evaluation = evaluation_of(record, year)
    earlier = [d for d in used if d.report_year < year]
    if earlier:  # decisions for open years before this one move the clock: say so
        evaluation = evaluate_year(decided, year)
    law = evaluation.to_dict() if evaluation is not None else None
    standing = in_force(log).get((code, year))
    forced_tier3 = bool(law and law["tier3_forced_in"] == year)
    consequences = None
    if tier is Tier.TIER_3 or forced_tier3:
        consequences = tier3_consequences(year).to_dict()
    figures, disputes = _figures(reader, code, year)
    if evidence is not None:
        figures = figures + _evidence_figures(evidence)
    criteria = _criteria_rows(evidence, year)
    recommendations = [RECOMMENDATIONS[row["id"]] for row in criteria
                       if row["kind"] == "criterion" and row["finding"] in ("not met",
                                                                             "partly met")]
    proposal = None
    if evidence is not None:
        proposal = propose(evidence, record.history).to_dict()
    history = [(y, None if record.tier(y) is None else str(record.tier(y)))
               for y in range(years[0], max(years[-1], year) + 1)]
    deduced = record.deduction(year)
    return {
        "kind": "country",
        "country": record.country.name,
        "code": code,
        "region": record.country.region,
        "report_year": year,
        "tier": None if tier is None else str(tier),
        "placement": placement_text(record, year),
        "placement_label": str(tier) if tier is not None else (
            deduced.label if deduced is not None else placement_text(record, year)),
        "basis": record.basis(year),
        "deduced": None if deduced is None else deduced.to_dict(),
        "previous_tier": None if previous is None else str(previous),
        "previous_placement": placement_text(record, year - 1),
        "move": move(previous, tier),
        "waiver": None if placement is None else placement.waiver,
        "sources": [] if placement is None else [source_dict(s) for s in placement.statements],
        "conflict": None if placement is None or not placement.conflict else placement.values,
        "history": [{"report_year": y, "tier": t, "placement": placement_text(record, y)}
                    for y, t in history],
        "chart_svg": tier_chart(history, highlight=year,
                                title=f"{record.country.name}: tier by report year"),
        "law": law,
        "consequences": consequences,
        "figures": figures,
        "disputes": disputes,
        "p3": record.p3.get(year),  # Cho's 3P policy scores (2001-2014): scores, not figures
        "evidence_given": evidence is not None,
        "criteria": criteria,
        "recommendations": recommendations,
        "proposal": proposal,
        "decisions": [_decision_row(d) for d in log],
        "decision": None if standing is None else _decision_row(standing),
        "clock_uses_decisions": [d.report_year for d in earlier],
    }


def _decision_row(decision: Decision) -> dict[str, Any]:
    """A decision as a report shows it: the free text made safe for one line."""
    return {**decision.to_dict(), "author": safe_text(decision.author),
            "justification": safe_text(decision.justification or ""), "label": decision.label}


def _waiver_could_be_needed(record: Any, year: int) -> bool:
    """Whether the law may have asked for a waiver to keep the country on the watch list in
    ``year`` (only then does an unknown waiver matter)."""
    evaluation = evaluation_of(record, year)
    return evaluation is None or evaluation.lawful.watch_list_needs_waiver is not False


def _deduced_groups(deduced: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The year's deduced placements grouped by the tiers left possible and the lists that
    rule the others out, in the order the year view gives them."""
    groups: dict[tuple[str, str], list[str]] = {}
    for item in deduced:
        groups.setdefault((item["label"], item["basis"]), []).append(item["country"])
    return [{"label": label, "basis": basis, "countries": countries}
            for (label, basis), countries in groups.items()]


def annual_report(reader: StatementReader, year: int) -> dict[str, Any]:
    """The annual report's content: tier lists, moves, watch-list clocks, forced downgrades,
    waivers and Tier 3 consequences."""
    validate_report_year(year)
    if year not in data_years(reader):
        raise UnknownYearError(f"report year {year}: no placements held for it")
    records = all_records(reader)
    view = year_view_of(records, year)
    clocks = []
    for item in view.tiers.get(str(Tier.WATCH_LIST), []):
        record = records[item["code"]]
        nxt = year + 1
        ahead = (evaluate_year(record.history, nxt).to_dict() if nxt <= last_report_year()
                 else None)
        clocks.append({
            "country": item["country"], "code": item["code"], "waiver": item["waiver"],
            "watch_list_years": None if ahead is None else ahead["watch_list_years"],
            "waivers_left": None if ahead is None else ahead["waivers_left"],
            "tier3_forced_in": None if ahead is None else ahead["tier3_forced_in"],
            "reason": None if ahead is None else ahead["reason"],
        })
    return {
        "kind": "annual",
        "report_year": year,
        "counts": view.counts,
        "tiers": view.tiers,
        "deduced": _deduced_groups(view.deduced),
        "coverage_rule": view.coverage_rule,
        "unknown": view.unknown,
        "upgrades": view.upgrades,
        "downgrades": view.downgrades,
        "new_on_watch_list": view.new_on_watch_list,
        "forced_downgrades": view.forced_downgrades,
        "waivers": view.waivers,
        "waiver_list_complete": year in waiver_complete_years(reader.sources()),
        "waiver_unknown": [item["country"] for item in view.tiers.get(
            str(Tier.WATCH_LIST), []) if item["waiver"] is None
            and _waiver_could_be_needed(records[item["code"]], year)],
        "watch_list_clocks": clocks,
        "tier3_consequences": tier3_consequences(year).to_dict(),
    }
