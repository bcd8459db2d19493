"""The DfE performance-tables school list (spine) 2017/18 -> `school_records`.

The spine gives every school in the 2017/18 performance tables with its LA, address, type, age
range and open and close dates; it reads the Staffordshire CSV re-host or the national
workbook. Its ICLOSE flag and close dates say which schools had closed by then.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.codepoint import normalised_postcodes
from dashboard.build.adapters.school_records import (
    PERFORMANCE_TABLES_DOWNLOADS,
    ages,
    by_extension,
    classified,
    dates,
    records,
)
from dashboard.build.sources import (
    Source,
    as_urn,
    blank_to_na,
    read_csv,
    read_excel,
    resolve_columns,
    whole_numbers,
)

SPINE_2017_18 = "spine_2017_18"
SPINE_COLUMNS = {
    "URN": ["URN"], "LA": ["LA"], "SCHNAME": ["SCHNAME"], "STREET": ["STREET"],
    "TOWN": ["TOWN"], "POSTCODE": ["POSTCODE"], "ICLOSE": ["ICLOSE"],
    "OPENDATE": ["OPENDATE"], "CLOSEDATE": ["CLOSEDATE"], "NFTYPE": ["NFTYPE"],
    "AGEL": ["AGEL"], "AGEH": ["AGEH"],
}
# ICLOSE, checked against CLOSEDATE in the 2017/18 file: 1 open (no close date), 2 closed (every
# row has a close date), 3 open but proposed to close (no close date; all later closed).
SPINE_CLOSED = "2"


def _spine(path: Path) -> pd.DataFrame:
    raw = read_excel(path) if path.suffix.lower() == ".xlsx" else read_csv(path)
    spine = resolve_columns(raw, path, SPINE_COLUMNS)
    close_date = dates(spine["CLOSEDATE"], path, "CLOSEDATE")
    frame = pd.DataFrame({
        "urn": as_urn(spine["URN"], path),
        "name": blank_to_na(spine["SCHNAME"]),
        "school_type": blank_to_na(spine["NFTYPE"]),
        "is_open": ~(spine["ICLOSE"].str.strip().eq(SPINE_CLOSED) | close_date.notna()),
        "open_date": dates(spine["OPENDATE"], path, "OPENDATE"),
        "close_date": close_date,
        "street": blank_to_na(spine["STREET"]),
        "town": blank_to_na(spine["TOWN"]),
        "postcode": normalised_postcodes(spine["POSTCODE"], path, "POSTCODE"),
        "la_number": whole_numbers(spine["LA"], path, "LA"),
        "age_low": ages(spine["AGEL"], path, "AGEL"),
        "age_high": ages(spine["AGEH"], path, "AGEH"),
    })
    return records(classified(frame, None, frame["school_type"]), SPINE_2017_18)


SOURCES: list[Source] = [
    Source(
        id=SPINE_2017_18,
        title="DfE performance tables school list (spine) 2017/18",
        publisher="Department for Education",
        paths=("waiky8_schools_data/2017-2018_england_spine_staffordshire_860.csv",),
        data_date="2017/18",
        table="school_records",
        load=by_extension({".csv": _spine, ".xlsx": _spine}),
        covers=("Every school in the 2017/18 performance tables with its LA, address, type, age "
                "range, open and close dates (close dates recorded up to October 2019)."),
        lacks="Pupil numbers; coordinates; schools opened after 2018.",
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note=("Rows with LA = 860 of the national spine 2017-2018_england_spine.xlsx; "
                     "columns unchanged. The national workbook loads as well."),
    ),
]
