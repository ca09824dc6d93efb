"""Reports: a country report and an annual report, as HTML, Markdown and PDF, reproducible
byte for byte."""

from tierwatch.reports.content import annual_report, country_report
from tierwatch.reports.render import FORMATS, chart_name, render

__all__ = ["FORMATS", "annual_report", "chart_name", "country_report", "render"]
