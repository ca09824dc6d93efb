"""The report calendar: due date, reporting period, interim assessment (spec section 9).

Dates are the statute's; a report's actual release date is data (the record's release dates),
handed in by the caller: the determination window then runs from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from tierwatch.law import provision_ids as ids
from tierwatch.law.explanation import RuleFiring
from tierwatch.law.statute import provision, validate_report_year


@dataclass(frozen=True, slots=True)
class ReportCalendar:
    """The statutory dates of one report year."""

    report_year: int
    due: date
    due_citation: str
    reporting_period_start: date
    reporting_period_end: date
    reporting_period_citation: str
    interim_assessment_due: date | None
    interim_assessment_citation: str | None

    def to_dict(self) -> dict[str, object]:
        return {
            "report_year": self.report_year,
            "due": self.due.isoformat(),
            "due_citation": self.due_citation,
            "reporting_period": [self.reporting_period_start.isoformat(),
                                 self.reporting_period_end.isoformat()],
            "reporting_period_citation": self.reporting_period_citation,
            "interim_assessment_due": (None if self.interim_assessment_due is None
                                       else self.interim_assessment_due.isoformat()),
            "interim_assessment_citation": self.interim_assessment_citation,
        }

    def explanation(self) -> list[RuleFiring]:
        return [
            RuleFiring("report_due", self.due_citation, {"report_year": self.report_year},
                       f"the {self.report_year} report is due by {self.due.isoformat()}"),
            RuleFiring("reporting_period", self.reporting_period_citation,
                       {"report_year": self.report_year},
                       f"it covers {self.reporting_period_start.isoformat()} to "
                       f"{self.reporting_period_end.isoformat()}"),
        ]


def report_due_date(report_year: int) -> date:
    """Not later than 1 June (to the 2020 report), 30 June from the 2021 report."""
    version = provision(ids.REPORT_DUE, validate_report_year(report_year))
    assert version is not None
    month, day = version.value
    return date(report_year, month, day)


def report_calendar(report_year: int) -> ReportCalendar:
    validate_report_year(report_year)
    due = provision(ids.REPORT_DUE, report_year)
    period = provision(ids.REPORTING_PERIOD, report_year)
    interim = provision(ids.INTERIM_ASSESSMENT, report_year)
    assert due is not None and period is not None
    (start_month, start_day), (end_month, end_day) = period.value["start"], period.value["end"]
    return ReportCalendar(
        report_year=report_year,
        due=date(report_year, *due.value),
        due_citation=due.citation,
        reporting_period_start=date(report_year - 1, start_month, start_day),
        reporting_period_end=date(report_year, end_month, end_day),
        reporting_period_citation=period.citation,
        interim_assessment_due=None if interim is None else date(report_year + 1, *interim.value),
        interim_assessment_citation=None if interim is None else interim.citation,
    )


@dataclass(frozen=True, slots=True)
class YearDates:
    """The dates that matter for one report year: the statute's and, where the record holds
    it, the day the report was released, from which the determination window runs."""

    calendar: ReportCalendar
    released: date | None
    released_source: str | None
    determination_from: date | None
    determination_to: date | None
    determination_citation: str | None
    determination_counted_from: str  # "release" or "due date"
    fiscal_year: int | None
    fiscal_year_start: date | None
    fiscal_year_citation: str | None

    @property
    def days_late(self) -> int | None:
        """Days after the due date the report was released (negative: early); None unknown."""
        return None if self.released is None else (self.released - self.calendar.due).days

    @property
    def window_relation(self) -> str | None:
        """Where the determination window falls against the start of the fiscal year."""
        if (self.determination_from is None or self.determination_to is None
                or self.fiscal_year_start is None):
            return None
        if self.determination_from >= self.fiscal_year_start:
            return "after"
        if self.determination_to < self.fiscal_year_start:
            return "before"
        return "across"

    def sentence(self) -> str:
        """"due 30 June, released 29 September: 91 days late; determination between 13
        November and 28 December 2025, after fiscal year 2026 began on 1 October"."""
        due = _day_month(self.calendar.due)
        if self.released is None:
            text = f"due {due}, release date not in the record"
        else:
            late = self.days_late or 0
            timing = (f"{late} days late" if late > 0 else
                      f"{-late} days early" if late < 0 else "on the due date")
            text = f"due {due}, released {_day_month(self.released)}: {timing}"
        if self.determination_from is None or self.determination_to is None:
            return text + "; no Tier 3 determination in this report year"
        counted = "" if self.released is not None else " (counted from the due date)"
        text += (f"; determination between {_day_month(self.determination_from)} and "
                 f"{_day_month(self.determination_to)} {self.determination_to.year}{counted}")
        relation = self.window_relation
        if relation is not None and self.fiscal_year_start is not None:
            began = _day_month(self.fiscal_year_start)
            text += {"after": f", after fiscal year {self.fiscal_year} began on {began}",
                     "before": f", before fiscal year {self.fiscal_year} "
                               f"{'began' if self.released else 'begins'} on {began}",
                     "across": f", across the start of fiscal year {self.fiscal_year} on "
                               f"{began}"}[relation]
        return text

    def to_dict(self) -> dict[str, object]:
        def iso(value: date | None) -> str | None:
            return None if value is None else value.isoformat()

        return {
            **self.calendar.to_dict(),
            "released": iso(self.released),
            "released_source": self.released_source,
            "days_late": self.days_late,
            "determination_window": None if self.determination_from is None else [
                iso(self.determination_from), iso(self.determination_to)],
            "determination_citation": self.determination_citation,
            "determination_counted_from": self.determination_counted_from,
            "fiscal_year": self.fiscal_year,
            "fiscal_year_start": iso(self.fiscal_year_start),
            "fiscal_year_citation": self.fiscal_year_citation,
            "window_relation": self.window_relation,
            "summary": self.sentence(),
        }


def _day_month(value: date) -> str:
    return f"{value.day} {value.strftime('%B')}"


def year_dates(report_year: int, released: date | None = None,
               released_source: str | None = None) -> YearDates:
    """The dates of ``report_year``; the determination window (45 to 90 days after the
    report) runs from the release date when it is known, else from the due date."""
    calendar = report_calendar(report_year)
    window = provision(ids.TIER3_DETERMINATION, report_year)
    fiscal = provision(ids.FISCAL_YEAR_START, report_year)
    start = released or calendar.due
    first = last = None
    if window is not None:
        earliest, latest = window.value
        first, last = start + timedelta(days=int(earliest)), start + timedelta(days=int(latest))
    return YearDates(
        calendar=calendar, released=released, released_source=released_source,
        determination_from=first, determination_to=last,
        determination_citation=None if window is None else window.citation,
        determination_counted_from="release" if released is not None else "due date",
        fiscal_year=None if fiscal is None else report_year + 1,
        fiscal_year_start=None if fiscal is None else date(report_year, *fiscal.value),
        fiscal_year_citation=None if fiscal is None else fiscal.citation,
    )


def to_ics(years: list[YearDates]) -> str:
    """An iCalendar file (RFC 5545) of the years' dates, all-day events. Deterministic: each
    event's UID and DTSTAMP come from its own date, never from the clock."""
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//tierwatch//TIP report calendar//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:TIP Report legal dates"]
    for item in years:
        year = item.calendar.report_year
        events: list[tuple[str, date, date, str]] = [
            ("due", item.calendar.due, item.calendar.due,
             f"{year} TIP Report due ({item.calendar.due_citation})")]
        if item.released is not None:
            events.append(("released", item.released, item.released,
                           f"{year} TIP Report released"
                           + (f" ({item.days_late} days after the due date)"
                              if item.days_late else "")))
        if item.determination_from is not None and item.determination_to is not None:
            events.append(("determination", item.determination_from, item.determination_to,
                           f"Tier 3 determinations for the {year} report (45 to 90 days after "
                           f"the {'release' if item.released else 'due date'}; "
                           f"{item.determination_citation})"))
        if item.fiscal_year_start is not None:
            events.append(("fiscal-year", item.fiscal_year_start, item.fiscal_year_start,
                           f"Fiscal year {item.fiscal_year} begins: restrictions for Tier 3 "
                           f"of the {year} report apply"))
        interim = item.calendar.interim_assessment_due
        if interim is not None:
            events.append(("interim", interim, interim,
                           f"Interim assessment of the {year} special watch list due"))
        for kind, first, last, summary in events:
            lines += [
                "BEGIN:VEVENT",
                f"UID:tierwatch-{year}-{kind}@tierwatch",
                f"DTSTAMP:{first.strftime('%Y%m%d')}T000000Z",
                f"DTSTART;VALUE=DATE:{first.strftime('%Y%m%d')}",
                f"DTEND;VALUE=DATE:{(last + timedelta(days=1)).strftime('%Y%m%d')}",
                _fold("SUMMARY:" + _escape(summary)),
                "TRANSP:TRANSPARENT",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return "\r\n".join(lines) + "\r\n"


def _escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\n", "\\n"))


def _fold(line: str) -> str:
    """Lines longer than 75 octets folded as RFC 5545 asks (continuation starts with a space)."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        encoded = char.encode("utf-8")
        if len(current) + len(encoded) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += encoded
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)
