"""Hotspots' page core: the district x measure grid and its positions, the settings in the
address, and what the page shows for them."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest

from dashboard.analysis import hotspots
from dashboard.analysis.hotspots import (
    HIGHER,
    LOWER,
    SAME,
    SETTINGS,
    GridColumn,
    district_grid,
    grid_population,
    position,
)
from dashboard.config import Area
from dashboard.settings import query_string, read_settings
from dashboard.store import Store
from dashboard.store.readings import Reading
from dashboard.tables import validate
from tests.unit.dashboard.analysis.test_district import make_store
from tests.unit.dashboard.analysis.test_hotspot_ranking import eight_schools

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


# --- the settings and the page ----------------------------------------------------------------


def test_filters_in_the_address() -> None:
    assert read_settings({}, SETTINGS) == ({"phase": "all", "type": "all"}, [])
    chosen, messages = read_settings({"phase": ["nursery"], "type": ["special"]}, SETTINGS)
    assert chosen == {"phase": "all", "type": "special"}
    assert messages == ["'nursery' is not a valid choice for 'phase' (choose from all, "
                        "primary, secondary), so all is shown."]
    assert query_string({"phase": "primary", "type": "all"}, SETTINGS) == "?phase=primary"
    assert query_string({"phase": "all", "type": "all"}, SETTINGS) == ""


def test_the_page_ranks_every_district_and_the_flagged_schools_in_scope(
        area: Area, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotspots, "assessment", lambda store: eight_schools(area))
    model = hotspots.hotspots(make_store(), "primary", "all")
    assert [d.code for d in model.districts][:2] == [area.districts[0].code,
                                                    area.districts[1].code]
    assert len(model.districts) == len(area.districts)
    # Primary schools only: 1, 2, 4, 5, 6 and 8; three of them flagged.
    assert [s.urn for s in model.schools] == [1, 5, 2]
    assert (model.schools_in_scope, model.county_share) == (6, 50.0)
    assert model.school_summary.startswith("3 of 6 open state-funded schools")
    assert [rule for rule, _ in model.rules] == list(hotspots.RULES)
    assert "above the share across Staffordshire" in model.district_rule


def test_a_store_without_school_tables_has_no_schools_to_assess() -> None:
    found = hotspots.assessment(Store(tables={"measures": make_store().measures}, geojson={},
                                      manifest={"build_id": "b", "sources": []}))
    assert found.schools.empty and found.checks.empty
