"""Which year's Trafficking in Persons Report a text is about, or unknown. Never a guess.

Every year mention that can point at a report is collected with its role, then one resolver
weighs them all at once (weights in ``lexicon/weights.yaml``) and keeps its reasons:

* a report named with its year ("the 2019 TIP report", "TIP report for 2019", "the 2018
  edition") is that report, unless it is named as an earlier one ("last year's 2019 report",
  "the 2019 report" beside "this year's report"): then it points at the year after;
* "the seventh annual report" counts from the first report (2001);
* a dated dateline with the report in the news ("released on Monday") or still to come
  ("will release", "is set to") is that year's report; with "this year's report" it outweighs
  an earlier report named in the text;
* the year of an earlier placement named as such ("from 2002's Tier 3") points at the next;
* the reporting period: the report of year Y covers the year before, so "prosecuted in 2012"
  points to 2013 and "April 2019 to March 2020" to 2020; the latest such year counts.
Nothing else (the year of a law, of a project start, of the article's topic) counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from tierwatch.reading.lexicon import caseless, compile_guarded, vocabulary, weights
from tierwatch.reading.model import Sentence

FIRST_REPORT = 2001
LAST_PLAUSIBLE = 2049
_YEAR = r"(20[0-4]\d)"
_QUALIFIERS = (r"(?:(?:U\.?S\.?|American|US\s+State\s+Department(?:['’]s)?|"
               r"State\s+Department(?:['’]s)?|annual|global|yearly|latest|new)\s+)*")
_REPORT_NAME = (r"(?:Trafficking\s+in\s+Persons|TIP|trafficking|human\s+trafficking)\s*"
                r"(?:\((?:TIP|TiP)\)\s*)?[Rr]eport")
_EXPLICIT = [
    caseless(_YEAR + r"\s+" + _QUALIFIERS + _REPORT_NAME),
    caseless(_YEAR + r"\s+(?:edition|version|issue)\s+of\s+(?:the|its)\s+" + _QUALIFIERS
               + r"(?:Trafficking\s+in\s+Persons|TIP|trafficking|human\s+trafficking)\s*"
               r"(?:\(TIP\)\s*)?(?:[Rr]eport|rankings?)"),
    caseless(r"(?:Trafficking\s+in\s+Persons|TIP)\s*(?:\((?:TIP|TiP)\)\s*)?[Rr]eport\s*"
               r"(?:for\s+|of\s+|,\s*)?(?:the\s+year\s+)?" + _YEAR + r"(?![-–]\d)"),
    caseless(r"\b(?:its|the|this\s+year's)\s+" + _YEAR + r"\s+(?:annual\s+)?report\b"),
    # "The 2024 edition, which covers 188 countries" (not "the 2024 edition of the Index")
    caseless(r"\b(?:its|the|this\s+year's)\s+" + _YEAR + r"\s+edition\b(?!\s+of\b)"),
    caseless(r"\b(?:in|of)\s+the\s+" + _YEAR + r"\s+(?:edition|version|issue|rankings?)\b"),
]
_ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
    "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
    "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
    "nineteenth": 19, "twentieth": 20, "twenty-first": 21, "twenty-second": 22,
    "twenty-third": 23, "twenty-fourth": 24, "twenty-fifth": 25,
}
# "the 12th annual report", "the State Department's eleventh annual TIP report", "its
# first-ever report on trafficking in persons": counted from the first report (2001).
_ORDINAL = (r"(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>"
            + "|".join(sorted(_ORDINALS, key=len, reverse=True)) + r")(?:-ever|\s+ever)?)")
_ORDINAL_REPORTS = (caseless(r"\b(?:the\s+|its\s+)" + _ORDINAL),
                    caseless(r"['’]s\s+" + _ORDINAL))  # "the Department's 14th annual"
_ORDINAL_TAIL = compile_guarded(
    r"\s+(?:annual\s+" + _QUALIFIERS + r"(?:" + _REPORT_NAME + r"|report)|" + _QUALIFIERS
    + _REPORT_NAME + r"|(?:" + _QUALIFIERS + r")report\s+on\s+(?:human\s+)?trafficking)"
    # "the first report to rank the United States" counts nothing
    r"(?!\s+(?:to|that|which|since|in\s+which|under|after)\b)", re.I)
_EARLIER_BEFORE = compile_guarded(
    r"\b(?:last\s+year['’]s|previous|prior|preceding|earlier|the\s+year\s+before['’]s)"
    r"\s+(?:\w+,?\s+){0,2}$", re.I)  # (also "last year's edition, the 2011 report")
_EARLIER_AFTER = compile_guarded(
    r"^\W{0,3}(?:\w+\W+){0,3}?(?:last\s+year|a\s+year\s+(?:ago|earlier))\b|"
    # "the 2013 report had faulted its courts": the pluperfect of a report before the story's
    r"^[^\w.]{0,3}(?:\w+[^\w.]+){0,3}?had\s+(?:also\s+|already\s+|\w+ly\s+)?(?!been\b)"
    r"\w+(?:ed|en|id|ut)\b",
    re.I)
# "Thailand was placed on Tier 2 in the 2023 report" in a story before this year's release:
# a past placement, so the year named is the report before the coming one.
_PAST_PLACEMENT = compile_guarded(
    r"\b(?:was|were|had\s+been|has\s+been|being|having\s+been)\s+(?:\w+\s+)?(?:placed|"
    r"ranked|rated|listed|put|kept|moved|downgraded|upgraded|classified|graded|on)\b[^.]*$", re.I)
# "after being placed on Tier 3 in the 2015 report": a placement the current one follows
_AFTER_EARLIER = compile_guarded(
    r"\b(?:after|having)\s+(?:being|been|having\s+been)\s+(?:\w+\s+)?(?:placed|ranked|rated|"
    r"listed|put|kept|moved|downgraded|upgraded|classified|graded|on)\b[^.]*$", re.I)
# "the ministry hopes for Tier 1 in the 2026 report": a hope for a report to come
_HOPED_FOR = compile_guarded(
    r"\b(?:hopes?|hoped|hoping|aims?|aiming|push(?:es|ing)?|seeks?|seeking|wants?|strives?|"
    r"striving|targets?|targeting|would|work(?:s|ing)?\s+towards?)\b[^.]*$", re.I)
_THIS_YEARS = caseless(r"\bthis\s+year['’]s\s+(?:[\w()]+\s+){0,6}?(?:report|edition)\b")
_PREVIOUS_PLACEMENT = compile_guarded(
    _YEAR + r"['’]s\s+(?:Tier|tier|ranking|rank|placement|status|classification|list)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_FULL_DATE = compile_guarded(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+{_YEAR}|\d{{1,2}}\s+{_MONTHS},?\s+{_YEAR}|"
    rf"{_YEAR}-[01]\d-[0-3]\d|[0-3]?\d[/.][01]?\d[/.]{_YEAR}|{_YEAR}/[01]\d/[0-3]\d)\b"
)
# "the report released in June 2023": the year a report came out is its year.
_RELEASED_IN = caseless(
    rf"\breport\b[^.]{{0,80}}?\b(?:released|published|issued|unveiled|came\s+out)\s+"
    rf"(?:in|on|during)\s+(?:(?:early|late|mid-?)\s*)?(?:{_MONTHS}\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?"
    rf"\s+(?:of\s+)?)?(?:{_MONTHS}\s+)?(?:\d{{1,2}},?\s+)?{_YEAR}\b")
_RELEASE_NEWS = caseless(
    r"\b(?:released|published|issued|unveiled|announced|(?:report|[Dd]epartment|Washington)"
    r"\s+(?:said|says))\s+(?:on\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"this\s+week|last\s+week|this\s+morning|early\s+this\s+morning)\b|"
    r"\b(?:released|published|issued|unveiled)\s+(?:late\s+|early\s+)?(?:last\s+month|"
    r"this\s+morning|earlier\s+this\s+month)\b|"
    # "a month has passed since the State Department published its annual assessment"
    r"\bsince\s+(?:the\s+)?(?:[\w.’'-]+\s+){0,4}?(?:published|released|issued|unveiled)\s+"
    r"(?:its|the|this\s+year['’]s)\b|"
    r"\b(?:released|published|issued)\s+(?:early\s+|late\s+)?this\s+morning\b|"
    r"\b(?:report|State\s+Department|Department\s+of\s+State|Washington)\b[^.]{0,80}"
    r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday)\b")
_PUBLISHED = caseless(r"\breport\b[^.]{0,60}\b(?:released|published|issued|unveiled)\b|"
                        r"\b(?:released|published|issued|unveiled)\s+(?:its|the|a)\s+"
                        r"(?:\w+\s+){0,4}report\b")
_MONTH_RANGE = compile_guarded(
    rf"\b{_MONTHS}\s+{_YEAR}\s*(?:to|through|until|[-–])\s*{_MONTHS}\s+{_YEAR}\b"
)
_ENFORCEMENT = compile_guarded(
    r"\b(?:prosecuted|convicted|arrested|investigated|identified|rescued|repatriated|handled|"
    r"sentenced|charged|convictions|prosecutions|arrests|investigations|reporting\s+period)\b",
    re.I,
)
_REPORT_WORD = compile_guarded(r"\b(?:report|ranking|rank|tier)\b", re.I)
_PERIOD_RANGE = compile_guarded(r"\b" + _YEAR + r"\s*[-–/]\s*(20)?(\d\d)\b")
_PERIOD_SINGLE = compile_guarded(
    r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]or)\s+" + _YEAR + r"\b(?!\s*[-–/]\d)"
)
# A dated news story of that day ("the director said Thursday"): from June on, when the
# report comes out, it is about that year's report.
_NEWS_DAY = compile_guarded(
    r"\b(?:said|says|announced|stated|told\s+\w+)\s+(?:on\s+)?(?:Monday|Tuesday|Wednesday|"
    r"Thursday|Friday|Saturday|Sunday)\b")
_FIRST_RELEASE_MONTH = 6  # no report has come out before June
_MONTH_NUMBERS = {name: number for number, name in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DATE_MONTH = compile_guarded(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)", re.I)
_ISO_MONTH = compile_guarded(r"\b20[0-4]\d-([01]\d)-")
# "for the third year in a row since it was promoted in 2015": a chain of years, counted on
_CHAIN = caseless(
    r"\b(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>second|third|fourth|fifth|sixth|"
    r"seventh|eighth|ninth|tenth))\s+(?:consecutive\s+|straight\s+)?year(?:\s+in\s+a\s+row)?"
    r"\s+since\b[^.;]{0,80}?\b" + _YEAR + r"\b(?!\s*[-–/]\d)")
_DATELINE_WINDOW = 600  # a dateline or publication line sits at the top of a page


@dataclass(frozen=True, slots=True)
class YearEvidence:
    """One mention pointing at a report year, with the kind of evidence it is."""

    year: int
    kind: str  # a key of lexicon/weights.yaml ("explicit", "dateline with release", ...)
    start: int

    @property
    def reason(self) -> str:
        return f"{self.kind} ({self.year}, char {self.start})"


def year_evidence(text: str, sentences: list[Sentence]) -> list[YearEvidence]:
    """Every mention of the text that points at a report year, with its role."""
    found: list[YearEvidence] = []
    this_years = _THIS_YEARS.search(text) is not None
    dateline = _FULL_DATE.search(text[:_DATELINE_WINDOW])
    dated = next(int(g) for g in dateline.groups() if g) if dateline else None
    seen: set[int] = set()
    lede_end = _lede_end(sentences)
    before_release = report_pending(text, sentences)
    explicit: list[tuple[YearEvidence, str]] = []  # with the words before it
    for pattern in _EXPLICIT:
        for match in pattern.finditer(text):
            if match.start(1) in seen:
                continue
            seen.add(match.start(1))
            year = int(match.group(1))
            before = text[max(0, match.start() - 40) : match.start()]
            after = text[match.end() : match.end() + 40]
            wider = text[max(0, match.start() - 120) : match.start()]
            if _HOPED_FOR.search(wider) and _released_in_lede(text, lede_end):
                continue  # a report-day story's hope for the next report
            named_earlier = _EARLIER_BEFORE.search(before) or _EARLIER_AFTER.search(after) or (
                before_release and _PAST_PLACEMENT.search(wider)) or _AFTER_EARLIER.search(wider)
            if named_earlier or (this_years and dated is not None and year < dated):
                found.append(YearEvidence(year + 1, "earlier report named", match.start()))
            else:
                explicit.append((YearEvidence(year, "explicit", match.start()), wider))
    for match in (m for pattern in _ORDINAL_REPORTS for m in pattern.finditer(text)):
        if not _ORDINAL_TAIL.match(text, match.end()):
            continue
        number = int(match.group("n")) if match.group("n") else _ORDINALS[
            match.group("w").lower()]
        found.append(YearEvidence(FIRST_REPORT - 1 + number, "annual report counted",
                                  match.start()))
    # "Chad was on Tier 3 in the 2015 report" beside a later report named: the
    # placement of an earlier report, which points at the one after it
    latest = max([e.year for e, _ in explicit] + [e.year for e in found
                                                     if e.kind == "annual report counted"],
                 default=None)
    for evidence, before in explicit:
        if latest is not None and evidence.year < latest and _PAST_PLACEMENT.search(before):
            found.append(YearEvidence(evidence.year + 1, "earlier report named", evidence.start))
        else:
            found.append(evidence)
    for match in _PREVIOUS_PLACEMENT.finditer(text):
        found.append(YearEvidence(int(match.group(1)) + 1, "previous placement year",
                                  match.start()))
    if dated is not None and dateline is not None:
        if this_years:
            found.append(YearEvidence(dated, "this year's report, dated", dateline.start()))
        if _RELEASE_NEWS.search(text):
            found.append(YearEvidence(dated, "dateline with release", dateline.start()))
        elif before_release or vocabulary("status").search(text):
            found.append(YearEvidence(dated, "dateline before release", dateline.start()))
        elif _PUBLISHED.search(text):
            found.append(YearEvidence(dated, "dateline with report published", dateline.start()))
        elif _NEWS_DAY.search(text) and _month_of(dateline.group(0)) >= _FIRST_RELEASE_MONTH:
            found.append(YearEvidence(dated, "dateline with news of the day", dateline.start()))
    for match in _RELEASED_IN.finditer(text):
        year = int(match.group(1))
        if _EARLIER_BEFORE.search(text[max(0, match.start() - 40) : match.start()]):
            found.append(YearEvidence(year + 1, "earlier report named", match.start()))
        else:
            found.append(YearEvidence(year, "release date named", match.start()))
    for match in _CHAIN.finditer(text):
        count = int(match.group("n")) if match.group("n") else _ORDINALS[match.group("w").lower()]
        found.append(YearEvidence(int(match.group(3)) + count - 1, "chain of years counted",
                                  match.start()))
    found.extend(_reporting_period(sentences))
    return [e for e in found if FIRST_REPORT <= e.year <= LAST_PLAUSIBLE]


def _lede_end(sentences: list[Sentence]) -> int:
    """Where the headline and the first two sentences after it end."""
    return sentences[min(2, len(sentences) - 1)].end if sentences else 0


# "will be released on Monday", "is due to be published this week": a release still to come
_FUTURE_BEFORE = compile_guarded(
    r"\b(?:will|would|to|set\s+to|due\s+to|expected\s+to|scheduled\s+to)\s+(?:be\s+)?$", re.I)


def _released_in_lede(text: str, lede_end: int) -> bool:
    """Whether the headline or lede tells of the report's release as news (a report-day
    story), not of a release to come."""
    for match in _RELEASE_NEWS.finditer(text, 0, lede_end):
        if not _FUTURE_BEFORE.search(text, max(0, match.start() - 20), match.start()):
            return True
    return False


def report_pending(text: str, sentences: list[Sentence]) -> bool:
    """True when the text is written before the report it discusses comes out. Pending
    wording only after a lede that tells of the release ("... before the next report is
    drafted" in a report-day story) is about the report after this one, and does not count."""
    return _pending(text, _lede_end(sentences))


@lru_cache(maxsize=4)
def _pending(text: str, lede_end: int) -> bool:
    """``report_pending`` once per text (the year and the placements both ask)."""
    first = vocabulary("pending").search(text)
    if first is None:
        return False
    return first.start < lede_end or not _released_in_lede(text, lede_end)


_BETWEEN_REPORTS_BEFORE = 5  # a story dated January to April is months from the next report


def dated_between_reports(text: str) -> int | None:
    """The year of a dateline from January to April, months before that year's report comes
    out (never before June): a story then speaks of the report in force, the year before's,
    not of a release to come. None when the text has no such dateline."""
    dateline = _FULL_DATE.search(text[:_DATELINE_WINDOW])
    if dateline is None or not 0 < _month_of(dateline.group(0)) < _BETWEEN_REPORTS_BEFORE:
        return None
    return next(int(g) for g in dateline.groups() if g)


def _month_of(date: str) -> int:
    """The month (1-12) of a date as ``_FULL_DATE`` finds it."""
    iso = _ISO_MONTH.search(date)
    if iso:
        return int(iso.group(1))
    named = _DATE_MONTH.search(date)
    return _MONTH_NUMBERS[named.group(0).lower()] if named else 0


def _reporting_period(sentences: list[Sentence]) -> list[YearEvidence]:
    period: list[YearEvidence] = []
    for sentence in sentences:
        body = sentence.text
        if "20" not in body:
            continue  # every period names a year of the reports' century
        for match in _MONTH_RANGE.finditer(body):
            period.append(YearEvidence(int(match.group(2)), "reporting period",
                                       sentence.start + match.start()))
        enforcement = _ENFORCEMENT.search(body) is not None
        for match in _PERIOD_RANGE.finditer(body):
            start = int(match.group(1))
            end = 2000 + int(match.group(3)) if match.group(2) is None else int(
                match.group(2) + match.group(3))
            if end == start + 1 and (enforcement or _REPORT_WORD.search(body)):
                period.append(YearEvidence(end, "reporting period",
                                           sentence.start + match.start()))
        if enforcement:
            period.extend(YearEvidence(int(m.group(1)) + 1, "reporting period",
                                       sentence.start + m.start())
                          for m in _PERIOD_SINGLE.finditer(body))
    if not period:
        return []
    latest = max(e.year for e in period)  # the report covers the latest period it names
    return [e for e in period if e.year == latest][:1]


def resolve_year(evidence: list[YearEvidence]) -> tuple[int | None, str | None, tuple[str, ...]]:
    """The year with the most weight of evidence, the kind of its strongest piece and every
    reason that supports it; ``(None, None, ())`` when nothing points at a report."""
    if not evidence:
        return None, None, ()
    table = weights()
    totals: dict[int, float] = {}
    for item in evidence:
        totals[item.year] = totals.get(item.year, 0.0) + table[item.kind]
    first = {e.year: e.start for e in sorted(evidence, key=lambda e: -e.start)}
    # equal weight: the year named first (a headline, a lede) is the text's subject
    year = min(totals, key=lambda y: (-totals[y], first[y]))
    support = sorted((e for e in evidence if e.year == year),
                     key=lambda e: (-table[e.kind], e.start))
    return year, support[0].kind, tuple(e.reason for e in support)


def resolve_report_year(text: str, sentences: list[Sentence]) -> tuple[int | None, str | None]:
    """The report year and the kind of its strongest evidence, or ``(None, None)``."""
    year, basis, _ = resolve_year(year_evidence(text, sentences))
    return year, basis
