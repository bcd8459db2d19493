"""Hotspots' schools: absence compared with the same kind of school, results following a
school to its current URN, the filters, and the district and school rankings."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.analysis.hotspot_ranking import (
    Assessment,
    absence_comparator,
    district_hotspots,
    in_scope,
    on_current_urn,
    school_hotspots,
)
from dashboard.analysis.hotspot_rules import HotspotRules, load_rules, rule_texts
from dashboard.config import Area


@pytest.fixture
def rules(area: Area) -> HotspotRules:
    return load_rules(area)


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


def eight_schools(area: Area) -> Assessment:
    """Eight schools in two districts: the first district has more of its schools flagged
    (also used by the page, chart and callback tests)."""
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
    ranked = district_hotspots(eight_schools(area), area, rules, texts)
    assert len(ranked) == len(area.districts)  # every district, even without schools
    top = ranked[0]
    assert (top.name, top.rank, top.schools, top.flagged_schools) == (
        area.districts[0].name, "1st", 4, 2)
    assert [f.rule for f in top.flags] == ["legacy_grade"]  # 50% against 37.5% county
    assert top.flags[0].reason.startswith("2 of 4 schools with an overall grade (50%)")
    # Rules assessed for fewer schools than the minimum raise no district flag.
    assert all(f.rule != "report_card" for d in ranked for f in d.flags)
    assert ranked[1].name == area.districts[1].name and ranked[1].flags == ()
    stricter = district_hotspots(eight_schools(area), area, replace(rules, district_margin=12.5),
                                 texts)
    assert stricter[0].flags == ()  # 50% is exactly 12.5 points above 37.5%: not above
    empty = [d for d in ranked if d.schools == 0]
    assert all(d.rank == empty[0].rank and d.rank.startswith("joint") for d in empty)


def test_schools_ranked_by_flags_with_reasons(area: Area, rules: HotspotRules) -> None:
    ranked = school_hotspots(eight_schools(area), rule_texts(rules))
    assert [(s.urn, s.rank, len(s.flags)) for s in ranked] == [
        (1, "joint 1st", 2), (5, "joint 1st", 2), (2, "3rd", 1)]
    assert ranked[0].flags[0] == ("Latest overall grade", "legacy_grade reason 1")


def test_filters_by_phase_and_type(area: Area) -> None:
    found = eight_schools(area)
    primary = in_scope(found, "primary", "all")
    assert sorted(primary.schools["urn"]) == [1, 2, 4, 5, 6, 8]
    assert set(primary.checks["urn"]) <= set(primary.schools["urn"])
    assert list(in_scope(found, "all", "special").schools["urn"]) == [8]
    assert list(in_scope(found, "secondary", "special").schools["urn"]) == []
