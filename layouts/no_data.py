"""The page shown while no processed store exists, and when a page cannot be drawn."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from layouts.components import page_heading


def layout() -> list[Component]:
    return [
        page_heading("The data has not been built yet"),
        html.P("This service shows figures from a processed copy of the official data files, "
               "and that copy does not exist yet."),
        html.P(["If you run this service, build it with ", html.Code("make data"),
                " (or ", html.Code("python -m dashboard.build build-data"),
                ") and reload this page."]),
    ]


def error_layout() -> list[Component]:
    return [
        page_heading("Sorry, there is a problem with this page"),
        html.P("Something went wrong while drawing this page. Try again later, or go back to "
               "the Overview."),
        html.P(html.A("Go to the Overview", href="/")),
    ]
