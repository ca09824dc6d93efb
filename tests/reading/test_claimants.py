"""Claimants sentence by sentence and clause by clause, on the project's own test texts."""

from __future__ import annotations

from pathlib import Path

from tierwatch.reading.pipeline import read_path, read_text


def test_an_agency_named_for_trafficking_in_persons_is_the_government(
        fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "agency_vs_report.txt"))
    claims = {(f.value, f.claimant_kind, f.period) for f in reading.figures
              if f.quantity == "convictions"}
    assert (52, "government", "2020") in claims
    assert (38, "TIP report", "2020") in claims  # "put the number at 38": same period
    (dispute,) = reading.disputes
    assert {dispute.first.value, dispute.second.value} == {52, 38}


def test_the_edition_of_the_report_gives_the_year(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "gulf_edition.txt"))
    assert (reading.report_year, reading.report_year_basis) == (2023, "explicit")
    tiers = {p.country: str(p.tier) for p in reading.placements}
    assert tiers == {"QAT": "Tier 1", "KWT": "Tier 2", "SAU": "Tier 2",
                     "OMN": "Tier 2 Watch List"}


def test_a_minister_welcoming_the_decision_agrees(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "minister_welcomes.txt"))
    (speaker,) = reading.speakers
    assert (speaker.kind, speaker.stance) == ("government", "agrees")


def test_a_spokeswoman_speaks_for_the_government(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "spokeswoman_rejects.txt"))
    (speaker,) = reading.speakers
    assert speaker.kind == "government"
    (figure,) = reading.figures
    assert (figure.quantity, figure.value, figure.claimant_kind) == (
        "investigations", 176, "government")


def test_a_council_against_trafficking_keeps_its_whole_name(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "council_against.txt"))
    assert {f.claimant for f in reading.figures} == {"Inter-Agency Council Against Trafficking"}
    assert reading.report_year == 2024
    assert [(p.country, str(p.tier), p.move) for p in reading.placements] == [
        ("PHL", "Tier 1", "unchanged")]


def test_a_country_adjective_names_the_country_when_no_name_is_given(
        fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "kenyan_campaigners.txt"))
    assert reading.main_country == "KEN"
    assert [(p.country, str(p.tier)) for p in reading.placements] == [("KEN", "Tier 2")]
    figures = {(f.value, f.period, f.claimant_kind, f.country) for f in reading.figures}
    assert figures == {(12, "2015", "NGO", "KEN"), (20, "2014", "NGO", "KEN")}


def test_an_adjective_does_not_outweigh_a_named_country(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "relegated_and_promoted.txt"))
    assert reading.main_country == "MMR"  # "Ivorian" later in the text does not tip it


def test_a_decrease_from_gives_the_earlier_count(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "decrease_from.txt"))
    assert {(f.value, f.period) for f in reading.figures if f.quantity == "convictions"} == {
        (119, "2014"), (134, "2013")}


def test_a_question_or_a_denied_rumour_places_nothing(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "denied_rumour.txt"))
    assert reading.placements == []
    assert reading.report_year is None


def test_the_report_narrative_asserts_its_own_figures(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "report_narrative.txt"))
    assert {f.claimant for f in reading.figures} == {"TIP report"}
    convictions = sorted((f.value, f.period) for f in reading.figures
                         if f.quantity == "convictions")
    assert convictions == [(9, "previous period"), (10, None)]
    assert reading.report_year is None  # the narrative names no year: unknown, not guessed


def _claims(text: str) -> list[tuple[str, int, str, str]]:
    return [(f.quantity, f.value, f.claimant, f.claimant_kind)
            for f in read_text(text).figures]


def test_the_reports_unnamed_sources_are_their_own_claimants() -> None:
    text = ("The government demonstrated mixed protection efforts. The government of Togo "
            "identified 40 victims. An international organization reported identifying 12 "
            "more victims. Another NGO reported identifying 9 victims at border posts.")
    assert _claims(text) == [
        ("victims identified", 40, "TIP report", "TIP report"),
        ("victims identified", 12, "An international organization", "international organisation"),
        ("victims identified", 9, "an NGO", "NGO")]


def test_foreign_officers_are_named_not_carried_from_the_sentence_before() -> None:
    text = ("An NGO in Togo reported identifying 9 victims. Beninese border officers reported "
            "identifying 14 Togolese women.")
    assert _claims(text)[1] == ("victims identified", 14, "Beninese border officers",
                                "government")


def test_a_world_estimate_is_no_countrys_figure() -> None:
    reading = read_text("According to the United Nations, at least 2.5 million people are "
                        "trapped in modern slavery.")
    assert reading.figures == []


def test_the_first_convictions_are_not_one_conviction() -> None:
    assert read_text("The report ignored the first convictions under Togo's new law.").figures == []


def test_the_government_reported_in_a_chapter_is_the_reports_claim() -> None:
    text = ("TOGO: TIER 2\n\nThe Government of Togo does not fully meet the minimum standards "
            "for the elimination of trafficking but is making significant efforts to do so. "
            "The government reported investigating 27 cases, prosecuting 12 suspects and "
            "convicting five traffickers, compared with investigating 19 cases in the previous "
            "reporting period. The government did not report any convictions of complicit "
            "officials. NGOs reported identifying 35 additional victims.")
    assert _claims(text) == [
        ("investigations", 27, "TIP report", "TIP report"),
        ("prosecutions", 12, "TIP report", "TIP report"),
        ("convictions", 5, "TIP report", "TIP report"),
        ("investigations", 19, "TIP report", "TIP report"),
        ("convictions", 0, "TIP report", "TIP report"),
        ("victims identified", 35, "NGOs", "NGO")]
    assert read_text(text).figures[3].period == "previous period"


def test_a_quotation_the_report_is_said_to_make_is_the_reports_to_its_end() -> None:
    from tierwatch.reading.pipeline import read_text

    text = (
        "Laos stays on the Watch List.\n\n"
        "The annual report was blunt: \"The government did not convict any traffickers. "
        "Officials identified 41 victims, compared with 55 in 2022.\"\n\n"
        "The ministry said police arrested 12 recruiters.\n"
    )
    reading = read_text(text)
    by_value = {f.value: (f.claimant_kind, f.reasons) for f in reading.figures}
    assert by_value[0][0] == "TIP report"
    assert by_value[41] == ("TIP report", ("inside the report's quotation",))
    assert by_value[55][0] == "TIP report"
    assert by_value[12][0] == "government"  # the quotation closed: the ministry's own figure


def test_a_clause_opened_by_although_keeps_its_own_claimant() -> None:
    from tierwatch.reading.pipeline import read_text

    reading = read_text("The report said Laos convicted 3 traffickers, although the government "
                        "has reported identifying 508 victims since 2013.\n")
    kinds = {f.value: f.claimant_kind for f in reading.figures}
    assert kinds == {3: "TIP report", 508: "government"}
