"""District profiles: resolving districts and the redirect, ranks, district values against the
county and England, school outcomes, context, and the district chart builders - on small
tables written here (also used by test_map.py and test_groups.py)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dash import Dash

from callbacks import charts
from callbacks import district as district_page
from dashboard.analysis import district as districts
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.tables import TABLES, validate

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


# --- resolving districts ---------------------------------------------------------------------


@pytest.mark.parametrize("text", ["E07000199", "e07000199", "tamworth", "Tamworth"])
def test_a_district_is_found_by_code_slug_or_name(text: str) -> None:
    assert district_page.find_district(text) == TAMWORTH
    assert district_page.exists(text)


@pytest.mark.parametrize("text", ["nowhere", "", "E07000199/extra", "E0700019"])
def test_anything_else_is_not_a_district(text: str) -> None:
    assert district_page.find_district(text) is None
    assert not district_page.exists(text)


@pytest.fixture
def client(synthetic_store: Path) -> object:
    from app import create_app

    app: Dash = create_app()
    return app.server.test_client()


def test_a_slug_redirects_to_the_ons_code_keeping_the_settings(client: object) -> None:
    response = client.get("/district/tamworth?phase=primary")
    assert response.status_code == 308
    assert response.headers["Location"].endswith("/district/E07000199?phase=primary")
    assert client.get("/district/E07000199").status_code == 200
    assert client.get("/district/nowhere").status_code == 404


def test_an_unknown_district_gets_the_not_found_page() -> None:
    children, title = district_page.render("nowhere", {})
    text = str(children)
    assert title == "District not found"
    assert "nowhere" in text and "/district/E07000199" in text


# --- ranks and values ------------------------------------------------------------------------


def test_ranks_put_the_best_first_share_ties_and_skip_missing_values() -> None:
    values = pd.Series([80.0, 90.0, None, 90.0])
    assert districts.rank_values(values, True).tolist() == [3, 1, pd.NA, 1]
    assert districts.rank_values(values, False).tolist() == [1, 2, pd.NA, 2]
    assert districts.rank_values(values, None).tolist() == [3, 1, pd.NA, 1]


def test_district_values_keep_a_suppressed_district_missing_with_its_code() -> None:
    values = districts.district_values(district_measures(), AREA,
                                       "pct_schools_good_or_outstanding", "all", "2026-06")
    assert list(values["code"]) == list(CODES)
    suppressed = values.iloc[2]
    assert pd.isna(suppressed["value"]) and suppressed["suppression"] == "c"
    assert pd.isna(suppressed["rank"])
    assert values.iloc[-1]["rank"] == 1  # the highest share is the best
    assert values["value"].notna().sum() == len(CODES) - 1


def test_profile_rows_compare_with_the_county_and_england_for_the_same_period() -> None:
    rows = districts.profile_rows(district_measures(), AREA, TAMWORTH.code)
    row = next(r for r in rows if r.choice.measure_id == "pct_schools_good_or_outstanding")
    assert row.period == "2026-06" and row.district.value == 92.0
    assert row.county.value == 88.0 and row.england is None  # England has no 2026 figure
    assert row.rank == 1 and row.ranked == len(CODES) - 1 and row.headline


# --- schools ---------------------------------------------------------------------------------


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
    found = districts.school_outcomes(schools, inspections).set_index("urn")
    assert found.loc[1, "outcome"] == "good"
    assert "inspected again 1 May 2023" in found.loc[1, "outcome_text"]
    # The report card is the latest outcome; its grades are never turned into a legacy grade.
    assert found.loc[2, "outcome"] == "report_card_attention"
    assert "Inadequate" not in found.loc[2, "outcome_text"]
    assert found.loc[3, "outcome"] == "outstanding"  # the predecessor's grade
    assert found.loc[4, "outcome"] == "not_inspected"
    assert found.loc[5, "outcome"] == "no_overall_grade"


def test_context_is_pupil_weighted_and_estimated_without_pupil_counts() -> None:
    schools = schools_frame([{"urn": 1, "pupils": 100}, {"urn": 2, "pupils": 300}])
    context = pd.DataFrame({
        "urn": [1, 2, 1, 2], "period": ["2018/19", "2018/19", "2022/23", "2022/23"],
        "pupils": [100, 100, None, None], "pct_fsm_ever6": [10.0, 30.0, 10.0, 30.0],
        "source_id": "test_census"})
    for column in ("pct_girls", "pct_fsm_current", "pct_eal", "pct_sen_ehcp",
                   "pct_sen_support", "pct_overall_absence", "pct_persistent_absence"):
        context[column] = None
    context = validate("school_context", context, "synthetic census")
    found = districts.context_by_area(context, schools, AREA)
    fsm = found[(found["characteristic"] == "pct_fsm_ever6")
                & (found["area_code"] == TAMWORTH.code)].set_index("period")
    assert fsm.loc["2018/19", "value"] == 20.0 and fsm.loc["2018/19", "status"] == "computed"
    assert fsm.loc["2022/23", "value"] == 25.0 and fsm.loc["2022/23", "status"] == "estimated"
    eal = found[found["characteristic"] == "pct_eal"]
    assert eal["value"].isna().all()  # no figures: missing, never 0


# --- charts ----------------------------------------------------------------------------------


def test_the_ranking_chart_marks_the_district_and_plots_exactly_its_data() -> None:
    chart = charts.build_chart("district-ranking--E07000199", {}, store=make_store())
    assert chart.title.startswith("Tamworth was 1st of 7 districts")
    bars = chart.figure.data[0]
    assert len(bars.y) == len(CODES) and None in list(bars.x)  # the suppressed one, not 0
    districts_plotted = chart.data[chart.data["Area"].isin([d.name for d in AREA.districts])]
    assert districts_plotted["value"].isna().sum() == 1
    assert AREA.name in set(chart.data["Area"])  # the county's reference line
    assert AREA.england_name not in set(chart.data["Area"])  # no England figure for 2026


def test_the_gender_chart_gives_boys_and_girls_for_the_years_there_are() -> None:
    chart = charts.build_chart("district-gender--E07000199", {}, store=make_store())
    assert "boys' Attainment 8 was" in chart.title and "2017/18" in chart.title
    assert set(chart.data["Pupil group"]) == {"boys", "girls"}


def test_charts_for_an_unknown_district_or_a_slug_are_unknown() -> None:
    for figure in ("district-ranking--nowhere", "district-trend--tamworth"):
        with pytest.raises(charts.UnknownChart):
            charts.build_chart(figure, {}, store=make_store())
