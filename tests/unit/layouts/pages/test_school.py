"""The school profile page: a school across its URN chain with its charts and map, a closed
school's successor, and the not-found page (HTTP 404) for any other URN."""

from __future__ import annotations

from pathlib import Path

import dash
import pytest
from dash import Dash
from flask.testing import FlaskClient

from tests.conftest import draw
from tests.unit.dashboard.analysis.test_school_index import school_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    return school_app(tmp_path, monkeypatch)


def test_the_profile_shows_the_history_results_and_map(app: Dash) -> None:
    text = draw(app, "/school/140001")
    assert "St Austin's Catholic Primary School" in text
    assert '"id": "inspection-timeline"' in text and '"data-kind": "conversion"' in text
    assert '"data-urn": "100001"' in text  # the inspection before it became an academy
    assert '"id": "school-ks2--140001"' in text  # the results chart, downloadable by its id
    assert "data:image/svg+xml" in text and "Earlier URNs" in text
    assert '"href": "/schools?compare=140001"' in text


def test_a_closed_school_links_to_its_successor(app: Dash) -> None:
    text = draw(app, "/school/100001")
    assert "This school is closed" in text and '"href": "/school/140001"' in text


def test_unknown_urns_get_the_not_found_page_and_404(app: Dash, client: FlaskClient) -> None:
    assert client.get("/school/140001").status_code == 200
    for reference in ("999999999", "abc", "1400011234567"):
        assert client.get(f"/school/{reference}").status_code == 404
        text = draw(app, f"/school/{reference}")
        assert "School not found" in text and f"/school/{reference}" in text
        assert "Traceback" not in text


def test_settings_are_named_as_ignored_and_the_tab_shows_the_name(app: Dash) -> None:
    assert "no setting 'tab'" in draw(app, "/school/140001?tab=results")
    page = next(p for p in dash.page_registry.values() if p["module"] == "layouts.pages.school")
    with app.server.test_request_context("/school/140001"):
        assert page["title"](urn="140001").startswith("St Austin's Catholic Primary School - ")
        assert page["title"](urn="abc").startswith("School not found - ")
