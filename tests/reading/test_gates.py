"""The gates of the figures and speakers stages rule out only sentences where nothing is found.

Figure patterns run only on sentences holding a count and their cue's words, speakers are
looked for only where two words can end a name, and so on; each gate is checked here against
the way without it, sentence by sentence, on the real texts and on the project's own fixtures.
"""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest

from tierwatch.reading import lexicon
from tierwatch.reading.figures import _RUNS, find_figures, find_period
from tierwatch.reading.lexicon import fold, possible_patterns
from tierwatch.reading.loading import load_path
from tierwatch.reading.model import Sentence
from tierwatch.reading.pipeline import document_context
from tierwatch.reading.speakers import (
    _AFTER_VERB,
    _APPOSITIVE,
    _BEFORE_VERB,
    _NAME_OF,
    SpeakerTracker,
    _may_name_someone,
    _trim_name,
)


def _sentences(paths: list[Path]) -> list[list[Sentence]]:
    return [document_context(load_path(str(path))).sentences for path in paths]


@pytest.fixture(scope="module")
def documents(shared_dir: Path, fixtures_dir: Path) -> list[list[Sentence]]:
    paths = (sorted((shared_dir / "reading-dev").glob("dev*.txt"))
             + sorted((shared_dir / "seeds").glob("*.txt")) + sorted(fixtures_dir.glob("*.txt")))
    if len(paths) < 60:
        pytest.skip("no reading-dev texts")
    return _sentences(paths)


def _speakers(documents: list[list[Sentence]]) -> list[list[object]]:
    read = []
    for sentences in documents:
        tracker = SpeakerTracker()
        read.append([tracker.read(sentence) for sentence in sentences] + tracker.speakers)
    return read


def test_gated_figures_and_speakers_are_those_of_every_pattern_run(
        documents: list[list[Sentence]]) -> None:
    gated = [[find_figures(s) for s in sentences] for sentences in documents]
    gated_speakers = _speakers(documents)
    lexicon.FAST_PATHS = False  # every pattern on every sentence, no gate, no screen
    try:
        plain = [[find_figures(s) for s in sentences] for sentences in documents]
        plain_speakers = _speakers(documents)
    finally:
        lexicon.FAST_PATHS = True
    assert gated == plain
    assert gated_speakers == plain_speakers
    assert sum(len(found) for figures in gated for found in figures) > 50  # real work done


def test_a_figure_pattern_is_run_wherever_it_matches(documents: list[list[Sentence]]) -> None:
    """Where a pattern matches, the screen keeps it and its cue (``_RUNS``)."""
    matched = 0
    for sentences in documents:
        for sentence in sentences:
            lowered = fold(sentence.text)
            for _, pattern, numbers in _RUNS:
                assert pattern.folded is not None
                if pattern.folded.search(lowered) is not None:
                    matched += 1
                    assert possible_patterns(lowered).issuperset(numbers), sentence.text
    assert matched > 50


def test_a_name_is_found_only_where_two_words_can_end_one(
        documents: list[list[Sentence]]) -> None:
    named = 0
    for sentences in documents:
        for sentence in sentences:
            for pattern in (_APPOSITIVE, _NAME_OF, _BEFORE_VERB, _AFTER_VERB):
                for match in pattern.compiled.finditer(sentence.text):
                    if len(_trim_name(match.group("name")).split()) >= 2:
                        named += 1
                        assert _may_name_someone(sentence.text), sentence.text
    assert named > 20


@pytest.mark.parametrize(("text", "may"), [
    ("The Interior Ministry said police had arrested 12 people.", False),
    ("Officials at the State Department said the report was fair.", False),
    ("Maria Silva, spokesman at the Interior Ministry, said so.", True),
    ("said Foreign Minister Hamzah Zainudin.", True),
    ("MacKinnon Rahman said", True),  # a name may start inside a word: "Kinnon Rahman"
    ("The UN’s Human Rights Council said", False),
])
def test_two_words_that_can_end_a_name(text: str, may: bool) -> None:
    assert _may_name_someone(text) is may


def test_periods_as_written_either_way(plain_paths: None) -> None:
    texts = ["from January 2021 to March 2022", "in FY2023", "during the previous reporting period",
             "Over the Past Two Years", "nothing here", "İn 2021"]
    plain = [find_period(t, 2024) for t in texts]
    lexicon.FAST_PATHS = True
    assert [find_period(t, 2024) for t in texts] == plain
    assert plain[:4] == ["January 2021 to March 2022", "2023", "previous period",
                         "the past two years"]


def test_every_letter_folds_to_what_ignorecase_takes_it_for() -> None:
    """A folded pattern (ASCII letters) matches a folded letter exactly where the pattern
    matches the letter with IGNORECASE: 'İ', 'ı' and 'ſ', which lower to no ASCII letter, and
    the Kelvin sign included."""
    any_letter = re.compile("[a-z]", re.I)
    differing = set()
    for code in range(128, 0x30000):
        char = chr(code)
        if any_letter.fullmatch(char) or fold(char) in string.ascii_lowercase:
            matched = {x for x in string.ascii_lowercase if re.fullmatch(x, char, re.I)}
            if matched != {fold(char)} & set(string.ascii_lowercase):
                differing.add(char)
    assert differing == set()
    assert fold("İSTANBUL ıS ſo \u212a") == "istanbul is so k"


def test_a_name_with_a_suffix_is_always_looked_for() -> None:
    tracker = SpeakerTracker()
    text = "Home Minister Silva, Jr., said the report was unfair."
    assert _may_name_someone(text)
    found = tracker.read(Sentence(0, 0, len(text), text, 0))
    assert found is not None and found.name.startswith("Silva")
