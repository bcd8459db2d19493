"""The finder's search: the list and the address for the search box and filters, keeping the
comparison list; nothing when the search is the one already shown."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import Dash
from dash.exceptions import PreventUpdate
from plotly.utils import PlotlyJSONEncoder

from callbacks import schools as callbacks
from tests.unit.dashboard.analysis.test_school_index import school_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    return school_app(tmp_path, monkeypatch)


def test_a_search_redraws_the_list_and_the_address(app: Dash) -> None:
    shown = {"searched": ["", "any", "any", "any", "open"], "compare": ["100002", "424242"]}
    with app.server.test_request_context("/schools"):
        results, changes, now = callbacks.new_search(1, None, "any", "any", "any", True,
                                                     " ST16 2DH ", shown)
    text = json.dumps(results, cls=PlotlyJSONEncoder)
    assert "nearest to ST16 2DH first" in text and "Schools to compare (1 of 4)" in text
    assert "No school has the reference (URN) 424242" in text
    assert changes == {"q": "ST16 2DH", "phase": None, "outcome": None, "district": None,
                       "status": None, "compare": ["100002", "424242"], "show": None}
    assert now == {"searched": ["ST16 2DH", "any", "any", "any", "open"],
                   "compare": ["100002", "424242"]}


def test_the_search_already_shown_is_not_run_again(app: Dash) -> None:
    shown = {"searched": ["leek", "any", "any", "any", "open"], "compare": []}
    with app.server.test_request_context("/schools"), pytest.raises(PreventUpdate):
        callbacks.new_search(1, None, "any", "any", "any", True, "leek", shown)
