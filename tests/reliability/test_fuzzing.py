"""Fuzzing under a fixed budget: the reader on any bytes (text, HTML, damaged PDFs), the law's
history parser and the CLI's parsers on any string. Every input is either accepted or refused
with the project's own error; nothing else may escape.

The budget is a fixed number of examples per test (no deadline: a loaded CI machine must not
turn slowness into failure), about 15 s for the module on the reference machine.
"""

from __future__ import annotations

import zlib

from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tierwatch.cli import cli
from tierwatch.errors import TierwatchError
from tierwatch.law import evaluate_year, parse_history
from tierwatch.reading.loading import load_bytes
from tierwatch.reading.pipeline import read_loaded

BUDGET = settings(max_examples=80, deadline=None, derandomize=True,
                  suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _pdf_with_text(text: str) -> bytes:
    """A small valid PDF with one page of text (the fuzzer's seed to damage)."""
    content = f"BT /F1 12 Tf 40 700 Td ({text}) Tj ET".encode()
    stream = zlib.compress(content)
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Resources<</Font<</F1 5 0 R>>>>"
        b"/Contents 4 0 R>>",
        b"<</Length " + str(len(stream)).encode() + b"/Filter/FlateDecode>>stream\n" + stream
        + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


SEED_PDF = _pdf_with_text("Cambodia was placed on Tier 3 in the 2023 report.")


def _read(name: str, data: bytes) -> None:
    try:
        read_loaded(load_bytes(name, data))
    except TierwatchError as error:
        assert "\n" not in str(error)


def test_the_seed_pdf_is_read() -> None:
    reading = read_loaded(load_bytes("seed.pdf", SEED_PDF))
    assert reading.main_country == "KHM"


@BUDGET
@given(st.lists(st.tuples(st.integers(0, len(SEED_PDF) - 1), st.integers(0, 255)),
                min_size=1, max_size=12),
       st.integers(0, len(SEED_PDF)))
def test_damaged_pdfs_are_read_or_refused(edits: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(SEED_PDF)
    for position, value in edits:
        data[position] = value
    _read("fuzz.pdf", bytes(data))
    _read("cut.pdf", bytes(data[:max(cut, 5)]) + b"\n%%EOF\n")


@BUDGET
@given(st.binary(max_size=3000))
def test_any_bytes_are_read_or_refused(data: bytes) -> None:
    _read("fuzz.txt", data)
    _read("fuzz.pdf", b"%PDF-1.4\n" + data + b"\n%%EOF")


HTML_PARTS = st.sampled_from([
    "<html>", "</html>", "<body>", "</body>", "<p>", "</p>", "<div>", "</div>", "<script>",
    "</script>", "<!--", "-->", "<![CDATA[", "]]>", "&amp;", "&#0;", "&#x110000;", "<br/>",
    "Cambodia", "Tier 3", "2023", "report", " ", "\n", "<a href='x'>", "</a>", "<table><tr><td>",
    "<?xml version='1.0'?>", "<!DOCTYPE html>", "<svg onload=x>", "\x00", "\ufeff",
])


@BUDGET
@given(st.lists(HTML_PARTS, min_size=1, max_size=80).map("".join))
def test_any_html_is_read_or_refused(html: str) -> None:
    _read("fuzz.html", html.encode("utf-8"))


@settings(BUDGET, max_examples=40)
@given(st.text(max_size=300))
def test_any_text_is_read_or_refused(text: str) -> None:
    _read("fuzz.txt", text.encode("utf-8", "surrogatepass"))


HISTORY_PARTS = st.sampled_from([
    "2019", "2020", "2001", "1999", "2099", "²⁰¹⁹", "٢٠١٩", ":", "1", "2", "2WL", "3",
    "special", "unranked", "?", "+waiver", "|", " ", ",", "\n", "x", "", "1|2", "2WL|3",
])


@BUDGET
@given(st.lists(HISTORY_PARTS, max_size=40).map("".join), st.integers(1990, 2040))
def test_any_history_is_parsed_or_refused(text: str, year: int) -> None:
    try:
        history = parse_history(text)
    except TierwatchError as error:
        assert "\n" not in str(error)
        return
    try:
        evaluate_year(history, year)
    except TierwatchError as error:
        assert "\n" not in str(error)


@BUDGET
@given(st.sampled_from([
    ["clock", "--history", "{}", "--year", "2022"],
    ["clock", "--history", "2019:2", "--year", "2022", "--option", "{}"],
    ["whatif", "Cambodia", "--assume", "{}", "--db", ":memory:"],
    ["year", "{}", "--db", ":memory:"],
    ["law", "--year", "{}"],
]), st.text(max_size=60))
def test_the_cli_parsers_accept_or_refuse_in_one_line(template: list[str], text: str) -> None:
    args = [part.replace("{}", text) for part in template]
    result = CliRunner().invoke(cli, args, catch_exceptions=True)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    assert result.exit_code in (0, 2), result.output
    if result.exit_code == 2:
        lines = result.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
