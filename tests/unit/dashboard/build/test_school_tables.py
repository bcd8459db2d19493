"""Assembling the area's school tables from synthetic per-source frames."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.build.school_tables import (
    MAX_LINK_STEPS,
    assemble_school_tables,
    latest_urn,
    linked_within,
    successor_edges,
)
from dashboard.config import Area, parse_area
from dashboard.rules import history_urns
from dashboard.tables import TABLES, empty_table, validate

AREA: Area = parse_area({
    "area": {"name": "Testshire", "la_number": 860, "ons_code": "E10000028",
             "region_code": "E12000005", "region_name": "West Midlands",
             "england_code": "E92000001"},
    "districts": [{"code": "E07000197", "name": "Stafford", "slug": "stafford"},
                  {"code": "E07000194", "name": "Lichfield", "slug": "lichfield"}],
    "neighbours": {"current": "2025", "lists": {"2025": [811]}},
})

GIAS, OFSTED, CENSUS, SPINE, NAMES = (
    "gias_open_2026_06", "ofsted_schools_2023_08_31", "census_2019_schools", "spine_2017_18",
    "gias_link_names_2025_04")


def typed(table: str, rows: list[dict]) -> pd.DataFrame:
    """Rows of `table` with every column (absent ones missing) in the schema's dtypes."""
    empty = empty_table(table)
    filled = pd.DataFrame([{column: row.get(column) for column in empty.columns} for row in rows])
    return filled.astype(empty.dtypes.to_dict())


def frame(table: str, rows: list[dict]) -> pd.DataFrame:
    return validate(table, typed(table, rows), "test")


def records(source_id: str, rows: list[dict]) -> pd.DataFrame:
    # Not validated: census records carry no name.
    return typed("school_records", [{**row, "source_id": source_id} for row in rows])


def link(urn: int, successor: int, date: str | None = None) -> list[dict]:
    """Both GIAS rows of a successor link (GIAS lists each link from both ends)."""
    day_after = None if date is None else str((pd.Timestamp(date) + pd.Timedelta(days=1)).date())
    return [
        {"urn": urn, "linked_urn": successor, "link_type": "successor", "link_date": date,
         "source_id": "gias_links_2025_04"},
        {"urn": successor, "linked_urn": urn, "link_type": "predecessor",
         "link_date": day_after, "source_id": "gias_links_2025_04"},
    ]


def inspection(urn: int, date: str, grade: int, source_id: str) -> dict:
    return {"urn": urn, "inspection_date": date, "framework": "graded", "overall_grade": grade,
            "source_id": source_id}


@pytest.fixture(scope="module")
def assembled() -> dict[str, pd.DataFrame]:
    school_records = [
        records(GIAS, [
            {"urn": 200001, "name": "Open Academy", "phase": "primary",
             "population": "mainstream", "is_open": True, "postcode": "ST16 1AA",
             "lat": 52.81, "lon": -2.12},
            {"urn": 200002, "name": "Elsewhere Primary", "phase": "primary",
             "population": "mainstream", "is_open": True, "postcode": "B1 1AA"},
            {"urn": 200003, "name": "New Free School", "phase": "secondary",
             "population": "mainstream", "is_open": True, "postcode": "WS13 6QG"},
            {"urn": 800001, "name": "Town Nursery School", "phase": "nursery",
             "population": "nursery", "is_open": True, "postcode": "ST16 1AA"},
        ]),
        records(OFSTED, [
            {"urn": 200001, "name": "Open Academy (old name)", "phase": "primary",
             "population": "mainstream", "is_open": True, "postcode": "ST16 1AA",
             "la_number": 860, "age_low": 9, "age_high": 13, "pupils": 250},
            {"urn": 300001, "name": "Special School", "population": "special",
             "is_open": True, "postcode": "ST16 1AA", "la_number": 860, "age_low": 2,
             "age_high": 19},
            {"urn": 300002, "name": "Closed Since Primary", "population": "mainstream",
             "phase": "primary", "is_open": True, "postcode": "ST16 1AA", "la_number": 860},
            {"urn": 400001, "name": "Short Stay School", "population": "ap",
             "is_open": True, "postcode": "WS13 6QG", "la_number": 860},
        ]),
        records(CENSUS, [
            {"urn": 100001, "la_number": 860, "pupils": 240, "population": "mainstream"},
        ]),
        records(SPINE, [
            {"urn": 100001, "name": "Old School", "la_number": 860, "postcode": "ST16 1AA",
             "close_date": "2019-08-31", "is_open": False, "population": "mainstream",
             "age_low": 9, "age_high": 13},
            {"urn": 500001, "name": "Independent School", "la_number": 860,
             "population": "independent", "is_open": True, "postcode": "ST16 1AA"},
            *({"urn": urn, "name": f"Far School {urn}", "la_number": 330,
               "postcode": "B1 1AA", "population": "mainstream"}
              for urn in (600010, 600011, 600012, 600013)),
        ]),
        records(NAMES, [
            {"urn": 100001, "name": "Old School (link name)"},
            {"urn": 400002, "name": "Bridge Academy"},
            {"urn": 700001, "name": "Never Described School"},
        ]),
    ]
    links = frame("school_links", [
        *link(100001, 200001, "2019-08-31"),
        *link(400001, 400002, "2024-01-31"),
        *link(700001, 200001),
        # A chain of predecessors of 200003, one URN per step.
        *link(600010, 200003), *link(600011, 600010), *link(600012, 600011),
        *link(600013, 600012),
    ])
    inspections = [frame("inspections", [
        inspection(200001, "2022-05-10", 2, "ofsted_stats_2023_08_31"),
        inspection(200002, "2022-05-10", 1, "ofsted_stats_2023_08_31"),
        inspection(400002, "2025-03-01", 3, "ofsted_latest_2026_06"),
    ])]
    postcodes = frame("postcodes", [
        {"postcode": "ST16 1AA", "easting": 392000, "northing": 323000,
         "district_code": "E07000197", "ward_code": "E05010483"},
        {"postcode": "WS13 6QG", "easting": 415000, "northing": 310000,
         "district_code": "E07000194", "ward_code": "E05010665"},
        {"postcode": "WV3 8DZ", "easting": 386000, "northing": 297000,
         "district_code": "E08000031", "ward_code": "E05001320"},
    ])
    area_names = frame("area_names", [
        {"area_type": "district", "code": "E07000197", "name": "Stafford"},
        {"area_type": "ward", "code": "E05010483", "name": "Doxey & Castletown"},
        {"area_type": "ward", "code": "E05010665", "name": "Leomansley"},
        {"area_type": "ward", "code": "E05001320", "name": "Park"},
    ])
    ks2 = frame("ks2_results", [
        {"urn": urn, "period": "2022/23", "measure_id": "ks2_rwm_expected_pct",
         "pupil_group": "all", "value": 60.0, "source_id": "test"} for urn in (200001, 200002)])
    context = frame("school_context", [
        {"urn": 800001, "period": "2022/23", "pct_fsm_ever6": 0.0, "pct_eal": 7.1,
         "source_id": "census_2022_23"},
        {"urn": 200001, "period": "2022/23", "pct_fsm_ever6": 21.9, "source_id": "census_2022_23"},
    ])
    frames = {"school_records": school_records, "inspections": inspections}
    tables = {"postcodes": postcodes, "area_names": area_names, "school_links": links,
              "inspections": pd.concat(inspections), "ks2_results": ks2,
              "school_context": context}
    return assemble_school_tables(frames, tables, AREA)


@pytest.fixture(scope="module")
def schools(assembled: dict[str, pd.DataFrame]) -> pd.DataFrame:
    return assembled["schools"].set_index("urn")


def test_every_table_fits_its_schema(assembled: dict[str, pd.DataFrame]) -> None:
    assert set(assembled) == {"postcodes", "area_names", "schools", "school_links",
                              "inspections", "ks2_results", "ks4_results", "school_context"}
    for name, table in assembled.items():
        validate(name, table, f"assembled {name}")
    assert assembled["ks4_results"].empty  # no source: an empty, typed table


def test_area_schools(schools: pd.DataFrame) -> None:
    # By LA number (100001, 300001, 300002, 400001, 500001), by postcode (200001, 200003,
    # 800001), and through up to three links (400002; 600010-600012 as 200003's history).
    assert sorted(schools.index) == [100001, 200001, 200003, 300001, 300002, 400001, 400002,
                                     500001, 600010, 600011, 600012, 800001]
    # 200002 is elsewhere; 600013 is four links away; 700001 appears in no source but links.
    assert not {200002, 600013, 700001} & set(schools.index)


def test_fields_merge_newest_source_first(schools: pd.DataFrame) -> None:
    academy = schools.loc[200001]
    assert academy["name"] == "Open Academy"  # GIAS 2026 over Ofsted 2023
    assert academy["pupils"] == 250  # only Ofsted gives pupils
    assert academy["la_number"] == 860
    assert academy["phase"] == "middle"  # from the 9-13 age range, not GIAS's word
    assert academy["source_ids"] == "gias_open_2026_06;ofsted_schools_2023_08_31"
    old = schools.loc[100001]
    assert old["name"] == "Old School"  # a school list's name beats the link name
    assert old["pupils"] == 240
    assert old["source_ids"] == "census_2019_schools;spine_2017_18;gias_link_names_2025_04"


def test_is_open_rules(schools: pd.DataFrame) -> None:
    is_open = schools["is_open"].astype(object).where(schools["is_open"].notna(), None)
    assert is_open.to_dict() == {
        100001: False,  # close date and successor
        200001: True,  # GIAS June 2026 list
        200003: True,
        300001: True,  # special school open on 31 August 2023, no successor
        300002: False,  # mainstream, open in 2023, absent from the GIAS 2026 list
        400001: False,  # successor since 2023
        400002: True,  # successor of a PRU open in 2023, not covered by the GIAS list
        500001: None,  # independent: nothing says
        600010: False, 600011: False, 600012: False,
        800001: True,
    }


def test_dates_from_links(schools: pd.DataFrame) -> None:
    assert schools.loc[100001, "close_date"] == pd.Timestamp("2019-08-31")  # from the spine
    assert schools.loc[200001, "open_date"] == pd.Timestamp("2019-09-01")  # predecessor link
    assert schools.loc[400001, "close_date"] == pd.Timestamp("2024-01-31")  # successor link


def test_location_from_postcode(schools: pd.DataFrame) -> None:
    academy = schools.loc[200001]
    assert academy[["district_code", "district_name", "ward_code", "ward_name"]].tolist() == [
        "E07000197", "Stafford", "E05010483", "Doxey & Castletown"]
    assert academy[["easting", "northing"]].tolist() == [392000.0, 323000.0]
    assert academy[["lat", "lon"]].tolist() == [52.81, -2.12]  # GIAS coordinates kept
    converted = schools.loc[200003]
    assert converted["lat"] == pytest.approx(52.68749, abs=1e-5)
    assert converted["lon"] == pytest.approx(-1.77953, abs=1e-5)
    assert converted["district_name"] == "Lichfield"  # from the area file
    assert schools.loc[600010, ["district_code", "easting", "lat"]].isna().all()


def test_chain_columns(schools: pd.DataFrame) -> None:
    assert schools.loc[100001, ["successor_urns", "lineage_urn"]].tolist() == ["200001", 200001]
    # 700001 is a GIAS predecessor but not one of the schools.
    assert schools.loc[200001, ["predecessor_urns", "successor_urns"]].tolist() == ["100001", ""]
    assert schools.loc[600012, "lineage_urn"] == 200003
    assert schools.loc[200003, "predecessor_urns"] == "600010"


def test_school_named_only_by_links_takes_population_and_district_from_its_chain(
        schools: pd.DataFrame) -> None:
    bridge = schools.loc[400002]
    assert bridge["name"] == "Bridge Academy"
    assert bridge[["population", "district_code", "district_name"]].tolist() == [
        "ap", "E07000194", "Lichfield"]
    assert pd.isna(bridge["phase"]) and pd.isna(bridge["ward_code"])


def test_other_tables_restricted_to_the_area(assembled: dict[str, pd.DataFrame]) -> None:
    assert sorted(assembled["inspections"]["urn"]) == [200001, 400002]
    assert list(assembled["ks2_results"]["urn"]) == [200001]
    assert list(assembled["postcodes"]["postcode"]) == ["ST16 1AA", "WS13 6QG"]
    assert "E05001320" not in set(assembled["area_names"]["code"])
    links = assembled["school_links"]
    assert set(links["urn"]) <= set(assembled["schools"]["urn"])
    assert 600013 not in set(links["urn"])


def test_nursery_schools_have_no_fsm_ever6(assembled: dict[str, pd.DataFrame]) -> None:
    context = assembled["school_context"].set_index("urn")
    assert pd.isna(context.loc[800001, "pct_fsm_ever6"])
    assert context.loc[800001, "pct_eal"] == 7.1
    assert context.loc[200001, "pct_fsm_ever6"] == 21.9


def test_no_sources_gives_empty_tables() -> None:
    result = assemble_school_tables({}, {}, AREA)
    for name, table in result.items():
        assert table.empty
        validate(name, table, name)
    assert list(result["schools"].columns) == list(TABLES["schools"].columns)


def test_linked_within_counts_steps() -> None:
    edges = successor_edges(frame("school_links", [*link(1, 2), *link(2, 3), *link(3, 4),
                                                   *link(4, 5)]))
    assert linked_within({1}, edges, MAX_LINK_STEPS) == {1, 2, 3, 4}
    assert linked_within({3}, edges, 1) == {2, 3, 4}


def test_latest_urn_follows_successors_and_stops_on_cycles() -> None:
    assert latest_urn(1, {1: [2], 2: [3]}) == 3
    assert latest_urn(1, {1: [2, 5]}) == 5  # a split school: the newest URN
    assert latest_urn(1, {1: [2], 2: [1]}) == 2
    assert latest_urn(7, {}) == 7


def test_history_urns_oldest_first() -> None:
    # 1 and 2 merged into 3, which converted to 4.
    chain = pd.DataFrame({
        "urn": [1, 2, 3, 4, 9],
        "predecessor_urns": ["", "", "1;2", "3", ""],
        "successor_urns": ["3", "3", "4", "", ""],
    })
    assert history_urns(chain, 4) == [1, 2, 3, 4]
    assert history_urns(chain, 3) == [1, 2, 3, 4]
    assert history_urns(chain, 1) == [1, 3, 4]
    assert history_urns(chain, 9) == [9]
    assert history_urns(chain, 123) == []


def test_history_urns_survives_a_cycle() -> None:
    cycle = pd.DataFrame({"urn": [1, 2], "predecessor_urns": ["2", "1"],
                          "successor_urns": ["2", "1"]})
    assert history_urns(cycle, 1) == [2, 1]


def test_conversions_after_the_links_extract_are_inferred_only_on_the_same_site() -> None:
    from dashboard.build.adapters.census_schools import CENSUS_2019_SCHOOLS
    from dashboard.build.adapters.gias import GIAS_OPEN_2026_06
    from dashboard.build.adapters.ofsted_schools import OFSTED_SCHOOLS_2023_08_31
    from dashboard.build.school_tables import INFERRED_LINK_SOURCE, inferred_conversions

    def record(urn: int, source: str, postcode: str, population: str = "mainstream") -> dict:
        return {"urn": urn, "source_id": source, "postcode": postcode, "population": population}

    records = pd.DataFrame([
        record(100, OFSTED_SCHOOLS_2023_08_31, "DE14 3TE"),  # converted after April 2025
        record(900, GIAS_OPEN_2026_06, "DE14 3TE"),
        record(101, CENSUS_2019_SCHOOLS, "ST16 1AA"),  # still open: not replaced
        record(101, GIAS_OPEN_2026_06, "ST16 1AA"),
        record(901, GIAS_OPEN_2026_06, "ST16 1AA"),  # a new school sharing its site
        record(102, OFSTED_SCHOOLS_2023_08_31, "WS11 1AA"),  # closed, new URN elsewhere
        record(902, GIAS_OPEN_2026_06, "WS11 9ZZ"),
        record(103, OFSTED_SCHOOLS_2023_08_31, "B77 1AA"),  # already linked by GIAS
        record(903, GIAS_OPEN_2026_06, "B77 1AA"),
        record(104, OFSTED_SCHOOLS_2023_08_31, "B77 1AA"),
        record(105, OFSTED_SCHOOLS_2023_08_31, "ST5 1AA", "special"),  # not in the 2026 list
        record(905, GIAS_OPEN_2026_06, "ST5 1AA"),
        record(106, OFSTED_SCHOOLS_2023_08_31, "ST6 1AA", "nursery"),  # different kind
        record(906, GIAS_OPEN_2026_06, "ST6 1AA"),
    ])
    links = pd.DataFrame({"urn": [903], "linked_urn": [103], "link_type": ["predecessor"],
                          "link_reason": ["academy converter"], "link_date": [pd.NaT],
                          "source_id": ["gias_links_2025_04"]})
    links = links.astype({"urn": "Int64", "linked_urn": "Int64", "link_type": "string",
                          "link_reason": "string", "link_date": "datetime64[us]",
                          "source_id": "string"})
    inferred = inferred_conversions(records, links)
    assert set(zip(inferred["urn"], inferred["linked_urn"], inferred["link_type"],
                   strict=True)) == {(900, 100, "predecessor"), (100, 900, "successor")}
    assert (inferred["source_id"] == INFERRED_LINK_SOURCE).all()
    assert inferred["link_reason"].str.startswith("inferred").all()
