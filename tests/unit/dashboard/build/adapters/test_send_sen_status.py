"""SEND dashboard figures by SEN status: key stage 2 and 4, absence, early years, SEN shares."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard.build.adapters import send_sen_status
from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_ees import checked, write
from tests.unit.dashboard.build.adapters.test_la_indicators import one

KS2_HEADER = ("time_period,geographic_level,region_name,la_name,characteristic,"
              "pt_rwm_met_expected_standard,t_rwm_met_expected_standard,t_rwm_eligible_pupils,"
              "Percent meeting expected standard,academic_year")


def test_ks2_sen_combines_the_la_file_with_its_regions_companion(
        tmp_path: Path, geography_files: list[Path]) -> None:
    la_file = write(tmp_path / "ks2_la.csv", [
        KS2_HEADER,
        "202223,National,,,EHC plan,8,9000,110000,8.18,2022/23",
        "202223,Regional,Inner London,,EHC plan,9,500,5000,10.0,2022/23",
        "202223,Local authority,West Midlands,Staffordshire,EHC plan,6,25,433,5.77,2022/23",
        "202223,Local authority,West Midlands,Staffordshire,SEN support,c,c,x,,2022/23",
        "202223,Local authority,West Midlands,Staffordshire,Unclassified,50,1,2,50.0,2022/23",
    ])
    regions = write(tmp_path / "ks2_regions.csv", [
        f"{KS2_HEADER},pc_change",
        "202223,National,,,EHC plan,8,9000,110000,8.18,2022/23,",
        "202223,Regional,London,,EHC plan,11,900,8000,11.25,2022/23,",
    ])
    frame = checked(send_sen_status.load_ks2_sen([la_file, regions, *geography_files]))
    ehcp = one(frame, la_number=860, pupil_group="sen_ehcp")
    assert ehcp["value"] == 6 and ehcp["numerator"] == 25 and ehcp["denominator"] == 433
    assert ehcp["measure_id"] == "ks2_rwm_expected_pct" and ehcp["period"] == "2022/23"
    assert one(frame, la_number=860, pupil_group="sen_support")["suppression"] == "c"
    assert len(frame[frame["area_type"] == "england"]) == 1  # in both files, kept once
    assert one(frame, area_name="London")["area_code"] == "E12000007"
    assert "Unclassified" not in set(frame["indicator_name"])
    assert len(frame[frame["la_number"] == 860]) == 2


def test_ks2_sen_files_that_disagree_stop_the_build(tmp_path: Path,
                                                    geography_files: list[Path]) -> None:
    la_file = write(tmp_path / "ks2_la.csv", [
        KS2_HEADER, "202223,National,,,EHC plan,8,9000,110000,8.18,2022/23"])
    regions = write(tmp_path / "ks2_regions.csv", [
        KS2_HEADER, "202223,National,,,EHC plan,9,9000,110000,8.18,2022/23"])
    with pytest.raises(SourceError, match="disagree"):
        send_sen_status.load_ks2_sen([la_file, regions, *geography_files])


def test_ks4_sen_progress8_gap_in_covid_years_carries_a_note(
        tmp_path: Path, geography_files: list[Path]) -> None:
    header = ("time_period,geographic_level,region_name,la_name,characteristic_sen_description,"
              "t_pupils,t_schools,avg_att8,avg_p8score,academic_year,SEN provision")
    la_file = write(tmp_path / "ks4_la.csv", [
        header,
        "202021.0,National,,,Any SEN,87210.0,4000.0,31.1,:,2020/21,All SEN",
        "202021.0,Local authority,West Midlands,Staffordshire,Any SEN,1305.0,66.0,29.6,:,"
        "2020/21,All SEN",
        "202223.0,Local authority,West Midlands,Staffordshire,No identified SEN,7785.0,56.0,"
        "47.6,-0.07,2022/23,No identified SEN",
    ])
    regions = write(tmp_path / "ks4_regions.csv", [f"{header},pc_change"])
    frame = checked(send_sen_status.load_ks4_sen([la_file, regions, *geography_files]))
    gap = one(frame, la_number=860, measure_id="ks4_progress8", period="2020/21")
    assert gap["suppression"] == "x" and "COVID-19" in gap["note"]
    att8 = one(frame, la_number=860, measure_id="ks4_attainment8", period="2020/21")
    assert att8["value"] == 29.6 and att8["pupil_group"] == "sen_any" and att8["unit"] == "score"
    assert one(frame, la_number=860, period="2022/23",
               measure_id="ks4_progress8")["pupil_group"] == "no_sen"


def test_absence_reads_the_dashboard_long_layout_and_the_ees_wide_layout(
        tmp_path: Path, geography_files: list[Path]) -> None:
    long_file = write(tmp_path / "absence_la.csv", [
        "time_period,geographic_level,characteristic,region_name,new_la_code,la_name,"
        "Absence measure,Percentage,academic_year",
        "202223,Local authority,SEN support,West Midlands,E10000028,Staffordshire,Overall,9.6,"
        "2022/23",
        "202223,Local authority,SEN support,West Midlands,E10000028,Staffordshire,Authorised,"
        "7.07,2022/23",
    ])
    wide_file = write(tmp_path / "absence_regions.csv", [
        "time_period,geographic_level,region_name,characteristic,sess_overall_percent",
        "202223,National,England,EHCP or Statement,12.1",
        "202223,Regional,London,No SEN,6.0",
    ])
    frame = checked(send_sen_status.load_absence_sen([long_file, wide_file, *geography_files]))
    row = one(frame, la_number=860)
    assert row["value"] == 9.6 and row["measure_id"] == "pct_overall_absence"
    assert row["pupil_group"] == "sen_support" and row["area_code"] == "E10000028"
    assert one(frame, area_type="england")["pupil_group"] == "sen_ehcp"
    assert one(frame, area_type="region")["area_code"] == "E12000007"


def test_eyfs_and_sen_shares_by_sen_status(tmp_path: Path, geography_files: list[Path]) -> None:
    eyfs = write(tmp_path / "eyfsp_gld_by_la.csv", [
        "time_period,geographic_level,region_code,region_name,new_la_code,la_name,"
        "characteristic_type,children_number,gld_number,gld_percentage,academic_year",
        "202122,Local authority,E12000005,West Midlands,E10000028,Staffordshire,EHC plan,143,6,"
        "4.2,2021/22",
        "202122,Local authority,E12000005,West Midlands,E10000028,Staffordshire,Unclassified,"
        "81,15,18.5,2021/22",
    ])
    frame = checked(send_sen_status.load_eyfs_sen([eyfs, *geography_files]))
    row = one(frame, la_number=860)
    assert (row["value"], row["numerator"], row["denominator"]) == (4.2, 6, 143)
    assert row["pupil_group"] == "sen_ehcp" and row["measure_id"] == "eyfs_gld_pct"

    all_schools = write(tmp_path / "pct_pupils_ehcp_by_la.csv", [
        "time_period,geographic_level,region_name,la_name,new_la_code,SEN provision,"
        "% of pupils,academic_year",
        "202223.0,Local authority,West Midlands,Staffordshire,E10000028,EHC plan,4.53,2022/23",
    ])
    mainstream = write(tmp_path / "pct_pupils_in_mainstream_with_sen_by_la.csv", [
        "time_period,region_name,geographic_level,la_name,total_pupils,SEN provision,"
        "% of pupils,academic_year",
        "202223.0,West Midlands,Local authority,Staffordshire,121945.0,All SEN,13.6,2022/23",
        "202223.0,West Midlands,Local authority,Staffordshire,121945.0,EHC plan,1.65,2022/23",
    ])
    shares = checked(send_sen_status.load_sen_shares([all_schools, mainstream, *geography_files]))
    assert one(shares, population="all")["measure_id"] == "pct_pupils_sen_ehcp"
    assert one(shares, population="mainstream", measure_id="pct_pupils_sen_any")["value"] == 13.6
    assert one(shares, population="mainstream",
               measure_id="pct_pupils_sen_ehcp")["denominator"] == 121945
