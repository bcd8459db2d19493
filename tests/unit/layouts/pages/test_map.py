"""The map page: its settings in the address (bad ones get a message), the controls, the map,
the legend of school outcomes, the district picker and the sortable table."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import Dash
from flask.testing import FlaskClient

from dashboard.store import clear_loaded
from tests.conftest import draw
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    make_store,
    write_district_store,
    write_store,
)


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app reads the district tables of tests.unit.dashboard.analysis.test_district."""
    return write_district_store(tmp_path_factory.mktemp("districts"))


def components(drawn: str) -> dict[str, dict]:
    """Every component with an id in a drawn page, by its id."""
    found: dict[str, dict] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict):
            props = node.get("props", {})
            if isinstance(props.get("id"), str):
                found[props["id"]] = node
            walk(props.get("children"))

    walk(json.loads(drawn))
    return found


def test_the_map_shows_the_default_settings_and_every_district(app: Dash) -> None:
    drawn = draw(app, "/map")
    shown = components(drawn)
    assert shown["map-measure"]["props"]["value"] == "pct_schools_good_or_outstanding"
    assert shown["map-period"]["props"]["value"] == "2026-06"
    assert shown["map-phase"]["props"]["value"] == "all"
    assert shown["map-sort-order"]["props"]["data"] == "rank"
    assert shown["map"]["type"] == "Graph"
    assert [o["value"] for o in shown["map-district-picker"]["props"]["options"]] == list(
        AREA.district_codes)
    assert "Map of districts and schools" in drawn and "not a valid choice" not in drawn
    assert "3 schools shown" in drawn
    assert '"aria-sort": "ascending"' in drawn and "[c]" in drawn
    assert drawn.count('"data-district"') == len(AREA.districts)


def test_settings_in_the_address_are_shown_and_bad_ones_get_a_message(app: Dash) -> None:
    drawn = draw(app, "/map?period=2023-08-31&phase=none&sort=name-desc&zoom=3&measure=x")
    shown = components(drawn)
    assert shown["map-period"]["props"]["value"] == "2023-08-31"
    assert shown["map-phase"]["props"]["value"] == "none"
    assert shown["map-sort-order"]["props"]["data"] == "name-desc"
    assert "'x' is not a valid choice for 'measure'" in drawn
    assert "This page has no setting 'zoom'" in drawn
    assert "0 schools shown" in drawn
    assert '"aria-sort": "descending"' in drawn


def test_without_district_figures_or_boundaries_the_map_says_why(
        app: Dash, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = make_store()
    store.geojson.clear()
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(write_store(tmp_path / "no-map", store)))
    clear_loaded()
    drawn = draw(app, "/map")
    assert "the map cannot be drawn" in drawn and '"page-title"' in drawn


def test_the_map_page_answers_and_the_map_worker_is_allowed(client: FlaskClient) -> None:
    response = client.get("/map")
    assert response.status_code == 200
    policy = response.headers["Content-Security-Policy"]
    assert "worker-src 'self' blob:" in policy and "default-src 'self'" in policy
    assert client.get("/assets/map.js").status_code == 200
