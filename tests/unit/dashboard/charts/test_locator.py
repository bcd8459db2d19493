"""The profile's locator map: the area's districts with the school's shaded and a pin."""

from __future__ import annotations

from dashboard.charts.locator import location_svg


def test_locator_map_draws_the_districts_and_the_school() -> None:
    square = {"type": "Polygon", "coordinates": [[[-2.2, 52.7], [-2.0, 52.7], [-2.0, 52.9],
                                                  [-2.2, 52.9], [-2.2, 52.7]]]}
    districts = {"features": [{"properties": {"code": "E07000197"}, "geometry": square}]}
    svg = location_svg(districts, 52.8, -2.1, "E07000197")
    assert svg is not None and svg.startswith("<svg") and svg.count("<circle") == 2
    assert 'fill="#BFD9EE"' in svg  # the school's district shaded
    assert location_svg({"features": []}, 52.8, -2.1, None) is None
