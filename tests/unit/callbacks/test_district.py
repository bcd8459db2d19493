"""A district profile's callbacks: a new ranking measure, trend measure or phase of schools
redraws its part of the page and goes in the address (defaults left out)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from dash import Dash
from flask.testing import FlaskClient
from plotly.utils import PlotlyJSONEncoder

from callbacks import district as district_callbacks
from tests.unit.dashboard.analysis.test_district import TAMWORTH, write_district_store


@pytest.fixture(scope="module")
def synthetic_store_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The app reads the district tables of tests.unit.dashboard.analysis.test_district."""
    return write_district_store(tmp_path_factory.mktemp("districts"))


def as_text(component: object) -> str:
    return json.dumps(component, cls=PlotlyJSONEncoder)


def test_a_new_ranking_period_redraws_the_ranking_and_goes_in_the_address(app: Dash) -> None:
    with app.server.test_request_context("/district/E07000199"):
        (populations, population, periods, period, ranking,
         changes) = district_callbacks.update_ranking("pct_schools_good_or_outstanding", "all",
                                                      "2023-08-31", TAMWORTH.code)
    assert [o["value"] for o in populations] == ["all"] and population == "all"
    assert [o["value"] for o in periods] == ["2026-06", "2023-08-31"] and period == "2023-08-31"
    assert "Tamworth was 1st of 7 districts" in as_text(ranking)
    assert "31 August 2023" in as_text(ranking)
    assert changes == {"measure": None, "population": None, "period": "2023-08-31"}


def test_a_measure_without_the_old_period_falls_back_to_its_latest(app: Dash) -> None:
    with app.server.test_request_context("/district/E07000199"):
        *_, period, ranking, changes = district_callbacks.update_ranking(
            "ks4_progress8", "all", "2023-08-31", TAMWORTH.code)
    assert period == "2022/23"
    assert "for progress 8 score (key stage 4) in 2022/23" in as_text(ranking)
    assert changes == {"measure": "ks4_progress8", "population": None, "period": None}


def test_a_new_trend_measure_redraws_the_trend(app: Dash) -> None:
    with app.server.test_request_context("/district/E07000199"):
        trend, changes = district_callbacks.update_trend("pct_schools_good_or_outstanding",
                                                         TAMWORTH.code)
        assert "district-trend--E07000199-title" in as_text(trend)
        assert changes == {"trend": None}
        assert district_callbacks.update_trend("nonsense", TAMWORTH.code)[1] == {"trend": None}


def test_a_new_phase_lists_those_schools_and_goes_in_the_address(app: Dash) -> None:
    with app.server.test_request_context("/district/E07000199"):
        table, changes = district_callbacks.update_schools("secondary", TAMWORTH.code)
        assert changes == {"phase": "secondary"}
        text = as_text(table)
        assert "1 open state-funded schools in Tamworth" in text and '"data-urn": "3"' in text
        table, changes = district_callbacks.update_schools("all", TAMWORTH.code)
        assert changes == {"phase": None} and as_text(table).count('"data-urn"') == 3
        assert district_callbacks.update_schools("college", TAMWORTH.code)[1] == {"phase": None}


def test_each_profile_chart_downloads_its_data(client: FlaskClient) -> None:
    for chart in ("district-ranking", "district-trend", "district-gender",
                  "district-disadvantaged"):
        response = client.get(f"/download/{chart}--E07000199.csv?period=2023-08-31"
                              "&from=/district/E07000199")
        assert response.status_code == 200, chart
    ranking = client.get("/download/district-ranking--E07000199.csv?period=2023-08-31")
    frame = pd.read_csv(io.BytesIO(ranking.data), keep_default_na=False, dtype=str)
    assert set(frame["period"]) == {"2023-08-31"}
    assert client.get("/download/district-ranking--tamworth.csv").status_code == 404
