"""School places scorecards."""

from __future__ import annotations

from pathlib import Path

from dashboard.build.adapters import scorecards
from tests.unit.dashboard.build.adapters.test_ees import checked, write
from tests.unit.dashboard.build.adapters.test_la_indicators import one


def test_scorecards_give_places_in_good_or_outstanding_schools(
        tmp_path: Path, geography_files: list[Path]) -> None:
    grades = [f"Qual_{p}_{g}_E" for p in "PS" for g in (1, 2, 3, 4, 0)]
    current = write(tmp_path / "scorecard_data_2025_2023.csv", [
        "Year,geographic_level,country_code,region_code,Region,LANumber,new_la_code,LA_name,"
        + ",".join(grades),
        "2024/25,Local authority,E92000001,E12000005,West Midlands,860,E10000028,Staffordshire,"
        + ",".join(["NA"] * 10),
        "2023/24,Local authority,E92000001,E12000005,West Midlands,860,E10000028,Staffordshire,"
        "6283,62041,6817,0,360,2420,49884,8934,0,0",
        "2023/24,National,E92000001,,England,0,,England,1,1,1,1,0,1,1,1,1,0",
    ])
    older = write(tmp_path / "scorecards_data_2022.csv", [
        "LANumber,LA_name,Region," + ",".join(grades),
        "860,Staffordshire,West Midlands,8734,57398,6440,0,840,1800,44973,11419,665,1550",
    ])
    frame = checked(scorecards.load_scorecards([current, older, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    primary = one(staffs, population="primary", period="2023/24")
    assert primary["value"] == 90.93 and primary["numerator"] == 68324
    assert primary["denominator"] == 75141  # unrated places left out
    assert one(staffs, population="secondary", period="2021/22")["area_code"] == "E10000028"
    assert one(frame, area_type="england", population="primary")["value"] == 50
    ungraded = one(staffs, population="primary", period="2024/25")
    assert ungraded["suppression"] == "x" and "September 2024" in ungraded["note"]
