"""School search: name normalisation, ranking (exact, partial, typo, town, postcode), postcode
look-up and distances, filters. On small synthetic school tables written here (also used by
test_school_profile.py and test_compare.py)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from dashboard.analysis.school import SchoolTables
from dashboard.analysis.schools import (
    Gazetteer,
    SchoolIndex,
    SearchRequest,
    build_index,
    distance_km,
    distance_text,
    km_to_miles,
    looks_like_postcode,
    normalise_text,
    school_index,
    search,
)
from dashboard.config import Area, load_area
from dashboard.tables import empty_table, validate

STAFFORD, MOORLANDS, TAMWORTH, SOUTH = "E07000197", "E07000198", "E07000199", "E07000196"
POSTCODES = {  # postcode: (easting, northing, district)
    "ST16 1AA": (391000.0, 324000.0, STAFFORD),
    "ST16 2DH": (392322.0, 323196.0, STAFFORD),
    "ST16 3BB": (391600.0, 324900.0, STAFFORD),
    "ST13 5AA": (398000.0, 356000.0, MOORLANDS),
    "B77 1AA": (421000.0, 303000.0, TAMWORTH),
    "ST17 4AA": (393000.0, 321000.0, STAFFORD),
    "WV5 8AA": (386000.0, 294000.0, SOUTH),
}


def table(name: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of a store table with every column, in the schema's dtypes, validated."""
    empty = empty_table(name)
    frame = pd.DataFrame([{c: row.get(c) for c in empty.columns} for row in rows],
                         columns=empty.columns)
    return validate(name, frame.astype(empty.dtypes.to_dict()), f"synthetic {name}")


def school(urn: int, name: str, postcode: str | None, **fields: object) -> dict:
    easting, northing, district = POSTCODES.get(postcode or "", (None, None, None))
    return {"urn": urn, "name": name, "postcode": postcode, "easting": easting,
            "northing": northing, "district_code": district, "la_number": 860,
            "phase": "primary", "population": "mainstream", "is_open": True,
            "predecessor_urns": "", "successor_urns": "", "lineage_urn": urn,
            "source_ids": "test", "age_low": 4, "age_high": 11, **fields}


DISTRICT_NAMES = {STAFFORD: "Stafford", MOORLANDS: "Staffordshire Moorlands",
                  TAMWORTH: "Tamworth", SOUTH: "South Staffordshire"}


def schools_frame() -> pd.DataFrame:
    rows = [
        school(100001, "St Austin's Catholic Primary School", "ST16 1AA", town="Stafford",
               is_open=False, close_date="2012-08-31", successor_urns="140001",
               lineage_urn=140001, school_type="Voluntary aided school", pupils=190),
        school(140001, "St Austin's Catholic Primary School", "ST16 1AA", town="Stafford",
               predecessor_urns="100001", school_type="Academy converter",
               open_date="2012-09-01", pupils=210, ward_name="Forebridge"),
        school(100002, "Leek High School", "ST13 5AA", town="Leek", phase="secondary",
               age_low=11, age_high=18, school_type="Community school", pupils=900),
        school(100003, "Anker Nursery School", "B77 1AA", phase="nursery", population="nursery",
               age_low=2, age_high=5, open_date="2024-09-01"),
        school(100004, "Oakfield School", "ST17 4AA", town="Stafford", population="special",
               phase="all_through", age_low=3, age_high=19),
        school(100005, "Wombourne Road Primary School", "WV5 8AA", town="Wolverhampton",
               la_number=335),
        school(100006, "Stafford Road Primary School", "ST16 3BB", town="Stafford",
               is_open=False, close_date="2010-08-31"),
        school(100007, "Moorside Academy", None, town=None, phase="secondary", age_low=11,
               age_high=16),
    ]
    for row in rows:
        row["district_name"] = DISTRICT_NAMES.get(row["district_code"])
        row["lat"], row["lon"] = (52.8, -2.1) if row["postcode"] else (None, None)
    return table("schools", rows)


GRADED, UNGRADED, CARD = "graded", "ungraded", "report_card"
REPORT_CARD = {"rc_inclusion": "needs_attention", "rc_curriculum_and_teaching": "expected",
               "rc_achievement": "strong", "rc_attendance_and_behaviour": "expected",
               "rc_personal_development": "exceptional", "rc_leadership": "urgent_improvement",
               "rc_safeguarding_met": True}


def inspections_frame() -> pd.DataFrame:
    def inspection(urn: int, day: str, framework: str, grade: int | None = None,
                   **fields: object) -> dict:
        labels = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
        return {"urn": urn, "inspection_date": day, "framework": framework,
                "overall_grade": grade, "overall_label": labels.get(grade or 0),
                "source_id": "ofsted_stats_2023_08_31", **fields}

    return table("inspections", [
        inspection(100001, "2011-11-14", GRADED, 2, quality_of_education=2),
        inspection(140001, "2019-02-27", UNGRADED, ungraded_outcome="School remains Good"),
        inspection(100002, "2014-03-19", GRADED, 1),
        inspection(100002, "2026-01-20", CARD, **REPORT_CARD),
        inspection(100004, "2019-05-01", GRADED, 2),
        inspection(100004, "2024-12-10", GRADED, quality_of_education=3,
                   behaviour_and_attitudes=2, safeguarding_effective=True),
        inspection(100005, "2022-06-01", GRADED, 4, category_of_concern="SM"),
        inspection(100006, "2008-01-10", GRADED, 3, overall_label="Satisfactory"),
        inspection(100007, "2023-03-01", UNGRADED,
                   ungraded_outcome="School remains Good (Concerns) - S5 Next"),
    ])


def results_frame(rows: list[tuple[int, str, str, float | None, str | None]]) -> pd.DataFrame:
    return table("ks2_results", [
        {"urn": urn, "period": period, "measure_id": measure, "pupil_group": "all",
         "value": value, "suppression": code, "cohort": 30, "source_id": f"src_{period[:4]}"}
        for urn, period, measure, value, code in rows])


def measures_frame(area: Area) -> pd.DataFrame:
    rows = []
    for measure, period, county, england, population in [
            ("ks2_rwm_expected_pct", "2016/17", 58.0, 61.0, "all"),
            ("ks2_rwm_expected_pct", "2022/23", 57.0, 60.0, "all"),
            ("ks2_rwm_higher_pct", "2022/23", 6.0, 8.0, "all"),
            ("ks4_english_maths_grade5_pct", "2022/23", 40.0, 45.3, "all"),
            ("pct_pupils_sen_ehcp", "2022/23", 1.6, 2.5, "primary"),
            ("pct_pupils_sen_ehcp", "2022/23", 4.5, 4.3, "all")]:
        for area_type, code, name, value in [("county", area.ons_code, area.name, county),
                                             ("england", area.england_code, "England", england)]:
            rows.append({"measure_id": measure, "area_type": area_type, "area_code": code,
                         "area_name": name, "population": population, "pupil_group": "all",
                         "period": period, "value": value, "unit": "percent",
                         "source_id": "lait", "status": "official"})
    # A computed county row for the same year: the official one must win.
    rows.append({**rows[0], "value": 99.0, "status": "computed", "source_id": "ks2"})
    return table("measures", rows)


def synthetic_tables(area: Area | None = None) -> dict[str, pd.DataFrame]:
    """The store tables the school pages read, small and made up."""
    area = area or load_area()
    ks2 = results_frame([
        (100001, "2016/17", "ks2_rwm_expected_pct", 60.0, None),
        (140001, "2022/23", "ks2_rwm_expected_pct", 65.0, None),
        (140001, "2022/23", "ks2_rwm_higher_pct", None, "supp"),
        (100005, "2022/23", "ks2_rwm_expected_pct", 41.0, None),
    ])
    ks4 = validate("ks4_results", results_frame([
        (100002, "2022/23", "ks4_english_maths_grade5_pct", 45.0, None),
        (100002, "2018/19", "ks4_english_maths_grade5_pct", 50.0, None),
    ]), "synthetic ks4")
    context = table("school_context", [
        {"urn": 140001, "period": "2022/23", "pct_fsm_ever6": 10.0, "pct_sen_ehcp": 2.0,
         "source_id": "census_2022_23"},
        {"urn": 140001, "period": "2018/19", "pupils": 200, "pct_sen_ehcp": 1.5,
         "pct_overall_absence": 4.0, "source_id": "census_absence_2018_19"},
    ])
    links = table("school_links", [
        {"urn": 100001, "linked_urn": 140001, "link_type": "successor",
         "link_date": "2012-08-31", "source_id": "gias_links_2025_04"},
        {"urn": 140001, "linked_urn": 100001, "link_type": "predecessor",
         "link_date": "2012-09-01", "source_id": "gias_links_2025_04"},
    ])
    postcodes = table("postcodes", [
        {"postcode": code, "easting": e, "northing": n, "district_code": d}
        for code, (e, n, d) in POSTCODES.items()])
    return {"schools": schools_frame(), "inspections": inspections_frame(), "ks2_results": ks2,
            "ks4_results": ks4, "school_context": context, "school_links": links,
            "postcodes": postcodes, "measures": measures_frame(area)}


def synthetic_index(area: Area | None = None) -> SchoolIndex:
    area = area or load_area()
    return build_index(SchoolTables.from_tables(synthetic_tables(area), area), area.name, "test")


@pytest.fixture(scope="module")
def index() -> SchoolIndex:
    return synthetic_index()


def names(index: SchoolIndex, urns: tuple[int, ...]) -> list[str]:
    return [index.summaries[u].name for u in urns]


# --- normalisation and distances ----------


@pytest.mark.parametrize(("text", "expected"), [
    ("St. Austin's C of E", "st austins cofe"),
    ("Saint Mary’s Church of England (VA) School", "st marys cofe va school"),
    ("  Ridgeway   Primary & Nursery ", "ridgeway primary and nursery"),
    ("St Peter's CE First", "st peters cofe first"),
    ("", ""),
])
def test_names_are_normalised_for_matching(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


def test_distance_is_euclidean_on_the_national_grid_in_km_and_miles() -> None:
    assert distance_km(393000.0, 324000.0, 390000.0, 320000.0) == pytest.approx(5.0)
    assert km_to_miles(1.609344) == pytest.approx(1.0)
    assert distance_text(5.0) == "5.0 km (3.1 miles)"
    assert distance_text(1.609344) == "1.6 km (1.0 mile)"


def test_postcodes_are_found_however_they_are_typed(index: SchoolIndex) -> None:
    gazetteer = index.gazetteer
    for typed in ("ST16 2DH", "st162dh", "  st16   2dh "):
        location, message = gazetteer.find(typed)
        assert message is None and location is not None
        assert (location.label, location.easting, location.northing) == (
            "ST16 2DH", 392322.0, 323196.0)


def test_an_outward_code_is_the_mean_of_its_postcodes(index: SchoolIndex) -> None:
    location, message = index.gazetteer.find("st16")
    assert message is None and location is not None
    assert location.postcodes == 3
    assert location.easting == pytest.approx((391000 + 392322 + 391600) / 3)
    assert location.northing == pytest.approx((324000 + 323196 + 324900) / 3)
    assert "3 Staffordshire postcodes" in location.description


def test_a_postcode_not_in_code_point_gets_a_clear_message(index: SchoolIndex) -> None:
    location, message = index.gazetteer.find("wv3 8dz")
    assert location is None
    assert message is not None and message.startswith(
        "WV3 8DZ is not a Staffordshire postcode in Code-Point Open")
    _, message = index.gazetteer.find("ST16 9ZZ")
    assert "search with its first half, ST16" in (message or "")
    _, message = index.gazetteer.find("XX9")
    assert "XX9 is not a Staffordshire postcode district" in (message or "")


def test_gazetteer_reads_the_postcodes_table() -> None:
    frame = synthetic_tables()["postcodes"]
    gazetteer = Gazetteer.from_postcodes(frame, "Testshire")
    assert gazetteer.outward["ST16"][2] == 3
    assert gazetteer.find("B77 1AA")[0] is not None


@pytest.mark.parametrize(("text", "expected"), [
    ("ST16 2D", True), ("st16 2dhh", True), ("B7", True), ("Leek", False),
    ("St Austins", False), ("12345", False), ("Year 7 centre", False)])
def test_postcode_shaped_text_is_recognised(text: str, expected: bool) -> None:
    assert looks_like_postcode(text) is expected


# --- ranking ----------


def test_exact_name_first(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("Leek High School"))
    assert names(index, found.urns)[0] == "Leek High School"


def test_partial_name_finds_the_school(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("oakf"))
    assert names(index, found.urns) == ["Oakfield School"]


@pytest.mark.parametrize("typed", ["st austins", "St Austin's", "saint austins", "st austns",
                                   "austin"])
def test_typo_and_apostrophe_tolerant(index: SchoolIndex, typed: str) -> None:
    found = search(index, SearchRequest(typed))
    assert found.urns[0] == 140001  # the open school, not its closed predecessor


def test_town_lists_the_schools_in_it_and_names_rank_above(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("stafford"))
    # "Stafford Road Primary" is closed (open only by default); the special school and the
    # academy are in the town.
    assert set(found.urns) == {140001, 100004}
    found = search(index, SearchRequest("stafford", include_closed=True))
    assert found.urns[0] == 100006  # the name starts with the word, above the town matches
    assert set(found.urns[1:]) == {100001, 140001, 100004}


def test_a_school_without_a_town_is_found_by_ward_or_district(index: SchoolIndex) -> None:
    assert 100003 in search(index, SearchRequest("tamworth")).urns
    assert 140001 in search(index, SearchRequest("forebridge")).urns


def test_postcode_lists_nearest_first_with_distances(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("ST16 2DH"))
    assert found.kind == "location" and found.location is not None
    distances = [found.distances_km[u] for u in found.urns if u in found.distances_km]
    assert distances == sorted(distances)
    expected = math.hypot(391000 - 392322, 324000 - 323196) / 1000
    assert found.distances_km[140001] == pytest.approx(expected)
    assert found.urns[-1] == 100007  # no grid reference: listed last, no distance
    assert 100007 not in found.distances_km


def test_an_unknown_or_invalid_postcode_lists_nothing_and_says_why(index: SchoolIndex) -> None:
    found = search(index, SearchRequest("WV3 8DZ"))
    assert found.urns == () and found.kind == "not_found"
    assert "WV3 8DZ is not a Staffordshire postcode" in (found.message or "")
    found = search(index, SearchRequest("ST16 2D"))
    assert found.urns == () and "is not a valid postcode" in (found.message or "")


def test_no_match_and_nonsense(index: SchoolIndex) -> None:
    assert search(index, SearchRequest("zzzzqqqq")).urns == ()
    assert search(index, SearchRequest("!!!")).urns == ()


def test_a_urn_finds_its_school(index: SchoolIndex) -> None:
    assert search(index, SearchRequest("100002")).urns == (100002,)


# --- filters ----------


def test_filters(index: SchoolIndex) -> None:
    def urns(**request: object) -> set[int]:
        return set(search(index, SearchRequest(**request)).urns)

    assert urns() == {140001, 100002, 100003, 100004, 100005, 100007}
    assert 100001 in urns(include_closed=True)
    assert urns(phase="secondary") == {100002, 100007}
    assert urns(phase="special") == {100004}
    assert urns(phase="nursery") == {100003}
    assert urns(district_code=STAFFORD) == {140001, 100004}
    assert urns(outcome="report_card") == {100002}
    assert urns(outcome="no_overall_grade") == {100004}
    assert urns(outcome="good") == {140001, 100007}
    assert urns(outcome="inadequate") == {100005}
    assert urns(outcome="not_inspected") == {100003}
    assert urns(text="ST16 2DH", phase="special") == {100004}


def test_the_index_is_built_once_per_build() -> None:
    area = load_area()
    tables = synthetic_tables(area)
    first = school_index(tables, area, "build-1")
    assert school_index(tables, area, "build-1") is first
    assert school_index(tables, area, "build-2") is not first
