"""Pupil groups' callback: a new group, measure or neighbour list gives the measures on offer,
the measure shown, its charts and the settings for the address."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from callbacks.groups import update_charts
from dashboard.store import clear_loaded
from tests.unit.dashboard.analysis.test_district import AREA
from tests.unit.dashboard.analysis.test_groups import serve_store

OTHER_LIST = next(y for y in AREA.neighbour_lists if y != AREA.current_neighbours)
DEFAULTS = {"group": "disadvantaged", "measure": "ks2_rwm_expected_pct",
            "neighbours": AREA.current_neighbours}


@pytest.fixture
def groups_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dash]:
    yield serve_store(tmp_path, monkeypatch)
    clear_loaded()


def test_a_new_group_offers_its_own_measures(groups_app: Dash) -> None:
    with groups_app.server.test_request_context("/groups"):
        options, measure, charts, changes, shown = update_charts(
            "boys", "ks2_rwm_expected_pct", AREA.current_neighbours, DEFAULTS)
    # The measure shown before is not one the boys have: their own is shown instead.
    assert options == [{"label": "Attainment 8 score (key stage 4)",
                        "value": "ks4_attainment8"}]
    assert measure == "ks4_attainment8"
    assert "Boys in Staffordshire were" in json.dumps(charts, cls=PlotlyJSONEncoder)
    assert changes == {"group": "boys", "measure": None, "neighbours": None}
    assert shown == {**DEFAULTS, "group": "boys", "measure": "ks4_attainment8"}


def test_settings_other_than_the_defaults_go_into_the_address(groups_app: Dash) -> None:
    with groups_app.server.test_request_context("/groups"):
        *_, changes, shown = update_charts("disadvantaged", "ks2_rwm_expected_pct", OTHER_LIST,
                                           DEFAULTS)
        assert changes == {"group": None, "measure": None, "neighbours": OTHER_LIST}
        *_, changes, _ = update_charts(None, None, None, shown)
        assert changes == {"group": None, "measure": None, "neighbours": None}


def test_the_settings_the_page_shows_redraw_nothing(groups_app: Dash) -> None:
    with groups_app.server.test_request_context("/groups"), pytest.raises(PreventUpdate):
        update_charts("disadvantaged", "ks2_rwm_expected_pct", AREA.current_neighbours,
                      DEFAULTS)


def test_a_group_without_figures_has_no_measure_and_says_so(groups_app: Dash) -> None:
    with groups_app.server.test_request_context("/groups"):
        options, measure, charts, changes, _ = update_charts(
            "fsm", "ks2_rwm_expected_pct", AREA.current_neighbours, DEFAULTS)
    assert (options, measure) == ([], "")
    assert "No figures for this group" in json.dumps(charts, cls=PlotlyJSONEncoder)
    assert changes == {"group": "fsm", "measure": None, "neighbours": None}
