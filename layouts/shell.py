"""The page shell: skip link, header with navigation, the page tools (copy link, print), the main
region Dash Pages fills with the page for the address, footer."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.components.site import (
    MAIN_ID,
    PAGES_LOCATION_ID,
    PAGES_STORE_ID,
    site_footer,
    site_header,
    skip_link,
)

__all__ = ["PAGES_LOCATION_ID", "PAGES_STORE_ID", "layout"]

PAGE_ID = "page-content"
ERROR_ID = "callback-error"
# A callback writes {setting: value, or None for the default} here to put the page's settings
# into the address (assets/site.js), without drawing the page again.
QUERY_ID = "page-query"
QUERY_SINK_ID = "page-query-applied"
TITLE_SINK_ID = "page-meta-applied"
COPY_LINK_ID = "copy-link"
COPY_STATUS_ID = "copy-link-status"
PRINT_ID = "print-page"
TOOLS_SINK_ID = "page-tools-applied"


def page_tools() -> html.Div:
    """Copy the address of this view (every setting is in it) and print the page."""
    return html.Div([
        html.Button("Copy link to this page", id=COPY_LINK_ID, n_clicks=0, type="button",
                    className="btn-tool"),
        html.Button("Print this page", id=PRINT_ID, n_clicks=0, type="button",
                    className="btn-tool"),
        html.Span(id=COPY_STATUS_ID, className="copy-status", role="status"),
        html.Div(id=TOOLS_SINK_ID, hidden=True),
    ], className="page-tools", role="group", **{"aria-label": "Share or print this page"})


def layout(stamp: str) -> html.Div:
    return html.Div([
        dcc.Store(id=QUERY_ID),
        html.Div(id=QUERY_SINK_ID, hidden=True),
        html.Div(id=TITLE_SINK_ID, hidden=True),
        skip_link(),
        site_header(),
        html.Main(dbc.Container([
            page_tools(),
            html.Div(id=ERROR_ID, role="alert"),
            html.Div(dash.page_container, id=PAGE_ID),
        ], fluid="xl"), id=MAIN_ID, tabIndex="-1"),
        site_footer(stamp),
    ], className="app-shell")
