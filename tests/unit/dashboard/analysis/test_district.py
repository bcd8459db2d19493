"""District profiles' answers: finding a district by any of its names, the page's settings,
every district-level measure against the county and England with its rank, the district's
pupils and its schools - on small tables written here, which the map's, the district page's
and the pupil groups' tests also use (AREA, TAMWORTH, district_measures, make_store, ...)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.analysis import district as profiles
from dashboard.config import Area, load_area
from dashboard.settings import read_settings
from dashboard.store import Store
from dashboard.tables import GEO_TABLES, MANIFEST, TABLES, validate

AREA = load_area()
CODES = AREA.district_codes
TAMWORTH = next(d for d in AREA.districts if d.slug == "tamworth")
SOURCES = [
    {"id": "test_ofsted", "title": "Ofsted inspections (synthetic)", "publisher": "Ofsted",
     "data_date": "2026-06"},
    {"id": "test_ks4", "title": "KS4 results (synthetic)", "publisher": "DfE",
     "data_date": "2017/18"},
    {"id": "test_census", "title": "Census (synthetic)", "publisher": "DfE",
     "data_date": "2022/23"},
]


# --- synthetic tables ------------------------------------------------------------------------


def measure_row(measure_id: str, area_type: str, code: str, name: str, period: str,
                value: float | None, *, population: str = "all", group: str = "all",
                unit: str = "percent", status: str = "computed",
                source: str = "test_ofsted") -> dict:
    return {"measure_id": measure_id, "area_type": area_type, "area_code": code,
            "area_name": name, "population": population, "pupil_group": group,
            "period": period, "value": value, "numerator": None, "denominator": None,
            "unit": unit, "source_id": source, "status": status,
            "note": None if value is not None else "[c] suppressed (synthetic)"}


def district_measures(area: Area = AREA) -> pd.DataFrame:
    """Good-or-outstanding shares for every district (the third suppressed), the county and
    England; KS4 Attainment 8 for boys and girls in two years; disadvantaged Progress 8."""
    rows = []
    for i, d in enumerate(area.districts):
        for period, base in (("2023-08-31", 80.0), ("2026-06", 85.0)):
            rows.append(measure_row("pct_schools_good_or_outstanding", "district", d.code,
                                    d.name, period, None if i == 2 else base + i))
        for period, step in (("2016/17", 0.0), ("2017/18", 1.0)):
            rows.append(measure_row("ks4_attainment8", "district", d.code, d.name, period,
                                    45.0 + step, group="girls", unit="score",
                                    source="test_ks4"))
            rows.append(measure_row("ks4_attainment8", "district", d.code, d.name, period,
                                    40.0 + step + i * 0.1, group="boys", unit="score",
                                    source="test_ks4"))
        for group, value in (("disadvantaged", -0.8 + i * 0.05), ("all", -0.2)):
            rows.append(measure_row("ks4_progress8", "district", d.code, d.name, "2022/23",
                                    value, group=group, unit="score", status="estimated",
                                    source="test_ks4"))
    for period, value in (("2023-08-31", 84.0), ("2026-06", 88.0)):
        rows.append(measure_row("pct_schools_good_or_outstanding", "county", area.ons_code,
                                area.name, period, value))
    rows.append(measure_row("pct_schools_good_or_outstanding", "england", area.england_code,
                            area.england_name, "2023-08-31", 89.0, status="official"))
    for group, value in (("girls", 47.0), ("boys", 42.0)):
        rows.append(measure_row("ks4_attainment8", "county", area.ons_code, area.name,
                                "2017/18", value, group=group, unit="score",
                                source="test_ks4"))
    for group, value in (("disadvantaged", -0.79), ("all", -0.14)):
        rows.append(measure_row("ks4_progress8", "county", area.ons_code, area.name,
                                "2022/23", value, group=group, unit="score",
                                status="official", source="test_ks4"))
    return validate("measures", pd.DataFrame(rows), "synthetic district measures")


SCHOOL_DEFAULTS = {
    "name": "A school", "phase": "primary", "school_type": "Academy", "population": "mainstream",
    "is_open": True, "open_date": pd.NaT, "close_date": pd.NaT, "street": None, "town": None,
    "postcode": None, "la_number": AREA.la_number, "lat": 52.63, "lon": -1.69, "age_low": 4,
    "age_high": 11, "pupils": 200, "easting": None, "northing": None,
    "district_code": TAMWORTH.code, "district_name": TAMWORTH.name, "ward_code": None,
    "ward_name": None, "predecessor_urns": "", "successor_urns": "", "source_ids": "test",
}


def schools_frame(rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame([{**SCHOOL_DEFAULTS, "lineage_urn": r["urn"], **r} for r in rows])
    return validate("schools", frame, "synthetic schools")


def inspections_frame(rows: list[dict]) -> pd.DataFrame:
    defaults = {"framework": "graded", "overall_grade": None, "overall_label": None,
                "source_id": "test_ofsted"}
    frame = pd.DataFrame([{**defaults, **r} for r in rows])
    frame["inspection_date"] = pd.to_datetime(frame["inspection_date"])
    for column in TABLES["inspections"].columns:
        if column not in frame:
            frame[column] = None
    return validate("inspections", frame, "synthetic inspections")


def square(lon: float, lat: float, size: float = 0.1) -> dict:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size],
            [lon, lat]]
    return {"type": "Polygon", "coordinates": [ring]}


def boundaries(area: Area = AREA) -> dict:
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": d.code, "name": d.name},
         "geometry": square(-2.4 + 0.1 * i, 52.5)} for i, d in enumerate(area.districts)]}


def make_store(measures: pd.DataFrame | None = None, **tables: pd.DataFrame) -> Store:
    return Store(tables={"measures": district_measures() if measures is None else measures,
                         **tables},
                 geojson={"district_boundaries": boundaries()},
                 manifest={"build_id": "test-build", "sources": SOURCES})


def some_schools() -> dict[str, pd.DataFrame]:
    """Three Tamworth schools (two primary, one secondary) and their inspections."""
    return {
        "schools": schools_frame([{"urn": 1, "name": "Graded"}, {"urn": 2, "name": "Card"},
                                  {"urn": 3, "name": "New", "phase": "secondary"}]),
        "inspections": inspections_frame([
            {"urn": 1, "inspection_date": "2019-03-12", "overall_grade": 1},
            {"urn": 2, "inspection_date": "2026-01-27", "framework": "report_card",
             "rc_inclusion": "expected"}]),
    }


def write_store(folder: Path, store: Store) -> Path:
    """`store` written in the processed store's own format, for the app to read."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, frame in store.tables.items():
        frame.to_parquet(folder / f"{name}.parquet", index=False)
    for name, geojson in store.geojson.items():
        (folder / GEO_TABLES[name]).write_text(json.dumps(geojson), encoding="utf-8")
    (folder / MANIFEST).write_text(json.dumps(store.manifest), encoding="utf-8")
    return folder


# --- finding a district ------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["E07000199", "e07000199", "tamworth", "Tamworth"])
def test_a_district_is_found_by_code_slug_or_name(text: str) -> None:
    assert profiles.find_district(text) == TAMWORTH
    assert profiles.district_address(text) == "/district/E07000199"


@pytest.mark.parametrize("text", ["nowhere", "", "E07000199/extra", "E0700019"])
def test_anything_else_is_not_a_district(text: str) -> None:
    assert profiles.find_district(text) is None
    assert profiles.district_address(text) is None


# --- settings ----------------------------------------------------------------------------------


def test_settings_default_to_the_latest_figures_and_every_school() -> None:
    chosen, messages = read_settings({}, profiles.settings(make_store(), TAMWORTH.code))
    assert chosen == {"measure": "pct_schools_good_or_outstanding", "population": "all",
                      "period": "2026-06", "trend": "pct_schools_good_or_outstanding",
                      "phase": "all"}
    assert messages == []


def test_bad_settings_fall_back_with_a_message() -> None:
    chosen, messages = read_settings(
        {"trend": ["ks4_progress8"], "phase": ["college"], "period": ["2023-08-31"]},
        profiles.settings(make_store(), TAMWORTH.code))
    assert chosen["period"] == "2023-08-31"
    # Progress 8 has one year per district, so it has no trend to choose.
    assert chosen["trend"] == "pct_schools_good_or_outstanding"
    assert chosen["phase"] == "all"
    assert len(messages) == 2 and "'ks4_progress8' is not a valid choice for 'trend'" in messages[0]
    store = make_store()
    assert profiles.chosen_trend(store, TAMWORTH.code, chosen).measure_id == chosen["trend"]


def test_a_district_without_trends_has_no_trend_to_choose_or_correct() -> None:
    store = make_store(district_measures()[lambda m: m["period"] != "2023-08-31"])
    assert profiles.trend_options(store, TAMWORTH.code) == ()
    chosen, messages = read_settings({"trend": ["anything"]},
                                     profiles.settings(store, TAMWORTH.code))
    assert messages == [] and profiles.chosen_trend(store, TAMWORTH.code, chosen) is None


# --- measures ----------------------------------------------------------------------------------


def test_profile_rows_compare_with_the_county_and_england_for_the_same_period() -> None:
    rows = profiles.profile_rows(district_measures(), AREA, TAMWORTH.code)
    row = next(r for r in rows if r.choice.measure_id == "pct_schools_good_or_outstanding")
    assert row.period == "2026-06" and row.district.value == 92.0
    assert row.county.value == 88.0 and row.england is None  # England has no 2026 figure
    assert row.rank == 1 and row.ranked == len(CODES) - 1 and row.headline


def test_a_suppressed_district_is_not_ranked() -> None:
    suppressed = AREA.districts[2]
    rows = profiles.profile_rows(district_measures(), AREA, suppressed.code)
    row = next(r for r in rows if r.choice.measure_id == "pct_schools_good_or_outstanding")
    assert row.district.value is None and row.district.suppression == "c"
    assert row.rank is None


def test_the_profile_counts_the_districts_schools_and_lists_its_trends() -> None:
    profile = profiles.district_profile(make_store(**some_schools()), TAMWORTH.code)
    assert (profile.name, profile.district_count) == (TAMWORTH.name, len(CODES))
    assert profile.key_figures[0].district == "3" and profile.key_figures[0].county == "3"
    assert [t.measure_id for t in profile.trends] == ["pct_schools_good_or_outstanding"]
    assert profile.context.rows == ()  # no census in these tables
    with pytest.raises(LookupError):
        profiles.district_profile(make_store(), "tamworth")  # by its code only


# --- pupils and schools ------------------------------------------------------------------------


def test_the_census_table_gives_the_district_beside_the_county_each_year() -> None:
    schools = schools_frame([{"urn": 1, "pupils": 100}, {"urn": 2, "pupils": 300}])
    context = pd.DataFrame({
        "urn": [1, 2, 1, 2], "period": ["2018/19", "2018/19", "2022/23", "2022/23"],
        "pupils": [100, 100, None, None], "pct_fsm_ever6": [10.0, 30.0, 10.0, 30.0],
        "source_id": "test_census"})
    for column in ("pct_girls", "pct_fsm_current", "pct_eal", "pct_sen_ehcp",
                   "pct_sen_support", "pct_overall_absence", "pct_persistent_absence"):
        context[column] = None
    store = make_store(schools=schools,
                       school_context=validate("school_context", context, "synthetic census"))
    found = profiles.context_of(store, AREA, TAMWORTH)
    assert found.periods == ("2018/19", "2022/23")
    fsm = next(row for row in found.rows if row.label.startswith("Disadvantaged"))
    assert fsm.cells == ("20.0%", "20.0%", "25.0%", "25.0%")
    eal = next(row for row in found.rows if row.label.startswith("English"))
    assert set(eal.cells) == {"[x]"}  # no figures: a code, never 0
    assert [f.label for f in found.figures] == ["Pupils on roll (2022/23)",
                                                "Disadvantaged (free school meals in the last "
                                                "six years) (2022/23)"]
    assert "estimates" in found.note and "Census (synthetic) (DfE)" in found.note


def test_the_schools_list_shows_each_phase_with_outcomes_and_results() -> None:
    tables = some_schools()
    results = pd.DataFrame({"urn": [1], "measure_id": ["ks2_rwm_expected_pct"],
                            "pupil_group": ["all"], "period": ["2023/24"], "value": [None],
                            "suppression": ["c"], "source_id": ["test_ks2"]})
    store = make_store(**tables, ks2_results=results)
    every = profiles.district_schools(store, TAMWORTH.code, "all")
    assert [row.name for row in every.rows] == ["Card", "Graded", "New"]
    assert every.caption.startswith(f"3 open state-funded schools in {TAMWORTH.name}")
    graded = every.rows[1]
    assert (graded.outcome, graded.outcome_date, graded.href) == ("outstanding",
                                                                  "12 March 2019", "/school/1")
    assert graded.ks2 == "[c] (2023/24)" and graded.ks4 == ""
    secondary = profiles.district_schools(store, TAMWORTH.code, "secondary")
    assert [row.name for row in secondary.rows] == ["New"]
    assert secondary.caption.endswith("(mainstream secondary (and all-through))")


def write_district_store(folder: Path) -> Path:
    """make_store with some schools, written for an app to read (the page and callback tests'
    `synthetic_store_dir`)."""
    return write_store(folder, make_store(**some_schools()))
