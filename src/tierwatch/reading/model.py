"""What the reader emits: claims tied to the sentence and character span that state them.

Spans are offsets into the *cleaned* text of the document (``DocumentReading.text``), so a
claim can always be shown in context; ``excerpt`` repeats the sentence so that a claim read
on its own still carries its evidence.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from tierwatch.law.tiers import Tier
from tierwatch.reading.countries import GroupMention, Mention


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of the cleaned text and where it sits."""

    index: int
    start: int
    end: int
    text: str
    paragraph: int


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Placement:
    """A tier the text gives a country for a report year (``None`` year: not settled)."""

    country: str  # ISO alpha-3 (or the registry's own code)
    country_name: str
    report_year: int | None
    tier: Tier | None
    previous_tier: Tier | None
    move: str | None  # "upgrade", "downgrade", "unchanged" or None when the text does not say
    timeframe: str  # "current" (the report the text is about), "previous" or "historical"
    main: bool  # the article's own country
    span: Span
    sentence: str
    confidence: float
    claimant: str = "TIP report"
    # "official" (the report as published), "leaked" (a copy or draft before release),
    # "expected" (said to be coming: "will be downgraded", "is expected to"), "forecast" (a
    # writer's or analyst's prediction) or "rumour" (reported talk, denied or unconfirmed)
    status: str = "official"
    reasons: tuple[str, ...] = ()  # the named evidence the claim was resolved from


CLAIM_STATUSES = ("official", "leaked", "expected", "forecast", "rumour")


@dataclass(frozen=True, slots=True)
class Figure:
    """A number the text states for a quantity of the controlled vocabulary."""

    country: str | None
    quantity: str
    value: int
    qualifier: str | None  # "more than", "around", "at least", ... or None for an exact value
    unit: str
    period: str | None
    claimant: str  # who asserts it, as the text names it
    claimant_kind: str  # "TIP report", "government", "NGO", "international organisation",
    #                     "other source" or "article"
    span: Span
    sentence: str
    confidence: float
    breakdown: str | None = None  # "for rape" in "290 arrests: ... 182 for rape"
    reasons: tuple[str, ...] = ()  # the named evidence its claimant and confidence rest on


@dataclass(frozen=True, slots=True)
class Speaker:
    """A named person quoted or paraphrased, with their organisation and stance on the report."""

    name: str
    role: str | None
    organisation: str | None
    kind: str  # same kinds as ``Figure.claimant_kind``
    stance: str | None  # "disputes", "agrees" or None when the text does not make it plain
    span: Span
    sentence: str
    confidence: float


@dataclass(frozen=True, slots=True)
class Dispute:
    """Two figures of a document that disagree, by the one definition of a disputed figure
    (``statements.disputes``: the same figure from different claimants, with values that
    cannot both be true)."""

    country: str | None
    quantity: str
    period: str | None
    first: Figure
    second: Figure


@dataclass(slots=True)
class DocumentReading:
    """Everything read from one document."""

    file: str
    content_hash: str
    text: str
    report_year: int | None
    report_year_basis: str | None
    main_country: str | None
    placements: list[Placement] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    speakers: list[Speaker] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    language: str | None = None  # ISO 639-1; a text not in English is reported, not read

    def to_json(self) -> dict[str, Any]:
        """A plain, deterministically ordered structure for ``--json`` (no cleaned text)."""
        return {
            "file": self.file,
            "content_hash": self.content_hash,
            "report_year": self.report_year,
            "report_year_basis": self.report_year_basis,
            "main_country": self.main_country,
            "language": self.language,
            "placements": [asdict(p) for p in self.placements],
            "figures": [asdict(f) for f in self.figures],
            "speakers": [asdict(s) for s in self.speakers],
            "disputes": [asdict(d) for d in self.disputes],
        }


@dataclass(slots=True)
class DocumentContext:
    """What the stages of the reader share about one document: its cleaned text, sentences,
    country mentions and what earlier stages settled (main country, report year). One object
    passed to each stage, so a stage that needs one more thing does not grow an argument."""

    name: str
    content_hash: str
    text: str
    sentences: list[Sentence]
    mentions: list[Mention]  # country names, in order of position
    adjectives: list[Mention]  # country adjectives ("Kenyan"), in order of position
    groups: list[GroupMention]  # regional groupings ("ASEAN members")
    title_end: int  # end of the first sentence (the headline where there is one)
    main: str | None = None
    report_year: int | None = None
    report_year_basis: str | None = None
    language: str | None = None

    @property
    def subjects(self) -> list[Mention]:
        """Country mentions that can be the subject of a claim (not the report's author)."""
        return [m for m in self.mentions if not m.issuer]

    @property
    def pointers(self) -> list[Mention]:
        """Names and adjectives together, in order: what a figure's country is read from."""
        return sorted(self.mentions + self.adjectives, key=lambda m: (m.start, m.end))
