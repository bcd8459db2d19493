"""The Trends chart: its finding, summary, figure and exactly the plotted data, and the registered
chart the downloads rebuild."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis.trends import (
    DEFAULT_COMPARATORS,
    DISTRICTS,
    ENGLAND,
    NEIGHBOUR_AVERAGE,
    NEIGHBOURS,
    TrendView,
    build_trend,
)
from dashboard.charts.registry import UnknownChart, build_chart
from dashboard.charts.trends import trend_data, trend_figure, trend_summary, trend_title
from dashboard.config import Area
from dashboard.store import Store, load_store


def neighbour_names(area: Area, code: Callable[[int], str]) -> dict[str, str]:
    return {code(n): f"LA {n}" for n in area.neighbours}


def test_title_and_summary_state_the_finding(synthetic_measures: pd.DataFrame, area: Area,
                                              neighbour_code: Callable[[int], str]) -> None:
    view = TrendView("ks2_rwm_expected_pct", comparators=(ENGLAND, NEIGHBOURS, NEIGHBOUR_AVERAGE,
                                                          DISTRICTS),
                     neighbour_list=area.current_neighbours)
    trend = build_trend(synthetic_measures, area, view, neighbour_names(area, neighbour_code))
    assert trend_title(trend).startswith(
        "Staffordshire: 57.0% meeting the KS2 expected standard in 2023/24, worse than England "
        "(61.0%) and ")
    assert trend_title(trend).endswith("of 10 similar councils with a figure")
    assert "England 61.0%" in trend_summary(trend)
    pupils = TrendView("ks2_rwm_expected_pct", "primary", "disadvantaged", (),
                       area.current_neighbours)
    empty = build_trend(synthetic_measures, area, pupils, {})
    assert trend_title(empty) == (
        "No figures for Staffordshire: Pupils meeting the expected standard in reading, writing "
        "and maths (key stage 2): disadvantaged pupils, primary schools")


def test_trend_data_holds_exactly_the_plotted_points(synthetic_measures: pd.DataFrame,
                                                     area: Area,
                                                     neighbour_code: Callable[[int], str]
                                                     ) -> None:
    view = TrendView("ks4_progress8", comparators=(ENGLAND,), neighbour_list="2025")
    trend = build_trend(synthetic_measures, area, view, neighbour_names(area, neighbour_code))
    data = trend_data(trend, {"test_lait": "LA interactive tool"})
    figure = trend_figure(trend)
    plotted = sum(len(t.y) for t in figure.data if t.name in ("Staffordshire", "England"))
    assert len(data) == plotted == 8
    missing = data[data["value"].isna()]
    assert set(missing["suppression"]) == {"x"}  # no exams in 2020: a code, never 0
    assert set(data["source"]) == {"LA interactive tool"}
    assert {b.label for b in trend.breaks} == {"Exams cancelled"}


def test_target_and_published_points_are_drawn(synthetic_measures: pd.DataFrame,
                                               area: Area) -> None:
    view = TrendView("n_schools_below_ks2_floor", population="mainstream",
                     comparators=DEFAULT_COMPARATORS, neighbour_list="2025")
    trend = build_trend(synthetic_measures, area, view, {})
    names = [t.name for t in trend_figure(trend).data]
    assert "Target 5: baseline to target" in names and "Quoted in the strategy" in names
    assert trend_title(trend).startswith("Staffordshire: 8 schools below the KS2 floor")


@pytest.fixture
def store(synthetic_store: Path) -> Store:
    return load_store(synthetic_store)


def test_the_registered_chart_is_the_pages_chart(store: Store) -> None:
    chart = build_chart("trends--ks4_progress8", {"compare": ["england"]}, store)
    assert chart.figure_id == "trends--ks4_progress8"
    assert chart.title.startswith("Staffordshire: Progress 8 of -0.12 in 2023/24")
    assert set(chart.data["Series"]) == {"Staffordshire", "England"}
    assert chart.source.startswith("Source: LA interactive tool (synthetic)")
    assert chart.as_at == "2023/24"
    assert chart.notes and chart.notes[0].startswith("GCSE exams were cancelled")
    with pytest.raises(UnknownChart):
        build_chart("trends--no_such_measure", {}, store)
