"""The published shapes of the API's answers (OpenAPI response models).

The answers are the same JSON as the CLI's ``--json``; these models name the fields a client
may rely on, with their types, and allow the nested detail the views add (explanations,
provision reads) without freezing it here.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict


class _Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ApiRoot(_Open):
    name: str
    version: str
    data: dict[str, str]


class CountryEntry(_Open):
    code: str
    name: str
    region: str
    aliases: list[str]
    ranked_until: int | None
    state_from: int | None
    href: str


class CountryList(_Open):
    count: int
    region: str | None
    countries: list[CountryEntry]


class SourceRef(_Open):
    value: str
    source: str
    locator: str
    claimant: str
    confidence: float
    excerpt: str | None


class PlacementRow(_Open):
    report_year: int
    tier: str | None
    basis: str
    placement: str | None
    possible: list[str]
    deduced: dict[str, Any] | None
    move: str | None
    waiver: bool | None
    inferred_from_waiver: bool
    sources: list[SourceRef]
    waiver_sources: list[SourceRef]
    conflict: list[str] | None
    p3: dict[str, Any] | None
    clock: dict[str, Any] | None
    lawful_placements: list[str] | None
    uncertain_placements: list[str] | None
    verdict: str | None
    verdict_reason: str | None
    consequences: dict[str, Any] | None


class Figure(_Open):
    report_year: int | None
    quantity: str
    value: str
    unit: str | None
    period: str | None
    qualifier: str | None
    claimant: str
    source: str
    locator: str
    excerpt: str | None
    confidence: float


class Dispute(_Open):
    report_year: int | None
    quantity: str
    period: str | None
    unit: str | None
    claims: list[dict[str, Any]]


class CountryAnswer(_Open):
    country: str
    code: str
    region: str
    placements: list[PlacementRow]
    next_report: dict[str, Any] | None
    conflicts: list[dict[str, Any]]
    figures: list[Figure]
    disputes: list[Dispute]
    decisions: list[dict[str, Any]]


class YearAnswer(_Open):
    report_year: int
    counts: dict[str, int]
    tiers: dict[str, list[dict[str, Any]]]
    deduced: list[dict[str, Any]]
    unknown: list[dict[str, Any]]
    coverage_rule: str
    upgrades: list[dict[str, Any]]
    downgrades: list[dict[str, Any]]
    new_on_watch_list: list[dict[str, Any]]
    forced_downgrades: list[dict[str, Any]]
    waivers: list[dict[str, Any]]
    list_flags: list[dict[str, Any]]


class ClockAnswer(_Open):
    report_year: int
    watch_list_years: int | None
    waivers_used: int | None
    waivers_left: int | None
    waiver_cap: int | None
    tier3_forced_in: int | None
    downgrade_due_in: int | None
    reason: str
    outlook: str
    lawful_placements: list[str]
    uncertain_placements: list[str]
    lawful_summary: str
    verdict: str | None
    consequences: dict[str, Any] | None
    explanation: list[dict[str, Any]]
    provisions_read: list[dict[str, Any]]
    decisions_used: list[dict[str, Any]] | None = None


class LawAnswer(_Open):
    report_year: int
    calendar: dict[str, Any]
    provisions: list[dict[str, Any]]


class StatementRow(_Open):
    id: str
    country: str
    report_year: int | None
    prop: str
    value: str
    unit: str | None
    qualifier: str | None
    period: str | None
    breakdown: str | None
    claimant: str
    source: str
    locator: str
    excerpt: str | None
    confidence: float
    first_seen: str | None
    last_seen: str | None


class PropertyEntry(_Open):
    name: str
    meaning: str
    type: str
    unit: str | None
    values: list[str]
    minimum: int | None
    maximum: int | None
    reference: str | None
    expected: str


class StatementPage(_Open):
    count: int
    offset: int
    limit: int
    filters: dict[str, Any]
    statements: list[StatementRow]
    next: str | None


class SourceEntry(_Open):
    id: str
    title: str
    kind: str
    publisher: str | None
    address: str | None
    date: str | None
    licence: str | None
    coverage: str | None
    notes: str | None
    extra: dict[str, Any]
    years: list[dict[str, Any]]
    list_flags: list[dict[str, Any]]


class ConflictList(_Open):
    count: int
    conflicts: list[dict[str, Any]]


class AuditAnswer(_Open):
    counts: dict[str, int]
    unexplained: list[dict[str, Any]]
    undetermined: list[dict[str, Any]]


class CoverageRow(_Open):
    report_year: int
    stated: int
    inferred: int
    deduced: int
    unknown: int
    countries: int


class TransitionAnswer(_Open):
    pairs: int
    states: list[str]
    matrix: dict[str, dict[str, int]]


class RegionRow(_Open):
    region: str
    countries: int


class CalendarAnswer(_Open):
    years: list[dict[str, Any]]


class ReadingAnswer(_Open):
    file: str
    content_hash: str
    report_year: int | None
    report_year_basis: str | None
    main_country: str | None
    language: str | None
    placements: list[dict[str, Any]]
    figures: list[dict[str, Any]]
    speakers: list[dict[str, Any]]
    disputes: list[dict[str, Any]]
    stored: dict[str, Any] | None = None


class ProposalAnswer(_Open):
    country: str
    report_year: int
    proposed_tier: str | None
    possible: list[str]
    lawful_placements: list[str]
    explanation: list[dict[str, Any]]
    cannot_apply: list[dict[str, Any]]
    missing: list[str]


class WhatIfAnswer(_Open):
    country: str
    code: str
    years: list[dict[str, Any]]
    decisions: list[dict[str, Any]]


class DecisionModel(_Open):
    id: int | None
    country: str
    report_year: int
    tier: str
    waiver: bool
    justification: str | None
    author: str
    recorded_at: str
    entry_hash: str | None
    evidence_digest: str | None = None
    evidence_id: int | None = None


class EvidenceEntry(_Open):
    """Stored evidence, as listed (without its document)."""

    id: int
    country: str
    report_year: int
    digest: str
    recorded_by: str
    recorded_at: str
    intact: bool
    decisions: list[int]
    href: str


class StoredEvidenceModel(EvidenceEntry):
    """Stored evidence with its document (canonical JSON of the validated evidence)."""

    evidence: dict[str, Any]


class ImportAnswer(_Open):
    files: list[dict[str, Any]]
    new: int


class TokenModel(_Open):
    id: int
    name: str
    role: str
    created_at: str
    created_by: str
    revoked_at: str | None
    active: bool
    token: str | None = None


class AuditEntryModel(_Open):
    id: int
    at: str
    token_id: int | None
    who: str
    role: str
    action: str
    target: str | None
    detail: dict[str, Any]
