"""Results measures computed from school-level data for the county and its districts.

Key stage 2 and 4 results as the pupil-weighted mean of the area's state-funded schools'
published results (estimated where a source gives no cohorts, weighted by pupils on roll per
year group), and the number of mainstream schools below the key stage 2 floor standard.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import pandas as pd

from dashboard.build.measures.rows import measure_rows, places, row
from dashboard.config import Area
from dashboard.rules import (
    FLOOR_MIN_COHORT,
    FLOOR_PERIODS,
    FLOOR_PROGRESS,
    below_floor,
    in_population,
    wide_results,
)


def source_ids(frame: pd.DataFrame) -> str:
    return ";".join(sorted(frame["source_id"].dropna().unique()))


def floor_measures(ks2: pd.DataFrame, schools: pd.DataFrame, area: Area) -> pd.DataFrame:
    mainstream = in_population(schools, "mainstream")
    wide = wide_results(
        ks2[ks2["period"].isin(FLOOR_PERIODS)], ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]
    )
    wide = wide[wide["urn"].isin(mainstream["urn"])]
    for column in ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]:
        if column not in wide:
            wide[column] = np.nan
    wide["below"] = below_floor(wide)
    records = []
    for place in places(mainstream, area):
        local = wide[wide["urn"].isin(place.schools["urn"])]
        for period, year in local.groupby("period"):
            assessed = year[year["cohort"] >= FLOOR_MIN_COHORT]
            records.append(
                row(
                    place,
                    measure_id="n_schools_below_ks2_floor",
                    population="mainstream",
                    period=period,
                    value=float(year["below"].sum()),
                    numerator=float(year["below"].sum()),
                    denominator=float(len(assessed)),
                    unit="count",
                    source_id=source_ids(year),
                    status="computed",
                    note=(
                        "Mainstream state-funded schools with 11 or more pupils at the end of KS2, "
                        "under 65% meeting the expected standard in reading, writing and maths and "
                        "a progress score below -5 in reading, -7 in writing or -5 in maths "
                        "(2016-2019 definition). Denominator: schools with 11 or more pupils."
                    ),
                )
            )
    return measure_rows(records)


RESULT_MEASURES = {
    "ks2_rwm_expected_pct": "percent",
    "ks2_rwm_higher_pct": "percent",
    "ks2_reading_progress": "score",
    "ks2_writing_progress": "score",
    "ks2_maths_progress": "score",
    "ks4_attainment8": "score",
    "ks4_progress8": "score",
    "ks4_english_maths_grade4_pct": "percent",
    "ks4_english_maths_grade5_pct": "percent",
    "ks4_ebacc_entry_pct": "percent",
}


def cohort_weighted_measures(
    results: pd.DataFrame,
    schools: pd.DataFrame,
    area: Area,
    weight_fallback: Callable[[pd.DataFrame], pd.Series],
) -> pd.DataFrame:
    """County and district results as the pupil-weighted mean of school results.

    Official LA figures are means over pupils; weighting each school's figure by its cohort
    reproduces them for every state-funded school. Where the source gives no cohorts, an
    estimated cohort (pupils on roll per year group) is used and the row is marked estimated.
    """
    state_funded = in_population(schools, "all")
    results = results[
        results["urn"].isin(state_funded["urn"])
        & results["value"].notna()
        & results["measure_id"].isin(RESULT_MEASURES)
    ]
    estimated_weight = weight_fallback(state_funded).rename("estimated_cohort")
    results = results.join(estimated_weight, on="urn")
    records = []
    for place in places(state_funded, area):
        local = results[results["urn"].isin(place.schools["urn"])]
        for (measure_id, group, period), cells in local.groupby(
            ["measure_id", "pupil_group", "period"]
        ):
            has_cohorts = cells["cohort"].notna().all()
            weights = cells["cohort"] if has_cohorts else cells["estimated_cohort"]
            usable = weights.notna() & (weights > 0)
            if not usable.any():
                continue
            value = float(np.average(cells.loc[usable, "value"], weights=weights[usable]))
            decimals = 1 if RESULT_MEASURES[measure_id] == "percent" else 2
            note = (
                f"Pupil-weighted mean of {int(usable.sum())} state-funded schools' published "
                "results (suppressed schools left out)."
            )
            if not has_cohorts:
                note += (
                    " The source gives no cohort sizes: each school is weighted by its "
                    "pupils on roll per year group, so this is an estimate."
                )
            records.append(
                row(
                    place,
                    measure_id=measure_id,
                    population="all",
                    period=period,
                    value=round(value, decimals),
                    denominator=float(weights[usable].sum()),
                    unit=RESULT_MEASURES[measure_id],
                    pupil_group=group,
                    source_id=source_ids(cells),
                    status="computed" if has_cohorts else "estimated",
                    note=note,
                )
            )
    return measure_rows(records)


def pupils_per_year_group(schools: pd.DataFrame) -> pd.Series:
    """Pupils on roll divided by the number of year groups: a stand-in for a year's cohort."""
    years = (schools["age_high"] - schools["age_low"]).astype("Float64")
    per_year = schools["pupils"].astype("Float64") / years.where(years > 0)
    return pd.Series(
        per_year.to_numpy(dtype="float64", na_value=np.nan), index=schools["urn"].astype(int)
    )

