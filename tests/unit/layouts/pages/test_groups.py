"""The Pupil groups page: its settings in the address, messages for values it cannot use, the
latest-gaps table's links, and a store with no figures for any group."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from dash import Dash

from dashboard.analysis.groups import NOT_ALLOWED
from dashboard.store import clear_loaded
from tests.conftest import draw
from tests.unit.dashboard.analysis.test_district import AREA
from tests.unit.dashboard.analysis.test_groups import serve_store


@pytest.fixture
def groups_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Dash]:
    yield serve_store(tmp_path, monkeypatch)
    clear_loaded()


def control(text: str, component_id: str) -> dict[str, Any]:
    """The properties of the component with this id in a drawn page (also used by the
    Hotspots page's tests)."""
    def walk(node: Any) -> dict[str, Any] | None:
        if isinstance(node, list):
            return next((found for child in node if (found := walk(child))), None)
        if not isinstance(node, dict):
            return None
        props = node.get("props", {})
        return props if props.get("id") == component_id else walk(props.get("children"))

    found = walk(json.loads(text))
    assert found is not None, f"no {component_id} on the page"
    return found


def test_the_page_reads_its_settings_from_the_address(groups_app: Dash) -> None:
    other_list = next(y for y in AREA.neighbour_lists if y != AREA.current_neighbours)
    text = draw(groups_app, f"/groups?group=boys&neighbours={other_list}")
    assert control(text, "groups-group")["value"] == "boys"
    measure = control(text, "groups-measure")
    assert measure["value"] == "ks4_attainment8"
    assert [o["value"] for o in measure["options"]] == ["ks4_attainment8"]
    assert control(text, "groups-neighbours")["value"] == other_list
    # What the callback is told the page shows, so the controls reporting it change nothing.
    assert control(text, "groups-shown")["data"] == {
        "group": "boys", "measure": "ks4_attainment8", "neighbours": other_list}
    assert "Boys in Staffordshire were" in text
    assert f"Statistical neighbours ({other_list} list)" in text
    assert "is not a valid choice" not in text


def test_values_it_cannot_use_fall_back_to_defaults_with_a_message(groups_app: Dash) -> None:
    text = draw(groups_app, "/groups?group=%3Cscript%3E&measure=ks4_progress8&colour=red")
    assert "'<script>' is not a valid choice for 'group'" in text
    assert "'ks4_progress8' is not a valid choice for 'measure'" in text
    assert "no setting 'colour'" in text
    assert "Disadvantaged pupils in Staffordshire were 21.0" in text


def test_the_latest_gaps_link_to_each_group_and_measure(groups_app: Dash) -> None:
    text = draw(groups_app, "/groups?group=boys")
    assert '"href": "/groups"' in text and '"href": "/groups?group=boys"' in text


def test_a_group_without_figures_says_so(groups_app: Dash) -> None:
    text = draw(groups_app, "/groups?group=fsm&measure=ks4_progress8")
    assert "No figures for this group" in text and "is not a valid choice" not in text
    assert '"id": "groups-gap"' not in text


def test_a_store_without_group_figures_still_draws_the_page(app: Dash) -> None:
    text = draw(app, "/groups")
    assert "No figures for this group" in text
    assert "No district figures for boys and girls" in text
    assert all(json.dumps(limit)[1:-1] in text for limit in NOT_ALLOWED)
