"""School rules the build and the pages both apply: populations, the area's schools, the latest
inspection per school and the KS2 floor standard."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard import rules
from tests.unit.dashboard.build.measures.test_rows import AREA, inspections_table, schools_table


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
    assert set(rules.in_population(schools, "all")["urn"]) == {1, 2, 4, 5}
    assert set(rules.in_population(schools, "primary")["urn"]) == {1}
    assert set(rules.in_population(schools, "secondary")["urn"]) == {4}


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
    assert set(rules.area_schools(schools, AREA)["urn"]) == {1, 3, 4}


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
    latest = rules.latest_per_school(inspections, pd.Series([20, 21, 30]), predecessors)
    by_urn = latest.set_index("urn")
    assert by_urn.loc[20, "inspected_urn"] == 20 and by_urn.loc[20, "overall_grade"] == 2
    assert by_urn.loc[21, "inspected_urn"] == 10 and by_urn.loc[21, "overall_grade"] == 4
    assert by_urn.loc[30, "overall_grade"] == 3


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
    assert bool(rules.below_floor(frame).iloc[0]) is expected
