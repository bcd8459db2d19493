"""The Trends page as Dash Pages draws it: its settings from the address, the controls, the
chart and the rank table."""

from __future__ import annotations

from dash import Dash

from layouts.pages import trends as page
from tests.conftest import draw
from tests.unit.layouts.pages.page_support import component, components, text_of, words


def test_the_page_draws_the_settings_in_the_address(app: Dash) -> None:
    drawn = draw(app, "/trends?measure=ks4_progress8&compare=england,districts&neighbours=2021")
    assert component(drawn, page.MEASURE_ID)["value"] == "ks4_progress8"
    assert component(drawn, page.COMPARE_ID)["value"] == ["england", "districts"]
    assert component(drawn, page.NEIGHBOURS_ID)["value"] == "2021"
    assert component(drawn, page.SHOWN_ID)["data"] == {  # what its callback compares with
        "measure": "ks4_progress8", "population": "all", "group": "all",
        "compare": "england,districts", "neighbours": "2021"}
    assert component(drawn, page.POPULATION_ID)["options"] == [
        {"label": "All state-funded schools", "value": "all"}]
    chart = component(drawn, "trends--ks4_progress8")  # the registered chart's figure id
    assert {trace["name"] for trace in chart["figure"]["data"]} == {"Staffordshire", "England"}
    text = words(drawn)
    assert "Staffordshire: Progress 8 of -0.12 in 2023/24" in text
    assert "Statistical neighbours (2021 list)" in text
    assert "Exams cancelled" in text
    assert "Sorry, there is a problem" not in text


def test_the_rank_table_has_a_row_a_year_newest_first(app: Dash) -> None:
    drawn = draw(app, "/trends")
    table = component(drawn, page.RANKS_ID)
    header, *rows = [c for c in components(table["children"]) if c["type"] == "Tr"]
    assert text_of(header).startswith("Year Staffordshire England")
    assert [text_of(row["props"]["children"][0]) for row in rows] == ["2023/24", "2022/23"]
    assert "Staffordshire was " in words(drawn) and "(1st is the best)." in words(drawn)


def test_none_compared_is_drawn_as_none(app: Dash) -> None:
    drawn = draw(app, "/trends?compare=")
    assert component(drawn, page.COMPARE_ID)["value"] == []
    chart = component(drawn, "trends--ks2_rwm_expected_pct")
    assert [trace["name"] for trace in chart["figure"]["data"]] == ["Staffordshire"]


def test_malformed_settings_fall_back_to_defaults_with_a_message(app: Dash) -> None:
    text = words(draw(app, "/trends?measure=%3Cscript%3E&compare=england,moon&colour=red"))
    assert "'<script>' is not a valid choice for 'measure'" in text
    assert "'moon' cannot be compared with" in text
    assert "no setting 'colour'" in text
    assert "meeting the KS2 expected standard" in text
