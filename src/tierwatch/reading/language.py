"""Which language a text is written in, from the share of its function words.

The reader's vocabulary is English; a text in another language would be misread (a Spanish
"nivel 2" is no tier it knows), so it is reported as that language and not read. Too few
words to tell: unknown (None), and the text is read.
"""

from __future__ import annotations

import re
from collections import Counter
from functools import cache

from tierwatch.reading import lexicon
from tierwatch.reading.lexicon import vocabulary

ENGLISH = "en"
_WORD = re.compile(r"\w+")
_MIN_WORDS = 30  # below this the function words of a headline or a line decide nothing
_MIN_SHARE = 0.04  # a language's function words must be at least this share of all words
_SAMPLE = 4_000  # characters looked at


@cache
def _function_words() -> dict[str, str] | None:
    """Each function word (lowercase) and the language it counts for."""
    table = vocabulary("languages").word_table()
    return None if table is None else {word: str(entry.value) for word, entry in table.items()}


# Texts in a script of their own (no spaces between words, or function words we do not list):
# most of their letters tell the language. Kana before Han: Japanese writes both.
_SCRIPTS = (("ja", "\u3040-\u30ff"), ("ko", "\uac00-\ud7af\u1100-\u11ff"),
            ("zh", "\u4e00-\u9fff"), ("th", "\u0e00-\u0e7f"), ("ar", "\u0600-\u06ff"),
            ("he", "\u0590-\u05ff"))
_SCRIPT_LETTER = re.compile("[" + "".join(ranges for _, ranges in _SCRIPTS) + "]")
_SCRIPT_OF = [(code, re.compile(f"[{ranges}]")) for code, ranges in _SCRIPTS]
_LATIN_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f]")
_MIN_SCRIPT_LETTERS = 60


def _script_language(sample: str) -> str | None:
    """The language of a text written mostly in one of ``_SCRIPTS``, or None."""
    letters = len(_SCRIPT_LETTER.findall(sample))
    if letters < _MIN_SCRIPT_LETTERS or letters <= len(_LATIN_LETTER.findall(sample)):
        return None
    return next(code for code, pattern in _SCRIPT_OF if pattern.search(sample))


def detect_language(text: str) -> str | None:
    """The ISO 639-1 code of the text's language, or None when it is too short to tell."""
    sample = text[:_SAMPLE]  # the opening tells, and reading it costs the same for any size
    words = _WORD.findall(lexicon.fold(sample))  # lowercase, character for character
    if len(words) < _MIN_WORDS:
        return _script_language(sample)
    table = _function_words()
    if lexicon.FAST_PATHS and table is not None:  # words looked up one by one: same count
        counts: Counter[str] = Counter(filter(None, map(table.get, words)))
    else:
        counts = Counter(str(hit.value) for hit in vocabulary("languages").finditer(sample))
    if not counts:
        return _script_language(sample)
    best, hits = max(sorted(counts.items()), key=lambda item: item[1])
    if hits / len(words) < _MIN_SHARE:
        return _script_language(sample)
    if best != ENGLISH and counts[ENGLISH] * 2 > hits:
        return ENGLISH  # an English text quoting a foreign phrase stays English
    return best
