"""What every page's layout shares: a page that cannot be drawn says so in plain words (no
data built yet, an unknown item, a fault) and never shows a traceback."""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps

from dash import html
from dash.development.base_component import Component
from flask import g, has_app_context

from dashboard.store import StoreMissing
from layouts.components.site import navigation_pages
from layouts.components.text import page_heading

log = logging.getLogger(__name__)
PageContent = list[Component]
# Dash Pages passes the address's path to every layout under this name (app.create_app's
# routing_callback_inputs), beside the query's settings; only the not-found page uses it.
PATH_ARGUMENT = "page_path_"
DRAWN = "page_drawn"  # flask.g: the page was drawn from the data (it may be kept and reused)


def no_data() -> PageContent:
    return [
        page_heading("The data has not been built yet"),
        html.P("This service shows figures from a processed copy of the official data files, "
               "and that copy does not exist yet."),
        html.P(["If you run this service, build it with ", html.Code("make data"),
                " (or ", html.Code("python -m dashboard.build build-data"),
                ") and reload this page."]),
    ]


def problem() -> PageContent:
    return [
        page_heading("Sorry, there is a problem with this page"),
        html.P("Something went wrong while drawing this page. Try again later, or go back to "
               "the Overview."),
        html.P(html.A("Go to the Overview", href="/")),
    ]


def not_found(heading: str, what: str, shown: str) -> PageContent:
    """An address that names no page, or an item that does not exist; links to every page."""
    return [
        page_heading(heading),
        html.P([f"There is no {what} at ", html.Code(shown[:200]), ". If you typed the "
                "address, check it is correct. If you pasted it, check you copied all of it."]),
        html.P("You can go to:"),
        html.Ul([html.Li(html.A(page["nav_label"], href=page["relative_path"]))
                 for page in navigation_pages()]),
    ]


def page_layout(render: Callable[..., PageContent]) -> Callable[..., PageContent]:
    """A page's `layout(**query)` that shows a plain message instead of failing."""
    @wraps(render)
    def layout(**query: object) -> PageContent:
        query.pop(PATH_ARGUMENT, None)
        try:
            content = render(**query)
        except StoreMissing:
            return no_data()
        except Exception:
            log.exception("page %s failed to draw", render.__module__)
            return problem()
        if has_app_context():
            setattr(g, DRAWN, True)
        return content

    return layout


def page_was_drawn() -> bool:
    """Whether this request drew a page from the data (not a "no data" or fault message)."""
    return has_app_context() and bool(g.get(DRAWN))
