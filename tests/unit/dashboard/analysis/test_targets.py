"""Target status logic, readings from the measures table and benchmark comparisons."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date

import pandas as pd
import pytest

from dashboard.analysis.targets import (
    assess_target,
    assess_targets,
    compare,
    measures_used,
    neighbour_codes,
    neighbour_names,
    target_status,
    trajectory_value,
)
from dashboard.config import Area
from dashboard.store.readings import latest, period_end, readings
from dashboard.tables import validate
from dashboard.vocabulary import DISCONTINUED, MET, NO_DATA, OFF_TRACK, ON_TRACK


@pytest.fixture
def measures(synthetic_measures: pd.DataFrame) -> pd.DataFrame:
    return synthetic_measures


def target(area: Area, number: int):
    return next(t for t in area.targets if t.number == number)


@pytest.mark.parametrize(("period", "expected"), [
    ("2023-08-31", date(2023, 8, 31)),
    ("2026-06", date(2026, 6, 30)),
    ("2024-02", date(2024, 2, 29)),
    ("2023/24", date(2024, 8, 31)),
    ("2024-25 (OT)", date(2025, 8, 31)),
    ("2011-12", date(2012, 8, 31)),  # an academic year, not December 2011
    ("2012-12", date(2012, 12, 31)),
    ("August 2014", date(2014, 8, 31)),
    ("late 2018", date(2018, 12, 31)),
    ("2012", date(2012, 12, 31)),
    ("undated", None),
])
def test_period_end(period: str, expected: date | None) -> None:
    assert period_end(period) == expected


def test_trajectory_value_is_linear_and_held_after_the_target_date() -> None:
    start, end = date(2012, 1, 1), date(2016, 1, 1)
    assert trajectory_value(60, 90, start, end, start) == 60
    assert trajectory_value(60, 90, start, end, date(2014, 1, 1)) == pytest.approx(75, abs=0.1)
    assert trajectory_value(60, 90, start, end, date(2020, 1, 1)) == 90
    assert trajectory_value(60, 90, start, end, date(2010, 1, 1)) == 60


GOALS = {"baseline": 60.0, "target": 90.0, "baseline_date": date(2012, 1, 1),
         "target_date": date(2016, 1, 1)}


@pytest.mark.parametrize(("direction", "value", "when", "expected"), [
    ("up", 90.0, date(2020, 1, 1), MET),
    ("up", 95.0, date(2013, 1, 1), MET),
    ("up", 89.9, date(2020, 1, 1), OFF_TRACK),
    ("up", 89.9, date(2016, 1, 1), OFF_TRACK),  # the target date itself: no time left
    ("up", 76.0, date(2014, 1, 1), ON_TRACK),  # above the straight line (75)
    ("up", 74.0, date(2014, 1, 1), OFF_TRACK),  # below it
    ("up", None, date(2020, 1, 1), NO_DATA),
])
def test_status_when_higher_is_better(direction: str, value: float | None, when: date,
                                      expected: str) -> None:
    assert target_status(direction, value, when, **GOALS) == expected


def test_status_when_lower_is_better() -> None:
    goals = {"baseline": 17.0, "target": 12.0, "baseline_date": date(2012, 1, 1),
             "target_date": date(2016, 1, 1)}
    assert target_status("down", 12, date(2018, 8, 31), **goals) == MET
    assert target_status("down", 8, date(2018, 8, 31), **goals) == MET
    assert target_status("down", 13, date(2018, 8, 31), **goals) == OFF_TRACK
    assert target_status("down", 14, date(2014, 1, 1), **goals) == ON_TRACK  # line at 14.5
    assert target_status("down", 15, date(2014, 1, 1), **goals) == OFF_TRACK


def test_status_against_england() -> None:
    assert target_status("vs_england", -0.03, None, comparator=-0.03) == MET
    assert target_status("vs_england", 0.1, None, comparator=-0.03) == MET
    assert target_status("vs_england", -0.12, None, comparator=-0.03) == OFF_TRACK
    assert target_status("vs_england", -0.12, None, comparator=None) == NO_DATA


def test_unknown_direction_is_an_error() -> None:
    with pytest.raises(ValueError, match="sideways"):
        target_status("sideways", 1.0, None, target=2.0)


def test_readings_prefer_official_then_computed_and_run_oldest_first(
        area: Area, measures: pd.DataFrame) -> None:
    duplicate = measures[(measures["measure_id"] == "pct_schools_inadequate")
                         & (measures["period"] == "2026-06")].assign(status="estimated",
                                                                      value=9.9)
    both = validate("measures", pd.concat([measures, duplicate], ignore_index=True), "test")
    found = readings(both, "pct_schools_inadequate", area.ons_code)
    assert [r.period for r in found] == ["2012", "2016-08-31", "2023-08-31", "2026-06"]
    assert [r.status for r in found] == ["published", "estimated", "computed", "computed"]
    assert found[-1].value == 1.1


def test_latest_skips_missing_values_unless_asked(area: Area, measures: pd.DataFrame) -> None:
    found = readings(measures, "ks4_english_maths_grade5_pct", area.ons_code)
    assert latest(found) is None
    coded = latest(found, with_value=False)
    assert coded is not None and coded.value is None and coded.suppression == "c"


def test_discontinued_targets_keep_the_assessment_of_their_last_figure(
        area: Area, measures: pd.DataFrame) -> None:
    result = assess_target(target(area, 1), measures, area, date(2026, 7, 1))
    assert result.status == DISCONTINUED
    assert result.latest is not None and (result.latest.period, result.latest.value) == (
        "2026-06", 86.5)
    assert result.last_reading_status == OFF_TRACK
    assert [c.measure_id for c in result.successors] == [
        "pct_schools_no_overall_grade", "n_schools_with_report_card",
        "pct_report_card_grades_expected_or_above",
        "pct_report_card_schools_any_needs_attention"]
    assert result.successors[0].county is not None
    assert result.successors[0].county.value == 31.5


def test_a_target_is_only_discontinued_from_its_date(area: Area, measures: pd.DataFrame) -> None:
    best_start = target(area, 5)
    before = assess_target(best_start, measures, area, date(2019, 8, 31))
    after = assess_target(best_start, measures, area, date(2019, 9, 1))
    assert before.status == MET and not before.successors
    assert after.status == DISCONTINUED and after.last_reading_status == MET
    assert after.latest is not None and after.latest.value == 8


def test_an_estimate_is_the_latest_figure_only_when_nothing_better_exists(
        area: Area, measures: pd.DataFrame) -> None:
    rapid = target(area, 2)
    with_computed = assess_target(rapid, measures, area, date(2026, 7, 1))
    assert with_computed.latest is not None and with_computed.latest.status == "computed"
    only_old = measures[~((measures["measure_id"] == rapid.measure_id)
                          & (measures["status"] == "computed"))]
    result = assess_target(rapid, only_old, area, date(2026, 7, 1))
    assert result.latest is not None and result.latest.status == "estimated"
    assert result.latest.period == "2016-08-31" and result.last_reading_status == OFF_TRACK
    assert {r.status for r in result.history} == {"published", "estimated"}


def test_quoted_figures_never_count_as_the_latest(area: Area, measures: pd.DataFrame) -> None:
    access = target(area, 1)
    quoted_only = measures[~((measures["measure_id"] == access.measure_id)
                             & (measures["status"] != "published"))]
    result = assess_target(access, quoted_only, area, date(2026, 7, 1))
    assert result.latest is None and result.last_reading_status == NO_DATA
    assert [r.status for r in result.history] == ["published"]


def test_sustained_progress_compares_with_england_in_the_same_year(
        area: Area, measures: pd.DataFrame) -> None:
    result = assess_target(target(area, 4), measures, area, date(2026, 7, 1))
    assert result.status == OFF_TRACK
    assert result.latest is not None and result.latest.period == "2023/24"
    assert result.comparator is not None and result.comparator.value == -0.03
    assert [c.measure_id for c in result.supporting] == [
        "ks2_reading_progress", "ks2_writing_progress", "ks2_maths_progress"]
    assert result.supporting[0].england is not None
    assert result.supporting[0].england.value == 0.0


def test_sustained_progress_is_met_when_level_with_england(area: Area,
                                                           measures: pd.DataFrame) -> None:
    level = measures.copy()
    county = ((level["measure_id"] == "ks4_progress8") & (level["area_type"] == "county")
              & (level["period"] == "2023/24"))
    level.loc[county, "value"] = -0.03
    assert assess_target(target(area, 4), level, area, date(2026, 7, 1)).status == MET


def test_targets_come_from_the_area_file(area: Area, measures: pd.DataFrame) -> None:
    moved = replace(area, targets=tuple(replace(t, target=80) if t.number == 1 else t
                                        for t in area.targets))
    results = assess_targets(measures, moved, date(2026, 7, 1))
    assert [r.target.number for r in results] == [1, 2, 3, 4, 5]
    assert results[0].last_reading_status == MET


def test_no_figures_means_no_data(area: Area, measures: pd.DataFrame) -> None:
    empty = measures.iloc[0:0]
    result = assess_target(target(area, 3), empty, area, date(2026, 7, 1))
    assert result.latest is None and result.last_reading_status == NO_DATA


def test_neighbour_mean_uses_only_neighbours_with_data(
        area: Area, measures: pd.DataFrame, synthetic_la_codes: pd.DataFrame,
        neighbour_code: Callable[[int], str]) -> None:
    codes = neighbour_codes(area, synthetic_la_codes, "2025")
    assert codes == tuple(neighbour_code(n) for n in area.neighbour_lists["2025"])
    result = compare(measures, "ks2_rwm_expected_pct", area, neighbours=codes,
                     neighbour_list="2025")
    assert result.county is not None and result.county.period == "2023/24"
    assert result.england is not None and result.england.value == 61.0
    rows = measures[(measures["measure_id"] == "ks2_rwm_expected_pct")
                    & measures["area_code"].isin(codes) & (measures["period"] == "2023/24")]
    assert len(rows) == 10 and rows["value"].isna().sum() == 1
    assert result.neighbours_with_data == 9 and result.neighbours_total == 10
    assert result.neighbour_mean == pytest.approx(rows["value"].mean())


def test_a_suppressed_county_figure_keeps_its_code(area: Area, measures: pd.DataFrame) -> None:
    result = compare(measures, "ks4_english_maths_grade5_pct", area)
    assert result.county is not None and result.county.value is None
    assert result.county.suppression == "c"
    assert result.england is not None and result.england.value == 45.9


def test_neighbours_without_a_known_code_are_left_out(
        area: Area, synthetic_la_codes: pd.DataFrame) -> None:
    codes = synthetic_la_codes
    partial = codes[codes["la_number"] != area.neighbour_lists["2025"][0]]
    assert len(neighbour_codes(area, partial, "2025")) == 9
    assert neighbour_codes(area, None, "2025") == ()


def test_neighbour_names_follow_the_lists_order(area: Area,
                                                synthetic_la_codes: pd.DataFrame) -> None:
    names = neighbour_names(area, synthetic_la_codes, "2021")
    assert list(names.values()) == [f"LA {n}" for n in area.neighbour_lists["2021"]]
    assert list(names) == list(neighbour_codes(area, synthetic_la_codes, "2021"))
    assert neighbour_names(area, None, "2021") == {}


def test_comparisons_use_the_latest_year_england_has_too(area: Area,
                                                          measures: pd.DataFrame) -> None:
    later = measures[(measures["measure_id"] == "pct_schools_good_or_outstanding")
                     & (measures["population"] == "mainstream")
                     & (measures["area_type"] == "county")
                     & (measures["period"] == "2023-08-31")].assign(period="2026-06",
                                                                     status="computed")
    both = validate("measures", pd.concat([measures, later], ignore_index=True), "test")
    result = compare(both, "pct_schools_good_or_outstanding", area, population="mainstream")
    assert result.county is not None and result.county.period == "2023-08-31"
    assert result.england is not None and result.england.value == 89.5
    alone = compare(both, "pct_schools_no_overall_grade", area)
    assert alone.county is not None and alone.county.period == "2026-06" and alone.england is None


def test_measures_used_covers_targets_supporting_and_successor_measures(area: Area) -> None:
    used = measures_used(area)
    assert {t.measure_id for t in area.targets} <= used
    assert {"ks2_reading_progress", "pct_schools_no_overall_grade", "ks2_rwm_expected_pct"} <= used
