"""Who says what: named speakers, their organisation and kind, their stance on the report."""

from __future__ import annotations

from pathlib import Path

from tierwatch.reading.pipeline import read_path, read_text


def speakers(text: str) -> list[tuple[str, str | None, str, str | None]]:
    return [(s.name, s.organisation, s.kind, s.stance) for s in read_text(text).speakers]


def test_appositive_role_and_dispute() -> None:
    text = ("Dara Kim, deputy director of the Interior Ministry's anti-trafficking department, "
            "disputed the report's findings on Tuesday.")
    assert speakers(text) == [
        ("Dara Kim", "Interior Ministry's anti-trafficking department", "government", "disputes")
    ]


def test_title_before_the_name_and_agreement() -> None:
    text = ("Labour Minister Awa Kone welcomed the upgrade, calling the report a fair "
            "reflection of the work of the police.")
    assert speakers(text) == [("Awa Kone", "Labour Minister", "government", "agrees")]


def test_name_of_organisation_and_quote_after() -> None:
    text = ("“The ranking is deserved,” said Lina Haddad, director of a migrant rights group "
            "in Beirut.")
    (speaker,) = read_text(text).speakers
    assert (speaker.name, speaker.kind, speaker.stance) == ("Lina Haddad", "NGO", "agrees")


def test_later_references_are_the_same_speaker() -> None:
    text = ("Omar Rahman, a spokesman for the Ministry of Justice, said the courts had worked "
            "hard. “We reject this report,” Mr Rahman said. He added that the figures were "
            "wrong.")
    reading = read_text(text)
    assert [(s.name, s.stance) for s in reading.speakers] == [("Omar Rahman", "disputes")]


def test_no_stance_without_the_report_in_view() -> None:
    text = "Grace Mensah, head of a shelter charity, said beds were scarce in the north."
    assert [s.stance for s in read_text(text).speakers] == [None]


def test_the_founding_articles_speakers(seeds_dir: Path) -> None:
    reading = read_path(str(seeds_dir / "000_21b9e43a554b0a69.txt"))
    by_name = {s.name: (s.kind, s.stance) for s in reading.speakers}
    assert by_name["Chiv Phally"] == ("government", "disputes")
    assert by_name["Samleang Seila"] == ("NGO", "agrees")
    assert by_name["Moeun Tola"] == ("NGO", "agrees")


def test_a_two_word_title_after_the_verb_is_the_role() -> None:
    reading = read_text('Fiji stayed on Tier 2 in the 2021 report. "The ranking ignores our '
                        'progress," said Home Minister Aisake Naulu.')
    speaker = reading.speakers[0]
    assert (speaker.name, speaker.role, speaker.kind) == (
        "Aisake Naulu", "Home Minister", "government")


def test_a_path_is_read_like_its_name(tmp_path: Path) -> None:
    article = tmp_path / "fiji.txt"
    article.write_text("Fiji stayed on Tier 2 in the 2021 report.", encoding="utf-8")
    assert read_path(article) == read_path(str(article))
