"""The shell's callbacks, all in the browser (assets/site.js): after a page is drawn, the
current link and focus; the phone menu; settings into the address; copy link and print."""

from __future__ import annotations

from dash import ClientsideFunction, Dash, Input, Output, State

from layouts.components.site import NAV_COLLAPSE_ID, NAV_TOGGLE_ID
from layouts.shell import (
    COPY_LINK_ID,
    COPY_STATUS_ID,
    PAGES_LOCATION_ID,
    PAGES_STORE_ID,
    PRINT_ID,
    QUERY_ID,
    QUERY_SINK_ID,
    TITLE_SINK_ID,
    TOOLS_SINK_ID,
)


def in_browser(function_name: str) -> ClientsideFunction:
    return ClientsideFunction(namespace="insight", function_name=function_name)


def register(app: Dash) -> None:
    app.clientside_callback(in_browser("pageChanged"), Output(TITLE_SINK_ID, "children"),
                            Input(PAGES_STORE_ID, "data"))
    app.clientside_callback(
        in_browser("toggleMenu"),
        Output(NAV_COLLAPSE_ID, "is_open"),
        Output(NAV_TOGGLE_ID, "aria-expanded"),
        Input(NAV_TOGGLE_ID, "n_clicks"),
        Input(PAGES_LOCATION_ID, "pathname"),
        State(NAV_COLLAPSE_ID, "is_open"),
        prevent_initial_call=True,
    )
    app.clientside_callback(in_browser("setQuery"), Output(QUERY_SINK_ID, "children"),
                            Input(QUERY_ID, "data"), prevent_initial_call=True)
    app.clientside_callback(in_browser("copyLink"), Output(COPY_STATUS_ID, "children"),
                            Input(COPY_LINK_ID, "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(in_browser("printPage"), Output(TOOLS_SINK_ID, "children"),
                            Input(PRINT_ID, "n_clicks"), prevent_initial_call=True)
