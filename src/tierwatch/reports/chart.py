"""The tier history as an SVG chart, written by hand so that it is byte-for-byte stable.

One column per report year; Tier 1 at the top, Tier 3 at the bottom; a dot coloured by tier
where the placement is known, a hollow grey mark with "?" where it is not (never a guess),
and a line only between consecutive known years.
"""

from __future__ import annotations

from html import escape

TIER_COLOURS: dict[str, str] = {
    "Tier 1": "#2e7d32",
    "Tier 2": "#1565c0",
    "Tier 2 Watch List": "#ef8f00",
    "Tier 3": "#c62828",
    "Special Case": "#6a1b9a",
    "not ranked": "#757575",
}
UNKNOWN_COLOUR = "#9e9e9e"
_ROWS = ("Tier 1", "Tier 2", "Tier 2 Watch List", "Tier 3", "Special Case")
_LABELS = {"Tier 1": "Tier 1", "Tier 2": "Tier 2", "Tier 2 Watch List": "Watch List",
           "Tier 3": "Tier 3", "Special Case": "Special"}


def tier_chart(placements: list[tuple[int, str | None]], *, highlight: int | None = None,
               title: str = "Tier by report year") -> str:
    """An SVG of ``(report_year, tier or None)`` pairs, in year order."""
    left, top, row_height, column = 92, 34, 34, 26
    width = left + column * max(len(placements), 1) + 20
    height = top + row_height * len(_ROWS) + 46
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
        'font-family="DejaVu Sans, Arial, sans-serif">',
        f'<title>{escape(title)}</title>',
        f'<rect x="0" y="0" width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{left}" y="20" font-size="13" font-weight="bold" fill="#212121">'
        f'{escape(title)}</text>',
    ]
    for index, row_tier in enumerate(_ROWS):
        y = top + row_height * index + row_height // 2
        parts.append(f'<line x1="{left - 6}" y1="{y}" x2="{width - 14}" y2="{y}" '
                     'stroke="#e0e0e0" stroke-width="1"/>')
        parts.append(f'<text x="{left - 10}" y="{y + 4}" font-size="11" text-anchor="end" '
                     f'fill="{TIER_COLOURS[row_tier]}">{_LABELS[row_tier]}</text>')
    points: list[tuple[int, int, str | None, int, str]] = []
    base = top + row_height * len(_ROWS)
    for index, (year, tier) in enumerate(placements):
        x = left + column * index + column // 2
        if highlight == year:
            parts.append(f'<rect x="{x - column // 2}" y="{top}" width="{column}" '
                         f'height="{row_height * len(_ROWS)}" fill="#fff3cd"/>')
        label_y = base + 16
        parts.append(f'<text x="{x}" y="{label_y}" font-size="9" text-anchor="end" '
                     f'transform="rotate(-60 {x} {label_y})" fill="#424242">{year}</text>')
        row = _ROWS.index(tier) if tier in _ROWS else None
        y = top + row_height * row + row_height // 2 if row is not None else base - 8
        mark = "?" if tier is None else "-"  # unknown, or not ranked that year
        points.append((x, y, tier if row is not None else None, year, mark))
    # Lines between consecutive known years (drawn first, under the dots).
    for (x1, y1, t1, year1, _m1), (x2, y2, t2, year2, _m2) in zip(points, points[1:],
                                                                   strict=False):
        if t1 is not None and t2 is not None and year2 == year1 + 1:
            parts.append(f'<line x1="{x1}" y1="{y1}" x2="{x2}" y2="{y2}" stroke="#616161" '
                         'stroke-width="2"/>')
    for x, y, shown, year, mark in points:
        if shown is None:
            parts.append(f'<circle cx="{x}" cy="{y}" r="6" fill="#ffffff" '
                         f'stroke="{UNKNOWN_COLOUR}" stroke-width="1.5"/>')
            parts.append(f'<text x="{x}" y="{y + 3}" font-size="8" text-anchor="middle" '
                         f'fill="{UNKNOWN_COLOUR}">{mark}</text>')
        else:
            parts.append(f'<circle cx="{x}" cy="{y}" r="7" fill="{TIER_COLOURS[shown]}">'
                         f'<title>{year}: {escape(shown)}</title></circle>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"
