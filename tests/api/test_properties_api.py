"""The property registry over the REST API: listed at /properties, a statement it refuses is a
422 that stores nothing, and the breakdown filter of /statements."""

from __future__ import annotations

import json
import sqlite3

from fastapi.testclient import TestClient

from tierwatch.access import create_token
from tierwatch.api import create_app
from tierwatch.statements import SourceInfo, Statement, open_store
from tierwatch.statements.properties import registry


def test_properties_lists_the_registry(client):
    answer = client.get("/api/v1/properties")
    assert answer.status_code == 200 and answer.headers["etag"]
    listed = answer.json()
    assert [entry["name"] for entry in listed] == list(registry())
    waiver = next(entry for entry in listed if entry["name"] == "waiver")
    assert waiver["values"] == ["granted"] and "7107(b)(2)(D)(ii)" in waiver["reference"]


def test_statements_filtered_by_breakdown(client):
    page = client.get("/api/v1/statements", params={
        "property": "convictions", "breakdown": "labour", "limit": 5}).json()
    assert page["count"] == 8 and page["filters"]["breakdown"] == "labour"
    assert {row["breakdown"] for row in page["statements"]} == {"labour"}
    assert "breakdown=labour" in page["next"]
    whole = client.get("/api/v1/statements", params={"property": "convictions"}).json()
    assert whole["count"] == 13 + 8


def test_an_import_with_a_statement_the_registry_refuses_is_422(store_copy):
    store = open_store(str(store_copy))
    _, admin = create_token(store, "Adam Admin", "admin", "test")
    store.engine.dispose()
    source = SourceInfo(id="a-test", title="A test", kind="document")
    bad = Statement(country="KHM", report_year=2020, prop="convictions", value="lots",
                    claimant="TIP report", source="a-test", locator="chars 0-9")
    body = json.dumps({"sources": [source.to_dict()], "statements": [bad.to_dict()]})
    with sqlite3.connect(store_copy) as connection:
        before = connection.execute("SELECT COUNT(*) FROM statements").fetchone()
    with TestClient(create_app(str(store_copy))) as client:
        answer = client.post("/api/v1/imports", headers={"Authorization": f"Bearer {admin}"},
                             files=[("files", ("export.json", body, "application/json"))])
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["type"].endswith("invalid-statement") and problem["field"] == "files"
    assert "'convictions' value 'lots'" in problem["detail"]
    with sqlite3.connect(store_copy) as connection:
        assert connection.execute("SELECT COUNT(*) FROM statements").fetchone() == before


def test_an_import_with_a_place_of_no_known_form_is_422(store_copy):
    """statements.locator: 'line 12' is not a row, a cell, a span or a field."""
    store = open_store(str(store_copy))
    _, admin = create_token(store, "Adam Admin", "admin", "test")
    store.engine.dispose()
    source = SourceInfo(id="a-test", title="A test", kind="document")
    bad = Statement(country="KHM", report_year=2020, prop="convictions", value="12",
                    unit="people", claimant="TIP report", source="a-test", locator="line 12")
    body = json.dumps({"sources": [source.to_dict()], "statements": [bad.to_dict()]})
    with sqlite3.connect(store_copy) as connection:
        before = connection.execute("SELECT COUNT(*), SUM(LENGTH(id)) FROM statements"
                                    ).fetchone()
    with TestClient(create_app(str(store_copy))) as client:
        answer = client.post("/api/v1/imports", headers={"Authorization": f"Bearer {admin}"},
                             files=[("files", ("export.json", body, "application/json"))])
    assert answer.status_code == 422, answer.text
    problem = answer.json()
    assert problem["field"] == "files"
    assert problem["detail"].startswith("export.json statement 1: locator 'line 12' is not a "
                                        "place tierwatch knows")
    with sqlite3.connect(store_copy) as connection:
        assert connection.execute("SELECT COUNT(*), SUM(LENGTH(id)) FROM statements"
                                  ).fetchone() == before
