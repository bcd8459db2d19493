"""The LA geography from NCCIS NEET files and the LAIT code list; `write_geography` writes small
files in those formats for every LA-level adapter test."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters import la_geography
from dashboard.build.adapters.la_geography import read_geography
from dashboard.tables import validate

NEET_HEADER = ("time_period,time_identifier,geographic_level,country_code,country_name,"
               "region_code,region_name,old_la_code,new_la_code,la_name,Age,Cohort_DJFavg,"
               "NEET_not_known_percent,NEET_percent,Notknown_percent,cohort_March,"
               "TOTAL_participating_in_education_and_training_percent,NEET_NK_noSEN_percent,"
               "NEET_NK_EHCP_percent,NEET_NK_SENDsupport_percent")
NEET_PLACES = [
    "National,E92000001,England,,,,,",
    "Regional,E92000001,England,E12000005,West Midlands,,,",
    "Regional,E92000001,England,E12000003,Yorkshire and The Humber,,,",
    "Regional,E92000001,England,E12000007,London,,,",
    "Local authority,E92000001,England,E12000005,West Midlands,860,E10000028,Staffordshire",
    "Local authority,E92000001,England,E12000009,South West,838,E06000059,Dorset",
    "Local authority,E92000001,England,E12000003,Yorkshire and The Humber,815,{ny},"
    "North Yorkshire",
    "Regional,E92000001,England,,Region demo,,,",
    "Local authority,E92000001,England,,,,,LA demo",
]
# Values per place row: cohort, NEET or NK, NEET, NK, March cohort, participation, SEN splits.
NEET_VALUES = [
    "1335160,5.6,3.4,2.2,1337190,92,4.9,10.1,9.6",
    "151270,6.2,3.3,2.9,151540,92,,,",
    "133680,5.7,3.9,1.9,133770,91.3,,,",
    "201240,3.3,1.9,1.4,201740,96.3,,,",
    "18979,6,4.2,1.8,19033,89.6,4.7,12.9,z",
    "2500,4.0,2.0,2.0,2510,95.0,c,c,c",
    "6000,3.0,1.5,1.5,6010,94.0,,,",
    "1,1,1,1,1,1,1,1,1",
    "1,1,1,1,1,1,1,1,1",
]
CODE_LIST = [  # LA Number, LA Name, Region, Type (as LAIT's la_code_list.xlsx)
    ("201", "City of London", "Inner London", "ILB"),
    ("815", "North Yorkshire", "Yorkshire and The Humber", "UA"),
    ("835", "Dorset (Pre LG)", "South West", "SC"),
    ("836", "Poole (Pre LG)", "South West", "UA"),
    ("838", "Dorset", "South West", "UA"),
    ("860", "Staffordshire", "West Midlands", "SC"),
    ("970", "England", "NA", "NA"),
    ("984", "West Midlands", "NA", "NA"),
    ("987", "London (Inner)", "NA", "NA"),
]


def write_neet(path: Path, year: str, *, north_yorkshire: str = "E06000065") -> Path:
    lines = [NEET_HEADER]
    for place, values in zip(NEET_PLACES, NEET_VALUES, strict=True):
        lines.append(f"{year},Calendar year,{place.format(ny=north_yorkshire)},16-17,{values}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_geography(folder: Path) -> list[Path]:
    """NCCIS NEET files for 2022 and 2025 and a LAIT code list, in the publishers' formats."""
    folder.mkdir(parents=True, exist_ok=True)
    old = write_neet(folder / "neet_notknown_la_2022.csv", "2022", north_yorkshire="E10000023")
    new = write_neet(folder / "neet_notknown_la_2025.csv", "2025")
    code_list = folder / "la_code_list.xlsx"
    pd.DataFrame(CODE_LIST, columns=["LA Number", "LA Name", "Region", "Type"]).to_excel(
        code_list, index=False)
    return [old, new, code_list]


def test_la_codes_latest_neet_file_wins_and_names_come_from_the_code_list(
        geography_files: list[Path]) -> None:
    codes = validate("la_codes", la_geography.load_la_codes(geography_files), "test")
    by_number = codes.set_index("la_number")
    assert by_number.loc[815, "ons_code"] == "E06000065"  # 2022 file had E10000023
    assert by_number.loc[860, "ons_code"] == "E10000028"
    assert by_number.loc[201, "region_name"] == "London"  # DfE's "Inner London"
    assert pd.isna(by_number.loc[835, "ons_code"]) and by_number.loc[835, "la_name"] == (
        "Dorset (Pre LG)")
    assert 970 not in by_number.index and 987 not in by_number.index  # not LAs


def test_old_ons_codes_and_names_still_find_their_la(geography_files: list[Path]) -> None:
    geography = read_geography(geography_files)
    assert geography.la_by_ons_code["E10000023"] == 815
    names = pd.Series(["Dorset", "Poole", "Dorset", "Bedfordshire (Pre LGR 2009)",
                       "Bristol,  City of", "staffordshire"])
    periods = pd.Series(["2016/17", "2016/17", "2020/21", "2006/07", "2020/21", "2020/21"])
    numbers = geography.la_numbers_by_name(names, periods)
    # Dorset is the pre-2019 LA while Poole is still listed on its own.
    assert numbers.tolist()[:3] == [835, 836, 838]
    assert numbers.iloc[3:5].isna().all() and numbers.iloc[5] == 860
