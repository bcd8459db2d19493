"""Inspection measures computed from small schools and inspections tables."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.build.measures.inspections import (
    inspection_measures,
    no_overall_grade_measures,
    with_pupil_counts,
)
from dashboard.rules import LATEST_PERIOD
from dashboard.tables import REPORT_CARD_AREAS
from tests.unit.dashboard.build.measures.test_rows import (
    AREA,
    TAMWORTH,
    inspections_table,
    pick,
    schools_table,
)


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
    result = inspection_measures(inspections, schools, AREA)
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
        period=LATEST_PERIOD,
        measure_id="pct_schools_good_or_outstanding",
    ).iloc[0]
    assert (latest["numerator"], latest["denominator"]) == (3, 4)
    assert (
        pick(result, measure_id="pct_pupils_good_or_outstanding", period=LATEST_PERIOD)[
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
    schools = with_pupil_counts(every_school[every_school["urn"] != 1], every_school)
    pupils = schools.set_index("urn")["pupils"]
    assert pupils[2] == 200 and pupils[3] == 100 and pd.isna(pupils[4])
    assert schools["pupils_borrowed"].tolist() == [True, False, False]
    inspections = inspections_table(
        [
            {"urn": u, "inspection_date": "2022-01-01", "overall_grade": g}
            for u, g in [(2, 2), (3, 3), (4, 2)]
        ]
    )
    result = inspection_measures(inspections, schools, AREA)
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
    card = {a: "expected" for a in REPORT_CARD_AREAS[:4]}
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
    result = no_overall_grade_measures(inspections, schools, AREA)
    county = pick(result, area_type="county")
    value = dict(zip(county["measure_id"], county["value"], strict=True))
    assert value["pct_schools_no_overall_grade"] == 60.0  # 3 of 5: not the 2023 ungraded one
    assert value["n_schools_with_report_card"] == 2
    assert value["pct_report_card_grades_expected_or_above"] == pytest.approx(87.5)
    assert value["pct_report_card_schools_any_needs_attention"] == 50.0
