"""School census and absence -> school_context."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import census
from dashboard.errors import SourceError
from dashboard.tables import validate

CENSUS_ROW = {
    "URN": "124034", "LA": "860", "ESTAB": "2123", "SCHOOLTYPE": "State-funded primary",
    "NOR": "200", "NORG": "110", "NORB": "90", "PNORG": "55", "PNORB": "45", "TSENELSE": "4",
    "PSENELSE": "2", "TSENELK": "30", "PSENELK": "15", "NUMEAL": "10", "NUMENGFL": "190",
    "NUMUNCFL": "0", "PNUMEAL": "5", "PNUMENGFL": "95", "PNUMUNCFL": "0", "NUMFSM": "25",
    "NUMFSMEVER": "40", "PNUMFSMEVER": "21.3",
}
NATIONAL_ROW = {**CENSUS_ROW, "URN": "NAT", "LA": "", "ESTAB": "PRI", "NOR": "4727089"}


def write_csv(path: Path, rows: list[dict]) -> Path:
    pd.DataFrame(rows).to_csv(path, index=False)
    return path


def census_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "england_census.csv", [
        NATIONAL_ROW,
        CENSUS_ROW,
        {**CENSUS_ROW, "URN": "124488", "SCHOOLTYPE": "Independent school", "NUMEAL": "NA",
         "PNUMEAL": "NA", "NUMFSM": "NA", "NUMFSMEVER": "NA", "PNUMFSMEVER": "NA"},
        {**CENSUS_ROW, "URN": "123962", "SCHOOLTYPE": "State-funded nursery", "NOR": "0",
         "NUMFSM": "0", "PNUMFSMEVER": "NA"},
    ])


def absence_file(tmp_path: Path) -> Path:
    return write_csv(tmp_path / "england_abs.csv", [
        {"LA": "NAT", "ESTAB": "PRI", "URN": "", "PERCTOT": "4", "PPERSABS10": "8.2"},
        {"LA": "860", "ESTAB": "2123", "URN": "124034", "PERCTOT": "3.9", "PPERSABS10": "SUPP"},
        {"LA": "860", "ESTAB": "2999", "URN": "149999", "PERCTOT": "5.1", "PPERSABS10": "12"},
    ])


def test_census_joined_to_absence(tmp_path: Path) -> None:
    frame = census.load_census_absence([census_file(tmp_path), absence_file(tmp_path)])
    frame = validate("school_context", frame, "test").set_index("urn")
    assert sorted(frame.index) == [123962, 124034, 124488, 149999]
    school = frame.loc[124034]
    assert school["period"] == "2018/19"
    assert school["pupils"] == 200
    assert school["pct_girls"] == 55.0
    assert school["pct_fsm_current"] == 12.5  # NUMFSM / NOR * 100
    assert school["pct_fsm_ever6"] == 21.3
    assert school[["pct_eal", "pct_sen_ehcp", "pct_sen_support"]].tolist() == [5.0, 2.0, 15.0]
    assert school["pct_overall_absence"] == 3.9
    # SUPP is missing, never zero.
    assert pd.isna(school["pct_persistent_absence"])
    assert frame.loc[124488, ["pct_fsm_current", "pct_fsm_ever6", "pct_eal"]].isna().all()
    # No pupils on roll: no FSM percentage rather than a division by zero.
    assert pd.isna(frame.loc[123962, "pct_fsm_current"])
    # In the absence file only.
    assert pd.isna(frame.loc[149999, "pupils"])
    assert frame.loc[149999, "pct_persistent_absence"] == 12.0
    assert (frame["source_id"] == "census_absence_2018_19").all()


def test_census_absence_needs_both_files(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="two files"):
        census.load_census_absence([census_file(tmp_path)])


def test_unknown_code_in_a_number_column_names_column(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "england_census.csv", [{**CENSUS_ROW, "PSENELK": "lots"}])
    with pytest.raises(SourceError) as error:
        census.load_census_absence([path, absence_file(tmp_path)])
    assert error.value.column == "PSENELK"
    assert error.value.file == "england_census.csv"


def test_rehost_2022_23(tmp_path: Path) -> None:
    path = tmp_path / "census-by-urn.json"
    path.write_text(json.dumps({
        "124034": {"fsm": 21.9, "eal": 53.5, "senEhcp": 3, "senSupport": 21.8},
        "124488": {"fsm": None, "eal": None, "senEhcp": 0, "senSupport": 3},
    }), encoding="utf-8")
    frame = validate("school_context", census.load_census_2022_23([path]), "test")
    frame = frame.set_index("urn")
    assert frame.loc[124034, "period"] == "2022/23"
    # The re-host's `fsm` is FSM in the last six years.
    assert frame.loc[124034, "pct_fsm_ever6"] == 21.9
    assert pd.isna(frame.loc[124034, "pct_fsm_current"])
    assert frame.loc[124034, ["pct_eal", "pct_sen_ehcp", "pct_sen_support"]].tolist() == [
        53.5, 3.0, 21.8]
    assert pd.isna(frame.loc[124488, "pct_fsm_ever6"])
    assert frame["pupils"].isna().all()


def test_official_census_loads_as_2022_23(tmp_path: Path) -> None:
    frame = census.load_census_2022_23([census_file(tmp_path)])
    frame = validate("school_context", frame, "test").set_index("urn")
    assert frame.loc[124034, ["pupils", "pct_fsm_ever6"]].tolist() == [200, 21.3]
    assert (frame["period"] == "2022/23").all()


def test_rehost_missing_key_names_it(tmp_path: Path) -> None:
    path = tmp_path / "census-by-urn.json"
    path.write_text(json.dumps({"124034": {"fsm": 1, "eal": 2, "senEhcp": 3}}),
                    encoding="utf-8")
    with pytest.raises(SourceError) as error:
        census.load_census_2022_23([path])
    assert error.value.column == "senSupport"


def test_sources_are_described() -> None:
    by_id = {source.id: source for source in census.SOURCES}
    assert by_id["census_absence_2018_19"].paths == (
        "dfe_performance_tables_2018_19/england_census.csv",
        "dfe_performance_tables_2018_19/england_abs.csv")
    assert {source.table for source in census.SOURCES} == {"school_context"}
    assert by_id["census_2022_23"].data_date == "2022/23"
