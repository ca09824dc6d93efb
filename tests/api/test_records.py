"""Statements (filters, pages and next links), sources, conflicts, audit, stats, calendar and
the streamed exports."""

from __future__ import annotations

import csv
import io

import pytest


def test_statements_filtered_and_paged_by_next_links(client):
    first = client.get("/api/v1/statements",
                       params={"country": "Cambodia", "property": "tier", "limit": 30}).json()
    assert first["filters"] == {"country": "KHM", "property": "tier"}
    assert len(first["statements"]) == 30 and first["count"] > 30
    seen = [s["id"] for s in first["statements"]]
    link = first["next"]
    while link:
        page = client.get(link).json()
        seen += [s["id"] for s in page["statements"]]
        link = page["next"]
    assert len(seen) == len(set(seen)) == first["count"]
    assert all(s["country"] == "KHM" and s["prop"] == "tier" for s in page["statements"])


def test_statements_by_year_claimant_and_source(client):
    body = client.get("/api/v1/statements", params={
        "year": 2012, "claimant": "US Department of State", "limit": 1000}).json()
    assert body["count"] and all(s["report_year"] == 2012 and s["claimant"] ==
                                 "US Department of State" for s in body["statements"])
    source = body["statements"][0]["source"]
    by_source = client.get("/api/v1/statements", params={"source": source}).json()
    assert all(s["source"] == source for s in by_source["statements"])


@pytest.mark.parametrize("params, status, field", [
    ({"country": "Atlantis"}, 404, "country"),
    ({"year": 1800}, 404, "year"),
    ({"limit": 0}, 422, "limit"),
    ({"limit": 100000}, 422, "limit"),
    ({"offset": -1}, 422, "offset"),
])
def test_statements_bad_filters(client, params, status, field):
    answer = client.get("/api/v1/statements", params=params)
    assert answer.status_code == status and answer.json()["field"] == field


def test_sources_conflicts_audit(client):
    sources = client.get("/api/v1/sources").json()
    assert {"id", "title", "licence", "years", "list_flags"} <= set(sources[0])
    conflicts = client.get("/api/v1/conflicts").json()
    assert conflicts["count"] == len(conflicts["conflicts"])
    audit = client.get("/api/v1/audit").json()
    assert audit["counts"]["lawful"] > 1000
    assert client.get("/api/v1/audit", params={"option": "bogus=1"}).status_code == 400


def test_stats_and_calendar(client):
    coverage = client.get("/api/v1/stats/coverage").json()
    assert coverage[0]["report_year"] == 2001
    matrix = client.get("/api/v1/stats/transitions",
                        params={"from": 2010, "to": 2015, "region": "Europe"}).json()
    assert matrix["pairs"] > 0 and matrix["region"] == "Europe"
    assert client.get("/api/v1/stats/transitions",
                      params={"from": 2015, "to": 2010}).json()["field"] == "from"
    regions = client.get("/api/v1/stats/regions/2024").json()
    assert len(regions) == 6
    calendar = client.get("/api/v1/calendar", params={"year": 2024}).json()
    assert calendar["years"][0]["report_year"] == 2024
    ics = client.get("/api/v1/calendar.ics", params={"year": 2024})
    assert ics.headers["content-type"].startswith("text/calendar")
    assert ics.text.startswith("BEGIN:VCALENDAR")


def test_exports_stream_every_statement(client, seeded_store):
    from tierwatch.statements import open_reader

    held = len(open_reader(str(seeded_store)).statements())
    as_csv = client.get("/api/v1/export/statements.csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert len(rows) == held and rows[0]["source"]
    as_json = client.get("/api/v1/export/statements.json").json()
    assert len(as_json) == held and {r["id"] for r in as_json} == {r["id"] for r in rows}
    panel = list(csv.DictReader(io.StringIO(client.get("/api/v1/export/panel.csv").text)))
    assert len(panel) == len(client.get("/api/v1/export/panel.json").json())
    assert {"iso3", "report_year", "tier", "basis"} <= set(panel[0])
