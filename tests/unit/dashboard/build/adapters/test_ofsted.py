"""Ofsted inspection adapters and combine_inspections, on small files written in each format."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import ofsted
from dashboard.errors import SourceError
from dashboard.tables import validate

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


def load(source_id: str, *paths: Path) -> pd.DataFrame:
    source = next(s for s in ofsted.SOURCES if s.id == source_id)
    return validate("inspections", source.load(list(paths)), source_id)


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
    frame = load(ofsted.OFFICIAL_2023_ID, write_official(tmp_path / "wm.csv", rows))

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
    assert (frame["source_id"] == ofsted.OFFICIAL_2023_ID).all()


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
    frame = load(ofsted.OFFICIAL_2023_ID, path)
    assert sorted(frame["framework"]) == ["graded", "ungraded"]


def test_official_file_problems_name_file_column_and_rows(tmp_path: Path) -> None:
    bad_grade = official_row("140001", **{**GRADED_2022, "Overall effectiveness": "7"})
    with pytest.raises(SourceError) as caught:
        load(ofsted.OFFICIAL_2023_ID, write_official(tmp_path / "bad.csv", [bad_grade]))
    assert "bad.csv" in str(caught.value) and "'Overall effectiveness'" in str(caught.value)
    assert "URN 140001" in str(caught.value)

    missing = pd.DataFrame([official_row("140001", **GRADED_2022)]).drop(
        columns="Quality of education")
    missing.to_csv(tmp_path / "short.csv", encoding="latin-1")
    with pytest.raises(SourceError, match=r"short\.csv.*quality_of_education"):
        load(ofsted.OFFICIAL_2023_ID, tmp_path / "short.csv")


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_latest_inspections_keep_report_cards_and_ungraded_overall_apart(tmp_path: Path) -> None:
    data = {
        "100001": {"date": "2024-06-12", "name": "A", "rating": "Requires improvement",
                   "sub": {"education": "Requires improvement", "behaviour": "Good",
                           "personal": "Good", "leadership": "Good", "eyfs": "Outstanding"}},
        # Graded inspection after September 2024: sub-judgements but no overall grade.
        "100002": {"date": "2025-03-04", "name": "B",
                   "sub": {"education": "Good", "behaviour": "Good", "personal": "Outstanding",
                           "leadership": "Good", "sixthForm": "Good"}},
        "100003": {"date": "2026-01-13", "name": "C",
                   "card": {"areas": {"inclusion": "strong", "curriculum": "needs-attention",
                                      "achievement": "urgent", "behaviour": "expected",
                                      "personal": "exceptional", "leadership": "expected",
                                      "postSixteen": "strong"},
                            "safeguarding": "not met", "concern": "SM"}},
        "100004": {"date": "2010-05-20", "name": "D", "rating": "Requires improvement",
                   "sub": {"leadership": "Good"}},
    }
    frame = load(ofsted.LATEST_2026_ID, write_json(tmp_path / "ofsted-by-urn.json", data))
    by_urn = frame.set_index("urn")

    rated = by_urn.loc[100001]
    assert rated["framework"] == "graded" and rated["overall_grade"] == 3
    assert rated["overall_label"] == "Requires improvement" and rated["early_years"] == 1
    unrated = by_urn.loc[100002]
    assert unrated["framework"] == "graded" and pd.isna(unrated["overall_grade"])
    assert pd.isna(unrated["overall_label"])
    assert unrated["personal_development"] == 1 and unrated["sixth_form"] == 2
    card = by_urn.loc[100003]
    assert card["framework"] == "report_card" and pd.isna(card["overall_grade"])
    assert card["rc_curriculum_and_teaching"] == "needs_attention"
    assert card["rc_achievement"] == "urgent_improvement"
    assert card["rc_personal_development"] == "exceptional" and card["rc_post16"] == "strong"
    assert pd.isna(card["rc_early_years"]) and pd.isna(card["quality_of_education"])
    assert bool(card["rc_safeguarding_met"]) is False and card["category_of_concern"] == "SM"
    # The overall word follows the framework in force on the inspection date.
    assert by_urn.loc[100004, "overall_label"] == "Satisfactory"


@pytest.mark.parametrize("record, field", [
    ({"date": "2026-01-13", "card": {"areas": {"inclusion": "good"}, "safeguarding": "met"}},
     "card.areas.inclusion"),
    ({"date": "2024-01-10", "rating": "Excellent"}, "rating"),
    ({"name": "no date", "rating": "Good"}, "date"),
])
def test_latest_inspections_reject_unknown_words(tmp_path: Path, record: dict, field: str) -> None:
    path = write_json(tmp_path / "ofsted.json", {"100001": record})
    with pytest.raises(SourceError, match=rf"ofsted.json, column '{field}'.*100001"):
        load(ofsted.LATEST_2026_ID, path)


def test_scraped_history_keeps_the_word_and_drops_repeated_rows(tmp_path: Path) -> None:
    path = tmp_path / "history.csv"
    path.write_text(
        "URN,Rating,Inspection Date\n"
        "100000,Outstanding,20130418\n"
        "100000,Satisfactory,20080926\n"
        "100000,Good,20050921\n"
        "131288,Requires Improvement,20180306\n"
        "131288,Requires Improvement,20180306\n"
        "137699,Requires Improvement,20131204\n"
        "137699,Satisfactory,20131204\n", encoding="utf-8")
    frame = load(ofsted.HISTORY_ID, path)
    assert len(frame) == 5
    assert set(frame["framework"]) == {"graded"}
    old = frame[(frame["urn"] == 100000) & (frame["inspection_date"] == pd.Timestamp("2008-09-26"))]
    assert old["overall_label"].iloc[0] == "Satisfactory" and old["overall_grade"].iloc[0] == 3
    # Conflicting copies: the word in use in December 2013 wins.
    assert frame.loc[frame["urn"] == 137699, "overall_label"].tolist() == ["Requires improvement"]

    path.write_text("URN,Rating,Inspection Date\n100000,Excellent,20130418\n", encoding="utf-8")
    with pytest.raises(SourceError, match=r"history\.csv, column 'Rating'.*Excellent"):
        load(ofsted.HISTORY_ID, path)


def inspection(urn: int, date: str, source_id: str, framework: str = "graded",
               **fields: object) -> pd.DataFrame:
    columns = {"urn": [urn], "inspection_date": [pd.Timestamp(date)], "framework": [framework],
               **{name: [value] for name, value in fields.items()}}
    return ofsted._as_inspections(columns, source_id)


def test_combine_merges_the_same_inspection_and_prefers_official() -> None:
    official = inspection(100001, "2022-06-08", ofsted.OFFICIAL_2023_ID, overall_grade=2,
                          overall_label="Good", quality_of_education=2)
    latest = inspection(100001, "2022-06-09", ofsted.LATEST_2026_ID, overall_grade=3,
                        overall_label="Requires improvement", quality_of_education=3,
                        early_years=1)
    scraped = inspection(100001, "2022-06-10", ofsted.HISTORY_ID, overall_grade=2,
                         overall_label="Good")
    combined = ofsted.combine_inspections([scraped, latest, official])
    validate("inspections", combined, "combined")

    assert len(combined) == 1
    row = combined.iloc[0]
    assert row["inspection_date"] == pd.Timestamp("2022-06-08")  # the official date
    assert row["overall_grade"] == 2 and row["quality_of_education"] == 2  # official wins
    assert row["early_years"] == 1  # filled from the other source
    assert row["source_id"] == ofsted.OFFICIAL_2023_ID


def test_combine_keeps_different_inspections_apart() -> None:
    frames = [
        inspection(100001, "2019-01-10", ofsted.HISTORY_ID, overall_grade=4,
                   overall_label="Inadequate"),
        # Re-inspected 20 days later: a different inspection.
        inspection(100001, "2019-01-30", ofsted.HISTORY_ID, overall_grade=3,
                   overall_label="Requires improvement"),
        # Same day, other framework: an ungraded visit is not the graded inspection.
        inspection(100001, "2019-01-10", ofsted.OFFICIAL_2023_ID, "ungraded",
                   ungraded_outcome="School remains Good"),
        # Same day, other school.
        inspection(100002, "2019-01-10", ofsted.HISTORY_ID, overall_grade=2,
                   overall_label="Good"),
    ]
    combined = validate("inspections", ofsted.combine_inspections(frames), "combined")
    assert len(combined) == 4
    assert combined.loc[combined["urn"] == 100001, "framework"].tolist() == [
        "graded", "ungraded", "graded"]


def test_combine_follows_lineage_but_not_across_two_schools_of_one_source() -> None:
    lineage = {120001: 140001, 120002: 140001, 140001: 140001}
    frames = [
        # The 2026 file lists the predecessor's inspection under the academy's URN.
        inspection(140001, "2021-05-05", ofsted.LATEST_2026_ID, overall_grade=3,
                   overall_label="Requires improvement"),
        inspection(120001, "2021-05-05", ofsted.OFFICIAL_2023_ID, overall_grade=3,
                   overall_label="Requires improvement", category_of_concern="SWK"),
        # Two predecessors (infant and junior) inspected in the same week: both kept.
        inspection(120001, "2015-03-02", ofsted.HISTORY_ID, overall_grade=2,
                   overall_label="Good"),
        inspection(120002, "2015-03-03", ofsted.HISTORY_ID, overall_grade=3,
                   overall_label="Requires improvement"),
    ]
    without = ofsted.combine_inspections(frames)
    assert len(without) == 4
    combined = validate("inspections", ofsted.combine_inspections(frames, lineage), "combined")
    assert len(combined) == 3
    merged = combined[combined["inspection_date"] == pd.Timestamp("2021-05-05")].iloc[0]
    assert merged["urn"] == 120001 and merged["source_id"] == ofsted.OFFICIAL_2023_ID
    assert sorted(combined["urn"]) == [120001, 120001, 120002]


def test_combine_of_nothing_is_an_empty_valid_table() -> None:
    combined = ofsted.combine_inspections([ofsted._empty_inspections()])
    assert combined.empty
    validate("inspections", combined, "combined")
