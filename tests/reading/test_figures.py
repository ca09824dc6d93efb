"""Figures: numbers in digits and words, qualifiers, claimants, periods, disputes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tierwatch.reading.figures import parse_number
from tierwatch.reading.model import DocumentReading, Figure
from tierwatch.reading.pipeline import read_path, read_text


def figures(reading: DocumentReading) -> list[tuple[str, int, str | None]]:
    return [(f.quantity, f.value, f.qualifier) for f in reading.figures]


def only(reading: DocumentReading) -> Figure:
    assert len(reading.figures) == 1, reading.figures
    return reading.figures[0]


@pytest.mark.parametrize(
    ("words", "value"),
    [("forty-two", 42), ("two hundred and six", 206), ("1,558", 1558), ("36.5 million", 36_500_000),
     ("three thousand", 3000), ("a dozen", 12), ("nineteen", 19), ("tens of thousands", None)],
)
def test_numbers_in_words_and_digits(words: str, value: int | None) -> None:
    assert parse_number(words) == value


def test_numbers_are_exact_integers_without_float() -> None:
    # 2**60 + 1 is not representable as a float: a float path would print ...977
    assert parse_number("1152921504606846977") is None  # beyond the bound, rejected
    assert parse_number("9,999,999,999") == 9_999_999_999
    assert parse_number("2.5 million") == 2_500_000
    assert parse_number("0.125 thousand") == 125
    assert parse_number("2.5") is None  # a fraction is no count
    assert parse_number("9" * 400) is None
    assert parse_number("9" * 5000 + " million") is None  # past int()'s digit limit too


@pytest.mark.parametrize("digits", ["\u00b2\u00b3", "1\u00b2", "\u2075", "\u0663", "\U0001d7d1"])
def test_unicode_digits_never_reach_int(digits: str) -> None:
    assert parse_number(digits) is None
    reading = read_text(f"Police in Laos arrested {digits} suspects in 202{digits}.")
    assert all(f.value != 0 for f in reading.figures)


def test_a_huge_number_in_a_sentence_is_dropped_not_altered() -> None:
    reading = read_text("Police in Laos arrested " + "9" * 400
                        + " suspects; later they arrested 12 recruiters.")
    assert [f.value for f in reading.figures] == [12]


def test_vague_amounts_are_no_figures() -> None:
    text = ("Tens of thousands of workers were trafficked, and hundreds of victims "
            "were rescued by police, officials in Laos said.")
    assert read_text(text).figures == []


def test_more_than_is_a_qualifier() -> None:
    figure = only(read_text("Police in Ghana rescued more than 650 children last year."))
    assert (figure.quantity, figure.value, figure.qualifier) == ("victims rescued", 650,
                                                                 "more than")


def test_words_and_government_claimant(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "dropped_lowest.txt"))
    assert figures(reading) == [("arrests", 42, None), ("victims rescued", 206, None),
                                ("cases", 306, None)]
    assert {f.claimant_kind for f in reading.figures} == {"government"}
    assert {f.period for f in reading.figures} == {"2013"}


def test_report_claims_and_derived_earlier_period(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "relegated_and_promoted.txt"))
    assert figures(reading) == [("convictions", 58, None), ("convictions", 23, None)]
    assert {f.claimant for f in reading.figures} == {"TIP report"}
    assert reading.figures[1].period == "2023"


def test_fewer_than_the_year_before_derives_the_earlier_count() -> None:
    reading = read_text(
        "The report said Mali convicted 14 traffickers, 9 fewer convictions than the year before."
    )
    assert figures(reading) == [("convictions", 14, None), ("convictions", 23, None)]


def test_years_are_not_counts() -> None:
    reading = read_text("In 2019 the government of Nepal convicted 2019 offenders? No: "
                        "it prosecuted cases in 2018 and 2019.")
    assert all(f.value != 2018 for f in reading.figures)


def test_breakdown_after_a_colon() -> None:
    reading = read_text(
        "The ministry said police arrested 120 suspects: 70 for forced labour "
        "and 50 for sexual exploitation."
    )
    got = [(f.value, f.breakdown) for f in reading.figures]
    assert got == [(120, None), (70, "for forced labour"), (50, "for sexual exploitation")]


def test_other_named_source_and_prevalence() -> None:
    reading = read_text(
        "An estimated 400,000 people in Nigeria are living in modern slavery, "
        "according to the Global Slavery Index."
    )
    figure = only(reading)
    assert (figure.quantity, figure.value, figure.claimant) == (
        "prevalence estimate", 400_000, "Global Slavery Index")
    assert figure.claimant_kind == "other source"
    assert figure.country == "NGA"


def test_dispute_between_ministry_and_report(fixtures_dir: Path) -> None:
    reading = read_path(str(fixtures_dir / "dispute_figures.txt"))
    (dispute,) = reading.disputes
    assert {dispute.first.value, dispute.second.value} == {512, 87}
    assert (dispute.country, dispute.quantity, dispute.period) == ("NPL", "prosecutions", "2021")
    assert {dispute.first.claimant_kind, dispute.second.claimant_kind} == {
        "government", "TIP report"}


def test_no_dispute_without_a_common_period() -> None:
    reading = read_text(
        "The Interior Ministry said it convicted 90 traffickers in 2020. "
        "The report said only 12 traffickers were convicted in 2019."
    )
    assert len(reading.figures) == 2
    assert reading.disputes == []


def test_unattributed_repeat_is_the_attributed_claim() -> None:
    reading = read_text(
        "Some 90,000 people in Peru live in modern slavery.\n\n"
        "Some 90,000 people in Peru live in modern slavery, according to the Global "
        "Slavery Index."
    )
    assert [f.claimant for f in reading.figures] == ["Global Slavery Index"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Police in Peru said they had rescued 45 women from a mining camp in 2019.",
         ("victims rescued", 45, "2019", "government")),
        ("The International Organization for Migration said it had helped repatriate 612 "
         "workers in 2020.", ("victims repatriated", 612, "2020", "international organisation")),
        ("According to the Ministry of Labour, inspectors referred 57 cases to prosecutors "
         "in 2021.", ("prosecutions", 57, "2021", "government")),
        ("A local charity, Shelter Now, said it assisted 230 survivors in 2022.",
         ("victims assisted", 230, "2022", "NGO")),
        ("Officials said twenty-three suspects had been arrested in 2017.",
         ("arrests", 23, "2017", "government")),
        ("Authorities identified 3,150 victims of trafficking in 2018, the report found.",
         ("victims identified", 3150, "2018", "TIP report")),
        ("Prosecutors charged 18 people with trafficking offences in 2016.",
         ("prosecutions", 18, "2016", "article")),
    ],
)
def test_claimants_and_periods(text: str, expected: tuple) -> None:
    figure = only(read_text(text))
    assert (figure.quantity, figure.value, figure.period, figure.claimant_kind) == expected


def test_compared_with_the_previous_period() -> None:
    reading = read_text("The report noted the government convicted nine traffickers, compared "
                        "with 14 in the previous reporting period.")
    assert [(f.value, f.period) for f in reading.figures] == [(9, None), (14, "previous period")]


def test_report_narrative_with_a_comparison_period() -> None:
    reading = read_text(
        "The government reported investigating 59 cases, prosecuting 43 defendants, and "
        "convicting 25 traffickers in 2018, compared with 74 investigations, 52 prosecutions, "
        "and 35 convictions in 2017."
    )
    assert [(f.quantity, f.value, f.period) for f in reading.figures] == [
        ("investigations", 59, "2018"), ("prosecutions", 43, "2018"), ("convictions", 25, "2018"),
        ("investigations", 74, "2017"), ("prosecutions", 52, "2017"), ("convictions", 35, "2017"),
    ]
    assert {f.claimant_kind for f in reading.figures} == {"government"}


def test_an_increase_from_belongs_to_the_earlier_period() -> None:
    reading = read_text("Authorities identified 112 victims in Togo, an increase from 87 "
                        "victims identified the previous year.")
    assert [(f.value, f.period) for f in reading.figures] == [(112, None),
                                                              (87, "the previous year")]


def _claims(text: str) -> list[tuple[str, int, str | None, str]]:
    return [(f.quantity, f.value, f.period, f.claimant_kind) for f in read_text(text).figures]


def test_the_chapters_negatives_are_zero_counts() -> None:
    text = ("The Government of Chad does not fully meet the minimum standards for the "
            "elimination of trafficking. The government did not prosecute or convict any "
            "complicit officials, and it did not achieve a single trafficking conviction "
            "for the third year.")
    got = _claims(text)
    assert ("prosecutions", 0, None, "TIP report") in got
    assert got.count(("convictions", 0, None, "TIP report")) >= 1


def test_no_one_verbed_is_a_zero_count_of_the_verb() -> None:
    got = _claims("Police in Togo identified 14 victims, but no trafficker was convicted and "
                  "no suspects were formally charged.")
    assert ("convictions", 0) in [(q, v) for q, v, _, _ in got]
    assert ("prosecutions", 0) in [(q, v) for q, v, _, _ in got]
    assert ("victims identified", 14) in [(q, v) for q, v, _, _ in got]


def test_missing_data_is_unknown_not_zero() -> None:
    assert read_text("The government of Chad did not report any data on prosecutions or "
                     "convictions.").figures == []


def test_a_single_case_stated_in_words_is_one() -> None:
    got = _claims("The report said courts in Chad convicted a labour trafficker for the first "
                  "time, and that an investigation was opened into two police officers.")
    assert ("convictions", 1, None, "TIP report") in got
    assert ("investigations", 1, None, "TIP report") in got


def test_a_run_of_years_gives_each_year_its_count() -> None:
    got = _claims("According to the report, Chad identified 40 victims in 2023, compared with "
                  "31 victims identified in 2022, 25 in 2021 and 19 in 2020.")
    assert got == [("victims identified", 40, "2023", "TIP report"),
                   ("victims identified", 31, "2022", "TIP report"),
                   ("victims identified", 25, "2021", "TIP report"),
                   ("victims identified", 19, "2020", "TIP report")]


def test_the_reports_attribution_carries_to_the_next_sentences() -> None:
    reading = read_text("Chad stayed on Tier 2, a U.S. government report said. During 2022, "
                        "police in Chad initiated 61 investigations.")
    (figure,) = reading.figures
    assert (figure.value, figure.claimant_kind) == (61, "TIP report")
    assert figure.reasons == ("attribution carried from the sentence before",)


def test_a_photo_caption_is_the_newspapers_own() -> None:
    reading = read_text("The 2024 Trafficking in Persons Report ranked Chad Tier 2. According "
                        "to the report, Chad convicted 9 traffickers.\n\nPolice rescued 30 "
                        "women in a raid in Chad last year. (Photo by A. Person / Agency)")
    kinds = {f.value: f.claimant_kind for f in reading.figures}
    assert kinds == {9: "TIP report", 30: "article"}


def test_persons_involved_and_subsets_of_a_count() -> None:
    got = read_text("The report said Chad police conducted 92 investigations involving 118 "
                    "suspects. It said 63 victims were identified and 40 of these were "
                    "referred to shelters.").figures
    assert [(f.quantity, f.value, f.unit, f.breakdown) for f in got] == [
        ("investigations", 92, "cases", None), ("investigations", 118, "suspects", None),
        ("victims identified", 63, "victims", None),
        ("victims identified", 40, "victims", "referred to shelters")]


def test_a_time_of_day_is_no_count() -> None:
    assert read_text("1 May 2021, 23:31 Chad Trafficking in Persons Report released").figures == []


def test_a_figure_belongs_to_the_country_that_counted_it() -> None:
    text = ("Nepal stays on the Tier 2 Watch List. Many Nepali workers go to Malaysia; Malaysia "
            "hosts them and Malaysia employs them. Nepal police arrested 30 recruiters who sent "
            "workers to Malaysia. In Malaysia, police rescued 12 Nepali women. Indian police "
            "said they rescued 9 girls.")
    reading = read_text(text)
    by_value = {f.value: f.country for f in reading.figures}
    assert by_value == {30: "NPL", 12: "MYS", 9: "IND"}


def test_many_repeated_figures_give_each_dispute_once() -> None:
    line = ("The ministry said Laos convicted 52 traffickers in 2020, while the report put "
            "the number at 38. ")
    reading = read_text(line * 200)
    assert len(reading.disputes) == 1


def test_each_count_of_a_negated_list_is_zero() -> None:
    got = _claims("The government of Chad did not report any investigations, prosecutions, or "
                  "convictions.")
    assert [(q, v) for q, v, _, _ in got] == [
        ("investigations", 0), ("prosecutions", 0), ("convictions", 0)]
    got = _claims("The government of Chad did not report prosecuting or convicting any "
                  "officials.")
    assert [(q, v) for q, v, _, _ in got] == [("prosecutions", 0), ("convictions", 0)]


def test_the_chapters_earlier_counts_by_gerund_are_the_previous_periods() -> None:
    got = _claims("The report said authorities in Zambia prosecuted nine defendants and "
                  "convicted four traffickers, compared with prosecuting 11 and convicting two "
                  "in the previous reporting period.")
    assert ("prosecutions", 9) in [(q, v) for q, v, _, _ in got]
    previous = [(q, v) for q, v, period, _ in got if period and "previous" in period]
    assert previous == [("prosecutions", 11), ("convictions", 2)]
