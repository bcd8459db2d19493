"""Overview (/): choosing the neighbour list redraws the headline table and the address."""

from __future__ import annotations

from datetime import date

from dash import Dash, Input, Output

from dashboard.analysis.overview import NEIGHBOURS, overview, settings
from dashboard.config import load_area
from dashboard.settings import read_settings, setting_changes
from dashboard.store import current_store
from layouts.pages import overview as page
from layouts.shell import QUERY_ID


def update_headlines(neighbour_list: str | None) -> tuple[list, dict[str, str | None]]:
    """New headline table for the chosen neighbour list, and the setting for the address."""
    page_settings = settings(load_area())
    chosen, _ = read_settings({NEIGHBOURS: [neighbour_list or ""]}, page_settings)
    model = overview(current_store(), chosen[NEIGHBOURS], date.today().isoformat())
    return (page.headline_table(model.headlines, model.area_name),
            setting_changes(chosen, page_settings))


def register(app: Dash) -> None:
    app.callback(
        Output(page.HEADLINES_ID, "children"),
        Output(QUERY_ID, "data", allow_duplicate=True),
        Input(page.NEIGHBOUR_CHOICE_ID, "value"),
        prevent_initial_call=True,
    )(update_headlines)
