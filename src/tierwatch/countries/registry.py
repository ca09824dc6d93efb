"""The registry of governments and territories the TIP Report ranks.

ISO 3166 knowledge comes from pycountry; the project keeps only what is specific to the
report in ``entities.json``: which entities it ranks, the codes of those without an ISO code
(Kosovo ``XKX``; the retired ``ANT`` Netherlands Antilles and ``SCG`` Serbia and Montenegro
of the early reports), its region for each, and the spellings met in the report and in the
research datasets ("Korea, North", "CentralAfRep", "Cote D'Ivoire", ...).

Names are compared on a folded key (accents, case, punctuation, "&", a leading or trailing
"The" removed), so "Gambia, The", "The Gambia" and "GAMBIA" are one name.

Beware of the research datasets' own code columns: the Kelley/Cho panel writes ``MNG`` for
Montenegro, which is Mongolia's ISO code. Resolve their rows by name, not by that column.
"""

from __future__ import annotations

import difflib
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from tierwatch.errors import UnknownCountryError

REGIONS: tuple[str, ...] = (
    "Africa",
    "East Asia and Pacific",
    "Europe",
    "Near East",
    "South and Central Asia",
    "Western Hemisphere",
)


@dataclass(frozen=True, slots=True)
class Country:
    """One ranked government or territory."""

    code: str
    name: str
    region: str
    aliases: tuple[str, ...]
    ranked_until: int | None = None  # last report year of an entity that no longer exists
    state_from: int | None = None  # first report year after an entity came into existence

    def exists_in(self, report_year: int) -> bool:
        """False for a report year before the entity existed or after it ceased to."""
        return ((self.state_from is None or report_year >= self.state_from)
                and (self.ranked_until is None or report_year <= self.ranked_until))

    @property
    def names(self) -> tuple[str, ...]:
        """The display name first, then every other known spelling."""
        return (self.name, *self.aliases)


_TRAILING_THE = re.compile(r"^(?P<rest>.+?),\s*the$")
_NOT_ALNUM = re.compile(r"[^a-z0-9]+")


def name_key(name: str) -> str:
    """The folded form under which two spellings of one name compare equal."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = text.replace("\u2019", "'").replace("&", " and ").strip().lower()
    trailing = _TRAILING_THE.match(text)
    if trailing:
        text = trailing.group("rest")
    if text.startswith("the "):
        text = text[4:]
    return _NOT_ALNUM.sub("", text)


class _Registry:
    def __init__(self) -> None:
        raw = json.loads(
            resources.files("tierwatch.countries").joinpath("entities.json").read_text("utf-8")
        )
        self.countries: tuple[Country, ...] = tuple(
            sorted(
                (
                    Country(
                        code=entry["code"],
                        name=entry["name"],
                        region=entry["region"],
                        aliases=tuple(entry["aliases"]),
                        ranked_until=entry.get("ranked_until"),
                        state_from=entry.get("state_from"),
                    )
                    for entry in raw["entities"]
                ),
                key=lambda country: country.name,
            )
        )
        self.by_code: dict[str, Country] = {c.code: c for c in self.countries}
        self.by_key: dict[str, Country] = {}
        for country in self.countries:
            for spelling in country.names:
                self._add_key(name_key(spelling), country, spelling)

    def _add_key(self, key: str, country: Country, spelling: str) -> None:
        known = self.by_key.get(key)
        if known is not None and known.code != country.code:
            raise ValueError(
                f"entities.json: the name {spelling!r} is given to both {known.code} "
                f"and {country.code}"
            )
        self.by_key[key] = country

    def from_iso(self, text: str) -> Country | None:
        """Falls back on pycountry's ISO names (official, common, alpha-2/3)."""
        import pycountry

        try:
            record = pycountry.countries.lookup(text)
        except LookupError:
            return None
        return self.by_code.get(record.alpha_3)

    def suggestions(self, text: str, limit: int = 3) -> list[str]:
        spellings = {spelling: c for c in self.countries for spelling in c.names}
        keys = {name_key(s): s for s in spellings}
        close = difflib.get_close_matches(name_key(text), list(keys), n=limit * 3, cutoff=0.6)
        names: list[str] = []
        for key in close:
            display = spellings[keys[key]].name
            if display not in names:
                names.append(display)
        return names[:limit]


@cache
def _registry() -> _Registry:
    return _Registry()


def lookup(name_or_code: str) -> Country:
    """The country a name, alias or code designates; ``UnknownCountryError`` with suggestions."""
    text = name_or_code.strip()
    if not text:
        raise UnknownCountryError("empty country name")
    registry = _registry()
    if text.isupper() and text in registry.by_code:
        return registry.by_code[text]
    found = registry.by_key.get(name_key(text)) or registry.from_iso(text)
    if found is not None:
        return found
    close = registry.suggestions(text)
    hint = f"; did you mean {', '.join(close)}?" if close else ""
    raise UnknownCountryError(f"unknown country {text!r}{hint}")


def suggest(name: str, limit: int = 3) -> list[str]:
    """Display names of the entities whose spellings are closest to ``name`` (for an
    unknown name: what the user may have meant)."""
    return _registry().suggestions(name, limit) if name.strip() else []


def find(name_or_code: str) -> Country | None:
    """Like ``lookup`` but ``None`` for an unknown name (for readers scanning text)."""
    try:
        return lookup(name_or_code)
    except UnknownCountryError:
        return None


def all_countries() -> tuple[Country, ...]:
    """Every ranked entity, sorted by display name."""
    return _registry().countries


def in_region(region: str) -> tuple[Country, ...]:
    """The entities of one of the report's six regions."""
    if region not in REGIONS:
        raise UnknownCountryError(f"unknown region {region!r}; regions are {', '.join(REGIONS)}")
    return tuple(c for c in all_countries() if c.region == region)
