"""Official measures: the LA, region and England figures DfE and Ofsted publish.

Every `la_indicators` series mapped to a measure becomes an official row (where two sources
publish the same figure, `SOURCE_PREFERENCE` decides); Staffordshire's own LA rows become the
county. Ofsted's counts by school type are also added up to all state-funded schools.
"""

from __future__ import annotations

import pandas as pd

from dashboard.build.measures.rows import COLUMNS, measure_rows, missing_note
from dashboard.config import Area

# Where two official sources publish the same figure, the first listed wins: NCCIS's own NEET
# files (one decimal, with cohorts), then LAIT (DfE's curated LA series), then the sources that
# fill groups and years LAIT lacks.
SOURCE_PREFERENCE = [
    "neet_2021_2025",
    "lait",
    "ofsted_la_outcomes_2019_2023",
    "send_ks2_sen",
    "send_ks4_sen",
    "send_absence_sen",
    "send_eyfs_gld_sen",
    "send_pct_pupils_sen",
    "dfe_ks4_characteristics_2019",
    "dfe_exclusions_2006_2017",
    "school_places_scorecards",
]


def official_measures(
    la_indicators: pd.DataFrame, la_codes: pd.DataFrame, area: Area
) -> pd.DataFrame:
    """Every la_indicators series mapped to a measure, as official measures rows.

    Staffordshire's own LA rows become area_type 'county'. LAs without an ONS code (authorities
    abolished before the current codes) are dropped: no view can place them.
    """
    rows = la_indicators[la_indicators["measure_id"].notna()].copy()
    rank = {source: i for i, source in enumerate(SOURCE_PREFERENCE)}
    rows["source_rank"] = rows["source_id"].map(rank).fillna(len(rank))
    codes_by_number = la_codes.dropna(subset=["ons_code"]).set_index("la_number")["ons_code"]
    codes_by_name = (
        la_codes.dropna(subset=["ons_code"])
        .assign(key=lambda f: f["la_name"].str.lower())
        .drop_duplicates("key")
        .set_index("key")["ons_code"]
    )
    code = rows["area_code"].astype("string")
    code = code.fillna(rows["la_number"].map(codes_by_number).astype("string"))
    code = code.fillna(rows["area_name"].str.lower().map(codes_by_name).astype("string"))
    england = rows["area_type"] == "england"
    code = code.mask(england, area.england_code)
    rows["area_code"] = code
    rows = rows[rows["area_code"].notna()]
    is_county = (rows["area_type"] == "la") & (
        (rows["area_code"] == area.ons_code) | (rows["la_number"] == area.la_number)
    )
    rows.loc[is_county, "area_type"] = "county"
    rows.loc[is_county, "area_code"] = area.ons_code
    rows.loc[england, "area_name"] = area.england_name
    rows = rows.sort_values("source_rank", kind="stable").drop_duplicates(
        ["measure_id", "area_type", "area_code", "population", "pupil_group", "period"]
    )
    missing = rows["value"].isna()
    notes = rows["note"].astype("string")
    coded = rows["suppression"].fillna("x").map(missing_note).astype("string")
    notes = notes.mask(missing, coded + (" " + notes).fillna(""))
    return rows.assign(status="official", note=notes)[COLUMNS].reset_index(drop=True)


def all_state_funded_from_types(official: pd.DataFrame) -> pd.DataFrame:
    """Ofsted's LA series is by school type; add 'all state-funded' by summing the counts."""
    counted = official[
        official["measure_id"].str.startswith("pct_schools_")
        & official["population"].isin(["mainstream", "special", "ap"])
        & official["numerator"].notna()
        & official["denominator"].notna()
    ]
    if counted.empty:
        return measure_rows([])
    keys = [
        "measure_id",
        "area_type",
        "area_code",
        "area_name",
        "pupil_group",
        "period",
        "unit",
        "source_id",
    ]
    summed = counted.groupby(keys, as_index=False)[["numerator", "denominator"]].sum()
    summed["value"] = (100 * summed["numerator"] / summed["denominator"]).round(1)
    summed["population"] = "all"
    # Numerator and denominator are Ofsted's own published counts, only added up: official.
    summed["status"] = "official"
    summed["note"] = (
        "All state-funded schools: the sum of Ofsted's published counts for mainstream, special "
        "and alternative provision schools."
    )
    return summed[COLUMNS]

