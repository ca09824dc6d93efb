"""The read endpoints: the CLI's answers over HTTP, problem details for bad input, ETags."""

from __future__ import annotations

import pytest

PROBLEM = "application/problem+json"


def test_countries_filter_by_region(client):
    everyone = client.get("/api/v1/countries").json()
    europe = client.get("/api/v1/countries", params={"region": "Europe"}).json()
    assert europe["count"] == len(europe["countries"]) < everyone["count"]
    assert {c["region"] for c in europe["countries"]} == {"Europe"}
    assert "ALB" in {c["code"] for c in europe["countries"]}


def test_unknown_region_is_422_naming_the_field(client):
    answer = client.get("/api/v1/countries", params={"region": "Atlantis"})
    assert answer.status_code == 422
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["field"] == "region" and body["status"] == 422 and body["type"]


@pytest.mark.parametrize("asked", ["KHM", "Cambodia", "cambodia"])
def test_country_by_name_or_code(client, asked):
    body = client.get(f"/api/v1/countries/{asked}").json()
    assert body["code"] == "KHM" and body["country"] == "Cambodia"
    years = {row["report_year"]: row for row in body["placements"]}
    assert years[2001]["sources"] and years[2001]["basis"] == "stated"
    assert {"clock", "lawful_placements", "consequences"} <= set(years[2010])
    for key in ("conflicts", "figures", "disputes", "decisions", "next_report"):
        assert key in body


def test_country_answer_is_the_cli_json(client, seeded_store):
    from tierwatch.placements import country_profile
    from tierwatch.statements import open_reader

    profile = country_profile(open_reader(str(seeded_store)), "KHM").to_dict()
    body = client.get("/api/v1/countries/KHM").json()
    assert body["placements"] == profile["placements"]


def test_unknown_country_is_404_with_suggestions(client):
    answer = client.get("/api/v1/countries/Cambodja")
    assert answer.status_code == 404
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["field"] == "name" and "Cambodia" in body["suggestions"]
    assert "Cambodja" in body["detail"]


def test_year_lists_tiers_and_moves(client):
    body = client.get("/api/v1/years/2024").json()
    assert body["report_year"] == 2024
    assert body["counts"]["Tier 1"] == len(body["tiers"]["Tier 1"]) > 0
    assert body["upgrades"] and body["downgrades"]


@pytest.mark.parametrize("year, status", [(1999, 404), (2500, 404)])
def test_year_without_a_report_is_404(client, year, status):
    answer = client.get(f"/api/v1/years/{year}")
    assert answer.status_code == status
    assert answer.json()["field"] == "year" and answer.json()["suggestions"]


def test_year_not_a_number_is_422(client):
    answer = client.get("/api/v1/years/twenty")
    assert answer.status_code == 422 and answer.json()["field"] == "year"


def test_clock_for_any_history(client):
    answer = client.get("/api/v1/clock", params={"history": "2019:2WL 2020:2WL", "year": 2021})
    body = answer.json()
    assert answer.status_code == 200
    assert body["watch_list_years"] == 2 and body["run_years"] == [2019, 2020]
    assert "Tier 2 Watch List" in body["lawful_placements"]  # only with a waiver
    assert body["watch_list_needs_waiver"] is True and body["provisions_read"]


def test_clock_of_a_country(client):
    body = client.get("/api/v1/clock", params={"country": "Cambodia", "year": 2015}).json()
    assert body["report_year"] == 2015 and body["decisions_used"] == []


def test_clock_gives_the_lawful_phrase_the_cli_prints(client, seeded_store):
    """One phrase for the lawful placements, the same over HTTP as in ``tierwatch clock``."""
    from click.testing import CliRunner

    from tierwatch.cli import cli

    schema = client.get("/openapi.json").json()["components"]["schemas"]["ClockAnswer"]
    assert "lawful_summary" in schema["required"]
    for params in ({"country": "Vanuatu", "year": 2026}, {"country": "Nepal", "year": 2026},
                   {"history": "2019:2WL 2020:2WL", "year": 2021}):
        body = client.get("/api/v1/clock", params=params).json()
        where = (["--country", params["country"], "--db", str(seeded_store)]
                 if "country" in params else ["--history", str(params["history"])])
        text = CliRunner().invoke(cli, ["clock", *where, "--year", str(params["year"])]).stdout
        assert f"Lawful placements in {params['year']}: {body['lawful_summary']}." in text
    assert body["lawful_summary"] == ("Tier 1, Tier 2, Tier 2 Watch List, Tier 3 "
                                      "(Tier 2 Watch List only with a waiver)")


@pytest.mark.parametrize(("path", "params", "field", "start"), [
    ("/api/v1/whatif/Cambodia", {"assume": "2026=XX"}, "assume", "assume '2026=XX': expected"),
    ("/api/v1/whatif/Cambodia", {"assume": "2026=2WL 2026=2"}, "assume",
     "assume: a year is given twice"),
    ("/api/v1/clock", {"history": "2019:2WL", "year": 2021, "option": "cap-transition=x"},
     "option", "option 'cap-transition=x': expected cap-transition="),
    ("/api/v1/clock", {"history": "2019:2WL", "year": 2021, "option": "nonsense=1"},
     "option", "option 'nonsense=1': unknown option"),
])
def test_a_bad_parameter_is_named_as_the_api_names_it(client, path, params, field, start):
    """The services' refusals lead with the query parameter, not the command line's flag."""
    problem = client.get(path, params=params).json()
    assert problem["status"] == 400 and problem["field"] == field
    assert problem["detail"].startswith(start) and "--" not in problem["detail"]


@pytest.mark.parametrize("params, field", [
    ({"history": "2019:XX", "year": 2021}, "history"),
    ({"year": 2021}, "history"),
    ({"history": "2019:2WL", "country": "KHM", "year": 2021}, "history"),
    ({"history": "2019:2WL", "year": 1990}, "year"),
    ({"history": "2019:2WL"}, "year"),
    ({"country": "Narnia", "year": 2021}, "country"),
    ({"history": "2019:2WL", "year": 2021, "option": "nonsense=1"}, "option"),
])
def test_clock_bad_input_names_the_field(client, params, field):
    answer = client.get("/api/v1/clock", params=params)
    assert 400 <= answer.status_code < 500
    assert answer.headers["content-type"] == PROBLEM
    assert answer.json()["field"] == field


def test_law_in_force(client):
    body = client.get("/api/v1/law/2010").json()
    ids = {p["id"] for p in body["provisions"]}
    assert body["report_year"] == 2010 and ids
    assert all(p["citation"] for p in body["provisions"])
    assert client.get("/api/v1/law").json()["report_year"] >= 2025
    assert client.get("/api/v1/law/2000").status_code == 404


def test_etag_and_not_modified(client):
    first = client.get("/api/v1/countries/KHM")
    tag = first.headers["etag"]
    assert first.headers["cache-control"]
    again = client.get("/api/v1/countries/KHM", headers={"If-None-Match": tag})
    assert again.status_code == 304 and again.content == b""
    other = client.get("/api/v1/countries/KHM", headers={"If-None-Match": '"nope"'})
    assert other.status_code == 200 and other.headers["etag"] == tag


def test_same_data_same_etag_in_another_process(seeded_store, client):
    """ETags come from the answer's bytes: two processes on one store agree on them."""
    from fastapi.testclient import TestClient

    from tierwatch.api import create_app

    with TestClient(create_app(str(seeded_store))) as second:
        assert (second.get("/api/v1/countries/THA").headers["etag"]
                == client.get("/api/v1/countries/THA").headers["etag"])


def test_an_import_by_another_process_changes_the_answer(store_copy):
    """A write through another connection (another process's import) moves the data
    version: the prepared answer is dropped and the next one shows the new data."""
    from fastapi.testclient import TestClient

    from tierwatch.api import create_app
    from tierwatch.statements import SourceInfo, Statement, open_store

    with TestClient(create_app(str(store_copy))) as api:
        before = api.get("/api/v1/countries/KHM")
        statement = Statement(country="KHM", report_year=2019, prop="convictions", value="7",
                              unit="people", qualifier=None, period="2018",
                              claimant="Government of Cambodia", source="test-figures",
                              locator="row 1", excerpt=None, confidence=1.0)
        source = SourceInfo(id="test-figures", title="figures written for this test",
                            kind="dataset")
        store = open_store(str(store_copy))
        store.add([statement], [source])
        store.engine.dispose()
        after = api.get("/api/v1/countries/KHM", headers={"If-None-Match":
                                                            before.headers["etag"]})
        assert after.status_code == 200
        assert after.headers["etag"] != before.headers["etag"]
        assert [f["value"] for f in after.json()["figures"]] == ["7"]


@pytest.mark.parametrize(("path", "params", "field"), [
    ("/api/v1/clock", {"country": "KHM", "yeer": "2020"}, "yeer"),
    ("/api/v1/countries", {"regoin": "Europe"}, "regoin"),
    ("/api/v1/countries/KHM", {"history": "1"}, "history"),
])
def test_an_unknown_query_parameter_is_refused_by_name(client, path, params, field):
    answer = client.get(path, params=params)
    assert answer.status_code == 400
    assert answer.headers["content-type"] == PROBLEM
    body = answer.json()
    assert body["field"] == field and repr(field) in body["detail"]
    # the same request without it is answered
    assert client.get(path, params={k: v for k, v in params.items() if k != field}).status_code \
        in (200, 422)
