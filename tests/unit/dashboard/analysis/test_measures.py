"""The partnership framework's KPI table: the list from the area file, gaps between pupil groups,
the rows, the tables by theme and the table as data for its download."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

import pandas as pd
import pytest
from dash import Dash

from dashboard.analysis.measures import (
    FrameworkMeasure,
    Theme,
    district_extremes,
    gap_rows,
    kpi_row,
    kpi_rows,
    load_framework,
    outcome_measures,
    table_csv,
    table_frame,
    theme_summary,
)
from dashboard.config import Area, AreaFileError
from dashboard.store import current_store
from dashboard.store.readings import Reading
from dashboard.tables import validate
from dashboard.wording import format_reading


def test_the_area_file_lists_every_framework_measure(area: Area) -> None:
    framework = load_framework(area)
    assert [t.id for t in framework.themes] == ["performance", "inclusion", "aspiration"]
    assert "grouping is ours" in framework.grouping_note.lower() or "our choice" in (
        framework.grouping_note)
    ids = {m.measure_id for m in framework.measures}
    # Every kind of measure DESIGN.md section 2 names for the framework.
    for expected in ("suspension_rate", "permanent_exclusion_rate", "pct_overall_absence",
                     "pct_persistent_absence", "pct_schools_good_or_outstanding",
                     "neet_or_not_known_pct", "ks4_english_maths_grade5_pct",
                     "ks4_english_maths_grade4_pct", "eyfs_gld_pct", "level2_at_19_pct",
                     "level3_at_19_pct", "participation_pct"):
        assert expected in ids
    assert any(m.gap == ("not_disadvantaged", "disadvantaged") for m in framework.measures)
    assert any(m.pupil_group in ("sen_ehcp", "sen_support") for m in framework.measures)
    unavailable = [m.label for m in framework.measures if m.unavailable]
    assert "Grade 7 or above in English and maths GCSEs" in unavailable


@pytest.mark.parametrize(("change", "message"), [
    ({"theme": "nowhere"}, "theme 'nowhere' is not listed"),
    ({"unavailable": "a reason"}, "needs a measure_id or an 'unavailable' reason"),
    ({"measure_id": None}, "needs a measure_id or an 'unavailable' reason"),
    ({"population": "everyone"}, "population 'everyone' is unknown"),
    ({"gap": ["all", "martians"]}, "pupil group"),
])
def test_a_malformed_framework_says_what_is_wrong(area: Area, change: dict,
                                                  message: str) -> None:
    section = area.extra["framework"]
    measure = {"theme": "performance", "label": "X", "measure_id": "eyfs_gld_pct", **change}
    broken = replace(area, extra={**area.extra, "framework": {**section,
                                                              "measures": [measure]}})
    with pytest.raises(AreaFileError, match=message):
        load_framework(broken)
    with pytest.raises(AreaFileError, match="missing or unexpected key"):
        load_framework(replace(area, extra={"framework": {"name": "x"}}))


def rows_for(groups: dict[str, dict[str, float | None]], measure_id: str = "ks2_rwm_expected_pct",
             code: str = "E10000028") -> list[dict]:
    return [{"measure_id": measure_id, "area_type": "county", "area_code": code,
             "area_name": "Area", "population": "all", "pupil_group": group, "period": period,
             "value": value, "numerator": None, "denominator": None, "unit": "percent",
             "source_id": "lait", "status": "official",
             "note": None if value is not None else "[c] Suppressed"}
            for group, by_period in groups.items() for period, value in by_period.items()]


def test_gap_is_the_difference_of_two_published_figures() -> None:
    frame = pd.DataFrame(rows_for({
        "not_disadvantaged": {"2022/23": 70.0, "2023/24": 71.0, "2024/25": 72.0},
        "disadvantaged": {"2022/23": 45.0, "2023/24": None, "2024/25": 50.5},
        "all": {"2022/23": 60.0},
    }))
    gaps = gap_rows(frame, "ks2_rwm_expected_pct", "all", ("not_disadvantaged", "disadvantaged"))
    validate("measures", gaps, "gaps")  # a gap row is a measures-table row
    by_period = gaps.set_index("period")
    assert by_period.loc["2022/23", "value"] == 25.0
    assert by_period.loc["2024/25", "value"] == 21.5
    assert pd.isna(by_period.loc["2023/24", "value"])  # suppressed: missing, never 0
    assert by_period.loc["2023/24", "note"].startswith("[c] ")
    assert set(gaps["unit"]) == {"score"}  # percentage points, not a percentage
    assert set(gaps["measure_id"]) == {"ks2_rwm_expected_pct_gap_disadvantaged"}


def test_district_extremes_prefer_the_rows_year() -> None:
    def district(name: str, value: float | None, period: str) -> Reading:
        return Reading("m", "district", name, name, "all", "all", period, value, "percent",
                       "computed", "test")

    found = [district("A", 50.0, "2022/23"), district("B", 60.0, "2022/23"),
             district("A", 40.0, "2017/18"), district("B", 70.0, "2017/18"),
             district("C", None, "2022/23")]
    low, high, count = district_extremes(found, "2017/18")
    assert (low.area_name, high.area_name, count) == ("A", "B", 2)
    assert (low.value, high.value) == (40.0, 70.0)
    low, high, count = district_extremes(found, "2024/25")  # no districts then: the latest
    assert (low.value, high.value, low.period) == (50.0, 60.0, "2022/23")
    assert district_extremes([], "2024/25") == (None, None, 0)


def test_kpi_row_compares_with_england_neighbours_and_itself(
        synthetic_measures: pd.DataFrame, area: Area,
        neighbour_code: Callable[[int], str]) -> None:
    codes = [neighbour_code(n) for n in area.neighbours]
    measure = FrameworkMeasure("inclusion", "Persistent absence",
                               measure_id="pct_persistent_absence")
    row = kpi_row(synthetic_measures, area, measure, codes, "2025")
    assert (row.period, row.county.value, row.england.value) == ("2023/24", 21.0, 20.0)
    assert row.national.words() == "Worse than England (1.0 percentage points higher)"
    assert row.neighbours_with_data == 9 and row.neighbours_total == 10
    assert row.travel.word == "Not available"  # one year only
    assert row.district_min is None and "councils only" in row.district_reason
    missing = kpi_row(synthetic_measures, area,
                      FrameworkMeasure("x", "Grade 7", unavailable="Not published."), codes,
                      "2025")
    assert missing.not_available == "Not published."
    none = kpi_row(synthetic_measures, area,
                   FrameworkMeasure("x", "Level 3", measure_id="level3_at_19_pct"), codes, "2025")
    assert "no figure" in (none.not_available or "")


def test_suppressed_county_figure_shows_its_code(synthetic_measures: pd.DataFrame,
                                                 area: Area) -> None:
    row = kpi_row(synthetic_measures, area,
                  FrameworkMeasure("performance", "Grade 5",
                                   measure_id="ks4_english_maths_grade5_pct"), [], "2025")
    assert row.county is not None and row.county.value is None
    assert format_reading(row.county) == "[c]"
    assert row.national.relation == "Not comparable"


def test_table_and_summary(synthetic_measures: pd.DataFrame, area: Area,
                           neighbour_code: Callable[[int], str]) -> None:
    framework = load_framework(area)
    codes = [neighbour_code(n) for n in area.neighbours]
    rows = kpi_rows(synthetic_measures, area, framework, codes, "2025")
    assert len(rows) == len(framework.measures)
    frame = table_frame(rows, framework, area, "2025")
    assert list(frame.columns[:6]) == ["Theme", "Measure", "Measure id", "Population",
                                       "Pupil group", "Year"]
    assert "Statistical neighbours (2025 list, average)" in frame.columns
    unavailable = frame[frame["Measure"] == "Grade 7 or above in English and maths GCSEs"]
    assert unavailable["Not available"].iloc[0].startswith("The Department for Education")
    inclusion = [r for r in rows if r.measure.theme == "inclusion"]
    summary = theme_summary(area, Theme("inclusion", "Inclusion"), inclusion)
    assert summary.startswith("Staffordshire is better than England on ")
    assert "cannot be filled from the published data" in summary


def test_the_page_groups_the_rows_by_theme_for_the_chosen_list(app: Dash, area: Area) -> None:
    with app.server.test_request_context("/measures"):
        model = outcome_measures(current_store(), neighbours="2021")
        text, filename = table_csv(current_store(), neighbours="2021")
    framework = load_framework(area)
    assert [t.theme.id for t in model.themes] == [t.id for t in framework.themes]
    assert sum(len(t.rows) for t in model.themes) == len(framework.measures)
    assert model.neighbour_list == "2021" and model.neighbour_lists == ("2025", "2021")
    assert model.neighbour_names[0] == f"LA {area.neighbour_lists['2021'][0]}"
    assert model.download_href == "/download/outcome-measures.csv?neighbours=2021"
    assert filename == "staffordshire-outcome-measures-2021-neighbours.csv"
    table = pd.read_csv(io.StringIO(text))
    assert "Statistical neighbours (2021 list, average)" in table.columns
    assert len(table) == len(framework.measures)
