"""The law layer's API beyond the YAML cases: statute data, calendar, consequences, conflicts,
histories, non-strict replay, determinism, and properties that hold for every lawful history."""

from __future__ import annotations

import json
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tierwatch.errors import InvalidInputError, UnknownYearError
from tierwatch.law import (
    RANKED_TIERS,
    LawConflictError,
    LawOptions,
    PlacementHistory,
    PlacementYear,
    RuleFiring,
    Tier,
    check_placement,
    evaluate_year,
    lawful_placements,
    parse_history,
    provision,
    provisions_in_force,
    report_calendar,
    report_due_date,
    tier3_consequences,
    validate_report_year,
    validate_waivers,
    watch_list_clock,
)
from tierwatch.law.lawful import Constraint, combine
from tierwatch.law.statute import _all_versions


def test_report_years_accepted() -> None:
    assert validate_report_year(2001) == 2001
    assert validate_report_year(2027) == 2027
    for bad in (2000, 2028, 1850):
        with pytest.raises(UnknownYearError, match=f"report year {bad}"):
            validate_report_year(bad)


def test_every_provision_version_names_its_citation_and_confidence() -> None:
    for provision_id, versions in _all_versions().items():
        for version in versions:
            assert version.confidence in {"S", "I", "U"}, provision_id
            assert version.citation, provision_id
            if provision_id not in ("last_report_year", "reporting_period"):
                assert "P.L." in version.citation, provision_id


def test_the_law_of_the_year_applies() -> None:
    assert provision("downgrade_waiver", 2018).value == 2  # type: ignore[union-attr]
    assert provision("downgrade_waiver", 2019).value == 1  # type: ignore[union-attr]
    assert provision("automatic_downgrade", 2008) is None
    assert provision("policy_or_pattern", 2018) is None
    assert {p.id for p in provisions_in_force(2001)} >= {"tier_lists", "report_due"}
    assert "tier3_determination" not in {p.id for p in provisions_in_force(2002)}


def test_calendar() -> None:
    assert report_due_date(2020) == date(2020, 6, 1)
    assert report_due_date(2021) == date(2021, 6, 30)
    calendar = report_calendar(2017)
    assert (calendar.reporting_period_start, calendar.reporting_period_end) == (
        date(2016, 4, 1), date(2017, 3, 31))
    assert "practice" in calendar.reporting_period_citation
    assert "P.L. 115-427" in report_calendar(2019).reporting_period_citation
    assert report_calendar(2003).interim_assessment_due is None
    assert report_calendar(2024).interim_assessment_due == date(2025, 2, 1)


def test_first_reports_carry_no_sanctions() -> None:
    for year in (2001, 2002):
        consequences = tier3_consequences(year)
        assert not consequences.applies
        assert consequences.fiscal_year is None and consequences.actions == []
        assert "no sanctions" in consequences.explanation[0].outcome
    first = tier3_consequences(2003)
    assert first.applies and first.fiscal_year == 2004


def test_tier3_consequences_dates() -> None:
    consequences = tier3_consequences(2022)
    assert consequences.determination_from == date(2022, 8, 14)
    assert consequences.determination_to == date(2022, 9, 28)
    assert consequences.fiscal_year == 2023
    assert consequences.fiscal_year_start == date(2022, 10, 1)
    assert {a["id"] for a in consequences.actions} == {"d1A_i", "d1A_ii", "d1B", "d2", "d3"}
    assert {k["id"] for k in consequences.waiver_kinds} == {"d4_full", "d4_partial", "f_later"}
    released = tier3_consequences(2019, released=date(2019, 6, 20))
    assert released.determination_from == date(2019, 8, 4)
    consequences.actions.append({"id": "x", "citation": "", "text": ""})
    assert len(tier3_consequences(2022).actions) == 5


def test_two_rules_without_priority_raise() -> None:
    only_three = Constraint("rule_a", "cite A", frozenset({Tier.TIER_3}))
    only_one = Constraint("rule_b", "cite B", frozenset({Tier.TIER_1}))
    with pytest.raises(LawConflictError, match="rule_a .*rule_b"):
        combine(2020, [only_three, only_one])
    overriding = Constraint("rule_c", "cite C", frozenset({Tier.TIER_1}),
                            overrides=frozenset({"rule_a"}))
    assert combine(2020, [only_three, overriding]) == frozenset({Tier.TIER_1})


def test_history_is_immutable_and_what_if_makes_a_new_one() -> None:
    history = parse_history("2019:2WL 2020:2WL")
    changed = history.with_year(PlacementYear(2021, Tier.TIER_3))
    assert history.get(2021) is None and changed.tier(2021) is Tier.TIER_3
    assert history.years() == [2019, 2020]
    assert parse_history(changed.to_text()) == changed
    assert PlacementHistory(reversed(list(changed))) == changed
    with pytest.raises(InvalidInputError, match="given twice"):
        PlacementHistory([PlacementYear(2019, Tier.TIER_1), PlacementYear(2019, Tier.TIER_2)])


def test_possible_tiers_in_a_history_read_back_and_rule_out() -> None:
    history = parse_history("2023:2WL 2024:1|2|special 2025:2WL|3")
    assert parse_history(history.to_text()) == history
    assert history.to_text() == "2023:2WL 2024:1|2|special 2025:2WL|3"
    deduced = history.get(2024)
    assert deduced is not None and deduced.tier is None
    assert not deduced.may_be(Tier.WATCH_LIST) and not deduced.may_be(Tier.TIER_3)
    assert deduced.may_be(Tier.SPECIAL_CASE)
    built = PlacementHistory([PlacementYear(2023, Tier.WATCH_LIST),
                              PlacementYear(2024, None, None,
                                            frozenset({Tier.TIER_1, Tier.TIER_2}))])
    assert watch_list_clock(built, 2025).watch_list_years == 0
    assert watch_list_clock(built, 2025).unknown_years == []
    single = PlacementHistory([PlacementYear(2023, Tier.TIER_2),
                               PlacementYear(2024, None, False, frozenset({Tier.TIER_3}))])
    assert check_placement(single, 2024).verdict == "lawful"


def test_answers_are_read_only_and_deterministic() -> None:
    history = parse_history("2013:2WL 2014:2WL 2015:2WL+waiver 2016:2")
    evaluation = evaluate_year(history, 2016)
    with pytest.raises(TypeError):
        evaluation.lawful.tiers.append(Tier.TIER_1)
    with pytest.raises(TypeError):
        evaluation.explanation[0].inputs["report_year"] = 1999
    again = evaluate_year(PlacementHistory(reversed(list(history))), 2016)
    assert json.dumps(evaluation.to_dict()) == json.dumps(again.to_dict())


def test_rule_firing_as_data_and_sentence() -> None:
    firing = RuleFiring("r", "TVPA §1", {"b": 2, "a": [Tier.TIER_1]}, "something happened")
    assert firing.to_dict() == {"rule": "r", "citation": "TVPA §1", "outcome": "something happened",
                                "inputs": {"a": ["Tier 1"], "b": 2}, "applied": True}
    assert firing.sentence == "Something happened. (TVPA §1)"


def test_non_strict_replay_of_a_waiver_the_law_did_not_allow() -> None:
    text = "2009:2WL 2010:2WL 2011:2WL+waiver 2012:2WL+waiver 2013:2WL+waiver"
    with pytest.raises(InvalidInputError, match="2013:2WL\\+waiver"):
        parse_history(text)
    history = parse_history(text, strict=False)
    problems = validate_waivers(history)
    assert [p.year for p in problems] == [2013]
    check = check_placement(history, 2013)
    assert check.verdict == "unlawful" and check.rule == "automatic_downgrade"
    assert evaluate_year(history, 2014).clock.watch_list_years == 5
    odd = PlacementHistory([PlacementYear(2015, Tier.TIER_2, waiver=True)])
    assert "is Tier 2" in validate_waivers(odd)[0].message
    assert check_placement(odd, 2015).verdict == "lawful"


def test_unknown_record_of_the_year() -> None:
    check = check_placement(parse_history("2019:2"), 2020)
    assert check.verdict == "unknown" and check.rule == "no_record"


def test_options_are_validated() -> None:
    with pytest.raises(InvalidInputError, match="waiver_cap_transition"):
        LawOptions(waiver_cap_transition="sometimes")  # type: ignore[arg-type]
    assert LawOptions().to_dict()["post_downgrade_duration"] == "first_return_only"


def test_watch_list_first_report_option() -> None:
    history = parse_history("2003:2 2004:2")
    assert Tier.WATCH_LIST in lawful_placements(history, 2004).tiers
    later = LawOptions(watch_list_first_report=2005)
    assert Tier.WATCH_LIST not in lawful_placements(history, 2004, options=later).tiers


# --- properties over histories the engine itself keeps lawful -------------------------------

_CHOICES = st.sampled_from([Tier.TIER_1, Tier.TIER_2, Tier.WATCH_LIST, Tier.WATCH_LIST,
                            Tier.WATCH_LIST, Tier.TIER_3, Tier.SPECIAL_CASE, Tier.UNRANKED])


@st.composite
def lawful_histories(draw: st.DrawFn) -> PlacementHistory:
    """Each year a wished-for tier; the law turns an unlawful watch-list wish into a waiver
    when one is allowed, else into Tier 3."""
    start = draw(st.integers(2001, 2015))
    history = PlacementHistory()
    for year in range(start, draw(st.integers(start + 1, 2027)) + 1):
        tier = draw(_CHOICES)
        waiver = False
        if not len(history):  # the history begins here: nothing before it counts
            if tier is Tier.WATCH_LIST and year < 2004:
                tier = Tier.TIER_2
            history = history.with_year(PlacementYear(year, tier))
            continue
        allowed = lawful_placements(history, year)
        if tier not in allowed.tiers and tier.is_ranked:
            tier = Tier.TIER_3
        elif tier is Tier.WATCH_LIST and allowed.watch_list_needs_waiver:
            waiver = draw(st.booleans())
            tier = Tier.WATCH_LIST if waiver else Tier.TIER_3
        history = history.with_year(PlacementYear(year, tier, waiver))
    return history


@settings(max_examples=150, deadline=None)
@given(lawful_histories())
def test_lawful_histories_stay_within_the_caps(history: PlacementHistory) -> None:
    assert validate_waivers(history) == []
    assert parse_history(history.to_text()) == history
    for year in history.years():
        evaluation = evaluate_year(history, year)
        assert evaluation.check.verdict in ("lawful", "lawful_by_waiver")
        clock = evaluation.clock
        cap = provision("downgrade_waiver", year)
        if clock.watch_list_years is not None and cap is not None:
            # a run entering year Y never exceeds 2 + the cap of the year before it
            earlier_cap = provision("downgrade_waiver", year - 1)
            limit = 2 + max(int(cap.value), int(earlier_cap.value) if earlier_cap else 0)
            assert clock.watch_list_years <= limit
        assert Tier.TIER_3 in evaluation.lawful.tiers
        assert set(evaluation.lawful.tiers) <= set(RANKED_TIERS)


@settings(max_examples=80, deadline=None)
@given(lawful_histories(), st.integers(2009, 2027))
def test_an_unknown_year_only_widens_what_is_unknown(history: PlacementHistory,
                                                     hidden: int) -> None:
    if history.get(hidden) is None:
        return
    blurred = history.with_year(PlacementYear(hidden, None))
    last = history.last_year or hidden
    for year in range(hidden + 1, min(last + 2, 2028)):
        known = watch_list_clock(history, year)
        vague = watch_list_clock(blurred, year)
        assert known.watch_list_years is not None
        assert vague.watch_list_years_min <= known.watch_list_years <= vague.watch_list_years_max
        if vague.watch_list_years is not None:
            assert vague.watch_list_years == known.watch_list_years
        assert set(lawful_placements(blurred, year).tiers) <= set(
            lawful_placements(history, year).tiers)
