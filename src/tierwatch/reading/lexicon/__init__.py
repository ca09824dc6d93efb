"""The reader's vocabulary as data: one YAML file per kind of wording, compiled once.

Each file is a list of entries. An entry has an ``id`` (unique in its file), a ``pattern``
(a regular expression without capturing groups, matched case-insensitively unless the entry
says ``case_sensitive: true``) and, where the kind needs one, a ``value`` (the tier named, the
direction of a move, the status of a claim, ...) and a ``weight``. Every entry is exercised by
at least one case under ``tests/reading/cases`` (text in, expected claim out), so adding a
phrasing is one data line and one case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property, lru_cache
from importlib import resources
from typing import Any

import ahocorasick
import yaml

try:  # the standard library's own regular-expression parser (3.11+: re._parser)
    import re._compiler as _compiler
    import re._constants as _constants
    import re._parser as _parser
except ImportError:  # pragma: no cover
    import sre_parse as _parser
    _compiler = None

from tierwatch.errors import InvalidInputError


@dataclass(frozen=True, slots=True)
class Entry:
    """One wording of a vocabulary."""

    vocabulary: str
    id: str
    pattern: str  # as matched: a ``case_sensitive`` entry's own pattern inside ``(?-i:...)``
    value: str | None
    weight: float | None
    note: str | None
    case_sensitive: bool = False

    @property
    def folded_literals(self) -> Literals | None:
        """What the folded text holds wherever the entry matches (``required_literals``; a
        case-sensitive entry's literals folded): None when that cannot be told."""
        if self.case_sensitive:
            literals = required_literals(self.pattern[len("(?-i:") : -1])
            return None if literals is None else tuple(
                tuple(frozenset(fold(word) for word in group) for group in conjunction)
                for conjunction in literals)
        folded = fold_pattern(self.pattern)
        return None if folded is None else required_literals(folded)


@dataclass(frozen=True, slots=True)
class Hit:
    """Where an entry matched."""

    entry: Entry
    start: int
    end: int

    @property
    def value(self) -> str | None:
        return self.entry.value


# Case folding. Python's re is several times slower with IGNORECASE than without, so a
# case-insensitive pattern whose own source can be lowercased (no inline case flags, no
# character given by code) also runs as a case-sensitive pattern on the lowercased text: the
# same matches at the same offsets (``fold`` keeps every character in place). Patterns are
# also skipped on a text lacking the words their matches must contain (``required_literals``).
# ``FAST_PATHS = False`` turns both off, for the test that both ways read the same claims.
FAST_PATHS = True
_NOT_FOLDABLE_ESCAPES = frozenset("xuUN0123456789")


# Letters that IGNORECASE takes for an ASCII letter other than their lower case ('İ' and 'ı' are
# 'i' to it, 'ſ' is 's'): folded to that letter, so that a folded pattern matches them as the
# pattern does with IGNORECASE.
_AS_IGNORECASE_READS = str.maketrans({"İ": "i", "ı": "i", "ſ": "s"})


@lru_cache(maxsize=32)
def fold(text: str) -> str:
    """``text`` in lower case, character for character, as IGNORECASE compares letters (a
    character whose lower case is longer, such as 'İ', stays one character, so offsets hold).
    Cached: a stage that searches a window of the whole text sentence by sentence folds the
    text once, not once per sentence."""
    lowered = text.lower()
    if text.isascii():
        return lowered
    if len(lowered) != len(text):
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return lowered.translate(_AS_IGNORECASE_READS)


def fold_pattern(pattern: str) -> str | None:
    """The source of a case-insensitive pattern as a lowercase pattern for folded text, or
    None where that cannot be done safely (inline case flags, characters given by code)."""
    out: list[str] = []
    index, size = 0, len(pattern)
    while index < size:
        char = pattern[index]
        if char == "\\":
            following = pattern[index + 1 : index + 2]
            if following in _NOT_FOLDABLE_ESCAPES:
                return None
            out.append(pattern[index : index + 2])
            index += 2
            continue
        if pattern.startswith(("(?P<", "(?P="), index):
            close = pattern.find(">" if pattern[index + 3] == "<" else ")", index)
            if close < 0:
                return None
            out.append(pattern[index : close + 1])
            index = close + 1
            continue
        if pattern.startswith("(?", index) and pattern[index + 2 : index + 3] in set("aiLmsux-"):
            stop = index + 2
            while stop < size and pattern[stop] in "aiLmsux-":
                stop += 1
            if "i" in pattern[index + 2 : stop] or "L" in pattern[index + 2 : stop]:
                return None
            out.append(pattern[index:stop])
            index = stop
            continue
        out.append(char.lower())
        index += 1
    return "".join(out)


def _guarded(pattern: str, flags: int) -> str:
    """``pattern`` behind a lookahead on the characters a match can start with, when that can
    be told: positions no match can start at are skipped at once (same matches)."""
    starts = _first_characters(pattern, flags)
    if not starts:
        return pattern
    return "(?=[" + "".join(_in_class(c) for c in sorted(starts)) + "])(?:" + pattern + ")"


def compile_guarded(pattern: str, flags: int = 0, register: bool = True) -> re.Pattern[str]:
    """A pattern compiled so that positions no match can start at are skipped fast: in the
    prefix form when it has one (``prefixed``), else behind its first-character guard (see
    ``_guarded``). Either way the same matches as ``re.compile(pattern, flags)``."""
    compiled = prefixed(pattern, flags)
    if compiled is None:
        compiled = re.compile(_guarded(pattern, flags), flags)
    if register:
        COMPILED.append((pattern, flags, compiled))
    return compiled


# Every pattern compiled here with its source, so that a test can check each fast form
# against the plain ``re.compile`` of its source on real texts.
COMPILED: list[tuple[str, int, re.Pattern[str]]] = []


# The prefix form. Python's re finds where a match can start fast (a scan in C) only when
# the pattern opens with a literal, a character class or alternatives that each open with a
# literal; a pattern that opens with ``\b`` (most of the vocabulary) or with a lookahead
# guard is instead tried at every position, several times slower. ``\b`` before a word
# character c is the same test as "no word character before c", which can be made after c:
# ``\bleak`` is ``l(?<!\w.)eak``. ``prefixed`` moves each opening ``\b`` behind the first
# character that way (through groups and into every alternative; alternatives opening with
# alternatives are spread out, order kept) and compiles the result when Python's compiler
# then finds a literal or character-set prefix in it; otherwise None.
_WORD_CHARACTER = re.compile(r"\w")


def prefixed(pattern: str, flags: int = 0) -> re.Pattern[str] | None:
    """``pattern`` compiled in its prefix form (same matches), or None where it has none."""
    if flags & (re.I | re.DEBUG) or _compiler is None:
        return None
    try:
        tree = _parser.parse(pattern, flags)
        opened = _opening(list(tree.data), tree.state, False)
        if opened is None:
            return None
        tree.data = opened
        if tree.getwidth()[0] == 0:
            return None  # a pattern that can match empty gets no prefix either way
        if not (_compiler._get_literal_prefix(tree, flags)[0]
                or _compiler._get_charset_prefix(tree, flags)):
            return None
        return _compiler.compile(tree, flags)
    except (re.error, AttributeError, TypeError, ValueError):  # pragma: no cover
        return None  # the standard library's internals changed: the plain way


def _no_word_before(state: Any) -> tuple[Any, Any]:
    r"""``(?<!\w.)`` right after a character: no word character stands before it."""
    return (_constants.ASSERT_NOT, (-1, _parser.SubPattern(state, [
        (_constants.IN, [(_constants.CATEGORY, _constants.CATEGORY_WORD)]),
        (_constants.ANY, None)])))


def _is_no_word_before(item: tuple[Any, Any]) -> bool:
    return item[0] is _constants.ASSERT_NOT and str(item) == str(_no_word_before(None))


def _opening(items: _Pieces, state: Any, boundary: bool) -> _Pieces | None:
    r"""``items`` with a ``\b`` they open with (or ``boundary``: one before them) moved behind
    their first character; None when that character is not always a literal word character."""
    if not items:
        return None
    (op, arg), rest = items[0], items[1:]
    if op is _constants.AT and arg is _constants.AT_BOUNDARY:
        return _opening(rest, state, True)
    if op is _constants.LITERAL:
        if not boundary:
            return items
        if not _WORD_CHARACTER.match(chr(arg)):
            return None
        return [items[0], _no_word_before(state), *rest]
    if op is _constants.SUBPATTERN:
        group, add_flags, del_flags, inner = arg
        opened = _opening(list(inner.data), state, boundary)
        if opened is None:
            return None
        return [(op, (group, add_flags, del_flags, _parser.SubPattern(state, opened))), *rest]
    if op is _constants.BRANCH:
        branches: list[Any] = []
        for branch in arg[1]:
            opened = _opening(list(branch.data), state, boundary)
            if opened is None:
                return None
            branches.extend(_spread(opened, state))
        return [*_grouped(branches, state), *rest]
    if op is _constants.IN and not boundary:
        return items
    return None


def _grouped(branches: list[Any], state: Any) -> _Pieces:
    """Alternatives that all open with a literal, grouped by it (``a(?:x|y)|b(?:z)`` for
    ``ax|bz|ay``), level by level: at a position only the alternatives opening with the
    character there can match, so the order among them (kept) is all that counts, and the
    engine tries one group instead of every alternative (a long word list several times
    faster)."""
    if len(branches) < 2 or not all(
            branch.data and branch.data[0][0] is _constants.LITERAL for branch in branches):
        return [(_constants.BRANCH, (None, branches))]
    groups: dict[int, list[Any]] = {}
    for branch in branches:
        groups.setdefault(branch.data[0][1], []).append(
            _parser.SubPattern(state, list(branch.data[1:])))
    grouped: list[Any] = []
    for first, rests in groups.items():
        check: _Pieces = []
        if len(rests) > 1 and all(rest.data and _is_no_word_before(rest.data[0])
                                  for rest in rests):
            check = [rests[0].data[0]]  # "no word character before" tested once, up front
            rests = [_parser.SubPattern(state, list(rest.data[1:])) for rest in rests]
        tail = list(rests[0].data) if len(rests) == 1 else _grouped(rests, state)
        grouped.append(_parser.SubPattern(state, [(_constants.LITERAL, first), *check, *tail]))
    if len(grouped) == 1:
        return list(grouped[0].data)
    return [(_constants.BRANCH, (None, grouped))]


def _spread(items: _Pieces, state: Any) -> list[Any]:
    """An alternative that opens with alternatives, as one alternative each (same order)."""
    if items and items[0][0] is _constants.BRANCH:
        spread: list[Any] = []
        for branch in items[0][1][1]:
            spread.extend(_spread([*branch.data, *items[1:]], state))
        return spread
    return [_parser.SubPattern(state, items)]


def literal_alternation(words: list[str]) -> str:
    """A case-sensitive alternation of literal ``words`` that tries, at each position, only
    the words starting with the character found there (the given order kept among them, so
    the same word wins as in the plain alternation: two words with different first
    characters never match at one position). Several times faster on long lists, more so
    behind ``compile_guarded``."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[:1], []).append(word)
    parts = [re.escape(first) + "(?:" + "|".join(re.escape(w[1:]) for w in group) + ")"
             for first, group in groups.items()]
    return "(?:" + "|".join(parts) + ")" if words else r"(?!x)x"


# What a match must contain, as alternatives (any) of conjunctions (all) of literal sets (any).
Literals = tuple[tuple[frozenset[str], ...], ...]


@lru_cache(maxsize=64)
def _parsed(pattern: str, flags: int) -> Any:
    """The parse tree of a pattern, for the functions that only read it (parsed once for
    them all: parsing is most of the start-up); None when it does not parse."""
    try:
        return _parser.parse(pattern, flags)
    except re.error:
        return None


def required_literals(pattern: str, flags: int = 0) -> Literals | None:
    """What every match of a case-sensitive ``pattern`` contains: alternatives, each a list of
    sets of strings of which the match holds one each; None when that cannot be told simply.
    ``may_match`` on it is then a cheap test that the pattern cannot match a text at all."""
    if flags & re.I or _CASE_ON.search(pattern) or "(?-" in pattern:
        return None
    tree = _parsed(pattern, flags)
    if tree is None:
        return None
    parsed = list(tree)
    while len(parsed) == 1 and str(parsed[0][0]) == "SUBPATTERN":
        parsed = list(parsed[0][1][-1])
    if len(parsed) == 1 and str(parsed[0][0]) == "BRANCH":
        alternatives = [_required_in(list(branch)) for branch in parsed[0][1][1]]
    else:
        alternatives = [_required_in(parsed)]
    if not all(alternatives):
        return None
    return tuple(tuple(a) for a in alternatives if a)


def may_match(literals: Literals | None, text: str) -> bool:
    """False only when no match of the pattern ``literals`` describes can lie in ``text``."""
    if literals is None:
        return True
    contains = text.__contains__
    for conjunction in literals:  # loops and map, not generators: this runs per sentence
        for group in conjunction:
            if not any(map(contains, group)):
                break
        else:
            return True
    return False


# The last few texts (held, so that their ids stay theirs) and what was told of each.
_MAY_MATCH: dict[int, tuple[str, dict[int, bool]]] = {}


def may_match_once(literals: Literals | None, text: str) -> bool:
    """``may_match``, remembered for the text: a stage that searches windows of a whole
    document sentence by sentence tests the document's words once, not once per sentence
    (which would make reading quadratic in the text's length)."""
    held = _MAY_MATCH.get(id(text))
    if held is None or held[0] is not text:
        if len(_MAY_MATCH) >= 4:
            _MAY_MATCH.clear()
        held = _MAY_MATCH[id(text)] = (text, {})
    told = held[1]
    found = told.get(id(literals))
    if found is None:
        found = told[id(literals)] = may_match(literals, text)
    return found


def _required_in(items: _Pieces) -> list[frozenset[str]] | None:
    """Sets of literals a match of a parsed sequence holds one of each (None: none known)."""
    required: list[frozenset[str]] = []
    run: list[str] = []
    for op, arg in [*items, (None, None)]:
        name = str(op)
        if name == "LITERAL":
            run.append(chr(arg))
            continue
        if name == "BRANCH" and run and all(
                branch and all(str(o) == "LITERAL" for o, _ in branch) for branch in arg[1]):
            # "sa(?:id|ys|y)", as the parser factors "said|says|say": the whole words
            head = "".join(run)
            required.append(frozenset(head + "".join(chr(a) for _, a in branch)
                                      for branch in arg[1]))
            run = []
            continue
        if run:
            required.append(frozenset(["".join(run)]))
            run = []
        inner: list[frozenset[str]] | None = None
        if name == "SUBPATTERN":
            inner = _required_in(list(arg[-1]))
        elif name == "BRANCH":
            branches = [_required_in(list(branch)) for branch in arg[1]]
            if all(branches):  # one set for the whole branch: each branch's most selective
                inner = [frozenset().union(*(max(b, key=_selectivity) for b in branches if b))]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT") and arg[0] >= 1:
            inner = _required_in(list(arg[2]))
        elif name in ("AT", "ASSERT", "ASSERT_NOT", "IN", "ANY", "NOT_LITERAL", "CATEGORY",
                      "None", "MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT", "ATOMIC_GROUP"):
            pass  # zero-width, one character of a class, or optional: no literal required
        else:
            return None  # a piece not understood: claim nothing rather than something false
        if inner:
            required.extend(inner)
    return required or None


def _selectivity(words: frozenset[str]) -> tuple[int, int]:
    return min(len(w) for w in words), -len(words)


class Screen:
    """Which of many patterns can match a text, from one scan of it for their key words.

    Each pattern registered gets as key words the most selective set of literals of each of
    its alternatives (``required_literals``): a text holding none of them cannot match it. One
    pass of an Aho-Corasick automaton of all key words of all patterns finds every key word the
    text holds, overlapping ones included, in time linear in the text (a regular expression of
    hundreds of words tried at each position cost several times more). ``possible(text)`` is
    then the set of patterns worth running, computed once per text (a sentence is searched by
    dozens of patterns) and a set lookup per pattern: instead of each pattern testing its words
    on its own."""

    LONG = 1_500  # past this a text (a whole document) is tested word by word, see ``told``
    _MIN_KEY = 3  # shorter key words are everywhere (but capitals): such a pattern is not screened

    def __init__(self) -> None:
        self._keys: list[frozenset[str]] = []
        self._automaton: ahocorasick.Automaton | None = None
        self._cache: dict[str, frozenset[int]] = {}

    def add(self, literals: Literals | None, folded: bool = True) -> int | None:
        """Register a pattern by its literals; its number, or None when it is not screened.
        ``folded=False``: the literals are as written (a case-sensitive pattern run on the
        text itself); their folded forms are screened, which the folded text holds wherever
        the text holds them (``fold`` maps character for character): the same texts pass,
        and a few more, which the pattern itself then turns away."""
        if literals is None:
            return None
        keys = frozenset().union(*(max(conjunction, key=_selectivity)
                                   for conjunction in literals))
        if not keys or any(len(k) < self._MIN_KEY and not all(
                c.isupper() or not c.isascii() for c in k) for k in keys):
            return None  # "the", "of", ",": no help; "Mr", "Dr", "©" are rare enough
        if not folded:
            keys = frozenset(fold(key) for key in keys)
        self._keys.append(keys)
        self._automaton, self._cache = None, {}
        return len(self._keys) - 1

    def _build(self) -> ahocorasick.Automaton:
        """Each key word with the numbers of the patterns it is a key word of."""
        owners: dict[str, set[int]] = {}
        for number, keys in enumerate(self._keys):
            for key in keys:
                owners.setdefault(key, set()).add(number)
        automaton = ahocorasick.Automaton()
        for word in sorted(owners):  # the same automaton whatever the order of registration
            automaton.add_word(word, frozenset(owners[word]))
        automaton.make_automaton()
        return automaton

    def possible(self, text: str) -> frozenset[int]:
        """The numbers of the screened patterns that may match ``text``, from one scan of it
        (remembered: the sentence or document is asked about by many patterns)."""
        found = self._cache.get(text)
        if found is not None:
            return found
        if self._automaton is None:
            self._automaton = self._build()
        found = frozenset().union(*[owners for _, owners in self._automaton.iter(text)])
        if len(self._cache) > 256:
            self._cache.clear()
        self._cache[text] = found
        return found

    def told(self, number: int | None, literals: Literals | None, text: str) -> bool:
        """Whether the pattern screened as ``number`` (None: not screened) with ``literals``
        may match ``text``. A long text (a whole document) holds most key words somewhere, so
        there the pattern's own sets of literals are tested instead: measured, cheaper."""
        if number is not None and len(text) <= self.LONG:
            return number in self.possible(text)
        return may_match_once(literals, text)


# One screen for every pattern, on the folded text: a sentence is scanned for key words once,
# whether its patterns run on it as written or folded.
_FOLDED = Screen()


def possible_patterns(folded: str) -> frozenset[int]:
    """The ``screened`` numbers of the patterns that may match the folded text: a stage that
    runs many patterns on a sentence skips at once those whose number is not in it."""
    return _FOLDED.possible(folded)


class Filtered:
    """A case-sensitive pattern that is not run on a text lacking what its matches must
    contain (``required_literals``): the same matches, and most sentences skipped at once."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.compiled = compile_guarded(pattern, flags)
        self.pattern = pattern
        self.literals = required_literals(pattern, flags)
        self.screened = _FOLDED.add(self.literals, folded=False)

    def _hopeless(self, text: str) -> bool:
        if self.screened is not None and len(text) <= Screen.LONG:
            return self.screened not in _FOLDED.possible(fold(text))  # folded, as screened
        return not may_match_once(self.literals, text)

    def search(self, text: str, pos: int = 0) -> re.Match[str] | None:
        if FAST_PATHS and self._hopeless(text if pos == 0 else text[pos:]):
            return None
        return self.compiled.search(text, pos)

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        if FAST_PATHS and self._hopeless(text):
            return iter(())
        return self.compiled.finditer(text)


class Caseless:
    """A case-insensitive pattern that runs folded (case-sensitive, on ``fold(text)``) when its
    source allows: the same matches, faster. Group texts of a folded match are lowercase, so
    callers needing the text as written take it from the original by the match's offsets."""

    def __init__(self, pattern: str, flags: int = 0, register: bool = True) -> None:
        self.pattern = pattern
        self._flags, self._register = flags, register
        folded = fold_pattern(pattern)
        self.folded = None if folded is None else compile_guarded(folded, flags, register)
        # a folded text holding none of these cannot match: skipped without running the pattern
        # (not ``register``ed: a part of a vocabulary, run only where its words were found)
        self.literals = None if folded is None or not register else required_literals(
            folded, flags)
        self.screened = _FOLDED.add(self.literals) if register else None

    @cached_property
    def ignorecase(self) -> re.Pattern[str]:
        """The pattern as written, case-insensitive: compiled only where the folded form
        cannot serve (a pattern that does not fold, or the fast paths turned off), which
        keeps start-up short (compiling is most of it)."""
        return compile_guarded(self.pattern, self._flags | re.I, self._register)

    def _lacks(self, subject: str) -> bool:
        """Whether the folded ``subject`` lacks the words every match needs."""
        return not _FOLDED.told(self.screened, self.literals, subject)

    def _pick(self, text: str, lowered: str | None) -> tuple[re.Pattern[str], str]:
        if FAST_PATHS and self.folded is not None:
            return self.folded, fold(text) if lowered is None else lowered
        return self.ignorecase, text

    def _hopeless(self, subject: str, pos: int, endpos: int | None) -> bool:
        if not FAST_PATHS or self.literals is None:
            return False
        if self._lacks(subject):
            return True  # a window holds no match its whole text cannot hold (told once)
        if pos == 0 and endpos is None:
            return False
        return not may_match(self.literals, subject[pos:endpos])

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None,
                 lowered: str | None = None) -> Iterator[re.Match[str]]:
        pattern, subject = self._pick(text, lowered)
        if self._hopeless(subject, pos, endpos):
            return iter(())
        return pattern.finditer(subject, pos, len(text) if endpos is None else endpos)

    def search(self, text: str, pos: int = 0, endpos: int | None = None,
               lowered: str | None = None) -> re.Match[str] | None:
        if FAST_PATHS and self.folded is not None and pos == 0 and endpos is None:
            subject = fold(text) if lowered is None else lowered  # the common case, inlined
            if self._lacks(subject):
                return None
            return self.folded.search(subject)
        pattern, subject = self._pick(text, lowered)
        if self._hopeless(subject, pos, endpos):
            return None
        return pattern.search(subject, pos, len(text) if endpos is None else endpos)

    def match(self, text: str, pos: int = 0, lowered: str | None = None) -> re.Match[str] | None:
        pattern, subject = self._pick(text, lowered)
        return pattern.match(subject, pos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        pattern, subject = self._pick(text, None)
        return pattern.fullmatch(subject)


class AsWritten:
    """A case-insensitive pattern whose matches are those of ``re.compile(pattern, re.I)`` on
    the text as written (groups as written too), found faster: the folded pattern searches
    the folded text (prefix form, screen) for where a match starts, and the pattern is then
    matched there on the text itself. ``match`` and ``fullmatch`` run on the text at once."""

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.ignorecase = compile_guarded(pattern, flags | re.I)
        folded = fold_pattern(pattern)
        self.folded = None if folded is None else compile_guarded(folded, flags)
        self.literals = None if folded is None else required_literals(folded, flags)
        self.screened = _FOLDED.add(self.literals)

    def _scan(self, text: str) -> tuple[re.Pattern[str], str] | None:
        """The folded pattern and text to find starts in; None: nothing can match."""
        if not FAST_PATHS or self.folded is None:
            return self.ignorecase, text
        lowered = fold(text)
        if not _FOLDED.told(self.screened, self.literals, lowered):
            return None
        return self.folded, lowered

    def search(self, text: str, pos: int = 0, endpos: int | None = None
               ) -> re.Match[str] | None:
        scan = self._scan(text)
        if scan is None:
            return None
        end = len(text) if endpos is None else endpos
        found = scan[0].search(scan[1], pos, end)
        if found is None or scan[0] is self.ignorecase:
            return found
        match = self.ignorecase.match(text, found.start(), end)
        if match is None or match.end() != found.end():  # pragma: no cover
            return self.ignorecase.search(text, pos, end)  # folding did not hold: the plain way
        return match

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None
                 ) -> Iterator[re.Match[str]]:
        scan = self._scan(text)
        if scan is None:
            return
        end = len(text) if endpos is None else endpos
        if scan[0] is self.ignorecase:
            yield from scan[0].finditer(text, pos, end)
            return
        matches = []
        for found in scan[0].finditer(scan[1], pos, end):
            match = self.ignorecase.match(text, found.start(), end)
            if match is None or match.end() != found.end():  # pragma: no cover
                yield from self.ignorecase.finditer(text, pos, end)  # the plain way
                return
            matches.append(match)
        yield from matches

    def match(self, text: str, pos: int = 0, endpos: int | None = None
              ) -> re.Match[str] | None:
        return self.ignorecase.match(text, pos, len(text) if endpos is None else endpos)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.ignorecase.fullmatch(text)


def caseless(pattern: str, flags: int = 0) -> AsWritten:
    """``pattern`` matched case-insensitively on the text as written (see ``AsWritten``)."""
    return AsWritten(pattern, flags)


_WORD_LIST = re.compile(r"\\b\(\?:(\w+(?:\|\w+)*)\)\\b")


class Vocabulary:
    """The entries of one file as a single alternation (one pass over a text); at a position
    where several entries match, the one listed first wins."""

    def __init__(self, name: str, entries: list[Entry]) -> None:
        self.name = name
        self.entries = entries
        # each entry followed by an empty group naming it (``lastgroup``: the entry matched):
        # alternatives that open with their own words, so that ``prefixed`` applies
        self._parts = [f"(?:{entry.pattern})(?P<e{index}>)"
                       for index, entry in enumerate(entries)]
        self._pattern = Caseless("|".join(self._parts) or r"(?!x)x")
        self._by_group = {f"e{index}": entry for index, entry in enumerate(entries)}
        # Each entry screened on its own: an entry whose key words a text lacks cannot match
        # there, so leaving it out of the alternation changes no hit; a sentence is searched
        # by the alternation of only the entries it may hold (compiled once per such set),
        # most sentences by none. Case-sensitive entries too: by their words folded (a set
        # of entries that holds one is searched case-insensitively as written, not folded).
        screened: dict[int, int] = {}
        self._unscreened: tuple[int, ...] = ()
        self._literals: list[Literals | None] = []
        for index, entry in enumerate(entries):
            literals = entry.folded_literals
            self._literals.append(literals)
            number = _FOLDED.add(literals)
            if number is None:
                self._unscreened += (index,)
            else:
                screened[number] = index
        self._screened = screened
        self._screened_numbers = frozenset(screened)
        self._subsets: dict[tuple[int, ...], Caseless | None] = {}

    def _for(self, subject: str) -> Caseless | None:
        """The alternation to search the folded ``subject`` (a window of it) with."""
        if not FAST_PATHS:
            return self._pattern
        if len(subject) > Screen.LONG:  # a whole text: each entry's own words tested
            chosen = tuple(index for index, literals in enumerate(self._literals)
                           if may_match_once(literals, subject))
        else:
            numbers = self._screened_numbers & _FOLDED.possible(subject)
            chosen = tuple(sorted([*self._unscreened, *(self._screened[n] for n in numbers)]))
        if len(chosen) == len(self.entries):
            return self._pattern
        if chosen not in self._subsets:
            self._subsets[chosen] = Caseless("|".join(self._parts[i] for i in chosen),
                                             register=False) if chosen else None
        return self._subsets[chosen]

    def finditer(self, text: str, start: int = 0, end: int | None = None,
                 lowered: str | None = None) -> Iterator[Hit]:
        """Every non-overlapping hit in ``text[start:end]``, offsets into ``text``
        (``lowered``: ``fold(text)`` when the caller has it already)."""
        if lowered is None and FAST_PATHS:
            lowered = fold(text)
        pattern = self._for(lowered) if lowered is not None else self._pattern
        if pattern is None:
            return
        for match in pattern.finditer(text, start, end, lowered):
            group = match.lastgroup
            assert group is not None
            yield Hit(self._by_group[group], match.start(), match.end())

    def search(self, text: str, start: int = 0, end: int | None = None) -> Hit | None:
        """The first hit, or None."""
        return next(self.finditer(text, start, end), None)

    def match(self, text: str, start: int = 0) -> Hit | None:
        """A hit starting exactly at ``start``, or None."""
        match = self._pattern.match(text, start)
        if match is None or match.lastgroup is None:
            return None
        return Hit(self._by_group[match.lastgroup], match.start(), match.end())

    def ids(self) -> list[str]:
        return [entry.id for entry in self.entries]

    def word_table(self) -> dict[str, Entry] | None:
        """For a vocabulary of whole-word lists (every pattern ``\\b(?:w1|w2|...)\\b`` of plain
        words): each lowercase word and the entry that counts it (the first listed), so that
        counting words looked up in it gives the hits of ``finditer``; None otherwise."""
        table: dict[str, Entry] = {}
        for entry in self.entries:
            listed = _WORD_LIST.fullmatch(entry.pattern)
            if listed is None:
                return None
            for word in listed.group(1).split("|"):
                table.setdefault(word.lower(), entry)
        return table


_Pieces = list[tuple[Any, Any]]


_CASE_ON = re.compile(r"\(\?[aLmsux]*i")


def _first_characters(pattern: str, flags: int = re.I) -> frozenset[str] | None:
    """Every character a match of ``pattern`` can start with (both cases under IGNORECASE),
    or None when that cannot be told simply (a class like \\w, a dot, a negation, an empty
    match, an inline flag)."""
    if not flags & re.I and _CASE_ON.search(pattern):
        return None  # a piece matched in both cases: its other case would be missed
    parsed = _parsed(pattern, flags)
    if parsed is None:
        return None
    found = _first_of(list(parsed))
    if found is None or found[1]:
        return None
    if not flags & re.I:
        return frozenset(found[0])
    return frozenset(c for ch in found[0] for c in (ch, ch.lower(), ch.upper()))


def _first_of(items: _Pieces) -> tuple[set[str], bool] | None:
    """(first characters, can be empty) of a parsed sequence; None when not simple."""
    first: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue  # zero-width: the next piece starts the match
        if name == "LITERAL":
            return first | {chr(arg)}, False
        if name == "IN":
            chars = _class_characters(arg)
            if chars is None:
                return None
            return first | chars, False
        if name == "SUBPATTERN":
            inner = _first_of(list(arg[-1]))
        elif name == "BRANCH":
            branches = [_first_of(list(branch)) for branch in arg[1]]
            if any(b is None for b in branches):
                return None
            inner = (set().union(*(b[0] for b in branches if b)),
                     any(b[1] for b in branches if b))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            sub = _first_of(list(arg[2]))
            inner = None if sub is None else (sub[0], sub[1] or arg[0] == 0)
        else:
            return None
        if inner is None:
            return None
        first |= inner[0]
        if not inner[1]:
            return first, False
    return first, True


def _class_characters(members: _Pieces) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in members:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE" and arg[1] - arg[0] < 128:
            chars.update(chr(code) for code in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update("0123456789")
        elif name == "CATEGORY" and str(arg) == "CATEGORY_SPACE":
            chars.update(" \t\n\r\f\v")
        else:
            return None
    return chars


def _in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _entry(name: str, raw: dict[str, Any], position: int) -> Entry:
    where = f"lexicon {name}.yaml entry {position}"
    if not isinstance(raw, dict) or "id" not in raw or "pattern" not in raw:
        raise InvalidInputError(f"{where}: needs an 'id' and a 'pattern'")
    pattern = str(raw["pattern"])
    try:
        compiled = re.compile(pattern)
    except re.error as error:
        raise InvalidInputError(f"{where} ({raw['id']}): bad pattern ({error})") from None
    if compiled.groups:
        raise InvalidInputError(f"{where} ({raw['id']}): use non-capturing groups (?:...)")
    if raw.get("case_sensitive"):
        pattern = f"(?-i:{pattern})"
    weight = raw.get("weight")
    return Entry(name, str(raw["id"]), pattern,
                 None if raw.get("value") is None else str(raw["value"]),
                 None if weight is None else float(weight),
                 None if raw.get("note") is None else str(raw["note"]),
                 bool(raw.get("case_sensitive")))


@cache
def vocabulary(name: str) -> Vocabulary:
    """The vocabulary ``name`` (the file ``lexicon/<name>.yaml``), loaded and compiled once."""
    source = resources.files(__package__).joinpath(f"{name}.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or []
    entries = [_entry(name, raw, i) for i, raw in enumerate(data, start=1)]
    ids = [e.id for e in entries]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise InvalidInputError(f"lexicon {name}.yaml: duplicate ids {', '.join(duplicates)}")
    return Vocabulary(name, entries)


@cache
def weights() -> dict[str, float]:
    """Named evidence weights (``weights.yaml``): what each kind of evidence adds to (or takes
    from) a claim's confidence."""
    source = resources.files(__package__).joinpath("weights.yaml")
    data = yaml.safe_load(source.read_text(encoding="utf-8")) or {}
    return {str(k): float(v) for k, v in data.items()}


def confidence_of(reasons: tuple[str, ...] | list[str]) -> float:
    """A claim's confidence: the base weight plus the weight of each named reason (a reason
    "kind: detail" weighs as its kind), kept within 0.05..0.99 and rounded for stable output."""
    table = weights()
    total = table["base"]
    for reason in reasons:
        total += table.get(reason, table.get(reason.split(":")[0], 0.0))
    return round(min(0.99, max(0.05, total)), 3)


def names() -> list[str]:
    """Every vocabulary file shipped."""
    return sorted(
        item.name[: -len(".yaml")]
        for item in resources.files(__package__).iterdir()
        if item.name.endswith(".yaml") and item.name != "weights.yaml"
    )
