"""Writes by token and role: 401 without a token, 403 with the wrong role, nothing stored on
a refused request, every write audited; tokens stored hashed, revocable; the CLI's
``tierwatch token``."""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import sys

import pytest

ARTICLE = ("Washington, June 24, 2025. The State Department's 2025 Trafficking in Persons "
           "Report, released on Tuesday, downgraded Freedonia's neighbour Cambodia to Tier 3, "
           "saying its government did not make significant efforts.")


def _rows(path, table):
    with sqlite3.connect(path) as connection:
        return connection.execute(f"SELECT * FROM {table}").fetchall()


def _snapshot(path):
    return {table: _rows(path, table) for table in
            ("statements", "sources", "decisions", "api_tokens", "write_audit")}


def test_tokens_are_stored_as_hashes_only(api):
    client, headers, path = api
    made = client.post("/api/v1/tokens", json={"name": "Journalist", "role": "analyst"},
                       headers=headers["admin"])
    assert made.status_code == 201
    secret = made.json()["token"]
    hashes = {row[3] for row in _rows(path, "api_tokens")}
    assert hashlib.sha256(secret.encode()).hexdigest() in hashes
    raw = path.read_bytes()
    assert secret.encode() not in raw
    listed = client.get("/api/v1/tokens", headers=headers["admin"]).json()
    assert "Journalist" in {t["name"] for t in listed}
    assert all("token" not in t and "token_hash" not in t for t in listed)


@pytest.mark.parametrize("auth, status", [(None, 401), ("Bearer tw_not-a-token", 401),
                                          ("Basic abc", 401), ("analyst", 403)])
def test_refused_writes_store_nothing(api, auth, status):
    client, headers, path = api
    before = _snapshot(path)
    sent = headers.get(auth) if auth in headers else ({"Authorization": auth} if auth else {})
    answers = [
        client.post("/api/v1/imports", files={"files": ("tiers_2015.csv", b"x")}, headers=sent),
        client.post("/api/v1/tokens", json={"name": "x", "role": "admin"}, headers=sent),
    ]
    if auth != "analyst":
        answers.append(client.post("/api/v1/decisions", headers=sent, json={
            "country": "KHM", "report_year": 2027, "tier": "3", "justification": "x"}))
        answers.append(client.post("/api/v1/read?store=true", headers=sent,
                                   content=ARTICLE, params={},
                                   ))
    for answer in answers:
        assert answer.status_code in (status, 415), answer.text
        if answer.status_code == 401:
            assert answer.headers["www-authenticate"].startswith("Bearer")
        assert answer.headers["content-type"] == "application/problem+json"
    assert _snapshot(path) == before


def test_a_decision_is_recorded_and_audited(api):
    client, headers, path = api
    answer = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "Cambodia", "report_year": 2027, "tier": "3",
        "justification": "no significant efforts in the reporting period"})
    assert answer.status_code == 201, answer.text
    body = answer.json()
    assert body["author"] == "Ana Analyst" and body["tier"] == "Tier 3" and body["entry_hash"]
    trail = client.get("/api/v1/writes", headers=headers["admin"]).json()
    assert trail[0]["action"] == "record decision" and trail[0]["who"] == "Ana Analyst"
    assert trail[0]["target"] == "KHM 2027" and trail[0]["at"]
    shown = client.get("/api/v1/countries/KHM").json()["decisions"]
    assert [d["id"] for d in shown] == [body["id"]]


def test_a_decision_the_law_forbids_stores_nothing(api):
    client, headers, path = api
    before = _snapshot(path)
    answer = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 2027, "tier": "1", "waiver": True,
        "justification": "x"})
    assert answer.status_code == 400 and answer.json()["field"]
    bad_year = client.post("/api/v1/decisions", headers=headers["analyst"], json={
        "country": "KHM", "report_year": 1990, "tier": "3", "justification": "x"})
    assert bad_year.status_code == 404 and bad_year.json()["field"] == "report_year"
    assert _snapshot(path) == before


@pytest.mark.parametrize(("body", "field", "ending"), [
    ({"country": "NPL", "report_year": 2020, "tier": "3", "justification": "y"},
     "against_record",
     '; to record it as a decision against the record, send "against_record": true'),
    ({"country": "NPL", "report_year": 2026, "tier": "2WL", "justification": "y"}, "waiver",
     '; to record it with a waiver, send "waiver": true'),
    ({"country": "NPL", "report_year": 2026, "tier": "1", "waiver": True,
      "justification": "y"}, "waiver", '; send "waiver": false'),
    ({"country": "NPL", "report_year": 2026, "tier": "2"}, "justification",
     '; send "justification"'),
    ({"country": "NPL", "report_year": 2026, "tier": "2WL", "waiver": True,
      "justification": "y", "against_record": True}, "against_record",
     '; send "against_record": false'),
])
def test_a_refusal_names_the_request_field_to_set(api, body, field, ending):
    """The law's and the log's refusals say what to send, in the API's own fields: never a
    command-line flag."""
    client, headers, path = api
    before = _snapshot(path)
    answer = client.post("/api/v1/decisions", headers=headers["analyst"], json=body)
    problem = answer.json()
    assert answer.status_code == 400 and problem["field"] == field
    assert problem["detail"].endswith(ending) and "--" not in problem["detail"]
    assert _snapshot(path) == before


def test_the_named_setting_lifts_the_refusal(api):
    client, headers, _ = api
    body = {"country": "NPL", "report_year": 2020, "tier": "3", "justification": "y"}
    assert client.post("/api/v1/decisions", headers=headers["analyst"],
                       json=body).status_code == 400
    answer = client.post("/api/v1/decisions", headers=headers["analyst"],
                         json={**body, "against_record": True})
    assert answer.status_code == 201, answer.text
    assert answer.json()["against_record"] is True


def test_stored_reading_is_audited(api):
    client, headers, path = api
    answer = client.post("/api/v1/read", params={"store": "true"}, headers={
        **headers["analyst"], "Content-Type": "text/plain"}, content=ARTICLE)
    assert answer.status_code == 200, answer.text
    stored = answer.json()["stored"]
    assert stored["statements"] >= 1
    sources = {row[0] for row in _rows(path, "sources")}
    assert stored["source"] in sources
    trail = client.get("/api/v1/writes", headers=headers["admin"]).json()
    assert trail[0]["action"] == "store reading"


def test_import_by_admin_in_one_transaction(api, tip_data_dir):
    client, headers, path = api
    good = (tip_data_dir / "tiers_2015.csv").read_bytes() if (
        tip_data_dir / "tiers_2015.csv").exists() else None
    if good is None:
        pytest.skip("no tiers_2015.csv in the shared data")
    before = _snapshot(path)
    refused = client.post("/api/v1/imports", headers=headers["admin"], files=[
        ("files", ("tiers_2015.csv", good, "text/csv")),
        ("files", ("mystery.csv", b"a,b\n1,2\n", "text/csv"))])
    assert refused.status_code == 400 and "mystery.csv" in refused.json()["detail"]
    assert _snapshot(path) == before
    done = client.post("/api/v1/imports", headers=headers["admin"],
                       files=[("files", ("tiers_2015.csv", good, "text/csv"))])
    assert done.status_code == 201, done.text
    assert done.json()["files"][0]["file"] == "tiers_2015.csv"
    assert client.get("/api/v1/writes", headers=headers["admin"]).json()[0]["action"] == "import"


def test_a_revoked_token_is_refused(api):
    client, headers, _path = api
    made = client.post("/api/v1/tokens", json={"name": "Temp", "role": "admin"},
                       headers=headers["admin"]).json()
    own = {"Authorization": f"Bearer {made['token']}"}
    assert client.get("/api/v1/tokens", headers=own).status_code == 200
    revoked = client.delete(f"/api/v1/tokens/{made['id']}", headers=headers["admin"])
    assert revoked.status_code == 200 and revoked.json()["revoked_at"]
    assert client.get("/api/v1/tokens", headers=own).status_code == 401
    assert client.delete("/api/v1/tokens/99999", headers=headers["admin"]).status_code == 404


def test_token_cli_create_list_revoke(store_copy):
    env = {**os.environ, "TIERWATCH_DB": str(store_copy)}

    def run(*args):
        return subprocess.run([sys.executable, "-m", "tierwatch", "token", *args], env=env,
                              capture_output=True, text=True)

    made = run("create", "--role", "analyst", "--name", "Field Office")
    assert made.returncode == 0, made.stderr
    secret = made.stdout.strip()
    assert secret.startswith("tw_") and "only its hash is stored" in made.stderr
    listed = json.loads(run("list", "--json").stdout)
    assert [t["name"] for t in listed] == ["Field Office"] and listed[0]["active"]
    assert secret not in run("list").stdout
    assert run("revoke", "Field Office").returncode == 0
    assert json.loads(run("list", "--json").stdout)[0]["revoked_at"]
    again = run("revoke", "Field Office")
    assert again.returncode == 2 and again.stderr.startswith("error: ")
    bad = run("create", "--role", "king", "--name", "x")
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
