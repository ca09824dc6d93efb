"""Loading files of every kind, refusing bad ones, and removing page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from tierwatch.errors import InvalidInputError
from tierwatch.reading.cleaning import clean_text
from tierwatch.reading.loading import load_path
from tierwatch.reading.pipeline import read_path

ARTICLE = ("Panama was moved up to Tier 1 in the 2016 Trafficking in Persons report. "
           "The report said prosecutors convicted 12 traffickers in 2015.")


def test_empty_binary_truncated_and_huge_files_are_refused(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("  \n")
    binary = tmp_path / "image.png"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    truncated = tmp_path / "cut.txt"
    truncated.write_bytes("Tier 2 for Côte".encode() + "é".encode()[:1])
    huge = tmp_path / "huge.txt"
    with huge.open("wb") as handle:
        handle.truncate(21 * 1024 * 1024)
    cut_pdf = tmp_path / "cut.pdf"
    cut_pdf.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\n")
    expected = {empty: "empty", binary: "binary", truncated: "truncated", huge: "too large",
                cut_pdf: "truncated", tmp_path / "missing.txt": "no such file"}
    for path, words in expected.items():
        with pytest.raises(InvalidInputError) as error:
            load_path(str(path))
        message = str(error.value)
        assert message.startswith(str(path)) and words in message
        assert "\n" not in message


def test_latin1_text_is_decoded(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(("Côte d'Ivoire était classée au Tier 2 selon le rapport, "
                      "et le ministère a réagi avec prudence. " * 3).encode("latin-1"))
    assert "Côte d'Ivoire" in load_path(str(path)).text


def test_html_page_without_its_furniture(tmp_path: Path) -> None:
    page = f"""<!DOCTYPE html><html><head><title>News</title></head><body>
<nav><a href="/">Home</a> <a href="/x">Vietnam demoted to Tier 3</a></nav>
<article><h1>Panama climbs</h1><p>{ARTICLE}</p>
<p>Rights groups in Panama City said the change reflected two years of work by prosecutors
and shelters, though they warned that migrants crossing the Darien remain at risk.</p></article>
<aside><h3>Related Stories</h3><ul><li>Police arrested 400 suspects in Colon</li>
<li>Cuba relegated to Tier 3</li></ul></aside>
<footer>Subscribe to our newsletter. Copyright 2016.</footer></body></html>"""
    path = tmp_path / "page.html"
    path.write_text(page, encoding="utf-8")
    reading = read_path(str(path))
    assert {p.country_name for p in reading.placements} == {"Panama"}
    assert [f.value for f in reading.figures] == [12]


def test_html_headline_heads_the_text(tmp_path: Path) -> None:
    """A page whose report year and country are named only in its headline: the <h1> (else
    the <title>, less the site's name) comes first in the text, once."""
    body = ("<p>The government does not fully meet the minimum standards for the elimination of "
            "trafficking but is making significant efforts to do so, and it remains on Tier 2, "
            "the department said. Prosecutors brought new cases against labour recruiters and "
            "the police opened a shelter for women in the capital during the year.</p>")
    with_h1 = tmp_path / "h1.html"
    with_h1.write_text(f"<html><head><title>Embassy news | Embassy of the US</title></head>"
                       f"<body><nav><a href='/'>Home</a></nav><h1>Nauru and the 2019 TIP "
                       f"report</h1>{body}</body></html>", encoding="utf-8")
    only_title = tmp_path / "title.html"
    only_title.write_text(f"<html><head><title>2019 Trafficking in Persons Report: Nauru | "
                          f"U.S. Embassy</title></head><body>{body}</body></html>",
                          encoding="utf-8")
    for path, headline in ((with_h1, "Nauru and the 2019 TIP report"),
                           (only_title, "2019 Trafficking in Persons Report: Nauru")):
        text = load_path(str(path)).text
        assert text.startswith(headline + "\n\n") and text.count(headline) == 1
        reading = read_path(str(path))
        assert (reading.report_year, reading.main_country) == (2019, "NRU")


def test_pdf_text(tmp_path: Path) -> None:
    weasyprint = pytest.importorskip("weasyprint")
    path = tmp_path / "report.pdf"
    weasyprint.HTML(string=f"<p>{ARTICLE}</p>").write_pdf(str(path))
    reading = read_path(str(path))
    assert [(p.country_name, p.report_year, str(p.tier)) for p in reading.placements] == [
        ("Panama", 2016, "Tier 1")]


def test_furniture_yields_no_claims(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "furniture.txt"))
    assert {p.country_name for p in reading.placements} == {"Philippines"}
    assert [f.value for f in reading.figures] == [217]
    assert "newsletter" not in reading.text and "Cebu" not in reading.text


def test_trailing_headlines_with_bullets_are_cut() -> None:
    raw = (ARTICLE + "\n\n" + "More on the story follows here in a second paragraph.\n\n"
           "  • Fiji moved to Tier 3 as police arrested 80 suspects\n\n"
           "    A blurb under the headline.\n\n"
           "  • Samoa keeps Tier 1\n\n  • Tonga on the watch list\n")
    cleaned = clean_text(raw)
    assert "Fiji" not in cleaned and "Samoa" not in cleaned and "Panama" in cleaned


def test_hard_wrapped_lines_are_joined(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "hardwrapped.txt"))
    assert "in the State Department's annual trafficking report, which was released" in (
        reading.text)
    assert reading.report_year == 2018  # the period April 2017 to March 2018
    assert [(f.quantity, f.value) for f in reading.figures] == [
        ("investigations", 23), ("victims identified", 15)]


def test_double_spaced_wrapping_is_joined() -> None:
    lines = [
        "The annual report, published in Washington on Monday, moved Ecuador from",
        "the watch list up to Tier 2 after the government opened new shelters and",
        "trained hundreds of police officers to spot victims of forced labour at",
        "ports and farms across the country, officials in Quito said afterwards.",
        "Advocates in Guayaquil welcomed the decision but said more must follow",
        "before the next report.",
    ]
    cleaned = clean_text("\n\n".join(lines))
    assert "moved Ecuador from the watch list up to Tier 2" in cleaned


def test_a_tier_list_at_the_end_is_content_not_furniture() -> None:
    from tierwatch.reading.pipeline import read_text

    text = ("Movements in this year's report, released Monday, were many across the region.\n\n"
            "  • Peru: Tier 2 Watch List\n\n  • Chile: Tier 1\n\n  • Bolivia: Tier 3\n")
    tiers = {p.country_name: str(p.tier) for p in read_text(text).placements}
    assert tiers == {"Peru": "Tier 2 Watch List", "Chile": "Tier 1", "Bolivia": "Tier 3"}


def test_a_colon_list_of_one_tier() -> None:
    from tierwatch.reading.pipeline import read_text

    text = ("The 2022 report's bottom group:\n\nTier 3: Afghanistan, Belarus, Burma, China, "
            "Cuba, Eritrea.")
    reading = read_text(text)
    assert {p.country_name for p in reading.placements} == {
        "Afghanistan", "Belarus", "Burma", "China", "Cuba", "Eritrea"}
    assert {(str(p.tier), p.report_year) for p in reading.placements} == {("Tier 3", 2022)}


def test_words_hyphenated_across_lines_are_mended() -> None:
    cleaned = clean_text("The government convicted 12 traf-\nfickers in Peru, a well- known "
                         "case, and a\nlong-running one.")
    assert cleaned == ("The government convicted 12 traffickers in Peru, a well- known case, "
                       "and a long-running one.")


def test_a_heading_line_is_a_sentence_of_its_own() -> None:
    from tierwatch.reading.sentences import split_sentences

    cleaned = clean_text("Courts sentenced two traffickers.\nPROTECTION\nThe government "
                         "maintained efforts\nto protect victims.\n")
    assert [s.text for s in split_sentences(cleaned)] == [
        "Courts sentenced two traffickers.", "PROTECTION",
        "The government maintained efforts to protect victims."]


def test_a_marker_line_over_headlines_ends_the_article() -> None:
    text = ("Fiji stays on Tier 2\n\nFiji remained on Tier 2 in the 2024 report, officials "
            "said. The government identified 12 victims.\n\nRead more:\nTonga remains on the "
            "Tier 2 Watch List\nSamoa again ranked Tier 3\n")
    cleaned = clean_text(text)
    assert "Tonga" not in cleaned and "Samoa" not in cleaned
    assert "identified 12 victims" in cleaned
