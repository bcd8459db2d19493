"""LAIT indicators, LA codes and statistical neighbours, from small files in the DfE formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import lait
from dashboard.build.adapters.lait import SeriesMap, academic_year, indicator_frame, read_geography
from dashboard.errors import SourceError
from dashboard.tables import MEASURE_POPULATIONS, PUPIL_GROUPS, UNITS, validate

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


LAIT_ROWS = [  # Short Desc, Data item, Years, LA and Regions, Values, LA Number, Region
    ("KS2RWM_Expected_STD", "KS2 RWM expected", "2016", "Staffordshire", "53", 860,
     "West Midlands"),
    ("KS2RWM_Expected_STD", None, "2020", "Staffordshire", "-", 860, "West Midlands"),
    ("KS2RWM_Expected_STD", None, "2016", "England", "54", 970, "NA"),
    ("KS2RWM_Expected_STD", None, "2020", "England", "-", 970, "NA"),
    ("KS2RWM_Expected_STD", None, "2016", "West Midlands", "52", 984, "NA"),
    ("KS2RWM_Expected_STD", None, "2016", "London (Inner)", "57", 987, "NA"),
    ("KS2RWM_Expected_STD", None, "2016", "Dorset (Pre LG)", "-", 835, "South West"),
    ("KS2RWM_Higher_STD", None, "2024 (prov)", "Staffordshire", "7", 860, "West Midlands"),
    ("KS2RWM_Higher_STD", None, "2024 (Rev)", "Staffordshire", "8", 860, "West Midlands"),
    ("TotFixedEx", "% Total Fixed period exclusions", "2023/24", "Staffordshire",
     "10.219820000000001", 860, "West Midlands"),
    ("16-17 NEET", None, "2025", "Staffordshire", "4.2", 860, "West Midlands"),
    ("RTA", "Children killed in RTAs", "2014-16", "Staffordshire", "20.5", 860, "West Midlands"),
]


def write_lait(folder: Path, rows: list[tuple] = LAIT_ROWS) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    table = folder / "bds_long_0.parquet"
    pd.DataFrame(rows, columns=["Short Desc", "Data item", "Years", "LA and Regions", "Values",
                                "LA Number", "Region"]).astype({"LA Number": "float64"}
                                                               ).to_parquet(table, index=False)
    dictionary = folder / "lait_data_dictionary.csv"
    dictionary.write_text(
        '"Measure_code","Topic","Measure","Measure_short","Year_Type"\n'
        '"1","Education","KS2 % reading, writing and mathematics - Expected standard",'
        '"KS2RWM_Expected_STD","Academic Year"\n'
        '"2","Education","Total Suspensions","TotFixedEx","Academic Year"\n', encoding="utf-8")
    return [table, dictionary]


@pytest.fixture
def geography_files(tmp_path: Path) -> list[Path]:
    return write_geography(tmp_path / "geo")


@pytest.fixture
def lait_frame(tmp_path: Path, geography_files: list[Path]) -> pd.DataFrame:
    frame = lait.load_lait([*write_lait(tmp_path / "lait"), *geography_files])
    return validate("la_indicators", frame, "test")


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (index,) = frame.index[mask]
    return frame.loc[index]


@pytest.mark.parametrize(("label", "expected"), [
    ("2016", "2015/16"), ("2023/24", "2023/24"), ("2023-24", "2023/24"),
    ("202324", "2023/24"), ("202324.0", "2023/24"), ("2024 (Rev)", "2023/24"),
    ("2025 (prov)", "2024/25"), ("2024-25 (OT)", "2024/25"), ("2014-16", None),
    ("2013/14-15/16", None), ("0", None),
])
def test_academic_year_reads_every_lait_label(label: str, expected: str | None) -> None:
    assert academic_year(label) == expected


def test_lait_periods_are_academic_years_and_labels_stay_as_published(
        lait_frame: pd.DataFrame) -> None:
    row = one(lait_frame, indicator_id="KS2RWM_Expected_STD", la_number=860, period="2015/16")
    assert row["value"] == 53 and row["period_label"] == "2016"
    assert row["measure_id"] == "ks2_rwm_expected_pct" and row["area_code"] == "E10000028"
    assert row["indicator_name"] == "KS2 % reading, writing and mathematics - Expected standard"
    neet = one(lait_frame, indicator_id="16-17 NEET")
    assert neet["period"] == "2025" and neet["measure_id"] == "neet_pct"  # calendar year


def test_lait_covid_gap_is_suppressed_with_a_note_not_zero(lait_frame: pd.DataFrame) -> None:
    row = one(lait_frame, indicator_id="KS2RWM_Expected_STD", la_number=860, period="2019/20")
    assert pd.isna(row["value"]) and row["suppression"] == "x"
    assert row["note"] == "No assessments in 2020 and 2021 (COVID-19)"
    abolished = one(lait_frame, area_name="Dorset (Pre LG)")
    assert abolished["suppression"] == "x" and pd.isna(abolished["note"])  # not a COVID gap


def test_lait_places_england_regions_and_drops_inner_london(lait_frame: pd.DataFrame) -> None:
    places = lait_frame.drop_duplicates("area_name").set_index("area_name")
    assert places.loc["England", "area_type"] == "england"
    assert places.loc["England", "area_code"] == "E92000001"
    assert places.loc["West Midlands", "area_type"] == "region"
    assert places.loc["West Midlands", "area_code"] == "E12000005"
    assert pd.isna(places.loc["West Midlands", "la_number"])
    assert "London (Inner)" not in places.index
    assert "RTA" not in set(lait_frame["indicator_id"])  # feeds no measure


def test_lait_keeps_the_revised_figure_over_the_provisional(lait_frame: pd.DataFrame) -> None:
    row = one(lait_frame, indicator_id="KS2RWM_Higher_STD")
    assert row["value"] == 8 and row["period_label"] == "2024 (Rev)"
    assert row["period"] == "2023/24"
    assert row["indicator_name"] == "KS2RWM_Higher_STD"  # no name in dictionary or table


def test_lait_rates_say_per_100_pupils(lait_frame: pd.DataFrame) -> None:
    row = one(lait_frame, indicator_id="TotFixedEx")
    assert row["unit"] == "rate" and row["note"] == "Suspensions per 100 pupils"
    assert row["value"] == pytest.approx(10.21982)


def test_lait_bad_value_names_file_and_column(tmp_path: Path,
                                              geography_files: list[Path]) -> None:
    rows = [("TotAbs", None, "2016", "Staffordshire", "four", 860, "West Midlands")]
    with pytest.raises(SourceError) as caught:
        lait.load_lait([*write_lait(tmp_path / "bad", rows), *geography_files])
    assert "bds_long_0.parquet" in str(caught.value) and "'Values'" in str(caught.value)


def test_lait_missing_column_stops_the_build(tmp_path: Path,
                                             geography_files: list[Path]) -> None:
    table, dictionary = write_lait(tmp_path / "lait")
    pd.read_parquet(table).drop(columns=["Years"]).to_parquet(table)
    with pytest.raises(SourceError, match="Years"):
        lait.load_lait([table, dictionary, *geography_files])


def test_series_tables_map_each_measure_group_once_and_use_known_codes() -> None:
    targets = [tuple(s[:3]) for s in lait.LAIT_SERIES.values()]
    assert len(targets) == len(set(targets))
    for series in lait.LAIT_SERIES.values():
        assert series.population in MEASURE_POPULATIONS
        assert series.pupil_group in PUPIL_GROUPS and series.unit in UNITS


def test_two_series_feeding_one_measure_is_refused() -> None:
    rows = pd.DataFrame({
        "indicator_id": ["A", "B"], "indicator_name": ["A", "B"],
        **{k: [v, v] for k, v in SeriesMap("neet_pct")._asdict().items()},
        "area_type": "la", "area_name": "Staffordshire", "period": "2025",
        "period_label": "2025", "value": [1.0, 2.0],
    })
    with pytest.raises(SourceError, match="same measure"):
        indicator_frame(rows, "test")


def test_la_codes_latest_neet_file_wins_and_names_come_from_the_code_list(
        geography_files: list[Path]) -> None:
    codes = validate("la_codes", lait.load_la_codes(geography_files), "test")
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


def write_neighbour_csv(path: Path) -> Path:
    header = "LA_num,LA_name,LA_number,GOInd,GOReg," + ",".join(
        f"SN{k},SNP_{k}" for k in range(1, 11))
    row = "860.0,Staffordshire,860.0,8.0,West Midlands," + ",".join(
        f"{n}.0,Very Close" for n in (811, 884, 893, 815, 933, 830, 877, 891, 943, 888))
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def write_neighbour_workbook(path: Path) -> Path:
    """The DfE workbook layout: two rows above the header, SNP repeated, an 'Old SNs' block."""
    header = ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]
    for k in range(1, 11):
        header += [f"SN{k}", "SNP"]
    width = len(header)
    staffs = ["860", "Staffordshire", "860", "8", "West Midlands"]
    for n in (891, 830, 885, 937, 881, 811, 896, 940, 909, 888):
        staffs += [str(n), "Very Close"]
    old = ["835", "Dorset (Pre LG)", "835", "7", "South West"] + ["893", "Extremely Close"] * 10
    rows = [["A"] * width, [str(i) for i in range(width)], header, staffs, [""] * width,
            ["", "Old SNs:"] + [""] * (width - 2), old]
    pd.DataFrame(rows).to_excel(path, index=False, header=False, sheet_name="LA SN Groups")
    return path


def test_neighbours_load_from_the_tidy_csv_and_the_dfe_workbook(tmp_path: Path) -> None:
    paths = [write_neighbour_csv(tmp_path / "statistical_neighbours_may2025.csv"),
             write_neighbour_workbook(tmp_path / "sn_april_2021.xlsx")]
    frame = validate("neighbours", lait.load_neighbours(paths), "test")
    staffs = frame[frame["la_number"] == 860]
    assert staffs[staffs["list_year"] == "2025"]["neighbour_la_number"].tolist() == [
        811, 884, 893, 815, 933, 830, 877, 891, 943, 888]
    first_2021 = one(staffs, list_year="2021", rank=1)
    assert first_2021["neighbour_la_number"] == 891 and first_2021["closeness"] == "Very close"
    assert len(frame[frame["la_number"] == 835]) == 10  # the "Old SNs" block is read too


def test_neighbours_without_a_year_in_the_file_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="year"):
        lait.load_neighbours([write_neighbour_csv(tmp_path / "neighbours.csv")])
