"""The measures table's rows: the places figures are computed for and the row builders.

Every computed measure is worked out for the county and each of its districts (`places`), one
dict per figure (`row`, `share_row` for a percentage with its numerator and denominator),
collected into a frame with the table's columns (`measure_rows`). A value that is not there
gets a note starting with its code (`missing_note`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from dashboard.config import Area
from dashboard.tables import MEASURES
from dashboard.vocabulary import SUPPRESSION_LEGEND

COLUMNS = list(MEASURES.columns)


@dataclass(frozen=True)
class Place:
    """The county or one district, with the schools in it."""

    area_type: str
    code: str
    name: str
    schools: pd.DataFrame


def places(schools: pd.DataFrame, area: Area) -> Iterator[Place]:
    """The county and each of its districts that has schools."""
    yield Place("county", area.ons_code, area.name, schools)
    for district in area.districts:
        in_district = schools[schools["district_code"] == district.code]
        if len(in_district):
            yield Place("district", district.code, district.name, in_district)


def measure_rows(records: list[dict]) -> pd.DataFrame:
    """A measures frame from a list of row dicts (missing columns left empty)."""
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for column in ("value", "numerator", "denominator"):
        frame[column] = frame[column].astype("float64")
    return frame


def row(place: Place, **fields: object) -> dict:
    return {
        "area_type": place.area_type,
        "area_code": place.code,
        "area_name": place.name,
        "pupil_group": "all",
        **fields,
    }


def share_row(
    place: Place, measure_id: str, numerator: float, denominator: float, **fields: object
) -> dict:
    """A percentage row with its numerator and denominator."""
    return row(
        place,
        measure_id=measure_id,
        value=percent(numerator, denominator),
        numerator=float(numerator),
        denominator=float(denominator),
        unit="percent",
        **fields,
    )


def percent(numerator: float, denominator: float) -> float | None:
    return round(100.0 * numerator / denominator, 1) if denominator else None


def missing_note(code: str, reason: str = "") -> str:
    """The note of a row whose value is not there: its code first, then why."""
    text = SUPPRESSION_LEGEND.get(code, "not available")
    return f"[{code}] {text[0].upper()}{text[1:]}" + (f": {reason}" if reason else "")

