"""Compute endpoints: read (text, HTML, PDF; nothing stored), assess, what-if; 413 and 415."""

from __future__ import annotations

import sqlite3

import pytest

ARTICLE = ("Washington, June 24, 2025. The State Department's 2025 Trafficking in Persons "
           "Report, released on Tuesday, downgraded Cambodia to Tier 3, saying its government "
           "did not make significant efforts.")


def _count(path):
    with sqlite3.connect(path) as connection:
        return connection.execute("SELECT COUNT(*) FROM statements").fetchone()[0]


def test_read_text_finds_the_placement_with_its_span(client, seeded_store):
    before = _count(seeded_store)
    answer = client.post("/api/v1/read", content=ARTICLE,
                         headers={"Content-Type": "text/plain"})
    assert answer.status_code == 200, answer.text
    placements = answer.json()["placements"]
    cambodia = [p for p in placements if p["country"] == "KHM"]
    assert cambodia and cambodia[0]["tier"] == "Tier 3"
    span = cambodia[0]["span"]
    assert "Cambodia" in ARTICLE[span["start"]:span["end"]] or span["end"] > span["start"]
    assert cambodia[0]["reasons"]
    assert "stored" not in answer.json() and _count(seeded_store) == before


def test_read_form_upload_of_html(client):
    page = (f"<!doctype html><html><body><nav>Home</nav><article><p>{ARTICLE}</p></article>"
            "</body></html>").encode()
    answer = client.post("/api/v1/read", files={"file": ("news.html", page, "text/html")})
    assert answer.status_code == 200, answer.text
    assert answer.json()["file"] == "news.html"
    assert {p["country"] for p in answer.json()["placements"]} >= {"KHM"}


def test_read_form_text_field(client):
    answer = client.post("/api/v1/read", data={"text": ARTICLE})
    assert answer.status_code == 200 and answer.json()["placements"]


@pytest.mark.parametrize("headers, body, status", [
    ({"Content-Type": "image/png"}, b"\x89PNG", 415),
    ({}, b"", 415),
    ({"Content-Type": "text/plain"}, b"   ", 400),
    ({"Content-Type": "application/pdf"}, b"%PDF-1.4 broken", 400),
])
def test_read_refuses_bad_documents(client, headers, body, status):
    answer = client.post("/api/v1/read", content=body, headers=headers)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["field"] == "file"


def test_read_too_large_is_413(client):
    from tierwatch.api.compute_routes import MAX_UPLOAD_BYTES

    answer = client.post("/api/v1/read", content=b"a" * (MAX_UPLOAD_BYTES + 1),
                         headers={"Content-Type": "text/plain"})
    assert answer.status_code == 413 and answer.json()["status"] == 413


def test_assess_proposes_with_reasons(client):
    evidence = {"country": "Cambodia", "report_year": 2026}
    answer = client.post("/api/v1/assess", json=evidence)
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["country"] == "KHM" and body["lawful_placements"] and body["missing"]


@pytest.mark.parametrize("evidence, field", [
    ({"country": "KHM", "report_year": 2026, "standards": {"nonsense": {}}}, "standards"),
    ({"country": "Narnia", "report_year": 2026}, "country"),
    ({"country": "KHM", "report_year": 1980}, "report_year"),
    ({"country": "KHM"}, "report_year"),
])
def test_assess_bad_evidence_names_the_field(client, evidence, field):
    answer = client.post("/api/v1/assess", json=evidence)
    assert answer.status_code == 400, answer.text
    assert answer.json()["field"].startswith(field)


def test_whatif(client):
    answer = client.get("/api/v1/whatif/KHM", params={"assume": "2026=2WL 2027=2WL"})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["code"] == "KHM" and body["years"]
    bad = client.get("/api/v1/whatif/KHM", params={"assume": "2026=X"})
    assert bad.status_code == 400 and bad.json()["field"] == "assume"
