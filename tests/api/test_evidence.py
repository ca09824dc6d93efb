"""Stored evidence, by an analyst's token: validated as ``assess`` validates it (a bad field
is a 422 naming it, nothing stored), kept as canonical JSON with its digest, who and when,
read back by token only, never changed; decisions name it or store theirs."""

from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

EVIDENCE = {"country": "Cambodia", "report_year": 2026,
            "significant_efforts": {"finding": "not significant"},
            "criteria": {"c01_prosecution": {"finding": "not met"}},
            "state_policy": {"found": False}}
TABLES = ("statements", "sources", "decisions", "evidence", "api_tokens", "write_audit")


def _snapshot(path):
    with sqlite3.connect(path) as connection:
        return {table: connection.execute(f"SELECT * FROM {table}").fetchall()
                for table in TABLES}


def test_evidence_is_stored_canonical_with_its_digest_who_and_when(api):
    client, headers, path = api
    answer = client.post("/api/v1/evidence", json=EVIDENCE, headers=headers["analyst"])
    assert answer.status_code == 201, answer.text
    stored = answer.json()
    assert (stored["country"], stored["report_year"]) == ("KHM", 2026)
    assert stored["recorded_by"] == "Ana Analyst" and stored["recorded_at"].endswith("Z")
    with sqlite3.connect(path) as connection:
        document, digest = connection.execute(
            "SELECT document, digest FROM evidence WHERE id = ?", (stored["id"],)).fetchone()
    assert digest == stored["digest"] == hashlib.sha256(document.encode()).hexdigest()
    assert document == json.dumps(json.loads(document), sort_keys=True, ensure_ascii=False,
                                  separators=(",", ":"))  # canonical
    assert json.loads(document)["significant_efforts"]["finding"] == "not significant"
    trail = client.get("/api/v1/writes", headers=headers["admin"]).json()
    assert trail[0]["action"] == "record evidence" and trail[0]["target"] == "KHM 2026"
    assert trail[0]["detail"]["evidence"] == stored["id"] and trail[0]["who"] == "Ana Analyst"
    # The same evidence spelled another way (code, a default written out) is the same document.
    again = client.post("/api/v1/evidence", headers=headers["analyst"], json={
        **EVIDENCE, "country": "KHM", "complicity": {"officials_complicit": None}})
    assert again.status_code == 200 and again.json()["id"] == stored["id"]
    other = client.post("/api/v1/evidence", headers=headers["analyst"],
                        json={**EVIDENCE, "complicity": {"officials_complicit": True}})
    assert other.status_code == 201 and other.json()["digest"] != stored["digest"]


@pytest.mark.parametrize(("change", "field"), [
    ({"colour": "blue"}, "colour"),
    ({"report_year": "2026"}, "report_year"),
    ({"report_year": 1990}, "report_year"),
    ({"country": "Atlantis"}, "country"),
    ({"figures": {"reporting_period": {"convictions": {"value": -3}}}},
     "figures.reporting_period.convictions.value"),
    ({"standards": {"prohibiton": {"finding": "met"}}}, "standards"),
])
def test_bad_evidence_is_422_naming_the_field_and_stores_nothing(api, change, field):
    client, headers, path = api
    before = _snapshot(path)
    answer = client.post("/api/v1/evidence", json={**EVIDENCE, **change},
                         headers=headers["analyst"])
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["field"] == field and field in answer.json()["detail"]
    assert _snapshot(path) == before


def test_reading_evidence_needs_an_analyst_token(api):
    client, headers, path = api
    made = client.post("/api/v1/evidence", json=EVIDENCE, headers=headers["analyst"]).json()
    client.post("/api/v1/evidence", headers=headers["analyst"],
                json={**EVIDENCE, "country": "Thailand"})
    for address in ("/api/v1/evidence", f"/api/v1/evidence/{made['id']}"):
        assert client.get(address).status_code == 401
        assert client.get(address, headers={"Authorization": "Bearer tw_nope"}
                          ).status_code == 401
    assert client.post("/api/v1/evidence", json=EVIDENCE).status_code == 401
    listed = client.get("/api/v1/evidence", params={"country": "Cambodia", "year": 2026},
                        headers=headers["analyst"]).json()
    assert [e["id"] for e in listed] == [made["id"]] and "evidence" not in listed[0]
    assert len(client.get("/api/v1/evidence", headers=headers["admin"]).json()) == 2
    one = client.get(f"/api/v1/evidence/{made['id']}", headers=headers["analyst"]).json()
    assert one["intact"] and one["evidence"]["country"] == "KHM" and one["decisions"] == []
    unknown = client.get("/api/v1/evidence/999", headers=headers["analyst"])
    assert unknown.status_code == 404 and unknown.json()["field"] == "evidence_id"
    assert client.get("/api/v1/evidence", params={"country": "Atlantis"},
                      headers=headers["analyst"]).status_code == 404
    assert client.get(f"/api/v1/evidence/{2**70}", headers=headers["analyst"]
                      ).status_code in (404, 422)


def test_a_decision_names_stored_evidence_and_takes_its_digest(api):
    client, headers, path = api
    made = client.post("/api/v1/evidence", json=EVIDENCE, headers=headers["analyst"]).json()
    before = _snapshot(path)
    unknown = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "3", "evidence_id": 999})
    assert unknown.status_code == 422 and unknown.json()["field"] == "evidence_id"
    elsewhere = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "THA", "report_year": 2026, "tier": "3", "evidence_id": made["id"],
        "justification": "x"})
    assert elsewhere.status_code == 400 and elsewhere.json()["field"] == "evidence_id"
    both = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "3", "evidence_id": made["id"],
        "evidence": EVIDENCE})
    assert both.status_code == 400 and both.json()["field"] == "evidence_id"
    departs = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "2", "evidence_id": made["id"]})
    assert departs.status_code == 400 and departs.json()["field"] == "justification"
    assert _snapshot(path) == before
    decided = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "3", "evidence_id": made["id"]})
    assert decided.status_code == 201, decided.text
    body = decided.json()
    assert body["evidence_digest"] == made["digest"] and body["evidence_id"] == made["id"]
    assert body["proposed_tier"] == "Tier 3" and body["departs_from_proposal"] is False
    shown = client.get(f"/api/v1/evidence/{made['id']}", headers=headers["analyst"]).json()
    assert shown["decisions"] == [body["id"]]
    trail = client.get("/api/v1/writes", headers=headers["admin"]).json()
    assert trail[0]["action"] == "record decision"
    assert trail[0]["detail"]["evidence"] == made["id"]
    assert _snapshot(path)["evidence"] == before["evidence"]  # named, not stored again


def test_a_decision_with_its_evidence_stores_it_in_the_same_transaction(api):
    client, headers, path = api
    before = _snapshot(path)
    refused = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2027, "tier": "1", "waiver": True,
        "justification": "x", "evidence": {**EVIDENCE, "report_year": 2027}})
    assert refused.status_code == 400
    assert _snapshot(path) == before  # the law refused: neither decision nor evidence
    bad = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "3",
        "evidence": {**EVIDENCE, "figures": {"reporting_period": {"arrests": {}}}}})
    assert bad.status_code == 400
    assert bad.json()["field"] == "evidence.figures.reporting_period.arrests"
    decided = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2026, "tier": "3", "evidence": EVIDENCE})
    assert decided.status_code == 201, decided.text
    body = decided.json()
    stored = client.get(f"/api/v1/evidence/{body['evidence_id']}",
                        headers=headers["analyst"]).json()
    assert stored["digest"] == body["evidence_digest"] and stored["decisions"] == [body["id"]]
    assert stored["recorded_by"] == "Ana Analyst"


def test_stored_evidence_cannot_be_changed_or_removed(api):
    client, headers, path = api
    client.post("/api/v1/evidence", json=EVIDENCE, headers=headers["analyst"])
    with sqlite3.connect(path) as connection:
        for sql in ("UPDATE evidence SET document = '{}'", "DELETE FROM evidence"):
            with pytest.raises(sqlite3.DatabaseError, match="kept as recorded"):
                connection.execute(sql)
