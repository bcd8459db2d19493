"""A small locator map as SVG: the area's districts, the school's district shaded, and the
school as a ringed pin. No map tiles, so it draws offline, prints, and needs no map library."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from urllib.parse import quote


def _rings(geometry: Mapping[str, object]) -> Iterable[list[list[float]]]:
    coordinates = geometry.get("coordinates") or []
    polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
    for polygon in polygons:
        yield from polygon


def location_svg(districts: Mapping[str, object], lat: float, lon: float,
                 district_code: str | None, size: int = 280) -> str | None:
    """A small locator map as SVG: the area's districts, the school's shaded, and the school as
    a pin. No map tiles. None when there are no boundaries."""
    features = list(districts.get("features", []) if districts else [])
    rings = [(f.get("properties", {}).get("code"), ring) for f in features
             for ring in _rings(f.get("geometry") or {})]
    if not rings:
        return None
    lats = [p[1] for _, ring in rings for p in ring]
    lons = [p[0] for _, ring in rings for p in ring]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    width, height = (max(lons) - min(lons)) * shrink, max(lats) - min(lats)
    scale = (size - 20) / max(width, height)

    def point(x: float, y: float) -> tuple[float, float]:
        return (10 + (x - min(lons)) * shrink * scale, 10 + (max(lats) - y) * scale)

    def path(ring: list[list[float]]) -> str:
        corners = (point(*p[:2]) for p in ring)
        return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in corners) + "Z"

    shapes = "".join(
        f'<path d="{path(ring)}" fill="{"#BFD9EE" if code == district_code else "#F3F2F1"}" '
        f'stroke="#505A5F" stroke-width="1"/>'
        for code, ring in sorted(rings, key=lambda item: item[0] == district_code))
    x, y = point(lon, lat)
    pin = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#FFFFFF" stroke="#0B0C0C" '
           f'stroke-width="3"/><circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#0B0C0C"/>')
    view_height = height * scale + 20
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {view_height:.0f}" '
            f'width="{size}" height="{view_height:.0f}">{shapes}{pin}</svg>')


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;charset=utf-8," + quote(svg)
