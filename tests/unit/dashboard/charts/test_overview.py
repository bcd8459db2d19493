"""Figures and their words: number formats, findings, summaries, sources and chart content."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from dashboard.analysis.targets import TargetAssessment, assess_target
from dashboard.charts.overview import target_figure, target_summary, target_title
from dashboard.charts.style import GRAPH_CONFIG, chart_date
from dashboard.config import Area
from dashboard.store.readings import Reading
from dashboard.wording import format_goal, format_number, format_reading, period_label, source_names

AS_OF = date(2026, 7, 1)
SOURCES = {"ofsted": {"title": "Ofsted inspections", "publisher": "Ofsted",
                      "data_date": "2026-06-30"}}


def reading(value: float | None, unit: str = "percent", measure_id: str = "m",
            note: str | None = None, period: str = "2023/24",
            status: str = "official") -> Reading:
    return Reading(measure_id=measure_id, area_type="county", area_code="E1", area_name="County",
                   population="all", pupil_group="all", period=period, value=value, unit=unit,
                   status=status, source_id="ofsted", note=note)


def assessed(area: Area, measures: pd.DataFrame, number: int) -> TargetAssessment:
    target = next(t for t in area.targets if t.number == number)
    return assess_target(target, measures, area, AS_OF)


@pytest.mark.parametrize(("value", "unit", "measure_id", "expected"), [
    (86.456, "percent", "pct_x", "86.5%"),
    (-0.123, "score", "ks4_progress8", "-0.12"),
    (45.06, "score", "ks4_attainment8", "45.1"),
    (1234, "count", "n_x", "1,234"),
    (-0.04, "percent", "pct_x", "0.0%"),  # never "-0.0%"
    (3.456, "rate", "suspension_rate", "3.46"),
])
def test_format_number(value: float, unit: str, measure_id: str, expected: str) -> None:
    assert format_number(value, unit, measure_id) == expected


def test_missing_values_show_their_code_never_zero() -> None:
    assert format_reading(reading(None, note="[c] small cohort")) == "[c]"
    assert format_reading(reading(None, note="[low] below threshold")) == "[low]"
    assert format_reading(reading(None, note=None)) == "[x]"
    assert format_reading(None) == "no data"


def test_goals_from_the_area_file_drop_needless_decimals() -> None:
    assert format_goal(90, "percent") == "90%"
    assert format_goal(12, "count") == "12"
    assert format_goal(58.6, "percent") == "58.6%"


@pytest.mark.parametrize(("period", "expected"), [
    ("2023-08-31", "31 August 2023"),
    ("2026-06", "June 2026"),
    ("2023/24", "2023/24"),
    ("2023-24", "2023-24"),
    ("2019-08-31 to 2023-08-31", "31 August 2019 to 31 August 2023"),
    ("late 2018", "late 2018"),
    ("undated", "undated"),
])
def test_period_label(period: str, expected: str) -> None:
    assert period_label(period) == expected


def test_chart_dates_put_bare_years_mid_year() -> None:
    assert chart_date("2012") == date(2012, 7, 1)
    assert chart_date("2015/16") == date(2016, 8, 31)
    assert chart_date("undated") is None


def test_titles_state_the_finding(area: Area, synthetic_measures: pd.DataFrame) -> None:
    titles = [target_title(assessed(area, synthetic_measures, n)) for n in range(1, 6)]
    assert titles == [
        "86.5% of pupils in good or outstanding schools in June 2026, 3.5 percentage points "
        "short of the 90% target",
        "1.1% of schools inadequate in June 2026, 1.1 percentage points above the target of 0%",
        "88.4% of schools good or outstanding in June 2026, 1.6 percentage points short of the "
        "90% target",
        "Progress 8 of -0.12 in 2023/24, below England's -0.03",
        "8 schools below the KS2 floor standard in 2017/18, within the target of no more than 12",
    ]


def test_summaries_are_one_sentence_with_baseline_target_latest_and_status(
        area: Area, synthetic_measures: pd.DataFrame) -> None:
    access = target_summary(assessed(area, synthetic_measures, 1))
    assert access == ("Baseline 63% (2012), target 90% (2016); latest 86.5% (June 2026), so "
                      "the target was not met; the measure was discontinued from September "
                      "2024.")
    best_start = target_summary(assessed(area, synthetic_measures, 5))
    assert "target no more than 12 (2016)" in best_start
    assert "so the target was met" in best_start
    progress = target_summary(assessed(area, synthetic_measures, 4))
    assert progress.startswith("Baseline weak trend (2012), target at national average (2016)")
    for text in (access, best_start, progress):
        assert text.count(". ") == 0 and text.endswith(".")


def test_source_names_name_each_source_once_with_its_date() -> None:
    found = [reading(1.0), reading(2.0, period="2024/25"),
             reading(63.0, status="published", period="2012")]
    assert source_names(found, SOURCES) == ["Ofsted inspections (Ofsted), data as at 30 June 2026"]
    assert source_names(found, SOURCES, with_dates=False) == ["Ofsted inspections (Ofsted)"]


def test_trajectory_chart_shows_baseline_target_latest_and_the_break(
        area: Area, synthetic_measures: pd.DataFrame) -> None:
    fig = target_figure(assessed(area, synthetic_measures, 1))
    trajectory = next(t for t in fig.data if t.name == "Trajectory to target")
    assert list(trajectory.y) == [63, 90, 90]  # held at the target up to the latest figure
    assert list(trajectory.x) == [date(2012, 7, 1), date(2016, 7, 1), date(2026, 6, 30)]
    county = next(t for t in fig.data if t.name == area.name)
    assert list(county.y) == [84.2, 86.5]
    labels = [a.text for a in fig.layout.annotations]
    assert labels == ["<b>86.5%</b><br>June 2026"]
    changed = next(t for t in fig.data if t.name == "Measure changed (Sep 2024)")
    assert list(changed.x) == [date(2024, 9, 1)] * 2
    assert fig.layout.yaxis.range[0] == 0


def test_estimates_say_so_in_the_title_and_summary(area: Area,
                                                   synthetic_measures: pd.DataFrame) -> None:
    rapid = next(t for t in area.targets if t.number == 2)
    no_computed = synthetic_measures[~((synthetic_measures["measure_id"] == rapid.measure_id)
                                       & (synthetic_measures["status"] == "computed"))]
    result = assess_target(rapid, no_computed, area, AS_OF)
    assert "at 31 August 2016 (estimate)," in target_title(result)
    assert "latest 3.0% (31 August 2016, estimated)" in target_summary(result)


def test_sustained_progress_chart_has_england_and_keeps_gaps(
        area: Area, synthetic_measures: pd.DataFrame) -> None:
    fig = target_figure(assessed(area, synthetic_measures, 4))
    names = [t.name for t in fig.data]
    assert "England" in names and "Trajectory to target" not in names
    county = next(t for t in fig.data if t.name == area.name)
    # 2019/20 had no assessments: a gap, not a line across it and not a zero.
    assert list(county.y) == [-0.08, None, -0.15, -0.12]
    low, high = fig.layout.yaxis.range
    assert low < -0.15 and high > -0.03


def test_estimates_are_drawn_apart_from_measured_figures(
        area: Area, synthetic_measures: pd.DataFrame) -> None:
    fig = target_figure(assessed(area, synthetic_measures, 2))
    estimated = next(t for t in fig.data if t.name == "Estimated")
    assert estimated.marker.color == "white" and estimated.line.dash == "dot"
    quoted = next(t for t in fig.data if t.name == "Quoted in strategy")
    assert list(quoted.y) == [5]


def test_graph_config_turns_off_plotly_cloud_and_logo() -> None:
    assert GRAPH_CONFIG["showSendToCloud"] is False
    assert GRAPH_CONFIG["showEditInChartStudio"] is False
    assert GRAPH_CONFIG["displaylogo"] is False
