"""Measures computed from school-level tables, on small tables written here."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from dashboard.build import measures_table as measures
from dashboard.config import load_area
from dashboard.tables import validate

AREA = load_area()
CANNOCK, TAMWORTH = "E07000192", "E07000199"


def schools_table(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "population": "mainstream",
        "phase": "primary",
        "district_code": CANNOCK,
        "is_open": True,
        "open_date": pd.NaT,
        "close_date": pd.NaT,
        "pupils": 100,
        "pupils_borrowed": False,
        "age_low": 4,
        "age_high": 11,
        "predecessor_urns": "",
        "source_ids": "gias_open_2026_06;ofsted_schools_2023_08_31",
    }
    frame = pd.DataFrame([{**defaults, **r} for r in rows])
    frame["urn"] = frame["urn"].astype("Int64")
    return frame


def inspections_table(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "framework": "graded",
        "overall_grade": pd.NA,
        **{a: pd.NA for a in measures.REPORT_CARD_AREAS},
    }
    frame = pd.DataFrame([{**defaults, **r} for r in rows])
    frame["inspection_date"] = pd.to_datetime(frame["inspection_date"])
    frame["overall_grade"] = frame["overall_grade"].astype("Int64")
    frame["urn"] = frame["urn"].astype("Int64")
    return frame


def pick(frame: pd.DataFrame, **where: object) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame[mask]


def test_in_population_all_means_state_funded() -> None:
    schools = schools_table(
        [
            {"urn": 1},
            {"urn": 2, "population": "special"},
            {"urn": 3, "population": "independent"},
            {"urn": 4, "phase": "secondary"},
            {"urn": 5, "population": "ap"},
        ]
    )
    assert set(measures.in_population(schools, "all")["urn"]) == {1, 2, 4, 5}
    assert set(measures.in_population(schools, "primary")["urn"]) == {1}
    assert set(measures.in_population(schools, "secondary")["urn"]) == {4}


def test_area_schools_are_those_the_la_is_responsible_for() -> None:
    schools = schools_table(
        [
            {"urn": 1, "la_number": 860},
            {"urn": 2, "la_number": 333},  # in a Staffordshire district, run by Sandwell
            {"urn": 3, "la_number": 860, "district_code": None},  # just over the county boundary
            {"urn": 4, "la_number": pd.NA},  # an old URN known only by name, placed by its chain
            {"urn": 5, "la_number": pd.NA, "district_code": None},
        ]
    )
    schools["la_number"] = schools["la_number"].astype("Int64")
    assert set(measures.area_schools(schools, AREA)["urn"]) == {1, 3, 4}


def test_latest_inspection_falls_back_to_predecessor_only_when_school_has_none() -> None:
    inspections = inspections_table(
        [
            {"urn": 10, "inspection_date": "2015-01-01", "overall_grade": 4},
            {"urn": 20, "inspection_date": "2019-01-01", "overall_grade": 2},
            {"urn": 30, "inspection_date": "2012-01-01", "overall_grade": 1},
            {"urn": 30, "inspection_date": "2018-01-01", "overall_grade": 3},
        ]
    )
    predecessors = {20: [10], 21: [10], 30: []}
    latest = measures.latest_per_school(inspections, pd.Series([20, 21, 30]), predecessors)
    by_urn = latest.set_index("urn")
    assert by_urn.loc[20, "inspected_urn"] == 20 and by_urn.loc[20, "overall_grade"] == 2
    assert by_urn.loc[21, "inspected_urn"] == 10 and by_urn.loc[21, "overall_grade"] == 4
    assert by_urn.loc[30, "overall_grade"] == 3


def test_inspection_measures_count_schools_and_pupils_as_at_2023() -> None:
    schools = schools_table(
        [
            {"urn": 1, "pupils": 300},
            {"urn": 2, "pupils": 100},
            {"urn": 3, "pupils": 100, "district_code": TAMWORTH},
            {"urn": 4, "pupils": 50, "source_ids": "gias_open_2026_06"},  # opened after Aug 2023
        ]
    )
    inspections = inspections_table(
        [
            {"urn": 1, "inspection_date": "2019-05-01", "overall_grade": 2},
            {"urn": 2, "inspection_date": "2022-05-01", "overall_grade": 4},
            {"urn": 3, "inspection_date": "2017-05-01", "overall_grade": 1},
            # after the as-at date: ignored for 2023, used for the latest view
            {"urn": 2, "inspection_date": "2024-03-01", "overall_grade": 2},
            {"urn": 4, "inspection_date": "2024-03-01", "overall_grade": 3},
        ]
    )
    result = measures.inspection_measures(inspections, schools, AREA)
    county = pick(result, area_type="county", population="all", period="2023-08-31")
    schools_good = pick(county, measure_id="pct_schools_good_or_outstanding").iloc[0]
    assert (schools_good["numerator"], schools_good["denominator"]) == (2, 3)
    assert schools_good["value"] == pytest.approx(66.7)
    pupils_good = pick(county, measure_id="pct_pupils_good_or_outstanding").iloc[0]
    assert (pupils_good["numerator"], pupils_good["denominator"]) == (400, 500)
    inadequate = pick(county, measure_id="pct_schools_inadequate").iloc[0]
    assert inadequate["value"] == pytest.approx(33.3)
    tamworth = pick(
        result,
        area_code=TAMWORTH,
        population="all",
        period="2023-08-31",
        measure_id="pct_schools_good_or_outstanding",
    ).iloc[0]
    assert tamworth["value"] == 100.0 and tamworth["area_name"] == "Tamworth"
    latest = pick(
        result,
        area_type="county",
        population="all",
        period=measures.LATEST_PERIOD,
        measure_id="pct_schools_good_or_outstanding",
    ).iloc[0]
    assert (latest["numerator"], latest["denominator"]) == (3, 4)
    assert (
        pick(result, measure_id="pct_pupils_good_or_outstanding", period=measures.LATEST_PERIOD)[
            "status"
        ]
        .eq("estimated")
        .all()
    )


def test_a_new_academy_borrows_its_predecessors_pupils_and_is_marked_estimated() -> None:
    every_school = schools_table(
        [
            {"urn": 1, "pupils": 200},
            {"urn": 2, "pupils": pd.NA, "predecessor_urns": "1"},  # converted, not yet counted
            {"urn": 3, "pupils": 100},
            {"urn": 4, "pupils": pd.NA},  # no count anywhere
        ]
    )
    schools = measures.with_pupil_counts(every_school[every_school["urn"] != 1], every_school)
    pupils = schools.set_index("urn")["pupils"]
    assert pupils[2] == 200 and pupils[3] == 100 and pd.isna(pupils[4])
    assert schools["pupils_borrowed"].tolist() == [True, False, False]
    inspections = inspections_table(
        [
            {"urn": u, "inspection_date": "2022-01-01", "overall_grade": g}
            for u, g in [(2, 2), (3, 3), (4, 2)]
        ]
    )
    result = measures.inspection_measures(inspections, schools, AREA)
    pupils = pick(
        result,
        area_type="county",
        population="all",
        period="2023-08-31",
        measure_id="pct_pupils_good_or_outstanding",
    ).iloc[0]
    assert (pupils["numerator"], pupils["denominator"]) == (200, 300)
    assert pupils["status"] == "estimated"
    assert "1 school(s) without a pupil count of their own" in pupils["note"]
    assert "1 school(s) with no pupil count at all are left out" in pupils["note"]


def test_no_overall_grade_and_report_card_measures() -> None:
    schools = schools_table([{"urn": u} for u in (1, 2, 3, 4, 5)])
    card = {a: "expected" for a in measures.REPORT_CARD_AREAS[:4]}
    inspections = inspections_table(
        [
            {"urn": 1, "inspection_date": "2021-01-01", "overall_grade": 2},
            {"urn": 2, "inspection_date": "2021-01-01", "overall_grade": 2},
            {"urn": 2, "inspection_date": "2025-03-01"},  # graded framework, no overall grade
        {"urn": 5, "inspection_date": "2019-01-01", "overall_grade": 2},
        {"urn": 5, "inspection_date": "2023-05-01", "framework": "ungraded"},  # grade stands
            {"urn": 3, "inspection_date": "2026-01-10", "framework": "report_card", **card},
            {
                "urn": 4,
                "inspection_date": "2026-02-10",
                "framework": "report_card",
                **card,
                "rc_achievement": "needs_attention",
            },
        ]
    )
    result = measures.no_overall_grade_measures(inspections, schools, AREA)
    county = pick(result, area_type="county")
    value = dict(zip(county["measure_id"], county["value"], strict=True))
    assert value["pct_schools_no_overall_grade"] == 60.0  # 3 of 5: not the 2023 ungraded one
    assert value["n_schools_with_report_card"] == 2
    assert value["pct_report_card_grades_expected_or_above"] == pytest.approx(87.5)
    assert value["pct_report_card_schools_any_needs_attention"] == 50.0


@pytest.mark.parametrize(
    ("cohort", "rwm", "reading", "writing", "maths", "expected"),
    [
        (11, 64.9, -5.1, 0.0, 0.0, True),  # reading progress just below -5
        (10, 64.9, -5.1, 0.0, 0.0, False),  # cohort too small
        (11, 65.0, -5.1, 0.0, 0.0, False),  # attainment at the floor is not below it
        (11, 64.9, -5.0, -7.0, -5.0, False),  # progress exactly at each limit
        (11, 64.9, 0.0, -7.1, 0.0, True),  # writing below -7
        (11, 64.9, 0.0, 0.0, -5.1, True),  # maths below -5
    ],
)
def test_ks2_floor_standard_at_and_either_side_of_each_threshold(
    cohort: int, rwm: float, reading: float, writing: float, maths: float, expected: bool
) -> None:
    frame = pd.DataFrame(
        {
            "cohort": [cohort],
            "ks2_rwm_expected_pct": [rwm],
            "ks2_reading_progress": [reading],
            "ks2_writing_progress": [writing],
            "ks2_maths_progress": [maths],
        }
    )
    assert bool(measures.below_floor(frame).iloc[0]) is expected


def ks2_rows(urn: int, period: str, cohort: int, **values: float) -> list[dict]:
    return [
        {
            "urn": urn,
            "period": period,
            "measure_id": m,
            "pupil_group": "all",
            "value": v,
            "suppression": pd.NA,
            "cohort": cohort,
            "source_id": "ks2_test",
        }
        for m, v in values.items()
    ]


def test_floor_measures_count_mainstream_schools_by_district() -> None:
    schools = schools_table(
        [{"urn": 1}, {"urn": 2, "district_code": TAMWORTH}, {"urn": 3, "population": "special"}]
    )
    below = {
        "ks2_rwm_expected_pct": 50,
        "ks2_reading_progress": -6,
        "ks2_writing_progress": 0,
        "ks2_maths_progress": 0,
    }
    ks2 = pd.DataFrame(
        ks2_rows(1, "2016/17", 30, **below)
        + ks2_rows(2, "2016/17", 30, **below)
        + ks2_rows(3, "2016/17", 30, **below)
    )
    result = measures.floor_measures(ks2, schools, AREA)
    county = pick(result, area_type="county").iloc[0]
    assert county["value"] == 2 and county["period"] == "2016/17"  # the special school is out
    assert pick(result, area_code=TAMWORTH).iloc[0]["value"] == 1


def test_results_are_weighted_by_cohort_and_estimated_without_cohorts() -> None:
    schools = schools_table([{"urn": 1, "pupils": 210}, {"urn": 2, "pupils": 70}])
    ks2 = pd.DataFrame(
        ks2_rows(1, "2016/17", 30, ks2_rwm_expected_pct=70)
        + ks2_rows(2, "2016/17", 10, ks2_rwm_expected_pct=50)
        + ks2_rows(1, "2022/23", pd.NA, ks2_rwm_expected_pct=70)
        + ks2_rows(2, "2022/23", pd.NA, ks2_rwm_expected_pct=50)
    )
    result = measures.cohort_weighted_measures(ks2, schools, AREA, measures.pupils_per_year_group)
    county = pick(result, area_type="county").set_index("period")
    assert county.loc["2016/17", "value"] == 65.0  # (70*30 + 50*10) / 40
    assert county.loc["2016/17", "status"] == "computed"
    assert county.loc["2022/23", "value"] == 65.0  # weights 210/7 and 70/7: same 3:1 ratio
    assert county.loc["2022/23", "status"] == "estimated"


def la_indicator(**fields: object) -> dict:
    return {
        "source_id": "lait",
        "indicator_id": "KS2RWM",
        "indicator_name": "KS2 RWM",
        "measure_id": "ks2_rwm_expected_pct",
        "population": "all",
        "pupil_group": "all",
        "area_type": "la",
        "area_code": pd.NA,
        "la_number": np.nan,
        "area_name": "x",
        "period": "2022/23",
        "period_label": "2023",
        "value": 60.0,
        "suppression": pd.NA,
        "numerator": np.nan,
        "denominator": np.nan,
        "unit": "percent",
        "note": pd.NA,
        **fields,
    }


def test_official_measures_name_the_county_england_and_suppression() -> None:
    la_codes = pd.DataFrame(
        {
            "la_number": [860, 330],
            "ons_code": ["E10000028", "E08000025"],
            "la_name": ["Staffordshire", "Birmingham"],
            "region_name": ["West Midlands"] * 2,
        }
    )
    indicators = pd.DataFrame(
        [
            la_indicator(la_number=860, area_name="Staffordshire", value=61.0),
            la_indicator(la_number=860, area_name="Staffordshire", value=99.0, source_id="other"),
            la_indicator(area_type="england", area_name="ENGLAND", value=60.0),
            la_indicator(area_name="Birmingham", value=np.nan, suppression="c"),
            la_indicator(area_name="Old council (pre-2009)", value=50.0),
            la_indicator(area_name="Birmingham", measure_id=pd.NA, indicator_id="UNUSED"),
        ]
    )
    indicators = validate("la_indicators", indicators, "test")
    result = measures.official_measures(indicators, la_codes, AREA)
    county = pick(result, area_type="county")
    assert list(county["value"]) == [61.0]  # LAIT preferred over another source
    assert county.iloc[0]["area_code"] == AREA.ons_code and county.iloc[0]["status"] == "official"
    england = pick(result, area_type="england").iloc[0]
    assert (england["area_code"], england["area_name"]) == ("E92000001", "England")
    birmingham = pick(result, area_code="E08000025").iloc[0]
    assert pd.isna(birmingham["value"]) and birmingham["note"].startswith("[c] ")
    assert len(result) == 3  # the council without an ONS code and the unmapped series are out


def test_published_figures_come_from_the_area_file() -> None:
    result = measures.published_measures(AREA)
    baseline = pick(result, measure_id="pct_pupils_good_or_outstanding", period="2012").iloc[0]
    assert baseline["value"] == 63 and baseline["status"] == "published"
    assert "strategy" in baseline["note"]
    assert pick(result, area_type="england")["value"].tolist() == [58.6]
    assert len(result) == len(AREA.published)
