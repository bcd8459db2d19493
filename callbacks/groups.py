"""Pupil groups (/groups): a new group, measure or neighbour list redraws the charts, the
measures on offer and the address."""

from __future__ import annotations

from collections.abc import Mapping

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard.analysis.groups import GROUP, MEASURE, NEIGHBOURS, measures_offered, settings
from dashboard.charts.groups import page_charts
from dashboard.config import load_area
from dashboard.settings import read_settings, setting_changes
from dashboard.store import current_store
from layouts.components.controls import option_list
from layouts.pages import groups as page
from layouts.shell import QUERY_ID


def update_charts(group: str | None, measure: str | None, neighbours: str | None,
                  shown: Mapping[str, str] | None,
                  ) -> tuple[list[dict[str, str]], str, list[Component], dict[str, str | None],
                             dict[str, str]]:
    """The measures the group has, the measure shown, its charts, the settings for the
    address and the settings now shown. A measure the new group has no figures for quietly
    falls back to its default."""
    store = current_store()
    page_settings = settings(store, load_area())
    chosen, _ = read_settings({GROUP: [group or ""], MEASURE: [measure or ""],
                               NEIGHBOURS: [neighbours or ""]}, page_settings)
    if chosen == shown:
        # The controls reporting the page as drawn: Dash calls this then too, as one output
        # (the address) is outside the page.
        raise PreventUpdate
    return (option_list(page.measure_options(measures_offered(store, chosen[GROUP]))),
            chosen[MEASURE], page.charts(page_charts(store, chosen)),
            setting_changes(chosen, page_settings), chosen)


def register(app: Dash) -> None:
    app.callback(
        Output(page.MEASURE_ID, "options"),
        Output(page.MEASURE_ID, "value"),
        Output(page.CHARTS_ID, "children"),
        # Every page's callbacks write the address: each is one of several outputs to it.
        Output(QUERY_ID, "data", allow_duplicate=True),
        Output(page.SHOWN_ID, "data"),
        Input(page.GROUP_ID, "value"),
        Input(page.MEASURE_ID, "value"),
        Input(page.NEIGHBOURS_ID, "value"),
        State(page.SHOWN_ID, "data"),
        prevent_initial_call=True,
    )(update_charts)
