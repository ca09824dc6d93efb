"""The country registry: the report's names, the datasets' abbreviations, clear errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from tierwatch.countries import REGIONS, all_countries, in_region, lookup
from tierwatch.errors import UnknownCountryError


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("Burma", "MMR"),
        ("Myanmar", "MMR"),
        ("Cote d'Ivoire", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Ivory Coast", "CIV"),
        ("Korea, North", "PRK"),
        ("North Korea", "PRK"),
        ("DPRK", "PRK"),
        ("Korea, South", "KOR"),
        ("Democratic Republic of the Congo", "COD"),
        ("Congo, Democratic Republic of the", "COD"),
        ("Republic of the Congo", "COG"),
        ("Congo, Republic of the", "COG"),
        ("Kyrgyz Republic", "KGZ"),
        ("Kyrgyzstan", "KGZ"),
        ("The Gambia", "GMB"),
        ("Gambia, The", "GMB"),
        ("The Bahamas", "BHS"),
        ("BAHAMAS", "BHS"),
        ("Timor-Leste", "TLS"),
        ("East Timor", "TLS"),
        ("Eswatini", "SWZ"),
        ("Swaziland", "SWZ"),
        ("North Macedonia", "MKD"),
        ("Macedonia", "MKD"),
        ("Turkey", "TUR"),
        ("Turkiye", "TUR"),
        ("Türkiye", "TUR"),
        ("Cabo Verde", "CPV"),
        ("Cape Verde", "CPV"),
        ("Hong Kong", "HKG"),
        ("Macau", "MAC"),
        ("Macao", "MAC"),
        ("Taiwan", "TWN"),
        ("Curacao", "CUW"),
        ("Curaçao", "CUW"),
        ("Sint Maarten", "SXM"),
        ("Aruba", "ABW"),
        ("Kosovo", "XKX"),
        ("CentralAfRep", "CAF"),
        ("DomRep", "DOM"),
        ("UArabEmir", "ARE"),
        ("Trin&Tobago", "TTO"),
        ("St. Vincent & The Grenadines", "VCT"),
        ("Bolivia, Plurinational State of", "BOL"),
        ("Viet Nam", "VNM"),
        ("KHM", "KHM"),
    ],
)
def test_known_spellings_resolve(spelling: str, code: str) -> None:
    assert lookup(spelling).code == code


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownCountryError, match=r"'Cambodja'.*Cambodia"):
        lookup("Cambodja")


def test_a_country_the_report_does_not_rank_is_unknown() -> None:
    with pytest.raises(UnknownCountryError, match="Greenland"):
        lookup("Greenland")


def test_every_entity_has_one_of_the_six_regions() -> None:
    assert {c.region for c in all_countries()} == set(REGIONS)
    assert sum(len(in_region(r)) for r in REGIONS) == len(all_countries())


def test_every_name_in_the_public_data_resolves(tip_data_dir: Path) -> None:
    unresolved = set()
    for path in sorted(tip_data_dir.glob("*.csv")):
        with path.open(encoding="utf-8", errors="replace") as handle:
            for row in csv.DictReader(handle):
                for column in ("country", "countryname", "country_as_written"):
                    name = (row.get(column) or "").strip()
                    if name:
                        try:
                            lookup(name)
                        except UnknownCountryError:
                            unresolved.add((path.name, name))
    assert not unresolved
