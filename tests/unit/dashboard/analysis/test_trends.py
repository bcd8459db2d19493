"""The Trends page's answers: its settings in the address, and every series it draws."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest
from dash import Dash

from dashboard.analysis.trends import (
    DEFAULT_COMPARATORS,
    DISTRICTS,
    ENGLAND,
    NEIGHBOUR_AVERAGE,
    NEIGHBOURS,
    REGION,
    TrendView,
    address_changes,
    build_trend,
    catalogue,
    settings,
    trends,
)
from dashboard.config import Area
from dashboard.settings import read_settings
from dashboard.store import Store, current_store, load_store


@pytest.fixture
def store(synthetic_store: Path) -> Store:
    return load_store(synthetic_store)


def neighbour_names(area: Area, code: Callable[[int], str]) -> dict[str, str]:
    return {code(n): f"LA {n}" for n in area.neighbours}


# --- the settings -----------------------------------------------------------------------------


def test_settings_default_to_the_headline_measure(store: Store, area: Area) -> None:
    chosen, messages = read_settings({}, settings(store, area))
    assert chosen == {"measure": "ks2_rwm_expected_pct", "population": "all", "group": "all",
                      "compare": "england,region,neighbours",
                      "neighbours": area.current_neighbours}
    assert messages == []


def test_malformed_settings_fall_back_with_a_message_each(store: Store, area: Area) -> None:
    chosen, messages = read_settings({"measure": ["nonsense"], "population": ["x"],
                                      "compare": ["england,moon"], "neighbours": ["1066"],
                                      "colour": ["red"]}, settings(store, area))
    assert chosen["measure"] == "ks2_rwm_expected_pct" and chosen["compare"] == "england"
    assert chosen["population"] == "all" and chosen["neighbours"] == area.current_neighbours
    assert len(messages) == 5
    assert "'nonsense' is not a valid choice for 'measure'" in messages[0]
    assert "'x' is not a valid choice for 'population'" in messages[1]
    assert messages[2].startswith("'moon' cannot be compared with")
    assert "'1066' is not a valid choice for 'neighbours'" in messages[3]
    assert messages[4] == "This page has no setting 'colour'; it was ignored."


def test_population_and_group_are_those_the_measure_has(store: Store, area: Area) -> None:
    found = catalogue(store, area)
    assert found.populations("n_schools_below_ks2_floor") == ["mainstream"]
    assert found.populations("pct_schools_good_or_outstanding") == ["all", "mainstream"]
    chosen, messages = read_settings({"measure": ["n_schools_below_ks2_floor"]},
                                     settings(store, area))
    assert chosen["population"] == "mainstream" and messages == []  # its only population
    chosen, messages = read_settings({"measure": ["n_schools_below_ks2_floor"],
                                      "population": ["all"]}, settings(store, area))
    assert chosen["population"] == "mainstream"
    assert messages == ["'all' is not a valid choice for 'population' (choose from "
                        "mainstream), so mainstream is shown."]


def test_compare_is_a_list_in_the_pages_order_and_may_be_empty(store: Store,
                                                               area: Area) -> None:
    chosen, _ = read_settings({"compare": ["districts, england"]}, settings(store, area))
    assert chosen["compare"] == "england,districts"
    chosen, messages = read_settings({"compare": [""]}, settings(store, area))
    assert chosen["compare"] == "" and messages == []


def test_the_address_round_trips_and_always_names_the_measure(store: Store,
                                                              area: Area) -> None:
    chosen = {"measure": "ks4_progress8", "population": "all", "group": "all",
              "compare": "england,districts", "neighbours": "2021"}
    changes = address_changes(chosen, store, area)
    assert changes == {"measure": "ks4_progress8", "population": None, "group": None,
                       "compare": "england,districts", "neighbours": "2021"}
    params = {name: [value] for name, value in changes.items() if value is not None}
    assert read_settings(params, settings(store, area))[0] == chosen
    defaults, _ = read_settings({}, settings(store, area))
    assert address_changes(defaults, store, area) == {
        "measure": "ks2_rwm_expected_pct", "population": None, "group": None,
        "compare": None, "neighbours": None}
    nothing, _ = read_settings({"compare": [""]}, settings(store, area))
    assert address_changes(nothing, store, area)["compare"] == ""  # none stays none


# --- the series -------------------------------------------------------------------------------


def test_build_trend_gathers_every_series(synthetic_measures: pd.DataFrame, area: Area,
                                          neighbour_code: Callable[[int], str]) -> None:
    view = TrendView("ks2_rwm_expected_pct", comparators=(ENGLAND, NEIGHBOURS, NEIGHBOUR_AVERAGE,
                                                          DISTRICTS),
                     neighbour_list=area.current_neighbours)
    trend = build_trend(synthetic_measures, area, view, neighbour_names(area, neighbour_code))
    assert [r.value for r in trend.county] == [56.0, 57.0]
    assert [r.value for r in trend.comparator(ENGLAND)] == [60.0, 61.0]
    assert trend.of_role(REGION) == []  # not asked for
    codes = list(neighbour_names(area, neighbour_code))
    assert [s.name for s in trend.of_role(NEIGHBOURS)] == [f"LA {n}" for n in area.neighbours]
    assert trend.listed == 11
    rows = synthetic_measures[(synthetic_measures["measure_id"] == "ks2_rwm_expected_pct")
                              & synthetic_measures["area_code"].isin(codes)]
    expected = rows.groupby("period")["value"].mean()
    assert [r.value for r in trend.comparator(NEIGHBOUR_AVERAGE)] == pytest.approx(
        list(expected))
    assert trend.of_role(DISTRICTS) == []  # the synthetic store has no district figures
    assert [b.label for b in trend.breaks] == ["No assessments"]
    latest = trend.ranks[-1]
    assert latest.period == "2023/24" and latest.rank is not None
    assert latest.rank.words("similar councils").endswith(
        "of 10 similar councils with a figure")


def test_target_and_published_points_on_the_floor_trend(synthetic_measures: pd.DataFrame,
                                                        area: Area) -> None:
    view = TrendView("n_schools_below_ks2_floor", population="mainstream",
                     comparators=DEFAULT_COMPARATORS, neighbour_list="2025")
    trend = build_trend(synthetic_measures, area, view, {})
    assert trend.target is not None and trend.target.number == 5
    assert [r.period for r in trend.of_role("published")[0].readings] == ["2012"]
    assert [b.label for b in trend.breaks] == ["Floor standard withdrawn"]
    pupils = build_trend(synthetic_measures, area,
                         TrendView("n_schools_below_ks2_floor", "mainstream", "disadvantaged",
                                   neighbour_list="2025"), {})
    assert pupils.target is None  # targets are for all pupils


def test_estimates_are_marked_as_a_break(synthetic_measures: pd.DataFrame, area: Area) -> None:
    view = TrendView("pct_schools_inadequate", neighbour_list="2025")
    trend = build_trend(synthetic_measures, area, view, {})
    assert [r.period for r in trend.county if r.status == "estimated"] == ["2016-08-31"]
    assert {b.label for b in trend.breaks} == {"Overall grades ended", "Estimates"}


def test_the_page_shows_england_in_the_rank_table_whatever_is_compared(app: Dash,
                                                                        area: Area) -> None:
    with app.server.test_request_context("/trends"):
        model = trends(current_store(), measure="ks2_rwm_expected_pct", population="all",
                       group="all", compare="", neighbours="2021")
    assert [s.role for s in model.trend.series] == ["county"]
    assert {p: r.value for p, r in model.england.items()} == {"2022/23": 60.0, "2023/24": 61.0}
    assert model.trend.view.neighbour_list == "2021"
    assert model.trend.neighbour_names[0] == f"LA {area.neighbour_lists['2021'][0]}"
    assert model.lists == (area.current_neighbours, "2021")
