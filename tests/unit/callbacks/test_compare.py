"""Compare's postcode form: distances from the typed postcode, the schools kept."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dash import Dash
from plotly.utils import PlotlyJSONEncoder

from callbacks import compare as callbacks
from tests.unit.dashboard.analysis.test_school_index import school_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    return school_app(tmp_path, monkeypatch)


def test_a_postcode_adds_distances_and_keeps_the_schools(app: Dash) -> None:
    with app.server.test_request_context("/compare"):
        body, changes = callbacks.with_postcode(1, None, " st16 2dh ", ["140001", "424242"])
        assert changes == {"urn": ["140001", "424242"], "postcode": "st16 2dh"}
        text = json.dumps(body, cls=PlotlyJSONEncoder)
        assert '"data-row": "distance"' in text and '"value": "ST16 2DH"' in text
        assert "No school has the reference (URN) 424242" in text
        _, cleared = callbacks.with_postcode(None, 1, "", ["140001"])
        assert cleared == {"urn": ["140001"], "postcode": None}
