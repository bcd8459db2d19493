"""The finder page: drawn from its address (search, filters, comparison list), the ids the
browser uses, and the note that the data is not built when there are no schools."""

from __future__ import annotations

from pathlib import Path

import pytest
from dash import Dash

from layouts.pages import schools as page
from tests.conftest import draw
from tests.unit.dashboard.analysis.test_school_index import school_app


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    return school_app(tmp_path, monkeypatch)


def test_a_postcode_search_lists_nearest_first_with_the_comparison(app: Dash) -> None:
    text = draw(app, "/schools?q=ST16 2DH&compare=100002")
    assert "nearest to ST16 2DH first" in text and "Schools to compare (1 of 4)" in text
    assert '"data-distance-m"' in text and '"data-urn": "140001"' in text
    assert '"href": "/compare?urn=100002&postcode=ST16+2DH"' in text
    for component_id in (page.TEXT_ID, page.SUBMIT_ID, page.PHASE_ID, page.OUTCOME_ID,
                         page.DISTRICT_ID, page.OPEN_ID, page.RESULTS_ID):
        assert f'"id": "{component_id}"' in text
    assert '"value": "ST16 2DH"' in text  # the search box says what was searched


def test_filters_are_set_from_the_address_and_open_when_used(app: Dash) -> None:
    text = draw(app, "/schools?phase=secondary&status=all")
    assert '"value": "secondary"' in text and "2 secondary schools" in text
    assert '"open": true' in text


def test_malformed_settings_are_named_and_nothing_fails(app: Dash) -> None:
    text = draw(app, "/schools?phase=castle&compare=424242&show=lots&zoom=1")
    assert "'castle' is not a valid choice for 'phase'" in text
    assert "No school has the reference (URN) 424242" in text
    assert "'lots' is not a number of schools to show" in text
    assert "no setting 'zoom'" in text and "Sorry, there is a problem" not in text


def test_a_store_without_schools_says_the_data_is_not_built(synthetic_store: Path) -> None:
    from app import create_app

    assert "The data has not been built yet" in draw(create_app({"TESTING": True}), "/schools")
