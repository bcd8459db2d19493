"""District answers several pages share: ranks, each district's value with suppression kept,
and school context by area."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import areas
from dashboard.tables import validate
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    CODES,
    TAMWORTH,
    district_measures,
    schools_frame,
)


def test_ranks_put_the_best_first_share_ties_and_skip_missing_values() -> None:
    values = pd.Series([80.0, 90.0, None, 90.0])
    assert areas.rank_values(values, True).tolist() == [3, 1, pd.NA, 1]
    assert areas.rank_values(values, False).tolist() == [1, 2, pd.NA, 2]
    assert areas.rank_values(values, None).tolist() == [3, 1, pd.NA, 1]


def test_district_values_keep_a_suppressed_district_missing_with_its_code() -> None:
    values = areas.district_values(district_measures(), AREA,
                                   "pct_schools_good_or_outstanding", "all", "2026-06")
    assert list(values["code"]) == list(CODES)
    suppressed = values.iloc[2]
    assert pd.isna(suppressed["value"]) and suppressed["suppression"] == "c"
    assert pd.isna(suppressed["rank"])
    assert values.iloc[-1]["rank"] == 1  # the highest share is the best
    assert values["value"].notna().sum() == len(CODES) - 1


def test_context_is_pupil_weighted_and_estimated_without_pupil_counts() -> None:
    schools = schools_frame([{"urn": 1, "pupils": 100}, {"urn": 2, "pupils": 300}])
    context = pd.DataFrame({
        "urn": [1, 2, 1, 2], "period": ["2018/19", "2018/19", "2022/23", "2022/23"],
        "pupils": [100, 100, None, None], "pct_fsm_ever6": [10.0, 30.0, 10.0, 30.0],
        "source_id": "test_census"})
    for column in ("pct_girls", "pct_fsm_current", "pct_eal", "pct_sen_ehcp",
                   "pct_sen_support", "pct_overall_absence", "pct_persistent_absence"):
        context[column] = None
    context = validate("school_context", context, "synthetic census")
    found = areas.context_by_area(context, schools, AREA)
    fsm = found[(found["characteristic"] == "pct_fsm_ever6")
                & (found["area_code"] == TAMWORTH.code)].set_index("period")
    assert fsm.loc["2018/19", "value"] == 20.0 and fsm.loc["2018/19", "status"] == "computed"
    assert fsm.loc["2022/23", "value"] == 25.0 and fsm.loc["2022/23", "status"] == "estimated"
    eal = found[found["characteristic"] == "pct_eal"]
    assert eal["value"].isna().all()  # no figures: missing, never 0
