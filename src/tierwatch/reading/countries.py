"""Mentions of countries in text, from every name and alias of the country registry.

One alternation regex over all spellings (longest first, so "South Sudan" wins over "Sudan"),
compiled once per process. The United States is mostly named as the report's author ("the US
State Department", "U.S. sanctions"), so those mentions are flagged ``issuer`` and never become
the subject of a placement or figure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache

from tierwatch.countries import all_countries
from tierwatch.reading.lexicon import compile_guarded, literal_alternation, vocabulary, weights

ISSUER_CODE = "USA"

# Regional groupings a reporter uses instead of listing members ("all other ASEAN members").
GROUPS: dict[str, tuple[str, ...]] = {
    "ASEAN": ("BRN", "KHM", "IDN", "LAO", "MYS", "MMR", "PHL", "SGP", "THA", "VNM"),
    "GCC": ("BHR", "KWT", "OMN", "QAT", "SAU", "ARE"),
}
_GROUP_PATTERN = compile_guarded(
    r"\b(?P<group>ASEAN|Asean|Association of South ?east Asian Nations|GCC|Gulf Cooperation "
    r"Council)\b(?:[ -](?:member )?(?:states|members|countries|nations|neighbou?rs))?"
)
_GROUP_KEYS = {"asean": "ASEAN", "association of southeast asian nations": "ASEAN",
               "association of south east asian nations": "ASEAN", "gcc": "GCC",
               "gulf cooperation council": "GCC"}
# The United States is a subject of placements only where the text ranks it ("the United
# States was placed on Tier 1", "the US, which ranks itself Tier 1"); otherwise it is the author.
_SELF_PLACED = compile_guarded(
    r"^\s*(?:is|was|remains?|remained|stays?|stayed|itself|also\s+(?:is|was|remains?)|"
    r"joined|joins|(?:,\s*which\s+)?(?:(?:has|had|again|once\s+more|once\s+again|also)\s+){0,2}"
    r"(?:ranks|ranked|placed|places|rates|rated|graded|grades|puts|put|kept|keeps)\s+itself)\b"
)
# "the report ranks the United States", "placing the US in Tier 1": the object of a ranking
_RANKED_OBJECT = compile_guarded(
    r"\b(?:ranks?|ranked|ranking|places?|placed|placing|rates?|rated|rating|assess(?:es|ed)?|"
    r"downgrad(?:es|ed|ing)|upgrad(?:es|ed|ing))\s+(?:the\s+)?$")
_ISSUER_FOLLOWERS = compile_guarded(
    r"^[’']?s?\s*(State|Department|government|Government|Embassy|embassy|report|Report|"
    r"officials?|law|Congress|president|President|administration|aid|sanctions|trafficking|"
    r"Trafficking|assistance|ambassador|Ambassador|diplomats?|-based|Secretary|annual|said|says|"
    r"announced|has said|warned|ranks|placed|downgraded|upgraded)"
)


# "Tier 1 governments such as the US": one of the countries a tier lists
_LISTED_AFTER = compile_guarded(
    r"\b(?:including|such\s+as|like|among\s+them|as\s+well\s+as|along\s+with|alongside|"
    r"joining|joined)\s+(?:the\s+)?$")


@dataclass(frozen=True, slots=True)
class Mention:
    """A country named at ``start:end`` of the text."""

    code: str
    name: str
    start: int
    end: int
    issuer: bool = False
    adjective: bool = False  # "Kenyan activists": points to a country, never a placed subject


@dataclass(frozen=True, slots=True)
class GroupMention:
    group: str
    members: tuple[str, ...]
    start: int
    end: int


@cache
def _matcher() -> tuple[re.Pattern[str], dict[str, tuple[str, str]]]:
    spellings: dict[str, tuple[str, str]] = {}
    for country in all_countries():
        for spelling in country.names:
            spelling = spelling.strip()
            if len(spelling) < 2 or not spelling[0].isupper() or "," in spelling:
                continue  # "Korea, North" style list forms do not occur in prose as such
            for variant in (spelling, spelling.replace("'", "’")):
                spellings.setdefault(variant, (country.code, country.name))
                if len(variant) > 4:  # report headings: "CAMBODIA: TIER 2 WATCH LIST"
                    spellings.setdefault(variant.upper(), (country.code, country.name))
                first, _, rest = variant.partition(" ")
                if rest and len(first) > 2:  # a paper's opening word: "SOLOMON Islands has"
                    spellings.setdefault(f"{first.upper()} {rest}", (country.code, country.name))
    alternatives = sorted(spellings, key=lambda s: (-len(s), s))
    pattern = compile_guarded(r"(?<![\w.])" + literal_alternation(alternatives) + r"(?![\w])")
    return pattern, spellings


def find_mentions(text: str) -> list[Mention]:
    """Every country mention, in order of position."""
    pattern, spellings = _matcher()
    mentions: list[Mention] = []
    for match in pattern.finditer(text):
        code, name = spellings[match.group(0)]
        issuer = code == ISSUER_CODE and not _SELF_PLACED.match(
            text[match.end() : match.end() + 60]
        ) and not _RANKED_OBJECT.search(text[max(0, match.start() - 30) : match.start()]) and (
            not _LISTED_AFTER.search(text[max(0, match.start() - 30) : match.start()]))
        mentions.append(Mention(code, name, match.start(), match.end(), issuer))
    mentions = _listed_issuer(text, mentions)
    mentions = _in_capitals(text, pattern, spellings, mentions)
    aliases = [Mention(str(hit.value), country_name(str(hit.value)), hit.start, hit.end)
               for hit in vocabulary("country_aliases").finditer(text)]
    if aliases:
        # an alias holding a shorter registry name ("Democratic Republic of Congo" around
        # "Republic of Congo") replaces it; one overlapping a name otherwise gives way
        inside = {id(m) for m in mentions for a in aliases if a.start <= m.start and m.end <= a.end
                  and a.end - a.start > m.end - m.start}
        kept = [m for m in mentions if id(m) not in inside]
        aliases = [a for a in aliases
                   if not any(m.start < a.end and a.start < m.end for m in kept)]
        mentions = sorted(kept + aliases, key=lambda m: (m.start, m.end))
    places = [(hit.start, hit.end) for hit in vocabulary("place_names").finditer(text)]
    if places:
        mentions = [m for m in mentions
                    if not any(start <= m.start and m.end <= end for start, end in places)]
    return _bare_names(text, mentions)


def _dateline_country(text: str) -> str | None:
    """The country of the city a story is filed from ("GOMA, March 4 -"), if known."""
    for hit in vocabulary("dateline_cities").finditer(text[:_DATELINE_WINDOW]):
        line_start = text.rfind("\n", 0, hit.start) + 1
        if not text[line_start : hit.start].strip() and _DATELINE_AFTER.match(text, hit.end):
            return str(hit.value)
    return None


_DATELINE_WINDOW = 600  # a dateline sits at the top of a story
_DATELINE_AFTER = compile_guarded(r"\s*(?:[,(—–]|-\s|\s-)")


def _bare_names(text: str, mentions: list[Mention]) -> list[Mention]:
    """A bare name two countries share ("Congo") read as the one the text means: the country
    of the dateline, else the one the text names only in full (bare_names.yaml)."""
    hits = {(hit.start, hit.end): str(hit.value)
            for hit in vocabulary("bare_names").finditer(text)}
    if not hits:
        return mentions
    bare = [m for m in mentions if hits.get((m.start, m.end), m.code) != m.code]
    if not bare:
        return mentions
    dateline = _dateline_country(text)
    switched: dict[int, str] = {}
    for mention in bare:
        other = hits[(mention.start, mention.end)]
        if dateline is not None:
            meant = dateline if dateline in (other, mention.code) else mention.code
        else:
            full = {m.code for m in mentions if (m.start, m.end) not in hits}
            meant = other if other in full and mention.code not in full else mention.code
        if meant != mention.code:
            switched[id(mention)] = meant
    return [Mention(switched[id(m)], country_name(switched[id(m)]), m.start, m.end, m.issuer,
                    m.adjective) if id(m) in switched else m for m in mentions]


# A line in capitals (a headline, a cable's subject line): its country names are matched as
# they would be written in a sentence ("OMAN" as "Oman", "SOUTH SUDAN" as "South Sudan").
_CAPITALS_LINE = compile_guarded(r"^(?=[^a-z\n]*[A-Z]{3})[^a-z\n]+$", re.M)
_SMALL_WORDS = compile_guarded(r"\b(?:Of|The|And)\b")


def _in_capitals(text: str, pattern: re.Pattern[str], spellings: dict[str, tuple[str, str]],
                 mentions: list[Mention]) -> list[Mention]:
    found: list[Mention] = []
    for line in _CAPITALS_LINE.finditer(text):
        written = _SMALL_WORDS.sub(lambda word: word.group(0).lower(), line.group(0).title())
        if len(written) != len(line.group(0)):
            continue  # a letter whose case changes its length: offsets would not hold
        for match in pattern.finditer(written):
            code, name = spellings[match.group(0)]
            start, end = line.start() + match.start(), line.start() + match.end()
            if code != ISSUER_CODE and not any(m.start < end and start < m.end
                                               for m in mentions):
                found.append(Mention(code, name, start, end))
    return sorted(mentions + found, key=lambda m: (m.start, m.end)) if found else mentions


_IN_A_LIST = compile_guarded(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?$")


_LIST_END = compile_guarded(r"\s*(?:[,.;)]|and\s+others\b)")


def _listed_issuer(text: str, mentions: list[Mention]) -> list[Mention]:
    """The United States named in a list of countries ("along with the US, UK and
    Switzerland") is one of the placed countries, not the report's author."""
    listed: list[Mention] = []
    for index, mention in enumerate(mentions):
        if mention.issuer:
            before = index > 0 and _IN_A_LIST.match(text[mentions[index - 1].end : mention.start])
            after = index + 1 < len(mentions) and _IN_A_LIST.match(
                text[mention.end : mentions[index + 1].start])
            if after or (before and _LIST_END.match(text, mention.end)):
                mention = Mention(mention.code, mention.name, mention.start, mention.end)
        listed.append(mention)
    return listed


@cache
def _adjective_matcher() -> tuple[re.Pattern[str], dict[str, str]]:
    from importlib import resources

    table: dict[str, str] = json.loads(resources.files("tierwatch.countries").joinpath(
        "demonyms.json").read_text(encoding="utf-8"))
    alternatives = sorted(table, key=lambda s: (-len(s), s))
    pattern = compile_guarded(r"(?<![\w.])" + literal_alternation(alternatives) + r"(?![\w])")
    return pattern, table


def find_adjectives(text: str) -> list[Mention]:
    """Country adjectives ("Kenyan", "Burmese authorities"): they tell which country a text
    or a figure is about, but never name the subject of a placement."""
    pattern, table = _adjective_matcher()
    return [Mention(table[m.group(0)], country_name(table[m.group(0)]), m.start(), m.end(),
                    adjective=True) for m in pattern.finditer(text)]


def find_groups(text: str) -> list[GroupMention]:
    """Mentions of regional groupings with their member codes."""
    found: list[GroupMention] = []
    for match in _GROUP_PATTERN.finditer(text):
        key = _GROUP_KEYS[re.sub(r"\s+", " ", match.group("group")).lower().replace("-", " ")]
        found.append(GroupMention(key, GROUPS[key], match.start(), match.end()))
    return found


def country_name(code: str) -> str:
    """Display name of a registry code (the code itself when the registry lacks it)."""
    return _names_by_code().get(code, code)


@cache
def _names_by_code() -> dict[str, str]:
    """Each code's display name, looked up once per mention rather than searched for."""
    return {country.code: country.name for country in reversed(all_countries())}


_CIRCUMSTANCE_BEFORE = compile_guarded(
    r"\b(?:to|from|in|into|with|of|for|across|via|between|like|unlike|than|toward|towards|"
    r"through|within|inside|outside|near|around|among|including|also\s+in|also\s+to)\s+"
    r"(?:the\s+|neighbouring\s+|neighboring\s+|nearby\s+)?$",
    re.I,
)


# "the island territory of Aruba", "the Government of Chad": the country named, not a place
# a sentence only mentions
NAMING_OF = compile_guarded(
    r"\b(?:territory|island|islands|country|nation|kingdom|republic|state|government|"
    r"sultanate|emirate|principality)\s+of\s+(?:the\s+)?$", re.I)
_LIST_JOIN = compile_guarded(r"^(?:\s*,\s*(?:and\s+|or\s+)?|\s+(?:and|or|&)\s+)(?:the\s+)?$")


def main_weight(
    mention: Mention, text: str, title_end: int, lede_end: int, head: Mention | None = None
) -> float:
    """How much one mention says the text is about that country: where it stands (headline,
    lede, body), whether it is a subject or a circumstance ("workers sent to Kuwait"), and
    whether it is a name or an adjective (weights in lexicon/weights.yaml)."""
    table = weights()
    place = ("main: headline" if mention.start < title_end
             else "main: lede" if mention.start < lede_end else "main: body")
    weight = table[place]
    lead = head or mention  # a list member stands where its list's first member stands
    before = text[max(0, lead.start - 30) : lead.start]
    if _CIRCUMSTANCE_BEFORE.search(before) and not NAMING_OF.search(before):
        weight *= table["main: after a preposition"]
    if mention.adjective:
        weight *= table["main: adjective"]
    return weight


_SENTENCE_END = compile_guarded(r"[.!?][\"”’']?\s")
_ROUND_UP_WIDE = 8
_ROUND_UP_FEW = 3
_ROUND_UP_MIN = 4  # countries, each named once


def _round_up(mentions: list[Mention], text: str, title_end: int, lede_end: int) -> bool:
    """A round-up ("Winners and losers in the region"): neither the headline nor the first
    sentence after it names a country, and four or more are each named once, none more than
    another, or eight or more are named, none more than three times (a list with a remark on
    a few); the text has no single main country."""
    end = _SENTENCE_END.search(text, title_end, lede_end)
    first_end = end.end() if end else lede_end
    if any(m.start < first_end for m in mentions):
        return False
    counts: dict[str, int] = {}
    for mention in mentions:
        counts[mention.code] = counts.get(mention.code, 0) + 1
    top = max(counts.values(), default=0)
    return len(counts) >= _ROUND_UP_MIN and (
        top == 1 or (len(counts) >= _ROUND_UP_WIDE and top <= _ROUND_UP_FEW))


def main_country(
    mentions: list[Mention], text: str, title_end: int, lede_end: int
) -> str | None:
    """The country the text is about: the most weight of mentions (``main_weight``). None
    when no country is named as a subject, or when three or more share the top weight (a
    round-up or a list, with no single main country)."""
    names = [m for m in mentions if not m.adjective]
    counted = [m for m in mentions if not m.issuer and not (m.adjective and any(
        n.start < m.end and m.start < n.end for n in names))]  # "Saudi" inside "Saudi Arabia"
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    head: Mention | None = None
    previous: Mention | None = None
    for mention in counted:
        listed = previous is not None and _LIST_JOIN.match(text[previous.end : mention.start])
        head = head if listed else mention
        scores[mention.code] = scores.get(mention.code, 0.0) + main_weight(
            mention, text, title_end, lede_end, head)
        first.setdefault(mention.code, mention.start)
        previous = mention
    if not scores or _round_up(counted, text, title_end, lede_end):
        return None
    top = max(scores.values())
    if sum(1 for score in scores.values() if abs(score - top) < 1e-6) >= 3:
        return None
    # within the near-tie share of the top, the country named first (the headline's) wins
    near = weights()["main: near tie"] * top
    return min((code for code in scores if scores[code] >= near - 1e-6),
               key=lambda code: first[code])
