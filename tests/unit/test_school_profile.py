"""A school's story: inspections in words (report cards never translated), the URN chain across
academy conversion, results against the county and England with suppression kept, context,
the locator map."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from test_search import REPORT_CARD, synthetic_tables

from dashboard.analysis.school import (
    GRADE_WORDS,
    REPORT_CARD_CAVEAT,
    SchoolTables,
    academic_years,
    ancestors,
    comparator_population,
    context_rows,
    describe_inspection,
    inspection_timeline,
    latest_inspections,
    location_svg,
    results_chart,
    results_history,
    summarise_schools,
)
from dashboard.config import Area, load_area


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def tables(area: Area) -> SchoolTables:
    return SchoolTables.from_tables(synthetic_tables(area), area)


def row(**fields: object) -> dict:
    base = {"urn": 1, "inspection_date": pd.Timestamp("2023-01-01"), "framework": "graded",
            "overall_grade": None, "overall_label": None, "source_id": "test"}
    return {**base, **fields}


# --- inspections in words ----------


def test_a_report_card_stays_in_ofsteds_own_words() -> None:
    card = describe_inspection(row(framework="report_card", **REPORT_CARD), "A school")
    assert card.grade is None and card.overall is None
    words = dict(card.details)
    assert words["Inclusion"] == "Needs attention"
    assert words["Personal development and well-being"] == "Exceptional"
    assert words["Leadership and governance"] == "Urgent improvement"
    assert card.safeguarding == "Met"
    shown = " ".join([card.outcome, *words.values()])
    for old_grade in GRADE_WORDS.values():
        assert old_grade not in shown
    assert "cannot be compared" in REPORT_CARD_CAVEAT


def test_graded_ungraded_and_no_overall_grade_in_plain_words() -> None:
    graded = describe_inspection(row(overall_grade=4, overall_label="Inadequate",
                                     category_of_concern="SM", quality_of_education=4), "X")
    assert graded.outcome == "Overall: Inadequate; the school was placed in special measures."
    assert dict(graded.details) == {"Quality of education": "Inadequate"}
    old = describe_inspection(row(overall_grade=3, overall_label="Satisfactory"), "X")
    assert old.overall == "Satisfactory"  # the word of its time, not "Requires improvement"
    ungraded = describe_inspection(row(framework="ungraded", ungraded_outcome=(
        "School remains Good (Improving) - S5 Next")), "X")
    assert ungraded.outcome.startswith("The school remains Good, and inspectors saw signs")
    since = describe_inspection(row(inspection_date=pd.Timestamp("2025-01-15"),
                                    quality_of_education=3), "X")
    assert since.outcome.startswith("No overall grade")
    assert dict(since.details) == {"Quality of education": "Requires improvement"}


def test_latest_inspection_follows_the_predecessor_until_the_new_school_is_graded(
        tables: SchoolTables) -> None:
    latest = latest_inspections(tables.schools, tables.inspections)
    academy = latest[140001]
    assert academy.category == "good"
    assert academy.latest is not None and academy.latest.framework == "ungraded"
    assert academy.graded is not None and academy.graded.urn == 100001
    assert academy.graded_inherited and not academy.latest_inherited
    assert academy.summary.startswith("Good, inspected 14 November 2011 (before it became an "
                                      "academy).")
    assert "remains Good" in academy.summary


def test_latest_inspection_categories(tables: SchoolTables) -> None:
    latest = latest_inspections(tables.schools, tables.inspections)
    assert latest[100002].category == "report_card"
    assert latest[100002].summary == "Report card, inspected 20 January 2026."
    assert latest[100004].category == "no_overall_grade"
    assert "Last overall grade: Good, 1 May 2019" in latest[100004].summary
    assert latest[100005].category == "inadequate"
    assert latest[100006].category == "requires_improvement"
    assert latest[100003].category == "not_inspected"
    assert latest[100003].summary == "Not inspected since it opened on 1 September 2024."
    assert latest[100007].category == "good"  # only Ofsted's ungraded "remains Good"


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


def test_ancestors_reach_back_through_the_chain(tables: SchoolTables) -> None:
    chain = ancestors(tables.schools)
    assert chain[chain["urn"] == 140001].values.tolist() == [[140001, 140001, 0],
                                                             [140001, 100001, 1]]
    assert tables.chains.equals(chain)


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


# --- context, summaries, map ----------


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


def test_summaries_carry_the_latest_figures_from_the_chain(tables: SchoolTables) -> None:
    summaries = summarise_schools(tables)
    academy = summaries[140001]
    figure = academy.results["ks2_rwm_expected_pct"]
    assert (figure.period, figure.text, figure.inherited) == ("2022/23", "65.0%", False)
    assert academy.results["ks2_rwm_higher_pct"].text == "[supp]"
    assert academy.predecessors == (100001,)
    assert summaries[100001].successors == (140001,)
    assert summaries[100001].status_text == "Closed on 31 August 2012"
    assert [m.measure_id for m, _ in summaries[100002].headlines] == [
        "ks4_english_maths_grade5_pct"]


def test_locator_map_draws_the_districts_and_the_school() -> None:
    square = {"type": "Polygon", "coordinates": [[[-2.2, 52.7], [-2.0, 52.7], [-2.0, 52.9],
                                                  [-2.2, 52.9], [-2.2, 52.7]]]}
    districts = {"features": [{"properties": {"code": "E07000197"}, "geometry": square}]}
    svg = location_svg(districts, 52.8, -2.1, "E07000197")
    assert svg is not None and svg.startswith("<svg") and svg.count("<circle") == 2
    assert 'fill="#BFD9EE"' in svg  # the school's district shaded
    assert location_svg({"features": []}, 52.8, -2.1, None) is None
