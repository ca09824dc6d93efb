"""One document through every stage: load, clean, split, find countries, year, claims."""

from __future__ import annotations

import os

from tierwatch.reading.cleaning import clean_text
from tierwatch.reading.countries import (
    find_adjectives,
    find_groups,
    find_mentions,
    main_country,
)
from tierwatch.reading.disputes import find_disputes
from tierwatch.reading.figures import attribute_figures
from tierwatch.reading.language import ENGLISH, detect_language
from tierwatch.reading.loading import LoadedDocument, load_bytes, load_path
from tierwatch.reading.model import DocumentContext, DocumentReading
from tierwatch.reading.placements import assemble, extract_facts
from tierwatch.reading.report_year import resolve_report_year
from tierwatch.reading.sentences import split_sentences
from tierwatch.reading.speakers import SpeakerTracker


def read_path(name: str | os.PathLike[str]) -> DocumentReading:
    """Read a file (a path, or ``-`` for standard input); ``InvalidInputError`` names a bad
    file."""
    return read_loaded(load_path(name))


def read_text(text: str, name: str = "<text>") -> DocumentReading:
    """Read a text given in memory (tests, the API)."""
    return read_loaded(load_bytes(name, text.encode("utf-8")))


def read_loaded(document: LoadedDocument) -> DocumentReading:
    """Every claim of one loaded document."""
    context = document_context(document)
    if context.language not in (None, ENGLISH):
        return DocumentReading(file=context.name, content_hash=context.content_hash,
                               text=context.text, report_year=None, report_year_basis=None,
                               main_country=None, language=context.language)
    placements = assemble(extract_facts(context), context)
    tracker = SpeakerTracker()
    figures = attribute_figures(context, tracker)
    return DocumentReading(
        file=context.name,
        content_hash=context.content_hash,
        text=context.text,
        report_year=context.report_year,
        report_year_basis=context.report_year_basis,
        main_country=context.main,
        placements=placements,
        figures=figures,
        speakers=sorted(tracker.speakers, key=lambda s: s.span.start),
        disputes=find_disputes(figures),
        language=context.language,
    )


def document_context(document: LoadedDocument) -> DocumentContext:
    """Clean and split the text, find its countries, settle its main country and report year."""
    text = clean_text(document.text)
    language = detect_language(text)
    if language not in (None, ENGLISH):
        return DocumentContext(name=document.name, content_hash=document.content_hash,
                               text=text, sentences=[], mentions=[], adjectives=[], groups=[],
                               title_end=0, language=language)
    sentences = split_sentences(text)
    mentions = find_mentions(text)
    adjectives = find_adjectives(text)
    title_end = sentences[0].end if sentences else 0
    context = DocumentContext(
        name=document.name,
        content_hash=document.content_hash,
        text=text,
        sentences=sentences,
        mentions=mentions,
        adjectives=adjectives,
        groups=find_groups(text),
        title_end=title_end,
        language=language,
    )
    # Adjectives decide the main country only when no country is named at all.
    lede_end = sentences[min(2, len(sentences) - 1)].end if sentences else 0
    pointers = sorted(mentions + adjectives, key=lambda m: (m.start, m.end))
    context.main = main_country(pointers, text, title_end, lede_end)
    context.report_year, context.report_year_basis = resolve_report_year(text, sentences)
    return context
