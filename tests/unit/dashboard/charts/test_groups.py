"""Pupil groups' charts: the gap's finding in words, missing years left as gaps and labelled
with their code, and every chart the page publishes plotting exactly its data."""

from __future__ import annotations

import pytest

from dashboard.analysis import groups
from dashboard.charts.groups import gap_figure, gap_finding, page_charts
from dashboard.charts.registry import UnknownChart, build_chart
from dashboard.settings import read_settings
from tests.unit.dashboard.analysis.test_district import AREA
from tests.unit.dashboard.analysis.test_groups import PAIR, PERIODS, rows, store


def test_the_gap_finding_says_whether_it_is_closing() -> None:
    frame = groups.gaps(rows(), AREA, [], "ks2_rwm_expected_pct", PAIR)
    title, summary = gap_finding(frame, PAIR, "ks2_rwm_expected_pct", AREA)
    assert title == ("Disadvantaged pupils in Staffordshire were 21.0 percentage points behind "
                     "other pupils in 2021/22: the gap has narrowed since 2015/16")
    assert "from 26.0 percentage points in 2015/16" in summary
    assert "No figures for 2019/20 ([x])" in summary
    assert summary.endswith("in England it was 21.0 percentage points.")


def test_the_gap_chart_leaves_missing_years_as_gaps_and_labels_them() -> None:
    frame = groups.gaps(rows(), AREA, [], "ks2_rwm_expected_pct", PAIR)
    figure = gap_figure(frame, "ks2_rwm_expected_pct")
    county = next(t for t in figure.data if t.name == AREA.name)
    assert None in county.y and 0 not in county.y
    assert [a.text for a in figure.layout.annotations] == ["[x]"]


def test_the_page_charts_plot_exactly_their_data() -> None:
    made = store()
    gap = build_chart("groups-gap", {}, made)
    assert gap.title.startswith("Disadvantaged pupils in Staffordshire were 21.0")
    assert set(gap.data["Area"]) == {AREA.name, AREA.england_name,
                                     "Statistical neighbours (average)"}
    assert gap.data["value"].isna().sum() == 3  # 2019/20 for each, never 0
    compare = build_chart("groups-compare", {}, made)
    assert "disadvantaged pupils in Staffordshire 45.0%" in compare.title
    assert len(compare.data) == 3 * 2 * len(PERIODS)
    gender = build_chart("groups-district-gender", {}, made)
    assert gender.title.startswith("Boys' Attainment 8 was below girls' in every district")
    assert set(gender.data["period"]) == {"2016/17", "2017/18"}
    disadvantaged = build_chart("groups-district-disadvantaged", {}, made)
    assert set(disadvantaged.data["Pupils"]) == {"disadvantaged", "all"}
    assert disadvantaged.data["value"].notna().all()
    assert build_chart("groups-district-context", {}, made).title == (
        "No census figures for the districts")


def test_charts_follow_the_settings_and_a_group_without_figures_has_none() -> None:
    made = store()
    page_settings = groups.settings(made, AREA)
    chosen, _ = read_settings({}, page_settings)
    assert [c.figure_id for c in page_charts(made, chosen)] == ["groups-compare", "groups-gap"]
    chosen, _ = read_settings({"group": ["eal"]}, page_settings)
    [empty] = page_charts(made, chosen)
    assert (empty.figure_id, empty.title) == ("groups-compare", "No figures for this group")
    boys = build_chart("groups-gap", {"group": ["boys"], "measure": ["ks2_rwm_expected_pct"]},
                       made)
    assert boys.title.startswith("Boys in Staffordshire were")  # boys' own measure instead
    assert set(boys.data["Gap"]) == {"Boys minus girls"}
    with pytest.raises(UnknownChart):
        build_chart("groups-gap", {"group": ["eal"]}, made)
    with pytest.raises(UnknownChart):
        build_chart("groups-compare--E07000199", {}, made)  # about no item
    with pytest.raises(UnknownChart):
        build_chart("groups-district-gender--E07000199", {}, made)
