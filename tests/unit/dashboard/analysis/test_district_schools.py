"""The schools the map and the district profiles show: latest inspection outcomes (report cards
and legacy grades kept apart, predecessors followed), headline results and phases."""

from __future__ import annotations

from dashboard.analysis import district_schools
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    TAMWORTH,
    inspections_frame,
    make_store,
    schools_frame,
    some_schools,
)


def test_school_outcomes_keep_report_cards_and_legacy_grades_apart() -> None:
    schools = schools_frame([
        {"urn": 1, "name": "Legacy"},
        {"urn": 2, "name": "Report card"},
        {"urn": 3, "name": "Academy", "predecessor_urns": "30"},
        {"urn": 30, "name": "Old school", "is_open": False, "successor_urns": "3"},
        {"urn": 4, "name": "New"},
        {"urn": 5, "name": "Ungraded since 2024"},
    ])
    inspections = inspections_frame([
        {"urn": 1, "inspection_date": "2019-03-12", "overall_grade": 2, "overall_label": "Good"},
        {"urn": 1, "inspection_date": "2023-05-01", "framework": "ungraded"},
        {"urn": 2, "inspection_date": "2018-01-10", "overall_grade": 4,
         "overall_label": "Inadequate"},
        {"urn": 2, "inspection_date": "2026-01-27", "framework": "report_card",
         "rc_inclusion": "needs_attention", "rc_leadership": "strong"},
        {"urn": 30, "inspection_date": "2015-06-01", "overall_grade": 1,
         "overall_label": "Outstanding"},
        {"urn": 5, "inspection_date": "2025-02-01"},
    ])
    found = district_schools.school_outcomes(schools, inspections).set_index("urn")
    assert found.loc[1, "outcome"] == "good"
    assert "inspected again 1 May 2023" in found.loc[1, "outcome_text"]
    # The report card is the latest outcome; its grades are never turned into a legacy grade.
    assert found.loc[2, "outcome"] == "report_card_attention"
    assert "Inadequate" not in found.loc[2, "outcome_text"]
    assert found.loc[3, "outcome"] == "outstanding"  # the predecessor's grade
    assert found.loc[4, "outcome"] == "not_inspected"
    assert found.loc[5, "outcome"] == "no_overall_grade"


def test_the_school_table_has_only_open_schools_with_their_district_and_outcome() -> None:
    tables = some_schools()
    tables["schools"] = schools_frame([*tables["schools"].to_dict("records"),
                                       {"urn": 9, "name": "Closed", "is_open": False}])
    table = district_schools.schools(make_store(**tables))
    assert list(table["name"]) == ["Card", "Graded", "New"]
    assert set(table["district_code"]) == {TAMWORTH.code}
    assert district_schools.outcome_counts(table) == {
        o.key: {"outstanding": 1, "report_card_expected": 1, "not_inspected": 1}.get(o.key, 0)
        for o in district_schools.OUTCOMES}
    assert len(district_schools.schools_in(table, TAMWORTH.code, "primary")) == 2
    assert district_schools.schools_in(table, AREA.districts[0].code, "all").empty


def test_every_outcome_has_its_own_colour_and_a_shape_for_its_kind() -> None:
    outcomes = district_schools.OUTCOMES
    assert len({o.colour for o in outcomes}) == len(outcomes)
    shapes = {o.family: o.marker for o in outcomes}
    assert len(set(shapes.values())) == len(shapes)  # legacy, report card, ungraded, none


def test_phase_words_name_the_kind_of_school() -> None:
    assert district_schools.phase_text({"phase": "secondary", "population": "special"}) == (
        "Secondary special school")
    assert district_schools.phase_text({"phase": "primary", "population": "mainstream"}) == (
        "Primary")
    assert district_schools.phase_text({}) == "Phase not recorded"
