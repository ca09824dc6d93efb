"""One document through every stage: load, clean, split, find countries, year, claims."""

from __future__ import annotations

import re

from tierwatch.reading.cleaning import clean_text
from tierwatch.reading.countries import (
    Mention,
    find_adjectives,
    find_groups,
    find_mentions,
    main_country,
)
from tierwatch.reading.disputes import find_disputes
from tierwatch.reading.figures import RawFigure, find_figures, find_period
from tierwatch.reading.loading import LoadedDocument, load_bytes, load_path
from tierwatch.reading.model import DocumentReading, Figure, Sentence, Span
from tierwatch.reading.placements import assemble, extract_facts
from tierwatch.reading.report_year import resolve_report_year
from tierwatch.reading.sentences import split_sentences
from tierwatch.reading.speakers import SpeakerTracker, sentence_source

# Where a sentence turns to another period: "..., compared with 74 in 2017", "up from 23".
_COMPARISON = re.compile(
    r",?\s*\b(?:compared\s+(?:with|to)|(?:an?\s+)?(?:increase|decrease|rise|drop|fall)\s+from|"
    r"up\s+from|down\s+from|versus|against|while|whereas)\b|;"
)
# The report's own country narrative: what it states without attribution, the report asserts.
_REPORT_NARRATIVE = re.compile(
    r"\b(?:fully\s+meets|does\s+not\s+(?:fully\s+)?meet)\s+the\s+minimum\s+standards\s+for\s+"
    r"the\s+elimination\s+of\s+trafficking\b", re.I)
_IT_SAID = re.compile(r"\bit\s+(?:said|says|stated|found|noted|added)\b")
_REPORT_SUBJECT = re.compile(r"\b(?:the|this|its)\s+(?:[\w.’'-]+\s+){0,4}?report\b", re.I)


def read_path(name: str) -> DocumentReading:
    """Read a file (``-`` for standard input); ``InvalidInputError`` names a bad file."""
    return read_loaded(load_path(name))


def read_text(text: str, name: str = "<text>") -> DocumentReading:
    """Read a text given in memory (tests, the API)."""
    return read_loaded(load_bytes(name, text.encode("utf-8")))


def read_loaded(document: LoadedDocument) -> DocumentReading:
    """Every claim of one loaded document."""
    text = clean_text(document.text)
    sentences = split_sentences(text)
    mentions = find_mentions(text)
    adjectives = find_adjectives(text)
    title_end = sentences[0].end if sentences else 0
    # Adjectives decide the main country only when no country is named at all.
    main = main_country(mentions, title_end) or main_country(adjectives, title_end)
    report_year, basis = resolve_report_year(text, sentences)
    facts = extract_facts(text, sentences, mentions, find_groups(text), main)
    placements = assemble(facts, report_year, main)
    tracker = SpeakerTracker()
    pointers = sorted(mentions + adjectives, key=lambda m: (m.start, m.end))
    figures = _figures(text, sentences, pointers, main, report_year, tracker)
    return DocumentReading(
        file=document.name,
        content_hash=document.content_hash,
        text=text,
        report_year=report_year,
        report_year_basis=basis,
        main_country=main,
        placements=placements,
        figures=figures,
        speakers=sorted(tracker.speakers, key=lambda s: s.span.start),
        disputes=find_disputes(figures),
    )


def _figures(
    text: str,
    sentences: list[Sentence],
    mentions: list[Mention],
    main: str | None,
    report_year: int | None,
    tracker: SpeakerTracker,
) -> list[Figure]:
    figures: list[Figure] = []
    narrative = bool(_REPORT_NARRATIVE.search(text))
    previous: tuple[int, tuple[str, str] | None, str | None] | None = None
    report_subject = False
    for sentence in sentences:
        speaker = tracker.read(sentence)
        raw = find_figures(sentence)
        if raw:
            source = sentence_source(sentence, speaker, report_subject)
        report_subject = bool(_REPORT_SUBJECT.search(sentence.text)) or (
            report_subject and bool(_IT_SAID.search(sentence.text))
        )
        if not raw:
            continue
        inherited = previous is not None and previous[0] == sentence.index - 1
        confidence = 0.9
        if source is None and inherited and previous is not None:
            source, confidence = previous[1], 0.75
        if source is None and narrative:
            source, confidence = ("TIP report", "TIP report"), 0.85
        own_text = sentence.text
        for figure in raw:
            if figure.derived:
                a, b = figure.start - sentence.start, figure.end - sentence.start
                own_text = own_text[:a] + " " * (b - a) + own_text[b:]
        comparison = _COMPARISON.search(own_text)
        if comparison:
            own_text = own_text[: comparison.start()]
        sentence_period = find_period(own_text, report_year)
        if sentence_period is None and inherited and previous is not None and source is not None:
            sentence_period = previous[2]
        in_sentence = [m for m in mentions if not m.issuer
                       and sentence.start <= m.start < sentence.end]
        base_period: str | None = None
        previous_end = sentence.start
        for figure in raw:
            period: str | None
            boundary = _COMPARISON.search(text, figure.end, sentence.end)
            following = min([boundary.start() if boundary else sentence.end,
                             *(f.start for f in raw if f.derived and f.start >= figure.end)])
            if figure.restated:
                period = base_period or sentence_period
            elif figure.derived:
                period = _earlier_period(text[figure.start : figure.end], base_period,
                                         report_year)
            elif base_period is not None and _COMPARISON.search(
                text, previous_end, figure.start
            ):
                # "convicted 10 in 2020, compared with three convictions a year earlier"
                phrase = text[figure.end : following]
                period = (_earlier_period(phrase, base_period, report_year)
                          if find_period(phrase, None) in _YEAR_BEFORE
                          else find_period(phrase, report_year) or "previous period")
            else:
                period = find_period(text[figure.end : following], report_year)
                period = period or sentence_period
                base_period = period
            previous_end = figure.end
            near = [m for m in in_sentence if figure.start - 80 <= m.start < figure.start]
            country = near[-1].code if near else main
            own_source = _clause_source(sentence, figure.start) or source
            figures.append(_figure(figure, country, period, own_source, confidence, sentence))
        previous = (sentence.index, source, sentence_period)
    return _merge_repeats(figures)


_CONTRAST = re.compile(r",?\s*\b(?:while|whereas|but)\b|;")


def _clause_source(sentence: Sentence, position: int) -> tuple[str, str] | None:
    """Who asserts the clause holding ``position`` when a sentence sets two claimants against
    each other ("the ministry said 52, while the report put it at 38"); None otherwise."""
    cuts = [m.start() for m in _CONTRAST.finditer(sentence.text)]
    if not cuts:
        return None
    bounds = [0, *cuts, len(sentence.text)]
    offset = position - sentence.start
    for start, end in zip(bounds, bounds[1:], strict=False):
        if start <= offset < end:
            clause = Sentence(sentence.index, sentence.start + start, sentence.start + end,
                              sentence.text[start:end], sentence.paragraph)
            return sentence_source(clause, None, False)
    return None


_YEAR_BEFORE = ("last year", "the previous year", "the year before", "a year earlier",
                "a year before")


def _earlier_period(phrase: str, base: str | None, report_year: int | None) -> str:
    """The period of '... down from 190 the year before': one year before the base figure's."""
    relative = find_period(phrase, None)
    if relative in _YEAR_BEFORE:
        if base is not None and base.isdigit():
            return str(int(base) - 1)
        return find_period(phrase, report_year) or "previous period"
    return relative or "previous period"


def _figure(
    raw: RawFigure,
    country: str | None,
    period: str | None,
    source: tuple[str, str] | None,
    confidence: float,
    sentence: Sentence,
) -> Figure:
    claimant, kind = source if source is not None else ("article", "article")
    if raw.quantity == "population" or source is None:
        claimant, kind = "article", "article"
        confidence = 0.6
    if raw.derived:
        confidence = min(confidence, 0.7)
    return Figure(
        country=country,
        quantity=raw.quantity,
        value=raw.value,
        qualifier=raw.qualifier,
        unit=raw.unit,
        period=period,
        claimant=claimant,
        claimant_kind=kind,
        span=Span(raw.start, raw.end),
        sentence=sentence.text,
        confidence=confidence,
        breakdown=raw.breakdown,
    )


def _merge_repeats(figures: list[Figure]) -> list[Figure]:
    """A figure repeated without attribution (a standfirst, a caption) is the attributed one."""
    attributed = {
        (f.country, f.quantity, f.value, f.breakdown)
        for f in figures
        if f.claimant_kind != "article"
    }
    kept: list[Figure] = []
    seen: set[tuple[object, ...]] = set()
    for figure in figures:
        key = (figure.country, figure.quantity, figure.value, figure.breakdown)
        if figure.claimant_kind == "article" and key in attributed:
            continue
        full_key = (*key, figure.claimant, figure.period)
        if full_key in seen:
            continue
        seen.add(full_key)
        kept.append(figure)
    return kept
