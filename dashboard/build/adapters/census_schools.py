"""The January 2019 school census school list -> `school_records`.

The official `england_census.csv` of the 2018/19 performance tables gives every school in
England with its LA, type and pupils on roll, but no names, addresses or dates (those come from
the other school lists). Its percentages of pupils are read by `census`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.school_records import (
    PERFORMANCE_TABLES_DOWNLOADS,
    classified,
    records,
    school_rows,
)
from dashboard.build.sources import (
    Source,
    as_urn,
    blank_to_na,
    read_csv,
    resolve_columns,
    whole_numbers,
)

CENSUS_2019_SCHOOLS = "census_2019_schools"
CENSUS_COLUMNS = {"URN": ["URN"], "LA": ["LA"], "SCHOOLTYPE": ["SCHOOLTYPE"], "NOR": ["NOR"]}


def load_census_schools(paths: list[Path]) -> pd.DataFrame:
    """LA number, type, phase and pupils on roll (January 2019) for every school in the census.

    The census file carries no names or addresses: those come from the other lists.
    """
    frames = []
    for path in paths:
        census = school_rows(resolve_columns(read_csv(path), path, CENSUS_COLUMNS))
        frame = pd.DataFrame({
            "urn": as_urn(census["URN"], path),
            "school_type": blank_to_na(census["SCHOOLTYPE"]),
            "la_number": whole_numbers(census["LA"], path, "LA"),
            "pupils": whole_numbers(census["NOR"], path, "NOR"),
            "age_low": pd.NA,
            "age_high": pd.NA,
        })
        frame = classified(frame, census["SCHOOLTYPE"], census["SCHOOLTYPE"])
        frames.append(records(frame, CENSUS_2019_SCHOOLS))
    return pd.concat(frames, ignore_index=True)


SOURCES: list[Source] = [
    Source(
        id=CENSUS_2019_SCHOOLS,
        title="School census January 2019 (school list)",
        publisher="Department for Education",
        paths=("dfe_performance_tables_2018_19/england_census.csv",),
        data_date="2019-01",
        table="school_records",
        load=load_census_schools,
        covers="Every school in England in the January 2019 census: LA, type and pupils on roll.",
        lacks="Names, addresses and dates.",
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note="Official england_census.csv of the 2018/19 tables, UTF-8 BOM removed.",
    ),
]
