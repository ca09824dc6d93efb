"""The reader and the assessment pages through the ASGI client: what they show is what their
JSON twin returns, nothing is stored, and bad input is one 4xx message."""

from __future__ import annotations

import html
import json
import re

import pytest
from fastapi.testclient import TestClient

from tierwatch.reading.loading import MAX_BYTES


def _gold(seeds_dir):
    return [json.loads(line) for line in (seeds_dir / "gold.jsonl").read_text().splitlines()
            if line.strip()]


def test_the_reader_returns_the_seed_placements_with_spans_and_stores_nothing(
        client, web_store, seeds_dir):
    from tierwatch.statements import open_store

    before = open_store(web_store).count()
    entry = next(e for e in _gold(seeds_dir) if e.get("tier"))
    text = (seeds_dir / entry["file"]).read_text(encoding="utf-8")
    twin = client.post("/reader.json", data={"text": text}).json()["reading"]
    page = client.post("/reader", data={"text": text}).text
    placements = [c for c in twin["claims"] if c["kind"] == "placement"]
    assert any(c["detail"]["country_name"] == entry["country"]
               and c["detail"]["tier"] == entry["tier"]
               and c["detail"]["report_year"] == entry["report_year"] for c in placements)
    whole = "".join(s["text"] for s in twin["segments"])
    for claim in twin["claims"]:
        start, end = claim["span"]["start"], claim["span"]["end"]
        covered = "".join(s["text"] for s in twin["segments"] if claim["id"] in s["claims"])
        assert covered == whole[start:end]
        assert f'<tr id="{claim["id"]}" data-kind="{claim["kind"]}">' in page
    assert page.count('<mark class="placement"') >= len(placements)
    assert open_store(web_store).count() == before


def test_an_uploaded_pdf_is_read(client):
    from weasyprint import HTML

    pdf = HTML(string="<p>Cambodia was downgraded to Tier 3 in the State Department's 2022 "
                      "Trafficking in Persons report, released on Tuesday.</p>").write_pdf()
    twin = client.post("/reader.json", files={"file": ("note.pdf", pdf)}).json()["reading"]
    assert twin["file"] == "note.pdf"
    assert any(c["kind"] == "placement" and c["detail"]["country"] == "KHM"
               and c["detail"]["tier"] == "Tier 3" for c in twin["claims"])


def test_htmx_gets_only_the_result_fragment(client):
    answer = client.post("/reader", data={"text": "Cambodia stays on Tier 3 this year."},
                         headers={"HX-Request": "true"})
    assert answer.status_code == 200
    assert answer.text.lstrip().startswith('<section id="reading"') and "<html" not in answer.text


@pytest.mark.parametrize(("upload", "status", "words"), [
    ({"data": {"text": "  "}}, 400, "nothing to read"),
    ({"files": {"file": ("x.bin", b"\x00\x01\x02" * 50)}}, 400, "x.bin: binary data"),
    ({"files": {"file": ("x.pdf", b"%PDF-1.4 not really")}}, 400, "x.pdf"),
    ({"files": {"file": ("big.txt", b"a" * (MAX_BYTES + 1))}}, 413, "big.txt: too large"),
])
def test_a_bad_upload_is_one_clear_4xx_message(client, upload, status, words):
    page = client.post("/reader", **upload)
    assert page.status_code == status
    assert words in page.text and page.text.count("error: ") == 1
    twin = client.post("/reader.json", **upload)
    assert twin.status_code == status and words in twin.json()["error"]


def test_the_assessment_form_has_the_templates_fields_explained(fetch):
    from tierwatch.assessment.evidence import STANDARDS
    from tierwatch.law.assessment_law import criteria_in_force, factors_in_force

    twin = fetch("/assess.json?country=KHM&year=2026").json()
    page = fetch("/assess?country=KHM&year=2026").text
    names = {f["name"] for s in twin["sections"] for f in s["fields"]}
    assert {f"standards.{n}" for n in STANDARDS} <= names
    assert {f"criteria.{n}" for n in criteria_in_force(2026)} <= names
    assert {f"significant_efforts.factors.{n}" for n in factors_in_force(2026)} <= names
    for section in twin["sections"]:
        for field in section["fields"]:
            assert f'name="{field["name"]}"' in page
            assert field["help"].replace("'", "&#39;") in page
    assert twin["proposal"] is None and "analyst's token" in twin["recording"]["note"]
    assert [t["code"] for t in twin["recording"]["tiers"]] == ["1", "2", "2WL", "3"]
    assert 'id="decision-form"' not in page  # the record form comes with a proposal


def test_the_assessment_proposes_what_the_engine_proposes(client, reader):
    from tierwatch.assessment import parse_evidence, propose
    from tierwatch.placements import placement_history

    form = {"standards.prohibition": "met", "criteria.c01_prosecution": "not met",
            "significant_efforts.finding": "not significant",
            "figures.reporting_period.convictions.value": "12",
            "figures.reporting_period.convictions.claimant": "TIP report",
            "state_policy.found": "no"}
    twin = client.post("/assess.json?country=KHM&year=2026", data=form).json()
    evidence = parse_evidence({
        "country": "KHM", "report_year": 2026,
        "standards": {"prohibition": {"finding": "met"}},
        "criteria": {"c01_prosecution": {"finding": "not met"}},
        "significant_efforts": {"finding": "not significant"},
        "figures": {"reporting_period": {"convictions": {"value": 12,
                                                          "claimant": "TIP report"}}},
        "state_policy": {"found": False}})
    expected = propose(evidence, placement_history(reader, "KHM")).to_dict()
    assert twin["proposal"] == json.loads(json.dumps(expected))
    page = client.post("/assess?country=KHM&year=2026", data=form).text
    assert f'data-tier="{expected["proposed_tier"]}"' in page
    assert 'value="12"' in page  # the form keeps what was entered


@pytest.mark.parametrize(("query", "form", "status", "words"), [
    ("country=KHM&year=2026", {"figures.reporting_period.convictions.value": "many"}, 400,
     "figures.reporting_period.convictions.value"),
    ("country=KHM&year=2026", {"standards.prohibition": "mostly"}, 400,
     "standards.prohibition"),
    ("country=KHM&year=2026", {"no.such.field": "1"}, 400, "no.such.field"),
    ("country=Atlantis&year=2026", {}, 404, "unknown country 'Atlantis'"),
    ("country=KHM&year=1066", {}, 404, "1066"),
    ("year=2026", {}, 400, "choose the country"),
])
def test_bad_evidence_is_one_clear_4xx_message(client, query, form, status, words):
    page = client.post(f"/assess?{query}", data=form)
    assert page.status_code == status
    assert words in page.text.replace("&#39;", "'") and page.text.count("error: ") == 1


EVIDENCE_FORM = {"significant_efforts.finding": "not significant",
                 "criteria.c01_prosecution": "not met", "state_policy.found": "no"}


def _record_form(client: TestClient, **fields: str) -> dict[str, str]:
    """The record form as the proposal fills it: its hidden evidence, the tier it chose."""
    page = client.post("/assess?country=KHM&year=2026", data=EVIDENCE_FORM,
                       headers={"HX-Request": "true"}).text
    hidden = re.search(r"name=\"evidence\" value='([^']*)'", page)
    chosen = re.search(r'<option value="([^"]+)" selected>', page.split('id="decision-tier"')[1])
    assert hidden and chosen and 'type="password"' in page
    return {"evidence": html.unescape(hidden.group(1)), "tier": chosen.group(1), **fields}


def test_the_decision_is_recorded_from_the_assessment_page(recording_app, recording_store,
                                                          stored_rows):
    path, secret = recording_store
    client = TestClient(recording_app)
    form = _record_form(client, token=secret)
    assert form["tier"] == "3"  # the proposal's tier, chosen for the analyst
    answer = client.post("/assess/decision?country=KHM&year=2026", data=form,
                         headers={"HX-Request": "true"})
    assert answer.status_code == 201, answer.text
    assert secret not in answer.text
    number = int(re.search(r'id="decision-result" data-decision="(\d+)"', answer.text)[1])
    entry_hash = re.search(r'<code class="entry-hash">([0-9a-f]{64})</code>', answer.text)[1]
    stored = stored_rows(path)
    assert [row[0] for row in stored["decisions"]] == [number]
    evidence = stored["evidence"]
    assert len(evidence) == 1 and f"evidence {evidence[0][0]}" in answer.text
    assert evidence[0][4] in answer.text  # its digest, which the decision names
    assert [row[5] for row in stored["write_audit"]] == ["record decision"]
    assert stored["write_audit"][0][3] == "Ana Analyst"
    shown = {d["id"]: d for d in client.get("/countries/KHM.json").json()["decisions"]}
    assert shown[number]["entry_hash"] == entry_hash
    assert shown[number]["evidence_digest"] == evidence[0][4]
    assert f'data-decision="{number}"' in client.get("/countries/KHM").text
    twin = client.post("/assess/decision.json?country=KHM&year=2026", data=form)
    assert twin.status_code == 201 and secret not in twin.text
    decision = twin.json()["decision"]
    assert decision["author"] == "Ana Analyst" and decision["tier"] == "Tier 3"
    assert decision["previous_hash"] == entry_hash  # the next entry of the same chain
    assert decision["evidence_id"] == evidence[0][0]  # the same evidence, not stored again
    assert len(stored_rows(path)["evidence"]) == 1


@pytest.mark.parametrize(("fields", "status", "words"), [
    ({"token": ""}, 401, "needs a token"),
    ({"token": "tw_not-a-real-token"}, 401, "unknown or revoked token"),
    ({"tier": "1", "waiver": "yes", "justification": "keep it"}, 400,
     'waiver of the automatic downgrade keeps a country on Tier 2 Watch List; it does not go '
     'with Tier 1; untick "Waiver"'),
    ({"tier": "2WL", "waiver": "yes", "justification": "x"}, 400,
     'no waiver is needed or available in 2026 (watch-list years: 0); untick "Waiver"'),
    ({"tier": "2"}, 400, 'departs from the proposal (Tier 3); fill in "Justification"'),
    ({"tier": "3", "against_record": "yes"}, 400, "does not contradict the published record "
     'for 2026; untick "Against the published record"'),
    ({"tier": "special"}, 400, "Tier 'special': expected 1, 2, 2WL or 3"),
    ({"evidence": "{not json"}, 400, "evidence"),
])
def test_a_refused_recording_is_one_clear_message_and_stores_nothing(
        recording_app, recording_store, stored_rows, fields, status, words):
    path, secret = recording_store
    client = TestClient(recording_app)
    form = {**_record_form(client, token=secret), **fields}
    before = stored_rows(path)
    for headers in ({"HX-Request": "true"}, {}):
        answer = client.post("/assess/decision?country=KHM&year=2026", data=form,
                             headers=headers)
        assert answer.status_code == status, answer.text
        assert words in html.unescape(answer.text) and answer.text.count("error: ") == 1
        assert secret not in answer.text
        message = html.unescape(answer.text).split("error: ")[1].split("<")[0]
        assert status == 401 or "--" not in message  # the form's words, no flags
    twin = client.post("/assess/decision.json?country=KHM&year=2026", data=form)
    assert twin.status_code == status and "not recorded" in twin.json()["error"]
    assert stored_rows(path) == before


def test_a_visit_to_the_record_address_goes_to_the_form(client):
    answer = client.get("/assess/decision?country=KHM&year=2026", follow_redirects=False)
    assert answer.status_code == 303
    assert answer.headers["location"] == "/assess?country=KHM&year=2026"
