"""The Outcome measures page as Dash Pages draws it: one table per theme for the neighbour list
in the address, each row linking to its trend, and the CSV link for the same list."""

from __future__ import annotations

from dash import Dash

from dashboard.config import Area
from layouts.pages import measures as page
from tests.conftest import draw
from tests.unit.layouts.pages.page_support import component, components, words


def test_the_tables_follow_the_neighbour_list_in_the_address(app: Dash) -> None:
    drawn = draw(app, "/measures?neighbours=2021")
    assert component(drawn, page.NEIGHBOUR_CHOICE_ID)["value"] == "2021"
    assert component(drawn, page.SHOWN_ID)["data"] == {"neighbours": "2021"}
    assert component(drawn, page.DOWNLOAD_ID)["href"] == (
        "/download/outcome-measures.csv?neighbours=2021")
    text = words(drawn)
    for heading in ("Performance", "Inclusion", "Aspiration", "District minimum",
                    "Statistical neighbours (average)", "Compared with national",
                    "Statistical neighbours (2021 list, Department for Education)"):
        assert heading in text


def test_each_row_with_a_figure_links_to_its_trend(app: Dash) -> None:
    tables = component(draw(app, "/measures"), page.TABLES_ID)["children"]
    rows = [c for c in components(tables) if c["type"] == "Tr"
            and "data-measure" in c["props"]]
    links = [c["props"]["href"] for row in rows for c in components(row["props"]["children"])
             if c["type"] == "A"]
    assert rows and len(links) == len(rows)
    assert all(link.startswith("/trends?measure=") for link in links)
    assert "/trends?measure=pct_persistent_absence" in links


def test_a_bad_list_falls_back_to_the_current_one_with_a_message(app: Dash, area: Area) -> None:
    drawn = draw(app, "/measures?neighbours=1999&colour=red")
    assert component(drawn, page.NEIGHBOUR_CHOICE_ID)["value"] == area.current_neighbours
    text = words(drawn)
    assert "'1999' is not a valid choice for 'neighbours'" in text
    assert "no setting 'colour'" in text
    assert component(drawn, page.DOWNLOAD_ID)["href"] == "/download/outcome-measures.csv"
