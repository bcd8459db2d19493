"""The map's callbacks: new settings redraw the map and the table and go in the address, the
picker and a selection on the map open a page, and the district boundaries are served once."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import plotly.graph_objects as go
import pytest
from dash import Dash
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

from callbacks import map as map_callbacks
from dashboard import export
from dashboard.store import clear_loaded
from tests.unit.dashboard.analysis.test_district import (
    CODES,
    TAMWORTH,
    make_store,
    write_district_store,
    write_store,
)


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app reads the district tables of tests.unit.dashboard.analysis.test_district."""
    return write_district_store(tmp_path_factory.mktemp("districts"))


def as_text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


def test_new_settings_redraw_the_map_and_table_and_go_in_the_address(app: Dash) -> None:
    with app.server.test_request_context("/map"):
        (populations, population, periods, period, view, table, sort,
         changes) = map_callbacks.redraw("pct_schools_good_or_outstanding", "all", "2023-08-31",
                                         "secondary", "name")
    assert [o["value"] for o in populations] == ["all"] and population == "all"
    assert [o["value"] for o in periods] == ["2026-06", "2023-08-31"] and period == "2023-08-31"
    assert '"id": "map"' in as_text(view)
    assert "31 August 2023" in as_text(view)
    assert '"aria-sort": "ascending"' in as_text(table) and sort == "name"
    assert changes == {"measure": None, "population": None, "period": "2023-08-31",
                       "phase": "secondary", "sort": "name"}


def test_settings_a_measure_lacks_fall_back_quietly(app: Dash) -> None:
    with app.server.test_request_context("/map"):
        *_, period, _view, _table, sort, changes = map_callbacks.redraw(
            "ks4_progress8", "primary", "2026-06", None, None)
    assert period == "2022/23" and sort == "rank"
    assert changes == {"measure": "ks4_progress8", "population": None, "period": None,
                       "phase": None, "sort": None}


def test_the_picker_opens_the_profile_with_the_maps_measure(app: Dash) -> None:
    with app.server.test_request_context("/map"):
        assert map_callbacks.destination(True, None, TAMWORTH.code, None, None,
                                         "2023-08-31") == "/district/E07000199?period=2023-08-31"
        assert map_callbacks.destination(True, None, TAMWORTH.code,
                                         "pct_schools_good_or_outstanding", "all",
                                         "2026-06") == "/district/E07000199"
        assert map_callbacks.destination(True, None, None, None, None, None) is None
        click = {"points": [{"customdata": ["/school/123456", "A school"]}]}
        assert map_callbacks.destination(False, click, TAMWORTH.code, None, None,
                                         None) == "/school/123456"
        assert map_callbacks.destination(False, {"points": [{"customdata": ["javascript:x"]}]},
                                         None, None, None, None) is None


def test_the_boundaries_are_served_cached_by_build(client: FlaskClient) -> None:
    response = client.get("/geo/districts.geojson?v=test-build")
    assert response.status_code == 200 and response.mimetype == "application/json"
    assert [f["properties"]["code"] for f in response.get_json()["features"]] == list(CODES)
    assert "max-age=86400" in response.headers["Cache-Control"]
    again = client.get("/geo/districts.geojson", headers={"If-None-Match": '"test-build"'})
    assert again.status_code == 304


def test_a_build_without_boundaries_says_so(client: FlaskClient, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    store.geojson.clear()
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(write_store(tmp_path / "no-map", store)))
    clear_loaded()
    response = client.get("/geo/districts.geojson")
    assert response.status_code == 404
    assert "No district boundaries" in response.get_data(as_text=True)


def test_the_map_downloads_are_what_the_page_showed(client: FlaskClient,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    response = client.get("/download/map.csv?period=2023-08-31&phase=none&from=/map")
    assert response.status_code == 200
    frame = pd.read_csv(io.BytesIO(response.data), keep_default_na=False, dtype=str)
    assert frame["period"].unique().tolist() == ["2023-08-31"]
    assert (frame.loc[frame["suppression"] == "c", "value"] == "").all()  # a code, never 0
    drawn: list[go.Figure] = []

    def render(figure: go.Figure, fmt: str, width: int, height: int) -> bytes:
        drawn.append(figure)
        return b"\x89PNG\r\n\x1a\n" + b"\x00" * 16

    monkeypatch.setattr(export.RENDERER, "render", render)
    assert client.get("/download/map.png?from=/map").status_code == 200
    # The image is drawn away from the app, so it carries the boundaries inside it.
    maps = [t for t in drawn[0].data if t.type == "choroplethmap"]
    assert maps and all(isinstance(t.geojson, dict) for t in maps)
    assert client.get("/download/map--E07000199.csv").status_code == 404
