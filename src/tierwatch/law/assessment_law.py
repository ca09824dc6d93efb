"""The law an assessment weighs, as dated provisions with citations (``assessment.yaml``,
plus the points ``statute.yaml`` already holds): the minimum standards, the criteria with the
years they govern, the significant-efforts factors, the watch-list criteria, the waiver
conditions, the data presumption, the concrete-actions clause and the kinds of government
policy or pattern.

Why here: ``tierwatch.assessment`` asks these questions of evidence, but which questions the
law of report year Y asks, and where the statute says so, is law; it lives beside the rest of
the law and is read by year, never hard-coded by the caller.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources

import yaml

from tierwatch.law import provision_ids as ids
from tierwatch.law.statute import Provision, first_version, provision


@dataclass(frozen=True, slots=True)
class Item:
    """One entry of a listed provision (a standard, a criterion, a factor): its id, the
    first report year it governs, its own citation and what it asks."""

    id: str
    first: int
    citation: str
    text: str

    def governs(self, report_year: int) -> bool:
        return self.first <= report_year


@cache
def _versions() -> dict[str, tuple[Provision, ...]]:
    text = resources.files("tierwatch.law").joinpath("assessment.yaml").read_text(
        encoding="utf-8")
    table: dict[str, tuple[Provision, ...]] = {}
    for provision_id, entry in yaml.safe_load(text).items():
        versions = tuple(sorted((Provision(
            id=provision_id, title=entry["title"], first=int(v["first"]),
            last=None if v["last"] is None else int(v["last"]),
            value=_frozen(v["value"]), citation=v["citation"], confidence=v["confidence"])
            for v in entry["versions"]), key=lambda p: p.first))
        for earlier, later in zip(versions, versions[1:], strict=False):
            if earlier.last is None or earlier.last >= later.first:
                raise ValueError(f"assessment.yaml: versions of {provision_id!r} overlap")
        table[provision_id] = versions
    return table


def _frozen(value: object) -> object:
    if isinstance(value, list):
        return tuple(_frozen(item) for item in value)
    return value


def assessment_provision(provision_id: str, report_year: int) -> Provision | None:
    """The version of an assessment provision governing ``report_year`` (None: not in force)."""
    for version in _versions()[provision_id]:
        if version.governs(report_year):
            return version
    return None


def cited(provision_id: str, report_year: int) -> str:
    """The citation of the provision as of ``report_year`` (its first version's before it
    governs: a rule cited as not yet in force is still cited where it is)."""
    version = assessment_provision(provision_id, report_year)
    return (version or _versions()[provision_id][0]).citation


def statute_cited(provision_id: str, report_year: int) -> str:
    """The same for a provision of ``statute.yaml``."""
    version = provision(provision_id, report_year)
    return (version or first_version(provision_id)).citation


def _items(provision_id: str) -> tuple[Item, ...]:
    version = _versions()[provision_id][-1]
    return tuple(Item(entry["id"], int(entry.get("first", version.first)), entry["citation"],
                      entry["text"]) for entry in version.value)


def minimum_standards() -> tuple[Item, ...]:
    """The four minimum standards, 7106(a)(1)-(4)."""
    return _items(ids.MINIMUM_STANDARDS)


def criteria() -> tuple[Item, ...]:
    """Every criterion of 7106(b), with the first report year it governs."""
    return _items(ids.CRITERIA)


def criteria_in_force(report_year: int) -> list[str]:
    return [item.id for item in criteria() if item.governs(report_year)]


def significant_efforts_factors() -> tuple[Item, ...]:
    """The factors of 7107(b)(3)(A), (D)-(F), with the first report year each governs."""
    return _items(ids.SIGNIFICANT_EFFORTS_FACTORS)


def factors_in_force(report_year: int) -> list[str]:
    return [item.id for item in significant_efforts_factors() if item.governs(report_year)]


def watch_list_from() -> int:
    """The first report year with the special watch list (statute.yaml; a [U] point)."""
    return first_version(ids.SPECIAL_WATCH_LIST).first


def policy_or_pattern_from() -> int:
    """The first report year in which a government policy or pattern forces Tier 3."""
    return first_version(ids.POLICY_OR_PATTERN).first


def policy_or_pattern_kinds(report_year: int) -> tuple[str, ...]:
    """The kinds of government policy or pattern the statute names, clauses (i)-(v); none
    before the rule governs."""
    from tierwatch.law import POLICY_OR_PATTERN_KINDS  # the policy-or-pattern rule's own list

    return POLICY_OR_PATTERN_KINDS if provision(ids.POLICY_OR_PATTERN, report_year) else ()


def concrete_actions_only(report_year: int) -> bool:
    """From 2019 Tier 1 and Tier 2 rest only on concrete actions, not on commitments: the
    reason (iii)(III), significant efforts on commitments, no longer exists."""
    return provision(ids.CONCRETE_ACTIONS_ONLY, report_year) is not None


def proportional_actions_asked(report_year: int) -> bool:
    """Whether (iii)(I) asks if the concrete actions are proportional to the victims (2019-)."""
    version = assessment_provision(ids.WATCH_LIST_VICTIMS, report_year)
    return bool(version and version.value["proportional_concrete_actions"])


def commitments_clause(report_year: int) -> bool:
    """Whether (iii)(III), significant efforts based on commitments, governs ``report_year``."""
    return assessment_provision(ids.WATCH_LIST_COMMITMENTS, report_year) is not None


def data_presumption(report_year: int) -> Provision | None:
    """The data presumption of criteria 1 and 7 (from the 2004 report); None before."""
    return assessment_provision(ids.DATA_PRESUMPTION, report_year)


def waiver_conditions(report_year: int) -> tuple[str, ...]:
    """What a waiver of the automatic downgrade needs on record (evidence field names)."""
    version = assessment_provision(ids.WAIVER_CONDITIONS, report_year)
    return () if version is None else tuple(version.value)
