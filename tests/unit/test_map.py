"""The map: page settings, the figure (boundaries by URL, nothing fetched from third parties,
outcomes by colour and shape), the map chart's data, the boundaries route and navigation."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from plotly.utils import PlotlyJSONEncoder
from shapely.geometry import Point, shape
from test_district import (
    AREA,
    CODES,
    TAMWORTH,
    boundaries,
    inspections_frame,
    make_store,
    schools_frame,
)

from callbacks import charts
from callbacks import map as map_page
from dashboard.analysis import district as districts
from layouts import map as layout


def options() -> tuple[districts.MeasureChoice, ...]:
    return districts.measure_choices(make_store().measures)


def test_settings_default_to_the_latest_good_or_outstanding_share() -> None:
    state, messages = map_page.read_state({}, options())
    assert (state.choice.measure_id, state.choice.population) == (
        "pct_schools_good_or_outstanding", "all")
    assert (state.period, state.phase, state.sort) == ("2026-06", "all", "rank")
    assert messages == [] and map_page.query(state) == ""


def test_bad_settings_fall_back_with_a_message_and_good_ones_stay_in_the_address() -> None:
    state, messages = map_page.read_state(
        {"period": ["1066"], "phase": ["secondary"], "sort": ["name-desc"], "zoom": ["9"]},
        options())
    assert state.period == "2026-06" and len(messages) == 2
    assert "'1066' is not a valid choice for 'period'" in messages[0]
    assert "no setting 'zoom'" in messages[1]
    assert map_page.query(state) == "?phase=secondary&sort=name-desc"
    # A district profile takes the measure settings, not the map's view settings.
    old, _ = map_page.read_state({"period": ["2023-08-31"], "phase": ["special"]}, options())
    assert map_page.district_href(TAMWORTH.code, old) == (
        "/district/E07000199?period=2023-08-31")


def test_a_column_button_sorts_by_it_then_the_other_way() -> None:
    assert map_page.toggled("rank", "name") == "name"
    assert map_page.toggled("name", "name") == "name-desc"
    assert map_page.toggled("name-desc", "name") == "name"


def test_the_map_figure_fetches_boundaries_once_by_url_and_nothing_else() -> None:
    chart = charts.build_chart("map", {}, store=make_store())
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


def test_an_image_of_the_map_can_carry_the_boundaries_inside_it() -> None:
    chart = charts.build_chart("map", {}, store=make_store())
    drawn = districts.inline_boundaries(chart.figure, boundaries())
    assert drawn.data[0].geojson["features"][0]["properties"]["code"] in CODES
    assert chart.figure.data[0].geojson.startswith("/geo/")  # the page's figure is unchanged


def test_the_map_chart_data_is_the_district_values_with_suppression_kept() -> None:
    chart = charts.build_chart("map", {}, store=make_store())
    assert list(chart.data["District"]) == [d.name for d in AREA.districts]
    suppressed = chart.data.iloc[2]
    assert pd.isna(suppressed["value"]) and suppressed["suppression"] == "c"
    assert chart.title.startswith("Schools judged good or outstanding")
    assert "highest in Tamworth" in chart.title
    # The district without a figure is drawn blank, never shaded as 0.
    blank = chart.figure.data[0]
    assert list(blank.locations) == [CODES[2]] and blank.showscale is False
    with pytest.raises(charts.UnknownChart):
        charts.build_chart("map--E07000199", {}, store=make_store())


def test_school_points_have_a_shape_and_a_colour_for_each_kind_of_outcome() -> None:
    schools = schools_frame([{"urn": 1, "name": "Graded"}, {"urn": 2, "name": "Card"},
                             {"urn": 3, "name": "New", "phase": "secondary"}])
    inspections = inspections_frame([
        {"urn": 1, "inspection_date": "2019-03-12", "overall_grade": 1},
        {"urn": 2, "inspection_date": "2026-01-27", "framework": "report_card",
         "rc_inclusion": "expected"}])
    store = make_store(schools=schools, inspections=inspections)
    table = districts.school_table(store.tables, AREA)
    points = districts.map_points(table, "all")
    assert list(points["href"]) == ["/school/2", "/school/1", "/school/3"]
    assert len(districts.map_points(table, "secondary")) == 1
    assert districts.map_points(table, None).empty
    traces = [t for t in charts.build_chart("map", {}, store=store).figure.data
              if t.type == "scattermap" and t.hovertemplate]
    shapes = {t.name: districts.OUTCOME_BY_KEY[key].marker
              for t in traces for key in districts.OUTCOME_BY_KEY
              if t.name.endswith(districts.OUTCOME_BY_KEY[key].label)}
    assert set(shapes.values()) == {"filled", "ring", "dot"}
    assert len({t.marker.color for t in traces}) == len(traces)


def test_district_names_are_placed_inside_their_districts() -> None:
    geojson = boundaries()
    for label, feature in zip(districts.label_points(geojson), geojson["features"],
                              strict=True):
        assert shape(feature["geometry"]).contains(Point(label["lon"], label["lat"]))


def test_the_picker_and_the_map_open_the_selected_address(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(map_page, "current_store", make_store)
    assert map_page.destination(True, None, TAMWORTH.code, "?period=2023-08-31") == (
        "/district/E07000199?period=2023-08-31")
    assert map_page.destination(True, None, None, "") is None
    click = {"points": [{"customdata": ["/school/123456", "A school"]}]}
    assert map_page.destination(False, click, None, "") == "/school/123456"
    assert map_page.destination(False, {"points": [{"customdata": ["javascript:x"]}]},
                                None, "") is None
    assert map_page.destination(False, None, None, "") is None


def test_the_district_table_is_sorted_by_rank_or_name(monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    monkeypatch.setattr(map_page, "build_chart", lambda *_: None)
    state, _ = map_page.read_state({"sort": ["name-desc"]}, options())
    model = map_page.build_model(store, AREA, state)
    assert [row.name for row in model.rows] == sorted((d.name for d in AREA.districts),
                                                      reverse=True)
    state, _ = map_page.read_state({}, options())
    model = map_page.build_model(store, AREA, state)
    assert model.rows[0].name == TAMWORTH.name and model.rows[-1].rank_text == "not ranked"
    table = json.dumps(layout.district_table(model), cls=PlotlyJSONEncoder)
    assert '"aria-sort": "ascending"' in table and "[c]" in table


@pytest.fixture
def client(synthetic_store: Path, monkeypatch: pytest.MonkeyPatch) -> object:
    from app import create_app

    monkeypatch.setattr(map_page, "current_store", make_store)
    return create_app().server.test_client()


def test_the_boundaries_are_served_cached_and_the_map_worker_is_allowed(client: object) -> None:
    response = client.get("/geo/districts.geojson?v=test-build")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert len(response.get_json()["features"]) == len(CODES)
    assert "max-age=86400" in response.headers["Cache-Control"]
    again = client.get("/geo/districts.geojson", headers={"If-None-Match": '"test-build"'})
    assert again.status_code == 304
    policy = client.get("/map").headers["Content-Security-Policy"]
    assert "worker-src 'self' blob:" in policy and "default-src 'self'" in policy
