"""Hotspots (/hotspots): a new phase or type of school redraws the rankings, the grid and the
address."""

from __future__ import annotations

from collections.abc import Mapping

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard.analysis.hotspots import PHASE, SETTINGS, TYPE, hotspots
from dashboard.charts.hotspots import districts_chart
from dashboard.settings import read_settings, setting_changes
from dashboard.store import current_store
from layouts.pages import hotspots as page
from layouts.shell import QUERY_ID


def update(phase: str | None, school_type: str | None, shown: Mapping[str, str] | None,
           ) -> tuple[list[Component], dict[str, str | None], dict[str, str]]:
    """The page below the filters for the new filters, the settings for the address, and the
    filters now shown."""
    chosen, _ = read_settings({PHASE: [phase or ""], TYPE: [school_type or ""]}, SETTINGS)
    if chosen == shown:
        # The controls reporting the page as drawn: Dash calls this then too, as one output
        # (the address) is outside the page.
        raise PreventUpdate
    store = current_store()
    model = hotspots(store, chosen[PHASE], chosen[TYPE])
    chart = districts_chart(store, chosen[PHASE], chosen[TYPE])
    return page.result(model, chart), setting_changes(chosen, SETTINGS), chosen


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULT_ID, "children"),
        # Every page's callbacks write the address: each is one of several outputs to it.
        Output(QUERY_ID, "data", allow_duplicate=True),
        Output(page.SHOWN_ID, "data"),
        Input(page.PHASE_ID, "value"),
        Input(page.TYPE_ID, "value"),
        State(page.SHOWN_ID, "data"),
        prevent_initial_call=True,
    )(update)
