"""Disputed figures: one definition (statements.disputes), its decisions as cases, and the
reader, the reports, the country views and the API finding the same disputes in the same
statements."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml

from tierwatch.statements import Statement
from tierwatch.statements.disputes import allowed, find_disputes, parse_range, qualifier_ranges

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "disputes.yaml").read_text("utf-8"))
DEFAULTS: dict[str, Any] = {"country": "KHM", "report_year": 2013, "prop": "convictions",
                            "unit": "people", "period": "2012", "source": "article-a"}


def _claims(case: dict[str, Any]) -> list[Statement]:
    return [Statement(**{**DEFAULTS, **claim, "locator": f"chars {10 * n}-{10 * n + 9}"})
            for n, claim in enumerate(case["claims"])]


@pytest.mark.parametrize("case", CASES, ids=lambda case: case["case"])
def test_dispute_cases(case: dict[str, Any]) -> None:
    claims = _claims(case)
    found = find_disputes(claims)
    index = {id(claim): n for n, claim in enumerate(claims)}
    pairs = sorted(sorted([index[id(a)], index[id(b)]]) for d in found for a, b in d.pairs())
    assert pairs == case["pairs"]
    assert len(found) == (1 if case["pairs"] else 0)
    if found:
        assert len(found[0].claims) == case.get("listed", 2)


def test_every_qualifier_of_the_reader_has_a_range() -> None:
    reader = yaml.safe_load((Path(__file__).parents[2] / "src" / "tierwatch" / "reading"
                             / "lexicon" / "qualifiers.yaml").read_text("utf-8"))
    assert {entry["value"] for entry in reader} == set(qualifier_ranges())


def test_the_range_notation_of_the_qualifier_file() -> None:
    around = parse_range("[0.9N, 1.1N]").of(Fraction(100))
    assert (around.low, around.low_included, around.high, around.high_included) == (
        90, True, 110, True)
    above = parse_range("(N, inf)").of(Fraction(5))
    assert (above.low, above.low_included, above.high) == (5, False, None)
    for bad in ("N or more", "[N, lots)"):
        with pytest.raises(ValueError, match="figure_qualifiers.yaml"):
            parse_range(bad)
    assert allowed("many", None) is None and allowed("5", "give or take") is None


ARTICLE = ("Phnom Penh, June 20, 2013. The 2013 Trafficking in Persons Report downgraded "
           "Cambodia to the Tier 2 Watch List. The report said the government convicted 44 "
           "traffickers in 2012, and identified more than 400 victims in 2012. The Foreign "
           "Ministry said on Thursday that courts convicted 300 traffickers in 2012. The Foreign "
           "Ministry said that authorities identified 450 victims in 2012. The Interior Ministry "
           "said police identified 350 victims in 2012.")


def _claims_of(claims: list[dict[str, Any]]) -> set[tuple[str, str]]:
    return {(claim["claimant"], claim["value"]) for claim in claims}


def test_the_reader_the_report_the_country_view_and_the_api_agree(tmp_path: Path) -> None:
    """More than 400 victims (the report) allows the Foreign Ministry's 450, not the Interior
    Ministry's 350; 44 convictions against 300 is a dispute."""
    from fastapi.testclient import TestClient

    from tierwatch.api import create_app
    from tierwatch.placements.figures import country_figures
    from tierwatch.reading.pipeline import read_text
    from tierwatch.reading.services import readings_batch
    from tierwatch.reports.content import country_report
    from tierwatch.statements import open_store
    from tierwatch.statements.importing import import_batches

    reading = read_text(ARTICLE, "cambodia-2013.txt")
    pairs = [(d.quantity, d.period, (d.first.claimant, d.first.value),
              (d.second.claimant, d.second.value)) for d in reading.disputes]
    assert pairs == [
        ("convictions", "2012", ("TIP report", 44), ("Foreign Ministry", 300)),
        ("victims identified", "2012", ("TIP report", 400), ("Interior Ministry", 350)),
        ("victims identified", "2012", ("Foreign Ministry", 450), ("Interior Ministry", 350))]
    read: dict[tuple[str, str | None], set[tuple[str, str]]] = {}
    for quantity, period, *claims in pairs:
        read.setdefault((quantity, period), set()).update((c, str(v)) for c, v in claims)
    path = tmp_path / "kb.sqlite"
    store = open_store(str(path))
    import_batches(store, [readings_batch([reading])])
    report = country_report(store, "Cambodia", 2013)["disputes"]
    view = country_figures(store, "KHM")["disputes"]
    store.engine.dispose()
    with TestClient(create_app(str(path))) as client:
        answer = client.get("/api/v1/countries/KHM")
    assert answer.status_code == 200, answer.text
    for found in (report, view, answer.json()["disputes"]):
        assert {(d["quantity"], d["period"]): _claims_of(d["claims"]) for d in found} == read


def test_a_disputed_part_is_named_with_its_breakdown() -> None:
    case = next(c for c in CASES if c["case"].startswith("two claimants giving the same part"))
    (dispute,) = find_disputes(_claims(case))
    assert dispute.breakdown == "labour"
    assert dispute.to_dict()["quantity"] == "convictions (labour)"
