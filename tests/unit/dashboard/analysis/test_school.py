"""A school's story for its profile: the inspection timeline across academy conversion,
results each year against the county and England with suppression kept, pupils compared like
with like, and the profile as a whole (successors, the council that runs it, its sources)."""

from __future__ import annotations

from datetime import date

import pytest

from dashboard.analysis.school import (
    comparator_population,
    context_rows,
    inspection_timeline,
    profile,
    results_history,
)
from dashboard.analysis.school_summary import SchoolTables, summarise_schools
from dashboard.config import Area, load_area
from tests.unit.dashboard.analysis.test_school_index import synthetic_store, synthetic_tables


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def tables(area: Area) -> SchoolTables:
    return SchoolTables.from_tables(synthetic_tables(area), area)


# --- the URN chain ----------


def test_timeline_spans_the_conversion_newest_first(tables: SchoolTables) -> None:
    for urn in (140001, 100001):  # the same history from either end of the chain
        timeline = inspection_timeline(tables, urn)
        kinds = [("conversion" if e.conversion else e.inspection.framework) for e in timeline]
        assert kinds == ["ungraded", "conversion", "graded"]
        days = [e.day for e in timeline]
        assert days == sorted(days, reverse=True)
        conversion = timeline[1].conversion
        assert conversion is not None and conversion.academy
        assert conversion.day == date(2012, 9, 1)  # the academy's opening day
        assert "(URN 100001) became an academy on 1 September 2012" in conversion.text
    timeline = inspection_timeline(tables, 140001)
    assert [e.other_urn for e in timeline if e.inspection] == [False, True]


# --- results ----------


def test_results_history_across_the_chain_with_county_and_england(tables: SchoolTables,
                                                                  area: Area) -> None:
    histories = {h.measure.measure_id: h for h in results_history(tables, 140001, "ks2", area)}
    expected = histories["ks2_rwm_expected_pct"].points
    assert [(p.period, p.value, p.urn) for p in expected] == [
        ("2016/17", 60.0, 100001), ("2022/23", 65.0, 140001)]
    # Official county figure preferred to a computed one for the same period; same measure id.
    assert [p.county.value for p in expected] == [58.0, 57.0]
    assert [p.england.value for p in expected] == [61.0, 60.0]
    higher = histories["ks2_rwm_higher_pct"].points[0]
    assert higher.value is None and higher.suppression == "supp"
    assert results_history(tables, 140001, "ks4", area) == []


# --- context and the profile ----------


def test_context_compares_like_with_like(tables: SchoolTables, area: Area) -> None:
    summary = summarise_schools(tables)[140001]
    rows = {r.measure.field: r for r in context_rows(tables, summary, area)}
    ehcp = rows["pct_sen_ehcp"]
    assert (ehcp.school.value, ehcp.school.period) == (2.0, "2022/23")
    assert ehcp.earlier == (("2018/19", 1.5),)
    assert ehcp.population == "primary"
    assert (ehcp.county.value, ehcp.england.value) == (1.6, 2.5)
    assert rows["pupils"].school.period == "2018/19"
    assert comparator_population("all_through", "special") == "special"
    assert comparator_population("secondary", "mainstream") == "secondary"
    assert comparator_population(None, "nursery") == "all"


def test_the_profile_links_the_chain_and_names_another_council() -> None:
    store = synthetic_store()
    closed = profile(store, "100001")
    assert closed is not None
    assert [s.urn for s in closed.successors] == [140001] and closed.predecessors == ()
    academy = profile(store, "140001")
    assert academy is not None and [s.urn for s in academy.predecessors] == [100001]
    assert [stage.key_stage for stage in academy.results] == ["ks2"]
    assert academy.results[0].headline is not None
    assert academy.other_council is None
    assert academy.sources[0].startswith("Get Information about Schools (Department for "
                                         "Education), data as at ")
    outside = profile(store, "100005")  # in the county, run by council 335
    assert outside is not None and "local authority 335 council is responsible" in (
        outside.other_council or "")
    assert profile(store, "999999") is None and profile(store, "abc") is None
