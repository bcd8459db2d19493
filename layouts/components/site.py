"""The site frame every page shares: skip link, header with the navigation (from Dash Pages'
registry), footer with the data-as-at stamp."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html

from dashboard.store.readings import period_end
from dashboard.wording import period_label
from layouts import product_name

MAIN_ID = "main-content"
NAV_TOGGLE_ID = "nav-toggle"
NAV_COLLAPSE_ID = "nav-collapse"
# Dash Pages' own address and page-title store, inside dash.page_container.
PAGES_LOCATION_ID, PAGES_STORE_ID = (
    child.id for child in dash.page_container.children
    if isinstance(child, dcc.Location | dcc.Store))


def navigation_pages() -> list[dict[str, Any]]:
    """The pages in the navigation, in their registered order: those registered with a
    `nav_label` (a page about one item, like a district, is reached from another page)."""
    return [page for page in dash.page_registry.values() if page.get("nav_label")]


def skip_link() -> html.A:
    return html.A("Skip to main content", href=f"#{MAIN_ID}", className="skip-link")


def site_header() -> html.Header:
    """The product name on a black bar, then navigation to every page; on a phone the links
    fold behind a "Menu" button."""
    links = [dbc.NavItem(dbc.NavLink(page["nav_label"], href=page["relative_path"],
                                     active="exact"))
             for page in navigation_pages()]
    return html.Header([
        html.Div(dbc.Container(html.A(product_name(), href="/", className="site-name"),
                               fluid="xl"), className="site-bar"),
        dbc.Navbar(
            dbc.Container([
                html.Button("Menu", id=NAV_TOGGLE_ID, className="navbar-toggler nav-toggle",
                            n_clicks=0, type="button", **{"aria-controls": NAV_COLLAPSE_ID,
                                                          "aria-expanded": "false"}),
                dbc.Collapse(
                    html.Nav(dbc.Nav(links, navbar=True, id="site-nav"),
                             **{"aria-label": "Main"}),
                    id=NAV_COLLAPSE_ID, navbar=True, is_open=False),
            ], fluid="xl"),
            expand="lg", color="light", tag="div", className="service-nav"),
    ], className="site-header")


def site_footer(stamp: str) -> html.Footer:
    return html.Footer(
        className="site-footer",
        children=dbc.Container([
            html.P([html.Strong("Data as at: "), html.Span(stamp, id="data-as-at")]),
            html.P([
                html.A("About the data", href="/about"), " - sources, dates, definitions, "
                "known limitations and the accessibility statement.",
            ]),
            html.P("Contains public sector information licensed under the Open Government "
                   "Licence v3.0. Figures are from the Department for Education, Ofsted, the "
                   "Office for National Statistics and Ordnance Survey.", className="small"),
        ], fluid="xl"),
    )


def data_stamp(manifest: Mapping[str, Any] | None) -> str:
    """Footer text: the date of the most recent data and when the store was built."""
    if not manifest:
        return "data not built yet - run make data."
    dated = [(period_end(str(s.get("data_date", ""))), s) for s in manifest.get("sources", [])]
    dated = [(when, s) for when, s in dated if when is not None]
    built = str(manifest.get("build_time", ""))[:10]
    built_text = f"; processed {period_label(built)}" if built else ""
    if not dated:
        return f"no dated sources{built_text}."
    newest = max(dated, key=lambda pair: pair[0])[1]
    return (f"{period_label(str(newest['data_date']))} (most recent source: {newest['title']})"
            f"{built_text}. Each figure gives its own source and date.")
