"""One document through every stage: load, clean, split, find countries, year, claims."""

from __future__ import annotations

from tierwatch.reading.cleaning import clean_text
from tierwatch.reading.countries import (
    find_adjectives,
    find_groups,
    find_mentions,
    main_country,
)
from tierwatch.reading.disputes import find_disputes
from tierwatch.reading.figures import attribute_figures
from tierwatch.reading.loading import LoadedDocument, load_bytes, load_path
from tierwatch.reading.model import DocumentReading
from tierwatch.reading.placements import assemble, extract_facts
from tierwatch.reading.report_year import resolve_report_year
from tierwatch.reading.sentences import split_sentences
from tierwatch.reading.speakers import SpeakerTracker


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
    figures = attribute_figures(text, sentences, pointers, main, report_year, tracker)
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
