"""combine_inspections merges the Ofsted sources into one history; helpers for the Ofsted
adapter tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters import all_sources, inspections
from dashboard.build.adapters.inspections import HISTORY_ID, LATEST_2026_ID, OFFICIAL_2023_ID
from dashboard.tables import validate


def load(source_id: str, *paths: Path) -> pd.DataFrame:
    source = next(s for s in all_sources() if s.id == source_id)
    return validate("inspections", source.load(list(paths)), source_id)


def inspection(urn: int, date: str, source_id: str, framework: str = "graded",
               **fields: object) -> pd.DataFrame:
    columns = {"urn": [urn], "inspection_date": [pd.Timestamp(date)], "framework": [framework],
               **{name: [value] for name, value in fields.items()}}
    return inspections.as_inspections(columns, source_id)


def test_combine_merges_the_same_inspection_and_prefers_official() -> None:
    official = inspection(100001, "2022-06-08", OFFICIAL_2023_ID, overall_grade=2,
                          overall_label="Good", quality_of_education=2)
    latest = inspection(100001, "2022-06-09", LATEST_2026_ID, overall_grade=3,
                        overall_label="Requires improvement", quality_of_education=3,
                        early_years=1)
    scraped = inspection(100001, "2022-06-10", HISTORY_ID, overall_grade=2,
                         overall_label="Good")
    combined = inspections.combine_inspections([scraped, latest, official])
    validate("inspections", combined, "combined")

    assert len(combined) == 1
    row = combined.iloc[0]
    assert row["inspection_date"] == pd.Timestamp("2022-06-08")  # the official date
    assert row["overall_grade"] == 2 and row["quality_of_education"] == 2  # official wins
    assert row["early_years"] == 1  # filled from the other source
    assert row["source_id"] == OFFICIAL_2023_ID


def test_combine_keeps_different_inspections_apart() -> None:
    frames = [
        inspection(100001, "2019-01-10", HISTORY_ID, overall_grade=4,
                   overall_label="Inadequate"),
        # Re-inspected 20 days later: a different inspection.
        inspection(100001, "2019-01-30", HISTORY_ID, overall_grade=3,
                   overall_label="Requires improvement"),
        # Same day, other framework: an ungraded visit is not the graded inspection.
        inspection(100001, "2019-01-10", OFFICIAL_2023_ID, "ungraded",
                   ungraded_outcome="School remains Good"),
        # Same day, other school.
        inspection(100002, "2019-01-10", HISTORY_ID, overall_grade=2,
                   overall_label="Good"),
    ]
    combined = validate("inspections", inspections.combine_inspections(frames), "combined")
    assert len(combined) == 4
    assert combined.loc[combined["urn"] == 100001, "framework"].tolist() == [
        "graded", "ungraded", "graded"]


def test_combine_follows_lineage_but_not_across_two_schools_of_one_source() -> None:
    lineage = {120001: 140001, 120002: 140001, 140001: 140001}
    frames = [
        # The 2026 file lists the predecessor's inspection under the academy's URN.
        inspection(140001, "2021-05-05", LATEST_2026_ID, overall_grade=3,
                   overall_label="Requires improvement"),
        inspection(120001, "2021-05-05", OFFICIAL_2023_ID, overall_grade=3,
                   overall_label="Requires improvement", category_of_concern="SWK"),
        # Two predecessors (infant and junior) inspected in the same week: both kept.
        inspection(120001, "2015-03-02", HISTORY_ID, overall_grade=2,
                   overall_label="Good"),
        inspection(120002, "2015-03-03", HISTORY_ID, overall_grade=3,
                   overall_label="Requires improvement"),
    ]
    without = inspections.combine_inspections(frames)
    assert len(without) == 4
    combined = validate("inspections", inspections.combine_inspections(frames, lineage), "combined")
    assert len(combined) == 3
    merged = combined[combined["inspection_date"] == pd.Timestamp("2021-05-05")].iloc[0]
    assert merged["urn"] == 120001 and merged["source_id"] == OFFICIAL_2023_ID
    assert sorted(combined["urn"]) == [120001, 120001, 120002]


def test_combine_of_nothing_is_an_empty_valid_table() -> None:
    combined = inspections.combine_inspections([inspections.empty_inspections()])
    assert combined.empty
    validate("inspections", combined, "combined")
