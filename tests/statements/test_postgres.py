"""The same store on PostgreSQL (runs when TIERWATCH_TEST_POSTGRES_URL names an empty
database that may be wiped, e.g. postgresql+psycopg://tw@127.0.0.1:55432/tierwatch_test;
.ci/run starts one when the machine has PostgreSQL)."""

from __future__ import annotations

import os

import pytest
import sqlalchemy as sa
from tests.conftest import wipe_postgres

from tierwatch.assessment import DecisionRefused, record_decision
from tierwatch.law import Tier, parse_history
from tierwatch.placements import country_profile
from tierwatch.statements import SourceInfo, Statement, open_reader, open_store

URL = os.environ.get("TIERWATCH_TEST_POSTGRES_URL")
pytestmark = pytest.mark.skipif(not URL, reason="TIERWATCH_TEST_POSTGRES_URL not set")


@pytest.fixture
def url() -> str:
    assert URL is not None
    return wipe_postgres(URL)


def test_the_store_works_the_same_on_postgresql(url: str) -> None:
    store = open_store(url)  # migrations, then the shipped placements
    tiers = {row["report_year"]: row["tier"] for row in
             country_profile(open_reader(url), "Cambodia").placements}
    assert (tiers[2002], tiers[2013], tiers[2022]) == ("Tier 3", "Tier 2 Watch List", "Tier 3")
    statement = Statement(country="KHM", report_year=2013, prop="convictions", value="44",
                          claimant="TIP report", source="pg-test", locator="chars 1-20")
    source = SourceInfo(id="pg-test", title="test", kind="document")
    assert store.add([statement], [source]) == 1
    digest = store.content_digest()
    assert store.add([statement], [source]) == 0
    with pytest.raises(RuntimeError), store.transaction() as connection:
        store.add([Statement(country="KHM", report_year=2014, prop="convictions", value="9",
                             claimant="x", source="pg-test", locator="chars 5-9")],
                  connection=connection)
        raise RuntimeError("interrupted")
    assert store.content_digest() == digest


def test_the_decision_log_is_append_only_on_postgresql(url: str) -> None:
    store = open_store(url, seed=False)
    history = parse_history("2019:2WL 2020:2WL 2021:2WL+waiver", strict=False)
    with pytest.raises(DecisionRefused):
        record_decision(store, history, country="KHM", report_year=2022, tier=Tier.WATCH_LIST,
                        waiver=True, justification="x", author="a")
    record_decision(store, history, country="KHM", report_year=2022, tier=Tier.TIER_3,
                    waiver=False, justification="the clock", author="a")
    with pytest.raises(sa.exc.DBAPIError, match="append-only"), store.transaction() as c:
        c.execute(sa.text("UPDATE decisions SET tier = 'Tier 1'"))
    with store.engine.connect() as connection:
        assert connection.execute(sa.text("SELECT tier FROM decisions")).scalars().all() == [
            "Tier 3"]
