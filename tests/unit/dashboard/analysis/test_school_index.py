"""The index every school page reads: names normalised for matching, made once per loaded
store, schools found by the URN in an address, the comparison list read from an address, and
the sources a list of schools states. Also the small synthetic school tables and store the
school pages' tests share (imported from here by package path)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from dash import Dash

from app import create_app
from dashboard.analysis.school_index import (
    SchoolIndex,
    build_index,
    find_school,
    normalise_text,
    read_compare_list,
    read_urn,
    school_index,
    summary_sources,
)
from dashboard.analysis.school_summary import SchoolTables
from dashboard.config import Area, load_area
from dashboard.store import Store, clear_loaded
from dashboard.tables import GEO_TABLES, MANIFEST, empty_table, validate

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
    return build_index(SchoolTables.from_tables(synthetic_tables(area), area), area.name)


SOURCES = [
    {"id": "ofsted_latest_2026_06", "title": "Ofsted latest inspections", "publisher": "Ofsted",
     "data_date": "2026-06"},
    {"id": "gias_open_2026_06", "title": "Get Information about Schools",
     "publisher": "Department for Education", "data_date": "2026-06"},
    {"id": "src_2022", "title": "Key stage 2 school results 2022/23",
     "publisher": "Department for Education", "data_date": "2022/23"},
    {"id": "lait", "title": "LAIT", "publisher": "DfE", "data_date": "2015/16 to 2024/25"},
]
SQUARE = {"type": "Polygon", "coordinates": [[[-2.2, 52.7], [-2.0, 52.7], [-2.0, 52.9],
                                              [-2.2, 52.9], [-2.2, 52.7]]]}
DISTRICTS = {"type": "FeatureCollection", "features": [
    {"type": "Feature", "properties": {"code": STAFFORD}, "geometry": SQUARE}]}


def manifest(build_id: str = "school-test") -> dict:
    return {"build_id": build_id, "build_time": "2026-07-01T00:00:00+00:00",
            "sources": [{**s, "licence": "Open Government Licence v3.0"} for s in SOURCES]}


def synthetic_store(build_id: str = "school-test") -> Store:
    """A store in memory with the synthetic school tables."""
    return Store(tables=synthetic_tables(), geojson={"district_boundaries": DISTRICTS},
                 manifest=manifest(build_id), folder=Path("synthetic"))


def write_school_store(folder: Path) -> Path:
    """The synthetic school tables as a processed store on disk (parquet and a manifest)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in synthetic_tables().items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    (folder / GEO_TABLES["district_boundaries"]).write_text(json.dumps(DISTRICTS),
                                                            encoding="utf-8")
    (folder / MANIFEST).write_text(json.dumps(manifest()), encoding="utf-8")
    return folder


def school_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    """The app reading the synthetic school store, with a private cache folder."""
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(write_school_store(tmp_path / "processed")))
    monkeypatch.setenv("EDU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    clear_loaded()
    return create_app({"TESTING": True})




@pytest.mark.parametrize(("text", "expected"), [
    ("St. Austin's C of E", "st austins cofe"),
    ("Saint Mary’s Church of England (VA) School", "st marys cofe va school"),
    ("  Ridgeway   Primary & Nursery ", "ridgeway primary and nursery"),
    ("St Peter's CE First", "st peters cofe first"),
    ("", ""),
])
def test_names_are_normalised_for_matching(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


def test_the_index_is_made_once_per_loaded_store() -> None:
    store = synthetic_store("build-1")
    first = school_index(store)
    assert school_index(store) is first
    assert school_index(synthetic_store("build-2")) is not first
    assert set(first.summaries) == set(synthetic_tables()["schools"]["urn"])


def test_a_school_is_found_by_the_urn_in_its_address() -> None:
    store = synthetic_store()
    school = find_school(store, "140001")
    assert school is not None and school.name == "St Austin's Catholic Primary School"
    for reference in ("999999999", "abc", "", None, "1400011234567", "-140001"):
        assert find_school(store, reference) is None
    assert read_urn(" 140001/ ") == 140001 and read_urn("1234567890") is None


def test_the_comparison_list_keeps_four_known_schools_and_names_the_rest() -> None:
    known = {1: None, 2: None, 3: None, 4: None, 5: None}
    assert read_compare_list(["1", "2", "2", " 3 "], known) == ((1, 2, 3), [])
    urns, messages = read_compare_list(["1", "9", "2", "3", "4", "5"], known)
    assert urns == (1, 2, 3, 4)
    assert messages == ["No school has the reference (URN) 9, so it was left out of the "
                        "comparison.", "You can compare up to 4 schools, so only the first 4 "
                        "are kept."]
    _, messages = read_compare_list(["x", "99"], known)
    assert messages == ["No schools have the references (URNs) x, 99, so they were left out "
                        "of the comparison."]


def test_a_list_of_schools_states_its_dated_sources() -> None:
    text = summary_sources(synthetic_store())
    assert text.startswith("Sources: Get Information about Schools (")
    assert "Ofsted latest inspections (" in text and text.endswith(").")
    empty = Store(tables={}, geojson={}, manifest={"build_id": "x", "sources": []})
    assert summary_sources(empty) == ""
