"""The January 2019 school census school list."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.unit.dashboard.build.adapters.test_school_records import load, write_csv


def test_census_school_list(tmp_path: Path) -> None:
    rows = [
        {"URN": "NAT", "LA": "", "ESTAB": "PRI", "SCHOOLTYPE": "State-funded primary",
         "NOR": "4727089"},
        {"URN": "124034", "LA": "860", "ESTAB": "2123", "SCHOOLTYPE": "State-funded primary",
         "NOR": "317"},
        {"URN": "132131", "LA": "860", "ESTAB": "1100", "SCHOOLTYPE": "Pupil referral unit",
         "NOR": "NA"},
    ]
    frame = load("census_2019_schools", [write_csv(tmp_path / "england_census.csv", rows)])
    assert list(frame.index) == [124034, 132131]
    assert frame["name"].isna().all()  # the census carries no names
    assert frame.loc[124034, ["phase", "population", "pupils", "la_number"]].tolist() == [
        "primary", "mainstream", 317, 860]
    assert frame.loc[132131, "population"] == "ap"
    assert pd.isna(frame.loc[132131, "pupils"])
    assert frame["is_open"].isna().all()
