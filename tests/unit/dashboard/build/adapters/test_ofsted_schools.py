"""School descriptions in Ofsted's official statistics, 31 August 2023."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from tests.unit.dashboard.build.adapters.test_school_records import load, write_csv

OFSTED_ROW = {
    "": "9683", "Web Link": "http://www.ofsted.gov.uk/inspection-reports/find-inspection-report",
    "URN": "123962.0", "LAESTAB": "8601022.0", "School name": "Hednesford Nursery School",
    "Ofsted phase": "Nursery", "Type of education": "LA Nursery School",
    "School open date": "", "Local authority": "Staffordshire", "Postcode": "WS12 1AR",
    "Total number of pupils": "18.0", "Statutory lowest age": "2.0",
    "Statutory highest age": "5.0", "Overall effectiveness": "1",
}


def test_ofsted_school_descriptions(tmp_path: Path) -> None:
    rows = [
        OFSTED_ROW,
        {**OFSTED_ROW, "": "9700", "URN": "124513.0", "LAESTAB": "8607005.0",
         "School name": "Two Rivers High School", "Ofsted phase": "Special",
         "Type of education": "Community Special School", "School open date": "01/01/1900",
         "Total number of pupils": "", "Statutory lowest age": "11.0",
         "Statutory highest age": "19.0"},
        {**OFSTED_ROW, "": "9701", "URN": "136245.0", "LAESTAB": "8611100.0",
         "School name": "Bridge Short Stay Sch\u00e9ol", "Ofsted phase": "PRU",
         "Type of education": "Pupil Referral Unit", "School open date": "26/02/1997",
         "Statutory lowest age": "11.0", "Statutory highest age": "16.0"},
    ]
    path = write_csv(tmp_path / "ofsted.csv", rows, encoding="cp1252")
    frame = load("ofsted_schools_2023_08_31", [path])
    assert frame["is_open"].all()
    assert frame["la_number"].to_dict() == {123962: 860, 124513: 860, 136245: 861}
    assert frame.loc[123962, ["phase", "population", "pupils"]].tolist() == [
        "nursery", "nursery", 18]
    assert frame.loc[124513, ["phase", "population"]].tolist() == ["secondary", "special"]
    # 01/01/1900 is Ofsted's "not recorded".
    assert pd.isna(frame.loc[124513, "open_date"])
    assert pd.isna(frame.loc[124513, "pupils"])
    assert frame.loc[136245, "open_date"] == pd.Timestamp("1997-02-26")
    assert frame.loc[136245, ["population", "name"]].tolist() == ["ap", "Bridge Short Stay Schéol"]


def test_ofsted_file_in_utf8_loads(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "ofsted.csv", [OFSTED_ROW])
    assert load("ofsted_schools_2023_08_31", [path]).loc[123962, "la_number"] == 860
