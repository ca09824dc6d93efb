"""Reports: the content a reader relies on, byte-identical renders, and real rendering in
headless Chromium and as PDF pages turned into pictures (pdftoppm)."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import numpy
import pytest
from PIL import Image

from tierwatch.errors import UnknownYearError
from tierwatch.placements import year_view
from tierwatch.reports import annual_report, country_report, render
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.store import Store

TIER_RGB = {"Tier 2": (0x15, 0x65, 0xC0), "Tier 2 Watch List": (0xEF, 0x8F, 0x00),
            "Tier 3": (0xC6, 0x28, 0x28)}


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """The shipped placements plus two disputed figures written here."""
    store = open_store(str(tmp_path_factory.mktemp("kb") / "kb.sqlite"))
    source = SourceInfo(id="test-article", title="a test article", kind="document")
    figures = [
        Statement(country="KHM", report_year=2013, prop="convictions", value=value,
                  claimant=claimant, source="test-article", locator=f"chars {n}-{n + 40}",
                  period="2012")
        for n, (value, claimant) in enumerate([("300", "government (Ministry of Foreign "
                                                       "Affairs)"), ("44", "TIP report")])]
    store.add(figures, [source])
    return store


def test_the_2022_report_says_tier_3_forced_with_its_fiscal_year(store: Store) -> None:
    content = country_report(store, "Cambodia", 2022)
    assert content["tier"] == "Tier 3" and content["previous_tier"] == "Tier 2 Watch List"
    assert content["law"]["tier3_forced_in"] == 2022
    assert content["consequences"]["fiscal_year"] == 2023
    assert all(row["finding"] == "unknown" for row in content["criteria"])
    markdown = render(content, "md").decode()
    assert "Tier 3 forced in: 2022" in markdown and "fiscal year 2023" in markdown


def test_the_2013_report_lists_the_disputed_figures(store: Store) -> None:
    content = country_report(store, "Cambodia", 2013)
    assert content["tier"] == "Tier 2 Watch List" and content["move"] == "downgrade"
    (dispute,) = content["disputes"]
    assert dispute["quantity"] == "convictions"
    assert {c["value"] for c in dispute["claims"]} == {"300", "44"}
    assert content["consequences"] is None


def test_3p_scores_are_scores_not_figures(store: Store) -> None:
    content = country_report(store, "Cambodia", 2010)
    assert not any(f["quantity"].startswith("3p ") for f in content["figures"])
    assert content["p3"]["prosecution"] == 4
    markdown = render(content, "md").decode()
    assert "3P policy scores (Cho, 1-5): prosecution 4, protection 3, prevention 3" in markdown


def test_unknown_years_stay_unknown(store: Store) -> None:
    content = country_report(store, "Cambodia", 2026)
    assert content["tier"] is None and content["move"] == "unknown"
    assert "unknown" in render(content, "md").decode()
    with pytest.raises(UnknownYearError):
        annual_report(store, 2026)


def _harfbuzz_subset_missing() -> bool:
    """WeasyPrint subsets fonts with HarfBuzz; without libharfbuzz-subset it falls back to
    fontTools, whose output is not byte-stable."""
    import ctypes.util

    return ctypes.util.find_library("harfbuzz-subset") is None


@pytest.mark.parametrize("fmt", ["html", "md", "pdf"])
def test_two_renders_are_byte_identical(store: Store, fmt: str) -> None:
    if fmt == "pdf" and _harfbuzz_subset_missing():
        pytest.skip("byte-identical PDFs need the system package libharfbuzz-subset0 "
                    "(apt-get install libharfbuzz-subset0)")
    for content in (country_report(store, "Cambodia", 2022), annual_report(store, 2014)):
        assert render(content, fmt) == render(content, fmt)
    again = country_report(store, "Cambodia", 2022)
    assert render(again, fmt) == render(country_report(store, "Cambodia", 2022), fmt)


def test_a_deduced_placement_is_shown_with_its_lists_not_as_unknown(store: Store) -> None:
    content = country_report(store, "Albania", 2025)
    assert content["tier"] is None and content["basis"] == "deduced"
    markdown = render(content, "md").decode()
    assert ("**Tier 2 or Special Case (deduced: absent from the complete 2025 Tier 1, Watch List "
            "and Tier 3 lists)**") in markdown
    assert "it is shown as unknown" not in markdown
    assert "not a state" in render(country_report(store, "South Sudan", 2011), "md").decode()


def test_the_annual_report_accounts_for_every_country_of_the_year(store: Store) -> None:
    """2025's complete Tier 1, Watch List and Tier 3 lists leave the other covered countries
    'Tier 2 or Special Case': the report lists them as deduced, with the lists it rests on."""
    content = annual_report(store, 2025)
    listed = sum(len(items) for items in content["tiers"].values())
    deduced = [name for group in content["deduced"] for name in group["countries"]]
    year = year_view(store, 2025)
    assert len(deduced) == len(year.deduced) > 0
    assert listed + len(deduced) + len(content["unknown"]) == (
        sum(len(items) for items in year.tiers.values()) + len(year.deduced)
        + len(year.unknown))
    markdown = render(content, "md").decode()
    assert ("**Tier 2 or Special Case** (deduced: absent from the complete 2025 Tier 1, "
            "Watch List and Tier 3 lists)") in markdown
    assert "Tier 2 or Special Case (deduced): " in markdown
    assert "deduced" in render(content, "html").decode()


def test_the_annual_report_names_forced_downgrades_and_waivers(store: Store) -> None:
    content = annual_report(store, 2014)
    forced = {item["country"] for item in content["forced_downgrades"]}
    assert {"Thailand", "Malaysia", "The Gambia"} <= forced
    assert len(content["waivers"]) == 14  # the complete 2014 waiver list
    html = render(content, "html").decode()
    assert "Forced downgrades" in html and "Thailand" in html


def _colour_pixels(image: Image.Image, rgb: tuple[int, int, int], tolerance: int = 40) -> int:
    pixels = numpy.asarray(image.convert("RGB"), dtype=numpy.int16)
    close = numpy.abs(pixels - numpy.array(rgb, dtype=numpy.int16)) <= tolerance
    return int(close.all(axis=2).sum())


def _assert_readable_page(path: Path) -> None:
    image = Image.open(path)
    width, height = image.size
    assert width >= 400 and height >= 400
    colours = image.convert("RGB").getcolors(maxcolors=1 << 20) or []
    assert len(colours) > 50, "the page is blank or nearly so"
    for tier, rgb in TIER_RGB.items():
        assert _colour_pixels(image, rgb) > 30, f"no {tier} colour in the chart"


@pytest.mark.parametrize("year", [2013, 2022])
def test_the_html_report_renders_in_headless_chromium(store: Store, tmp_path: Path, year: int,
                                                      tool_path: Any) -> None:
    chromium = tool_path("chromium")
    page = tmp_path / f"cambodia-{year}.html"
    page.write_bytes(render(country_report(store, "Cambodia", year), "html"))
    shot = tmp_path / f"cambodia-{year}.png"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    f"--user-data-dir={tmp_path / 'profile'}", "--window-size=1000,1400",
                    f"--screenshot={shot}", page.as_uri()],
                   check=True, capture_output=True, timeout=120)
    _assert_readable_page(shot)


@pytest.mark.parametrize("year", [2013, 2022])
def test_the_pdf_report_renders_as_pages(store: Store, tmp_path: Path, year: int,
                                         tool_path: Any) -> None:
    pdftoppm = tool_path("pdftoppm")
    pdf = tmp_path / f"cambodia-{year}.pdf"
    pdf.write_bytes(render(country_report(store, "Cambodia", year), "pdf"))
    subprocess.run([pdftoppm, "-r", "80", "-png", str(pdf), str(tmp_path / "page")],
                   check=True, capture_output=True, timeout=120)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert 1 <= len(pages) <= 6
    _assert_readable_page(pages[0])


@pytest.mark.parametrize(("args", "message"), [
    (("Atlantis", "--year", "2022"), "Atlantis"),
    (("--annual", "1990"), "1990"),
    (("Cambodia",), "--year"),
    (("Cambodia", "--year", "2022", "--annual", "2022"), "--annual"),
])
def test_the_report_command_refuses_bad_requests(tmp_path: Path, args: tuple[str, ...],
                                                 message: str) -> None:
    import os
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "tierwatch.cli", "report", *args, "-o", str(tmp_path / "r.html")],
        capture_output=True, text=True, check=False,
        env={**os.environ, "TIERWATCH_DB": str(tmp_path / "kb.sqlite")})
    assert result.returncode == 2 and message in result.stderr
    assert not (tmp_path / "r.html").exists()
