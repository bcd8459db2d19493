"""The measures table's row builders; small schools and inspections tables for the measures
tests (`schools_table`, `inspections_table`) and `pick` for the rows matching some columns."""

from __future__ import annotations

import pandas as pd

from dashboard.build.measures.rows import missing_note, places, share_row
from dashboard.config import load_area
from dashboard.tables import REPORT_CARD_AREAS

AREA = load_area()
CANNOCK, TAMWORTH = "E07000192", "E07000199"


def schools_table(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "population": "mainstream",
        "phase": "primary",
        "district_code": CANNOCK,
        "is_open": True,
        "open_date": pd.NaT,
        "close_date": pd.NaT,
        "pupils": 100,
        "pupils_borrowed": False,
        "age_low": 4,
        "age_high": 11,
        "predecessor_urns": "",
        "source_ids": "gias_open_2026_06;ofsted_schools_2023_08_31",
    }
    frame = pd.DataFrame([{**defaults, **r} for r in rows])
    frame["urn"] = frame["urn"].astype("Int64")
    return frame


def inspections_table(rows: list[dict]) -> pd.DataFrame:
    defaults = {
        "framework": "graded",
        "overall_grade": pd.NA,
        **{a: pd.NA for a in REPORT_CARD_AREAS},
    }
    frame = pd.DataFrame([{**defaults, **r} for r in rows])
    frame["inspection_date"] = pd.to_datetime(frame["inspection_date"])
    frame["overall_grade"] = frame["overall_grade"].astype("Int64")
    frame["urn"] = frame["urn"].astype("Int64")
    return frame


def pick(frame: pd.DataFrame, **where: object) -> pd.DataFrame:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    return frame[mask]


def test_places_are_the_county_and_each_district_with_schools() -> None:
    schools = schools_table([{"urn": 1}, {"urn": 2, "district_code": TAMWORTH}, {"urn": 3}])
    found = [(p.area_type, p.code, p.name, len(p.schools)) for p in places(schools, AREA)]
    assert found == [("county", AREA.ons_code, AREA.name, 3),
                     ("district", CANNOCK, "Cannock Chase", 2),
                     ("district", TAMWORTH, "Tamworth", 1)]


def test_share_rows_keep_their_counts_and_round_to_one_decimal() -> None:
    county = next(places(schools_table([{"urn": 1}]), AREA))
    share = share_row(county, "pct_schools_inadequate", 1, 3, period="2023-08-31")
    assert (share["value"], share["numerator"], share["denominator"]) == (33.3, 1.0, 3.0)
    assert (share["area_type"], share["pupil_group"], share["unit"]) == ("county", "all", "percent")
    assert share_row(county, "pct_schools_inadequate", 0, 0)["value"] is None  # nothing to divide


def test_missing_notes_start_with_the_code() -> None:
    assert missing_note("c") == "[c] Suppressed to protect confidentiality (small numbers)"
    assert missing_note("x", "no schools") == "[x] Not available: no schools"
