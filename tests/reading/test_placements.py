"""Placements in the phrasings reporters use (test texts written for these tests)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tierwatch.law.tiers import Tier
from tierwatch.reading.model import DocumentReading, Placement
from tierwatch.reading.pipeline import read_path, read_text


def current(reading: DocumentReading, name: str) -> Placement:
    found = [p for p in reading.placements
             if p.country_name == name and p.timeframe == "current"]
    assert len(found) == 1, reading.placements
    return found[0]


@pytest.mark.parametrize(
    ("text", "country", "tier", "previous", "move"),
    [
        ("Officials said Belize was relegated to Tier 3 this week.",
         "Belize", Tier.TIER_3, None, "downgrade"),
        ("The State Department bumped Chile up to Tier 1 on Tuesday.",
         "Chile", Tier.TIER_1, None, "upgrade"),
        ("Jordan was promoted from the watch list to Tier Two.",
         "Jordan", Tier.TIER_2, Tier.WATCH_LIST, "upgrade"),
        ("Washington dropped Eritrea to the lowest rank in its annual review.",
         "Eritrea", Tier.TIER_3, None, "downgrade"),
        ("Mongolia remains on the watch list, the report says.",
         "Mongolia", Tier.WATCH_LIST, Tier.WATCH_LIST, "unchanged"),
        ("Algeria was placed on the Tier 2 Watch List for the third consecutive year.",
         "Algeria", Tier.WATCH_LIST, Tier.WATCH_LIST, "unchanged"),
        ("The report moved Peru down from Tier 1 to Tier 2.",
         "Peru", Tier.TIER_2, Tier.TIER_1, "downgrade"),
        ("Uganda slipped to the Tier 2 Watch List after years on Tier 2.",
         "Uganda", Tier.WATCH_LIST, Tier.TIER_2, "downgrade"),
        ("Burma is ranked tier-3 again this year.",
         "Burma", Tier.TIER_3, Tier.TIER_3, "unchanged"),
        ("Myanmar was upgraded out of Tier 3 and now sits on the Tier 2 Watch List.",
         "Burma", Tier.WATCH_LIST, Tier.TIER_3, "upgrade"),
        ("Sudan was on Tier 3 for the fourth year in a row.",
         "Sudan", Tier.TIER_3, Tier.TIER_3, "unchanged"),
        ("Chad is on the watch list for a second year running.",
         "Chad", Tier.WATCH_LIST, Tier.WATCH_LIST, "unchanged"),
    ],
)
def test_reporter_phrasings(text, country, tier, previous, move) -> None:
    placement = current(read_text(text), country)
    assert (placement.tier, placement.previous_tier, placement.move) == (tier, previous, move)


def test_upgrade_and_downgrade_in_one_text(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "relegated_and_promoted.txt"))
    burma = current(reading, "Burma")  # named "Myanmar" in the text
    ivory = current(reading, "Cote d'Ivoire")  # named "Ivory Coast"
    assert (burma.tier, burma.move) == (Tier.TIER_3, "downgrade")
    assert (ivory.tier, ivory.previous_tier, ivory.move) == (
        Tier.TIER_2, Tier.WATCH_LIST, "upgrade")
    assert reading.report_year == 2024  # dateline year, report acted on "on Monday"
    assert burma.main and not ivory.main


def test_report_names_and_common_names(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "names_two_ways.txt"))
    assert reading.report_year == 2010
    assert current(reading, "South Korea").tier == Tier.TIER_1
    assert current(reading, "Moldova").move == "downgrade"
    assert current(reading, "North Korea").tier == Tier.TIER_3
    assert current(reading, "Burma").tier == Tier.TIER_3  # "as did Burma"
    assert current(reading, "Vietnam").tier == Tier.TIER_2  # "Viet Nam"


def test_the_author_of_the_report_is_not_placed(fixtures_dir: Path) -> None:
    for name in ("dropped_lowest.txt", "remains_watch_list.txt"):
        reading = read_path(str(fixtures_dir / name))
        assert "USA" not in {p.country for p in reading.placements}


def test_alongside_gives_the_same_tier(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "dropped_lowest.txt"))
    assert current(reading, "Thailand").tier == Tier.TIER_3
    assert current(reading, "Iran").tier == Tier.TIER_3


def test_before_the_report_only_the_previous_placement(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "pending_report.txt"))
    assert [p for p in reading.placements if p.timeframe == "current"] == []
    (previous,) = reading.placements
    assert (previous.country_name, previous.tier, previous.timeframe) == (
        "Kenya", Tier.TIER_2, "previous")


@pytest.mark.parametrize(
    "text",
    [
        "Analysts warn that Chad could be relegated to Tier 3 next year.",
        "If Peru does not act, it risks being moved to the watch list.",
        "Campaigners say Qatar should be on Tier 3.",
        "Tier 3 is the lowest rank and carries the threat of sanctions.",
    ],
)
def test_a_placement_only_entertained_is_not_claimed(text: str) -> None:
    assert read_text(text).placements == []


def test_unknown_year_stays_unknown(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "unknown_year.txt"))
    assert reading.report_year is None
    laos = current(reading, "Laos")
    assert laos.report_year is None and laos.tier == Tier.WATCH_LIST
    assert {p.country_name for p in reading.placements} == {"Laos"}


def test_list_of_countries_in_one_tier() -> None:
    reading = read_text(
        "The 2012 report listed Iran, Libya, North Korea and Zimbabwe in Tier 3, "
        "while Chile and Israel stayed in Tier 1."
    )
    tiers = {p.country_name: p.tier for p in reading.placements}
    assert tiers == {"Iran": Tier.TIER_3, "Libya": Tier.TIER_3, "North Korea": Tier.TIER_3,
                     "Zimbabwe": Tier.TIER_3, "Chile": Tier.TIER_1, "Israel": Tier.TIER_1}
    assert {p.report_year for p in reading.placements} == {2012}


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("Cambodia, whose workers are often trafficked to Thailand and Malaysia, was "
         "downgraded to Tier 3.", {"Cambodia": Tier.TIER_3}),
        ("Vietnam was upgraded to Tier 2 after it prosecuted traffickers who sent women to "
         "China.", {"Vietnam": Tier.TIER_2}),
        ("Like Nepal last year, India was dropped to the watch list.",
         {"India": Tier.WATCH_LIST}),
        ("The report placed Indonesia on Tier 2, citing abuse of Indonesian maids in Saudi "
         "Arabia and Malaysia.", {"Indonesia": Tier.TIER_2}),
        ("Singapore was placed on Tier 1, while Malaysia fell to Tier 3.",
         {"Singapore": Tier.TIER_1, "Malaysia": Tier.TIER_3}),
        ("Mexico remained in Tier 2 and Canada in Tier 1.",
         {"Mexico": Tier.TIER_2, "Canada": Tier.TIER_1}),
    ],
)
def test_only_the_placed_countries_get_the_tier(text: str, placed: dict) -> None:
    reading = read_text(text)
    assert {p.country_name: p.tier for p in reading.placements} == placed
    assert {p.timeframe for p in reading.placements} == {"current"}


def test_last_year_makes_it_the_previous_placement() -> None:
    (placement,) = read_text("Last year, Peru was placed on Tier 2.").placements
    assert (placement.tier, placement.timeframe) == (Tier.TIER_2, "previous")


def test_a_dated_earlier_placement_beside_the_new_one() -> None:
    reading = read_text("Peru, placed on the watch list in 2012, was moved up to Tier 2.")
    placements = {(p.timeframe, p.report_year, p.tier, p.move) for p in reading.placements}
    assert placements == {("current", None, Tier.TIER_2, "upgrade"),
                          ("historical", 2012, Tier.WATCH_LIST, None)}


@pytest.mark.parametrize(
    ("text", "year", "basis"),
    [
        ("The State Department's 2018 TIP Report kept Chile on Tier 1.", 2018, "explicit"),
        ("Published: 28 June 2016. Belize was upgraded to Tier 2 in the report released "
         "Thursday.", 2016, "dateline with release"),
        ("In 2015 the government convicted 40 traffickers, the report said. Peru remained on "
         "Tier 2.", 2016, "reporting period"),
        ("The report, which covers April 2019 to March 2020, lifted Ghana to Tier 2.", 2020,
         "reporting period"),
        ("The report released Monday downgraded Malawi to Tier 2.", None, None),
        ("The TVPA of 2000 created the tiers. Peru remained on Tier 2.", None, None),
    ],
)
def test_report_year_evidence(text: str, year: int | None, basis: str | None) -> None:
    reading = read_text(text)
    assert (reading.report_year, reading.report_year_basis) == (year, basis)


@pytest.mark.parametrize(
    ("text", "placed"),
    [
        ("CAMBODIA: TIER 2 WATCH LIST\n\nThe government does not fully meet the minimum "
         "standards but is making significant efforts.", {"Cambodia": Tier.WATCH_LIST}),
        ("Report card: Cambodia (Tier 2 Watch List), Laos (Tier 3), Vietnam (Tier 2).",
         {"Cambodia": Tier.WATCH_LIST, "Laos": Tier.TIER_3, "Vietnam": Tier.TIER_2}),
        ("Iran, a Tier 3 country, did not respond.", {"Iran": Tier.TIER_3}),
    ],
)
def test_headings_and_lists_of_the_report(text: str, placed: dict) -> None:
    assert {p.country_name: p.tier for p in read_text(text).placements} == placed


def test_tier_outside_the_ranking_and_separate_runs() -> None:
    reading = read_text("Thailand's tier-one suppliers and second-tier cities grew fast, and "
                        "Vietnam was placed on Tier 2.")
    assert [(p.country_name, p.tier) for p in reading.placements] == [("Vietnam", Tier.TIER_2)]


def test_automatic_downgrade_article(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "automatic_downgrade.txt"))
    assert (reading.report_year, reading.report_year_basis) == (2014, "dateline with release")
    malaysia = current(reading, "Malaysia")
    assert (malaysia.tier, malaysia.previous_tier, malaysia.move) == (
        Tier.TIER_3, Tier.WATCH_LIST, "downgrade")
    others = {p.country_name: p.tier for p in reading.placements if not p.main}
    assert others == {"North Korea": Tier.TIER_3, "Syria": Tier.TIER_3,
                      "Zimbabwe": Tier.TIER_3, "Thailand": Tier.TIER_3,
                      "Venezuela": Tier.TIER_3, "Uzbekistan": Tier.WATCH_LIST}
    figures = [(f.quantity, f.value, f.period, f.claimant_kind) for f in reading.figures]
    assert figures == [("investigations", 186, "2013", "TIP report"),
                       ("investigations", 190, "2012", "TIP report"),
                       ("convictions", 9, "2013", "TIP report"),
                       ("victims rescued", 649, "2013", "government")]
    stances = {s.name: s.stance for s in reading.speakers}
    assert stances == {"Ahmad Zahid Hamidi": "disputes", "Irene Fernandez": "agrees"}


def test_several_countries_each_with_its_own_move(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "gulf_mixed.txt"))
    got = {p.country_name: (p.tier, p.previous_tier, p.move) for p in reading.placements}
    assert got == {
        "United Arab Emirates": (Tier.TIER_2, Tier.TIER_2, "unchanged"),
        "Kuwait": (Tier.WATCH_LIST, Tier.WATCH_LIST, "unchanged"),
        "Oman": (Tier.TIER_2, None, "upgrade"),
        "Saudi Arabia": (Tier.WATCH_LIST, Tier.TIER_3, "upgrade"),
        "Bahrain": (Tier.TIER_1, Tier.TIER_1, "unchanged"),
    }
    assert [(f.value, f.period) for f in reading.figures] == [(27, "2020"), (10, "2020"),
                                                              (3, "2019")]


def test_press_release_organisation_is_no_speaker(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "press_release.txt"))
    assert reading.speakers == []
    (ghana,) = reading.placements
    assert (ghana.report_year, ghana.tier, ghana.previous_tier, ghana.move) == (
        2019, Tier.TIER_2, Tier.WATCH_LIST, "upgrade")
