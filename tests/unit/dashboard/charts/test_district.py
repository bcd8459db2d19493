"""A district profile's charts: its rank among the districts, its trend and the pupil-group
gaps, each plotting exactly its data; charts only for a district's own code."""

from __future__ import annotations

import pytest

from dashboard.charts.registry import UnknownChart, build_chart
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    CODES,
    TAMWORTH,
    district_measures,
    make_store,
)


def test_the_ranking_chart_marks_the_district_and_plots_exactly_its_data() -> None:
    chart = build_chart("district-ranking--E07000199", {}, make_store())
    assert chart.figure_id == "district-ranking--E07000199"
    assert chart.title.startswith("Tamworth was 1st of 7 districts")
    bars = chart.figure.data[0]
    assert len(bars.y) == len(CODES) and None in list(bars.x)  # the suppressed one, not 0
    assert f"<b>{TAMWORTH.name}</b>" in bars.y
    districts_plotted = chart.data[chart.data["Area"].isin([d.name for d in AREA.districts])]
    assert districts_plotted["value"].isna().sum() == 1
    assert AREA.name in set(chart.data["Area"])  # the county's reference line
    assert AREA.england_name not in set(chart.data["Area"])  # no England figure for 2026


def test_the_ranking_chart_follows_the_settings_in_the_address() -> None:
    chart = build_chart("district-ranking--E07000199", {"period": ["2023-08-31"]},
                        make_store())
    assert "in 31 August 2023" in chart.title
    assert AREA.england_name in set(chart.data["Area"])
    suppressed = AREA.districts[2].code
    chart = build_chart(f"district-ranking--{suppressed}", {}, make_store())
    assert chart.title.startswith(f"{AREA.districts[2].name} has no figure")


def test_the_trend_chart_shows_the_district_over_time_with_the_county() -> None:
    chart = build_chart("district-trend--E07000199", {}, make_store())
    assert chart.title == ("Schools judged good or outstanding (latest graded inspection) in "
                           "Tamworth rose from 87.0% at 31 August 2023 to 92.0% in June 2026")
    assert set(chart.data["Area"]) == {TAMWORTH.name, AREA.name, AREA.england_name}
    store = make_store(district_measures()[lambda m: m["period"] != "2023-08-31"])
    empty = build_chart("district-trend--E07000199", {}, store)
    assert empty.title == "No trend figures for Tamworth" and empty.data.empty


def test_the_gender_chart_gives_boys_and_girls_for_the_years_there_are() -> None:
    chart = build_chart("district-gender--E07000199", {}, make_store())
    assert "boys' Attainment 8 was" in chart.title and "2017/18" in chart.title
    assert set(chart.data["Pupil group"]) == {"boys", "girls"}
    assert [t.marker.pattern.shape for t in chart.figure.data] == ["", "/", "", "/"]


def test_the_disadvantaged_chart_compares_with_all_pupils_the_county_and_england() -> None:
    chart = build_chart("district-disadvantaged--E07000199", {}, make_store())
    assert chart.title.startswith("Disadvantaged pupils in Tamworth had a Progress 8 score")
    assert "(estimate)" in chart.title and "for all its pupils" in chart.title
    assert [t.name for t in chart.figure.data] == [TAMWORTH.name, AREA.name, AREA.england_name]
    assert set(chart.data["Pupil group"]) == {"disadvantaged", "all"}


@pytest.mark.parametrize("figure", ["district-ranking--nowhere", "district-trend--tamworth",
                                    "district-gender--e07000199", "district-ranking",
                                    "district-schools--E07000199"])
def test_charts_for_an_unknown_district_or_a_slug_are_unknown(figure: str) -> None:
    with pytest.raises(UnknownChart):
        build_chart(figure, {}, make_store())
