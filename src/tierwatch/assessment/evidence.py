"""The evidence of an assessment: one country, one report year, judged against the TVPA.

Everything an analyst enters, and nothing else: unknown fields are refused, types are
strict, and what was not assessed stays ``unknown`` (never read as met or not met). The
standards are 22 U.S.C. 7106(a) (TVPA §108(a)); the criteria of serious and sustained
efforts 7106(b), each with the first report year it governs (spec section 2.2).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from tierwatch.errors import InvalidInputError, TierwatchError
from tierwatch.law import POLICY_OR_PATTERN_KINDS
from tierwatch.law.assessment_law import criteria, minimum_standards, significant_efforts_factors

Finding = Literal["met", "partly met", "not met", "unknown"]

STANDARDS: dict[str, str] = {item.id: item.text for item in minimum_standards()}
"""The four minimum standards (the law's, ``tierwatch.law.assessment_law``)."""

CRITERIA: dict[str, tuple[int, str, str]] = {
    item.id: (item.first, item.citation, item.text) for item in criteria()}
"""Criteria of serious and sustained efforts: (first report year, citation, what it asks)."""

QUANTITIES = ("investigations", "prosecutions", "convictions", "victims_identified")


def _known_keys(value: dict[str, Any], known: dict[str, Any], what: str) -> dict[str, Any]:
    """Refuse an entry the law does not have (a typo must not pass as an unassessed field)."""
    for key in value:
        if key not in known:
            raise ValueError(f"unknown {what} {key!r}; expected one of {', '.join(known)}")
    return value


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
    item.id: (item.first, item.citation, item.text) for item in significant_efforts_factors()}
"""Factors the Secretary weighs in deciding significant efforts: (first report year,
citation, what it asks)."""

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
    factors: dict[str, Factor] = Field(default_factory=dict)

    @field_validator("factors")
    @classmethod
    def _known_factors(cls, value: dict[str, Factor]) -> dict[str, Factor]:
        return _known_keys(value, FACTORS, "significant-efforts factor")


class Complicity(_Strict):
    officials_complicit: bool | None = None
    note: str | None = None
    sources: list[str] = Field(default_factory=list)


class StatePolicy(_Strict):
    """A government policy or pattern of trafficking (7107(b)(3)(B), from the 2019 report)."""

    found: bool | None = None  # None: not assessed (Tier 3 then stays possible from 2019)
    kinds: list[str] = Field(default_factory=list)

    @field_validator("kinds")
    @classmethod
    def _known_kinds(cls, value: list[str]) -> list[str]:
        unknown = [kind for kind in value if kind not in POLICY_OR_PATTERN_KINDS]
        if unknown:
            raise ValueError(f"unknown kind {unknown[0]!r}; the statute's kinds are: "
                             + "; ".join(POLICY_OR_PATTERN_KINDS))
        return value
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
    standards: dict[str, Judgement] = Field(default_factory=dict)
    criteria: dict[str, Judgement] = Field(default_factory=dict)
    significant_efforts: SignificantEfforts = SignificantEfforts()
    figures: Figures = Figures()
    watch_list: WatchListQuestions = WatchListQuestions()
    complicity: Complicity = Complicity()
    state_policy: StatePolicy = StatePolicy()
    waiver_conditions: WaiverConditions = WaiverConditions()

    @field_validator("standards")
    @classmethod
    def _known_standards(cls, value: dict[str, Judgement]) -> dict[str, Judgement]:
        return _known_keys(value, STANDARDS, "minimum standard")

    @field_validator("criteria")
    @classmethod
    def _known_criteria(cls, value: dict[str, Judgement]) -> dict[str, Judgement]:
        return _known_keys(value, CRITERIA, "criterion")

    def standard(self, name: str) -> Judgement:
        return self.standards.get(name, Judgement())

    def criterion(self, name: str) -> Judgement:
        return self.criteria.get(name, Judgement())


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
