"""Results measures (cohort-weighted results, schools below the KS2 floor) from small tables."""

from __future__ import annotations

import pandas as pd

from dashboard.build.measures.results import (
    cohort_weighted_measures,
    floor_measures,
    pupils_per_year_group,
)
from tests.unit.dashboard.build.measures.test_rows import AREA, TAMWORTH, pick, schools_table


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
    result = floor_measures(ks2, schools, AREA)
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
    result = cohort_weighted_measures(ks2, schools, AREA, pupils_per_year_group)
    county = pick(result, area_type="county").set_index("period")
    assert county.loc["2016/17", "value"] == 65.0  # (70*30 + 50*10) / 40
    assert county.loc["2016/17", "status"] == "computed"
    assert county.loc["2022/23", "value"] == 65.0  # weights 210/7 and 70/7: same 3:1 ratio
    assert county.loc["2022/23", "status"] == "estimated"
