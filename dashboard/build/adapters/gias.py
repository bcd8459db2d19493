"""Get Information About Schools (GIAS) establishments -> `school_records`.

Reads the June 2026 re-host (a compact JSON list of open mainstream schools with postcode,
phase and coordinates) or an official `edubasealldata*.csv` extract (Windows-1252, every
establishment with its type, status, dates, ages, address and pupils). The links between
establishments, another GIAS file, are read by `gias_links`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.codepoint import normalised_postcodes
from dashboard.build.adapters.school_records import (
    ages,
    by_extension,
    classified,
    dates,
    read_publisher_csv,
    records,
)
from dashboard.build.sources import (
    Source,
    as_urn,
    blank_to_na,
    parse_numbers,
    read_json,
    resolve_columns,
    whole_numbers,
)
from dashboard.errors import SourceError

GIAS_OPEN_2026_06 = "gias_open_2026_06"
GIAS_DOWNLOADS = "https://get-information-schools.service.gov.uk/Downloads"
EDUBASE_COLUMNS = {
    "URN": ["URN"], "EstablishmentName": ["EstablishmentName"],
    "TypeOfEstablishment": ["TypeOfEstablishment (name)"],
    "EstablishmentStatus": ["EstablishmentStatus (name)"],
    "OpenDate": ["OpenDate"], "CloseDate": ["CloseDate"],
    "PhaseOfEducation": ["PhaseOfEducation (name)"],
    "StatutoryLowAge": ["StatutoryLowAge"], "StatutoryHighAge": ["StatutoryHighAge"],
    "Street": ["Street"], "Town": ["Town"], "Postcode": ["Postcode"], "LA": ["LA (code)"],
    "NumberOfPupils": ["NumberOfPupils"],
}
REHOST_FIELDS = ["urn", "name", "postcode", "phase", "lat", "lng"]


def _gias_rehost(path: Path) -> pd.DataFrame:
    """The re-host's JSON list of open mainstream schools: urn, name, postcode, phase, lat, lng."""
    data = read_json(path)
    if not isinstance(data, list):
        raise SourceError(path.name, "expected a JSON list of schools")
    raw = pd.DataFrame.from_records(data)
    raw = resolve_columns(raw.astype("string"), path, {f: [f] for f in REHOST_FIELDS})
    lat, _ = parse_numbers(raw["lat"], path, "lat")
    lon, _ = parse_numbers(raw["lng"], path, "lng")
    frame = pd.DataFrame({
        "urn": as_urn(raw["urn"], path, "urn"),
        "name": blank_to_na(raw["name"]),
        "is_open": True,
        "postcode": normalised_postcodes(raw["postcode"], path, "postcode"),
        "lat": lat,
        "lon": lon,
        "age_low": pd.NA,
        "age_high": pd.NA,
    })
    # The list holds open mainstream schools only and gives no type, so its phase words decide
    # the population too (Nursery -> LA nursery schools, College / Sixth form -> post-16).
    return records(classified(frame, raw["phase"], raw["phase"]), GIAS_OPEN_2026_06)


def _gias_edubase(path: Path) -> pd.DataFrame:
    """The official GIAS all-establishments extract (Windows-1252 CSV)."""
    gias = resolve_columns(read_publisher_csv(path), path, EDUBASE_COLUMNS)
    frame = pd.DataFrame({
        "urn": as_urn(gias["URN"], path),
        "name": blank_to_na(gias["EstablishmentName"]),
        "school_type": blank_to_na(gias["TypeOfEstablishment"]),
        "is_open": gias["EstablishmentStatus"].str.strip().str.lower().str.startswith("open"),
        "open_date": dates(gias["OpenDate"], path, "OpenDate"),
        "close_date": dates(gias["CloseDate"], path, "CloseDate"),
        "street": blank_to_na(gias["Street"]),
        "town": blank_to_na(gias["Town"]),
        "postcode": normalised_postcodes(gias["Postcode"], path, "Postcode"),
        "la_number": whole_numbers(gias["LA"], path, "LA (code)"),
        "age_low": ages(gias["StatutoryLowAge"], path, "StatutoryLowAge"),
        "age_high": ages(gias["StatutoryHighAge"], path, "StatutoryHighAge"),
        "pupils": whole_numbers(gias["NumberOfPupils"], path, "NumberOfPupils"),
    })
    frame = classified(frame, gias["PhaseOfEducation"], frame["school_type"])
    return records(frame, GIAS_OPEN_2026_06)


SOURCES: list[Source] = [
    Source(
        id=GIAS_OPEN_2026_06,
        title="Get Information About Schools: open mainstream schools, June 2026",
        publisher="Department for Education",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/gias_open_schools_2026-06.json",),
        data_date="2026-06",
        table="school_records",
        load=by_extension({".json": _gias_rehost, ".csv": _gias_edubase}),
        covers="Every open mainstream school and college in England in June 2026 with its "
               "postcode, phase and coordinates.",
        lacks=("Special schools, pupil referral units and alternative provision, independent "
               "schools; LA, type, address, age range, pupil numbers and dates."),
        official_url=GIAS_DOWNLOADS,
        rehost_note=("Compact JSON of the GIAS bulk extract: open mainstream establishments "
                     "only, fields urn, name, postcode, phase (PhaseOfEducation), lat, lng. An "
                     "official edubasealldata*.csv loads as well."),
    ),
]
