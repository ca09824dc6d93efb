"""Resolving statements to placements: the source priority, conflicts, waivers, unknowns.

Written as small cases on statements built here (not the public data: see test_real_data)."""

from __future__ import annotations

from pathlib import Path
from random import Random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tierwatch.errors import UnknownCountryError, UnknownYearError
from tierwatch.law import Tier
from tierwatch.placements import audit, country_profile, country_record, resolve, year_view
from tierwatch.placements.resolve import waiver_complete_years
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.store import Store

PANEL = SourceInfo(id="kelley-cho-panel-csv", title="panel", kind="dataset", date="2017-08")
CHAPTERS = SourceInfo(id="chapters-2022", title="chapters", kind="transcription", date="2026-11")
WAIVERS = SourceInfo(id="waivers", title="waivers", kind="transcription", date="2026-11",
                     extra={"complete_years": "2013,2014,2015"})


def tier(country: str, year: int, value: str, source: str = "kelley-cho-panel-csv",
         row: int = 1, confidence: float = 1.0) -> Statement:
    return Statement(country=country, report_year=year, prop="tier", value=value,
                     claimant="TIP report", source=source, locator=f"row {row}",
                     confidence=confidence)


def waiver(country: str, year: int, row: int = 1) -> Statement:
    return Statement(country=country, report_year=year, prop="waiver", value="granted",
                     claimant="US Department of State", source="waivers", locator=f"row {row}")


def test_the_report_chapter_outranks_the_research_panel() -> None:
    placements = resolve([tier("CYP", 2022, "Tier 2", row=9),
                          tier("CYP", 2022, "Tier 1", source="chapters-2022")], set())
    placement = placements[("CYP", 2022)]
    assert placement.tier is Tier.TIER_1
    assert placement.conflict and placement.values == ["Tier 1", "Tier 2"]
    assert [s.source for s in placement.statements] == ["chapters-2022", "kelley-cho-panel-csv"]


def test_equal_rank_goes_to_the_higher_confidence_then_to_the_source_id() -> None:
    placements = resolve([tier("THA", 2016, "Tier 3", source="unknown-b", confidence=0.6),
                          tier("THA", 2016, "Tier 2 Watch List", source="unknown-a",
                               confidence=0.8)], set())
    assert placements[("THA", 2016)].tier is Tier.WATCH_LIST


def test_agreeing_sources_are_no_conflict() -> None:
    placements = resolve([tier("KHM", 2013, "Tier 2 Watch List"),
                          tier("KHM", 2013, "Tier 2 Watch List", source="heiss-tiers")], set())
    assert not placements[("KHM", 2013)].conflict


def test_waiver_known_granted_known_absent_or_unknown() -> None:
    complete = waiver_complete_years([WAIVERS])
    assert complete == {2013, 2014, 2015}
    placements = resolve([tier("KHM", 2015, "Tier 2 Watch List"), waiver("KHM", 2015),
                          tier("KHM", 2014, "Tier 2 Watch List"),
                          tier("KHM", 2021, "Tier 2 Watch List"),
                          tier("KHM", 2016, "Tier 2")], complete)
    assert placements[("KHM", 2015)].waiver is True
    assert placements[("KHM", 2014)].waiver is False  # complete list, not on it
    assert placements[("KHM", 2021)].waiver is None  # no complete list: unknown
    assert placements[("KHM", 2016)].waiver is False  # off the watch list


def test_a_waiver_alone_places_the_country_on_the_watch_list_as_inferred() -> None:
    placement = resolve([waiver("KHM", 2021)], set())[("KHM", 2021)]
    assert placement.tier is Tier.WATCH_LIST and placement.inferred_from_waiver
    assert placement.chosen is not None and placement.chosen.source == "waivers"


def test_a_claim_with_no_report_year_places_nothing() -> None:
    statement = Statement(country="KHM", report_year=None, prop="tier", value="Tier 3",
                          claimant="TIP report", source="article", locator="chars 1-9")
    assert resolve([statement], set()) == {}


@pytest.fixture
def store(tmp_path: Path) -> Store:
    store = open_store(str(tmp_path / "kb.sqlite"), seed=False)
    rows = [tier("GMB", y, t, row=y) for y, t in [
        (2009, "Tier 2"), (2010, "Tier 2 Watch List"), (2011, "Tier 2 Watch List"),
        (2012, "Tier 2 Watch List"), (2013, "Tier 2 Watch List"), (2014, "Tier 3")]]
    rows += [tier("ATG", y, t, row=100 + y) for y, t in [
        (2012, "Tier 2 Watch List"), (2013, "Tier 2 Watch List"), (2014, "Tier 2 Watch List"),
        (2015, "Tier 2 Watch List"), (2016, "Tier 2 Watch List")]]
    rows += [waiver("GMB", 2013, 1), waiver("ATG", 2014, 2), waiver("ATG", 2015, 3)]
    rows += [tier("KHM", 2013, "Tier 2 Watch List", row=300),
             tier("KHM", 2015, "Tier 2 Watch List", row=301)]
    store.add(rows, [PANEL, WAIVERS])
    return store


def test_the_history_keeps_unknown_years_unknown(store: Store) -> None:
    record = country_record(store, "Cambodia")
    assert record.history.tier(2014) is None and record.history.get(2014) is not None
    row = country_profile(store, "KHM").placements[2014 - 2001]
    assert row["report_year"] == 2014 and row["tier"] is None and row["sources"] == []


def test_the_year_view_names_the_forced_downgrade(store: Store) -> None:
    view = year_view(store, 2014)
    forced = [item["country"] for item in view.forced_downgrades]
    assert forced == ["The Gambia"]
    assert [item["country"] for item in view.downgrades] == ["The Gambia"]
    assert view.counts["Tier 3"] == 1


def test_the_audit_finds_a_watch_list_year_after_a_double_waiver(store: Store) -> None:
    result = audit(store)
    unexplained = {(case["country"], case["report_year"]) for case in result.unexplained}
    assert ("Antigua and Barbuda", 2016) in unexplained
    assert result.counts["lawful_by_waiver"] >= 2


def test_unknown_country_and_year_are_refused(store: Store) -> None:
    with pytest.raises(UnknownCountryError, match="Atlantis"):
        country_profile(store, "Atlantis")
    with pytest.raises(UnknownYearError, match="1999"):
        year_view(store, 1999)


TIERS = ["Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case"]


def _statements(draw_rows: list[tuple[str, int, int, int, int]]) -> list[Statement]:
    sources = ["chapters-2022", "kelley-cho-panel-csv", "gvnet-lists", "an-article"]
    return [tier(country, year, TIERS[t], source=sources[s], row=row)
            for country, year, t, s, row in draw_rows]



_ROWS = st.lists(st.tuples(st.sampled_from(["KHM", "THA", "MYS"]), st.integers(2009, 2015),
                           st.integers(0, 4), st.integers(0, 3), st.integers(1, 50)),
                 max_size=40)


@settings(max_examples=60, deadline=None)
@given(_ROWS, st.randoms(use_true_random=False))
def test_the_choice_does_not_depend_on_the_order_of_the_statements(
        rows: list[tuple[str, int, int, int, int]], random: Random) -> None:
    statements = _statements(rows)
    shuffled = list(statements)
    random.shuffle(shuffled)
    assert resolve(statements, set()) == resolve(shuffled, set())


@settings(max_examples=60, deadline=None)
@given(_ROWS)
def test_every_statement_is_kept_and_the_chosen_one_is_among_them(
        rows: list[tuple[str, int, int, int, int]]) -> None:
    statements = _statements(rows)
    placements = resolve(statements, set())
    kept = sorted(s.id for p in placements.values() for s in p.statements)
    assert kept == sorted({s.id for s in statements})
    for placement in placements.values():
        assert placement.chosen in placement.statements
        assert str(placement.tier) == placement.values[0]
