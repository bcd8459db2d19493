"""DfE school places scorecards: places in good or outstanding schools -> `la_indicators`.

The la-school-places-scorecards repository's CSVs give existing primary and secondary places by
the Ofsted overall grade of their school for every LA and England; the share in good or
outstanding schools leaves unrated places out of the denominator. The 2022 file has no Year
column: its year comes from the file name. 2024/25 has no grades (Ofsted stopped them).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import (
    EES,
    area_columns,
    ees_frame,
    finish,
    own_files_and_geography,
)
from dashboard.build.adapters.la_geography import GEOGRAPHY_FILES, Geography, name_key
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source, parse_numbers, read_csv
from dashboard.errors import SourceError

_SCORECARD_PHASES = {"P": "primary", "S": "secondary"}
_NO_GRADES_NOTE = (
    "Not published: the scorecard has no places by Ofsted overall grade for this "
    "year (Ofsted stopped overall effectiveness grades in September 2024)"
)


def _scorecard_file(path: Path, geography: Geography) -> pd.DataFrame:
    raw = read_csv(path)
    if not any(c in raw.columns for c in ("Year", "time_period")):
        # Older scorecards are one year each, named by publication year: the 2022 scorecard
        # reports the 2021/22 school year.
        year_in_name = re.search(r"(20\d{2})", path.name)
        if not year_in_name:
            raise SourceError(
                path.name, "no Year column and no year in the file name", column="Year"
            )
        raw = raw.assign(Year=year_in_name.group(1))
    if "geographic_level" not in raw.columns:
        raw = raw.assign(
            geographic_level=raw["LA_name"].map(
                lambda n: "National" if name_key(n) == "england" else "Local authority"
            )
        )
    grade_columns = [f"Qual_{p}_{g}_E" for p in _SCORECARD_PHASES for g in range(1, 5)]
    frame = ees_frame(path, {c: [c] for c in grade_columns}, read=raw)
    place = area_columns(frame, geography, path, frame["period"])
    parts = []
    for letter, phase in _SCORECARD_PHASES.items():
        places = {}
        for grade in range(1, 5):
            column = f"Qual_{letter}_{grade}_E"
            places[grade], _ = parse_numbers(frame[column], path, column)
        denominator = sum(places.values())
        numerator = places[1] + places[2]
        published = denominator.notna() & (denominator > 0)
        parts.append(
            place.assign(
                indicator_id=f"Qual_{letter}_E",
                period=frame["period"],
                period_label=frame["period_label"],
                indicator_name=f"Existing {phase} places in good or outstanding schools (%)",
                numerator=numerator,
                denominator=denominator,
                value=(100 * numerator / denominator).where(published).round(2),
                suppression=pd.Series(pd.NA, index=frame.index, dtype="string").mask(
                    ~published, "x"
                ),
                **SeriesMap("pct_places_good_or_outstanding", population=phase)._asdict(),
            )[place["area_type"].notna()]
        )
    return pd.concat(parts, ignore_index=True)


def load_scorecards(paths: list[Path]) -> pd.DataFrame:
    """% of existing primary / secondary places in good or outstanding schools (Ofsted)."""
    own, geography = own_files_and_geography(paths, 2)
    rows = pd.concat([_scorecard_file(p, geography) for p in own], ignore_index=True)
    note = (
        pd.Series(pd.NA, index=rows.index, dtype="string")
        .mask(rows["value"].isna(), _NO_GRADES_NOTE)
        .fillna("Places in schools with no Ofsted grade are left out of the denominator")
    )
    return finish(rows, "school_places_scorecards", note)


SOURCES: list[Source] = [
    Source(
        id="school_places_scorecards",
        title="School places scorecards: places in good or outstanding schools",
        publisher="Department for Education",
        paths=(
            "dfe_school_places_scorecards/scorecard_data_2025_2023.csv",
            "dfe_school_places_scorecards/scorecards_data_2022.csv",
            *GEOGRAPHY_FILES,
        ),
        data_date="2021/22 to 2024/25",
        table="la_indicators",
        load=load_scorecards,
        covers=(
            "% of existing primary and secondary places in schools judged good or "
            "outstanding (places in unrated schools left out), every LA and England."
        ),
        lacks=(
            "No regions; no overall-grade figures for 2024/25 (Ofsted stopped overall "
            "grades); the 2022-06-30 file and 2019 workbook are not read (year unclear)."
        ),
        official_url=f"{EES}/local-authority-school-places-scorecards",
        rehost_note=(
            "CSVs of DfE's la-school-places-scorecards repository, unchanged; the 2022 "
            "file has no Year column (its year comes from the file name)."
        ),
    ),
]
