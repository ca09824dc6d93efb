"""The registry of governments and territories the TIP Report ranks (see ``registry``)."""

from tierwatch.countries.registry import (
    REGIONS,
    Country,
    all_countries,
    find,
    in_region,
    lookup,
    name_key,
)

__all__ = ["REGIONS", "Country", "all_countries", "find", "in_region", "lookup", "name_key"]
