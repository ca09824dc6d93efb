"""The dashboard's pages through the ASGI client: each page renders the dict its JSON twin
returns, bad input is one 4xx message, and the map draws every ranked entity."""

from __future__ import annotations

import json
import re

import pytest

from tierwatch.placements import year_view

SMALL_ISLANDS = ("ABW", "CUW", "SXM", "PLW", "TON", "MHL", "SYC")


def _entities_in_view(view: dict) -> set[str]:
    codes = {item["code"] for items in view["tiers"].values() for item in items}
    return codes | {i["code"] for i in view["deduced"]} | {i["code"] for i in view["unknown"]}


@pytest.mark.parametrize("year", [2024, 2025])
def test_the_map_draws_every_ranked_entity_coloured_or_unknown(fetch, reader, geometry, year):
    page = fetch(f"/map?year={year}")
    assert page.status_code == 200
    twin = fetch(f"/map.json?year={year}").json()
    expected = _entities_in_view(year_view(reader, year).to_dict())
    assert {e["code"] for e in twin["entities"]} == expected
    svg = page.text[page.text.index("<svg"):page.text.index("</svg>")]
    links = dict(re.findall(r'<a href="/countries/(\w+)" data-code="\w+" data-status="([\w ]+)"',
                            svg))
    missing = {e["code"] for e in twin["without_geometry"]}
    assert set(links) | missing == expected
    assert missing <= {"TUV"} or not missing - {"TUV"}  # only entities no atlas file has
    for entry in twin["entities"]:
        if entry["code"] in missing:
            continue
        assert links[entry["code"]] == entry["status"]
        fills = re.findall(rf'data-code="{entry["code"]}"[^>]*><(?:path d="[^"]*"|circle '
                           rf'class="mark"[^>]*?) fill="([^"]+)"', svg)
        assert fills, entry["code"]
        if entry["status"] == "unknown":
            assert set(fills) == {"url(#unknown)"}
        elif entry["status"] == "deduced":
            assert all(f.startswith("url(#set-") for f in fills)
        else:
            assert all(f.startswith("#") for f in fills)
    # the accessible table has the same rows
    for entry in twin["entities"]:
        assert f'<tr data-code="{entry["code"]}" data-status="{entry["status"]}">' in page.text


def test_small_island_states_get_a_mark(fetch, geometry):
    svg = fetch("/map?year=2025").text
    for code in SMALL_ISLANDS:
        assert re.search(rf'data-code="{code}"[^>]*><circle class="mark"', svg), code


def test_the_map_is_the_same_bytes_for_the_same_data(client, fetch, geometry):
    assert client.get("/map?year=2024").content == fetch("/map?year=2024").content
    assert client.get("/map?year=2024&format=json").content == fetch(
        "/map.json?year=2024").content


def test_deduced_sets_and_unknowns_are_marked_as_such(fetch):
    twin = fetch("/map.json?year=2025").json()
    deduced = [e for e in twin["entities"] if e["status"] == "deduced"]
    assert deduced and all(e["label"].endswith("(deduced)") and e["tier"] is None
                           for e in deduced)
    assert any(item["status"] == "deduced" for item in twin["legend"])
    unknown = [e for e in twin["entities"] if e["status"] == "unknown"]
    assert all(e["tier"] is None and e["label"] == "unknown" for e in unknown)


def test_without_the_npm_packages_the_map_page_says_how_to_install(web_store, monkeypatch,
                                                                    tmp_path):
    from fastapi.testclient import TestClient

    from tierwatch.api import create_app

    monkeypatch.setenv("TIERWATCH_WEB_ASSETS", str(tmp_path))
    client = TestClient(create_app(web_store))  # its own answers: nothing prepared before
    page = client.get("/map?year=2025")
    assert page.status_code == 200
    assert "npm ci --prefix src/tierwatch/web/assets" in page.text
    assert "Traceback" not in page.text and 'id="world-map"' not in page.text
    assert 'data-code="KHM"' in page.text  # the table still has the data
    assert client.get("/assets/htmx.min.js").status_code == 404
    monkeypatch.delenv("TIERWATCH_WEB_ASSETS")
    assert 'id="world-map"' in client.get("/map?year=2025").text  # not kept without it


def test_htmx_is_served_from_the_installed_package(client, geometry):
    from tierwatch.web.geometry import package_file

    answer = client.get("/assets/htmx.min.js")
    assert answer.status_code == 200
    assert answer.content == package_file("htmx.org", "dist/htmx.min.js").read_bytes()


def test_country_page_and_its_json_twin(client, fetch):
    page = fetch("/countries/KHM")
    twin = fetch("/countries/KHM.json").json()
    assert page.status_code == 200
    assert twin == client.get("/countries/Cambodia?format=json").json()
    assert twin["code"] == "KHM" and twin["country"] == "Cambodia"
    assert 'aria-label="Cambodia: tier by report year"' in page.text  # the timeline chart
    for row in twin["placements"]:
        assert f'<tr id="y{row["report_year"]}" data-basis="{row["basis"]}">' in page.text
        for source in row["sources"]:
            assert source["source"] in page.text
    assert twin["next_report"]["outlook"] in page.text.replace("&#39;", "'")
    for item in twin["consequences"]:
        assert item["fiscal_year_start"] in page.text if item["applies"] else True
    for figure in twin["figures"]:
        assert figure["claimant"] in page.text


def test_a_deduced_year_is_shown_as_deduced_on_the_country_page(client):
    twin = client.get("/countries/ALB.json").json()
    row = next(r for r in twin["placements"] if r["report_year"] == 2025)
    assert row["basis"] == "deduced" and row["tier"] is None
    assert row["placement"] in client.get("/countries/ALB").text


def test_year_page_has_lists_moves_and_the_transition_matrix(fetch, reader):
    twin = fetch("/years/2025.json").json()
    page = fetch("/years/2025").text
    view = year_view(reader, 2025).to_dict()
    assert {k: twin[k] for k in view} == json.loads(json.dumps(view))
    matrix = twin["transitions"]
    before = {e["code"] for e in fetch("/map.json?year=2024").json()["entities"]}
    both = _entities_in_view(view) & before
    assert sum(sum(row["counts"]) for row in matrix["rows"]) == len(both)
    for key in ("upgrades", "downgrades", "forced_downgrades", "waivers"):
        for item in twin[key]:
            assert f'/countries/{item["code"]}' in page
    assert "Transition matrix 2024 → 2025" in page


def test_law_page_lists_the_provisions_with_citations(fetch):
    twin = fetch("/law.json?year=2010").json()
    page = fetch("/law?year=2010").text
    assert twin["report_year"] == 2010 and twin["provisions"]
    for provision in twin["provisions"]:
        assert f'<tr id="{provision["id"]}">' in page
        assert provision["citation"].split(",")[0] in page


@pytest.mark.parametrize(("path", "status", "words"), [
    ("/countries/Narnia", 404, "unknown country 'Narnia'"),
    ("/years/1999", 404, "report year 1999"),
    ("/years/19x9", 400, "expected a report year in digits"),
    ("/map?year=3000", 404, "report year 3000"),
    ("/map?year=20%2025", 400, "expected a report year in digits"),
    ("/law?year=1990", 404, "1990"),
])
def test_bad_input_is_one_clear_4xx_message(client, path, status, words):
    page = client.get(path)
    assert page.status_code == status
    assert words in page.text.replace("&#39;", "'")
    assert page.text.count("error: ") == 1
    joiner = "&" if "?" in path else "?"
    twin = client.get(path + joiner + "format=json")
    assert twin.status_code == status and words in twin.json()["error"]
