"""The page for an address that matches no page."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from layouts import PAGES
from layouts.components import page_heading


def layout(path: str) -> list[Component]:
    return [
        page_heading("Page not found"),
        html.P(["There is no page at ", html.Code(path[:200]), ". If you typed the address, "
                "check it is correct. If you pasted it, check you copied all of it."]),
        html.P("You can go to:"),
        html.Ul([html.Li(html.A(page.label, href=page.path)) for page in PAGES]),
    ]
