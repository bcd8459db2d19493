"""Ofsted official statistics CSV: latest, previous and ungraded inspections, in both spellings."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters.inspections import OFFICIAL_2023_ID
from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_inspections import load

SUB_JUDGEMENT_HEADERS = [
    "Quality of education", "Behaviour and attitudes", "Personal development",
    "Effectiveness of leadership and management", "Early years provision (where applicable)",
    "Sixth form provision (where applicable)",
]
OFFICIAL_HEADERS = [
    "URN", "School name", "Local authority",
    "URN at time of the ungraded inspection", "Date of latest ungraded inspection",
    "Did the latest ungraded inspection convert to a graded inspection?",
    "Ungraded inspection overall outcome",
    "Inspection start date", "Inspection end date", "URN at time of latest graded inspection",
    "Overall effectiveness", "Category of concern", *SUB_JUDGEMENT_HEADERS,
    "Safeguarding is effective?",
    "Previous inspection start date", "URN at time of previous graded inspection",
    "Previous graded inspection overall effectiveness", "Previous category of concern",
    *(f"Previous {h[0].lower()}{h[1:]}" for h in SUB_JUDGEMENT_HEADERS),
    "Previous safeguarding is effective?",
]
# A 2023-era school graded under the EIF: all four sub-judgements, no sixth form (9).
GRADED_2022 = {
    "Inspection start date": "08/06/2022", "Inspection end date": "09/06/2022",
    "Overall effectiveness": "2.0", "Quality of education": "2.0",
    "Behaviour and attitudes": "1.0", "Personal development": "2.0",
    "Effectiveness of leadership and management": "2.0",
    "Early years provision (where applicable)": "8.0",
    "Sixth form provision (where applicable)": "9.0", "Safeguarding is effective?": "Yes",
}


def official_row(urn: str, **columns: str) -> dict[str, str]:
    row = dict.fromkeys(OFFICIAL_HEADERS, "")
    row.update({"URN": urn, "School name": f"School {urn}", "Local authority": "Staffordshire"})
    row.update(columns)
    return row


def write_official(path: Path, rows: list[dict[str, str]]) -> Path:
    # The re-host keeps a pandas index as an unnamed first column; Ofsted files are Latin-1.
    pd.DataFrame(rows).to_csv(path, encoding="latin-1")
    return path


def test_official_file_gives_latest_previous_and_ungraded_inspections(tmp_path: Path) -> None:
    rows = [
        official_row(
            "140001.0", **GRADED_2022,
            **{"URN at time of latest graded inspection": "140001.0",
               # Before academy conversion: the previous inspection belongs to the old URN.
               "Previous inspection start date": "12/10/2010",
               "URN at time of previous graded inspection": "120001.0",
               "Previous graded inspection overall effectiveness": "3.0",
               "Previous quality of education": "9.0",
               "Previous effectiveness of leadership and management": "3.0",
               "Previous safeguarding is effective?": "9",
               "Date of latest ungraded inspection": "15/02/2023",
               "URN at time of the ungraded inspection": "140001.0",
               "Did the latest ungraded inspection convert to a graded inspection?": "No",
               "Ungraded inspection overall outcome": "School remains Good"}),
        official_row(  # its ungraded inspection converted: it is the graded one, kept once
            "140002",
            **{**GRADED_2022, "Overall effectiveness": "4.0", "Category of concern": "SM",
               "Safeguarding is effective?": "No",
               "Date of latest ungraded inspection": "09/06/2022",
               "Did the latest ungraded inspection convert to a graded inspection?": "Yes"}),
        official_row("140003"),  # new school, not yet inspected
    ]
    frame = load(OFFICIAL_2023_ID, write_official(tmp_path / "wm.csv", rows))

    assert len(frame) == 4
    latest = frame[(frame["urn"] == 140001) & (frame["framework"] == "graded")
                   & (frame["inspection_date"] == pd.Timestamp("2022-06-08"))].iloc[0]
    assert latest["overall_grade"] == 2 and latest["overall_label"] == "Good"
    assert latest["behaviour_and_attitudes"] == 1
    assert pd.isna(latest["early_years"]) and pd.isna(latest["sixth_form"])  # 8 / 9: no grade
    assert bool(latest["safeguarding_effective"]) is True
    previous = frame[frame["urn"] == 120001].iloc[0]
    assert previous["inspection_date"] == pd.Timestamp("2010-10-12")
    assert previous["overall_grade"] == 3 and previous["overall_label"] == "Satisfactory"
    assert previous["leadership_and_management"] == 3
    assert pd.isna(previous["quality_of_education"]) and pd.isna(previous["safeguarding_effective"])
    ungraded = frame[frame["framework"] == "ungraded"]
    assert ungraded["urn"].tolist() == [140001]
    assert ungraded["ungraded_outcome"].iloc[0] == "School remains Good"
    assert pd.isna(ungraded["overall_grade"].iloc[0])
    failing = frame[frame["urn"] == 140002].iloc[0]
    assert failing["overall_label"] == "Inadequate" and failing["category_of_concern"] == "SM"
    assert bool(failing["safeguarding_effective"]) is False
    assert (frame["source_id"] == OFFICIAL_2023_ID).all()


def test_official_file_accepts_2019_to_2022_names_and_a_title_line(tmp_path: Path) -> None:
    renames = {
        "URN at time of latest graded inspection": "URN at time of latest full inspection",
        "URN at time of previous graded inspection": "URN at time of previous full inspection",
        "Previous graded inspection overall effectiveness":
            "Previous full inspection overall effectiveness",
        "URN at time of the ungraded inspection": "URN at time of the section 8 inspection",
        "Date of latest ungraded inspection": "Date of latest section 8 inspection",
        "Ungraded inspection overall outcome": "Section 8 inspection overall outcome",
    }
    row = official_row("140001", **GRADED_2022, **{"Date of latest ungraded inspection":
                                                   "01/02/2021"})
    path = tmp_path / "mi.csv"
    table = pd.DataFrame([row]).rename(columns=renames).to_csv(index=False)
    # Some Ofsted downloads put a title line above the header.
    path.write_text("Management information - state-funded schools\n" + table, encoding="latin-1")
    frame = load(OFFICIAL_2023_ID, path)
    assert sorted(frame["framework"]) == ["graded", "ungraded"]


def test_official_file_problems_name_file_column_and_rows(tmp_path: Path) -> None:
    bad_grade = official_row("140001", **{**GRADED_2022, "Overall effectiveness": "7"})
    with pytest.raises(SourceError) as caught:
        load(OFFICIAL_2023_ID, write_official(tmp_path / "bad.csv", [bad_grade]))
    assert "bad.csv" in str(caught.value) and "'Overall effectiveness'" in str(caught.value)
    assert "URN 140001" in str(caught.value)

    missing = pd.DataFrame([official_row("140001", **GRADED_2022)]).drop(
        columns="Quality of education")
    missing.to_csv(tmp_path / "short.csv", encoding="latin-1")
    with pytest.raises(SourceError, match=r"short\.csv.*quality_of_education"):
        load(OFFICIAL_2023_ID, tmp_path / "short.csv")
