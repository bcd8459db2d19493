"""The DfE performance-tables spine 2017/18, as the Staffordshire CSV and the national workbook."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_school_records import by_source, load, write_csv

SPINE_ROW = {
    "URN": "124034", "LA": "860", "ESTAB": "2123", "LAESTAB": "8602123",
    "SCHNAME": "Christ Church Primary School", "STREET": "Dale Street", "LOCALITY": "",
    "TOWN": "Burton-on-Trent", "POSTCODE": "de14 3te", "ICLOSE": "1", "OPENDATE": "",
    "CLOSEDATE": "", "MINORGROUP": "Maintained School", "NFTYPE": "Community school",
    "ISPRIMARY": "1", "ISSECONDARY": "0", "ISPOST16": "0", "AGEL": "3", "AGEH": "11",
}


def spine_rows() -> list[dict]:
    return [
        SPINE_ROW,
        {**SPINE_ROW, "URN": "124035", "SCHNAME": "Grange Infant School", "ICLOSE": "2",
         "CLOSEDATE": "2018-02-28 00:00:00", "AGEH": "7"},
        {**SPINE_ROW, "URN": "124157", "SCHNAME": "Wilnecote Junior School", "ICLOSE": "3",
         "AGEL": "9", "AGEH": "13"},
        {**SPINE_ROW, "URN": "145377", "SCHNAME": "Grange School", "OPENDATE":
         "2018-03-01 00:00:00", "NFTYPE": "Academy - Converter mainstream"},
        {**SPINE_ROW, "URN": "130809", "SCHNAME": "Burton College", "POSTCODE": "",
         "NFTYPE": "General further education college", "AGEL": "16", "AGEH": "99"},
        {**SPINE_ROW, "URN": "124488", "SCHNAME": "Maple Hayes Hall School",
         "NFTYPE": "Other independent special school", "AGEL": "7", "AGEH": "17"},
    ]


def test_spine_csv(tmp_path: Path) -> None:
    frame = load("spine_2017_18", [write_csv(tmp_path / "spine.csv", spine_rows())])
    assert frame.loc[124034, "postcode"] == "DE14 3TE"
    assert frame.loc[124034, "la_number"] == 860
    assert frame.loc[124034, "population"] == "mainstream"
    # ICLOSE 2 = closed (with a close date); 1 and 3 (proposed to close) were open.
    assert frame["is_open"].to_dict() == {124034: True, 124035: False, 124157: True,
                                          145377: True, 130809: True, 124488: True}
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")
    assert frame.loc[145377, "open_date"] == pd.Timestamp("2018-03-01")
    assert frame.loc[124157, "phase"] == "middle"
    # Top age 99 means "no upper limit": not an age.
    assert pd.isna(frame.loc[130809, "age_high"])
    assert frame.loc[130809, ["phase", "population"]].tolist() == ["post16", "other"]
    assert pd.isna(frame.loc[130809, "postcode"])
    assert frame.loc[124488, "population"] == "independent"
    assert (frame["source_id"] == "spine_2017_18").all()


def test_national_spine_workbook_loads(tmp_path: Path) -> None:
    path = tmp_path / "2017-2018_england_spine.xlsx"
    pd.DataFrame(spine_rows()).to_excel(path, sheet_name="england", index=False)
    frame = load("spine_2017_18", [path])
    assert len(frame) == 6
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")


def test_spine_with_a_missing_column_names_it(tmp_path: Path) -> None:
    rows = [{k: v for k, v in SPINE_ROW.items() if k != "NFTYPE"}]
    with pytest.raises(SourceError) as error:
        by_source("spine_2017_18").load([write_csv(tmp_path / "spine.csv", rows)])
    assert error.value.column == "NFTYPE"


def test_spine_with_bad_urn_names_rows(tmp_path: Path) -> None:
    rows = [SPINE_ROW, {**SPINE_ROW, "URN": "n/a"}]
    with pytest.raises(SourceError, match="URN"):
        by_source("spine_2017_18").load([write_csv(tmp_path / "spine.csv", rows)])
