"""The compare page: the schools the address names side by side, each removable, the schools
kept for the postcode form, and a page that says how to choose schools when there are none."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import Dash

from layouts.pages import compare as page
from tests.conftest import draw
from tests.unit.dashboard.analysis.test_school_index import school_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    return school_app(tmp_path, monkeypatch)


def test_schools_side_by_side_with_distances(app: Dash) -> None:
    text = draw(app, "/compare?urn=140001&urn=100002&urn=abc&postcode=st16 2dh")
    assert '"data-urn": "140001"' in text and '"data-urn": "100002"' in text
    assert '"data-row": "distance"' in text and "Nearest" in text
    assert '"href": "/compare?urn=100002&postcode=ST16+2DH"' in text  # remove the first
    assert "No school has the reference (URN) abc" in text
    for component_id in (page.BODY_ID, page.POSTCODE_ID, page.POSTCODE_BUTTON_ID):
        assert f'"id": "{component_id}"' in text
    assert '"data": ["140001", "100002"]' in text  # kept for a new postcode


def test_no_schools_says_how_to_choose_them(app: Dash) -> None:
    text = draw(app, "/compare")
    assert "No schools are chosen yet" in text and '"href": "/schools"' in text
