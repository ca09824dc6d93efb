"""The world map by tier: its context (one entry per ranked entity, JSON-ready) and its SVG.

The context comes from the year view (``placements.year_view``); the SVG is drawn from the
context and the atlas only, so the same data gives the same bytes. Entities too small to see
at this scale (or absent from the small-scale file) get a circle at their place; an entity no
atlas file has is listed beside the map.
"""

from __future__ import annotations

from html import escape
from typing import Any

from tierwatch.countries import all_countries
from tierwatch.reports.chart import TIER_COLOURS, UNKNOWN_COLOUR
from tierwatch.web.geometry import HEIGHT, WIDTH, Shape, find_shape, outlines

NOT_RANKED_COLOUR = "#eeeeee"
SMALL_AREA = 20.0  # px² on the 960-wide map: below this a country also gets a circle

# Entities whose geometry is not one ISO numeric id of the atlas, with the reason.
GEOMETRY_KEYS: dict[str, tuple[str, ...]] = {
    "XKX": ("Kosovo",),  # no ISO code: the atlas names it without an id
    "SOM": ("706", "Somaliland"),  # the report's Somalia covers Somaliland
    "SCG": ("688", "499", "Kosovo"),  # Serbia and Montenegro, ranked until 2006
    "ANT": ("531",),  # the Netherlands Antilles (to 2010): marked at Curacao
}
MARK_ONLY = {"ANT"}  # a dissolved group of islands: a mark, no outline of its own


def _iso_numeric(code: str) -> str | None:
    import pycountry

    record = pycountry.countries.get(alpha_3=code)
    return None if record is None else str(record.numeric)


def geometry_keys(code: str) -> tuple[str, ...]:
    """The atlas geometries that draw one entity of the registry."""
    if code in GEOMETRY_KEYS:
        return GEOMETRY_KEYS[code]
    numeric = _iso_numeric(code)
    return () if numeric is None else (numeric,)


def _status(view: dict[str, Any], code: str) -> dict[str, Any] | None:
    for tier, items in view["tiers"].items():
        for item in items:
            if item["code"] == code:
                return {"status": "tier", "tier": tier, "label": tier, "possible": [tier],
                        "move": item["move"], "previous_tier": item["previous_tier"],
                        "waiver": item["waiver"], "note": None}
    unplaced = {"tier": None, "move": None, "previous_tier": None, "waiver": None}
    for item in view["deduced"]:
        if item["code"] == code:
            return {"status": "deduced", **unplaced, "label": item["label"] + " (deduced)",
                    "possible": item["possible"], "note": item["basis"]}
    for item in view["unknown"]:
        if item["code"] == code:
            return {"status": "unknown", **unplaced, "label": "unknown", "possible": None,
                    "note": item["why"]}
    return None


def fill_of(entry: dict[str, Any]) -> str:
    """The SVG fill of an entry: a tier's colour, a deduced set's stripes, unknown's grey."""
    if entry["status"] == "tier":
        return TIER_COLOURS[entry["tier"]]
    if entry["status"] == "deduced":
        return f"url(#{pattern_id(entry['possible'])})"
    if entry["status"] == "unknown":
        return "url(#unknown)"
    return NOT_RANKED_COLOUR


def pattern_id(possible: list[str], prefix: str = "") -> str:
    return prefix + "set-" + "-".join(t.lower().replace(" ", "") for t in possible)


def map_context(view: dict[str, Any], years: list[int]) -> dict[str, Any]:
    """One entry per entity the year ranks (a tier, a deduced set, or unknown), with where
    the map draws it; the legend; the entities no atlas file draws."""
    year = view["report_year"]
    entities: list[dict[str, Any]] = []
    for country in all_countries():
        status = _status(view, country.code)
        if status is None:
            continue
        keys = geometry_keys(country.code)
        entities.append({"code": country.code, "name": country.name,
                         "region": country.region, **status,
                         "geometry": list(keys), "href": f"/countries/{country.code}"})
    legend: list[dict[str, Any]] = []
    for tier, count in view["counts"].items():
        if count:
            legend.append({"label": tier, "status": "tier", "tier": tier, "count": count,
                           "possible": [tier]})
    sets: dict[tuple[str, ...], int] = {}
    for entry in entities:
        if entry["status"] == "deduced":
            sets[tuple(entry["possible"])] = sets.get(tuple(entry["possible"]), 0) + 1
    for possible, count in sorted(sets.items()):
        legend.append({"label": " or ".join(possible) + " (deduced)", "status": "deduced",
                       "tier": None, "count": count, "possible": list(possible)})
    unknown = sum(1 for entry in entities if entry["status"] == "unknown")
    if unknown:
        legend.append({"label": "unknown", "status": "unknown", "tier": None,
                       "count": unknown, "possible": None})
    legend.append({"label": f"not ranked in {year} / not a ranked entity",
                   "status": "not ranked", "tier": None, "count": None, "possible": None})
    return {"report_year": year, "years": years, "entities": entities, "legend": legend,
            "coverage_rule": view["coverage_rule"]}


def placed_shapes(context: dict[str, Any]) -> dict[str, list[Shape]]:
    """The shapes of each entity of the context (empty: no atlas file has it)."""
    small_scale = outlines()
    found: dict[str, list[Shape]] = {}
    for entry in context["entities"]:
        shapes = []
        for key in entry["geometry"]:
            shape = small_scale.get(key) or find_shape(key)
            if shape is not None:
                shapes.append(shape)
        found[entry["code"]] = shapes
    return found


def without_geometry(context: dict[str, Any]) -> list[dict[str, Any]]:
    """The entities no atlas file draws (listed beside the map)."""
    shapes = placed_shapes(context)
    return [entry for entry in context["entities"] if not shapes[entry["code"]]]


def _title(entry: dict[str, Any]) -> str:
    return escape(f"{entry['name']}: {entry['label']}")


def map_svg(context: dict[str, Any]) -> str:
    """The map as an SVG string: every ranked entity a link to its page."""
    small_scale = outlines()
    shapes = placed_shapes(context)
    drawn = {key for entry in context["entities"] if entry["code"] not in MARK_ONLY
             for key in entry["geometry"]}
    year = context["report_year"]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" id="world-map" viewBox="0 0 {WIDTH:.0f} '
        f'{HEIGHT}" role="img" aria-labelledby="map-title" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title id="map-title">Tiers of the {year} TIP Report by country</title>',
        "<defs>", _patterns(context), "</defs>",
        f'<rect width="{WIDTH:.0f}" height="{HEIGHT}" fill="#f4f8fb"/>',
        '<g class="background" fill="#eeeeee" stroke="#ffffff" stroke-width="0.4">',
    ]
    for key, shape in small_scale.items():
        if key not in drawn and shape.path:
            parts.append(f'<path d="{shape.path}"><title>{escape(shape.name)}: not ranked '
                         f"in {year}</title></path>")
    parts.append("</g>")
    parts.append('<g class="ranked" stroke="#ffffff" stroke-width="0.4">')
    marks: list[str] = []
    for entry in context["entities"]:
        entity_shapes = shapes[entry["code"]]
        if not entity_shapes:
            continue
        fill = fill_of(entry)
        link = (f'<a href="{entry["href"]}" data-code="{entry["code"]}" '
                f'data-status="{escape(entry["status"])}" aria-label="{_title(entry)}">')
        outline = "".join(s.path for s in entity_shapes if s.key in small_scale)
        if outline and entry["code"] not in MARK_ONLY:
            parts.append(f'{link}<path d="{outline}" fill="{fill}"><title>{_title(entry)}'
                         "</title></path></a>")
        area = sum(s.area for s in entity_shapes if s.key in small_scale)
        if entry["code"] in MARK_ONLY or not outline or area < SMALL_AREA:
            x, y = max(entity_shapes, key=lambda s: s.area).centre
            marks.append(f'{link}<circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="3.6" '
                         f'fill="{fill}" stroke="#263238" stroke-width="0.8"><title>'
                         f"{_title(entry)}</title></circle></a>")
    parts.append("</g>")
    parts.append('<g class="marks">')
    parts.extend(marks)
    parts.append("</g></svg>")
    return "\n".join(parts) + "\n"


def _patterns(context: dict[str, Any], prefix: str = "") -> str:
    """Stripes in the colours of a deduced set's tiers; a hatch for unknown (``prefix``
    keeps the legend's ids apart from the map's)."""
    out = []
    for item in context["legend"]:
        if item["status"] != "deduced":
            continue
        colours = [TIER_COLOURS[t] for t in item["possible"]]
        width = 3 * len(colours)
        stripes = "".join(f'<rect x="{3 * i}" width="3" height="{width}" fill="{c}"/>'
                          for i, c in enumerate(colours))
        out.append(f'<pattern id="{pattern_id(item["possible"], prefix)}" width="{width}" '
                   f'height="{width}" patternUnits="userSpaceOnUse" '
                   f'patternTransform="rotate(45)">{stripes}</pattern>')
    out.append(f'<pattern id="{prefix}unknown" width="4" height="4" patternUnits="userSpaceOnUse" '
               f'patternTransform="rotate(45)"><rect width="4" height="4" fill="#ffffff"/>'
               f'<rect width="1.6" height="4" fill="{UNKNOWN_COLOUR}"/></pattern>')
    return "".join(out)


def swatch_svg(item: dict[str, Any]) -> str:
    """A small legend swatch with the same fill as the map."""
    defs = ""
    if item["status"] in ("deduced", "unknown"):
        defs = "<defs>" + _patterns({"legend": [item]}, "legend-") + "</defs>"
    fill = NOT_RANKED_COLOUR
    if item["status"] == "tier":
        fill = TIER_COLOURS[item["tier"]]
    elif item["status"] == "deduced":
        fill = f"url(#{pattern_id(item['possible'], 'legend-')})"
    elif item["status"] == "unknown":
        fill = "url(#legend-unknown)"
    return (f'<svg width="18" height="12" viewBox="0 0 18 12" aria-hidden="true">{defs}'
            f'<rect width="18" height="12" fill="{fill}" stroke="#9e9e9e" stroke-width="0.5"/>'
            "</svg>")
