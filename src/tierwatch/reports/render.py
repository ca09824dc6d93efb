"""Rendering report content as HTML, Markdown or PDF (WeasyPrint, from the HTML).

No clock, no random ids: the same content renders to the same bytes in every format.
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from tierwatch.errors import InvalidInputError

FORMATS = ("html", "md", "pdf")


_MARKDOWN_ESCAPES = str.maketrans({"|": "\\|", "<": "&lt;", ">": "&gt;", "[": "\\[",
                                  "]": "\\]", "\n": " ", "\r": " ", "\t": " "})
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def markdown_text(value: Any) -> Any:
    """A value as Markdown text: no table cell broken by ``|`` or a newline, no HTML or link
    made from data, no control character (numbers pass as they are)."""
    if not isinstance(value, str):
        return value
    return _CONTROL.sub("", value.translate(_MARKDOWN_ESCAPES))


def _environment(markdown: bool = False) -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("tierwatch.reports", "templates"),
                              autoescape=select_autoescape(["html.j2"]),
                              undefined=StrictUndefined, keep_trailing_newline=True,
                              finalize=markdown_text if markdown else None)
    environment.filters["source_label"] = source_label
    environment.filters["place"] = place_label
    return environment


def place_label(locator: str) -> str:
    """A statement's place for people ("row 12", "row 3, column Convictions", "characters
    120-188"); a stored text of no known form is shown as it is."""
    from tierwatch.errors import InvalidInputError
    from tierwatch.statements.locator import parse

    try:
        return parse(locator).describe()
    except InvalidInputError:
        return locator


def source_label(source_id: str) -> str:
    """A source id short enough for a table cell: a document's content hash is cut to 12
    characters (still unique in practice; the full id is in the store and the exports)."""
    name, marker, digest = source_id.partition("#sha256:")
    return f"{name} #{digest[:12]}" if marker else source_id


def chart_name(report_name: str) -> str:
    """The chart's file name beside a Markdown report (``n.md`` -> ``n.svg``): Markdown
    viewers show an image file by relative path, few show a data URI."""
    stem = report_name[:-3] if report_name.endswith(".md") else report_name
    return stem + ".svg"


def render(content: dict[str, Any], fmt: str, *, chart_file: str = "chart.svg") -> bytes:
    """The report in ``fmt`` (html, md or pdf); a Markdown report refers to its chart as
    ``chart_file``, a file the caller writes beside it (``content["chart_svg"]``)."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    from markupsafe import Markup

    kind = content["kind"]
    environment = _environment(markdown=fmt == "md")
    # The style sheet is ours, not data: marked safe so that autoescaping does not turn its
    # quotes into &#34; (WeasyPrint would then ignore the fonts it names).
    css = Markup(resources.files("tierwatch.reports").joinpath("templates/style.css").read_text(
        encoding="utf-8"))
    if fmt == "md":
        text = environment.get_template(f"{kind}.md.j2").render(r=content,
                                                                 chart_file=chart_file)
        return text.encode("utf-8")
    html = environment.get_template(f"{kind}.html.j2").render(r=content, css=css)
    if fmt == "html":
        return html.encode("utf-8")
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
