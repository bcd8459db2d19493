"""Hotspots' callback: new filters redraw the page below them and go into the address."""

from __future__ import annotations

import json

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from callbacks.hotspots import update
from dashboard.analysis import hotspots
from dashboard.config import Area
from tests.unit.dashboard.analysis.test_hotspot_ranking import eight_schools


def test_new_filters_redraw_the_rankings_and_the_address(
        app: Dash, area: Area, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotspots, "assessment", lambda store: eight_schools(area))
    shown = {"phase": "all", "type": "all"}
    with app.server.test_request_context("/hotspots"):
        result, changes, now = update("secondary", "all", shown)
        text = json.dumps(result, cls=PlotlyJSONEncoder)
        # The two secondary schools, neither flagged.
        assert "None of the 2 schools matching these filters is flagged." in text
        assert "School 1" not in text
        assert changes == {"phase": "secondary", "type": None}
        assert now == {"phase": "secondary", "type": "all"}
        assert update("all", "special", now)[1:] == ({"phase": None, "type": "special"},
                                                    {"phase": "all", "type": "special"})
        assert update(None, "nonsense", now)[1] == {"phase": None, "type": None}


def test_the_filters_the_page_shows_redraw_nothing(app: Dash) -> None:
    with app.server.test_request_context("/hotspots"), pytest.raises(PreventUpdate):
        update("primary", "all", {"phase": "primary", "type": "all"})
