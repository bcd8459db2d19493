"""Pupil groups: each group against its comparison group for the county, England and the
neighbours, the gap (with suppression kept), its finding, the district breakdowns and the
page's charts - on small tables written here."""

from __future__ import annotations

import pandas as pd
import pytest
from test_district import AREA, TAMWORTH, district_measures, make_store, measure_row

from callbacks import charts
from callbacks import groups as groups_page
from dashboard.analysis import groups
from dashboard.tables import validate

NEIGHBOURS = AREA.neighbour_lists[AREA.current_neighbours][:3]
PERIODS = ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2021/22"]
PAIR = groups.PAIR_BY_KEY["disadvantaged"]


def code_of(number: int) -> str:
    return f"E99{number:06d}"


def group_measures() -> pd.DataFrame:
    """KS2 expected standard for disadvantaged and other pupils: the county's gap narrows
    from 26 to 20 points; no figures in 2019/20; one neighbour's figure suppressed."""
    rows = []
    places = [("county", AREA.ons_code, AREA.name, 0.0), ("england", AREA.england_code,
                                                          AREA.england_name, 4.0)]
    places += [("la", code_of(n), f"LA {n}", float(i)) for i, n in enumerate(NEIGHBOURS)]
    for area_type, code, name, shift in places:
        for i, period in enumerate(PERIODS):
            missing = period == "2019/20"
            group_value = None if missing else 40.0 + i + shift
            other_value = None if missing else 66.0 + shift
            if area_type == "la" and code == code_of(NEIGHBOURS[2]) and period == "2015/16":
                group_value = None  # suppressed
            for group, value in (("disadvantaged", group_value),
                                 ("not_disadvantaged", other_value)):
                row = measure_row("ks2_rwm_expected_pct", area_type, code, name, period, value,
                                  group=group, status="official", source="test_ofsted")
                if missing:
                    row["note"] = "[x] No assessments (COVID-19)"
                rows.append(row)
    # An estimate of the same county figure never replaces the official one.
    rows.append(measure_row("ks2_rwm_expected_pct", "county", AREA.ons_code, AREA.name,
                            "2021/22", 10.0, group="disadvantaged", status="estimated"))
    return validate("measures", pd.DataFrame(rows), "synthetic group measures")


def la_codes() -> pd.DataFrame:
    return pd.DataFrame({"la_number": pd.array(NEIGHBOURS, dtype="Int64"),
                         "ons_code": [code_of(n) for n in NEIGHBOURS],
                         "la_name": [f"LA {n}" for n in NEIGHBOURS], "region_name": None})


def rows() -> pd.DataFrame:
    return groups.group_rows(group_measures(), AREA, [code_of(n) for n in NEIGHBOURS])


def store() -> object:
    measures = pd.concat([group_measures(), district_measures()], ignore_index=True)
    return make_store(measures, la_codes=la_codes())


def test_series_give_county_england_and_the_neighbours_average() -> None:
    frame = groups.series(rows(), AREA, [code_of(n) for n in NEIGHBOURS],
                          "ks2_rwm_expected_pct", PAIR)
    county = frame[(frame["kind"] == "county") & (frame["pupil_group"] == "disadvantaged")]
    assert list(county["value"].fillna(-1)) == [40.0, 41.0, 42.0, 43.0, -1, 45.0]
    assert county.iloc[4]["suppression"] == "x"
    first = frame[(frame["kind"] == "neighbours") & (frame["pupil_group"] == "disadvantaged")
                  & (frame["period"] == "2015/16")].iloc[0]
    assert first["value"] == 40.5 and first["neighbours_with_data"] == 2  # 40 and 41


def test_the_gap_keeps_missing_years_missing_with_their_code() -> None:
    frame = groups.gaps(rows(), AREA, [code_of(n) for n in NEIGHBOURS],
                        "ks2_rwm_expected_pct", PAIR)
    county = frame[frame["kind"] == "county"].set_index("period")
    assert county.loc["2015/16", "value"] == -26.0 and county.loc["2021/22", "value"] == -21.0
    assert pd.isna(county.loc["2019/20", "value"]) and county.loc["2019/20", "suppression"] == "x"
    neighbours = frame[frame["kind"] == "neighbours"].set_index("period")
    # Only the neighbours with both figures count towards the average gap.
    assert neighbours.loc["2015/16", "neighbours_with_data"] == 2
    assert neighbours.loc["2015/16", "value"] == -26.0


def test_the_gap_finding_says_whether_it_is_closing() -> None:
    frame = groups.gaps(rows(), AREA, [], "ks2_rwm_expected_pct", PAIR)
    title, summary = groups.gap_finding(frame, PAIR, "ks2_rwm_expected_pct", AREA)
    assert title == ("Disadvantaged pupils in Staffordshire were 21.0 percentage points behind "
                     "other pupils in 2021/22: the gap has narrowed since 2015/16")
    assert "from 26.0 percentage points in 2015/16" in summary
    assert "No figures for 2019/20 ([x])" in summary
    assert summary.endswith("in England it was 21.0 percentage points.")


def test_only_measures_with_both_groups_are_offered() -> None:
    assert groups.available_measures(rows(), AREA, PAIR) == ["ks2_rwm_expected_pct"]
    assert groups.available_measures(rows(), AREA, groups.PAIR_BY_KEY["eal"]) == []


def test_the_gap_chart_leaves_missing_years_as_gaps_and_labels_them() -> None:
    frame = groups.gaps(rows(), AREA, [], "ks2_rwm_expected_pct", PAIR)
    figure = groups.gap_figure(frame, "ks2_rwm_expected_pct")
    county = next(t for t in figure.data if t.name == AREA.name)
    assert None in county.y and 0 not in county.y
    assert [a.text for a in figure.layout.annotations] == ["[x]"]


def test_district_breakdowns_cover_only_the_years_districts_have() -> None:
    frame = groups.district_differences(district_measures(), AREA, "ks4_attainment8",
                                        groups.GENDER_PAIR)
    assert set(frame["period"]) == {"2016/17", "2017/18"}
    tamworth = frame[frame["area_code"] == TAMWORTH.code].set_index("period")
    assert tamworth.loc["2017/18", "value"] == pytest.approx(-4.3)  # boys minus girls
    assert AREA.ons_code in set(frame["area_code"])


def test_settings_fall_back_to_a_measure_the_group_has() -> None:
    pair, measure, chosen, messages = groups_page.read_state(
        store(), AREA, {"group": ["fsm"], "measure": ["ks4_progress8"], "colour": ["red"]})
    assert (pair.key, measure, chosen) == ("fsm", None, AREA.current_neighbours)
    assert messages == ["This page has no setting 'colour'; it was ignored."]
    pair, measure, _, messages = groups_page.read_state(store(), AREA, {"group": ["nobody"]})
    assert (pair.key, measure) == ("disadvantaged", "ks2_rwm_expected_pct")
    assert "'nobody' is not a valid choice for 'group'" in messages[0]


def test_the_page_charts_plot_exactly_their_data() -> None:
    gap = charts.build_chart("groups-gap", {}, store=store())
    assert gap.title.startswith("Disadvantaged pupils in Staffordshire were 21.0")
    assert set(gap.data["Area"]) == {AREA.name, AREA.england_name,
                                     "Statistical neighbours (average)"}
    assert gap.data["value"].isna().sum() == 3  # 2019/20 for each, never 0
    compare = charts.build_chart("groups-compare", {}, store=store())
    assert "disadvantaged pupils in Staffordshire 45.0%" in compare.title
    assert len(compare.data) == 3 * 2 * len(PERIODS)
    gender = charts.build_chart("groups-district-gender", {}, store=store())
    assert gender.title.startswith("Boys' Attainment 8 was below girls' in every district")
    with pytest.raises(charts.UnknownChart):
        charts.build_chart("groups-gap", {"group": ["eal"]}, store=store())


def test_the_latest_gaps_table_and_the_limits_are_on_the_page() -> None:
    model = groups_page.build_model(store(), AREA, PAIR, "ks2_rwm_expected_pct",
                                    AREA.current_neighbours)
    assert [(g.group, g.period, g.county, g.england, g.unit) for g in model.gaps] == [
        ("Disadvantaged pupils", "2021/22", "-21.0", "-21.0", "percentage points"),
        ("Boys", "2017/18", "-5.0", "[x]", "points")]  # no England figure: a code, not 0
    assert model.gaps[0].href == "/groups"
    assert model.not_allowed == groups.NOT_ALLOWED
    assert [c.figure_id for c in model.charts] == ["groups-compare", "groups-gap"]
