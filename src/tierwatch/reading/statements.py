"""Claims of a reading as knowledge-base statements (built here, stored by the caller).

Only ``Statement`` is imported from the statements layer: the reader never opens a store.
Properties: ``tier`` for placements (value the tier, ``previous_tier`` and ``move`` as
separate statements when the text states them; ``qualifier`` holds the claim's status,
"official", "leaked", "expected", "forecast" or "rumour", and a claim that is not official has
the article as its claimant, never the report), the quantity name for figures
("convictions", "victims rescued", ...; a part of one, "182 for rape", is its ``breakdown``,
not a longer name), ``speaker_stance`` for a speaker's stance on the
report. ``source`` is the document (file name and content hash), ``locator`` the character
span in the cleaned text (``statements.locator.Span``), ``claimant`` who asserts it. A
placement whose report year is unknown is still a statement, with ``report_year`` None:
unknown stays unknown.
"""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from tierwatch.reading.model import DocumentReading, Figure, Span
from tierwatch.statements import locator
from tierwatch.statements.model import SourceInfo, Statement


def document_source(reading: DocumentReading) -> str:
    """How a statement names the document it comes from: its file name and content hash (the
    same document read from another folder is the same source)."""
    return f"{PurePath(reading.file).name}#sha256:{reading.content_hash}"


def document_info(reading: DocumentReading) -> SourceInfo:
    """The document as a source: its name and content hash (no date: the reader does not
    know when the document was published unless the text says so)."""
    return SourceInfo(
        id=document_source(reading),
        title=PurePath(reading.file).name,
        kind="document",
        coverage=None if reading.report_year is None else f"report year {reading.report_year}",
        notes=f"read by tierwatch; report year basis: {reading.report_year_basis or 'unknown'}",
    )


def _locator(span: Span) -> locator.Span:
    return locator.Span(span.start, span.end)


def _figure_row(figure: Figure, report_year: int | None, source: str) -> dict[str, Any] | None:
    if figure.country is None:
        return None
    return {
        "country": figure.country,
        "report_year": report_year,
        "prop": figure.quantity,
        "value": str(figure.value),
        "unit": figure.unit,
        "qualifier": figure.qualifier,
        "period": figure.period,
        "breakdown": figure.breakdown,
        "claimant": figure.claimant,
        "source": source,
        "locator": _locator(figure.span),
        "excerpt": figure.sentence,
        "confidence": figure.confidence,
    }


def figure_statement(figure: Figure, report_year: int | None, source: str) -> Statement | None:
    """The statement a figure is stored as (None for a figure with no country): the one form
    the reader's disputes and the stored claims' disputes are both found in."""
    row = _figure_row(figure, report_year, source)
    return None if row is None else Statement(**{**row, "locator": str(row["locator"])})


def to_statements(reading: DocumentReading) -> list[Statement]:
    """Every claim of the reading as a ``Statement``, in a deterministic order."""

    source = document_source(reading)
    rows: list[dict[str, Any]] = []
    for placement in reading.placements:
        base = {
            "country": placement.country,
            "report_year": placement.report_year,
            "unit": None,
            "qualifier": f"status {placement.status}",
            "period": None,
            "claimant": placement.claimant if placement.status == "official" else "article",
            "source": source,
            "locator": _locator(placement.span),
            "excerpt": placement.sentence,
            "confidence": placement.confidence,
        }
        if placement.tier is not None:
            rows.append({**base, "prop": "tier", "value": str(placement.tier)})
        if placement.previous_tier is not None:
            rows.append({**base, "prop": "previous_tier", "value": str(placement.previous_tier)})
        if placement.move is not None:
            rows.append({**base, "prop": "move", "value": placement.move})
    for figure in reading.figures:
        row = _figure_row(figure, reading.report_year, source)
        if row is not None:
            rows.append(row)
    for speaker in reading.speakers:
        if speaker.stance is None or reading.main_country is None:
            continue
        rows.append({
            "country": reading.main_country,
            "report_year": reading.report_year,
            "prop": "speaker_stance",
            "value": speaker.stance,
            "unit": None,
            "qualifier": None,
            "period": None,
            "claimant": speaker.name if speaker.organisation is None else (
                f"{speaker.name} ({speaker.organisation})"
            ),
            "source": source,
            "locator": _locator(speaker.span),
            "excerpt": speaker.sentence,
            "confidence": speaker.confidence,
        })
    rows.sort(key=lambda r: (r["locator"].start, r["prop"], r.get("breakdown") or "",
                             str(r["value"]), r["claimant"]))
    return [Statement(**{**row, "locator": str(row["locator"])}) for row in rows]
