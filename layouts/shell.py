"""The page shell: skip link, header with navigation, the main region the router fills, footer."""

from __future__ import annotations

import dash_bootstrap_components as dbc
from dash import dcc, html

from layouts.components import MAIN_ID, site_footer, site_header, skip_link

URL_ID = "url"
PAGE_ID = "page-content"
PAGE_META_ID = "page-meta"
ERROR_ID = "callback-error"
TITLE_SINK_ID = "page-meta-applied"


def layout(stamp: str) -> html.Div:
    return html.Div([
        dcc.Location(id=URL_ID, refresh="callback-nav"),
        dcc.Store(id=PAGE_META_ID),
        html.Div(id=TITLE_SINK_ID, hidden=True),
        skip_link(),
        site_header(),
        html.Main(dbc.Container([
            html.Div(id=ERROR_ID, role="alert"),
            html.Div(html.P("Loading…", className="loading"), id=PAGE_ID),
        ], fluid="xl"), id=MAIN_ID, tabIndex="-1"),
        site_footer(stamp),
    ], className="app-shell")
