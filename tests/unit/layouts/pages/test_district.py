"""The district profile page: its address (a slug redirects, an unknown district is not
found), its settings with messages, and what it shows."""

from __future__ import annotations

from pathlib import Path

import dash
import pytest
from dash import Dash
from flask.testing import FlaskClient

from tests.conftest import draw
from tests.unit.dashboard.analysis.test_district import AREA, TAMWORTH, write_district_store
from tests.unit.layouts.pages.test_map import components


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app reads the district tables of tests.unit.dashboard.analysis.test_district."""
    return write_district_store(tmp_path_factory.mktemp("districts"))


def test_a_slug_redirects_to_the_ons_code_keeping_the_settings(client: FlaskClient) -> None:
    response = client.get("/district/tamworth?phase=primary")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/district/E07000199?phase=primary")
    assert client.get("/district/e07000199").headers["Location"].endswith("/district/E07000199")
    assert client.get("/district/E07000199").status_code == 200
    assert client.get("/district/E07000199/").status_code == 200
    for unknown in ("/district/nowhere", "/district/E07000199/extra", "/district/"):
        assert client.get(unknown).status_code == 404


def test_an_unknown_district_gets_the_not_found_page_listing_the_districts(app: Dash) -> None:
    drawn = draw(app, "/district/nowhere")
    assert "District not found" in drawn and "/district/nowhere" in drawn
    assert all(f"/district/{code}" in drawn for code in AREA.district_codes)
    assert "Sorry, there is a problem" not in drawn


def test_the_tab_title_names_the_district(app: Dash) -> None:
    title = dash.page_registry["layouts.pages.district"]["title"]
    assert title(code="tamworth").startswith("Tamworth: district profile - ")
    assert title(code="nowhere").startswith("District not found - ")


def test_the_profile_shows_the_district_and_its_settings(app: Dash) -> None:
    drawn = draw(app, "/district/E07000199?period=2023-08-31&phase=secondary&trend=x&zoom=1")
    assert '"children": "Tamworth", "className": "page-title"' in drawn
    shown = components(drawn)
    assert shown["district-code"]["props"]["data"] == "E07000199"
    assert shown["district-period"]["props"]["value"] == "2023-08-31"
    assert shown["district-phase"]["props"]["value"] == "secondary"
    assert shown["district-trend-measure"]["props"]["value"] == "pct_schools_good_or_outstanding"
    assert "'x' is not a valid choice for 'trend'" in drawn
    assert "This page has no setting 'zoom'" in drawn
    assert "Tamworth was 1st of 7 districts" in drawn  # the ranking for 31 August 2023
    assert "1 open state-funded schools in Tamworth" in drawn
    for chart in ("district-ranking", "district-trend", "district-gender",
                  "district-disadvantaged"):
        assert f'"{chart}--E07000199-title"' in drawn


def test_a_district_followed_by_its_name_inside_the_site_is_drawn(app: Dash) -> None:
    drawn = draw(app, f"/district/{TAMWORTH.slug}")
    assert '"children": "Tamworth", "className": "page-title"' in drawn
    assert "district-ranking--E07000199-title" in drawn
