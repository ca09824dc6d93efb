"""The report calendar: due date, reporting period, interim assessment (spec section 9).

Dates are the statute's; a report's actual release date is data stored elsewhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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
    version = provision("report_due", validate_report_year(report_year))
    assert version is not None
    month, day = version.value
    return date(report_year, month, day)


def report_calendar(report_year: int) -> ReportCalendar:
    validate_report_year(report_year)
    due = provision("report_due", report_year)
    period = provision("reporting_period", report_year)
    interim = provision("interim_assessment", report_year)
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
