"""The page for an address that matches no page (Dash Pages shows the module named
not_found_404; the server answers such addresses with HTTP 404)."""

from __future__ import annotations

import dash

from layouts import document_title
from layouts.components.page import PATH_ARGUMENT, PageContent, not_found

dash.register_page(__name__, path="/404", title=document_title("Page not found"))


def layout(**query: object) -> PageContent:
    return not_found("Page not found", "page", str(query.get(PATH_ARGUMENT) or ""))
