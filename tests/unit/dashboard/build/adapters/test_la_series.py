"""LA-level series (NEET, exclusions, SEND dashboard, KS4 characteristics, scorecards) from
small files in the publishers' formats."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import la_series
from dashboard.errors import SourceError
from dashboard.tables import validate
from tests.unit.dashboard.build.adapters.test_lait import one, write_geography, write_neet


@pytest.fixture
def geography_files(tmp_path: Path) -> list[Path]:
    return write_geography(tmp_path / "geo")


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def checked(frame: pd.DataFrame) -> pd.DataFrame:
    return validate("la_indicators", frame, "test")


def test_neet_keeps_calendar_years_codes_and_sen_groups(tmp_path: Path) -> None:
    frame = checked(la_series.load_neet([write_neet(tmp_path / "neet_2025.csv", "2025")]))
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


EXCLUSIONS_HEADER = ('"year","level","la_name","school_type","num_schools","headcount",'
                     '"perm_excl","perm_excl_rate","fixed_excl","fixed_excl_rate",'
                     '"one_plus_fixed","one_or_more_fixed_excl_rate"')


def test_exclusions_map_phases_rates_and_names(tmp_path: Path,
                                               geography_files: list[Path]) -> None:
    path = write(tmp_path / "exclusions.csv", [
        EXCLUSIONS_HEADER,
        '"201617","National","England","Total","21319","8025075","7720","0.1","381865",'
        '"4.76","183475","2.29"',
        '"201617","Region","West Midlands","Total","2200","900000","900","0.1","40000",'
        '"4.44","20000","2.22"',
        '"201617","Region","Inner London","Total","800","300000","300","0.1","9000","3",'
        '"5000","1.67"',
        '"201617","Local authority","Staffordshire","Total","390","121006","196","0.16",'
        '"5534","4.57","2827","2.34"',
        '"201617","Local authority","Staffordshire","Special","23","2339","x","x","111",'
        '"4.75","63","2.69"',
        '"201617","Local authority","Dorset","Total","190","60000","30","0.05","2000","3.33",'
        '"900","1.5"',
        '"201617","Local authority","Poole","Total","50","20000","10","0.05","700","3.5",'
        '"300","1.5"',
        '"200809","Local authority","Bedford","Total","32","0","29",".","787",".","478","."',
        '"200607","Local authority","NULL","Total","1","0","20",".","0",".","0","."',
    ])
    frame = checked(la_series.load_exclusions([path, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    perm = one(staffs, measure_id="permanent_exclusion_rate", population="all")
    assert perm["value"] == 0.16 and perm["numerator"] == 196 and perm["denominator"] == 121006
    assert perm["period"] == "2016/17" and perm["unit"] == "rate"
    assert perm["note"] == "Permanent exclusions per 100 pupils"
    special = one(staffs, measure_id="permanent_exclusion_rate", population="special")
    assert pd.isna(special["value"]) and special["suppression"] == "x"
    assert one(staffs, measure_id="pct_pupils_one_or_more_suspensions",
               population="all")["unit"] == "percent"
    assert set(frame.loc[frame["area_name"] == "Dorset", "la_number"]) == {835}  # pre-2019
    bedford = one(frame, area_name="Bedford", measure_id="suspension_rate")
    assert bedford["suppression"] == "x" and bedford["numerator"] == 787  # '.': no pupils
    assert not frame["area_name"].isin(["Inner London", "NULL"]).any()


def test_exclusions_unknown_school_type_stops_the_build(tmp_path: Path,
                                                         geography_files: list[Path]) -> None:
    path = write(tmp_path / "exclusions.csv", [
        EXCLUSIONS_HEADER,
        '"201617","National","England","Nursery","1","1","0","0","0","0","0","0"'])
    with pytest.raises(SourceError, match="school_type"):
        la_series.load_exclusions([path, *geography_files])


OFSTED_HEADER = ("Year,school_type,Overall effectiveness,grand_total_schools,geographic_level,"
                 "Region,la_name,Measure,Value")


def ofsted_lines(year: str, school_type: str, total: int, counts: dict[str, int], level: str,
                 region: str, la: str = "") -> list[str]:
    lines = []
    for grade, count in counts.items():
        for measure, value in (("% of schools", round(100 * count / total, 2)),
                               ("number of schools", float(count))):
            lines.append(f"{year},{school_type},{grade},{total},{level},{region},{la},"
                         f"Overall effectiveness ({measure}),{value}")
    return lines


def test_ofsted_outcomes_give_percentages_with_counts(tmp_path: Path,
                                                      geography_files: list[Path]) -> None:
    mainstream = {"Outstanding": 40, "Good": 286, "Requires improvement": 39, "Inadequate": 4}
    path = write(tmp_path / "ofsted.csv", [
        OFSTED_HEADER,
        *ofsted_lines("2023", "State-funded mainstream school", 369, mainstream,
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "State-funded special school", 23,
                      {"Outstanding": 5, "Good": 17, "Inadequate": 1},
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "Non-maintained special school", 2, {"Good": 2},
                      "Local authority", "West Midlands", "Staffordshire"),
        *ofsted_lines("2023", "State-funded mainstream school", 20441,
                      {"Outstanding": 3085, "Good": 15085, "Requires improvement": 1778,
                       "Inadequate": 493}, "National", "England"),
    ])
    frame = checked(la_series.load_ofsted_outcomes([path, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    good = one(staffs, measure_id="pct_schools_good_or_outstanding", population="mainstream")
    assert good["value"] == 88.35 and good["numerator"] == 326 and good["denominator"] == 369
    assert good["period"] == "2023-08-31" and good["period_label"] == "31 August 2023"
    assert one(staffs, measure_id="pct_schools_inadequate",
               population="mainstream")["value"] == 1.08
    no_ri = one(staffs, measure_id="pct_schools_requires_improvement", population="special")
    assert no_ri["value"] == 0 and no_ri["numerator"] == 0  # no row: no such schools
    assert set(frame["population"]) == {"mainstream", "special"}  # non-maintained left out
    assert one(frame, area_type="england", measure_id="pct_schools_outstanding")["value"] == (
        15.09)


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
    frame = checked(la_series.load_ks2_sen([la_file, regions, *geography_files]))
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
        la_series.load_ks2_sen([la_file, regions, *geography_files])


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
    frame = checked(la_series.load_ks4_sen([la_file, regions, *geography_files]))
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
    frame = checked(la_series.load_absence_sen([long_file, wide_file, *geography_files]))
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
    frame = checked(la_series.load_eyfs_sen([eyfs, *geography_files]))
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
    shares = checked(la_series.load_sen_shares([all_schools, mainstream, *geography_files]))
    assert one(shares, population="all")["measure_id"] == "pct_pupils_sen_ehcp"
    assert one(shares, population="mainstream", measure_id="pct_pupils_sen_any")["value"] == 13.6
    assert one(shares, population="mainstream",
               measure_id="pct_pupils_sen_ehcp")["denominator"] == 121945


def test_ks4_characteristics_read_one_group_per_row(tmp_path: Path,
                                                    geography_files: list[Path]) -> None:
    columns = ["time_period", "geographic_level", "country_code", "region_code", "region_name",
               "old_la_code", "new_la_code", "la_name", "gender", "ethnic_major",
               "free_school_meals", "sen_status", "sen_description", "disadvantage",
               "first_language", "t_pupils", "avg_att8", "t_l2basics_94", "pt_l2basics_94",
               "t_l2basics_95", "pt_l2basics_95", "t_ebacc_e_ptq_ee", "pt_ebacc_e_ptq_ee",
               "t_inp8calc", "avg_p8score"]
    place = ["201819", "Local authority", "E92000001", "E12000005", "West Midlands", "860",
             "E10000028", "Staffordshire"]
    total = ["Total"] * 7
    values = ["100", "44.5", "61", "61.0", "37", "37.0", "34", "34.0", "98", "-0.17"]

    def row(**splits: str) -> list[str]:
        names = ["gender", "ethnic_major", "free_school_meals", "sen_status", "sen_description",
                 "disadvantage", "first_language"]
        return place + [splits.get(n, t) for n, t in zip(names, total, strict=True)] + values

    rows = [row(), row(gender="Boys"), row(disadvantage="Disadvantaged"),
            row(sen_status="SEN State EHC"), row(sen_description="Any SEN"),
            row(sen_description="No identified SEN"), row(first_language="Other than English"),
            row(gender="Boys", disadvantage="Disadvantaged"), row(ethnic_major="White")]
    path = tmp_path / "201819_LA_characteristics.csv"
    pd.DataFrame(rows, columns=columns).to_csv(path, index=False)
    frame = checked(la_series.load_ks4_characteristics([path, *geography_files]))
    groups = set(frame["pupil_group"])
    assert groups == {"all", "boys", "disadvantaged", "sen_ehcp", "sen_any", "eal"}
    grade4 = one(frame, pupil_group="eal", measure_id="ks4_english_maths_grade4_pct")
    assert (grade4["value"], grade4["numerator"], grade4["denominator"]) == (61, 61, 100)
    assert grade4["period"] == "2018/19" and grade4["area_code"] == "E10000028"


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
    frame = checked(la_series.load_scorecards([current, older, *geography_files]))
    staffs = frame[frame["la_number"] == 860]
    primary = one(staffs, population="primary", period="2023/24")
    assert primary["value"] == 90.93 and primary["numerator"] == 68324
    assert primary["denominator"] == 75141  # unrated places left out
    assert one(staffs, population="secondary", period="2021/22")["area_code"] == "E10000028"
    assert one(frame, area_type="england", population="primary")["value"] == 50
    ungraded = one(staffs, population="primary", period="2024/25")
    assert ungraded["suppression"] == "x" and "September 2024" in ungraded["note"]


def test_every_series_table_maps_each_measure_group_once() -> None:
    tables = [la_series.NEET_SERIES, la_series.EXCLUSION_SERIES, la_series.KS2_SEN_SERIES,
              la_series.KS4_SEN_SERIES, la_series.EYFS_SEN_SERIES,
              la_series.KS4_CHARACTERISTIC_SERIES]
    for table in tables:
        targets = [tuple(spec.series[:3]) for spec in table.values()]
        assert len(targets) == len(set(targets))
