"""Hotspot rules at and either side of their thresholds, the rules from the area file, the
district and school rankings, the district grid and the page."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pandas as pd
import pytest

from callbacks import hotspots as hotspots_page
from dashboard.analysis.hotspots import (
    CHECK_COLUMNS,
    HIGHER,
    LOWER,
    SAME,
    Assessment,
    GridColumn,
    HotspotRules,
    absence_comparator,
    absence_rule,
    district_grid,
    district_hotspots,
    falling_rule,
    floor_rule,
    gap_rule,
    grid_population,
    in_scope,
    legacy_grade_rule,
    load_rules,
    on_current_urn,
    position,
    report_card_rule,
    rule_texts,
    school_hotspots,
)
from dashboard.config import Area, AreaFileError
from dashboard.store.readings import Reading
from dashboard.tables import validate


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


def test_absence_is_compared_with_the_same_kind_of_school() -> None:
    schools = pd.DataFrame({"phase": ["primary", "middle", "secondary", "all_through", None,
                                      "secondary"],
                            "population": ["mainstream"] * 4 + ["special", "ap"]})
    assert list(absence_comparator(schools).fillna("none")) == [
        "primary", "primary", "secondary", "secondary", "special", "none"]


def test_results_follow_the_school_to_its_current_urn() -> None:
    results = pd.DataFrame({"urn": [10, 20, 20], "period": ["2017/18", "2017/18", "2022/23"],
                            "measure_id": "ks2_rwm_expected_pct", "pupil_group": "all",
                            "value": [50.0, 51.0, 60.0]})
    moved = on_current_urn(results, {10: 20, 20: 20})
    # The old URN's 2017/18 result and the new one's: the school's own row wins.
    assert sorted(zip(moved["urn"], moved["period"], moved["value"], strict=True)) == [
        (20, "2017/18", 51.0), (20, "2022/23", 60.0)]


# --- rankings ---------------------------------------------------------------------------------


def assessment(area: Area) -> Assessment:
    """Eight schools in two districts: the first district has more of its schools flagged."""
    first, second = area.districts[0], area.districts[1]
    schools = pd.DataFrame({
        "urn": [1, 2, 3, 4, 5, 6, 7, 8],
        "name": [f"School {i}" for i in range(1, 9)],
        "district_code": [first.code] * 4 + [second.code] * 4,
        "district_name": [first.name] * 4 + [second.name] * 4,
        "phase": ["primary", "primary", "secondary", "primary"] * 2,
        "population": ["mainstream"] * 7 + ["special"],
    })
    rows = [(1, "legacy_grade", True), (2, "legacy_grade", True), (3, "legacy_grade", False),
            (4, "legacy_grade", False), (5, "legacy_grade", True), (6, "legacy_grade", False),
            (7, "legacy_grade", False), (8, "legacy_grade", False),
            (1, "persistent_absence", True), (5, "report_card", True)]
    checks = pd.DataFrame([{"urn": u, "rule": r, "flagged": f, "reason": f"{r} reason {u}"}
                           for u, r, f in rows])
    return Assessment(schools=schools, checks=checks)


def test_districts_are_flagged_above_the_county_share_and_all_ranked(
        area: Area, rules: HotspotRules) -> None:
    texts = rule_texts(rules)
    ranked = district_hotspots(assessment(area), area, rules, texts)
    assert len(ranked) == len(area.districts)  # every district, even without schools
    top = ranked[0]
    assert (top.name, top.rank, top.schools, top.flagged_schools) == (
        area.districts[0].name, "1st", 4, 2)
    assert [f.rule for f in top.flags] == ["legacy_grade"]  # 50% against 37.5% county
    assert top.flags[0].reason.startswith("2 of 4 schools with an overall grade (50%)")
    # Rules assessed for fewer schools than the minimum raise no district flag.
    assert all(f.rule != "report_card" for d in ranked for f in d.flags)
    assert ranked[1].name == area.districts[1].name and ranked[1].flags == ()
    stricter = district_hotspots(assessment(area), area, replace(rules, district_margin=12.5),
                                 texts)
    assert stricter[0].flags == ()  # 50% is exactly 12.5 points above 37.5%: not above
    empty = [d for d in ranked if d.schools == 0]
    assert all(d.rank == empty[0].rank and d.rank.startswith("joint") for d in empty)


def test_schools_ranked_by_flags_with_reasons(area: Area, rules: HotspotRules) -> None:
    ranked = school_hotspots(assessment(area), rule_texts(rules))
    assert [(s.urn, s.rank, len(s.flags)) for s in ranked] == [
        (1, "joint 1st", 2), (5, "joint 1st", 2), (2, "3rd", 1)]
    assert ranked[0].flags[0] == ("Latest overall grade", "legacy_grade reason 1")


def test_filters_by_phase_and_type(area: Area) -> None:
    found = assessment(area)
    primary = in_scope(found, "primary", "all")
    assert sorted(primary.schools["urn"]) == [1, 2, 4, 5, 6, 8]
    assert set(primary.checks["urn"]) <= set(primary.schools["urn"])
    assert list(in_scope(found, "all", "special").schools["urn"]) == [8]
    assert list(in_scope(found, "secondary", "special").schools["urn"]) == []


# --- the district grid ------------------------------------------------------------------------


def test_grid_population_follows_the_filters() -> None:
    assert grid_population("ks2_rwm_expected_pct", "all", "all") == "all"
    assert grid_population("ks2_rwm_expected_pct", "primary", "all") == "all"
    assert grid_population("ks2_rwm_expected_pct", "secondary", "all") is None
    assert grid_population("ks4_attainment8", "all", "mainstream") is None
    assert grid_population("pct_schools_good_or_outstanding", "primary", "all") == "primary"
    assert grid_population("pct_schools_good_or_outstanding", "all", "special") == "special"


def test_district_grid_and_positions(area: Area) -> None:
    codes = [d.code for d in area.districts[:3]]

    def row(code: str, area_type: str, period: str, value: float) -> dict:
        return {"measure_id": "ks2_rwm_expected_pct", "area_type": area_type, "area_code": code,
                "area_name": code, "population": "all", "pupil_group": "all", "period": period,
                "value": value, "numerator": None, "denominator": None, "unit": "percent",
                "source_id": "t", "status": "computed", "note": None}

    frame = validate("measures", pd.DataFrame(
        [row(c, "district", "2022/23", v) for c, v in zip(codes, [55.0, 61.0, 60.04],
                                                          strict=True)]
        + [row(codes[0], "district", "2023/24", 50.0),  # no England figure that year
           row(area.ons_code, "county", "2022/23", 60.0),
           row(area.england_code, "england", "2022/23", 59.0)]), "grid")
    [column] = district_grid(frame, area, ["ks2_rwm_expected_pct", "eyfs_gld_pct"], "all",
                             "all")
    assert column.period == "2022/23"  # the latest year England has a figure too
    assert (column.low.area_code, column.high.area_code) == (codes[0], codes[1])
    assert column.range_text() == "6.0 percentage points"
    assert position(column.districts[codes[0]], column.county) == LOWER
    assert position(column.districts[codes[1]], column.england) == HIGHER
    assert position(column.districts[codes[2]], column.county) == SAME
    assert position(None, column.county) is None
    assert isinstance(column, GridColumn)


def test_grid_reading_positions_need_both_figures() -> None:
    one = Reading("m", "district", "a", "a", "all", "all", "2023/24", 1.0, "percent",
                  "computed", "t")
    assert position(one, replace(one, value=None)) is None


# --- the page ---------------------------------------------------------------------------------


def test_filters_in_the_address() -> None:
    assert hotspots_page.read_filters({}) == ("all", "all", [])
    phase, kind, messages = hotspots_page.read_filters({"phase": ["nursery"],
                                                        "type": ["special"]})
    assert (phase, kind) == ("all", "special") and "not a valid choice" in messages[0]
    assert hotspots_page.query("primary", "all") == "?phase=primary"
    assert hotspots_page.query("all", "all") == ""


def test_page_renders_from_the_synthetic_store(synthetic_store: Path, area: Area,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    # The synthetic store has no school tables: the page still lists every district.
    monkeypatch.setattr(hotspots_page, "assessment", lambda store, area_: assessment(area))
    hotspots_page.drawn.cache_clear()  # pages are kept per process and data build
    page = str(hotspots_page.render({"phase": ["primary"]}))
    hotspots_page.drawn.cache_clear()
    for district in area.districts:
        assert district.name in page
    assert "How schools are flagged" in page and "School 1" in page


def test_a_store_without_school_tables_has_no_schools_to_flag(synthetic_store: Path,
                                                               area: Area) -> None:
    hotspots_page.drawn.cache_clear()
    page = str(hotspots_page.render({}))
    hotspots_page.drawn.cache_clear()
    assert "No school matching these filters is flagged." in page
    for district in area.districts:
        assert district.name in page
