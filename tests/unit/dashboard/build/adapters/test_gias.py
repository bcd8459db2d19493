"""GIAS establishments: the June 2026 JSON re-host and the official edubasealldata CSV."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_school_records import by_source, load, write_csv


def test_gias_rehost_json(tmp_path: Path) -> None:
    path = tmp_path / "gias.json"
    path.write_text(json.dumps([
        {"urn": "123962", "name": "Hednesford Nursery School", "postcode": "WS12 1AR",
         "phase": "Nursery", "lat": 52.70787, "lng": -2.00114},
        {"urn": "124040", "name": "Samuel Allsopp Primary", "postcode": "DE142LU",
         "phase": "Primary", "lat": 52.81209, "lng": -1.63919},
        {"urn": "130809", "name": "Burton and South Derbyshire College", "postcode": "DE14 3RL",
         "phase": "College", "lat": 52.79974, "lng": -1.63115},
        {"urn": "141491", "name": "Landau Forte Sixth Form", "postcode": "B79 8AA",
         "phase": "Sixth form", "lat": 52.64058, "lng": -1.69129},
    ]), encoding="utf-8")
    frame = load("gias_open_2026_06", [path])
    assert frame["is_open"].all()
    assert frame.loc[124040, "postcode"] == "DE14 2LU"
    assert frame.loc[123962, ["phase", "population"]].tolist() == ["nursery", "nursery"]
    assert frame.loc[124040, ["phase", "population"]].tolist() == ["primary", "mainstream"]
    assert frame.loc[130809, ["phase", "population"]].tolist() == ["post16", "other"]
    assert frame.loc[141491, "population"] == "other"
    assert frame.loc[124040, "lon"] == pytest.approx(-1.63919)
    assert frame["la_number"].isna().all()


def test_gias_rehost_must_be_a_list(tmp_path: Path) -> None:
    path = tmp_path / "gias.json"
    path.write_text('{"urn": 1}', encoding="utf-8")
    with pytest.raises(SourceError, match="JSON list"):
        by_source("gias_open_2026_06").load([path])


def test_official_edubasealldata_windows_1252(tmp_path: Path) -> None:
    base = {
        "URN": "124034", "LA (code)": "860", "LA (name)": "Staffordshire",
        "EstablishmentName": "Christ Church Primary School",
        "TypeOfEstablishment (name)": "Community school",
        "EstablishmentStatus (name)": "Open", "OpenDate": "", "CloseDate": "",
        "PhaseOfEducation (name)": "Primary", "StatutoryLowAge": "3",
        "StatutoryHighAge": "11", "Street": "Dale Street", "Town": "Burton-on-Trent",
        "Postcode": "DE14 3TE", "NumberOfPupils": "317",
    }
    rows = [
        base,
        {**base, "URN": "124035", "EstablishmentName": "Grange Infant School – closed",
         "EstablishmentStatus (name)": "Closed", "CloseDate": "28-02-2018",
         "NumberOfPupils": ""},
        {**base, "URN": "124496", "EstablishmentName": "Horton Lodge Special School",
         "TypeOfEstablishment (name)": "Community special school",
         "PhaseOfEducation (name)": "Not applicable", "StatutoryLowAge": "2",
         "StatutoryHighAge": "11"},
        {**base, "URN": "124391", "EstablishmentName": "Paulet High School",
         "EstablishmentStatus (name)": "Open, but proposed to close",
         "PhaseOfEducation (name)": "Secondary", "StatutoryLowAge": "11",
         "StatutoryHighAge": "18", "OpenDate": "01-09-1990"},
    ]
    path = write_csv(tmp_path / "edubasealldata20260601.csv", rows, encoding="cp1252")
    frame = load("gias_open_2026_06", [path])
    assert frame["is_open"].to_dict() == {124034: True, 124035: False, 124496: True,
                                          124391: True}
    assert frame.loc[124035, "name"] == "Grange Infant School – closed"
    assert frame.loc[124035, "close_date"] == pd.Timestamp("2018-02-28")
    assert frame.loc[124391, "open_date"] == pd.Timestamp("1990-09-01")
    assert frame.loc[124034, ["la_number", "pupils"]].tolist() == [860, 317]
    assert frame.loc[124496, ["phase", "population"]].tolist() == ["primary", "special"]
    assert frame.loc[124391, "phase"] == "secondary"
