"""The evidence of an assessment: one country, one report year, judged against the TVPA.

Everything an analyst enters, and nothing else: unknown fields are refused, types are
strict, and what was not assessed stays ``unknown`` (never read as met or not met). The
standards are 22 U.S.C. 7106(a) (TVPA §108(a)); the criteria of serious and sustained
efforts 7106(b), each with the first report year it governs (spec section 2.2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from tierwatch.errors import InvalidInputError, TierwatchError

Finding = Literal["met", "partly met", "not met", "unknown"]
PolicyKind = Literal["trafficking", "trafficking in government-funded programs", "forced labor",
                     "sexual slavery in government camps", "child soldiers"]

STANDARDS: dict[str, str] = {
    "prohibition": "prohibits severe forms of trafficking and punishes acts of it",
    "grave_crimes_punishment": "punishment for sex trafficking by force, fraud or coercion, "
                               "of children, or with rape, kidnapping or death, commensurate "
                               "with grave crimes",
    "deterrent_punishment": "punishment for any severe form sufficiently stringent to deter "
                            "and reflecting the heinous nature of the offence",
    "serious_sustained_efforts": "serious and sustained efforts to eliminate severe forms of "
                                 "trafficking (judged by the criteria)",
}
"""The four minimum standards, 22 U.S.C. 7106(a)(1)-(4)."""

CRITERIA: dict[str, tuple[int, str, str]] = {
    "c01_prosecution": (2001, "7106(b)(1)", "vigorously investigates, prosecutes, convicts "
                        "and sentences traffickers"),
    "c02_protection": (2001, "7106(b)(2)", "protects victims and encourages their help in "
                       "investigations, without penalising them for acts compelled by "
                       "trafficking"),
    "c03_prevention": (2001, "7106(b)(3)", "prevents trafficking: public information, birth "
                       "registration, forced and child labour, labour recruiters"),
    "c04_cooperation": (2001, "7106(b)(4)", "cooperates with other governments in "
                        "investigations and prosecutions"),
    "c05_extradition": (2001, "7106(b)(5)", "extradites persons charged with trafficking as "
                        "for other serious crimes"),
    "c06_migration_monitoring": (2001, "7106(b)(6)", "monitors migration for evidence of "
                                 "trafficking and responds consistently with victims' rights"),
    "c07_official_complicity": (2001, "7106(b)(7)", "investigates, prosecutes, convicts and "
                                "sentences complicit officials"),
    "c08_non_citizen_victims": (2004, "7106(b)(8)", "the share of victims who are "
                                "non-citizens is insignificant"),
    "c09_partnerships": (2014, "7106(b)(9)", "partnerships with civil society, the private "
                         "sector or the United States with measurable outcomes"),
    "c10_self_monitoring": (2004, "7106(b)(10)", "monitors its own efforts and publishes a "
                            "periodic assessment"),
    "c11_appreciable_progress": (2004, "7106(b)(11)", "appreciable progress compared with the "
                                 "previous year"),
    "c12_demand_reduction": (2006, "7106(b)(12)", "reduces demand for commercial sex and "
                             "sex tourism by its nationals"),
}
"""Criteria of serious and sustained efforts: (first report year, citation, what it asks).
The first years of (8), (10), (11) follow the 2003 Act, (12) the 2005 Act, (9) the 2013 Act
(spec 2.2; marked there as not settled by the sources reached)."""

QUANTITIES = ("investigations", "prosecutions", "convictions", "victims_identified")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Judgement(_Strict):
    """A finding on one standard or criterion, with its note and sources."""

    finding: Finding = "unknown"
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class Figure(_Strict):
    """A count for the period; ``value`` None means unknown (never read as zero)."""

    value: int | None = Field(default=None, ge=0)
    claimant: str | None = None
    source: str | None = None


class PeriodFigures(_Strict):
    investigations: Figure = Figure()
    prosecutions: Figure = Figure()
    convictions: Figure = Figure()
    victims_identified: Figure = Figure()


class Figures(_Strict):
    """The counts of two periods, and whether the government withheld them: the data
    presumption of 7106(b)(1) needs that fact (a figure absent from this file is only
    unknown, never a refusal by the government to provide it)."""

    reporting_period: PeriodFigures = PeriodFigures()
    previous_period: PeriodFigures = PeriodFigures()
    government_withheld_data: bool | None = None


class WatchListQuestions(_Strict):
    """7107(b)(2)(A)(iii); None is unknown."""

    victims_very_significant_or_increasing: bool | None = None
    proportional_concrete_actions: bool | None = None  # asked from the 2019 report
    evidence_of_increasing_efforts: bool | None = None
    based_on_commitments: bool | None = None  # (III), 2004-2018 reports only


FACTORS: dict[str, tuple[int, str, str]] = {
    "origin_transit_destination": (2001, "7107(b)(3)(A)(i)", "extent to which the country is "
                                   "a country of origin, transit or destination"),
    "noncompliance_and_complicity": (2001, "7107(b)(3)(A)(ii)", "extent of noncompliance, "
                                     "above all officials' complicity"),
    "reasonable_measures": (2001, "7107(b)(3)(A)(iii)", "measures reasonable in light of the "
                            "government's resources and capabilities"),
    "budget_law_enforcement": (2019, "7107(b)(3)(D)", "budget enough to investigate, "
                               "prosecute, convict and obtain restitution"),
    "budget_protection_prevention": (2019, "7107(b)(3)(E)", "budget enough to protect and "
                                     "support victims and to prevent trafficking"),
    "civil_society_consultation": (2019, "7107(b)(3)(F)", "consultation with civil society "
                                   "that led to concrete improvements in victim services"),
}
"""Factors the Secretary weighs in deciding significant efforts: (first report year,
citation, what it asks). (D)-(F) are read as governing from the 2019 report (spec 3.1)."""

Weight = Literal["for", "against", "neutral", "unknown"]


class Factor(_Strict):
    """How one significant-efforts factor weighs: for or against significant efforts."""

    weighs: Weight = "unknown"
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class SignificantEfforts(_Strict):
    """The analyst's judgement on significant efforts (7107(b)(3)); unknown: derived from the
    criteria and the factors. The statute gives the factors no weights, so a judgement, when
    given, decides."""

    finding: Literal["significant", "not significant", "unknown"] = "unknown"
    note: str | None = None
    sources: list[str] = Field(default_factory=list)
    factors: dict[Literal["origin_transit_destination", "noncompliance_and_complicity",
                          "reasonable_measures", "budget_law_enforcement",
                          "budget_protection_prevention", "civil_society_consultation"],
                  Factor] = Field(default_factory=dict)


class Complicity(_Strict):
    officials_complicit: bool | None = None
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class StatePolicy(_Strict):
    """A government policy or pattern of trafficking (7107(b)(3)(B), from the 2019 report)."""

    found: bool | None = None  # None: not assessed (Tier 3 then stays possible from 2019)
    kinds: list[PolicyKind] = Field(default_factory=list)
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class WaiverConditions(_Strict):
    """What a waiver of the automatic downgrade needs (7107(b)(2)(D)(ii))."""

    written_plan: bool | None = None
    resources_committed: bool | None = None
    note: str | None = None


class Evidence(_Strict):
    """All the evidence of one assessment."""

    country: str
    report_year: int
    standards: dict[Literal["prohibition", "grave_crimes_punishment", "deterrent_punishment",
                            "serious_sustained_efforts"], Judgement] = Field(
        default_factory=dict)
    criteria: dict[Literal["c01_prosecution", "c02_protection", "c03_prevention",
                           "c04_cooperation", "c05_extradition", "c06_migration_monitoring",
                           "c07_official_complicity", "c08_non_citizen_victims",
                           "c09_partnerships", "c10_self_monitoring",
                           "c11_appreciable_progress", "c12_demand_reduction"],
                   Judgement] = Field(default_factory=dict)
    significant_efforts: SignificantEfforts = SignificantEfforts()
    figures: Figures = Figures()
    watch_list: WatchListQuestions = WatchListQuestions()
    complicity: Complicity = Complicity()
    state_policy: StatePolicy = StatePolicy()
    waiver_conditions: WaiverConditions = WaiverConditions()

    def standard(self, name: str) -> Judgement:
        return self.standards.get(name, Judgement())  # type: ignore[call-overload]

    def criterion(self, name: str) -> Judgement:
        return self.criteria.get(name, Judgement())  # type: ignore[call-overload]


def parse_evidence(data: Any, *, origin: str = "evidence") -> Evidence:
    """Evidence from parsed YAML/JSON; a bad field is named (its path) and refused."""
    if not isinstance(data, dict):
        raise InvalidInputError(f"{origin}: expected a mapping of fields, got "
                                f"{type(data).__name__}")
    try:
        evidence = Evidence.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise InvalidInputError(f"{origin}: field {where}: {first['msg']}") from error
    from tierwatch.countries import lookup
    from tierwatch.law import validate_report_year

    try:
        validate_report_year(evidence.report_year)
    except TierwatchError as error:
        raise InvalidInputError(f"{origin}: field report_year: {error}") from error
    try:
        code = lookup(evidence.country).code
    except TierwatchError as error:
        raise InvalidInputError(f"{origin}: field country: {error}") from error
    return evidence.model_copy(update={"country": code})


def load_evidence(path: Path | str) -> Evidence:
    """Evidence from a YAML or JSON file."""
    from tierwatch.files import inputs

    path = Path(path)
    if not path.is_file():
        raise InvalidInputError(f"{path}: no such evidence file")
    # Size and depth limited, YAML 1.2 booleans ("country: NO" is Norway, not false).
    loader = inputs.load_json if path.suffix == ".json" else inputs.load_yaml
    data = loader(path, "evidence file")
    return parse_evidence(data, origin=path.name)
