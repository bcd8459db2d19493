"""KS2 / KS4 school results adapters, on small files written in each publisher's format."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import results
from dashboard.errors import SourceError
from dashboard.tables import validate

KS2_REHOST_HEADER = (
    "URN,KS2 Pupils,KS2 Boys,KS2 Girls,Reading Progress,Reading Score,Reading Meet Std,"
    "Reading Exceed Std,Reading Progress Band,Reading Progress Desc,Writing Progress,"
    "Writing Score,Writing Meet Std,Writing Exceed Std,Writing Progress Band,"
    "Writing Progress Desc,Maths Progress,Maths Score,Maths Meet Std,Maths Exceed Std,"
    "Maths Progress Band,Maths Progress Desc,Overall Meet Std,Overall Exceed Std,Academic Year"
)
KS4_REHOST_HEADER = (
    "URN,KS4 Pupils,KS4 Boys,KS4 Girls,Progress 8,Progress 8 Boys,Progress 8 Girls,"
    "Attainment 8,Attainment 8 Boys,Attainment 8 Girls,Eng Maths Grade 5,Entering EBacc,"
    "EBacc Avg Score,EBacc Avg Boys,EBacc Avg Girls,EBacc Grade 5,Progress 8 Band,P8 Desc,"
    "Academic Year"
)


def write(path: Path, *lines: str) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def load(source_id: str, *paths: Path) -> pd.DataFrame:
    source = next(s for s in results.SOURCES if s.id == source_id)
    return validate(source.table, source.load(list(paths)), source_id)


def value(frame: pd.DataFrame, urn: int, measure_id: str, pupil_group: str = "all") -> pd.Series:
    rows = frame[(frame["urn"] == urn) & (frame["measure_id"] == measure_id)
                 & (frame["pupil_group"] == pupil_group)]
    assert len(rows) == 1, f"expected one {measure_id}/{pupil_group} row for {urn}"
    return rows.iloc[0]


def test_ks2_rehost_maps_columns_codes_and_the_mislabelled_gps(tmp_path: Path) -> None:
    path = write(
        tmp_path / "ks2_perf_2016.csv", KS2_REHOST_HEADER,
        "100000,28,16,12,2.7,106,93%,18%,,,2.2,106,96%,18%,,,3,106,100%,18%,,,89%,7%,2016",
        # Low coverage progress scores, nothing published for the scaled scores.
        "100001,9,5,4,LOWCOV,,56%,0%,,,LOWCOV,,67%,0%,,,LOWCOV,,44%,0%,,,44%,0%,2016",
    )
    frame = load("ks2_perf_2015_16", path)

    assert set(frame["period"]) == {"2015/16"} and set(frame["pupil_group"]) == {"all"}
    rwm = value(frame, 100000, "ks2_rwm_expected_pct")
    assert rwm["value"] == 89.0 and rwm["cohort"] == 28 and pd.isna(rwm["suppression"])
    assert value(frame, 100000, "ks2_gps_expected_pct")["value"] == 96.0  # "Writing Meet Std"
    assert value(frame, 100000, "ks2_reading_average_score")["value"] == 106.0
    low = value(frame, 100001, "ks2_reading_progress")
    assert pd.isna(low["value"]) and low["suppression"] == "low"
    # A blank with no code means nothing was published: no row at all.
    assert frame[(frame["urn"] == 100001)
                 & (frame["measure_id"] == "ks2_maths_average_score")].empty
    assert len(frame) == 10 + 8


def test_ks2_rehost_rejects_another_year_and_bad_values(tmp_path: Path) -> None:
    row = "100000,28,16,12,2.7,106,93%,18%,,,2.2,106,96%,18%,,,3,106,100%,18%,,,89%,7%,{year}"
    wrong_year = write(tmp_path / "ks2_perf_2017.csv", KS2_REHOST_HEADER, row.format(year=2017))
    with pytest.raises(SourceError, match=r"ks2_perf_2017\.csv, column 'Academic Year'.*2015/16"):
        load("ks2_perf_2015_16", wrong_year)

    bad = write(tmp_path / "ks2_bad.csv", KS2_REHOST_HEADER,
                row.format(year=2016).replace("89%", "eighty"))
    with pytest.raises(SourceError, match=r"ks2_bad.csv, column 'Overall Meet Std'.*100000="):
        load("ks2_perf_2015_16", bad)


def test_ks2_official_names_and_pupil_groups_load(tmp_path: Path) -> None:
    path = write(
        tmp_path / "england_ks2final.csv",
        "RECTYPE,LEA,URN,TELIG,BELIG,GELIG,TFSM6CLA1A,TNotFSM6CLA1A,PTRWM_EXP,PTRWM_HIGH,"
        "READPROG,WRITPROG,MATPROG,PTREAD_EXP,PTMAT_EXP,PTGPS_EXP,READ_AVERAGE,MAT_AVERAGE,"
        "PTRWM_EXP_FSM6CLA1A,PTRWM_EXP_NotFSM6CLA1A,PTRWM_EXP_B,PTRWM_EXP_G,READPROG_FSM6CLA1A",
        "1,860,124034,30,14,16,8,22,70%,10%,0.5,1.1,-0.3,80%,77%,83%,105,104,50%,77%,64%,75%,-1.2",
        "2,860,124999,6,4,2,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,SUPP,"
        "SUPP,SUPP,SUPP,SUPP",
        # LA and national totals carry no URN and are not schools.
        "3,860,,5000,2500,2500,1500,3500,60%,8%,,,,,,,,,,,,,",
        "4,,,600000,300000,300000,180000,420000,65%,10%,,,,,,,,,,,,,",
    )
    frame = load("ks2_final_2018_19", path)

    assert set(frame["urn"]) == {124034, 124999}
    assert value(frame, 124034, "ks2_rwm_expected_pct")["value"] == 70.0
    disadvantaged = value(frame, 124034, "ks2_rwm_expected_pct", "disadvantaged")
    assert disadvantaged["value"] == 50.0 and disadvantaged["cohort"] == 8
    assert value(frame, 124034, "ks2_rwm_expected_pct", "not_disadvantaged")["cohort"] == 22
    assert value(frame, 124034, "ks2_rwm_expected_pct", "girls")["value"] == 75.0
    assert value(frame, 124034, "ks2_reading_progress", "disadvantaged")["value"] == -1.2
    suppressed = value(frame, 124999, "ks2_rwm_expected_pct", "boys")
    assert pd.isna(suppressed["value"]) and suppressed["suppression"] == "supp"


def test_ks2_2018_19_reduced_file_needs_only_progress_scores(tmp_path: Path) -> None:
    path = write(
        tmp_path / "england_ks2final_reduced.csv",
        "RECTYPE,URN,SCHNAME,READPROG,READPROG_DESCR,WRITPROG,WRITPROG_DESCR,MATPROG,"
        "MATPROG_DESCR,OFSTEDRATING",
        "1,141279,Bringhurst Primary School,2.6,2,2.3,3,2,3,",
        "2,141280,Special School,SUPP,SUPP,SUPP,SUPP,LOWCOV,LOWCOV,Good",
    )
    frame = load("ks2_final_2018_19", path)
    assert set(frame["measure_id"]) == set(results.KS2_PROGRESS)
    assert frame["cohort"].isna().all() and set(frame["period"]) == {"2018/19"}
    assert value(frame, 141280, "ks2_maths_progress")["suppression"] == "low"

    path.write_text("RECTYPE,URN,READPROG,WRITPROG\n1,141279,2.6,2.3\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"column 'ks2_maths_progress/all'.*MATPROG"):
        load("ks2_final_2018_19", path)


@pytest.mark.parametrize("end_year, basics", [(2016, "astar_to_c"), (2018, "grade5")])
def test_ks4_rehost_names_the_english_and_maths_measure_by_year(
        tmp_path: Path, end_year: int, basics: str) -> None:
    path = write(
        tmp_path / f"ks4_perf_{end_year}.csv", KS4_REHOST_HEADER,
        f"100049,197,114,83,-0.1,-0.25,0.12,44.9,43.8,46.5,41%,12%,3.82,3.79,3.87,5%,3,Average,"
        f"{end_year}",
        f"100050,168,,168,,,,57.1,,57.1,60%,61%,,,,39%,,,{end_year}",
    )
    frame = load(f"ks4_perf_{results.academic_year(end_year).replace('/', '_')}", path)

    assert value(frame, 100049, f"ks4_english_maths_{basics}_pct")["value"] == 41.0
    assert value(frame, 100049, f"ks4_ebacc_{basics}_pct")["value"] == 5.0
    assert value(frame, 100049, "ks4_ebacc_entry_pct")["value"] == 12.0
    boys = value(frame, 100049, "ks4_progress8", "boys")
    assert boys["value"] == -0.25 and boys["cohort"] == 114
    assert value(frame, 100050, "ks4_attainment8", "girls")["cohort"] == 168
    assert frame[(frame["urn"] == 100050) & (frame["measure_id"] == "ks4_progress8")].empty
    assert value(frame, 100049, "ks4_ebacc_aps", "girls")["value"] == 3.87


def test_ks4_provisional_keeps_dfe_codes(tmp_path: Path) -> None:
    header = ("RECTYPE,LEA,ESTAB,URN,SCHNAME,ICLOSE,NFTYPE,TPUP,ATT8SCR,P8PUP,TP8ADJ,P8MEA,"
              "P8CILOW,P8CIUPP,PTL2BASICS_94,PTL2BASICS_95,EBACCAPS,PTEBACC_E_PTQ_EE,PTEBACC_94,"
              "PTEBACC_95,P8_BANDING")
    path = write(
        tmp_path / "england_ks4provisional.csv", header,
        "1,860,4000,124400,A Academy,0,AC,180,46.2,175,1,-0.05,-0.2,0.1,64%,40%,4.1,35%,22%,14%,3",
        "1,860,6000,124401,Independent,0,IND,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA,NA",
        "2,860,7000,124402,Special,0,CYS,9,NE,NE,NE,NE,NE,NE,SUPP,SUPP,NE,NE,NE,NE,",
        "4,860,,,,,,8444,44.4,8226,58,-0.16,-0.19,-0.13,60.9%,36.6%,3.9,30%,20%,13%,",
    )
    frame = load("ks4_provisional_2018_19", path)

    assert set(frame["urn"]) == {124400, 124401, 124402}
    grade4 = value(frame, 124400, "ks4_english_maths_grade4_pct")
    assert grade4["value"] == 64.0 and grade4["cohort"] == 180
    assert value(frame, 124400, "ks4_ebacc_grade5_pct")["value"] == 14.0
    assert value(frame, 124401, "ks4_attainment8")["suppression"] == "x"  # NA: not available
    assert value(frame, 124402, "ks4_progress8")["suppression"] == "ne"
    assert value(frame, 124402, "ks4_english_maths_grade5_pct")["suppression"] == "supp"
    assert frame["value"].notna().sum() == 8


def test_json_results_take_the_year_and_drop_nulls(tmp_path: Path) -> None:
    ks2 = tmp_path / "ks2-by-urn.json"
    ks2.write_text(json.dumps({
        "100000": {"rwmExp": 76, "rwmHigh": 16, "readProg": -0.1, "writProg": 0.5,
                   "matProg": 0.1, "year": "2022/23"},
        "100001": {"rwmExp": None, "rwmHigh": None, "readProg": None, "writProg": None,
                   "matProg": None, "year": "2022/23"},
    }), encoding="utf-8")
    frame = load("ks2_by_urn_2022_23", ks2)
    assert len(frame) == 5 and set(frame["urn"]) == {100000}
    assert value(frame, 100000, "ks2_rwm_expected_pct")["value"] == 76.0
    assert set(frame["period"]) == {"2022/23"} and frame["cohort"].isna().all()

    ks4 = tmp_path / "ks4-by-urn.json"
    ks4.write_text(json.dumps({
        "100049": {"p8": -0.28, "att8": 41.7, "em5": 43, "em4": 61, "ebaccEntry": 34,
                   "ebacc94": 26, "disP8": -0.44, "year": "2022/23"},
    }), encoding="utf-8")
    frame = load("ks4_by_urn_2022_23", ks4)
    assert value(frame, 100049, "ks4_progress8", "disadvantaged")["value"] == -0.44
    assert value(frame, 100049, "ks4_ebacc_grade4_pct")["value"] == 26.0
    assert len(frame) == 7

    ks4.write_text(json.dumps({"100049": {"p8": 0.1}}), encoding="utf-8")
    with pytest.raises(SourceError, match=r"ks4-by-urn\.json, column 'year'.*100049"):
        load("ks4_by_urn_2022_23", ks4)


def test_every_source_has_its_contract_fields() -> None:
    ids = [source.id for source in results.SOURCES]
    assert len(ids) == len(set(ids))
    for source in results.SOURCES:
        assert source.table in {"ks2_results", "ks4_results"}
        assert source.official_url.startswith("https://")
        assert source.covers and source.lacks and source.data_date
