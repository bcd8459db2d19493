"""Page layouts: one module per page under layouts.pages (its dash.register_page, component
ids and layout), shared pieces under layouts.components, and the shell every page sits in."""

from __future__ import annotations

from dashboard.config import load_area


def product_name() -> str:
    """"<area> Education Insight", the area's name from the area file."""
    return f"{load_area().name} Education Insight"


def document_title(title: str) -> str:
    """The browser tab title of a page: its own title, then the product's name."""
    return f"{title} - {product_name()}"
