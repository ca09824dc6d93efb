"""Figures: numbers stated for a controlled vocabulary of quantities, with qualifier and period.

A figure needs both a number (digits, "36.5 million" or words: "forty-two", "two hundred")
and a quantity cue next to it: a verb ("convicted 300 perpetrators", "44 offenders were
convicted", "the rescue of 14 girls") or a noun ("72 prosecutions", "11 convictions").
"Tens of thousands", "hundreds", "many" are no figures. "16 fewer convictions than the year
before" after "convicted 20" yields the earlier period's 36.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from tierwatch.reading import lexicon
from tierwatch.reading.cleaning import LIST_ITEM_LINE
from tierwatch.reading.countries import Mention
from tierwatch.reading.lexicon import (
    AsWritten,
    Caseless,
    Hit,
    caseless,
    compile_guarded,
    fold,
    possible_patterns,
    vocabulary,
)
from tierwatch.reading.model import DocumentContext, Figure, Sentence, Span, Speaker
from tierwatch.reading.speakers import SpeakerTracker, kind_of, sentence_source

QUANTITIES: tuple[str, ...] = (
    "investigations",
    "arrests",
    "cases",
    "prosecutions",
    "convictions",
    "victims identified",
    "victims rescued",
    "victims repatriated",
    "victims assisted",
    "prevalence estimate",
    "population",
)

_NUMBER_WORDS = vocabulary("number_words").entries
_UNITS_WORDS = {e.pattern: int(e.value or 0) for e in _NUMBER_WORDS if e.note != "scale"}
_SCALES = {e.pattern: int(e.value or 0) for e in _NUMBER_WORDS if e.note == "scale"}
_WORD = r"(?:" + "|".join(sorted(_UNITS_WORDS, key=len, reverse=True)) + r")"
_SCALE_WORD = r"(?:" + "|".join(_SCALES) + r")"
_WORD_NUMBER = (
    rf"(?:{_WORD}(?:[-\s]{_WORD})?(?:\s+{_SCALE_WORD}"
    rf"(?:\s+(?:and\s+)?{_WORD}(?:[-\s]{_WORD})?)?)*|a\s+(?:hundred|thousand|dozen))"
)
# (thousands grouped by commas, or by spaces as in "1 204")
_SPACE_GROUPED = r"[0-9]{1,3}(?: [0-9]{3})+"  # (cleaning made every space plain)
_DIGITS = (rf"(?:[0-9]{{1,3}}(?:,[0-9]{{3}})+|{_SPACE_GROUPED}(?![0-9])|"
           rf"[0-9]+)(?:\.[0-9]+)?(?:\s+{_SCALE_WORD})?")
_GROUPED = compile_guarded(_SPACE_GROUPED)
# A year is never a count: not taken as one, so a pattern goes on to the count after it
# ("arrested 74 in 2004 and that 235 children had been intercepted").
_NOT_A_YEAR = r"(?!(?:19|20)[0-9]{2}(?![0-9]|,[0-9]{3}))"
NUMBER = (rf"(?<![0-9][:./]){_NOT_A_YEAR}(?P<number>{_DIGITS}|{_WORD_NUMBER})"
          # (read whole: never the "1" of "1,478")
          rf"(?![0-9%-]|,[0-9]{{3}}|\s*(?:percent|per cent|%|years?\s+old))")
_QUALIFIER_WORDS = vocabulary("qualifiers")
QUALIFIER = (
    r"(?:(?P<qualifier>" + "|".join(f"(?:{e.pattern})" for e in _QUALIFIER_WORDS.entries)
    + r")\s+)?(?:only\s+|just\s+)?"
)
_PEOPLE = "(?:" + "|".join(f"(?:{e.pattern})" for e in vocabulary("figure_units").entries) + ")"
_FILLER = r"(?:(?![0-9])[\w’'-]+\s+){0,3}?"  # (no other number: "18 suspects and 10 cases")
# "rescued, supported and given care to 611 victims": further verbs before the count.
_CHAINED_VERB = (r"(?:[a-z]+ed|given|provided|offered)(?:\s+(?:care|support|assistance|"
                 r"shelter|services))?")
_PEOPLE_FILLER = r"(?:(?![0-9])[\w’'-]+\s+){0,4}?"
# Words between a verb and its count that leave the count as it is: "referred all 52
# victims", "an additional 15", "a total of 30".
_DETERMINER = r"(?:(?:a\s+total\s+of|all|an\s+additional|another|a\s+further)\s+)?"

# "57 victims, including 19 children, were identified": an aside between count and verb.
_ASIDE = (r"(?:\s*,\s+(?:including|among\s+them|of\s+whom|mostly|most\s+of\s+them)\s+"
          r"[^,;.]{1,60},)?")
_VERB_QUANTITIES: list[tuple[str, str]] = [
    (e.value or "", e.pattern) for e in vocabulary("quantity_verbs").entries]
_NOUN_QUANTITIES: list[tuple[str, str]] = [
    (e.value or "", e.pattern) for e in vocabulary("quantity_nouns").entries]


_COUNT_NOUN = compile_guarded("|".join(f"(?:{p})" for _, p in _NOUN_QUANTITIES), re.I)


def _qualifier(text: str | None) -> str | None:
    """The normalised qualifier of the words before a number ("over" = "more than")."""
    if not text:
        return None
    hit = _QUALIFIER_WORDS.match(text)
    return hit.value if hit is not None and hit.end == len(text) else None


@dataclass(frozen=True, slots=True)
class RawFigure:
    """A figure as a sentence states it, before claimant and period are attached."""

    quantity: str
    value: int
    qualifier: str | None
    unit: str
    start: int
    end: int
    breakdown: str | None = None
    derived: bool = False
    period: str | None = None  # stated with the figure itself ("44 in 2021" in a run of years)
    restated: bool = False  # "... while the report put the number at 38": same quantity/period
    in_report: bool = False  # the report's value: "far more than the 44 counted in the report"
    listed: bool = False  # a "Label: N" line of a list of key figures


# No count the reader keeps is larger: a bigger value is a misreading (a phone number, an
# amount of money, digits run together), rejected rather than stored.
MAX_COUNT = 10_000_000_000
_MAX_DIGITS = len(str(MAX_COUNT))
_DECIMAL = compile_guarded(r"(?P<whole>[0-9]+)(?:\.(?P<fraction>[0-9]+))?", re.ASCII)


def parse_number(text: str) -> int | None:
    """The exact integer a number in digits or words states; None for a vague amount, a
    fraction, a value beyond ``MAX_COUNT`` or anything that is not a number (integer
    arithmetic only: no float rounds a long count, no Unicode digit reaches ``int``)."""
    text = text.strip().lower().replace(",", "")
    if (grouped := _GROUPED.match(text)) is not None:  # "1 204", "1 204 thousand"
        text = re.sub(r"\s", "", grouped.group(0)) + text[grouped.end():]
    scale = 1
    for word, factor in _SCALES.items():
        if text.endswith(" " + word) and text[:1].isascii() and text[:1].isdigit():
            text, scale = text[: -len(word) - 1].strip(), factor
    decimal = _DECIMAL.fullmatch(text)
    if decimal:
        whole, fraction = decimal.group("whole").lstrip("0") or "0", decimal.group("fraction") or ""
        fraction = fraction.rstrip("0")
        if len(whole) + len(fraction) > _MAX_DIGITS + 1:
            return None
        numerator = int(whole + fraction) * scale
        denominator = 10 ** len(fraction)
        if numerator % denominator:
            return None  # "2.5" of something: not a count
        return _bounded(numerator // denominator)
    if text in ("a hundred", "a thousand"):
        return _SCALES[text.split()[1]]
    if text == "a dozen":
        return 12
    total, current = 0, 0
    for token in re.split(r"[\s-]+", text):
        if token == "and":
            continue
        if token in _UNITS_WORDS:
            current += _UNITS_WORDS[token]
        elif token in ("hundred", "dozen"):
            current = max(current, 1) * _SCALES[token]
        elif token in ("thousand", "million", "billion"):
            total += max(current, 1) * _SCALES[token]
            current = 0
        else:
            return None
    return _bounded(total + current)


def _bounded(value: int) -> int | None:
    return value if 0 <= value <= MAX_COUNT else None


def _unit_from(noun: str | None, quantity: str) -> str:
    if noun:
        noun = noun.lower()
        plural = noun.endswith(("s", "men")) or noun in ("people", "children")
        return noun if plural else noun + "s"
    return {"cases": "cases", "population": "people", "prevalence estimate": "people"}.get(
        quantity, "cases" if quantity in ("investigations", "prosecutions") else "people"
    )


def _patterns() -> list[tuple[str, Caseless, str]]:
    """(quantity, pattern, cue): the pattern only runs on a sentence where its cue occurs."""
    built: list[tuple[str, Caseless, str]] = []
    for quantity, verb in _VERB_QUANTITIES:
        if quantity != "cases":
            # "convicted 300 perpetrators", "rescued more than 650 victims"
            # (not the noun the stem also opens: "prosecutions and investigated four cases")
            built.append((quantity, Caseless(
                rf"\b(?:{verb})(?<!ions)(?<!ments)"
                rf"(?:(?:\s*,|\s+and|\s+or)\s+{_CHAINED_VERB}){{0,3}}(?:\s+to)?"
                rf"\s+{_DETERMINER}{QUALIFIER}{NUMBER}\s+"
                rf"{_PEOPLE_FILLER}"
                rf"(?P<noun>{_PEOPLE})\b"), verb))
        # "44 perpetrators were convicted", "700 cases were reported" (not the whole a part
        # is taken from: "none of the 12 suspects was convicted", "three of the 12 ...")
        built.append((quantity, Caseless(
            rf"\b(?<!\d,)(?<!\d\.)(?<!of\sthe\s)(?<!of\sthese\s)(?<!of\sthose\s)"
            rf"{QUALIFIER}{NUMBER}\s+(?:of\s+(?:the|these|those)\s+{_NOT_A_YEAR}[0-9][0-9,]*\s+)?"
            rf"{_FILLER}(?P<noun>{_PEOPLE}){_ASIDE}"
            rf"\s+(?:(?:(?:were|was|are|is)\s+(?:\w+ly\s+)?being|were|was|have been|"
            rf"had been|are|being|got|had|have|has)\s+)?(?:\w+ly\s+)?(?:{verb})\b"
            rf"(?!\s+(?:of|that|as)\b)"),
            verb))
        if quantity == "cases":
            # "police had handled 134 trafficking cases"
            built.append((quantity, Caseless(
                rf"\b(?:{verb})\s+{QUALIFIER}{NUMBER}\s+{_FILLER}(?P<noun>cases)\b"),
                verb))
    for quantity, noun in _NOUN_QUANTITIES:
        # "the rescue of 14 girls"
        built.append((quantity, Caseless(
            rf"\b(?:{noun})\s+(?:of|against|for|into)\s+{QUALIFIER}{NUMBER}\s+{_FILLER}"
            rf"(?P<noun>{_PEOPLE})\b"),
            noun))
        # "11 convictions", "72 trafficking prosecutions"
        built.append((quantity, Caseless(
            rf"\b(?<!fewer\s)(?<!more\s){QUALIFIER}{NUMBER}\s+(?:[\w-]+\s+)?(?P<noun>{noun})\b"
            rf"(?!\s+than)"), noun))
    built.append(("prevalence estimate", Caseless(
        rf"\b{QUALIFIER}{NUMBER}\s+(?:(?P<noun>people|persons|individuals)\s+)?(?:(?:of|in)\s+[^,.;]"
        rf"{{0,50}}?\s+)?(?:[a-z]+\s+)?(?:are|were|is|was|live|living|remain)?\s*(?:trapped|held|living|"
        rf"enslaved|estimated\s+to\s+be)?\s*in\s+(?:modern(?:-day)?\s+)?(?:slavery|forced\s+"
        rf"labou?r|servitude)"), r"slavery|labou?r|servitude"))
    built.append(("population", Caseless(
        rf"[’']s\s+{NUMBER}\s+(?P<noun>people|inhabitants|citizens|residents)\b|"
        rf"\bpopulation\s+of\s+(?:about\s+|some\s+|around\s+)?(?P<number2>{_DIGITS})"),
        r"people|inhabitants|citizens|residents|population"))
    return built


_PATTERNS = _patterns()
_CUES = {cue: Caseless(cue) for _, _, cue in _PATTERNS}


_BREAKDOWN = compile_guarded(
    r"^\s*[:—–-]\s*|^\s*,\s*(?:including|of whom|among them)\s+"
)
_BREAKDOWN_ITEM = compile_guarded(
    rf"(?:,\s*|\s+and\s+)?(?P<number>{_DIGITS}|{_WORD_NUMBER})\s+(?P<what>(?:for|of|in|on|"
    rf"involving)\s+[^,;.]+?)(?=,|;|\.|$|\s+and\s+(?:\d|{_WORD}\b))",
    re.I,
)
_CONTINUATION = compile_guarded(
    rf"^(?P<gap>[^,.;\d]{{0,40}}?)\s*(?:,\s*)?and\s+{QUALIFIER}{NUMBER}\s+{_FILLER}"
    rf"(?P<noun>{_PEOPLE})\b",
    re.I,
)
_DIFFERENCE = Caseless(
    rf"\b{NUMBER}\s+(?P<direction>fewer|more|less)\s+(?:(?:[\w-]+\s+)?(?P<noun>convictions|"
    rf"prosecutions|investigations|arrests|cases|victims)\s+)?than\s+(?P<then>[^,.;]+)"
)
_RESTATED = Caseless(
    rf"\b(?:put|puts|placed|places|gave|gives|set|sets|counted|counts)\s+(?:the\s+|that\s+|"
    rf"this\s+)?(?:number|figure|total|count|tally)\s+at\s+(?:only\s+|just\s+)?{NUMBER}"
)
# "300 cases, far more than the 44 counted in the report": the report's value for the figure
# just stated, whoever asserts the rest of the sentence.
_RESTATED_IN_REPORT = Caseless(
    rf"\b(?:than|to|with|from|against|versus|not)\s+(?:the\s+|only\s+|just\s+|a\s+mere\s+)*"
    rf"{NUMBER}\s+(?:[\w-]+\s+){{0,2}}?(?:counted|cited|listed|recorded|reported|given|"
    rf"mentioned|stated|credited)\s+(?:in|by)\s+(?:the|its|this|that|[\w’']+[’']s)\s+"
    rf"(?:[\w.’'-]+\s+){{0,3}}?report\b"
)
_EARLIER = Caseless(
    rf"(?:\b(?:up|down|rising|falling|increasing|decreasing)\s+from|\(\s*from|compared\s+(?:with|to)|"
    rf"(?:an?\s+)?(?:increase|decrease|rise|drop|fall|decline)\s+from|"
    rf"against|versus)\s+"
    rf"{NUMBER}(?:\s+{_PEOPLE})?\s+(?P<then>(?:in\s+)?the\s+(?:year|period)\s+before|"
    rf"(?:in\s+|during\s+)?the\s+previous\s+"
    rf"(?:year|period|reporting\s+period)|a\s+year\s+(?:earlier|before)|last\s+year|in\s+20[0-9]{{2}}|"
    rf"(?:in\s+)?the\s+(?:prior|previous)\s+year[’']s\s+report|(?:in\s+)?the\s+prior\s+"
    rf"(?:year|period|reporting\s+period))"
)
# "300 victims were identified, up from 210": the earlier count with no period named.
_EARLIER_BARE = Caseless(
    rf"\b(?:up|down)\s+from\s+{NUMBER}(?:\s+{_PEOPLE})?(?=\s*(?:[,.;)]|$))"
)
_NOUN_TO_QUANTITY = {"convictions": "convictions", "prosecutions": "prosecutions",
                     "investigations": "investigations", "arrests": "arrests", "cases": "cases"}


# A sentence with none of the cues is skipped before any figure pattern runs: a quantity's
# verb or noun (``_ANY_LISTED_CUE``) or one of the words of ``_OTHER_CUE``.
_LISTED_CUES = frozenset(p for _, p in _VERB_QUANTITIES + _NOUN_QUANTITIES)
_ANY_LISTED_CUE = Caseless("|".join(f"(?:{cue})" for cue in sorted(_LISTED_CUES)))
_OTHER_CUE = Caseless(
    r"slavery|forced\s+labou?r|servitude|population|people|inhabitants|citizens|residents")
# Each pattern with the screen numbers of itself and of its cue: it runs only on a sentence
# that may hold both (``possible_patterns``).
_RUNS = [(quantity, pattern, tuple(n for n in (pattern.screened, _CUES[cue].screened)
                                   if n is not None))
         for quantity, pattern, cue in _PATTERNS]
# A sentence with no number is skipped: digits, a number word, or a word that a count stated
# without digits needs ("no", "any", "a", "first", "nobody"). The count of a figure pattern is
# in digits or starts with a number word, always at the start of a word ("44", "forty-four",
# "a dozen"): a sentence with none runs no figure pattern (``_WORD_COUNT``).
_DIGIT = compile_guarded(r"[0-9]")
_WORD_COUNT = Caseless(rf"\b{_WORD}|\ba\s+(?:hundred|thousand|dozen)")
_WHOLE_WORD_COUNT = Caseless(rf"\b{_WORD}\b|\ba\s+(?:hundred|thousand|dozen)\b")
_WORDLESS_COUNT = Caseless(
    r"\b(?:any|a\s+single|first|no|an?)\s|\b(?:anyone|anybody|nobody|none|no-one)\b")


def find_figures(sentence: Sentence) -> list[RawFigure]:
    """Every figure the sentence states, in order; offsets are absolute."""
    text = sentence.text
    lowered = fold(text)  # every case-insensitive pattern below runs folded (same matches)
    digits = _DIGIT.search(lowered) is not None
    counted = digits or _WORD_COUNT.search(lowered) is not None
    if not (digits or (counted and _WHOLE_WORD_COUNT.search(lowered))
            or _WORDLESS_COUNT.search(lowered)):
        return []
    if not (_ANY_LISTED_CUE.search(lowered) or _OTHER_CUE.search(lowered)):
        return []
    gated = lexicon.FAST_PATHS  # the plain way runs every pattern on every such sentence
    counted = counted or not gated
    found: list[RawFigure] = []
    taken: list[tuple[int, int]] = []

    def free(start: int, end: int) -> bool:
        return not any(s < end and start < e for s, e in taken)

    if counted:
        found.extend(_named_counts(sentence, taken, lowered))
        possible = possible_patterns(lowered)
        # a pattern cannot match where its cue or its own key words are not found
        runs = [(quantity, pattern) for quantity, pattern, numbers in _RUNS
                if not gated or possible.issuperset(numbers)]
    else:
        runs = []  # every pattern needs a count in digits or number words
    for quantity, pattern in runs:
        for match in pattern.finditer(text, lowered=lowered):
            # group texts of a folded match are lowercase: every use below ignores case
            group = "number" if match.group("number") else "number2"
            number_text = match.group(group)
            if number_text is None:
                continue
            value = parse_number(number_text)
            if value is None or not free(match.start(group), match.end(group)):
                continue
            if _YEAR.fullmatch(number_text) and quantity not in ("population",):
                continue  # a year, not a count
            qualifier = match.groupdict().get("qualifier")
            noun = match.groupdict().get("noun")
            unit = _unit_from(noun if noun and not _COUNT_NOUN.fullmatch(noun) else None,
                              quantity)
            taken.append((match.start(group), match.end(group)))
            figure = RawFigure(
                quantity, value, _qualifier(qualifier), unit,
                sentence.start + match.start(), sentence.start + match.end(),
            )
            found.append(figure)
            found.extend(_breakdown(sentence, figure, match.end(), taken))
            found.extend(_continuation(sentence, figure, match.end(), taken))
            found.extend(_series(sentence, figure, match.end(), taken))
    if counted:
        found.extend(_referring_back(sentence, taken, lowered))
    found.extend(_stated_without_digits(sentence, taken, lowered))
    # the patterns below all need a count (in digits or words); a difference and a value
    # restated need a figure before them too
    if counted and found:
        found.extend(_differences(sentence, found, lowered))
    if counted:
        found.extend(_compared_gerunds(sentence, found, taken, lowered))
    if counted and found:
        found.extend(_restated(sentence, found, taken, lowered))
    found.sort(key=lambda f: (f.start, f.end))
    return found


_YEAR = compile_guarded(r"(19|20)\d\d")
_SERIES_ITEM = compile_guarded(
    rf"^(?:\s*,\s*|\s+\(?)(?:(?:and|but|or)\s+)?(?:(?:less|more|fewer|lower|higher)\s+than\s+|"
    rf"compared\s+(?:with|to)\s+)?{NUMBER}(?:\s+{_PEOPLE})?\s+in\s+(?P<year>(?:19|20)[0-9]{{2}})\b"
    rf"\)?"  # (also "indicted 401 defendants (291 in 2020)")
)
_OWN_YEAR = compile_guarded(r"\s+(?:in|during)\s+(?:19|20)[0-9]{2}\b")
_PERSONS_ITEM = compile_guarded(
    rf"^\s+(?:involving|against)\s+{QUALIFIER}{NUMBER}\s+{_FILLER}(?P<noun>{_PEOPLE})\b", re.I)
_SUBSET_ITEM = compile_guarded(
    rf"^(?:\s*,\s*|\s+)(?:and\s+)?{NUMBER}\s+of\s+(?:these|them|whom)\b(?:\s+(?:were|had\s+been|"
    rf"was)\b)?(?P<what>[^,;.]{{0,80}})", re.I)


_STAGES = ("investigations", "arrests", "prosecutions", "convictions")
_SUBSET_VERB = compile_guarded(r"(?:\w+ly\s+)?([a-z]+)\b")


def _series(
    sentence: Sentence, figure: RawFigure, after: int, taken: list[tuple[int, int]]
) -> list[RawFigure]:
    """What follows a figure and counts the same thing: a run of other years ("39 in 2022,
    44 in 2021 and 38 in 2020"), the persons its cases involve ("392 investigations involving
    818 suspects") or a part of it ("263 victims were identified and 240 of these referred to
    shelters", kept as a breakdown)."""
    items: list[RawFigure] = []
    rest = sentence.text
    own_year = _OWN_YEAR.match(rest, after)
    cursor = own_year.end() if own_year else after
    while match := _SERIES_ITEM.match(rest[cursor:]):
        value = parse_number(match.group("number"))
        start, end = cursor + match.start("number"), cursor + match.end("number")
        if value is None or any(s < end and start < e for s, e in taken):
            break
        taken.append((start, end))
        items.append(RawFigure(figure.quantity, value, None, figure.unit, sentence.start + start,
                               sentence.start + cursor + match.end(),
                               period=match.group("year")))
        cursor += match.end()
    for pattern in (_PERSONS_ITEM, _SUBSET_ITEM):
        match = pattern.match(rest[after:])
        if not match:
            continue
        value = parse_number(match.group("number"))
        start, end = after + match.start("number"), after + match.end("number")
        if value is None or any(s < end and start < e for s, e in taken):
            continue
        taken.append((start, end))
        if pattern is _PERSONS_ITEM:
            items.append(RawFigure(figure.quantity, value, None,
                                   _unit_from(match.group("noun"), figure.quantity),
                                   sentence.start + start, sentence.start + after + match.end()))
        else:
            what = re.sub(r"\s+", " ", match.group("what")).strip() or "of these"
            verb = _SUBSET_VERB.match(what)
            counted = _quantity_of_verb(verb.group(1)) if verb else None
            if counted in _STAGES and counted != figure.quantity:
                # "1,327 suspects were investigated, 628 of them were prosecuted": the next
                # stage of the case counted (prosecutions), not a part of the investigations;
                # "240 of these referred to shelters" stays a part of the victims identified
                items.append(RawFigure(counted, value, None, figure.unit, sentence.start + start,
                                       sentence.start + after + match.end()))
                continue
            items.append(RawFigure(figure.quantity, value, None, figure.unit,
                                   sentence.start + start, sentence.start + after + match.end(),
                                   breakdown=what))
    return items


# Counts stated without digits: "did not report any convictions" (zero), "no prosecutions were
# initiated" (zero), "convicted a labor trafficker", "its first trafficking conviction" (one).
# "did not report any data on prosecutions" states no count: unknown is not zero.
_VERB_BASES: list[tuple[str, str]] = [
    (str(entry.value), entry.pattern) for entry in vocabulary("count_verbs").entries]
_COUNT_NOUNS: list[tuple[str, str]] = [
    (str(entry.value), entry.pattern) for entry in vocabulary("quantity_nouns").entries]
_VERB_BASE = "|".join(v for _, v in _VERB_BASES)
_NOUN_WORD = "|".join(n for _, n in _COUNT_NOUNS)
_NO_DATA = r"(?!(?:[\w-]+\s+){0,3}?(?:data|statistics|information|figures|numbers|details)\b)"
_NOUN_LIST = (rf"(?:{_NOUN_WORD})(?:\s*,\s*(?:or\s+|and\s+)?(?:{_NOUN_WORD})|"
              rf"\s+(?:or|and|nor)\s+(?:{_NOUN_WORD}))*")
# The negations a count of none follows: "did not convict", "has not yet prosecuted",
# "failed to identify", "without prosecuting" (then "any"/"a single" and what is counted).
_NEGATED = (r"(?:(?:did|does|do|has|have|had)\s+not|(?:did|does|do|has|have|had)n[’']t|"
            r"fail(?:ed|ing|s)?\s+to|(?:was|were)\s+unable\s+to|without)")
_NOT_ANY = Caseless(
    rf"\b{_NEGATED}\s+(?:(?:yet|again|otherwise|even)\s+)?"
    rf"(?P<verbs>(?:(?:report|initiate|begin|start)\s+)?(?:{_VERB_BASE})\w*(?:\s*,?\s*(?:or|and|nor)\s+"
    rf"(?:{_VERB_BASE})\w*)*|report|initiate|achieve|secure|obtain|record|conduct|open)"
    rf"\s+(?:(?:any|a\s+single)\s+{_NO_DATA}"
    rf"(?:new\s+)?(?:[\w-]+\s+){{0,3}}?(?P<noun>{_NOUN_LIST}|{_PEOPLE}|victims?|"
    rf"traffickers?|cases?|offen[cs]es|crimes)\b|(?P<anyone>anyone|anybody)\b)"
)
_NO_ONE = r"(?:no\s+one|no-one|nobody)"
_NO_COUNT = Caseless(
    rf"\b(?:reported|recorded|obtained|achieved|secured|initiated|there\s+were|with|and|but)\s+no\s+"
    rf"(?:new\s+)?(?:[\w-]+\s+)?(?P<noun>{_NOUN_WORD})\b|"
    rf"\bwithout\s+(?:any|a\s+single)\s+(?:new\s+)?(?:[\w-]+\s+)?(?P<noun3>{_NOUN_WORD})\b|"
    rf"\bno\s+(?:new\s+)?(?:[\w-]+\s+)?(?P<noun2>{_NOUN_WORD})\s+(?:were|was|have\s+been|"
    rf"had\s+been)\s+(?:\w+ly\s+)?(?:reported|recorded|obtained|achieved|secured|initiated|made)\b|"
    # "no trafficker was convicted", "no victims were identified": the verb names the count
    rf"\bno\s+(?:single\s+)?(?:[\w-]+\s+)?(?:{_PEOPLE}|traffickers?|victims?|[\w-]+{_ASIDE})\s+"
    rf"(?:was|were|has\s+been|have\s+been|had\s+been)\s+(?:\w+ly\s+)?(?P<verb>{_VERB_BASE})\w*\b|"
    # "no one had been convicted", "none of them was prosecuted"
    rf"\b(?:{_NO_ONE}|none(?:\s+of\s+(?:them|these|those|the\s+(?:[\w-]+\s+){{0,2}}?[\w-]+))?)\s+(?:was|were|has|have|"
    rf"had)\s+(?:(?:yet|ever|since)\s+)?(?:been\s+)?(?:\w+ly\s+)?(?P<verb2>{_VERB_BASE})\w*\b|"
    # "identified no victims", "convicted no one"
    rf"\b(?P<verb3>{_VERB_BASE})\w*\s+(?:no\s+(?:new\s+)?(?:[\w-]+\s+)?(?:{_PEOPLE}|traffickers?|"
    rf"victims?|cases?)|{_NO_ONE})\b"
)
_ONE_PERSON = (r"(?:trafficker|offender|perpetrator|suspect|defendant|victim|official|person|"
               r"individual|child|woman|girl|boy|man|officer|recruiter|employer|agent|"
               r"slaveholder|pimp)")
_ONE = Caseless(
    rf"\b(?P<verb>{_VERB_BASE})\w*(?:\s+and\s+\w+ed)?\s+(?:only\s+|just\s+)?(?P<number>a|an|one)\s+"
    rf"(?:single\s+)?"
    rf"(?:[\w-]+\s+){{0,2}}?{_ONE_PERSON}\b(?!\s+(?:of|who|whose|that)\b)|"
    rf"\b(?:the|its|their|a)\s+(?P<first>first)\s+(?:[\w-]+\s+){{0,2}}?"
    rf"(?P<noun>conviction|prosecution|investigation|arrest|indictment)\b(?!s)|"
    rf"\b(?P<article>an?|one)\s+(?:new\s+)?(?:[\w-]+\s+){{0,2}}?(?P<noun2>investigation|"
    rf"prosecution|indictment)\s+(?:was|had\s+been|has\s+been)\s+(?:\w+ly\s+)?(?:initiated|opened|"
    rf"launched|started|filed)\b"
)


# A count named before its number: a "Label: N" line of a list of key figures, "the report
# put the number of identified victims at 613", "convictions rose to 19". The label names the
# quantity by one of its nouns or verbs; a label that names none is no figure.
_NAMED_LABEL = Caseless(
    rf"(?:^|(?<=[-–•*;]\s)|(?<=[-–•*;]))\s*(?P<label>[a-z][^:;.•\d]{{2,60}}?)\s*:\s*"
    rf"{QUALIFIER}{NUMBER}(?=\s*(?:$|[-–•*;.,]|\n))"
)
_NUMBER_OF = Caseless(
    rf"\b(?:number|total|tally|count)\s+of\s+(?P<label>(?:[\w-]+\s+){{0,5}}?[\w-]+)\s+"
    rf"(?:(?P<verb>was|were|is|stood|rose|fell|dropped|increased|decreased|grew|climbed|declined|"
    rf"reached|totall?ed|came|amounted|jumped)\s+(?:at\s+|to\s+)?|at\s+){QUALIFIER}{NUMBER}\b"
)
_NOUN_RISES = Caseless(
    rf"\b(?P<label>(?:[\w-]+\s+)?(?:convictions|prosecutions|"
    rf"investigations|arrests|indictments|rescues|identifications))\s+(?:rose|fell|dropped|"
    rf"increased|decreased|grew|climbed|declined|jumped|totall?ed|numbered|reached|stood\s+at)"
    rf"\s+(?:\w+ly\s+)?(?:to\s+)?{QUALIFIER}{NUMBER}\b"
)
_LABEL_VERBS = [(quantity, compile_guarded(rf"\b(?:{verb})", re.I))
                for quantity, verb in _VERB_QUANTITIES]


_LABEL_UNIT = compile_guarded(rf"\b(?:{_PEOPLE}|victims?|cases?)\b", re.I)


def _label_quantity(label: str) -> str | None:
    """The quantity a label names: its count noun, else its first count verb with whom it
    counts ("victims identified"; "shelters" alone counts no one)."""
    noun = _COUNT_NOUN.search(label)
    if noun is not None:
        return _quantity_of_noun(noun.group(0))
    if not _LABEL_UNIT.search(label):
        return None
    for quantity, verb in _LABEL_VERBS:
        if verb.search(label):
            return quantity
    return None


def _named_counts(sentence: Sentence, taken: list[tuple[int, int]],
                  lowered: str) -> list[RawFigure]:
    """Counts whose quantity is named before the number (see ``_NAMED_LABEL``)."""
    found: list[RawFigure] = []
    text = sentence.text
    for pattern in (_NAMED_LABEL, _NUMBER_OF, _NOUN_RISES):
        for match in pattern.finditer(text, lowered=lowered):
            label = match.group("label")
            if pattern is _NUMBER_OF and not match.group("verb") and label.endswith("ed"):
                continue  # "the number of victims identified at 2 shelters": a place
            quantity = _label_quantity(label)
            number = match.group("number")
            value = parse_number(number)
            span = (match.start("number"), match.end("number"))
            if quantity is None or value is None or _YEARLIKE.fullmatch(number) or any(
                    s < span[1] and span[0] < e for s, e in taken):
                continue
            taken.append(span)
            found.append(RawFigure(quantity, value, _qualifier(match.group("qualifier")),
                                   _unit_from(None, quantity),
                                   sentence.start + match.start("label"),
                                   sentence.start + match.end(),
                                   listed=pattern is _NAMED_LABEL))
    return found


_YEARLIKE = compile_guarded(r"(?:19|20)\d\d")
# Counts that refer back to a set just named, their quantity given by the verb or noun:
# "prosecuted 12 suspects and convicted 11 of them", "convicting three", "the courts
# convicted 14.", "but only five were convicted", ", 628 of them were prosecuted", "four of
# which resulted in convictions".
_REFERRING_BACK = Caseless(
    rf"\b(?P<verb>{_VERB_BASE})\w*\s+{QUALIFIER}{NUMBER}(?:\s+of\s+(?:them|these|those|whom)\b|"
    rf"(?=\s*(?:[,.;:)]|$)|\s+(?:in|during|last|this|and|but|while|over)\b))|"
    rf"(?:^|[,;]\s*|\b(?:but|and|only|just|while|whereas|whom|which)\s+)(?:only\s+|just\s+)?"
    rf"(?P<number2>{_DIGITS}|{_WORD_NUMBER})\s+(?:of\s+(?:them|these|those|whom)\s+)?"
    rf"(?:were|was|had\s+been|have\s+been|"
    rf"has\s+been)\s+(?:\w+ly\s+)?(?P<verb2>{_VERB_BASE})\w*|"
    rf"\b(?P<number3>{_DIGITS}|{_WORD_NUMBER})\s+(?:of\s+(?:which|them|these|those)\s+)?"
    rf"(?:(?:have|had|has)\s+)?(?:resulted\s+in|led\s+to|ended\s+in|ended\s+with)\s+"
    rf"(?:an?\s+)?(?P<noun>{_NOUN_WORD})\b"
)


def _referring_back(sentence: Sentence, taken: list[tuple[int, int]],
                    lowered: str) -> list[RawFigure]:
    """Counts with no noun of their own (see ``_REFERRING_BACK``), each a figure of its own."""
    found: list[RawFigure] = []
    for match in _REFERRING_BACK.finditer(sentence.text, lowered=lowered):
        group = next(g for g in ("number", "number2", "number3") if match.group(g))
        verb = match.group("verb") or match.group("verb2")
        quantity = _quantity_of_verb(verb) if verb else _quantity_of_noun(match.group("noun"))
        number = match.group(group)
        value = parse_number(number)
        span = (match.start(group), match.end(group))
        if quantity is None or value is None or _YEARLIKE.fullmatch(number) or any(
                s < span[1] and span[0] < e for s, e in taken):
            continue
        taken.append(span)
        qualifier = _qualifier(match.group("qualifier")) if group == "number" else None
        found.append(RawFigure(quantity, value, qualifier,
                               _unit_from(None, quantity), sentence.start + match.start(group),
                               sentence.start + match.end()))
    return found


_LIST_SPLIT = compile_guarded(r"\s*,\s*(?:or\s+|and\s+)?|\s+(?:or|and|nor)\s+")


def _quantity_of_verb(verb: str) -> str | None:
    for quantity, bases in _VERB_BASES:
        if re.match(rf"(?:{bases})", verb, re.I):
            return quantity
    return None


def _quantity_of_noun(noun: str) -> str | None:
    for quantity, nouns in _COUNT_NOUNS:
        if re.fullmatch(rf"(?:{nouns})", noun, re.I):
            return quantity
    return None


def _stated_without_digits(sentence: Sentence, taken: list[tuple[int, int]],
                           lowered: str) -> list[RawFigure]:
    found: list[RawFigure] = []
    text = sentence.text

    def add(quantities: Sequence[str | None], value: int, start: int, end: int,
            unit: str | None) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        for quantity in dict.fromkeys(q for q in quantities if q is not None):
            found.append(RawFigure(quantity, value, None, unit or _unit_from(None, quantity),
                                   sentence.start + start, sentence.start + end))

    for match in _NOT_ANY.finditer(text, lowered=lowered):
        noun = match.group("noun") or "people"  # "did not convict anyone"
        nouns = [_quantity_of_noun(n) for n in _LIST_SPLIT.split(noun)]
        by_noun: list[str | None] = [q for q in nouns if q is not None]
        verbs = [v.split()[-1] for v in _LIST_SPLIT.split(match.group("verbs"))]
        quantities = by_noun or [_quantity_of_verb(v) for v in verbs]
        unit = None if by_noun else _unit_from(noun if noun.endswith("s") else noun + "s", "")
        add(quantities, 0, match.start(), match.end(), unit)
    for match in _NO_COUNT.finditer(text, lowered=lowered):
        noun = match.group("noun") or match.group("noun2") or match.group("noun3")
        verb = match.group("verb") or match.group("verb2") or match.group("verb3")
        add([_quantity_of_noun(noun) if noun else _quantity_of_verb(verb)], 0,
            match.start(), match.end(), None)
    for match in _ONE.finditer(text, lowered=lowered):
        if match.group("verb"):
            add([_quantity_of_verb(match.group("verb"))], 1, match.start(), match.end(), None)
        else:
            add([_quantity_of_noun(match.group("noun") or match.group("noun2"))], 1,
                match.start(), match.end(), None)
    return found


def _restated(sentence: Sentence, found: list[RawFigure],
              taken: list[tuple[int, int]], lowered: str) -> list[RawFigure]:
    """'52 convictions, while the report put the number at 38': another claimant's value for
    the figure just stated (same quantity, unit and period)."""
    restated: list[RawFigure] = []
    matches = [(match, False) for match in _RESTATED.finditer(sentence.text, lowered=lowered)]
    matches += [(match, True) for match in _RESTATED_IN_REPORT.finditer(sentence.text,
                                                                         lowered=lowered)]
    for match, in_report in sorted(matches, key=lambda item: item[0].start()):
        start = sentence.start + match.start()
        base = [f for f in found if f.start < start and not f.derived]
        value = parse_number(match.group("number"))
        span = (match.start("number"), match.end("number"))
        if not base or value is None or any(s < span[1] and span[0] < e for s, e in taken):
            continue
        taken.append(span)
        restated.append(RawFigure(base[-1].quantity, value, None, base[-1].unit, start,
                                  sentence.start + match.end(), restated=True,
                                  in_report=in_report))
    return restated


def _breakdown(
    sentence: Sentence, figure: RawFigure, after: int, taken: list[tuple[int, int]]
) -> list[RawFigure]:
    rest = sentence.text[after:]
    lead = _BREAKDOWN.match(rest)
    if not lead:
        return []
    items: list[RawFigure] = []
    cursor = lead.end()
    for item in _BREAKDOWN_ITEM.finditer(rest, cursor):
        if item.start() > cursor + 2:
            break
        value = parse_number(item.group("number"))
        if value is None:
            break
        start = after + item.start("number")
        taken.append((start, after + item.end("number")))
        items.append(RawFigure(
            figure.quantity, value, None, figure.unit, sentence.start + start,
            sentence.start + after + item.end(), breakdown=item.group("what").strip(),
        ))
        cursor = item.end()
    return items


def _continuation(
    sentence: Sentence, figure: RawFigure, after: int, taken: list[tuple[int, int]]
) -> list[RawFigure]:
    """'the rescue of 14 girls last June and 37 girls in March': the second count too."""
    match = _CONTINUATION.match(sentence.text[after:])
    if not match or re.search(r"\b(?:" + "|".join(v for _, v in _VERB_QUANTITIES) + r")\b",
                              match.group("gap"), re.I):
        return []
    value = parse_number(match.group("number"))
    start = after + match.start("number")
    if value is None or any(s < after + match.end("number") and start < e for s, e in taken):
        return []
    taken.append((start, after + match.end("number")))
    return [RawFigure(
        figure.quantity, value, _qualifier(match.group("qualifier")),
        _unit_from(match.group("noun"), figure.quantity), sentence.start + start,
        sentence.start + after + match.end(),
    )]


# "convicted four traffickers, compared with prosecuting 11 and convicting two in the previous
# year": the chapters' earlier counts, each named by its verb, without a noun after the number.
_GERUND_COMPARISON = Caseless(
    r"\b(?:compared\s+(?:with|to)|versus|against|up\s+from|down\s+from)\s+(?=[a-z]+ing\b)")
_GERUND_COUNT = Caseless(rf"\b(?P<verb>[a-z]+ing)\s+{QUALIFIER}{NUMBER}\b(?!\s*%)")


def _compared_gerunds(sentence: Sentence, found: list[RawFigure],
                      taken: list[tuple[int, int]], lowered: str) -> list[RawFigure]:
    compared: list[RawFigure] = []
    text = sentence.text
    for match in _GERUND_COMPARISON.finditer(text, lowered=lowered):
        stop = text.find(";", match.end())
        end = stop if stop >= 0 else len(text)
        for item in _GERUND_COUNT.finditer(text, match.end(), end, lowered=lowered):
            quantity = _quantity_of_verb(item.group("verb"))
            value = parse_number(item.group("number"))
            span = (item.start("number"), item.end("number"))
            if quantity is None or value is None or any(
                    a < span[1] and span[0] < b for a, b in taken):
                continue
            taken.append(span)
            same = [f for f in found if f.quantity == quantity and not f.derived]
            unit = same[-1].unit if same else _unit_from(None, quantity)
            compared.append(RawFigure(quantity, value, _qualifier(item.group("qualifier")), unit,
                                      sentence.start + item.start(), sentence.start + end,
                                      derived=True))
    return compared


def _differences(sentence: Sentence, found: list[RawFigure], lowered: str) -> list[RawFigure]:
    """'20 convictions, 16 fewer than the year before': the earlier period's count, derived
    (with no noun, "a dozen more than the previous year", of the figure just before)."""
    derived: list[RawFigure] = []
    for match in _DIFFERENCE.finditer(sentence.text, lowered=lowered):
        start = sentence.start + match.start()
        before = [f for f in found if f.start < start and not f.derived]
        noun = match.group("noun")
        quantity = (_NOUN_TO_QUANTITY.get(noun.lower()) if noun else
                    before[-1].quantity if before else None)
        difference = parse_number(match.group("number"))
        if quantity is None or difference is None:
            continue
        base = [f for f in found if f.quantity == quantity and f.start < start]
        if not base:
            continue
        anchor = base[-1]
        fewer = match.group("direction").lower() in ("fewer", "less")
        value = anchor.value + difference if fewer else anchor.value - difference
        if value < 0:
            continue
        derived.append(RawFigure(
            quantity, value, None, anchor.unit, start, sentence.start + match.end(),
            breakdown=None, derived=True,
        ))
    comparisons = list(_EARLIER.finditer(sentence.text, lowered=lowered))
    comparisons += [m for m in _EARLIER_BARE.finditer(sentence.text, lowered=lowered)
                    if not any(e.start() <= m.start() < e.end() for e in comparisons)]
    for match in comparisons:
        start = sentence.start + match.start()
        number = sentence.start + match.start("number")
        base = [f for f in found if f.start < start and not f.derived]
        earlier = parse_number(match.group("number"))
        if not base or earlier is None or any(f.start <= number < f.end for f in found):
            continue  # (a number another figure already reads: "compared with 267 in 2020")
        nearest = max(base, key=lambda f: f.start)  # the figure the comparison follows
        derived.append(RawFigure(
            nearest.quantity, earlier, None, nearest.unit, start,
            sentence.start + match.end(), breakdown=None, derived=True,
        ))
    return derived


_PERIOD = caseless(
    r"\b(?P<months>(?:January|February|March|April|May|June|July|August|September|October|"
    r"November|December)\s+20[0-4][0-9]\s*(?:to|through|until|[-–])\s*(?:January|February|March|"
    r"April|May|June|July|August|September|October|November|December)\s+20[0-4][0-9])\b|"
    r"\b(?P<range>(?:20[0-4][0-9])\s*[-–/]\s*(?:20)?[0-9][0-9])\b(?:\s+reporting\s+period)?|"
    r"\b(?:in|during|throughout|for)\s+(?:fiscal\s+year\s+|FY\s*)?(?P<year>20[0-4][0-9])\b|"
    r"\b(?P<relative>last\s+year|this\s+year|the\s+previous\s+year|the\s+year\s+before|"
    r"a\s+year\s+(?:earlier|before)|"
    r"(?:over\s+|in\s+|during\s+)?the\s+(?:past|last)\s+(?:\w+\s+)?(?:years?|months?)|"
    r"(?:during\s+|in\s+)?the\s+(?:current\s+|previous\s+|same\s+)?reporting\s+period|"
    r"the\s+same\s+period\s+before|last\s+(?:January|February|March|April|May|June|July|"
    r"August|September|October|November|December)|in\s+(?:January|February|March|April|May|"
    r"June|July|August|September|October|November|December))\b",
)


def _search_as_written(pattern: AsWritten, text: str) -> re.Match[str] | None:
    """``pattern.search(text)`` for a short text searched once (a piece of a sentence): the
    folded pattern finds the start, without the screen, which would cost more than it saves."""
    if lexicon.FAST_PATHS and pattern.folded is not None:
        found = pattern.folded.search(fold(text))
        if found is None:
            return None
        match = pattern.ignorecase.match(text, found.start())
        if match is not None and match.end() == found.end():
            return match
    return pattern.ignorecase.search(text)


def find_period(text: str, report_year: int | None) -> str | None:
    """The period a stretch of text gives a figure, normalised where the report year allows."""
    match = _search_as_written(_PERIOD, text)
    if not match:
        return None
    if match.group("months"):
        return re.sub(r"\s*(?:to|through|until|[-–])\s*(?=[A-Z])", " to ",
                      re.sub(r"\s+", " ", match.group("months")))
    if match.group("range"):
        return re.sub(r"\s+", "", match.group("range")).replace("–", "-")
    if match.group("year"):
        return match.group("year")
    relative = re.sub(r"\s+", " ", match.group("relative"))
    relative = re.sub(r"^(?:over|in|during) ", "", relative, flags=re.I)
    lowered = relative.lower()
    if lowered in ("the same period before", "the previous reporting period", "the period before",
                   "the previous period"):
        return "previous period"
    if report_year is not None and lowered in ("last year", "the previous year",
                                               "the year before", "a year earlier",
                                               "a year before"):
        return str(report_year - 1)
    return lowered if lowered.startswith(("the ", "last year", "this year", "a year")) else (
        relative)


# Where a sentence turns to another period: "..., compared with 74 in 2017", "up from 23".
_COMPARISON = compile_guarded(
    r",?\s*\b(?:compared\s+(?:with|to)|(?:an?\s+)?(?:increase|decrease|rise|drop|fall)\s+from|"
    r"up\s+from|down\s+from|versus|against|while|whereas)\b|;|\s\(from\b"
)
# The report's own country narrative: what it states without attribution, the report asserts.
_IT_SAID = compile_guarded(r"\bit\s+(?:said|says|stated|found|noted|added|adds)\b")
# (a chapter named in a text about the report is the report's: "But read the chapter.")
# A list's lead-in ("Highlights:") or one of its items ("- Convictions: 14"): the list goes on
# with the subject the sentence before it had
_LIST_PART = compile_guarded(r"[^.!?]{0,40}:$|" + LIST_ITEM_LINE)
_REPORT_SUBJECT = Caseless(r"\b(?:the|this|its)\s+(?:[\w.’'-]+\s+){0,4}?(?:report|chapter)\b")


_UNKNOWN = object()  # who asserts a sentence: not worked out yet
# A statement that speaks as "we" / "our" outside quotation marks is its author's voice: its
# unattributed figures are the body that opens it ("The Ministry ... rejects the report").
# So is a press release or statement that says what it is ("PRESS RELEASE", "Statement by
# the NGO X on ...") and is headed by the body issuing it ("MINISTRY OF JUSTICE").
_QUOTATION = compile_guarded(r"“[^”]*”|\"[^\"]*\"")
_FIRST_PERSON = compile_guarded(r"\b(?:[Ww]e|[Oo]ur|[Oo]urs|us)\b")
_VOICE_SENTENCES = 3
_STATEMENT_SENTENCES = 5
_HEADING_WORDS = 12
_VOICE_KINDS = ("government", "NGO", "international organisation")
_STATEMENT_MARK = compile_guarded(
    r"^\s*(?:PRESS\s+RELEASE|MEDIA\s+RELEASE|STATEMENT\b|GOVERNMENT\s+RESPONSE|"
    r"(?:Press|Media)\s+[Rr]elease|(?:Joint\s+)?Statement\b|Government\s+response)")
_LEADING_NAME = compile_guarded(
    r"(?:[A-Z][\w’'&.-]*(?:\s+|$)(?:(?:of|for|on|and|the|in|against|to|de|la|du|des|del)\s+)*)+")
_STATEMENT_BY = compile_guarded(
    r"^\s*(?:(?:Joint|Press|Public)\s+)?[Ss]tatement\s+(?:by|of|from)\s+(?:the\s+)?"
    r"(?P<who>.+?)(?:\s+(?:on|about|regarding|concerning|in\s+response\s+to)\s.*)?$")


# A headline naming the issuer of a statement after it: "... - Open Door Foundation statement"
_TITLED_STATEMENT = compile_guarded(
    r"\s[-–—|:]\s+(?:the\s+)?(?P<who>[A-Z][\w’'&.-]*(?:\s+(?:(?:of|for|on|and|the|against|to)\s+)*"
    r"[A-Z][\w’'&.-]*){0,7})\s+(?:[Ss]tatement|[Pp]ress\s+[Rr]elease|[Mm]edia\s+[Rr]elease)\b")


def _is_statement(sentences: list[Sentence]) -> bool:
    """Whether the text says it is a press release or statement in its opening lines."""
    return any(_STATEMENT_MARK.match(sentence.text) for sentence in sentences[:_STATEMENT_SENTENCES]
               ) or bool(sentences and _TITLED_STATEMENT.search(sentences[0].text))


def _document_voice(text: str, sentences: list[Sentence]) -> tuple[str, str] | None:
    # "we" outside quotations is "we" in the text: the quotations are taken out only then
    first_person = bool(_FIRST_PERSON.search(text)
                        and _FIRST_PERSON.search(_QUOTATION.sub(" ", text)))
    opening = sentences[:_STATEMENT_SENTENCES]
    statement = _is_statement(sentences)
    if not (first_person or statement):
        return None
    for sentence in opening[: _STATEMENT_SENTENCES if statement else _VOICE_SENTENCES]:
        by = _STATEMENT_BY.match(sentence.text) or (
            _TITLED_STATEMENT.search(sentence.text) if sentence.index == 0 else None)
        if by is not None and kind_of(by.group("who")) in _VOICE_KINDS:
            return by.group("who").strip(), kind_of(by.group("who"))
        found = sentence_source(sentence, None, False)
        if found is not None and found[1] in _VOICE_KINDS:
            return found
        if statement and len(sentence.text.split()) <= _HEADING_WORDS:
            # the heading naming the issuer: "Ministry of Justice, Republic of X"
            heading = sentence.text.split(",")[0].strip()
            heading = heading.title() if heading.isupper() else heading
            named = _LEADING_NAME.match(heading)  # "Ministry of X welcomes ...": the name
            name = named.group(0).strip() if named else heading
            if kind_of(name) in _VOICE_KINDS:
                return name, kind_of(name)
    return None


# A sentence that says only that what was said is wrong ("This is inaccurate.") ends the
# claimant carried over: what follows is no longer the report's (or anyone's before).
_REBUTTAL = Caseless("|".join(f"(?:{entry.pattern})" for entry in vocabulary("stance").entries
                              if entry.note == "rebuttal"))


def _quoted_at(text: str, position: int) -> bool:
    """Whether a quotation opened in the paragraph is still open at ``position``."""
    start = text.rfind("\n\n", 0, position) + 1
    before = text[start:position]
    return before.count("“") > before.count("”") or before.count('"') % 2 == 1


class _Document:
    """What the attribution of figures reads of the whole text, each worked out once and only
    when a sentence of figures first needs it (a text without figures needs none of it)."""

    def __init__(self, text: str, sentences: list[Sentence]) -> None:
        self.text = text
        self.sentences = sentences

    @cached_property
    def _wording(self) -> list[Hit]:
        return list(_CHAPTER_WORDING.finditer(self.text))

    @cached_property
    def narrative(self) -> bool:
        """The text is (or copies) the report's own country narrative: its wording stands
        outside quotation marks (a news story quoting "does not fully comply with the
        minimum standards" is not a chapter)."""
        return any(hit.value == "chapter" and not _quoted_at(self.text, hit.start)
                   for hit in self._wording)

    @cached_property
    def idiom_paragraphs(self) -> set[int]:
        """The paragraphs in the report's idiom, in a text that names the report."""
        if not (self.narrative or _REPORT_NAMED.search(self.text)):
            return set()
        return _paragraphs_of(self.sentences,
                              [hit for hit in self._wording if hit.value == "paragraph"])

    @cached_property
    def captions(self) -> set[int]:
        return _paragraphs_of(self.sentences, _CAPTIONS.finditer(self.text))

    @cached_property
    def abbreviations(self) -> dict[str, str]:
        return _abbreviations(self.text)

    @cached_property
    def voice(self) -> tuple[str, str] | None:
        return _document_voice(self.text, self.sentences)

    @cached_property
    def statement(self) -> bool:
        """The text has a voice and says it is a press release or statement."""
        return self.voice is not None and _is_statement(self.sentences)


def attribute_figures(context: DocumentContext, tracker: SpeakerTracker) -> list[Figure]:
    """Every figure of the text with its claimant, period and country, sentence by sentence
    (the tracker follows who speaks). The context's countries, as mentions and adjectives, are
    where figures go; its main country and report year settle the rest."""
    text, sentences, mentions = context.text, context.sentences, context.pointers
    main, report_year = context.main, context.report_year
    figures: list[Figure] = []
    starts = [m.start for m in mentions]  # sorted: a sentence's mentions by bisection
    document = _Document(text, sentences)
    previous: tuple[int, tuple[str, str] | None, str | None] | None = None
    stated_last: tuple[int, int, tuple[str, str], bool] | None = None
    report_subject = False
    quoted = False  # a quotation is open
    quoting_report = False  # ... and the report is said to make it
    # Who asserts a sentence is worked out only where it is needed (a sentence of figures, a
    # quotation that opens, a claimant carried on): the sentences without figures wait here,
    # newest last, until one is needed; the newest that names someone is the one carried.
    waiting: list[tuple[Sentence, Speaker | None, bool, object]] = []

    def carried() -> tuple[int, int, tuple[str, str], bool] | None:
        nonlocal stated_last
        while waiting:
            said, said_by, subject, known = waiting.pop()
            found = sentence_source(said, said_by, subject) if known is _UNKNOWN else known
            if found is not None:
                stated_last = (said.index, said.paragraph, cast("tuple[str, str]", found), False)
                waiting.clear()
        return stated_last

    for sentence in sentences:
        speaker = tracker.read(sentence)
        raw = find_figures(sentence)
        if _LIST_PART.match(sentence.text) and (last := carried()) is not None and (
                sentence.index - last[0] <= CARRY_SENTENCES):
            # a list's lead-in and items go on with the claimant the list follows ("The
            # report finds ... Key findings: - Investigations: police investigated 102 ...")
            stated_last = (sentence.index, sentence.paragraph, last[2], True)
        subject_before = report_subject
        known: object = _UNKNOWN
        report_subject = bool(_REPORT_SUBJECT.search(sentence.text)) or (
            report_subject and (bool(_IT_SAID.search(sentence.text)) or _LIST_PART.match(
                sentence.text) is not None)
        )
        quoted_after = _inside_quotation_after(sentence.text, quoted)
        opens_quote = quoted_after and not (quoted and quoting_report)
        introduced = opens_quote and (
            _REPORT_INTRODUCES.search(_before_last_quote(sentence.text)) is not None)
        in_report_quote = quoting_report or introduced
        opener: tuple[str, str] | None = None
        if opens_quote:
            known = sentence_source(sentence, speaker, subject_before)
            if known is None and not introduced:
                known = _closing_attribution(sentences, sentence.index)
            opener = cast("tuple[str, str] | None", known)
            if opener is None and _IT_SAID.search(sentence.text):
                last = carried()
                if last is not None:
                    opener = last[2]  # "it adds": the source named last
        source: tuple[str, str] | None = None
        if not raw and _REBUTTAL.search(sentence.text) and sentence_source(
                sentence, speaker, subject_before) is None:
            waiting.clear()  # "This is inaccurate.": nothing said before carries on
            stated_last = None
        elif not raw:
            waiting.append((sentence, speaker, subject_before, known))
        elif in_report_quote:
            source = ("TIP report", "TIP report")
            evidence = "inside the report's quotation"
        else:
            if known is _UNKNOWN:
                known = sentence_source(sentence, speaker, subject_before)
            caption = sentence.paragraph in document.captions
            # a sentence that names its source (not a caption's) takes nothing carried on: the
            # waiting sentences are not worked out (and are dropped below all the same)
            last = carried() if known is None or caption else stated_last
            source, evidence = _attribution(
                sentence, cast("tuple[str, str] | None", known), last, document.narrative,
                sentence.paragraph in document.idiom_paragraphs, caption)
            if source is None and evidence == "attributed to no one" and subject_before and all(
                    figure.listed for figure in raw):
                # "... published this summary of the 2022 report. Key figures: - Prosecutions: 61"
                source, evidence = ("TIP report", "TIP report"), "a figure list after the report"
            if (evidence == "attributed to no one" or (
                    evidence == "chapter wording in a text about the report" and document.statement)
                    or (evidence == "attribution carried from the sentence before"
                        and _FIRST_PERSON.search(_QUOTATION.sub(" ", sentence.text)))) and (
                    document.voice is not None):
                # "In 2023 our teams supported 96 victims": the author speaks, whoever the
                # sentence before quoted
                source, evidence = document.voice, "the statement's own voice"
            opener = opener or source
        if opens_quote:
            # 'It adds "The government did not ...', 'the report was damning: "...': what
            # follows is the report's
            quoting_report = introduced or (opener is not None and opener[1] == "TIP report")
        elif not quoted_after:
            quoting_report = False
        quoted = quoted_after
        if not raw:
            continue
        if source is not None:
            stated_last = (sentence.index, sentence.paragraph, source, True)
            waiting.clear()
        inherited = previous is not None and previous[0] == sentence.index - 1
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
        in_sentence = [m for m in mentions[bisect_left(starts, sentence.start):
                                           bisect_left(starts, sentence.end)] if not m.issuer]
        base_period: str | None = None
        previous_end = sentence.start
        for figure in raw:
            if figure.quantity == "prevalence estimate" and not in_sentence:
                continue  # a world or regional estimate, not a country's
            period: str | None
            boundary = _COMPARISON.search(text, figure.end, sentence.end)
            following = min([boundary.start() if boundary else sentence.end,
                             *(f.start for f in raw if f.derived and f.start >= figure.end)])
            if figure.period is not None:
                period = figure.period
            elif figure.restated:
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
            country = _figure_country(text, in_sentence, figure.start, main)
            clause = (("TIP report", "TIP report") if figure.in_report
                      else _clause_source(sentence, figure.start))
            counted = evidence
            if clause is not None:
                counted = "attributed in its clause"
            elif evidence != "attributed in the sentence":
                clause = _counting_body(text, sentence.start, figure.start, document)
                counted = "counted by the body named" if clause else evidence
            figures.append(_figure(
                figure, country, period, _expanded(clause or source, document),
                counted, sentence))
        previous = (sentence.index, source, sentence_period)
    return _merge_repeats(figures)


# "NGOs identified 162 child victims": a count an NGO or international organisation made is
# theirs (where no one is said to state the sentence), as the report credits it to them.
_COUNTING_BODY = compile_guarded(
    r"(?:^|[,;]\s+|\band\s+)(?:the\s+)?(?P<org>(?:(?:an?|one|another|several|some|local|foreign|"
    r"international|religious|faith-based)\s+)*(?:NGOs?|non-?governmental\s+organi[sz]ations?|"
    r"civil\s+society\s+(?:organi[sz]ations|groups)|international\s+organi[sz]ations?))\s+"
    r"(?:also\s+|reportedly\s+|jointly\s+)?$", re.I)
# "MWSN's two drop-in centres in Colombo assisted 112 workers": a count made by a body's own
# services is the body's
_OWN_SERVICES = compile_guarded(
    r"(?:^|[,;]\s+|\band\s+|\b[Ii]n\s+[^,]{1,40},\s+)(?:the\s+)?(?P<org>[A-Z][\w&.-]*(?:\s+[A-Z][\w&.-]*){0,5})"
    r"[’']s\s+(?:own\s+)?(?:[\w-]+\s+){0,3}?(?:centres?|centers?|shelters?|caseworkers|staff|"
    r"teams?|hotlines?|clinics?|outreach\s+workers|lawyers|volunteers|programmes?|programs?)"
    r"(?:\s+in\s+[A-Z][\w-]*(?:(?:,\s+|\s+and\s+)[A-Z][\w-]*)*)?\s+(?:also\s+|together\s+)?$")


def _counting_body(text: str, sentence_start: int, position: int,
                   document: _Document) -> tuple[str, str] | None:
    """The NGO or international organisation whose count opens at ``position``, if any."""
    before = text[sentence_start:position]
    found = _COUNTING_BODY.search(before) or _OWN_SERVICES.search(before)
    if found is None:
        return None
    name = found.group("org")
    named = _expanded((name, kind_of(name)), document)
    return named if named and named[1] in ("NGO", "international organisation") else None


# "the Inter-Agency Council Against Trafficking (IACAT)": a body named once in full, then by
# its letters; the full name tells what kind of source the letters are.
_DEFINED_ABBREVIATION = compile_guarded(
    r"(?P<full>(?:[A-Z][\w’'-]*\s+(?:(?:of|for|on|and|the|against|to|in)\s+)*){1,8})"
    r"\((?P<abbr>[A-Z]{2,8})\)")


_LETTERS_IN_BRACKETS = compile_guarded(r"\([A-Z]{2,8}\)")


def _abbreviations(text: str) -> dict[str, str]:
    """Each abbreviation the text defines, with the full name it stands for (none without
    letters in brackets, which every definition ends with)."""
    if not _LETTERS_IN_BRACKETS.search(text):
        return {}
    return {match.group("abbr"): match.group("full").strip()
            for match in _DEFINED_ABBREVIATION.finditer(text)}


def _expanded(source: tuple[str, str] | None,
              document: _Document) -> tuple[str, str] | None:
    """A claimant known by letters the text defined gets the kind of its full name, also
    where the letters are part of it ("Julie Okah-Donli (NAPTIP's Director-General)")."""
    if source is None or source[1] != "other source" or not document.abbreviations:
        return source
    abbreviations = document.abbreviations
    full = abbreviations.get(source[0])
    if full is None:
        full = next((abbreviations[word] for word in _CAPITAL_WORD.findall(source[0])
                     if word in abbreviations), None)
    kind = kind_of(full) if full is not None else "other source"
    return (source[0], kind) if kind != "other source" else source


_CAPITAL_WORD = compile_guarded(r"\b[A-Z]{2,8}\b")


# The words just before a quotation that give it to the report: "the report was damning:",
# "the report said,", "it adds".
_REPORT_INTRODUCES = Caseless(
    r"(?:\b(?:the|this|its)\s+(?:[\w.’'-]+\s+){0,4}?report\b[^.“”\"]{0,40}[:,]|"
    r"\bit\s+(?:said|says|stated|adds|added|notes|noted|found|finds))\s*$")


_QUOTE_REACH = 3  # sentences a quotation may run on before its '..., the official said'


def _closing_attribution(sentences: list[Sentence], index: int) -> tuple[str, str] | None:
    """Who a quotation that opens in sentence ``index`` and closes in one of the next few is
    attributed to after it closes ('"... 14 of them. These are not ...," the official said')."""
    inside = True
    for following in sentences[index + 1 : index + 1 + _QUOTE_REACH]:
        inside = _inside_quotation_after(following.text, inside)
        if not inside:
            cut = max(following.text.rfind("”"), following.text.rfind('"'))
            tail = following.text[cut + 1 :] if cut >= 0 else ""
            if not tail.strip(" ,.;"):
                return None
            return sentence_source(
                Sentence(following.index, following.start + cut + 1, following.end, tail,
                         following.paragraph), None, False)
    return None


def _before_last_quote(text: str) -> str:
    """The 100 characters before the sentence's last opening quotation mark."""
    cut = max(text.rfind("“"), text.rfind('"'))
    return text[max(0, cut - 100) : max(cut, 0)]


_QUOTE_MARK = compile_guarded(r'[“”"]')


def _inside_quotation_after(text: str, inside: bool) -> bool:
    """Whether a quotation is open at the end of ``text`` when one was open at its start
    (curly quotes open and close; a straight quote toggles)."""
    if '"' not in text and "“" not in text and "”" not in text:
        return inside  # most sentences quote no one
    for found in _QUOTE_MARK.finditer(text):
        char = found.group(0)
        if char == "“":
            inside = True
        elif char == "”":
            inside = False
        elif char == '"':
            inside = not inside
    return inside


# A country adjective names the figure's country when it qualifies the counting body
# ("Nepali police arrested 30"), not when it describes the victims ("30 Vietnamese girls").
_BODY_AFTER_ADJECTIVE = compile_guarded(
    r"\s+(?:(?:law\s+enforcement|border|immigration|labou?r)\s+)?(?:police|government|"
    r"authorities|officials|officers|courts?|prosecutors|judiciary|ministry|investigators)\b",
    re.I)


def _figure_country(text: str, in_sentence: list[Mention], position: int,
                    main: str | None) -> str | None:
    """The country a figure belongs to: the last country named before it in its sentence
    (the subject that did the counting, wherever it stands in the sentence), else the
    document's main country; never simply the most mentioned one."""
    for mention in reversed(in_sentence):
        if mention.start >= position:
            continue
        if mention.adjective and not _BODY_AFTER_ADJECTIVE.match(text, mention.end):
            continue
        return mention.code
    return main


_CONTRAST = compile_guarded(r",?\s*\b(?:while|whereas|but|although|though)\b|;")
_FRONTED = compile_guarded(r"(?:^|\bthat)\s*$")


def _clause_source(sentence: Sentence, position: int) -> tuple[str, str] | None:
    """Who asserts the clause holding ``position`` when a sentence sets two claimants against
    each other ("the ministry said 52, while the report put it at 38"); None otherwise."""
    cuts: list[int] = []
    for contrast in _CONTRAST.finditer(sentence.text):
        cuts.append(contrast.start())
        if _FRONTED.search(sentence.text, 0, contrast.start()) and (
                comma := sentence.text.find(",", contrast.end())) > 0:
            # "It says that while the government reported more cases, convictions fell to
            # 31": the subordinate clause ends at its comma, the main clause is the sentence's
            cuts.append(comma)
    if not cuts:
        return None
    bounds = [0, *sorted(cuts), len(sentence.text)]
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


# What a figure's confidence rests on, by name: the weight of the evidence that gave its
# claimant, lowered to the weight of a derivation where the count is computed.
EVIDENCE: dict[str, float] = {
    "attributed in the sentence": 0.9,
    "attributed in its clause": 0.9,
    "attribution carried from the sentence before": 0.75,
    "the report's own chapter prose": 0.85,
    "inside the report's quotation": 0.85,
    "chapter wording in a text about the report": 0.8,
    "caption": 0.6,
    "attributed to no one": 0.6,
    "the statement's own voice": 0.7,
    "a figure list after the report": 0.7,
    "counted by the body named": 0.7,
    "derived from another figure": 0.7,
}
# Sentences the report's attribution carries over ("The report said ... In 2019, police
# initiated ..."); another claimant's carries to the next sentence only, when that is in the
# same paragraph or follows a sentence of figures (a hard-wrapped statement).
CARRY_SENTENCES = 2
_CHAPTER_WORDING = vocabulary("chapter_wording")
_CAPTIONS = vocabulary("captions")
_REPORT_NAMED = compile_guarded(
    r"\bTrafficking\s+in\s+Persons\s+(?:\(TIP\)\s+)?Report\b|\bTIP\s+report\b", re.I)


def _paragraphs_of(sentences: list[Sentence], hits: Iterable[Hit]) -> set[int]:
    """The paragraphs the hits fall in (the hits come from one pass over the whole text)."""
    starts = [s.start for s in sentences]
    found: set[int] = set()
    for hit in hits:
        index = bisect_right(starts, hit.start) - 1
        if index >= 0:
            found.add(sentences[index].paragraph)
    return found


# The government the report writes about, named as the report names it (not a ministry).
_GENERIC_GOVERNMENT = compile_guarded(
    r"(?:the\s+)?(?:government|officials|authorities|police|law\s+enforcement)", re.I)


def _attribution(
    sentence: Sentence,
    stated: tuple[str, str] | None,
    stated_last: tuple[int, int, tuple[str, str], bool] | None,
    narrative: bool,
    chapter_wording: bool,
    caption: bool,
) -> tuple[tuple[str, str] | None, str]:
    """Who asserts the figures of a sentence, and the evidence for it, in order of strength:
    a caption is the newspaper's; the sentence's own attribution; one carried from the
    sentences just before; the report's chapter prose; else no one ("article")."""
    if caption:
        return None, "caption"
    if stated is not None and narrative and stated[1] == "government" and (
            _GENERIC_GOVERNMENT.fullmatch(stated[0])):
        # "The government reported investigating 27 cases" in a chapter: the report's words
        return ("TIP report", "TIP report"), "the report's own chapter prose"
    if stated is not None:
        return stated, "attributed in the sentence"
    if stated_last is not None and (
        sentence.index - stated_last[0] <= CARRY_SENTENCES
        if stated_last[2][1] == "TIP report"
        else sentence.index - stated_last[0] == 1
        and (sentence.paragraph == stated_last[1] or stated_last[3])
    ):
        if narrative and stated_last[2][1] == "government" and (
                _GENERIC_GOVERNMENT.fullmatch(stated_last[2][0])):
            return ("TIP report", "TIP report"), "the report's own chapter prose"
        return stated_last[2], "attribution carried from the sentence before"
    if narrative:
        return ("TIP report", "TIP report"), "the report's own chapter prose"
    if chapter_wording:
        return ("TIP report", "TIP report"), "chapter wording in a text about the report"
    return None, "attributed to no one"


def _figure(
    raw: RawFigure,
    country: str | None,
    period: str | None,
    source: tuple[str, str] | None,
    evidence: str,
    sentence: Sentence,
) -> Figure:
    claimant, kind = source if source is not None else ("article", "article")
    if raw.quantity == "population" or source is None:
        claimant, kind = "article", "article"
        evidence = evidence if source is None and evidence == "caption" else (
            "attributed to no one")
    reasons = [evidence]
    confidence = EVIDENCE[evidence]
    if raw.derived:
        reasons.append("derived from another figure")
        confidence = min(confidence, EVIDENCE["derived from another figure"])
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
        reasons=tuple(reasons),
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
