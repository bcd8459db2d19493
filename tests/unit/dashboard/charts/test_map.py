"""The map chart: boundaries fetched once by address and nothing from third parties, outcomes
by colour and shape, district names placed inside their districts, and exactly the district
values as its data."""

from __future__ import annotations

import pandas as pd
import pytest
from shapely.geometry import Point, shape

from dashboard.analysis.district_schools import OUTCOME_BY_KEY
from dashboard.charts import map as map_charts
from dashboard.charts.registry import UnknownChart, build_chart
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    CODES,
    boundaries,
    make_store,
    some_schools,
)


def test_the_map_figure_fetches_boundaries_once_by_url_and_nothing_else() -> None:
    chart = build_chart("map", {}, make_store())
    figure = chart.figure.to_plotly_json()
    choropleths = [t for t in figure["data"] if t["type"] == "choroplethmap"]
    assert choropleths and all(t["geojson"] == "/geo/districts.geojson?v=test-build"
                               for t in choropleths)
    style = figure["layout"]["map"]["style"]
    # No tiles, sprite or glyphs: MapLibre has nothing to download.
    assert style["sources"] == {} and "glyphs" not in style and "sprite" not in style
    assert not any("text" in str(t.get("mode", "")) for t in figure["data"])
    labels = figure["layout"]["meta"]["district_labels"]
    assert [label["name"] for label in labels] == [d.name for d in AREA.districts]
    assert all(label["href"].startswith("/district/E070") for label in labels)


def test_the_basemap_can_be_chosen_by_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(map_charts.MAP_TILES_ENV, "carto-positron")
    assert map_charts.map_style() == "carto-positron"
    monkeypatch.delenv(map_charts.MAP_TILES_ENV)
    assert map_charts.map_style() == map_charts.BLANK_STYLE


def test_districts_and_their_labels_open_the_profile_with_the_maps_measure() -> None:
    chart = build_chart("map", {"period": ["2023-08-31"], "phase": ["none"]}, make_store())
    labels = chart.figure.layout.meta["district_labels"]
    assert {label["href"] for label in labels} == {
        f"/district/{code}?period=2023-08-31" for code in CODES}
    addresses = {row[0] for trace in chart.figure.data if trace.type == "choroplethmap"
                 for row in trace.customdata}
    assert addresses == {f"/district/{code}?period=2023-08-31" for code in CODES}


def test_an_image_of_the_map_can_carry_the_boundaries_inside_it() -> None:
    chart = build_chart("map", {}, make_store())
    drawn = map_charts.inline_boundaries(chart.figure, boundaries())
    assert drawn.data[0].geojson["features"][0]["properties"]["code"] in CODES
    assert chart.figure.data[0].geojson.startswith("/geo/")  # the page's figure is unchanged


def test_the_map_chart_data_is_the_district_values_with_suppression_kept() -> None:
    chart = build_chart("map", {}, make_store())
    assert list(chart.data["District"]) == [d.name for d in AREA.districts]
    suppressed = chart.data.iloc[2]
    assert pd.isna(suppressed["value"]) and suppressed["suppression"] == "c"
    assert chart.title.startswith("Schools judged good or outstanding")
    assert f"highest in {AREA.districts[-1].name}" in chart.title
    # The district without a figure is drawn blank, never shaded as 0.
    blank = chart.figure.data[0]
    assert list(blank.locations) == [CODES[2]] and blank.showscale is False
    with pytest.raises(UnknownChart):
        build_chart("map--E07000199", {}, make_store())


def test_without_boundaries_the_map_says_so() -> None:
    store = make_store()
    store.geojson.clear()
    chart = build_chart("map", {}, store)
    assert chart.title == "No district boundaries in this data build"


def test_school_points_have_a_shape_and_a_colour_for_each_kind_of_outcome() -> None:
    store = make_store(**some_schools())
    chart = build_chart("map", {}, store)
    traces = [t for t in chart.figure.data if t.type == "scattermap" and t.hovertemplate]
    shapes = {t.name: OUTCOME_BY_KEY[key].marker
              for t in traces for key in OUTCOME_BY_KEY
              if t.name.endswith(OUTCOME_BY_KEY[key].label)}
    assert set(shapes.values()) == {"filled", "ring", "dot"}
    assert len({t.marker.color for t in traces}) == len(traces)
    assert {row[0] for t in traces for row in t.customdata} == {"/school/1", "/school/2",
                                                                "/school/3"}
    assert "3 schools are marked" in chart.summary
    assert not [t for t in build_chart("map", {"phase": ["none"]}, store).figure.data
                if t.type == "scattermap"]


def test_district_names_are_placed_inside_their_districts() -> None:
    geojson = boundaries()
    for label, feature in zip(map_charts.label_points(geojson), geojson["features"],
                              strict=True):
        assert shape(feature["geometry"]).contains(Point(label["lon"], label["lat"]))
