"""Which year's Trafficking in Persons Report a text is about, or unknown. Never a guess.

Evidence, strongest first:
1. an explicit year naming the report ("the 2019 Trafficking in Persons report", "TIP Report
   2019", "its 2014 report");
2. the year of the previous placement named as such ("from 2002's Tier 3") gives that year + 1;
3. a dated dateline or publication line (a full date with a year) together with the report
   being released in the news ("released Monday", "said on Thursday", "released today");
4. the reporting period: the report of year Y covers law enforcement up to the spring of Y,
   so "prosecuted in 2012" points to the 2013 report and "in 2010-2011" to the 2011 report;
   the latest such year wins.
Nothing else (the year of a law, of a project start, of the article's topic) counts.
"""

from __future__ import annotations

import re

from tierwatch.reading.model import Sentence

FIRST_REPORT = 2001
_YEAR = r"(20[0-4]\d)"
_QUALIFIERS = (r"(?:(?:U\.?S\.?|American|US\s+State\s+Department(?:['’]s)?|"
               r"State\s+Department(?:['’]s)?|annual|global|yearly)\s+)*")
_EXPLICIT = [
    re.compile(
        _YEAR + r"\s+" + _QUALIFIERS + r"(?:Trafficking\s+in\s+Persons|TIP|trafficking|"
        r"human\s+trafficking)\s*(?:\(TIP\)\s*)?[Rr]eport",
        re.I,
    ),
    re.compile(
        _YEAR + r"\s+(?:edition|version|issue)\s+of\s+(?:the|its)\s+" + _QUALIFIERS
        + r"(?:Trafficking\s+in\s+Persons|TIP|trafficking|human\s+trafficking)\s*"
        r"(?:\(TIP\)\s*)?(?:[Rr]eport|rankings?)",
        re.I,
    ),
    re.compile(
        r"(?:Trafficking\s+in\s+Persons|TIP)\s+[Rr]eport\s*(?:for\s+|of\s+|,\s*)?" + _YEAR
        + r"(?![-–]\d)",
        re.I,
    ),
    re.compile(r"\b(?:its|the|this\s+year's)\s+" + _YEAR + r"\s+(?:annual\s+)?report\b", re.I),
]
_PREVIOUS_PLACEMENT = re.compile(
    _YEAR + r"['’]s\s+(?:Tier|tier|ranking|rank|placement|status|classification|report|list)"
)
_MONTHS = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
)
_FULL_DATE = re.compile(
    rf"\b(?:{_MONTHS}\s+\d{{1,2}},?\s+{_YEAR}|\d{{1,2}}\s+{_MONTHS},?\s+{_YEAR}|"
    rf"{_YEAR}-[01]\d-[0-3]\d)\b"
)
_RELEASE_NEWS = re.compile(
    r"\b(?:released|published|issued|unveiled|announced|said|says)\s+(?:on\s+)?"
    r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|today|yesterday|"
    r"this\s+week|last\s+week)\b|\breleased\s+(?:late\s+|early\s+)?last\s+month\b|"
    r"\bon\s+(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b",
    re.I,
)
_MONTH_RANGE = re.compile(
    rf"\b{_MONTHS}\s+{_YEAR}\s*(?:to|through|until|[-–])\s*{_MONTHS}\s+{_YEAR}\b"
)
_ENFORCEMENT = re.compile(
    r"\b(?:prosecuted|convicted|arrested|investigated|identified|rescued|repatriated|handled|"
    r"sentenced|charged|convictions|prosecutions|arrests|investigations|reporting\s+period)\b",
    re.I,
)
_REPORT_WORD = re.compile(r"\b(?:report|ranking|rank|tier)\b", re.I)
_PERIOD_RANGE = re.compile(r"\b" + _YEAR + r"\s*[-–/]\s*(20)?(\d\d)\b")
_PERIOD_SINGLE = re.compile(
    r"\b(?:[Ii]n|[Dd]uring|[Tt]hroughout|[Ff]or)\s+" + _YEAR + r"\b(?!\s*[-–/]\d)"
)


def resolve_report_year(text: str, sentences: list[Sentence]) -> tuple[int | None, str | None]:
    """The report year and the kind of evidence for it, or ``(None, None)``."""
    for pattern in _EXPLICIT:
        match = pattern.search(text)
        if match:
            return int(match.group(1)), "explicit"
    match = _PREVIOUS_PLACEMENT.search(text)
    if match:
        return int(match.group(1)) + 1, "previous placement year"
    if _RELEASE_NEWS.search(text):
        date = _FULL_DATE.search(text[:600])
        if date:
            year = next(int(g) for g in date.groups() if g)
            return year, "dateline with release"
    period_years: list[int] = []
    for sentence in sentences:
        body = sentence.text
        for match in _MONTH_RANGE.finditer(body):
            period_years.append(int(match.group(2)))
        for match in _PERIOD_RANGE.finditer(body):
            start = int(match.group(1))
            end = 2000 + int(match.group(3)) if match.group(2) is None else int(
                match.group(2) + match.group(3)
            )
            if end == start + 1 and (_ENFORCEMENT.search(body) or _REPORT_WORD.search(body)):
                period_years.append(end)
        if _ENFORCEMENT.search(body):
            period_years.extend(int(m.group(1)) + 1 for m in _PERIOD_SINGLE.finditer(body))
    period_years = [y for y in period_years if y >= FIRST_REPORT]
    if period_years:
        return max(period_years), "reporting period"
    return None, None
