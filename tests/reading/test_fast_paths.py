"""The reader's fast paths read exactly what the plain patterns read.

Case-insensitive patterns run folded (case-sensitive on the lowercased text), patterns are
skipped on texts lacking the words their matches need, function words are looked up in a
table, long literal lists are grouped by first character, and runs of spaces are matched
only where they change something. Each is checked against the plain way on real texts.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tierwatch.reading import cleaning, countries, lexicon
from tierwatch.reading.lexicon import (
    Caseless,
    fold,
    fold_pattern,
    literal_alternation,
    may_match,
    required_literals,
)
from tierwatch.reading.pipeline import read_path


def _texts(shared_dir: Path) -> list[Path]:
    found = sorted((shared_dir / "reading-dev").glob("dev*.*")) + sorted(
        (shared_dir / "seeds").glob("*.txt"))
    if not found:
        pytest.skip("no reading-dev texts")
    return found


def _readings(paths: list[Path]) -> list[str]:
    return [json.dumps(read_path(str(p)).to_json(), sort_keys=True) for p in paths]


def test_fast_and_plain_paths_read_the_same_claims_on_every_dev_text(shared_dir: Path) -> None:
    paths = _texts(shared_dir)
    fast = _readings(paths)
    lexicon.FAST_PATHS = False
    try:
        plain = _readings(paths)
    finally:
        lexicon.FAST_PATHS = True
    assert len(fast) == len(paths) >= 60
    for path, one, other in zip(paths, fast, plain, strict=True):
        assert one == other, path.name


def test_the_plain_path_is_really_taken(plain_paths: None) -> None:
    pattern = Caseless(r"\bTier\s+3\b")
    assert pattern.search("Placed on TIER 3 again") is not None
    assert pattern.search("placed on tier 2") is None


def test_folding_keeps_offsets_and_refuses_what_it_cannot_lowercase() -> None:
    assert fold("İstanbul TIER") == "istanbul tier"  # 'İ' would lower to two characters
    assert len(fold("İİ x")) == 4
    assert fold_pattern(r"(?P<Noun>Tier)\s+\S+[A-Z]") == r"(?P<Noun>tier)\s+\S+[a-z]"
    assert fold_pattern(r"(?-i:Tier)") is None
    assert fold_pattern(r"\x54ier") is None
    pattern = Caseless(r"\bWatch\s+List\b")
    text = "The WATCH list, said İlker, and the Watch List."
    assert [m.span() for m in pattern.finditer(text)] == [
        m.span() for m in re.finditer(r"\bWatch\s+List\b", text, re.I)]
    # letters IGNORECASE reads as another ASCII letter than their lower case: the same matches
    for source, text in [(r"\bshares\s+it\b", "ſhares ıt, SHARES İT"), (r"\blist\b", "LİST lıst")]:
        assert [m.span() for m in Caseless(source).finditer(text)] == [
            m.span() for m in re.finditer(source, text, re.I)] != []


def test_required_literals_never_rule_out_a_text_that_matches() -> None:
    cases = {
        r"\bdue\s+(?:next|later)\s+(?:week|month)": (["due next week", "due later month"],
                                                    ["due soon", "next week"]),
        r"labou?r|servitude": (["forced labor", "servitude"], ["slavery"]),
        r"(?:a|the)\s+draft\s+report": (["a draft report"], ["draft", "the report"]),
    }
    for pattern, (matching, not_matching) in cases.items():
        literals = required_literals(pattern)
        assert literals is not None, pattern
        for text in matching:
            assert re.search(pattern, text) and may_match(literals, text), (pattern, text)
        for text in not_matching:
            assert not may_match(literals, text), (pattern, text)
    assert required_literals(r"\w+") is None  # nothing required: no filter, never a false no
    assert required_literals(r"x*") is None


def test_first_character_groups_find_what_the_plain_alternation_finds(shared_dir: Path) -> None:
    words = ["Niger", "Nigeria", "Nepal", "Oman", "New Zealand", "N"]
    ordered = sorted(words, key=lambda w: (-len(w), w))
    grouped = re.compile(literal_alternation(ordered))
    plain = re.compile("|".join(re.escape(w) for w in ordered))
    sample = "Nigeria and Niger, New Zealand, Nepal; Oman. N"
    assert [m.span() for m in grouped.finditer(sample)] == [
        m.span() for m in plain.finditer(sample)]
    pattern, spellings = countries._matcher()
    alternatives = sorted(spellings, key=lambda s: (-len(s), s))
    reference = re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(s) for s in alternatives)
                           + r")(?![\w])")
    for path in _texts(shared_dir):
        text = path.read_text(encoding="utf-8", errors="replace")
        assert [m.span() for m in pattern.finditer(text)] == [
            m.span() for m in reference.finditer(text)], path.name


def test_spaces_are_collapsed_as_before(shared_dir: Path) -> None:
    every_run = re.compile(r"[ \t\u00a0\u2009\u202f]+")
    samples = ["a  b", "a\tb", "a \u00a0 b", " lead", "trail\t", "one space only"]
    samples += [p.read_text(encoding="utf-8", errors="replace") for p in _texts(shared_dir)]
    for text in samples:
        assert cleaning._SPACES.sub(" ", text) == every_run.sub(" ", text)


def _samples(shared_dir: Path) -> list[str]:
    """Real texts as the stages see them: whole, folded, and one sentence at a time."""
    from tierwatch.reading.cleaning import clean_text
    from tierwatch.reading.sentences import split_sentences

    texts = [clean_text(p.read_text(encoding="utf-8", errors="replace"))
             for p in _texts(shared_dir)]
    sentences = [s.text for text in texts[::6] for s in split_sentences(text)]
    return [*texts, *map(fold, texts), *sentences, *map(fold, sentences)]


def _found(pattern: re.Pattern[str] | lexicon.AsWritten, text: str) -> list[tuple[object, ...]]:
    return [(m.span(), m.groups(), m.lastgroup) for m in pattern.finditer(text)]


def test_every_compiled_pattern_finds_what_its_plain_source_finds(shared_dir: Path) -> None:
    import tierwatch.reading.pipeline  # noqa: F401  every stage's patterns compiled

    samples = _samples(shared_dir)
    prefixed_count = 0
    for source, flags, compiled in lexicon.COMPILED:
        plain = re.compile(source, flags)
        prefixed_count += compiled.pattern is None  # compiled from the rewritten form
        for text in samples:
            assert _found(compiled, text) == _found(plain, text), (source, text[:80])
    assert prefixed_count > 50  # the prefix form is really used


def test_the_prefix_form_moves_word_boundaries_behind_the_first_character() -> None:
    cases = {
        r"\bleak(?:ed|s)?\b": ["leaked", "a leak.", "unleaked", "leaks", "x-leak"],
        r"\b(?:will|to)\s+(?:release|issue)": ["to release", "will issue", "into release"],
        r"(?:\bthe\s+|\bits\s+)watch": ["the watch", "its watch", "bathe watch"],
        r"\bfoo|bar": ["foo", "afoo", "abar"],
    }
    for source, texts in cases.items():
        compiled = lexicon.prefixed(source)
        assert compiled is not None, source
        for text in texts:
            assert _found(compiled, text) == _found(re.compile(source), text), (source, text)
    assert lexicon.prefixed(r"\b\w+") is None  # no literal to stand behind: guarded instead
    assert lexicon.prefixed(r"\bTier", re.I) is None
    assert lexicon.prefixed(r"x*") is None


def test_the_screen_never_rules_out_a_pattern_that_matches(shared_dir: Path) -> None:
    import gc

    import tierwatch.reading.pipeline  # noqa: F401  every stage's patterns registered

    samples = _samples(shared_dir)
    screened = 0
    for pattern in gc.get_objects():
        if isinstance(pattern, lexicon.Filtered) and pattern.screened is not None:
            compiled, folded = pattern.compiled, False  # screened by the text's folded form
        elif (isinstance(pattern, lexicon.Caseless) and pattern.screened is not None
              and pattern.folded is not None):
            compiled, folded = pattern.folded, True
        else:
            continue
        screened += 1
        for text in samples:
            if folded and fold(text) != text:
                continue  # a folded pattern is asked about folded texts only
            possible = lexicon._FOLDED.possible(fold(text))  # a sentence or a whole document
            if compiled.search(text):
                assert pattern.screened in possible, (pattern.pattern, text[:80])
    assert screened > 80


def test_the_screen_finds_overlapping_and_prefix_key_words() -> None:
    screen = lexicon.Screen()
    report = screen.add(lexicon.required_literals("reported"))
    port = screen.add(lexicon.required_literals("port"))
    rep = screen.add(lexicon.required_literals("rep(?:ort)?"))
    assert None not in (report, port, rep)
    assert screen.possible("it reported") == {report, port, rep}
    assert screen.possible("a port") == {port}
    assert screen.add(lexicon.required_literals("the")) is not None  # three letters: kept
    assert screen.add(lexicon.required_literals("of")) is None  # too common to help


def test_vocabularies_searched_by_their_possible_entries_find_every_hit(
        shared_dir: Path) -> None:
    samples = _samples(shared_dir)
    for name in lexicon.names():
        vocabulary = lexicon.vocabulary(name)
        whole = re.compile("|".join(f"(?P<e{i}>{e.pattern})"
                                   for i, e in enumerate(vocabulary.entries)), re.I)
        for text in samples:
            hits = [(h.entry.id, h.start, h.end) for h in vocabulary.finditer(text)]
            plain = [(vocabulary.entries[int(str(m.lastgroup)[1:])].id, m.start(), m.end())
                     for m in whole.finditer(text)]
            assert hits == plain, (name, text[:80])


def test_patterns_read_as_written_find_what_the_case_insensitive_pattern_finds(
        shared_dir: Path) -> None:
    import gc

    import tierwatch.reading.pipeline  # noqa: F401  every stage's patterns compiled

    samples = _samples(shared_dir)
    patterns = [p for p in gc.get_objects() if isinstance(p, lexicon.AsWritten)]
    assert len(patterns) >= 10
    for pattern in patterns:
        plain = re.compile(pattern.pattern, re.I)
        for text in samples:
            assert _found(pattern, text) == _found(plain, text), (pattern.pattern, text[:80])
            one, other = pattern.search(text, 5), plain.search(text, 5)
            assert (one and (one.span(), one.groups())) == (
                other and (other.span(), other.groups())), pattern.pattern
