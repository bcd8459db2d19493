"""School finder (/schools): a search or a filter redraws the list and puts the search into
the address, keeping the comparison list. Adding a school to the comparison, "show more" and
the schools' own pages are plain links."""

from __future__ import annotations

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from dashboard.analysis.school_index import school_index
from dashboard.analysis.schools import (
    COMPARE,
    address_changes,
    finder_results,
    read_finder,
    search_params,
    searched_for,
)
from dashboard.config import load_area
from dashboard.store import current_store
from layouts.pages import schools as page
from layouts.shell import QUERY_ID


def new_search(_clicks: int | None, _submits: int | None, phase: str | None,
               outcome: str | None, district: str | None, open_only: bool | None,
               typed: str | None, shown: dict | None) -> tuple[list[Component | None],
                                                              dict, dict[str, list[str]]]:
    """The list for the search box and filters, the settings for the address, and what the
    list now shows; nothing when the search and filters are those already shown."""
    compare = list((shown or {}).get(COMPARE, []))
    params = search_params(typed, phase, outcome, district, open_only, compare)
    if list(searched_for(params)) == (shown or {}).get("searched"):
        raise PreventUpdate
    store, area = current_store(), load_area()
    state, messages = read_finder(params, area, school_index(store))
    return (page.results_section(finder_results(store, state, area, messages)),
            address_changes(params), page.shown(params))


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULTS_ID, "children"),
        Output(QUERY_ID, "data"),
        Output(page.SHOWN_ID, "data"),
        Input(page.SUBMIT_ID, "n_clicks"),
        Input(page.TEXT_ID, "n_submit"),
        Input(page.PHASE_ID, "value"),
        Input(page.OUTCOME_ID, "value"),
        Input(page.DISTRICT_ID, "value"),
        Input(page.OPEN_ID, "value"),
        State(page.TEXT_ID, "value"),
        State(page.SHOWN_ID, "data"),
        prevent_initial_call=True,
    )(new_search)
