"""Sentence boundaries in cleaned text, with their character spans.

A rule splitter: a sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes) followed by
space and a capital, a digit or an opening quote, unless the dot ends a known abbreviation
(titles, "U.S.", months) or an initial. Paragraph breaks always end a sentence, and so does a
heading line or a list item's line.
"""

from __future__ import annotations

import re

from tierwatch.reading.cleaning import BULLET_LINE, HEADING_LINE
from tierwatch.reading.lexicon import compile_guarded
from tierwatch.reading.model import Sentence

_ABBREVIATIONS = frozenset(
    re.findall(
        r"\S+",
        """mr mrs ms dr prof gen col lt sgt capt gov sen rep rev st mt jr sr no nos vol fig
        jan feb mar apr jun jul aug sep sept oct nov dec inc ltd corp co vs etc approx est
        u.s u.n u.k e.u u.s.a d.c p.m a.m e.g i.e""",
    )
)
# (a reference page's footnote marks after the stop end the sentence too: "Tier 2.[5] The")
_BOUNDARY = compile_guarded(r"[.!?…]+[\"”’')\]]*(?:\[\d{1,3}\])*(?=\s+[\"“‘(\[]?[A-Z0-9])")
_PARAGRAPH = compile_guarded(r"\n\s*\n")
# A line in capitals with no sentence end ("PROSECUTION", "GOVERNMENT EFFORTS: PROTECTION") is a
# heading: a sentence of its own, not the start of the line after it.
_HEADING = compile_guarded(f"^{HEADING_LINE}$", re.M)
_WORD_BEFORE = compile_guarded(r"([A-Za-z][A-Za-z.]*)$")
# A list item's line ("- Kuwait: Tier 2", "• Peru: Tier 3"): cleaning keeps its line break
_LIST_ITEM = compile_guarded(BULLET_LINE, re.M)


def split_sentences(text: str) -> list[Sentence]:
    """Every sentence of ``text`` in order, with start/end offsets and its paragraph number."""
    sentences: list[Sentence] = []
    paragraph_start = 0
    breaks: list[re.Match[str] | None] = [*_PARAGRAPH.finditer(text), None]
    for paragraph_index, paragraph_break in enumerate(breaks):
        paragraph_end = paragraph_break.start() if paragraph_break else len(text)
        _split_paragraph(text, paragraph_start, paragraph_end, paragraph_index, sentences)
        if paragraph_break is None:
            break
        paragraph_start = paragraph_break.end()
    return sentences


def _split_paragraph(
    text: str, start: int, end: int, paragraph: int, out: list[Sentence]
) -> None:
    chunk = text[start:end]
    cuts = [boundary.end() for boundary in _BOUNDARY.finditer(chunk)
            if not (chunk[boundary.start()] == "." and _is_abbreviation(chunk, boundary.start()))]
    if "\n" in chunk:
        for heading in _HEADING.finditer(chunk):
            cuts += [heading.start(), heading.end()]
        cuts += [item.start() for item in _LIST_ITEM.finditer(chunk)]
        cuts.sort()
    cursor = 0
    for cut in cuts:
        if cut > cursor:
            _emit(text, start + cursor, start + cut, paragraph, out)
            cursor = cut
    _emit(text, start + cursor, end, paragraph, out)


_WINDOW = 40  # longer than any abbreviation: the look-back stays constant per sentence end


def _is_abbreviation(chunk: str, dot: int) -> bool:
    """Whether the word ending at ``dot`` is a known abbreviation or an initial. Only a short
    window before the dot is searched, so splitting stays linear in the paragraph's length."""
    start = max(0, dot - _WINDOW)
    word = _WORD_BEFORE.search(chunk, start, dot)
    if not word or (word.start() == start and start > 0 and chunk[start - 1].isalpha()):
        return False
    token = word.group(1).lower()
    if token in _ABBREVIATIONS:
        return True
    return len(token) == 1 and token.isalpha() and word.group(1).isupper()  # an initial


def _emit(text: str, start: int, end: int, paragraph: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(len(out), start, end, text[start:end], paragraph))
