"""Hotspot rules from the area file, in words, and each rule at and either side of its
threshold."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.analysis.hotspot_rules import (
    CHECK_COLUMNS,
    HotspotRules,
    absence_rule,
    falling_rule,
    floor_rule,
    gap_rule,
    legacy_grade_rule,
    load_rules,
    report_card_rule,
    rule_texts,
)
from dashboard.config import Area, AreaFileError


def flagged(checks: pd.DataFrame) -> dict[int, bool]:
    assert list(checks.columns) == CHECK_COLUMNS
    return dict(zip(checks["urn"], checks["flagged"], strict=True))


@pytest.fixture
def rules(area: Area) -> HotspotRules:
    return load_rules(area)


def test_rules_come_from_the_area_file(area: Area, rules: HotspotRules) -> None:
    assert rules.legacy_grades == (3, 4)
    assert rules.report_card_grades == ("needs_attention", "urgent_improvement")
    assert rules.falling_measures == ("ks2_rwm_expected_pct", "ks4_attainment8")
    texts = rule_texts(rules)
    assert "requires improvement or inadequate" in texts["legacy_grade"].description
    assert "under 65% meeting the expected standard" in texts["ks2_floor"].description
    margin = replace(rules, absence_margin=2.5)
    assert "by more than 2.5 percentage points" in rule_texts(margin)[
        "persistent_absence"].description
    broken = replace(area, extra={"hotspots": {"district_margin": 0}})
    with pytest.raises(AreaFileError, match="hotspots"):
        load_rules(broken)


# --- each rule at and either side of its threshold -------------------------------------------


def test_legacy_grade_rule() -> None:
    latest = pd.DataFrame({"urn": [1, 2, 3], "inspection_date": pd.to_datetime(
        ["2019-03-12", "2023-05-01", "2024-01-10"]), "overall_grade": [2, 3, 4],
        "overall_label": ["Good", "Requires improvement", None]})
    assert flagged(legacy_grade_rule(latest, [3, 4])) == {1: False, 2: True, 3: True}
    assert flagged(legacy_grade_rule(latest, [4])) == {1: False, 2: False, 3: True}
    reason = legacy_grade_rule(latest, [3, 4]).set_index("urn").loc[3, "reason"]
    assert reason == "Latest overall grade inadequate (inspected 10 January 2024)"


def test_report_card_rule() -> None:
    cards = pd.DataFrame({"urn": [1, 2, 3], "inspection_date": pd.to_datetime(["2026-01-27"] * 3),
                          "rc_inclusion": ["expected", "needs_attention", "strong"],
                          "rc_achievement": ["strong", "expected", "urgent_improvement"]})
    checks = report_card_rule(cards, ["needs_attention", "urgent_improvement"])
    assert flagged(checks) == {1: False, 2: True, 3: True}
    assert checks.set_index("urn").loc[3, "reason"] == (
        "Report card (27 January 2026): achievement urgent improvement")
    assert flagged(report_card_rule(cards, ["urgent_improvement"])) == {1: False, 2: False,
                                                                       3: True}


def test_floor_rule_at_and_either_side_of_each_threshold() -> None:
    def school(urn: int, rwm: float, reading: float, cohort: int = 30) -> dict:
        return {"urn": urn, "period": "2016/17", "cohort": cohort, "ks2_rwm_expected_pct": rwm,
                "ks2_reading_progress": reading, "ks2_writing_progress": 0.0,
                "ks2_maths_progress": 0.0}

    wide = pd.DataFrame([
        school(1, 64.0, -5.1),  # below both: flagged
        school(2, 65.0, -5.1),  # 65% is not under 65%
        school(3, 64.0, -5.0),  # -5.0 is not below -5
        school(4, 64.0, -5.1, cohort=10),  # too few pupils: not assessed
        school(5, 64.0, -5.1, cohort=11),  # 11 pupils: assessed
        {**school(6, 40.0, -9.0), "period": "2018/19"},  # outside the rule's years
    ])
    checks = floor_rule(wide, ["2015/16", "2016/17", "2017/18"])
    assert flagged(checks) == {1: True, 2: False, 3: False, 5: True}
    assert checks.set_index("urn").loc[1, "reason"] == (
        "Below the KS2 floor standard (2016/17: 64% met the expected standard, "
        "reading progress -5.1)")


def test_falling_rule_at_and_either_side_of_its_thresholds() -> None:
    england = {("ks2_rwm_expected_pct", "2022/23"): 60.0}

    def school(urn: int, before: float, now: float) -> list[dict]:
        return [{"urn": urn, "measure_id": "ks2_rwm_expected_pct", "period": period,
                 "value": value} for period, value in (("2017/18", before), ("2022/23", now))]

    results = pd.DataFrame(school(1, 70, 55) + school(2, 70, 60) + school(3, 55, 55)
                           + school(4, 56, 55) + school(6, 58, 57.96)
                           + [{"urn": 5, "measure_id": "ks2_rwm_expected_pct",
                               "period": "2022/23", "value": 40.0}])
    checks = falling_rule(results, england, ["ks2_rwm_expected_pct"], 0.0, 0.0)
    # 2: at England's figure; 3: not falling; 5: one year only (not assessed); 6: a fall that
    # looks like none at the precision shown (58.0% to 58.0%).
    assert flagged(checks) == {1: True, 2: False, 3: False, 4: True, 6: False}
    assert checks.set_index("urn").loc[1, "reason"] == (
        "Meeting the KS2 expected standard: 55.0% in 2022/23, below England's 60.0% and down "
        "from 70.0% in 2017/18")
    margins = falling_rule(results, england, ["ks2_rwm_expected_pct"], 5.0, 1.0)
    # 1: 5.0 below England, not more than 5; 4: down exactly 1.0, not more than 1.
    assert flagged(margins) == {1: False, 2: False, 3: False, 4: False, 6: False}
    assert flagged(falling_rule(results, england, ["ks2_rwm_expected_pct"], 4.9, 0.9))[1]


def test_gap_rule_at_and_either_side_of_its_threshold() -> None:
    # England: non-disadvantaged 0.17, disadvantaged -0.57, so England's gap is 0.74.
    ahead, behind = {"2022/23": 0.17}, {"2022/23": -0.57}
    pupils = pd.DataFrame({"urn": [1, 2, 3, 4], "period": "2022/23",
                           "value": [-0.57, -0.58, -0.30, None]})
    checks = gap_rule(pupils, ahead, behind, 0.0, "ks4_progress8")
    assert flagged(checks) == {1: False, 2: True, 3: False}  # 4 suppressed: not assessed
    assert checks.set_index("urn").loc[2, "reason"] == (
        "Disadvantaged pupils' Progress 8 -0.58 in 2022/23, 0.75 behind England's "
        "non-disadvantaged pupils (England's gap 0.74)")
    assert flagged(gap_rule(pupils, ahead, behind, 0.01, "ks4_progress8"))[2] is False


def test_absence_rule_at_and_either_side_of_its_threshold() -> None:
    england = {("primary", "2018/19"): 8.2, ("secondary", "2018/19"): 13.7}
    context = pd.DataFrame({"urn": [1, 2, 3, 4, 5], "period": "2018/19",
                            "pct_persistent_absence": [8.2, 8.3, 13.6, 20.0, None],
                            "comparator": ["primary", "primary", "secondary", None,
                                           "primary"]})
    checks = absence_rule(context, england, 0.0)
    assert flagged(checks) == {1: False, 2: True, 3: False}  # 4: no comparator, 5: no figure
    assert checks.set_index("urn").loc[2, "reason"] == (
        "8.3% of pupils persistently absent in 2018/19, against 8.2% for primary schools in "
        "England")
    assert flagged(absence_rule(context, england, 0.1))[2] is False
