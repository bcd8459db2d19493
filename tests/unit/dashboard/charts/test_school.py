"""The profile's charts: a key stage's headline result each year holds exactly the plotted
values (suppressed years as their codes), and the downloads find the chart the profile drew
by its figure id."""

from __future__ import annotations

import pytest

from dashboard.analysis.school import results_history
from dashboard.analysis.school_summary import SchoolTables
from dashboard.charts.registry import UnknownChart, build_chart
from dashboard.charts.school import academic_years, results_chart, results_charts, school_map
from dashboard.config import Area, load_area
from tests.unit.dashboard.analysis.test_school_index import synthetic_store, synthetic_tables


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def tables(area: Area) -> SchoolTables:
    return SchoolTables.from_tables(synthetic_tables(area), area)


def test_results_chart_holds_exactly_the_plotted_values(tables: SchoolTables,
                                                        area: Area) -> None:
    history = results_history(tables, 140001, "ks2", area)[0]
    sources = {"lait": {"title": "LAIT", "publisher": "DfE", "data_date": "2015/16 to 2024/25"}}
    chart = results_chart(history, "St Austin's", "school-ks2--140001", sources)
    assert chart.title == ("65.0% of pupils met the expected standard in reading, writing and "
                           "maths at St Austin's in 2022/23, above England (60.0%)")
    assert len(chart.data) == 6  # two school years, county and England for each
    assert set(chart.data["Series"]) == {"St Austin's", area.name, "England"}
    assert chart.figure.layout.xaxis.categoryarray[:2] == ("2016/17", "2017/18")
    assert "county and England 2015/16 to 2024/25" in chart.as_at
    suppressed = results_history(tables, 140001, "ks2", area)[1]
    chart = results_chart(suppressed, "St Austin's", "school-ks2--x", sources)
    school_rows = chart.data[chart.data["Series"] == "St Austin's"]
    assert school_rows["value"].isna().all() and school_rows["suppression"].tolist() == ["supp"]
    assert "[supp]" in chart.title


def test_academic_years_fill_the_gaps() -> None:
    assert academic_years("2017/18", "2020/21") == ["2017/18", "2018/19", "2019/20", "2020/21"]


def test_downloads_rebuild_the_chart_the_profile_shows() -> None:
    store = synthetic_store()
    shown = results_charts(store, "140001")
    assert list(shown) == ["ks2"] and shown["ks2"].figure_id == "school-ks2--140001"
    rebuilt = build_chart("school-ks2--140001", {}, store)
    assert rebuilt.title == shown["ks2"].title
    assert rebuilt.data.equals(shown["ks2"].data)
    for missing in ("school-ks4--140001", "school-ks2--999999", "school-ks2--abc",
                    "school-ks2"):
        with pytest.raises(UnknownChart):
            build_chart(missing, {}, store)


def test_the_profile_map_marks_the_school_in_its_district() -> None:
    store = synthetic_store()
    image = school_map(store, "140001")
    assert image is not None and image.startswith("data:image/svg+xml")
    assert school_map(store, "100007") is None  # no postcode, so no position
