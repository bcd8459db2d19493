"""About the data (/about): sources, dates and licences from the store's manifest, definitions,
known limitations, the accessibility statement and contact details."""

from __future__ import annotations

from dash.development.base_component import Component

from callbacks.data import current_manifest
from callbacks.params import Params, unknown_settings
from dashboard.config import load_area
from layouts import about as page


def render(params: Params) -> list[Component]:
    """The page; it has no settings of its own (an unknown one gets a short message)."""
    return page.layout(current_manifest(), load_area(), unknown_settings(params, ()))


ROUTES = {"/about": render}
