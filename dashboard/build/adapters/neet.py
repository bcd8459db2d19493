"""NCCIS NEET and participation of 16-17 year olds by LA -> `la_indicators`.

One CSV per calendar year (2021-2025), every LA, region and England: NEET, not known, NEET or
not known (the December-February average, with its cohort) and participation in education and
training (end of March), and NEET or not known by SEN status. Periods stay calendar years, as
published. The same files give the LA geography its ONS codes (`la_geography`).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import ValueColumn, area_columns, ees_frame, finish, melt
from dashboard.build.adapters.la_geography import (
    NEET_FILES,
    NEET_URL,
    Geography,
    read_geography,
    read_neet_file,
)
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source

NEET_SERIES: dict[str, ValueColumn] = {
    "NEET_not_known_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct"),
        "16-17 year olds NEET or whose activity is not known",
        denominator="Cohort_DJFavg",
    ),
    "NEET_percent": ValueColumn(
        SeriesMap("neet_pct"),
        "16-17 year olds not in education, employment or training",
        denominator="Cohort_DJFavg",
    ),
    "Notknown_percent": ValueColumn(
        SeriesMap("not_known_pct"),
        "16-17 year olds whose activity is not known",
        denominator="Cohort_DJFavg",
    ),
    "TOTAL_participating_in_education_and_training_percent": ValueColumn(
        SeriesMap("participation_pct"),
        "16-17 year olds participating in education and training",
        denominator="cohort_March",
    ),
    "NEET_NK_noSEN_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="no_sen"),
        "16-17 year olds NEET or not known: no SEN",
    ),
    "NEET_NK_EHCP_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="sen_ehcp"),
        "16-17 year olds NEET or not known: with an EHC plan",
    ),
    "NEET_NK_SENDsupport_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="sen_support"),
        "16-17 year olds NEET or not known: SEN support",
    ),
}
# Every year's file has these; the SEN splits and participation vary by year.
_NEET_REQUIRED = ("NEET_not_known_percent", "NEET_percent", "Notknown_percent", "Cohort_DJFavg")
_NEET_OPTIONAL = sorted(
    {name for column, spec in NEET_SERIES.items() for name in (column, spec.denominator) if name}
    - set(_NEET_REQUIRED)
)


def _neet_rows(path: Path, geography: Geography) -> pd.DataFrame:
    frame = ees_frame(
        path,
        {c: [c] for c in _NEET_REQUIRED},
        optional={c: [c] for c in _NEET_OPTIONAL},
        read=read_neet_file(path),
    )
    frame["period"] = frame["period_label"]  # calendar year, as published
    place = area_columns(frame, geography, path, frame["period"])
    return melt(frame, place, NEET_SERIES, path)


def _neet_notes(rows: pd.DataFrame) -> pd.Series:
    year = pd.to_numeric(rows["period"], errors="coerce").astype("Int64")
    counted = (
        "December "
        + (year - 1).astype("string")
        + " to February "
        + year.astype("string")
        + " average"
    )
    march = "End of March " + year.astype("string")
    return counted.where(rows["measure_id"] != "participation_pct", march)


def load_neet(paths: list[Path]) -> pd.DataFrame:
    """NEET, not known and participation of 16-17 year olds, one calendar year per file."""
    geography = read_geography(paths)
    rows = pd.concat([_neet_rows(path, geography) for path in paths], ignore_index=True)
    return finish(rows, "neet_2021_2025", _neet_notes(rows))


SOURCES: list[Source] = [
    Source(
        id="neet_2021_2025",
        title="NEET and participation of 16-17 year olds by LA (NCCIS)",
        publisher="Department for Education",
        paths=NEET_FILES,
        data_date="2021 to 2025",
        table="la_indicators",
        load=load_neet,
        covers=(
            "NEET, not known, NEET or not known and participation in education and "
            "training of 16-17 year olds, every LA, region and England, 2021-2025; NEET or "
            "not known by SEN status (regions and LAs from 2022)."
        ),
        lacks=(
            "NEET figures are the December-February average, participation is at the end "
            "of March; no figures before 2021 here (LAIT has 2018 on)."
        ),
        official_url=NEET_URL,
        rehost_note=(
            "The NCCIS LA dashboard's yearly CSVs, unchanged apart from demo rows "
            "('LA demo', 'Region demo'), which are dropped."
        ),
    ),
]
