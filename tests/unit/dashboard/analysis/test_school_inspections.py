"""Inspections in words: report cards never translated into the old grades, graded and
ungraded outcomes in plain English, and each school's latest inspection across its URN chain."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.school_inspections import (
    GRADE_WORDS,
    REPORT_CARD_CAVEAT,
    describe_inspection,
    latest_inspections,
)
from dashboard.analysis.school_summary import SchoolTables
from dashboard.config import Area, load_area
from tests.unit.dashboard.analysis.test_school_index import REPORT_CARD, synthetic_tables


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def tables(area: Area) -> SchoolTables:
    return SchoolTables.from_tables(synthetic_tables(area), area)


def row(**fields: object) -> dict:
    base = {"urn": 1, "inspection_date": pd.Timestamp("2023-01-01"), "framework": "graded",
            "overall_grade": None, "overall_label": None, "source_id": "test"}
    return {**base, **fields}


def test_a_report_card_stays_in_ofsteds_own_words() -> None:
    card = describe_inspection(row(framework="report_card", **REPORT_CARD), "A school")
    assert card.grade is None and card.overall is None
    words = dict(card.details)
    assert words["Inclusion"] == "Needs attention"
    assert words["Personal development and well-being"] == "Exceptional"
    assert words["Leadership and governance"] == "Urgent improvement"
    assert card.safeguarding == "Met"
    shown = " ".join([card.outcome, *words.values()])
    for old_grade in GRADE_WORDS.values():
        assert old_grade not in shown
    assert "cannot be compared" in REPORT_CARD_CAVEAT


def test_graded_ungraded_and_no_overall_grade_in_plain_words() -> None:
    graded = describe_inspection(row(overall_grade=4, overall_label="Inadequate",
                                     category_of_concern="SM", quality_of_education=4), "X")
    assert graded.outcome == "Overall: Inadequate; the school was placed in special measures."
    assert dict(graded.details) == {"Quality of education": "Inadequate"}
    old = describe_inspection(row(overall_grade=3, overall_label="Satisfactory"), "X")
    assert old.overall == "Satisfactory"  # the word of its time, not "Requires improvement"
    ungraded = describe_inspection(row(framework="ungraded", ungraded_outcome=(
        "School remains Good (Improving) - S5 Next")), "X")
    assert ungraded.outcome.startswith("The school remains Good, and inspectors saw signs")
    since = describe_inspection(row(inspection_date=pd.Timestamp("2025-01-15"),
                                    quality_of_education=3), "X")
    assert since.outcome.startswith("No overall grade")
    assert dict(since.details) == {"Quality of education": "Requires improvement"}


def test_latest_inspection_follows_the_predecessor_until_the_new_school_is_graded(
        tables: SchoolTables) -> None:
    latest = latest_inspections(tables.schools, tables.inspections)
    academy = latest[140001]
    assert academy.category == "good"
    assert academy.latest is not None and academy.latest.framework == "ungraded"
    assert academy.graded is not None and academy.graded.urn == 100001
    assert academy.graded_inherited and not academy.latest_inherited
    assert academy.summary.startswith("Good, inspected 14 November 2011 (before it became an "
                                      "academy).")
    assert "remains Good" in academy.summary


def test_latest_inspection_categories(tables: SchoolTables) -> None:
    latest = latest_inspections(tables.schools, tables.inspections)
    assert latest[100002].category == "report_card"
    assert latest[100002].summary == "Report card, inspected 20 January 2026."
    assert latest[100004].category == "no_overall_grade"
    assert "Last overall grade: Good, 1 May 2019" in latest[100004].summary
    assert latest[100005].category == "inadequate"
    assert latest[100006].category == "requires_improvement"
    assert latest[100003].category == "not_inspected"
    assert latest[100003].summary == "Not inspected since it opened on 1 September 2024."
    assert latest[100007].category == "good"  # only Ofsted's ungraded "remains Good"
