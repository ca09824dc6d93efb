"""Who says what: named speakers, their organisation, their stance, and who asserts a sentence.

Speakers are found next to speech verbs in the usual newspaper shapes: "NAME, ROLE of ORG,
said", "ROLE NAME said", "said ROLE NAME", "“...,” says NAME". Later "Mr NAME", a surname or
"he"/"she" refer back to the last matching speaker. The kind of a speaker or source
(``TIP report``, ``government``, ``NGO``, ``international organisation``, ``other source``)
comes from words of their role and organisation, in that order of precedence: the State
Department's officials speak for the report; a ministry's for the government.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tierwatch.reading import lexicon
from tierwatch.reading.lexicon import (
    AsWritten,
    Caseless,
    Filtered,
    caseless,
    compile_guarded,
    vocabulary,
)
from tierwatch.reading.model import Sentence, Span, Speaker

_VERBS = "|".join(f"(?:{e.pattern})" for e in vocabulary("speech_verbs").entries)
# Letters of names beyond ASCII too ("Domínguez", "Ñúñez", "Šimić"): Latin-1 and Latin
# Extended-A, by case.
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_TOKEN = (rf"(?:[{_UPPER}][{_LOWER}]+(?:[-’'][{_UPPER}]?[{_LOWER}]+)?|[A-Z]{{2,}}(?![a-z])|"
          r"[A-Z]\.)")
_NAME_SUFFIX = r"(?:,?\s+(?:Jr|Sr)\.|\s+(?:Jr|Sr|II|III)\b)"
_NAME = rf"(?P<name>{_TOKEN}(?:\s+{_TOKEN}){{1,3}}{_NAME_SUFFIX}?)"
_NOT_NAME_WORDS = frozenset(
    re.findall(
        r"\S+",
        """The A An This That It He She They We I In On At For Of And But However Ministry Minister
        Department Government Report Embassy Center Centre Foundation Index Office State Council
        National Interior Foreign Labor Labour Affairs Police Court Agency Commission Committee
        Association Organization Organisation International United Nations Women Children Human
        Rights Trafficking Persons Secretary Director Deputy Head Chief President Prime Spokesman
        Spokeswoman Mr Mrs Ms Dr Asked Speaking According Also Officials Other Most Some
        Campaigners Advocates Attendants Authorities Global Slavery Walk Free Monday Tuesday
        Wednesday Thursday Friday Saturday Sunday January February March April May June July
        August September October November December US U.S. UN U.N. NGO NGOs Tier Watch List Network
        Group Promotion Project Programme Program Union Institute University Bank Party Front
        Movement Coalition Alliance Fund Service Services Unit Bureau Agency Council Mission
        Centre Society Federation League Trust Initiative Campaign Justice Labour Migrant
        Commissioner Inspector Ambassador Senator Judge Colonel General Adviser Advisor
        Coordinator Chairman Chairwoman Chair Commander Executive Founder Governor Mayor
        Spokesperson Undersecretary Vice Acting Chargé Public Prosecution Prosecutions
        Prosecutor Secretariat Authority Directorate Inspectorate Task Force Taskforce""",
    )
)
_APPOSITIVE = Filtered(
    _NAME + r",\s+(?P<role>[^,“”\"—–]{3,160}?(?:\([A-Z]+\))?[^,“”\"—–]{0,60}?)"
    r"(?:,\s+(?:a\s+[^,]{3,60},\s+)?|\s*[—–][^—–]{0,200}[—–]\s*)(?:also\s+)?(?:"
    + _VERBS + r")\b"
)
_ANY_VERB = Filtered(r"\b(?:" + _VERBS + r")\b")
_BEFORE_VERB = Filtered(_NAME + r",?\s+(?:(?:has|had|also)\s+)?(?:" + _VERBS + r")\b")
_NAME_OF = Filtered(
    _NAME + r"\s+(?:of|from|at|with)\s+(?P<role>(?:the\s+)?[\w][^,.;“”\"]{2,100}?)\s+(?:"
    + _VERBS + r")\b"
)
_AFTER_VERB = Filtered(
    r"\b(?:" + _VERBS + r")\s+(?:the\s+(?P<role>[^,.“”\"]{0,60}?)\s+)?" + _NAME
    + r"(?=\s*(?:[,.;:)]|$|\s+(?:of|at|from|who|in|on)\b))"
)
_TRAILING_ROLE = compile_guarded(r"^,\s+(?P<role>[^“”\"]{3,200}?)(?=[,.;]|$)")
_LEADING_ROLE = compile_guarded(r"(?P<role>[^,;:“”\"—–()]{2,70})$")
# "Minister of Gender, Children and Social Protection, NAME, has said": the role opens the
# sentence and the name stands in apposition to it.
_OPENING_ROLE = compile_guarded(r"^(?P<role>[A-Z][^;:“”\"—–()]{2,90}?),\s*$")
_HONORIFIC = Filtered(
    r"\b(?:Mr|Mrs|Ms|Dr|Miss)\.?\s+(?P<surname>[A-Z][\w’'-]+(?:\s+[A-Z][\w’'-]+)?)"
)
_HONORIFIC_ONLY = compile_guarded(r"^(?:Mr|Mrs|Ms|Dr|Miss)\.?$")
_PRONOUN_SPEECH = Filtered(r"\b(?:[Hh]e|[Ss]he)\s+(?:" + _VERBS + r")\b|\b(?:" + _VERBS
                             + r")\s+(?:he|she)\b")
_PRONOUN = compile_guarded(r"\b(?:[Hh]e|[Ss]he)\b")
_SURNAME_SPEECH = Filtered(
    r"(?:\b(?:says|said|admits|asks|insists|adds)\s+(?P<after>[A-Z][\w’'-]+)"
    r"|(?P<before>[A-Z][\w’'-]+)\s+(?:says|said|adds|added)\b)"
)

def _kinds() -> list[tuple[str, AsWritten]]:
    """One alternation per kind, in the order the kinds first appear in the lexicon."""
    grouped: dict[str, list[str]] = {}
    for entry in vocabulary("claimant_kinds").entries:
        grouped.setdefault(entry.value or "other source", []).append(f"(?:{entry.pattern})")
    return [(kind, caseless("|".join(parts))) for kind, parts in grouped.items()]


_KINDS = _kinds()
_STANCE = vocabulary("stance")
_REPORT_CUE = compile_guarded(
    r"\b(?:report|findings?|ranking|rank|tier|downgrade|upgrade|classification|placement|"
    r"assessment|graduation|decision|rating|status)\b",
    re.I,
)


def kind_of(text: str) -> str:
    """The kind of source a role, organisation or source name designates."""
    for kind, pattern in _KINDS:
        if pattern.search(text):
            return kind
    return "other source"


# Offices held in any kind of body: their organisation, when it names a kind, names theirs.
_ANY_BODY_OFFICE = compile_guarded(
    r"\b(?:[Ss]pokes(?:person|man|woman)|[Pp]resident|[Cc]hair(?:man|woman|person)?|[Hh]ead|"
    r"[Dd]irector|[Cc]oordinator)\b")


_BARE_OFFICIAL = compile_guarded(r"\b[Oo]fficials?\b")


def _office_kind(office: str, organisation: str | None) -> str:
    """The kind of an office holder: a spokesperson, president, chair, head or director
    speaks for their organisation ("a spokeswoman for a charity" is the charity's), any
    other office by its own words first (a minister is the government's, whatever the
    ministry is called)."""
    if organisation and _ANY_BODY_OFFICE.search(office):
        kind = kind_of(organisation)
        if kind != "other source":
            return kind
    kind = kind_of(office)
    if kind == "other source" and _BARE_OFFICIAL.search(office) and not (
            organisation and kind_of(organisation) == "other source"):
        return "government"  # "a senior official said": in a text on a ranking, the state's
    return kind


@dataclass(slots=True)
class _Known:
    speaker: Speaker
    sentence_index: int


def _clean_role(role: str | None) -> str | None:
    if not role:
        return None
    role = role.strip(" ,—–-").removeprefix("the ").removeprefix("The ").strip()
    return role or None


def _organisation(role: str | None) -> str | None:
    if not role:
        return None
    match = re.search(r"\b(?:of|at|for|with|from|to|in)\s+(?:the\s+)?(?P<org>[A-Z][^,;]*)", role)
    if match:
        return match.group("org").strip()
    caps = re.findall(r"[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*", role)
    return caps[0] if caps else None


def _not_a_name_word(token: str) -> bool:
    """A title, an organisation's word or a possessive: no part of a person's name."""
    return (token in _NOT_NAME_WORDS or token.rstrip("’'s") in _NOT_NAME_WORDS
            or token.endswith(("’s", "'s")))


# The last two words of a name as every name pattern ends it: followed by a space, a comma
# or another mark that ends a name, or by the end of the text (a name with "Jr." or "III"
# after it may end otherwise: a text holding one is always searched).
_NAME_PAIR = compile_guarded(rf"(?P<first>{_TOKEN})\s+(?P<last>{_TOKEN})(?=[\s,.;:)]|$)")
_SUFFIXED = compile_guarded(_NAME_SUFFIX)


def _may_name_someone(text: str) -> bool:
    """Whether two words of ``text`` could end a name (both may be part of one): where none
    can, no name pattern finds a name that keeps two words after ``_trim_name``. At each
    position at most one pair of words ends a name that way, so every start is visited."""
    if _SUFFIXED.search(text):
        return True
    position = 0
    while (pair := _NAME_PAIR.search(text, position)) is not None:
        if not (_not_a_name_word(pair.group("first")) or _not_a_name_word(pair.group("last"))):
            return True
        position = pair.start() + 1
    return False


def _trim_name(name: str) -> str:
    """The name without the title before it: "Home Minister Hamzah Zainudin" is Hamzah
    Zainudin (the words up to the last title word go; the caller keeps them as the role).
    What is left holds no word that cannot be part of a name."""
    tokens = name.split()
    cut = 0
    for index, token in enumerate(tokens):
        if _not_a_name_word(token):
            cut = index + 1
    return " ".join(tokens[cut:])


def _office_holder_in(sentence: Sentence) -> Speaker | None:
    """The last office holder the sentence names by the office alone ("the deputy foreign
    minister", "an official in the office"), as an unnamed speaker."""
    holder = None
    for match in _OFFICE_HOLDER.finditer(sentence.text):
        holder = match
    if holder is None:
        return None
    who = holder.group("who")
    organisation = holder.group("org")
    kind = _office_kind(f"{who} {organisation or ''}", organisation)
    start = sentence.start + holder.start("who")
    return Speaker(name=who, role=who, organisation=organisation, kind=kind, stance=None,
                   span=Span(start, start + len(who)), sentence=sentence.text, confidence=0.6)


_HOLDER_REACH = 6  # sentences back that "he said" may reach for an unnamed office holder


class SpeakerTracker:
    """Walks the sentences in order, recognising speakers and who asserts each sentence."""

    def __init__(self) -> None:
        self.speakers: list[Speaker] = []
        self._last: Speaker | None = None
        # the sentences since the last named speaker, newest last: an office holder named in
        # one of them without a name ("the deputy foreign minister spoke to reporters") is
        # whom a following "he said" refers to; they are searched only when one comes
        self._since_named: list[Sentence] = []
        self._holders: dict[int, Speaker | None] = {}

    def read(self, sentence: Sentence) -> Speaker | None:
        """The speaker of this sentence (new or referred back to), or None."""
        text = sentence.text
        spoken = _ANY_VERB.search(text) is not None
        if self._since_named and _PRONOUN_SPEECH.search(text):
            holder = self._office_holder_before()
            if holder is not None and not (_HONORIFIC.search(text) or self._new_speaker(sentence)):
                return holder  # "..., he said": the office holder named last
        found = self._read_named(sentence, spoken)
        if found is not None:
            self._since_named.clear()
            self._holders.clear()
            return found
        self._since_named.append(sentence)
        if len(self._since_named) > _HOLDER_REACH:
            self._holders.pop(self._since_named.pop(0).index, None)
        return None

    def _office_holder_before(self) -> Speaker | None:
        """The office holder named last in the sentences since the last named speaker."""
        for earlier in reversed(self._since_named):
            if earlier.index not in self._holders:
                self._holders[earlier.index] = _office_holder_in(earlier)
            if self._holders[earlier.index] is not None:
                return self._holders[earlier.index]
        return None

    def _read_named(self, sentence: Sentence, spoken: bool) -> Speaker | None:
        if not spoken and (not self.speakers or not _HONORIFIC.search(sentence.text)):
            # no speech verb to bring someone in or to refer back with ("he said", "Sok
            # says"), and no "Mr NAME": no one to bring in and no one referred to
            return None
        for match in _HONORIFIC.finditer(sentence.text) if self.speakers else ():
            known = self._by_surname(match.group("surname"))
            if known is not None:
                self._last = known
                self._update_stance(known, sentence)
                return known
        found = self._new_speaker(sentence) if spoken else None
        if found is not None:
            self._last = found
            return found
        referred = self._referred(sentence)
        if referred is not None:
            self._last = referred
            self._update_stance(referred, sentence)
        return referred

    def _new_speaker(self, sentence: Sentence) -> Speaker | None:
        """A speaker the sentence (one with a speech verb) brings in, or one it names again."""
        text = sentence.text
        if lexicon.FAST_PATHS and not _may_name_someone(text):
            return None
        for pattern in (_APPOSITIVE, _NAME_OF, _BEFORE_VERB, _AFTER_VERB):
            for match in pattern.finditer(text):
                name = _trim_name(match.group("name"))
                if len(name.split()) < 2:
                    continue
                role = _clean_role(match.groupdict().get("role"))
                title = match.group("name")[: match.group("name").index(name)].strip()
                if role is None and title and pattern is _AFTER_VERB:
                    role = title  # "said Foreign Minister NAME": the words trimmed are the role
                if pattern is _NAME_OF and role is not None:
                    role = f"of {role}"
                name_start = match.start("name") + match.group("name").index(name)
                if re.search(r"\b(?:and|of|for|the)\s+$", text[:name_start]):
                    continue  # "Ministry of Foreign Affairs and Regional Integration"
                if pattern is _BEFORE_VERB:
                    leading = (_OPENING_ROLE.match(text[:name_start])
                               or _LEADING_ROLE.search(text[:name_start]))
                    role = _clean_role(leading.group("role")) if leading else None
                elif pattern is _AFTER_VERB:
                    trailing = _TRAILING_ROLE.match(text[match.end("name") :])
                    if trailing:
                        role = _clean_role(trailing.group("role"))
                if role and (_HONORIFIC_ONLY.match(role) or len(role) < 3):
                    role = None
                known = self._by_name(name)
                if known is not None:
                    self._update_stance(known, sentence)
                    return self.speakers[self.speakers.index(known)]
                organisation = _organisation(role)
                kind = _office_kind(f"{role or ''} {organisation or ''}", organisation)
                start = sentence.start + name_start
                speaker = Speaker(
                    name=name,
                    role=role,
                    organisation=organisation,
                    kind=kind,
                    stance=_stance(text),
                    span=Span(start, start + len(name)),
                    sentence=text,
                    confidence=0.85 if role else 0.7,
                )
                self.speakers.append(speaker)
                return speaker
        return None

    def _by_name(self, name: str) -> Speaker | None:
        for speaker in self.speakers:
            if speaker.name == name or speaker.name.endswith(" " + name):
                return speaker
        return None

    def _referred(self, sentence: Sentence) -> Speaker | None:
        """A known speaker the sentence refers back to by surname or pronoun ("Mr NAME" was
        looked up already, with the same speakers, by ``read``)."""
        if not self.speakers:
            return None  # no one to refer back to
        text = sentence.text
        for match in _SURNAME_SPEECH.finditer(text):
            known = self._by_surname(match.group("after") or match.group("before"))
            if known is not None:
                return known
        if self._last is not None and _PRONOUN.search(text) and _PRONOUN_SPEECH.search(text):
            return self._last
        return None

    def _by_surname(self, surname: str) -> Speaker | None:
        for speaker in reversed(self.speakers):
            tokens = speaker.name.split()
            if surname in tokens or speaker.name.endswith(surname):
                return speaker
        return None

    def _update_stance(self, speaker: Speaker, sentence: Sentence) -> None:
        if speaker.stance is not None:
            return
        stance = _stance(sentence.text)
        if stance is not None:
            index = self.speakers.index(speaker)
            updated = Speaker(
                speaker.name, speaker.role, speaker.organisation, speaker.kind, stance,
                speaker.span, speaker.sentence, speaker.confidence,
            )
            self.speakers[index] = updated
            if self._last is speaker:
                self._last = updated


def _stance(text: str) -> str | None:
    if not _REPORT_CUE.search(text):
        return None
    found = {hit.value for hit in _STANCE.finditer(text)}
    if "disputes" in found:
        return "disputes"
    return "agrees" if "agrees" in found else None


_ACCORDING_TO = Filtered(
    r"\b[Aa]ccording\s+to\s+(?:the\s+|a\s+|an\s+)?(?P<source>[^,.;“”\"]{2,90}?)(?=\s*(?:[,.;]|$|"
    r"\s+(?:by|which|that|published|released|from)\b))"
)
_DATA_NOUN = r"(?:figures|data|statistics|numbers|records)"
_DATA_OF_PRONOUN = compile_guarded(
    r"(?:(?:the|its|their)\s+)?" + _DATA_NOUN + r"\s+(?:that\s+)?(?:it|they|he|she)\b|"
    r"(?:its|their|his|her)\s+(?:own\s+)?(?:latest\s+)?" + _DATA_NOUN + r"\b", re.I)
# "according to the statement", "according to the document": a text named before
_ANAPHORIC_SOURCE = compile_guarded(
    r"[Aa]ccording\s+to\s+(?:the|this|that)\s+(?:same\s+|latest\s+|new\s+|official\s+)?"
    r"(?:statement|document|text|release|press\s+release|communiqu[eé]|" + _DATA_NOUN + r")",
    re.I)
_PHRASE_ENDS = compile_guarded(r"\s*[,.;]")
# The owner of data a text cites: "records compiled by MAPO", "data of the Public Prosecution"
_DATA_OWNER = compile_guarded(
    r"(?:(?:official|government|its|their|own|latest|new)\s+)*" + _DATA_NOUN +
    r"(?:\s+(?:compiled|published|released|provided|kept|gathered|collected))?"
    r"\s+(?:by|of|from)\s+(?:the\s+)?(?P<owner>[^,.;“”\"]{2,80}?)(?=\s*(?:[,.;]|$))", re.I)
_DOCUMENT = compile_guarded(r"(?:document|draft|chapter|text|paper|study|publication)", re.I)
_REPORT_SAYS = Caseless(
    # (not a report named after a preposition: "The ministry, responding to the report, said")
    r"(?<!\bto\s)(?<!\bon\s)(?<!\bof\s)(?<!\bwith\s)(?<!\babout\s)(?<!\bagainst\s)(?<!\bin\s)"
    r"\b(?:the|its|this|that|a)\s+(?:[\w.’'-]+\s+){0,5}?(?P<noun>report|paper|chapter|draft(?!\s+(?:law|bill|"
    r"legislation|amendments?|plan|policy|resolution|regulations?))|statement|data|figures|"
    r"statistics|survey|study|index|estimate|census)\b[^.;“”\"]{0,90}?\b(?:said|says|stated|"
    r"states|found|finds|noted|notes|showed|shows|recorded|records|counted|counts|reported|"
    r"reports|estimated|estimates|cited|cites|put|puts|lists|listed|credited|credits|praised|"
    r"indicates|indicated|mentions|mentioned|claims|claimed|alleges|alleged|asserts|asserted|"
    r"praises|faulted|faults|acknowledged|acknowledges|highlighted|documented|described|"
    r"criticized|criticised|welcomed|refers\s+to|referred\s+to|gives|gave)\b|"
    r"\b(?:said|says|stated|found|noted|showed)\s+the\s+(?:[\w.’'-]+\s+){0,4}?"
    # "..., said the report." ("Brito said the report used old data": the report is no speaker)
    r"(?P<noun2>report|statement|chapter)\b(?=\s*(?:[,.;:)]|$)|\s+(?:released|published|issued|"
    r"which|by|of|on|in)\b)"
)
_IT_SAID = Filtered(r"\bit\s+(?:said|says|stated|found|noted|added)\b")
# A sentence that opens by giving itself to "it" (the report named just before) is the
# report's, whoever a clause inside it names ("It says that courts convicted 44, in a country
# where the government's own agency estimates ...").
_IT_OPENS = compile_guarded(r"^\W*(?:It|it)\s+(?:also\s+)?(?:said|says|stated|states|found|finds|"
                            r"noted|notes|added|adds)\b")
_BODY_SAYS = Filtered(
    r"\b(?:the\s+)?(?P<body>(?:[A-Z][\w’'-]+\s+){0,4}(?:Ministry|ministry|Department|Government|"
    r"government|police|Police|Commission|Committee|Council|Office|Embassy|embassy|Prosecution|"
    r"Secretariat|secretariat|Authority|Bureau|Directorate|Inspectorate|Task\s+Force|"
    r"task\s+force|Taskforce|taskforce|committee|commission|council)(?:\s+(?:of|for|on|"
    r"[Aa]gainst|to)(?:\s+the)?(?:\s+[A-Z][\w’'-]+)+)?)\b[^.;“”\"]{0,140}?\b(?:said|says|"
    r"stated|claimed|claims|reported|reports|"
    r"announced|insist\w*|reject\w*|disput\w*|den(?:ied|ies|ying)|maintain\w*|countered|told)\b"
)


# The report's way of naming its sources without naming them: "An international organization
# reported", "Another NGO said", "NGOs estimated".
_UNNAMED_SAYS = Filtered(
    r"\b(?P<org>(?:[Aa]n?|[Aa]nother|[Oo]ne|[Tt]his|[Ss]everal|[Ss]ome)\s+(?:(?:international|local|"
    r"foreign|civil\s+society|faith-based)\s+)?(?:NGOs?|organi[sz]ations?|rights\s+groups?))\s+"
    r"(?:also\s+)?(?:reported|said|says|estimated|stated|recorded|counted|documented)\b"
)


# "Data from the attorney general's office show 18 convictions": the owner of the data.
_DATA_FROM = Filtered(
    r"\b(?:[Dd]ata|[Ff]igures|[Ss]tatistics|[Rr]ecords|[Nn]umbers)\s+(?:from|of|by|released\s+by|"
    r"published\s+by|compiled\s+by|provided\s+by|issued\s+by|supplied\s+by)\s+(?P<owner>(?:the\s+)?[^,.;“”\"]{3,80}?)\s+(?:show|shows|"
    r"showed|indicate|indicates|indicated|suggest|suggests|suggested|reveal|reveals|revealed|put|"
    r"puts|count|counts|counted|record|records|recorded)\b"
)
# "NAATIP records show", "the ministry's figures indicate": the owner named first.
_OWNER_DATA = Filtered(
    r"\b(?:[Tt]he\s+)?(?P<owner>(?:[A-Z][\w’'&-]*\s+(?:(?:of|for|on|and|the|against)\s+)*){0,5}"
    r"[A-Z][\w’'&-]*|police|ministry|government)(?:[’']s)?\s+(?:own\s+)?(?:data|figures|statistics|"
    r"records|numbers)\s+(?:show|shows|showed|indicate|indicates|indicated|suggest|suggests|"
    r"suggested|reveal|reveals|revealed)\b"
)
# "Ghana's Minister for Gender, Children and Social Protection said": a speaker known by the
# office alone; the office names the kind (a minister speaks for the government).
_OFFICE = (r"(?:[Mm]inister|[Ss]pokes(?:person|man|woman)|[Ss]ecretary|[Pp]rosecutor|"
           r"[Aa]ttorney[-\s][Gg]eneral|[Cc]ommissioner|[Oo]fficial|[Aa]mbassador|[Dd]irector|"
           r"[Bb]oss|[Cc]hief|[Hh]ead|[Cc]hair(?:man|woman|person)?)")
_ROLE_SAYS = Filtered(
    r"(?P<who>\b(?:[Tt]he\s+|[Aa]n?\s+)?(?:[A-Z][\w’'-]+(?:’s|'s)\s+)?(?:[\w-]+\s+){0,3}?"
    + _OFFICE +
    # the office's organisation, as named, in capitals or not ("minister of human rights")
    r"(?:\s+(?:for|of|at)\s+(?P<org>(?:the\s+)?[\w’'-]+(?:\s*,?\s+(?:and\s+|of\s+|for\s+)?"
    r"[\w’'-]+){0,6}?))?)\s*,?\s+"
    r"(?:also\s+|has\s+|had\s+)?(?:" + _VERBS + r")\b"
)
# "The deputy foreign minister spoke to reporters. ... he said": an office holder the text
# names by the office alone, whom a later "he said" refers to.
_OFFICE_HOLDER = Filtered(
    r"\b(?:[Tt]he|[Aa]n?)\s+(?P<who>(?:[\w-]+\s+){0,3}?" + _OFFICE + r")(?![\w-])"
    r"(?:\s+(?:for|of|at|in)\s+(?P<org>(?:the\s+)?[\w’'-]+(?:\s+(?:and\s+|of\s+|for\s+)?"
    r"[A-Z][\w’'-]+){0,5}))?"
)


_SAYING = (
    r"(?:said|says|say|reported|reports|estimated|estimates|announced|announces|told|stated|"
    r"states|claimed|claims|counted|counts|recorded|records|responded|replied|countered|"
    r"insisted|maintained|argued)"
)
_ORG_WORDS = (
    r"(?:Organi[sz]ation|Office|Fund|Foundation|Cent(?:er|re)|Group|Network|Mission|Ministry|"
    r"Index|Institute|Agency|Commission|Council|Police|Association|Alliance|Coalition|Union|"
    r"Bank|Programme|Program|Project|Federation|Society|Trust|Department|[A-Z]{2,8})"
)
_ORG_SAYS = Filtered(
    r"(?:\b[Tt]he\s+)?(?P<org>(?:[A-Z][\w’'&.-]*\s+(?:(?:of|for|on|and|the|in|against|to|de|la|"
    r"del|des|du|da|do)\s+)*){0,6}"
    r"[A-Z][\w’'&.-]*)(?:\s*\([A-Z]{2,8}\))?,?\s+(?:\w+\s+)?" + _SAYING + r"\b"
)
_ORG_WORD = compile_guarded(r"\b" + _ORG_WORDS + r"\b")
_KIND_NAMED_SAYS = Filtered(
    r"\b(?P<kind>charity|NGO|rights\s+group|group|organi[sz]ation|agency|ministry)\s*,?\s+"
    r"(?P<org>[A-Z][\w’'&-]*(?:\s+[A-Z][\w’'&-]*){0,4}),?\s+(?:\w+\s+)?" + _SAYING + r"\b"
)
_ADVOCATES_SAY = Filtered(
    r"\b(?P<org>(?:[A-Z][\w’'-]+\s+)?(?:anti-trafficking\s+|rights\s+|local\s+)?"
    r"(?:campaigners|activists|advocates|NGOs|rights\s+groups|charities|aid\s+groups))\b"
    r"[^.;“”\"]{0,120}?\b(?:said|say|says|warned|warn|warns|argued|noted|told|insisted|"
    r"claimed|estimated|reported|report)\b"
)
_OFFICIALS_SAY = Filtered(
    r"(?P<who>\b(?:[A-Z][\w’'-]+\s+){0,3}(?:(?:law\s+enforcement|government|police|border|"
    r"immigration|labou?r)\s+)?"
    r"(?:[Oo]fficials|[Oo]fficers|[Aa]uthorities|[Pp]olice))\s+(?:\w+\s+)?(?:said|say|says|"
    r"reported|told|announced|estimated)\b"
)


def sentence_source(
    sentence: Sentence, speaker: Speaker | None, last_report_subject: bool = False
) -> tuple[str, str] | None:
    """Who asserts the sentence, as (name, kind), when the sentence itself says so."""
    text = sentence.text
    if last_report_subject and _IT_OPENS.match(text):
        return "TIP report", "TIP report"  # "It says that ...", the report just named
    according = _ACCORDING_TO.search(text)
    if according and (_DATA_OF_PRONOUN.match(according.group("source")) or (
            _ANAPHORIC_SOURCE.fullmatch(text, according.start(), according.end("source"))
            and _PHRASE_ENDS.match(text, according.end("source")))):
        # "according to figures it released", "according to the statement": the body or the
        # document named before
        according = None
    if according:
        source = according.group("source").strip()
        data = _DATA_OWNER.match(text, according.start("source"))
        if data:  # "according to records compiled by MAPO", "... data of the prosecution"
            source = data.group("owner").strip()
        if re.search(r"\b(?:report|chapter)\b", source, re.I) and kind_of(source) in (
                "TIP report", "other source"):
            return "TIP report", "TIP report"
        phrase = re.split(r"[,.;]", text[according.start("source"):], maxsplit=1)[0]
        if _DOCUMENT.fullmatch(source) and kind_of(phrase) == "TIP report":
            # "according to the document published by the State Department"
            return "TIP report", "TIP report"
        return source, kind_of(source)
    says = _REPORT_SAYS.search(text)
    if says:
        phrase = text[says.start() : says.end()]  # as written (the match ran on folded text)
        noun = (says.group("noun") or says.group("noun2") or "").lower()
        kind = kind_of(phrase)
        if noun in ("report", "paper", "draft", "chapter") and kind in ("TIP report",
                                                                     "other source"):
            return "TIP report", "TIP report"  # (also "the Thailand chapter says")
        owner = re.sub(r"\s+(?:" + noun + r")\b.*$", "", phrase, flags=re.I | re.S)
        owner = re.sub(r"^(?:the|its|this|that|a)\s+", "", owner, flags=re.I).strip()
        if kind != "other source":
            return owner or phrase, kind
    if speaker is not None:
        label = speaker.name if not speaker.organisation else (
            f"{speaker.name} ({speaker.organisation})"
        )
        return label, speaker.kind
    unnamed = _UNNAMED_SAYS.search(text)
    if unnamed:
        name = re.sub(r"^(?:another|one)\b", "an", unnamed.group("org"), flags=re.I)
        return name, kind_of(name)
    body = _BODY_SAYS.search(text)
    if body:
        name = re.sub(r"^(?:The|the|An?)\s+", "", body.group("body").strip())
        return name, kind_of(name)
    data = _DATA_FROM.search(text)
    if data:
        name = re.sub(r"^(?:the)\s+", "", data.group("owner").strip(), flags=re.I)
        return name, kind_of(name)
    owned = _OWNER_DATA.search(text)
    if owned:
        return owned.group("owner").strip(), kind_of(owned.group("owner"))
    role = _ROLE_SAYS.search(text)
    if role:
        name = re.sub(r"^(?:The|the|A|a|An|an)\s+", "", role.group("who").strip())
        return name, _office_kind(name, role.group("org"))
    organisation = next(
        (m for m in _ORG_SAYS.finditer(text) if _ORG_WORD.search(m.group("org"))
         or kind_of(m.group("org")) == "government"), None
    ) or _KIND_NAMED_SAYS.search(text)
    if organisation:
        name = organisation.group("org").strip()
        kind = kind_of(name)
        if organisation.re is _KIND_NAMED_SAYS.compiled:
            kind = kind_of(organisation.group("kind"))
        return name, kind
    advocates = _ADVOCATES_SAY.search(text)
    if advocates:
        return advocates.group("org").strip(), "NGO"
    officials = _OFFICIALS_SAY.search(text)
    if officials:
        who = re.sub(r"^(?:The|the)\s+", "", officials.group("who")).strip()
        named = who[:1].isupper() and who.split()[0] not in ("Officials", "Authorities", "Police")
        return (who if named else "officials"), "government"
    if last_report_subject and _IT_SAID.search(text):
        return "TIP report", "TIP report"
    return None
