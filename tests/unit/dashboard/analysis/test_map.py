"""The map's answers: its settings, the district table's values, ranks and order, the school
points, and the addresses the map opens."""

from __future__ import annotations

import pytest

from dashboard.analysis import map as districts_map
from dashboard.analysis.district_measures import choices
from dashboard.analysis.district_schools import schools
from dashboard.settings import query_string, read_settings
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    TAMWORTH,
    make_store,
    some_schools,
)


def read(params: dict[str, list[str]]) -> tuple[dict[str, str], list[str]]:
    return read_settings(params, districts_map.settings(choices(make_store())))


def test_settings_default_to_the_latest_good_or_outstanding_share() -> None:
    chosen, messages = read({})
    assert chosen == {"measure": "pct_schools_good_or_outstanding", "population": "all",
                      "period": "2026-06", "phase": "all", "sort": "rank"}
    assert messages == []
    assert query_string(chosen, districts_map.settings(choices(make_store()))) == ""


def test_bad_settings_fall_back_with_a_message_and_good_ones_stay_in_the_address() -> None:
    chosen, messages = read({"period": ["1066"], "phase": ["secondary"], "sort": ["name-desc"],
                             "zoom": ["9"]})
    assert chosen["period"] == "2026-06" and len(messages) == 2
    assert "'1066' is not a valid choice for 'period'" in messages[0]
    assert "no setting 'zoom'" in messages[1]
    settings = districts_map.settings(choices(make_store()))
    assert query_string(chosen, settings) == "?phase=secondary&sort=name-desc"
    chosen, messages = read({"phase": ["none"], "sort": ["value"]})
    assert chosen["phase"] == "none" and chosen["sort"] == "rank" and len(messages) == 1


def test_a_district_profile_takes_the_measure_settings_not_the_view_ones() -> None:
    chosen, _ = read({"period": ["2023-08-31"], "phase": ["special"], "sort": ["name"]})
    assert districts_map.district_href(TAMWORTH.code, chosen, choices(make_store())) == (
        "/district/E07000199?period=2023-08-31")
    default, _ = read({})
    assert districts_map.district_href(TAMWORTH.code, default, choices(make_store())) == (
        "/district/E07000199")


def test_a_column_button_sorts_by_it_then_the_other_way() -> None:
    assert districts_map.toggled("rank", "name") == "name"
    assert districts_map.toggled("name", "name") == "name-desc"
    assert districts_map.toggled("name-desc", "name") == "name"
    assert districts_map.toggled("name-desc", "rank") == "rank"


def test_the_district_table_is_sorted_by_rank_or_name() -> None:
    store = make_store()
    chosen, _ = read({"sort": ["name-desc"]})
    model = districts_map.model_for(store, chosen)
    assert [row.name for row in model.rows] == sorted((d.name for d in AREA.districts),
                                                      reverse=True)
    chosen, _ = read({})
    model = districts_map.model_for(store, chosen)
    # The highest share is ranked first; the suppressed district is last, not ranked.
    assert model.rows[0].name == AREA.districts[-1].name
    assert model.rows[0].rank_text == f"1st of {len(AREA.districts) - 1}"
    assert model.rows[-1].name == AREA.districts[2].name
    assert model.rows[-1].rank_text == "not ranked" and model.rows[-1].reading.value is None
    assert model.rank_scale == "1 = best"
    assert model.caption == ("Schools judged good or outstanding (latest graded inspection) "
                             "by district, June 2026 (all state-funded schools)")
    # England has no figure for June 2026: said, not shown as 0.
    assert model.comparison == (f"For comparison, June 2026: {AREA.name}: 88.0%; "
                                f"{AREA.england_name}: no figure.")
    assert model.rows[0].href == f"/district/{AREA.districts[-1].code}"
    reverse, _ = read({"sort": ["rank-desc"]})
    assert districts_map.model_for(store, reverse).rows[0].rank_text == "not ranked"


def test_school_points_are_the_located_schools_in_the_phase_with_their_address() -> None:
    table = schools(make_store(**some_schools()))
    points = districts_map.map_points(table, "all")
    assert list(points["href"]) == ["/school/2", "/school/1", "/school/3"]
    assert list(points["phase_text"]) == ["Primary", "Primary", "Secondary"]
    assert len(districts_map.map_points(table, "secondary")) == 1
    assert districts_map.map_points(table, districts_map.NO_POINTS).empty
    model = districts_map.model_for(make_store(**some_schools()),
                                    read({"phase": ["primary"]})[0])
    assert model.schools_shown == 2
    assert model.outcome_counts["outstanding"] == 1
    assert model.outcome_counts["report_card_expected"] == 1


@pytest.mark.parametrize(("click", "address"), [
    ({"points": [{"customdata": ["/school/123456", "A school"]}]}, "/school/123456"),
    ({"points": [{"customdata": ["/district/E07000199?period=2023-08-31"]}]},
     "/district/E07000199?period=2023-08-31"),
    ({"points": [{"customdata": ["javascript:alert(1)"]}]}, None),
    ({"points": [{"customdata": "/school/1"}]}, None),
    ({"points": []}, None),
    (None, None),
])
def test_a_selection_on_the_map_opens_only_an_address_of_this_site(
        click: dict | None, address: str | None) -> None:
    assert districts_map.selected_address(click) == address
