"""NCCIS NEET and participation files."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters import neet
from tests.unit.dashboard.build.adapters.test_ees import checked
from tests.unit.dashboard.build.adapters.test_la_geography import write_neet
from tests.unit.dashboard.build.adapters.test_la_indicators import one


def test_neet_keeps_calendar_years_codes_and_sen_groups(tmp_path: Path) -> None:
    frame = checked(neet.load_neet([write_neet(tmp_path / "neet_2025.csv", "2025")]))
    staffs = frame[frame["la_number"] == 860]
    row = one(staffs, measure_id="neet_or_not_known_pct", pupil_group="all")
    assert row["period"] == "2025" and row["value"] == 6 and row["denominator"] == 18979
    assert row["area_code"] == "E10000028"
    assert row["note"] == "December 2024 to February 2025 average"
    participation = one(staffs, measure_id="participation_pct")
    assert participation["denominator"] == 19033 and participation["note"] == "End of March 2025"
    support = one(staffs, measure_id="neet_or_not_known_pct", pupil_group="sen_support")
    assert pd.isna(support["value"]) and support["suppression"] == "z"
    assert one(staffs, pupil_group="sen_ehcp")["value"] == 12.9
    regions = frame[frame["area_type"] == "region"]
    assert set(regions["pupil_group"]) == {"all"}  # blank region SEN cells: not published
    assert not frame["area_name"].str.contains("demo").any()
    assert one(frame, area_type="england", measure_id="neet_pct")["area_code"] == "E92000001"
