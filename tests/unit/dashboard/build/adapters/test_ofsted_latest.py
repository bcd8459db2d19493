"""Ofsted latest inspections JSON (June 2026): graded inspections and report cards."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters.inspections import LATEST_2026_ID
from dashboard.errors import SourceError
from tests.unit.dashboard.build.adapters.test_inspections import load


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
    frame = load(LATEST_2026_ID, write_json(tmp_path / "ofsted-by-urn.json", data))
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
        load(LATEST_2026_ID, path)
