"""The page shell: skip link, header with navigation, the page tools (copy link, print), the main
region the router fills, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.components import MAIN_ID, URL_ID, site_footer, site_header, skip_link

__all__ = ["URL_ID", "layout"]  # URL_ID: pages import the address component's id from here

PAGE_ID = "page-content"
PAGE_META_ID = "page-meta"
ERROR_ID = "callback-error"
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
        dcc.Location(id=URL_ID, refresh="callback-nav"),
        dcc.Store(id=PAGE_META_ID),
        html.Div(id=TITLE_SINK_ID, hidden=True),
        skip_link(),
        site_header(),
        html.Main(dbc.Container([
            page_tools(),
            html.Div(id=ERROR_ID, role="alert"),
            html.Div(html.P("Loading…", className="loading"), id=PAGE_ID),
        ], fluid="xl"), id=MAIN_ID, tabIndex="-1"),
        site_footer(stamp),
    ], className="app-shell")
