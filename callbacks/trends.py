"""Trends and benchmarks (/trends): a change to any control redraws the chart and its tables,
puts the settings into the address, and offers the populations and pupil groups the measure
has."""

from __future__ import annotations

from collections.abc import Sequence

from dash import Dash, Input, Output, State, ctx
from dash.exceptions import PreventUpdate

from dashboard.analysis.trends import (
    COMPARE,
    GROUP,
    MEASURE,
    NEIGHBOUR_LIST,
    POPULATION,
    address_changes,
    catalogue,
    settings,
    trends,
)
from dashboard.charts.trends import trends_chart
from dashboard.config import load_area
from dashboard.settings import Choices, read_settings
from dashboard.store import current_store
from layouts.components.controls import option_list
from layouts.components.page import PageContent
from layouts.pages import trends as page
from layouts.shell import QUERY_ID


def update(measure: str | None, population: str | None, group: str | None,
           compare: Sequence[str] | None, neighbour_list: str | None, shown: Choices | None,
           ) -> tuple[PageContent, dict[str, str | None], list[dict[str, str]], str,
                      list[dict[str, str]], str, Choices]:
    """The result for the new settings, the settings for the address, the population and
    pupil-group choices of the measure (a choice the new measure lacks falls back to its
    default), and the settings now shown."""
    store, area = current_store(), load_area()
    page_settings = settings(store, area)
    # The controls' values as the address would give them; a control with none is left out.
    params = {COMPARE: [",".join(compare or [])]} | {
        name: [value] for name, value in ((MEASURE, measure), (POPULATION, population),
                                          (GROUP, group), (NEIGHBOUR_LIST, neighbour_list))
        if value}
    chosen, _ = read_settings(params, page_settings)
    if chosen == shown:
        raise PreventUpdate  # the controls reporting the page as drawn
    if ctx.triggered_id == page.MEASURE_ID:
        # A new measure starts from its own population and pupil group.
        chosen, _ = read_settings({k: v for k, v in params.items()
                                   if k not in (POPULATION, GROUP)}, page_settings)
    found = catalogue(store, area)
    return (page.result(trends(store, **chosen), trends_chart(store, **chosen)),
            address_changes(chosen, store, area),
            option_list(page.population_options(found, chosen)), chosen[POPULATION],
            option_list(page.group_options(found, chosen)), chosen[GROUP], chosen)


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULT_ID, "children"),
        # Other pages write their settings there too.
        Output(QUERY_ID, "data", allow_duplicate=True),
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.GROUP_ID, "options"),
        Output(page.GROUP_ID, "value"),
        Output(page.SHOWN_ID, "data"),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.GROUP_ID, "value"),
        Input(page.COMPARE_ID, "value"),
        Input(page.NEIGHBOURS_ID, "value"),
        State(page.SHOWN_ID, "data"),
        prevent_initial_call=True,
    )(update)
