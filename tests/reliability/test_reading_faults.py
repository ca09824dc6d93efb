"""Reading hostile documents: bad PDFs as one line each, the batch goes on; a bad scheduler.

(Linear time in the text's length is measured by benchmarks/bench_reading.py.)"""

from __future__ import annotations

import io
from pathlib import Path

from tests.reliability.conftest import one_error_line, run

from tierwatch.reading.batch import read_many


def _encrypted_pdf() -> bytes:
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


MALFORMED_PDFS = {
    "encrypted.pdf": _encrypted_pdf(),
    "no-pages.pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF",
    "bad-xref.pdf": b"%PDF-1.7\nxref\n0 9999999999\nstartxref\n9\n%%EOF",
    "loop.pdf": b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 1 0 R>>endobj\n"
                b"trailer<</Root 1 0 R>>\n%%EOF",
}


def test_bad_pdfs_are_one_line_each_and_the_good_files_still_read(tmp_path: Path) -> None:
    names = []
    for index in range(33):
        good = tmp_path / f"good{index:02d}.txt"
        good.write_text(f"Cambodia was placed on Tier {1 + index % 3} in the 2020 report.\n",
                        encoding="utf-8")
        names.append(str(good))
    for name, data in MALFORMED_PDFS.items():
        (tmp_path / name).write_bytes(data)
        names.append(str(tmp_path / name))
    outcomes = read_many(names, progress=False)
    assert sum(o.reading is not None for o in outcomes) == 33
    bad = [o for o in outcomes if o.error is not None]
    assert [Path(o.name).name for o in bad] == list(MALFORMED_PDFS)
    assert all("\n" not in (o.error or "") for o in bad)
    db = str(tmp_path / "kb.sqlite")
    result = run("read", "--store", "--db", db, *names)
    assert result.exit_code == 2
    errors = result.stderr.strip().splitlines()
    assert sum(line.startswith("error: ") for line in errors) == len(MALFORMED_PDFS)
    assert "stored" in errors[-1] and "from 33 document(s)" in errors[-1]
    assert "Traceback" not in result.stderr


def test_a_scheduler_that_is_not_an_address_or_not_there(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Cambodia was placed on Tier 3 in the 2023 report.\n", encoding="utf-8")
    assert "not a scheduler address" in one_error_line(
        run("read", str(article), "--scheduler", "not a url"))
    assert "cannot reach" in one_error_line(
        run("read", str(article), "--scheduler", "tcp://127.0.0.1:1"))
