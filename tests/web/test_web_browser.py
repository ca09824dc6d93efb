"""The dashboard in a real headless browser (Debian's chromium driven by Playwright) against
a real uvicorn server on a free loopback port. Screenshots go to /tmp/tierwatch-shots/."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

SHOTS = Path("/tmp/tierwatch-shots")


@contextmanager
def _serving(app) -> Iterator[str]:
    """The application served by uvicorn on 127.0.0.1 (a port the system picked)."""
    import uvicorn

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", lifespan="off")
    serving = uvicorn.Server(config)
    thread = threading.Thread(target=serving.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not serving.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("uvicorn did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    serving.should_exit = True
    thread.join(timeout=10)
    sock.close()


@pytest.fixture(scope="module")
def server(app) -> Iterator[str]:
    with _serving(app) as address:
        yield address


@pytest.fixture(scope="module")
def recording_server(recording_app) -> Iterator[str]:
    """A server on a private store with an analyst token, for recording decisions."""
    with _serving(recording_app) as address:
        yield address


@pytest.fixture(scope="module")
def browser(tool_path) -> Iterator[object]:
    chromium = tool_path("chromium")  # skips naming it, or fails with TIERWATCH_REQUIRE_BROWSER=1
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        yield launched
        launched.close()


@pytest.fixture()
def tab(browser):
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


def _shot(page, name: str, full: bool = False) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full)


_DRAWN = """() => {
  const out = {};
  for (const a of document.querySelectorAll('#world-map a[data-code]')) {
    const shape = a.querySelector('path, circle');
    const box = shape.getBoundingClientRect();
    const entry = out[a.dataset.code] || {status: a.dataset.status, fills: [], visible: false};
    entry.fills.push(getComputedStyle(shape).fill);
    entry.visible = entry.visible || (box.width > 0 && box.height > 0);
    out[a.dataset.code] = entry;
  }
  const rows = [...document.querySelectorAll('table.entities tbody tr')].map(
    r => [r.dataset.code, r.dataset.status]);
  const beside = [...document.querySelectorAll('ul.without-geometry a')].map(
    a => a.getAttribute('href').split('/').pop());
  return {drawn: out, rows: rows, beside: beside};
}"""


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_map_renders_every_country_coloured_or_marked_unknown(server, tab, geometry, year):
    tab.goto(f"{server}/map?year={year}")
    tab.wait_for_selector("#world-map")
    found = tab.evaluate(_DRAWN)
    rows = dict(found["rows"])
    assert len(rows) > 150
    assert set(found["drawn"]) | set(found["beside"]) == set(rows)
    for code, entry in found["drawn"].items():
        assert entry["visible"], code
        assert entry["status"] == rows[code]
        for fill in entry["fills"]:
            if entry["status"] == "unknown":
                assert fill == 'url("#unknown")', (code, fill)
            elif entry["status"] == "deduced":
                assert fill.startswith('url("#set-'), (code, fill)
            else:
                assert fill.startswith("rgb(") and fill != "rgb(238, 238, 238)", (code, fill)
    if year == 2025:
        _shot(tab, "map-2025")


def test_the_year_control_works_without_script(server, browser, geometry):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(f"{server}/map?year=2025")
    page.select_option("#year", "2024")
    page.click("form.year-control button")
    page.wait_for_url("**/map?year=2024")
    assert page.locator("h1").inner_text() == "Tiers of the 2024 TIP Report"
    context.close()


def test_clicking_cambodia_opens_its_page_with_the_timeline_chart(server, tab, geometry):
    tab.goto(f"{server}/map?year=2025")
    tab.locator('#world-map a[data-code="KHM"] path').click()
    tab.wait_for_url("**/countries/KHM")
    chart = tab.locator('svg[aria-label="Cambodia: tier by report year"]')
    assert chart.is_visible()
    years = tab.locator("table.placements tbody tr").count()
    assert years >= 20
    assert chart.locator("circle").count() == years  # one mark per report year
    assert "Cambodia" in tab.locator("h1").inner_text()
    _shot(tab, "cambodia", full=True)


def test_the_reader_highlights_the_placements_of_a_seed_article(server, tab, seeds_dir):
    gold = [json.loads(line) for line in (seeds_dir / "gold.jsonl").read_text().splitlines()
            if line.strip()]
    entry = next(e for e in gold if e.get("tier") and e.get("country"))
    text = (seeds_dir / entry["file"]).read_text(encoding="utf-8")
    tab.goto(f"{server}/reader")
    tab.evaluate("window.notReloaded = true")
    tab.fill("#text", text)
    tab.click("#reader-form button")
    tab.wait_for_selector("#reading mark.placement")
    assert tab.evaluate("window.notReloaded === true")  # htmx swapped the result in place
    rows = tab.locator('table.claims tr[data-kind="placement"]')
    summaries = [rows.nth(i).inner_text() for i in range(rows.count())]
    wanted = f"{entry['country']} {entry['report_year']}: {entry['tier']}"
    assert any(wanted in s for s in summaries), summaries
    marks = tab.locator("#reading .reader-text mark.placement")
    assert marks.count() >= 1
    highlighted = " ".join(marks.nth(i).inner_text() for i in range(marks.count()))
    assert entry["country"] in highlighted or entry["tier"].lower() in highlighted.lower()
    _shot(tab, "reader", full=True)


def test_the_assessment_form_proposes_a_tier(server, tab):
    tab.goto(f"{server}/assess?country=KHM&year=2026")
    tab.select_option('select[name="significant_efforts.finding"]', "not significant")
    tab.select_option('select[name="criteria.c01_prosecution"]', "not met")
    tab.click("#evidence-form button")
    result = tab.wait_for_selector("#proposal-result")
    proposed = result.get_attribute("data-tier")
    twin = tab.request.post(f"{server}/assess.json?country=KHM&year=2026", form={
        "significant_efforts.finding": "not significant",
        "criteria.c01_prosecution": "not met"}).json()
    assert proposed and proposed == twin["proposal"]["proposed_tier"]
    assert f"Proposed: {proposed}" in result.inner_text()
    tab.locator("#proposal-result").scroll_into_view_if_needed()
    _shot(tab, "assessment", full=True)


def _propose(tab, address: str, year: int = 2026) -> None:
    tab.goto(f"{address}/assess?country=KHM&year={year}")
    tab.select_option('select[name="significant_efforts.finding"]', "not significant")
    tab.select_option('select[name="criteria.c01_prosecution"]', "not met")
    tab.select_option('select[name="state_policy.found"]', "no")
    tab.click("#evidence-form button")
    tab.wait_for_selector("#proposal-result")


def test_the_decision_is_recorded_with_a_token_and_shown_on_the_country_page(
        recording_server, recording_store, tab):
    _path, secret = recording_store
    _propose(tab, recording_server)
    assert tab.input_value("#decision-tier") == "3"  # the proposal's tier, chosen
    assert tab.get_attribute("#decision-token", "type") == "password"
    tab.fill("#decision-token", secret)
    tab.fill("#decision-justification", "no significant efforts; the proposal")
    tab.click("#decision-form button")
    result = tab.wait_for_selector("#decision-result")
    number = result.get_attribute("data-decision")
    text = result.inner_text()
    assert f"decision {number}, KHM 2026: Tier 3" in text and "Ana Analyst" in text
    entry_hash = tab.inner_text("#decision-result code.entry-hash")
    assert len(entry_hash) == 64 and "stored as evidence" in text
    assert secret not in tab.content()  # typed into the field, never written by the server
    tab.locator("#record").scroll_into_view_if_needed()
    _shot(tab, "assessment-recorded", full=True)
    tab.click("#decision-result a")
    tab.wait_for_url("**/countries/KHM**")
    shown = tab.locator(f'#decisions p.decision[data-decision="{number}"]')
    assert shown.count() == 1
    assert "Tier 3 by Ana Analyst: no significant efforts" in shown.inner_text()
    tab.locator("#decisions").scroll_into_view_if_needed()
    _shot(tab, "country-decision")


def test_a_wrong_token_shows_the_refusal_and_stores_nothing(recording_server, recording_store,
                                                           stored_rows, tab):
    path, _secret = recording_store
    before = stored_rows(path)
    _propose(tab, recording_server)
    tab.fill("#decision-token", "tw_not-the-token")
    tab.click("#decision-form button")
    refusal = tab.wait_for_selector("#recording .error")
    assert "not recorded: unknown or revoked token" in refusal.inner_text()
    assert "401" in refusal.inner_text()
    assert tab.locator("#decision-result").count() == 0
    assert stored_rows(path) == before
    tab.locator("#record").scroll_into_view_if_needed()
    _shot(tab, "assessment-refused")


def test_a_refusal_names_the_form_field_that_lifts_it(recording_server, recording_store,
                                                      stored_rows, tab):
    """A decision against the published record is refused naming the form's own box (no
    command-line flag); ticking that box records it, marked as against the record."""
    path, secret = recording_store
    before = stored_rows(path)
    _propose(tab, recording_server, 2025)  # a published year: Tier 3 in the record
    tab.fill("#decision-token", secret)
    tab.select_option("#decision-tier", "2")
    tab.fill("#decision-justification", "the record overlooks the new prosecutions")
    tab.click("#decision-form button")
    refusal = tab.wait_for_selector("#recording .error")
    text = refusal.inner_text()
    assert ("contradicts the published record (Tier 3); to record it as a decision against "
            'the record, tick "Against the published record"') in text
    assert "--" not in text and "against_record" not in text
    assert tab.inner_text('label[for="decision-against-record"]') == (
        "Against the published record")
    assert stored_rows(path) == before
    tab.locator("#record").scroll_into_view_if_needed()
    _shot(tab, "assessment-refused-against-record")
    tab.check("#decision-against-record")
    tab.click("#decision-form button")
    result = tab.wait_for_selector("#decision-result")
    number = int(result.get_attribute("data-decision"))
    recorded = [row for row in stored_rows(path)["decisions"] if row[0] == number]
    assert len(recorded) == 1 and recorded[0][1:4] == ("KHM", 2025, "Tier 2")
    shown = tab.request.get(f"{recording_server}/countries/KHM.json").json()["decisions"]
    assert next(d for d in shown if d["id"] == number)["against_record"] is True
