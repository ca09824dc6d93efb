"""Placements: which tier a text gives a country, for which report, and the move.

Rules, not patterns fitted to examples:
* tier expressions come from a vocabulary ("Tier Two", "the watch list", "the lowest rank",
  "tier-2", ...);
* a sentence is cut into clauses (at ";", dashes, and before "which", "where", "while",
  "but", "except", "including"); a tier in a clause goes to the countries of that clause, or,
  in a relative clause without a country, to the last country named before it, or, in a clause
  whose subject is "it"/"the country"/"the government", to the article's own country;
* a tier after "from", "escaping", "out of", "leaving" is the previous placement, after "to",
  "into", "onto" the new one; move verbs ("relegated", "bumped up", "remains") give the move
  when only one side is stated;
* a clause that only entertains a placement ("could land it on Tier 3", "risks being
  relegated", "should be under Tier 3") states none;
* a group ("all other ASEAN members are Tier 2, except Singapore ...") is expanded to its
  members, less the article's country and every country excepted or placed on its own;
* "a ranking it shares with X and Y" gives X and Y the article country's tier in context;
* before the report is out ("the report, due in June", "will submit the report"), the
  placements a text states are those of the previous report.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, replace

from tierwatch.law.tiers import Tier, move_between
from tierwatch.reading.countries import NAMING_OF, GroupMention, Mention, country_name
from tierwatch.reading.lexicon import caseless, compile_guarded, confidence_of, vocabulary
from tierwatch.reading.model import DocumentContext, Placement, Sentence, Span
from tierwatch.reading.report_year import dated_between_reports, report_pending

# "tier-one suppliers", "second-tier cities": the word tier outside the ranking
_NOT_A_RANKING = compile_guarded(
    r"^[\s-]*(?:suppliers?|cities|city|banks?|capital|companies|firms|players|towns|brands|"
    r"universities|markets?|teams?|clubs?|leagues?|hospitals?|schools?|vendors?|partners?|"
    r"accounts?|pricing|plans?|members?|memberships?|customers?|support|networks?)\b",
    re.I,
)
# "a waiver kept Uzbekistan off Tier 3", "escaped a downgrade to Tier 3": a tier the country is
# not placed on, neither now nor before
_KEPT_OFF = compile_guarded(
    r"\bavoid\w*\s+being\s+(?:dropped|downgraded|demoted|relegated|moved|pushed)\s+(?:down\s+)?"
    r"(?:to|into|onto)\s+(?:the\s+)?$|"
    r"\b(?:kept|keeps|keeping|keep|stayed|stays|staying|stay)\s+(?:\w+\s+)?off\s+(?:of\s+)?"
    r"(?:the\s+)?$|\b(?:avoid\w*|spared?|sparing|escap\w*|averted|averting|avert)\s+(?:\w+\s+)?"
    r"(?:an?\s+|the\s+)?(?:automatic\s+)?(?:downgrade|drop|fall|relegation|demotion)\s+"
    r"(?:to|into|onto)\s+(?:the\s+)?$|"
    # "granted a waiver ... from an otherwise required downgrade to Tier 3": waived, not made
    r"\b(?:otherwise\s+(?:required|automatic|mandatory)|waived)\s+(?:\w+\s+)?downgrade\s+to\s+"
    r"(?:the\s+)?$|\bwaiver\b[^.]{0,100}\bdowngrade\s+to\s+(?:the\s+)?$", re.I)
_CLAUSE_BREAK = compile_guarded(
    r";|\s[—–-]{1,2}\s|[—–]|,[»”\"’']?\s*(?=(?:which|where|while|whereas|but|although|though|except|"
    r"including|such as|among them|who|citing|saying|adding|noting|insisting|arguing|claiming|"
    r"calling|according|despite|as did|as does|as do|as has|as have|as was|as were|like)\b)|"
    # "Grenada slipped to the Watch List, and Suriname joined it there": a second clause with
    # its own (singular) subject and verb, not the end of a list of countries
    r",(?=\s*and\s+(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:and\s+|of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*"
    r"\s+(?:was|is|has|had|joined|joins|stayed|stays|remained|remains|slipped|slips|fell|falls|"
    r"rose|rises|climbed|climbs|moved|dropped|drops|kept|keeps|held|holds|returned|earned)\b)|"
    r"\s(?=(?:while|whereas|but|except)\s)|:\s"
)
_FROM_BEFORE = compile_guarded(
    r"(?:\bfrom|\bescap\w*(?:\s+from)?|\bout\s+of|\bleav\w*|\bleft|\bexit\w*|\boff(?:\s+of)?|"
    r"\bemerg\w*\s+from|\bgraduation\s+from|"
    # "Colombia loses Tier 1 status", "stripped of its Tier 1 rank": the tier it had
    r"\blos(?:e|es|ing|t)\b|\bstripped\s+of|\bforfeit\w*|\bshed(?:s|ding)?\b|"
    # "Tier 3, a year after Tier 2"
    r"\b(?:a\s+year|twelve\s+months|12\s+months)\s+after|"
    # "Montenegro — Tier 2 Watch List (was Tier 2)"
    r"\(\s*(?:was|previously|formerly|(?:up|down)\s+from)|\b(?:years?|spell|stint|time)\s+(?:on|in|at)|"
    # "Laos is no longer listed as Tier 3": the tier it had
    r"\bno\s+longer\s+(?:be\s+)?(?:(?:listed|ranked|placed|rated|classified|designated|kept)"
    r"(?:\s+(?:as|on|in|at|among))?|on|in|at|among))\s+"
    r"(?:(?:the|its|their|a|that|this)\s+)?"
    r"(?:(?:20[0-4]\d)['’]s\s+)?(?:(?:U\.S\.|US|American|Washington['’]s)\s+)?"
    # an owner: "removed from the US State Department's watch list"
    r"(?:(?:[\w.]+\s+){0,3}?[\w.]+['’]s\s+)?"
    r"(?:(?:human\s+)?trafficking\s+)?(?:[“\"']\s*)?$",
    re.I,
)
_TO_BEFORE = compile_guarded(r"\b(?:to|into|onto)\s+(?:(?:the|its|a)\s+)?(?:[“\"']\s*)?$", re.I)
_STATE_NOUN = (r"(?:country|kingdom|nation|government|sultanate|emirate|republic|"
               r"island\s+nation|island\s+state|city[\s-]state|gulf\s+state)")
_NOT_PLACED = compile_guarded(
    r"\bnot\s+(?:be\s+|been\s+|being\s+)?(?:listed|ranked|placed|rated|included)\b")
# The law said of any country ("US law normally demotes a country automatically to Tier 3"):
# no placement of the country the text is about
_GENERIC_RULE = compile_guarded(
    r"\b(?:a|any|every)\s+(?:country|government|nation|state)\b(?!\s+(?:that|which)\s+(?:is|was)"
    r"\s+(?:placed|ranked))|\b(?:normally|automatically)\s+(?:demotes?|downgrades?|drops?|moves?)\b",
    re.I)
_EPITHET = r"(?-i:(?:[a-z]+-[a-z]+\s+)?(?:[A-Z][\w-]+\s+){0,2})"  # "the gas-rich Central Asian"
# "the Central Asian state", "the Gulf state": a state named by its region (not "the state")
_NAMED_STATE = r"(?-i:(?:[a-z]+-[a-z]+\s+)?(?:[A-Z][\w-]+\s+){1,2}state)"
# (also with a capitalised epithet: "the Federal Republic", "the Gulf kingdom", "the Central
# Asian nation")
_ANAPHOR = compile_guarded(
    r"\b(?:it|its|the\s+" + _EPITHET + _STATE_NOUN + r"|the\s+" + _NAMED_STATE + r")\b", re.I)
# "The Sultanate has been ranked on Tier 2 alongside ...": the main country as the subject
_SUBJECT_ANAPHOR = compile_guarded(
    r"^\W*(?:the|this)\s+(?:" + _EPITHET + _STATE_NOUN + r"|" + _NAMED_STATE + r")\b(?!\s+of\b)",
    re.I)
_RELATIVE_START = compile_guarded(r"^[,\s]*(?:which|where|who|that)\b", re.I)
_LIST_START = compile_guarded(
    r"^[,:\s»”\"’']*(?:including|such as|among them|namely|notably|as (?:did|does|do|has|have|was|"
    r"were)|like|(?:which|that)\s+(?:also\s+)?(?:includes?|included|comprises?|lists?)|"
    # "moved down to Tier 3, where it joined Cuba and Eritrea", "..., joining Iran"
    r"where\s+(?:it|they)\s+(?:joined|joins|join)|joining|alongside|along\s+with)\b",
    re.I,
)
_JOINED_IT = compile_guarded(r"\b(?:joined|joins|join|joining)\s+(?:it|them|her)\b", re.I)
# "Nepal, ..., was not discussed but remains on the Watch List": a clause
# with the verb but not the subject of the sentence
_SAME_SUBJECT = compile_guarded(
    r"^\W*(?:but|and|yet)\s+(?:also\s+|still\s+)?(?:remains?|remained|stays?|stayed|is|was|"
    r"has\s+been|had\s+been|continues\s+to\s+be|was\s+kept|is\s+kept|was\s+placed|"
    r"was\s+ranked|was\s+moved|was\s+listed)\b", re.I)
_EXCEPT = compile_guarded(
    r"\b(?:except(?:\s+for)?|apart\s+from|other\s+than|but\s+not|excluding)\b", re.I)
_GROUP_ALL = compile_guarded(r"\b(?:all|other|rest|remaining|every)\b", re.I)
_SHARES = caseless(
    r"\b(?:shares?|shared|sharing)\b[^.]{0,60}?\bwith\b|\b(?:alongside|along with|joins|joined|"
    r"joining|together with)\b|\b(?:other|fellow)\s+(?:countries|nations|members|states)\s+"
    r"(?:in|on|of)\s+(?:the\s+|this\s+)?(?:same\s+)?(?:group|tier|category|list|rank|ranking)\b|"
    # "placed in the same tier as Slovakia and Romania"
    r"\bsame\s+(?:tier|group|category|rank|ranking|level|position|list|bracket)\s+as\b",
)
# "Turkey is in the same group.": the countries named before it are where the last placement is
_SAME_GROUP_AFTER = caseless(
    r"\b(?:is|are|was|were|sits?|sat|stands?|stood|remains?|remained|belongs?)\s+(?:also\s+)?"
    r"(?:in|on|to)\s+the\s+same\s+(?:tier|group|category|rank|list|bracket|level)\b(?!\s+as\b)")
_SHARE_NOUN = compile_guarded(r"\b(?:position|rank(?:ing)?|tier|placement|status|category|spot|"
                         r"group|move|company|ranks)\b", re.I)
_PREVIOUS_TIME = compile_guarded(
    r"\b(?:last\s+year|previous\s+(?:year|report)|a\s+year\s+(?:ago|earlier|before)|"
    r"(?:twelve|12)\s+months\s+(?:ago|earlier|before)|"
    r"the\s+year\s+before|"
    r"last\s+year['’]s|prior\s+year)\b",
    re.I,
)
# "In 2019, its ranking fell", "In 2019 and 2020 the country briefly climbed to Tier 2": a
# sentence that opens with its year dates its placement (the first year named).
_SENTENCE_YEAR = compile_guarded(
    r"(?:In|By|For|Back\s+in)\s+(20[0-4]\d)(?:\s*(?:,|and|to|[-–])\s*20[0-4]\d)*\s*(?:,|\s(?=[a-z]+\s)|"
    r"\s(?=[Tt]he\s|[Ii]t\s|[A-Z][a-z]+\s))")
_NEXT_CLAUSE = compile_guarded(r"[,;]\s*(?:and|but|while|whereas)\b|;")
_CLAUSE_YEAR = compile_guarded(r"\b(?:in|for|since)\s+(20[0-4]\d)\b|\b(20[0-4]\d)['’]s\b")
_DENIED_CLAIM = caseless(
    r"\b(?:denied|denies|deny|denying|rejected|dismissed|refuted)\s+(?:a\s+|the\s+)?(?:[\w-]+\s+)"
    r"{0,3}(?:report|reports|claims?|rumou?rs?|speculation)\s+that\b")
_QUOTE_MARKS = "\"“”"
_LIST_GAP = compile_guarded(
    r"^(?:\s*,\s*(?:and\s+|or\s+|AND\s+)?|\s+(?:and|or|&|as well as|AND|OR)\s+)(?:the\s+|THE\s+)?$|"
    r"^\s*,\s*(?:[A-Z][\w’'.-]*\s*){1,3},\s*(?:and\s+)?(?:the\s+)?$"  # a name not in the registry
)
_ALONGSIDE_BEFORE = compile_guarded(
    r"\b(?:alongside|along(?:\s+with)?|together\s+with|joining|joins|joined|as\s+well\s+as|"
    r"as\s+did|as\s+does|(?:countries|nations|states)\s+(?:such\s+as|like|including|as)|"
    r"(?:the\s+)?same\s+(?:category|tier|rank|ranking|level|group|list)\s+as)"
    r"\s+(?:(?:such\s+|other\s+)*(?:countries|nations|states)\s+(?:as|like|including)\s+)?"
    r"(?:the\s+)?$",
    re.I,
)
_JOINS = compile_guarded(r"\s+(?:joins|joined|joining)\s+(?:the\s+)?", re.I)
_LISTED_BEFORE = compile_guarded(
    r"\b(?:including|such\s+as|like|among\s+them|notably|namely)\s+(?:the\s+)?$", re.I)
_PREPOSITION_BEFORE = compile_guarded(
    r"\b(?:to|from|in|into|with|of|for|by|across|via|between|like|unlike|than|toward|towards|"
    r"through|within|inside|outside|near|around|among)\s+(?:the\s+|neighbouring\s+|"
    r"neighboring\s+)?$",
    re.I,
)


@dataclass(frozen=True, slots=True)
class TierMention:
    tier: Tier
    start: int
    end: int
    wording: str = ""  # the lexicon entry that named it


@dataclass(frozen=True, slots=True)
class _Fact:
    """One country's placement as one sentence states it, before a document-level merge."""

    code: str
    tier: Tier | None
    previous_tier: Tier | None
    move: str | None
    year: int | None  # explicit year of the placement stated in the clause
    timeframe: str  # "current" or "previous"
    span: Span
    sentence: Sentence
    reasons: tuple[str, ...]  # named evidence (keys of lexicon/weights.yaml, or "word: id")
    status: str = "official"

    @property
    def confidence(self) -> float:
        return confidence_of(self.reasons)


def find_tiers(text: str, offset: int = 0) -> list[TierMention]:
    """Tier expressions in ``text``; overlapping and adjacent mentions of one tier merged."""
    found: list[TierMention] = []
    for hit in vocabulary("tiers").finditer(text):
        if _NOT_A_RANKING.match(text[hit.end : hit.end + 20]) or _KEPT_OFF.search(
                text, max(0, hit.start - 50), hit.start):
            continue
        found.append(TierMention(Tier(str(hit.value)), offset + hit.start, offset + hit.end,
                                 f"tiers.{hit.entry.id}"))
    merged: list[TierMention] = []
    for mention in found:
        if merged and merged[-1].tier == mention.tier and mention.start - merged[-1].end <= 12:
            merged[-1] = TierMention(mention.tier, merged[-1].start, mention.end,
                                     merged[-1].wording)
        else:
            merged.append(mention)
    return merged


_IN_FORCE = "report not yet out, the placement in force"  # named evidence (weights.yaml)
_CONDITION_REACH = 12  # "Tier 3 if it fails": the condition follows the tier at once
# "downgraded to Tier 3 in the next report unless ...": the report or time named between the
# tier and its condition
_WHEN_AFTER_TIER = compile_guarded(
    r"\s*(?:(?:in|by|with)\s+(?:the\s+|its\s+|this\s+year['’]s\s+|next\s+year['’]s\s+)?"
    r"(?:[\w()-]+\s+){0,5}?(?:report|rankings?|edition)\b|(?:next|this)\s+(?:year|June|July))",
    re.I)
_HEDGE_REACH = 30  # a hedge governs a placement from just before its subject ("fear Peru ...")


# A list of names before a colon ("- Qatar, Oman and the United Arab Emirates"), nothing else
_NAMES_ONLY = compile_guarded(
    r"[\s•·▪►*-]*(?:the\s+)?[A-Z][\w’'.-]*(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*"
    r"(?:(?:\s*,\s*(?:and\s+)?|\s+and\s+)(?:the\s+)?[A-Z][\w’'.-]*"
    r"(?:\s+(?:of\s+(?:the\s+)?)?[A-Z][\w’'.-]*)*)*\s*$")


# A list's label naming tiers and nothing else: "Upgraded to Tier 2 (from the Watch List)"
_TIER_LABEL = compile_guarded(
    r"[\w\s()'’-]{0,80}?\b(?:tier|watch[\s-]*list|special\s+case)[\w\s()'’-]{0,60}", re.I)


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    bounds: list[tuple[int, int]] = []
    cursor = 0
    for match in _CLAUSE_BREAK.finditer(sentence.text):
        mark = match.group(0).strip()
        if (mark.startswith(":") and (match.start() - cursor < 40 or _TIER_LABEL.fullmatch(
                sentence.text, cursor, match.start()))) or (
                mark[:1] in ":—–-" and _NAMES_ONLY.match(sentence.text, cursor, match.start())):
            # "Cambodia: Tier 2", "Qatar, Oman and the UAE: Tier 2", "Peru — Tier 2",
            # "Upgraded to Tier 2 (from the Watch List): Azerbaijan, ...": one clause
            continue
        if match.start() > cursor:
            bounds.append((sentence.start + cursor, sentence.start + match.start()))
        cursor = match.start() if match.group(0).startswith(",") else match.end()
        if match.group(0).startswith(","):
            cursor = match.start() + 1
    bounds.append((sentence.start + cursor, sentence.end))
    return [b for b in bounds if b[1] > b[0]]


def _inside_quotes(sentence: Sentence, position: int) -> bool:
    before = sentence.text[: position - sentence.start]
    opened = before.count("“") - before.count("”") + before.count('"') % 2
    return opened > 0


def _role(text: str, clause_start: int, mention: TierMention) -> str:
    before = text[max(clause_start, mention.start - 40) : mention.start]
    if _FROM_BEFORE.search(before) or _attached_previous_time(text, mention):
        return "previous"
    return "current"


def _attached_previous_time(text: str, mention: TierMention) -> re.Match[str] | None:
    """'ranked Tier 3 the year before', 'Tier 3 for Cambodia last year': an earlier tier."""
    after = text[mention.end : mention.end + 30]
    match = _PREVIOUS_TIME.search(after)
    if match is None or re.search(r"[,;.]", after[: match.start()]):
        return None
    return match


_MOVE_PRIORITY = ("downgrade", "upgrade", "unchanged")


def _moves_said(text: str) -> set[str | None]:
    return {hit.value for hit in vocabulary("moves").finditer(text)}


def _move_between(text: str) -> str | None:
    """The move a stretch of text states; a downgrade or upgrade word outweighs "again"."""
    said = _moves_said(text)
    return next((move for move in _MOVE_PRIORITY if move in said), None)


# What a heading of country names leaves over: separators ("BARBADOS, THE BAHAMAS AND ...")
_HEADING_REST = compile_guarded(r"[\s,.:;&—–-]*(?:(?:AND|THE|And|The|and|the)[\s,.:;&—–-]+)*")


def _country_heading(sentence: Sentence, countries: list[Mention]) -> bool:
    """A paragraph that opens with country names in capitals and nothing else ("GUYANA.",
    "BARBADOS, THE BAHAMAS AND ANTIGUA AND BARBUDA."): the section of those countries."""
    words = sentence.text.strip(" .:")
    if not countries or not words.isupper() or len(words) > 120:
        return False
    cursor = sentence.start
    for mention in countries:
        if not _HEADING_REST.fullmatch(sentence.text, cursor - sentence.start,
                                       mention.start - sentence.start):
            return False
        cursor = mention.end
    return _HEADING_REST.fullmatch(sentence.text, cursor - sentence.start) is not None


def extract_facts(context: DocumentContext) -> list[_Fact]:
    """Every placement statement of the text, sentence by sentence."""
    text, groups, main = context.text, context.groups, context.main
    facts: list[_Fact] = []
    pending = report_pending(text, context.sentences)
    leaked = vocabulary("leaks").search(text) is not None
    subjects = sorted(context.subjects, key=lambda mention: mention.start)
    starts = [mention.start for mention in subjects]  # bisected: linear in the text's length
    previous_tiers: list[TierMention] = []
    section: list[Mention] = []  # the countries a paragraph's heading names ("GUYANA.")
    for number, sentence in enumerate(context.sentences):
        in_sentence = subjects[bisect_left(starts, sentence.start):
                               bisect_left(starts, sentence.end)]
        if number == 0 or context.sentences[number - 1].paragraph != sentence.paragraph:
            section = in_sentence if _country_heading(sentence, in_sentence) else []
        if sentence.text.rstrip(" \"”’'").endswith("?") or _DENIED_CLAIM.search(sentence.text):
            continue  # a question or a denied rumour places nothing
        tiers = find_tiers(sentence.text, sentence.start)
        if not tiers and (named := _named_list(text, sentence, in_sentence, previous_tiers)):
            facts.extend(named)
            previous_tiers = []
            continue
        previous_tiers = tiers
        if not tiers:
            kept = _kept_there(sentence, in_sentence, facts, main, pending)
            facts.extend(kept or _shared_placements(sentence, in_sentence, facts, main, pending))
            continue
        facts.extend(_sentence_facts(text, sentence, tiers, in_sentence, groups, main, pending,
                                     leaked, section))
    if main is not None and not any(f.code == main and f.tier is not None for f in facts):
        facts.extend(_section_heading(context) or _fully_meets(context))
    return facts


# "VI. Special Cases", "Tier 2 Watch List": a heading that is only a tier's name (the section of
# the report a copied country chapter comes from)
_SECTION_NUMBER = compile_guarded(r"^\s*(?:[IVX]{1,5}|\d{1,2})[.)]?\s+")


def _section_heading(context: DocumentContext) -> list[_Fact]:
    """The main country's tier from a headline that names nothing but a tier."""
    if not context.sentences:
        return []
    heading = context.sentences[0]
    if _SECTION_NUMBER.fullmatch(heading.text + " ") and len(context.sentences) > 1:
        heading = context.sentences[1]  # "VI." split off as a sentence of its own
    numbered = _SECTION_NUMBER.match(heading.text)
    body = heading.text[numbered.end() if numbered else 0 :].strip(" .:\n")
    tiers = find_tiers(body)
    if len(tiers) != 1 or tiers[0].end - tiers[0].start != len(body) or any(
            m.start < heading.end for m in context.mentions):
        return []
    offset = heading.text.find(body)
    span = Span(heading.start + offset, heading.start + offset + len(body))
    return [_Fact(str(context.main), tiers[0].tier, None, None, None, "current", span, heading,
                  ("the report section a chapter is headed by",
                   f"tier wording: {tiers[0].wording}"))]


def _fully_meets(context: DocumentContext) -> list[_Fact]:
    """'The Government of X fully meets the minimum standards': Tier 1 by the law's definition,
    for a main country the text gives no tier in words."""
    facts: list[_Fact] = []
    for sentence in context.sentences:
        for hit in vocabulary("standards").finditer(sentence.text):
            if hit.value != "Tier 1":
                continue
            before = sentence.text[: hit.start]
            named = any(m.code == context.main and sentence.start <= m.start
                        < sentence.start + hit.start for m in context.subjects)
            if not (named or _ANAPHOR.search(before)) or vocabulary("hedges").search(before):
                continue
            start = sentence.start + hit.start
            facts.append(_Fact(str(context.main), Tier.TIER_1, None, None, None, "current",
                               Span(start, sentence.start + hit.end), sentence,
                               ("implied by fully meeting the minimum standards",
                                f"standards wording: standards.{hit.entry.id}")))
    return facts[:1]


def _sentence_facts(
    text: str,
    sentence: Sentence,
    tiers: list[TierMention],
    countries: list[Mention],
    groups: list[GroupMention],
    main: str | None,
    pending: bool,
    leaked: bool,
    section: Sequence[Mention] = (),
) -> list[_Fact]:
    facts: list[_Fact] = []
    excepted: set[str] = set()
    except_match = _EXCEPT.search(sentence.text)
    if except_match:
        cut = sentence.start + except_match.start()
        excepted = {m.code for m in countries if m.start > cut}
    clauses = _clauses(sentence)
    previous_clause_tiers: list[TierMention] = []
    bare_subject: list[Mention] = []  # "Ghana" of "Ghana, like Nigeria, was placed on Tier 2"
    for clause_start, clause_end in clauses:
        clause_text = text[clause_start:clause_end]
        clause_tiers = [t for t in tiers if clause_start <= t.start < clause_end]
        clause_countries = [m for m in countries if clause_start <= m.start < clause_end]
        clause_groups = [g for g in groups if clause_start <= g.start < clause_end]
        reasons: list[str] = ["subject named in the clause"]
        held, bare_subject = bare_subject, (
            clause_countries if not clause_tiers and _only_countries(
                text, clause_start, clause_end, clause_countries) else [])
        compared = bool(held and clause_tiers and _LIKE_START.match(clause_text))
        if compared:
            clause_countries = [*held, *clause_countries]
            reasons = ["subject before a comparison"]
        if not clause_tiers:
            if clause_countries and _LIST_START.match(clause_text) and previous_clause_tiers:
                clause_tiers = previous_clause_tiers
                reasons = ["listed after a tier of the sentence"]
            elif clause_countries and previous_clause_tiers and _JOINED_IT.search(clause_text):
                clause_tiers = previous_clause_tiers  # "..., and Suriname joined it there"
                reasons = ["joined the placement of the clause before"]
            elif clause_countries and previous_clause_tiers and _STAYED_THERE.search(clause_text):
                # "Cambodia was downgraded to Tier 3, while Malaysia stayed there"
                clause_tiers = previous_clause_tiers
                reasons = ["stayed on the tier of the clause before"]
            else:
                continue
        else:
            previous_clause_tiers = clause_tiers
        if _NOT_PLACED.search(clause_text):  # "Germany has not been placed in the top group"
            continue
        subjects: list[tuple[str, int, int]] = [
            (m.code, m.start, m.end) for m in (clause_countries if compared else _placed_runs(
                text, clause_start, clause_countries, clause_tiers))
        ]
        if _EXCEPT.match(clause_text.lstrip(", ")):
            continue
        for group in clause_groups:
            if not _GROUP_ALL.search(text[max(sentence.start, group.start - 30) : group.start]):
                continue
            named = {m.code for m in countries}
            for code in group.members:
                if code != main and code not in excepted and code not in named:
                    subjects.append((code, group.start, group.end))
            reasons = ["member of a group placed together"]
        opening = _SUBJECT_ANAPHOR.match(clause_text)
        if (main is not None and opening and subjects and main not in {c for c, _, _ in subjects}
                and clause_start + opening.end() <= min(t.start for t in clause_tiers)):
            subjects.insert(0, (main, clause_start + opening.start(), clause_start + opening.end()))
            reasons = [*reasons, "main country as the clause's subject"]
        if not subjects:
            before = [m for m in countries if m.start < clause_start]
            if section and not countries:
                # "GUYANA. Georgetown stays on the watch list.": the country of the section
                subjects = [(m.code, m.start, m.end) for m in section]
                reasons = ["country of the section's heading"]
            elif _RELATIVE_START.match(clause_text) and before:
                last = before[-1]
                subjects = [(last.code, last.start, last.end)]
                reasons = ["relative clause after the country"]
            elif main is not None and (anaphor := _ANAPHOR.search(clause_text)) and (
                    not before or {m.code for m in before} == {main}) and (
                    not _GENERIC_RULE.search(clause_text)):
                # "... kept Uzbekistan off Tier 3; it stays on the Watch List": the article's
                # country, also when it is the only country the sentence named before
                subjects = [(main, clause_start + anaphor.start(), clause_start + anaphor.end())]
                reasons = ["main country as the clause's 'it'"]
            elif before and _SAME_SUBJECT.match(clause_text) and _opens_with(sentence, before[0]):
                first = before[0]
                subjects = [(first.code, first.start, first.end)]
                reasons = ["subject of the sentence, carried to its next verb"]
            elif main is not None and _ANAPHOR.search(sentence.text) and not countries and (
                    not _GENERIC_RULE.search(clause_text)):
                subjects = [(main, clause_start, clause_start)]
                reasons = ["main country as the sentence's 'it'"]
            else:
                continue
        tier_end = max(t.end for t in clause_tiers)
        reach = _WHEN_AFTER_TIER.match(text, tier_end, clause_end)
        reach_from = reach.end() if reach else tier_end
        if vocabulary("conditions").search(
                text, tier_end, min(clause_end, reach_from + _CONDITION_REACH)) is not None:
            continue  # "moved to Tier 3 if it fails to act": a threat, no placement
        status_hit = vocabulary("status").search(text, sentence.start, sentence.end)
        status = "official"
        if status_hit is not None:
            status = str(status_hit.value)
            if status == "expected" and leaked:
                status = "leaked"
            reasons.append(f"{status} wording: {status_hit.entry.id}")
        else:
            subjects = [
                subject
                for subject in subjects
                if vocabulary("hedges").search(text, max(clause_start, subject[1] - _HEDGE_REACH),
                                               max(subject[2], tier_end)) is None
            ]
        run_starts = {m.start: run[0].start for run in _runs(text, clause_countries)
                      for m in run}
        for code, start, end in sorted(subjects, key=lambda s: s[1]):
            run_start = run_starts.get(start, start)
            earlier = [m.end for m in clause_countries if m.end <= run_start]
            window_start = earlier[-1] if earlier else clause_start
            time_start = run_start if earlier else clause_start
            window = text[time_start : min(clause_end, max(end, tier_end) + 25)]
            for tier in clause_tiers:
                attached = _attached_previous_time(text, tier)
                if attached is not None:  # said of that tier alone, not of the subject
                    a = tier.end + attached.start() - time_start
                    b = tier.end + attached.end() - time_start
                    if 0 <= a < b <= len(window):
                        window = window[:a] + " " * (b - a) + window[b:]
            # (a time that opens the clause, "A year ago Turkey was named alongside Greece
            # on the bottom tier", is said of every country in it)
            said_previous = bool(_PREVIOUS_TIME.search(window)) or bool(
                _PREVIOUS_TIME.match(text, clause_start + len(clause_text)
                                     - len(clause_text.lstrip(" ,\"“")), clause_end))
            coming = status != "official"  # a claim about the report still to come
            timeframe = "previous" if ((pending and not coming) or said_previous) else "current"
            fact_reasons = [*reasons]
            if said_previous:
                fact_reasons.append("said of last year")
            elif pending and not coming:
                fact_reasons.append(_IN_FORCE)
            undated = [t for t in clause_tiers if _placement_year(text, t.start, t.end) is None]
            dated = [t for t in clause_tiers if t not in undated]
            if dated and any(_role(text, clause_start, t) == "current" for t in undated):
                # "placed on the watch list in 2012, was moved up to Tier 2": two placements
                for tier in dated:
                    facts.append(_fact_for(text, sentence, clause_start, clause_end, [tier],
                                           code, start, end, timeframe, fact_reasons,
                                           window_start, status))
                tiers_for_now = undated
            else:
                tiers_for_now = clause_tiers
            facts.append(
                _fact_for(text, sentence, clause_start, clause_end, tiers_for_now, code, start,
                          end, timeframe, fact_reasons, window_start, status)
            )
    return facts


_SUBJECT_IT = compile_guarded(r"^\W*(?:it|the\s+" + _STATE_NOUN + r")\s+(?:has\s+|had\s+)?"
                         r"(?:joined|joins|shares|shared)\b", re.I)
_OTHERS_IN_GROUP = compile_guarded(
    r"^\W*(?:the\s+)?(?:other|fellow)\s+(?:countries|nations|members|states)\b", re.I)
_GROUP_REACH = 3  # sentences back that "the same group" can point to
_THEY_ARE = compile_guarded(r"^\W*(?:they|these|those)\s+(?:are|were|include|included)\b"
                      r"\s*:?\s*", re.I)


_OPENING = compile_guarded(r"^\W*(?:the\s+|The\s+)?$")


def _opens_with(sentence: Sentence, mention: Mention) -> bool:
    """Whether the sentence opens with this country (its subject)."""
    return mention.start >= sentence.start and _OPENING.match(
        sentence.text[: mention.start - sentence.start]) is not None


def _named_list(
    text: str, sentence: Sentence, countries: list[Mention], previous: list[TierMention]
) -> list[_Fact]:
    """'... the 25 countries on the Tier 2 Watch List ... They are A, B and C.': a sentence
    that only names the countries a sentence before counted gives them its one tier."""
    opening = _THEY_ARE.match(sentence.text)
    if opening is None or not countries or len({t.tier for t in previous}) != 1:
        return []
    runs = _runs(text, countries)
    if len(runs) != 1 or runs[0][0].start - sentence.start > opening.end() + 6:
        return []
    tier = previous[0]
    return [_Fact(m.code, tier.tier, None, None, None, "current", Span(m.start, m.end),
                  sentence, ("named in a list after the tier's sentence",
                             f"tier wording: {tier.wording}"))
            for m in runs[0]]


def _runs(text: str, countries: list[Mention]) -> list[list[Mention]]:
    """Countries listed together ("Iran, Libya and Cuba") form one run."""
    runs: list[list[Mention]] = []
    for mention in countries:
        if runs and _LIST_GAP.match(text[runs[-1][-1].end : mention.start]):
            runs[-1].append(mention)
        else:
            runs.append([mention])
    return runs


# A clause that opens with a comparison set off by commas: "Ghana, like Nigeria and Togo, was
# placed on Tier 2" says the tier of Ghana as well as of the countries compared.
_LIKE_START = compile_guarded(
    r"^\s*(?:like|as\s+with|alongside|along\s+with|together\s+with|as\s+well\s+as)\b", re.I)
_ONLY_JOINERS = compile_guarded(r"[\s,]*(?:(?:and|the|neighbou?ring)\b[\s,]*)*", re.I)


def _only_countries(text: str, start: int, end: int, countries: list[Mention]) -> bool:
    """Whether a clause is nothing but country names (a subject waiting for its verb)."""
    if not countries:
        return False
    rest, cursor = [], start
    for mention in countries:
        rest.append(text[cursor : mention.start])
        cursor = mention.end
    rest.append(text[cursor:end])
    return _ONLY_JOINERS.fullmatch(" ".join(rest)) is not None


def _placed_runs(
    text: str, clause_start: int, countries: list[Mention], tiers: list[TierMention]
) -> list[Mention]:
    """The countries of a clause that a tier can belong to.

    Of several runs, one introduced by a preposition ("trafficked to Thailand", "like Nepal",
    "maids in Malaysia") is a circumstance, not the subject, unless it directly follows a
    tier ("Tier 3 for Cambodia").
    """
    runs = _runs(text, countries)
    if len(runs) < 2:
        return countries
    kept: list[list[Mention]] = []
    for run in runs:
        before = text[max(clause_start, run[0].start - 30) : run[0].start]
        after_tier = any(0 <= run[0].start - t.end <= 6 for t in tiers)
        if (_PREPOSITION_BEFORE.search(before) and not after_tier
                and not _ALONGSIDE_BEFORE.search(before) and not NAMING_OF.search(before)):
            continue
        kept.append(run)
    if len(kept) > 1 and len(tiers) == 1:
        # one tier, several separate runs: the tier is said of the run next to it
        tier = tiers[0]

        def alongside(run: list[Mention]) -> bool:
            return _ALONGSIDE_BEFORE.search(
                text[max(clause_start, run[0].start - 30) : run[0].start]) is not None

        def distance(run: list[Mention]) -> int:
            return max(tier.start - run[-1].end, run[0].start - tier.end)

        # the subject's run is the nearest one not named as company ("X remained on Tier 3,
        # alongside Y and Z": X, and Y and Z with it)
        nearest = min([run for run in kept if not alongside(run)] or kept, key=distance)
        kept = [run for run in kept if run is nearest or alongside(run)
                or _JOINS.fullmatch(text, run[-1].end, nearest[0].start)]  # "X joins Y on Tier 3"
    return [mention for run in kept for mention in run] or countries


def _placement_year(text: str, start: int, end: int) -> int | None:
    """A year stated right at the placement: "2002's Tier 3", "placed on Tier 3 in 2015"."""
    after = text[end : end + 25]
    if (joined := _NEXT_CLAUSE.search(after)) is not None:
        after = after[: joined.start()]  # "rated Tier 3, and in 2020 it was ...": not its year
    match = _CLAUSE_YEAR.search(text[max(0, start - 12) : end] + after)
    if not match:
        return None
    return int(match.group(1) or match.group(2))


def _fact_for(
    text: str,
    sentence: Sentence,
    clause_start: int,
    clause_end: int,
    tiers: list[TierMention],
    code: str,
    start: int,
    end: int,
    timeframe: str,
    reasons: list[str],
    window_start: int,
    status: str,
) -> _Fact:
    previous = [t for t in tiers if _role(text, clause_start, t) == "previous"]
    current = [t for t in tiers if t not in previous]
    if len(current) > 1:
        after = [t for t in current if t.start >= end]
        before = [t for t in current if t.end <= start]
        if before and _LISTED_BEFORE.search(text, max(before[-1].end, start - 30), start):
            current = [before[-1]]  # "a dozen in Tier 1 (among them Canada) and ..."
        else:
            current = [after[0] if after else current[-1]]
    if len(previous) > 1:
        after = [t for t in previous if t.start >= end]
        previous = [after[0] if after else previous[-1]]
    tier = current[0].tier if current else None
    previous_tier = previous[0].tier if previous else None
    anchor = current[0] if current else previous[0]
    explicit_year = _placement_year(text, anchor.start, anchor.end)
    if explicit_year is None and (opening := _SENTENCE_YEAR.match(sentence.text)):
        explicit_year = int(opening.group(1))  # "In 2019, its ranking fell to ..."
    nearest = current[0] if current else (previous[0] if previous else None)
    lo = min(start, nearest.start) if nearest else start
    hi = max(end, nearest.end) if nearest else end
    move = _move_between(text[window_start : min(clause_end, max(end, hi))])
    if move is None and "unchanged" in _moves_said(text[max(end, hi) : min(clause_end,
                                                                           max(end, hi) + 40)]):
        move = "unchanged"  # "... on the watch list for the third consecutive year"
    if tier is None and previous_tier is not None and _STAYED_THERE.search(
            text, window_start, clause_end):
        # "Ecuador, which was also on Tier 3 last year, stayed there": the same tier again
        tier, move = previous_tier, "unchanged"
    if tier is not None and previous_tier is not None:
        move = move_between(previous_tier, tier)
    elif move == "unchanged" and tier is not None:
        previous_tier = tier
    if tier is None and previous_tier is not None and move != "upgrade" and move != "downgrade":
        move = None
    year_of_previous = None
    if explicit_year is not None and tier is None and previous_tier is not None:
        year_of_previous = explicit_year
    return _Fact(
        code=code,
        tier=tier,
        previous_tier=previous_tier,
        move=move,
        year=None if year_of_previous else explicit_year,
        timeframe=timeframe,
        span=Span(min(lo, sentence.end), min(max(hi, lo), sentence.end)),
        sentence=sentence,
        reasons=(*reasons, *(f"tier wording: {t.wording}" for t in tiers)),
        status=status,
    )


_STAYED_THERE = compile_guarded(
    r"\b(?:stay(?:s|ed|ing)?|remain(?:s|ed|ing)?|kept|keeps?|left)\s+(?:it\s+)?there\b", re.I)
# "The 2019 report keeps it there", "it stayed there": the main country on the tier the text
# last gave it
_KEPT_THERE = caseless(
    r"\b(?:(?:keeps?|kept|keeping|leaves?|left|retains?|retained)\s+(?:it|the\s+"
    + _STATE_NOUN + r")|(?:it|the\s+" + _STATE_NOUN + r")\s+(?:stays?|stayed|remains?|"
    r"remained))\s+there\b")


def _kept_there(
    sentence: Sentence, countries: list[Mention], facts: list[_Fact], main: str | None,
    pending: bool,
) -> list[_Fact]:
    """'... was on the Watch List in 2018. The 2019 report keeps it there.': the main
    country's last tier, unchanged, placed again by this sentence."""
    found = _KEPT_THERE.search(sentence.text)
    if main is None or found is None or any(m.code != main for m in countries):
        return []
    before = [f for f in facts if f.code == main and (f.tier or f.previous_tier)]
    if not before:
        return []
    tier = before[-1].tier or before[-1].previous_tier
    start = sentence.start + found.start()
    return [_Fact(main, tier, tier, "unchanged", None, "previous" if pending else "current",
                  Span(start, sentence.start + found.end()), sentence,
                  ("kept on the tier the text gave it before",), before[-1].status)]


def _shared_placements(
    sentence: Sentence,
    countries: list[Mention],
    facts: list[_Fact],
    main: str | None,
    pending: bool,
) -> list[_Fact]:
    """'a position it shares with Belarus and Sudan': the article country's tier in context."""
    same = _SAME_GROUP_AFTER.search(sentence.text)
    if same is not None:  # "Turkey is in the same group.": the countries named before it
        return _in_the_last_group(
            sentence, [m for m in countries if m.start < sentence.start + same.start()],
            facts) or []
    share = _SHARES.search(sentence.text)
    if main is None or share is None:
        return []
    main_before = any(m.code == main and m.start < sentence.start + share.start()
                      for m in countries) or bool(_SUBJECT_IT.match(sentence.text))
    if not (_SHARE_NOUN.search(sentence.text) or main_before):
        return []
    after = [m for m in countries if m.start >= sentence.start + share.start() and m.code != main]
    grouped = (_in_the_last_group(sentence, after, facts)
               if not main_before and _OTHERS_IN_GROUP.match(sentence.text) else None)
    if grouped is not None:
        # "Other countries in the same group include ...": the group of the last placement
        return grouped
    context = [f for f in facts if f.code == main and (f.tier or f.previous_tier)]
    if not context:
        return []
    if main_before and not _SHARE_NOUN.search(sentence.text):
        context = [f for f in context if f.timeframe == "current"] or context
    latest = context[-1]
    tier = latest.tier or latest.previous_tier
    timeframe = "previous" if (pending or latest.tier is None) else latest.timeframe
    return [
        _Fact(m.code, tier, None, None, latest.year, timeframe, Span(m.start, m.end), sentence,
              ("shares the main country's rank",), latest.status)
        for m in after
    ]


def _in_the_last_group(
    sentence: Sentence, countries: list[Mention], facts: list[_Fact]
) -> list[_Fact] | None:
    """The countries placed on the tier of the last placement named within a few sentences
    ("Other countries in the same group include ...", "Turkey is in the same group."); None
    when no placement was named that recently."""
    recent = [f for f in facts if f.tier is not None
              and sentence.index - f.sentence.index <= _GROUP_REACH]
    if not recent:
        return None
    last = recent[-1]
    return [_Fact(m.code, last.tier, None, None, last.year, last.timeframe, Span(m.start, m.end),
                  sentence, ("in the group of the last placement named",), last.status)
            for m in countries if m.code != last.code]


def _year_from_main_placement(facts: list[_Fact], context: DocumentContext) -> None:
    """A text that settles no report year but dates the main country's only placement ("In
    2019, its ranking fell to the watch list") is about that year's report."""
    if context.report_year is not None or context.main is None:
        return
    mine = [f for f in facts if f.code == context.main and f.tier is not None
            and f.timeframe == "current"]
    years = {f.year for f in mine}
    if mine and None not in years and len(years) == 1:
        (year,) = years
        assert year is not None
        context.report_year = year
        context.report_year_basis = "year of the main placement"


def _report_in_force(facts: list[_Fact], context: DocumentContext) -> list[_Fact]:
    """A story dated months before the next report ("PHNOM PENH, Feb. 10, 2020"), whose main
    country's placements are all stated as the published report's (a warning of what the next
    report may do places nothing), is about the report in force: the year before the
    dateline's is its report year, and the placements it states are that report's."""
    if context.main is None or not report_pending(context.text, context.sentences):
        return facts
    dated = dated_between_reports(context.text)
    mine = [f for f in facts if f.code == context.main and f.tier is not None]
    if dated is None or not mine or any(f.status != "official" for f in mine) or not any(
            _IN_FORCE in f.reasons for f in mine):
        return facts
    context.report_year = dated - 1
    context.report_year_basis = "dated months before the next report"
    return [replace(f, timeframe="current", reasons=tuple(
        "dated months before the next report" if r == _IN_FORCE else r for r in f.reasons))
            if _IN_FORCE in f.reasons else f for f in facts]


def assemble(facts: list[_Fact], context: DocumentContext) -> list[Placement]:
    """One placement per country and report (current, previous, other years), best evidence."""
    facts = _report_in_force(facts, context)
    _year_from_main_placement(facts, context)
    report_year, main = context.report_year, context.main
    standards = {str(hit.value) for hit in vocabulary("standards").finditer(context.text)}
    by_key: dict[tuple[str, str, int | None], list[_Fact]] = {}
    for fact in facts:
        timeframe, year = fact.timeframe, fact.year
        if year is not None and report_year is not None:
            if year == report_year:
                timeframe = "current"
            elif year == report_year - 1:
                timeframe, year = "previous", None
            else:
                timeframe = "historical"
        elif year is not None:
            timeframe = "historical"
        if timeframe == "previous" and fact.tier is not None:
            fact = replace(fact, previous_tier=None, move=None)
        by_key.setdefault((fact.code, timeframe, year if timeframe == "historical" else None),
                          []).append(replace(fact, timeframe=timeframe, year=year))
    placements: list[Placement] = []
    for (code, timeframe, year), group in sorted(
        by_key.items(), key=lambda item: (item[0][0], item[0][1], item[0][2] or 0)
    ):
        with_tier = [f for f in group if f.tier is not None]
        best = max(with_tier or group, key=lambda f: (f.confidence, -f.span.start))
        previous_tier = best.previous_tier or next(
            (f.previous_tier for f in group if f.previous_tier is not None), None
        )
        if timeframe == "current" and previous_tier is None:
            previous_tier = next(
                (f.tier for f in by_key.get((code, "previous", None), []) if f.tier), None
            )
        move = best.move
        if best.tier is not None and previous_tier is not None:
            move = move_between(previous_tier, best.tier)
        elif move is None:
            move = next((f.move for f in group if f.move), None)
        if timeframe == "current":
            placement_year = report_year
        elif timeframe == "previous":
            placement_year = report_year - 1 if report_year is not None else None
        else:
            placement_year = year
        if timeframe == "historical" and len(group) == 1 and best.tier is not None:
            move = move if best.previous_tier is not None else None
        if timeframe == "previous":
            if best.tier is None and previous_tier is not None:
                best = replace(best, tier=previous_tier)
            previous_tier, move = None, None
        if (best.tier is None and previous_tier == Tier.WATCH_LIST and move == "upgrade"
                and timeframe == "current" and code == main and "not Tier 1" in standards):
            # off the watch list and short of the minimum standards: Tier 2, by the law's terms
            best = replace(best, tier=Tier.TIER_2, reasons=(
                *best.reasons, "implied by leaving the watch list short of the standards"))
        if best.tier is None and previous_tier is None:
            continue
        placements.append(
            Placement(
                country=code,
                country_name=country_name(code),
                report_year=placement_year,
                tier=best.tier,
                previous_tier=previous_tier,
                move=move,
                timeframe=timeframe,
                main=code == main,
                span=best.span,
                sentence=best.sentence.text,
                confidence=best.confidence,
                claimant="TIP report" if best.status == "official" else "article",
                status=best.status,
                reasons=best.reasons,
            )
        )
    order = {"current": 0, "previous": 1, "historical": 2}
    placements.sort(key=lambda p: (not p.main, order[p.timeframe], -(p.report_year or 0),
                                   p.country_name))
    return placements
