"""The world's outlines for the map, read at run time from the world-atlas npm package.

world-atlas ships Natural Earth's countries as TopoJSON: shared arcs, delta-encoded integer
coordinates and a transform. This module decodes them, projects them with the Equal Earth
projection (equal-area, so that no region looks larger than it is) and keeps, for each
geometry, its SVG path and the point where a mark goes. Nothing of the geometry is copied into
the repository: ``npm ci --prefix src/tierwatch/web/assets`` installs it.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from tierwatch.errors import TierwatchError

INSTALL_LINE = "npm ci --prefix src/tierwatch/web/assets"
ASSETS_ENV = "TIERWATCH_WEB_ASSETS"
WIDTH = 960.0
SOUTHERN_LIMIT = -58.0  # Antarctica is not ranked and would take a quarter of the picture

# Equal Earth (Šavrič, Patterson, Jenny 2018): the published polynomial coefficients.
_A1, _A2, _A3, _A4 = 1.340264, -0.081106, 0.000893, 0.003796
_M = math.sqrt(3) / 2


class AssetsMissingError(TierwatchError):
    """The npm packages are not installed where the dashboard looks for them."""


def assets_dir() -> Path:
    """Where the npm packages are installed (``$TIERWATCH_WEB_ASSETS`` overrides)."""
    override = os.environ.get(ASSETS_ENV)
    if override:
        return Path(override)
    return Path(__file__).resolve().parent / "assets"


def package_file(package: str, relative: str) -> Path:
    """A file of an installed npm package; ``AssetsMissingError`` saying how to install it."""
    path = assets_dir() / "node_modules" / package / relative
    if not path.is_file():
        raise AssetsMissingError(f"the npm package {package} is not installed "
                                 f"(no {path}): run `{INSTALL_LINE}`")
    return path


def equal_earth(longitude: float, latitude: float) -> tuple[float, float]:
    """Projected (x, y) of a point in degrees, in the projection's own unit (y up)."""
    lam, phi = math.radians(longitude), math.radians(latitude)
    theta = math.asin(_M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (_M * (_A1 + 3 * _A2 * t2 + t6 * (7 * _A3 + 9 * _A4 * t2)))
    y = theta * (_A1 + _A2 * t2 + t6 * (_A3 + _A4 * t2))
    return x, y


_SCALE = WIDTH / (2 * equal_earth(180.0, 0.0)[0])
_TOP = equal_earth(0.0, 90.0)[1]
HEIGHT = round((_TOP - equal_earth(0.0, SOUTHERN_LIMIT)[1]) * _SCALE, 1)


def to_screen(longitude: float, latitude: float) -> tuple[float, float]:
    """SVG coordinates (x right, y down) of a point, on a map ``WIDTH`` wide."""
    x, y = equal_earth(longitude, latitude)
    return (x * _SCALE + WIDTH / 2, (_TOP - y) * _SCALE)


Ring = list[tuple[float, float]]


@dataclass(frozen=True, slots=True)
class Shape:
    """One geometry of the atlas, projected: its name, path, area (px²) and mark point."""

    key: str  # the ISO 3166 numeric id, or the name for the few geometries without one
    name: str
    path: str
    area: float
    centre: tuple[float, float]


class Atlas:
    """A decoded TopoJSON file: the arcs in degrees and the country geometries."""

    def __init__(self, path: Path) -> None:
        data = json.loads(path.read_text("utf-8"))
        scale_x, scale_y = data["transform"]["scale"]
        shift_x, shift_y = data["transform"]["translate"]
        self.arcs: list[Ring] = []
        for arc in data["arcs"]:
            x = y = 0
            points: Ring = []
            for dx, dy in arc:  # delta-encoded integers (quantized TopoJSON)
                x += dx
                y += dy
                points.append((x * scale_x + shift_x, y * scale_y + shift_y))
            self.arcs.append(points)
        self.geometries: dict[str, dict[str, Any]] = {}
        for geometry in data["objects"]["countries"]["geometries"]:
            key = str(geometry.get("id") or geometry["properties"]["name"])
            self.geometries[key] = geometry

    def _ring(self, indexes: list[int]) -> Ring:
        points: Ring = []
        for index in indexes:
            arc = self.arcs[index] if index >= 0 else self.arcs[~index][::-1]
            points.extend(arc if not points else arc[1:])  # arcs share their end points
        return points

    def polygons(self, key: str) -> list[list[Ring]]:
        """The polygons (outer ring, then holes) of one geometry, in degrees."""
        geometry = self.geometries[key]
        kind, arcs = geometry["type"], geometry.get("arcs") or []
        polygons = [arcs] if kind == "Polygon" else arcs if kind == "MultiPolygon" else []
        return [[self._ring(ring) for ring in polygon] for polygon in polygons]

    def shape(self, key: str) -> Shape:
        geometry = self.geometries[key]
        properties = geometry.get("properties") or {}
        name = str(properties.get("name", key)) if isinstance(properties, dict) else key
        parts: list[str] = []
        area = 0.0
        best: tuple[float, tuple[float, float]] = (-1.0, (0.0, 0.0))
        for polygon in self.polygons(key):
            if all(lat < SOUTHERN_LIMIT for ring in polygon for _lon, lat in ring):
                continue
            for number, whole in enumerate(polygon):
                for ring in split_at_antimeridian(whole):
                    screen = _rounded([to_screen(lon, lat) for lon, lat in ring])
                    if len(screen) < 3:
                        continue
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in screen) + "Z")
                    ring_area, centre = _area_centre(screen)
                    area += ring_area if number == 0 else -ring_area
                    if number == 0 and ring_area > best[0]:
                        best = (ring_area, centre)
        return Shape(key=key, name=name, path="".join(parts), area=round(area, 1),
                     centre=(round(best[1][0], 1), round(best[1][1], 1)))


def split_at_antimeridian(ring: Ring) -> list[Ring]:
    """A ring crossing the 180th meridian (Russia's Chukotka, Fiji) as the pieces on each
    side: the longitudes are made continuous, the ring is clipped at ±180 and the part
    beyond is moved back by 360 degrees. Other rings are returned as they are."""
    unwrapped: Ring = []
    for lon, lat in ring:
        if unwrapped:
            previous = unwrapped[-1][0]
            while lon - previous > 180:
                lon -= 360
            while lon - previous < -180:
                lon += 360
        unwrapped.append((lon, lat))
    low, high = min(p[0] for p in unwrapped), max(p[0] for p in unwrapped)
    if low >= -180 and high <= 180:
        return [ring]
    edge = 180.0 if high > 180 else -180.0
    inside = _clip(unwrapped, edge, keep_below=edge > 0)
    beyond = _clip(unwrapped, edge, keep_below=edge < 0)
    shift = -360.0 if edge > 0 else 360.0
    return [piece for piece in (inside, [(lon + shift, lat) for lon, lat in beyond])
            if len(piece) >= 3]


def _clip(ring: Ring, edge: float, keep_below: bool) -> Ring:
    """Sutherland-Hodgman clipping of a ring against the meridian ``edge``."""
    def keeps(point: tuple[float, float]) -> bool:
        return point[0] <= edge if keep_below else point[0] >= edge

    out: Ring = []
    for current, following in zip(ring, ring[1:] + ring[:1], strict=True):
        if keeps(current):
            out.append(current)
        if keeps(current) != keeps(following):
            (x1, y1), (x2, y2) = current, following
            out.append((edge, y1 + (y2 - y1) * (edge - x1) / (x2 - x1)))
    return out


def _rounded(points: Ring) -> Ring:
    """Points at a tenth of a pixel, consecutive repeats dropped (same bytes every run)."""
    kept: Ring = []
    for x, y in points:
        point = (round(x, 1), round(y, 1))
        if not kept or kept[-1] != point:
            kept.append(point)
    return kept


def _area_centre(ring: Ring) -> tuple[float, tuple[float, float]]:
    """The absolute area and the centroid of a closed ring (shoelace formula)."""
    twice = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        cross = x1 * y2 - x2 * y1
        twice += cross
        cx += (x1 + x2) * cross
        cy += (y1 + y2) * cross
    if abs(twice) < 1e-9:
        xs, ys = [p[0] for p in ring], [p[1] for p in ring]
        return 0.0, ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)
    return abs(twice) / 2, (cx / (3 * twice), cy / (3 * twice))


ATLAS_FILES = ("countries-110m.json", "countries-50m.json", "countries-10m.json")


@cache
def atlas(file_name: str, root: str) -> Atlas:
    """One atlas file, decoded once per process (``root``: the assets folder it came from)."""
    del root  # part of the cache key only: a changed assets folder is read anew
    return Atlas(package_file("world-atlas", file_name))


def outlines() -> dict[str, Shape]:
    """Every geometry of the small-scale (110m) file, by key."""
    base = atlas(ATLAS_FILES[0], str(assets_dir()))
    return {key: base.shape(key) for key in sorted(base.geometries)}


def find_shape(key: str) -> Shape | None:
    """A geometry from the most detailed file needed: 110m, else 50m, else 10m (islands too
    small for the small-scale file still get a place for their mark)."""
    for file_name in ATLAS_FILES:
        found = atlas(file_name, str(assets_dir()))
        if key in found.geometries:
            return found.shape(key)
    return None
