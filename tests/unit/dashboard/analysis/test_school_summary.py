"""Every school in brief: its URN chain's ancestors, and the latest figures it carries from
its own URN or its predecessors'."""

from __future__ import annotations

import pytest

from dashboard.analysis.school_summary import SchoolTables, ancestors, summarise_schools
from dashboard.config import Area, load_area
from tests.unit.dashboard.analysis.test_school_index import synthetic_tables


@pytest.fixture(scope="module")
def area() -> Area:
    return load_area()


@pytest.fixture(scope="module")
def tables(area: Area) -> SchoolTables:
    return SchoolTables.from_tables(synthetic_tables(area), area)


def test_ancestors_reach_back_through_the_chain(tables: SchoolTables) -> None:
    chain = ancestors(tables.schools)
    assert chain[chain["urn"] == 140001].values.tolist() == [[140001, 140001, 0],
                                                             [140001, 100001, 1]]
    assert tables.chains.equals(chain)


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
