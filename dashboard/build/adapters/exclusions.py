"""Permanent and fixed-period exclusions by LA and phase, 2006/07 to 2016/17 -> `la_indicators`.

The exclusion-statistics repository's `clean_la_data.csv` (SFR35/2017 figures with snake_case
columns) gives permanent and fixed-period exclusion rates and pupils with one or more
fixed-period exclusions for every LA, region and England by phase. It has no LA codes: LAs are
matched by name; later years come from LAIT.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import (
    EES,
    ValueColumn,
    area_columns,
    ees_frame,
    finish,
    known,
    melt,
    own_files_and_geography,
)
from dashboard.build.adapters.la_geography import GEOGRAPHY_FILES
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source, read_csv

_EXCLUSION_POPULATIONS = {
    "total": "all",
    "primary": "primary",
    "secondary": "secondary",
    "special": "special",
}
EXCLUSION_SERIES: dict[str, ValueColumn] = {
    "perm_excl_rate": ValueColumn(
        SeriesMap("permanent_exclusion_rate", unit="rate"),
        "Permanent exclusions (% of pupils on roll)",
        "perm_excl",
        "headcount",
    ),
    "fixed_excl_rate": ValueColumn(
        SeriesMap("suspension_rate", unit="rate"),
        "Fixed-period exclusions (% of pupils on roll)",
        "fixed_excl",
        "headcount",
    ),
    "one_or_more_fixed_excl_rate": ValueColumn(
        SeriesMap("pct_pupils_one_or_more_suspensions"),
        "Pupils with one or more fixed-period exclusions (%)",
        "one_plus_fixed",
        "headcount",
    ),
}
_EXCLUSION_COLUMNS = {
    "school_type": ["school_type"],
    "headcount": ["headcount"],
    "perm_excl": ["perm_excl"],
    "perm_excl_rate": ["perm_excl_rate"],
    "fixed_excl": ["fixed_excl", "susp"],
    "fixed_excl_rate": ["fixed_excl_rate", "susp_rate"],
    "one_plus_fixed": ["one_plus_fixed", "one_plus_susp"],
    "one_or_more_fixed_excl_rate": ["one_or_more_fixed_excl_rate", "one_plus_susp_rate"],
}
# The file's placeholder rows (no school, no pupils).
_EXCLUSION_PLACEHOLDER = "NULL"
# The file writes '.' for a rate without pupils to divide by (new LAs in 2008/09).
_NO_RATE = "."


def load_exclusions(paths: list[Path]) -> pd.DataFrame:
    """Permanent and fixed-period exclusions by LA and phase, 2006/07 to 2016/17."""
    (path,), geography = own_files_and_geography(paths, 1)
    raw = read_csv(path)
    raw = raw[raw.get("la_name", pd.Series("", index=raw.index)) != _EXCLUSION_PLACEHOLDER]
    raw = raw.replace(_NO_RATE, "x")
    frame = ees_frame(path, _EXCLUSION_COLUMNS, read=raw)
    place = area_columns(frame, geography, path, frame["period"])
    populations = known(frame["school_type"], _EXCLUSION_POPULATIONS, path, "school_type")
    rows = melt(frame, place, EXCLUSION_SERIES, path, populations=populations)
    return finish(rows, "dfe_exclusions_2006_2017")


SOURCES: list[Source] = [
    Source(
        id="dfe_exclusions_2006_2017",
        title="Permanent and fixed-period exclusions by LA and phase, 2006/07 to 2016/17",
        publisher="Department for Education",
        paths=(
            "dfe_exclusions_2006_2017/exclusions_la_by_phase_200607_201617.csv",
            *GEOGRAPHY_FILES,
        ),
        data_date="2006/07 to 2016/17",
        table="la_indicators",
        load=load_exclusions,
        covers=(
            "Permanent and fixed-period exclusion (suspension) rates and pupils with one or "
            "more fixed-period exclusions, every LA, region and England, by phase."
        ),
        lacks=(
            "The file has no LA codes: LAs are matched by name (Bedfordshire and Cheshire, "
            "abolished in 2009, have none); no London region (only inner and outer London, "
            "left out); later years come from LAIT."
        ),
        official_url=f"{EES}/suspensions-and-permanent-exclusions-in-england",
        rehost_note=(
            "clean_la_data.csv of DfE's exclusion-statistics repository: SFR35/2017 "
            "LA-by-phase figures with snake_case column names; placeholder rows with "
            "la_name 'NULL' are dropped."
        ),
    ),
]
