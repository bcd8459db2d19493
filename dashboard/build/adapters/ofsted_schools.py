"""School descriptions in Ofsted's official statistics (31 August 2023) -> `school_records`.

The official "state-funded schools inspections and outcomes" CSV describes every state-funded
school open on 31 August 2023 (special schools and PRUs included): type, phase, LA, postcode,
pupils and age range. Its inspections are read by `ofsted_official`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.codepoint import normalised_postcodes
from dashboard.build.adapters.ofsted_official import OFFICIAL_2023_FILE
from dashboard.build.adapters.school_records import (
    ages,
    classified,
    dates,
    read_publisher_csv,
    records,
)
from dashboard.build.sources import Source, as_urn, blank_to_na, resolve_columns, whole_numbers

OFSTED_SCHOOLS_2023_08_31 = "ofsted_schools_2023_08_31"
OFSTED_COLUMNS = {
    "URN": ["URN"], "LAESTAB": ["LAESTAB"], "School name": ["School name"],
    "Ofsted phase": ["Ofsted phase"], "Type of education": ["Type of education"],
    "Postcode": ["Postcode"], "Total number of pupils": ["Total number of pupils"],
    "Statutory lowest age": ["Statutory lowest age"],
    "Statutory highest age": ["Statutory highest age"],
    "School open date": ["School open date"],
}


def _ofsted_schools(path: Path) -> pd.DataFrame:
    ofsted = resolve_columns(read_publisher_csv(path), path, OFSTED_COLUMNS)
    laestab = whole_numbers(ofsted["LAESTAB"], path, "LAESTAB")
    frame = pd.DataFrame({
        "urn": as_urn(ofsted["URN"], path),
        "name": blank_to_na(ofsted["School name"]),
        "school_type": blank_to_na(ofsted["Type of education"]),
        # The file lists the state-funded schools open on 31 August 2023.
        "is_open": True,
        "open_date": dates(ofsted["School open date"], path, "School open date"),
        "postcode": normalised_postcodes(ofsted["Postcode"], path, "Postcode"),
        "la_number": laestab // 10_000,  # LAESTAB = LA number * 10000 + establishment number
        "age_low": ages(ofsted["Statutory lowest age"], path, "Statutory lowest age"),
        "age_high": ages(ofsted["Statutory highest age"], path, "Statutory highest age"),
        "pupils": whole_numbers(ofsted["Total number of pupils"], path,
                                 "Total number of pupils"),
    })
    frame = classified(frame, ofsted["Ofsted phase"], frame["school_type"])
    return records(frame, OFSTED_SCHOOLS_2023_08_31)


def load_ofsted_schools(paths: list[Path]) -> pd.DataFrame:
    return pd.concat([_ofsted_schools(path) for path in paths], ignore_index=True)


SOURCES: list[Source] = [
    Source(
        id=OFSTED_SCHOOLS_2023_08_31,
        title="Ofsted state-funded schools as at 31 August 2023 (school details)",
        publisher="Ofsted",
        paths=(OFFICIAL_2023_FILE,),
        data_date="2023-08-31",
        table="school_records",
        load=load_ofsted_schools,
        covers=("The state-funded schools (incl. special schools and PRUs) open on 31 August "
                "2023 in the West Midlands: type, phase, LA, postcode, pupils, age range."),
        lacks="Schools outside the West Midlands; independent schools; addresses; close dates.",
        official_url=("https://www.gov.uk/government/statistics/"
                      "state-funded-schools-inspections-and-outcomes-as-at-31-august-2023"),
        rehost_note=("West Midlands rows of the official CSV, all 78 columns kept, with a "
                     "leading pandas index column added by the re-host."),
    ),
]
