"""Rendering report content as HTML, Markdown or PDF (WeasyPrint, from the HTML).

No clock, no random ids: the same content renders to the same bytes in every format.
"""

from __future__ import annotations

import base64
from importlib import resources
from typing import Any

from tierwatch.errors import InvalidInputError

FORMATS = ("html", "md", "pdf")


def _environment() -> Any:
    from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape

    environment = Environment(loader=PackageLoader("tierwatch.reports", "templates"),
                              autoescape=select_autoescape(["html.j2"]),
                              undefined=StrictUndefined, keep_trailing_newline=True)
    environment.filters["source_label"] = source_label
    return environment


def source_label(source_id: str) -> str:
    """A source id short enough for a table cell: a document's content hash is cut to 12
    characters (still unique in practice; the full id is in the store and the exports)."""
    name, marker, digest = source_id.partition("#sha256:")
    return f"{name} #{digest[:12]}" if marker else source_id


def render(content: dict[str, Any], fmt: str) -> bytes:
    """The report in ``fmt`` (html, md or pdf)."""
    if fmt not in FORMATS:
        raise InvalidInputError(f"--format {fmt!r}: expected one of {', '.join(FORMATS)}")
    kind = content["kind"]
    environment = _environment()
    css = resources.files("tierwatch.reports").joinpath("templates/style.css").read_text(
        encoding="utf-8")
    if fmt == "md":
        chart = content.get("chart_svg", "")
        uri = "data:image/svg+xml;base64," + base64.b64encode(chart.encode()).decode()
        text = environment.get_template(f"{kind}.md.j2").render(r=content, chart_uri=uri)
        return text.encode("utf-8")
    html = environment.get_template(f"{kind}.html.j2").render(r=content, css=css)
    if fmt == "html":
        return html.encode("utf-8")
    from weasyprint import HTML

    pdf: bytes = HTML(string=html).write_pdf()
    return pdf
