"""The Hotspots page: the filters from the address (with a message for a value it cannot use),
every district and the flagged schools, and a store without the school tables."""

from __future__ import annotations

import pytest
from dash import Dash

from dashboard.analysis import hotspots
from dashboard.config import Area
from tests.conftest import draw
from tests.unit.dashboard.analysis.test_hotspot_ranking import eight_schools
from tests.unit.layouts.pages.test_groups import control


def test_the_page_ranks_districts_and_schools_for_the_filters(
        app: Dash, area: Area, monkeypatch: pytest.MonkeyPatch) -> None:
    # The synthetic store has no school tables: these schools stand in for them.
    monkeypatch.setattr(hotspots, "assessment", lambda store: eight_schools(area))
    page = draw(app, "/hotspots?phase=primary")
    for district in area.districts:
        assert district.name in page
    assert "How schools are flagged" in page and "School 1" in page
    assert "School 3" not in page  # a secondary school
    assert '"id": "hotspots-districts"' in page and "is not a valid choice" not in page


def test_a_store_without_school_tables_has_no_schools_to_flag(app: Dash, area: Area) -> None:
    page = draw(app, "/hotspots")
    assert "No school matching these filters is flagged." in page
    for district in area.districts:
        assert district.name in page


def test_filters_it_cannot_use_fall_back_with_a_message(app: Dash) -> None:
    page = draw(app, "/hotspots?phase=nursery&type=special&colour=red")
    assert "'nursery' is not a valid choice for 'phase'" in page
    assert "no setting 'colour'" in page
    assert control(page, "hotspots-phase")["value"] == "all"
    assert control(page, "hotspots-type")["value"] == "special"
    # What the callback is told the page shows, so the filters reporting it change nothing.
    assert control(page, "hotspots-shown")["data"] == {"phase": "all", "type": "special"}
