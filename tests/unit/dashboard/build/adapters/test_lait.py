"""LAIT indicators, from a small parquet and data dictionary in the DfE format."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import lait
from dashboard.errors import SourceError
from dashboard.tables import MEASURE_POPULATIONS, PUPIL_GROUPS, UNITS, validate
from tests.unit.dashboard.build.adapters.test_la_indicators import one

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
def lait_frame(tmp_path: Path, geography_files: list[Path]) -> pd.DataFrame:
    frame = lait.load_lait([*write_lait(tmp_path / "lait"), *geography_files])
    return validate("la_indicators", frame, "test")


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
