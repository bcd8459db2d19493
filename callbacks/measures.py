"""Outcome measures (/measures): choosing the neighbour list redraws the tables and the address;
the table's CSV is served at DOWNLOAD_PATH with the same setting."""

from __future__ import annotations

from dash import Dash, Input, Output, State
from dash.exceptions import PreventUpdate
from flask import Response, request

from dashboard.analysis.measures import (
    DOWNLOAD_PATH,
    NEIGHBOURS,
    outcome_measures,
    settings,
    table_csv,
)
from dashboard.config import load_area
from dashboard.settings import Choices, params_from_search, read_settings, setting_changes
from dashboard.store import current_store
from layouts.components.page import PageContent
from layouts.pages import measures as page
from layouts.shell import QUERY_ID


def update_tables(neighbour_list: str | None, shown: Choices | None,
                  ) -> tuple[PageContent, dict[str, str | None], Choices]:
    """The tables for the chosen neighbour list, the setting for the address, and the setting
    now shown."""
    page_settings = settings(load_area())
    chosen, _ = read_settings({NEIGHBOURS: [neighbour_list or ""]}, page_settings)
    if chosen == shown:
        raise PreventUpdate  # the control reporting the page as drawn
    return (page.tables(outcome_measures(current_store(), **chosen)),
            setting_changes(chosen, page_settings), chosen)


def csv_download() -> Response:
    """The whole table as CSV, for the neighbour list in the query."""
    chosen, _ = read_settings(params_from_search(request.query_string.decode("utf-8", "replace")),
                              settings(load_area()))
    text, filename = table_csv(current_store(), **chosen)
    return Response(text, mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def register(app: Dash) -> None:
    app.callback(
        Output(page.TABLES_ID, "children"),
        # Other pages write their settings there too.
        Output(QUERY_ID, "data", allow_duplicate=True),
        Output(page.SHOWN_ID, "data"),
        Input(page.NEIGHBOUR_CHOICE_ID, "value"),
        State(page.SHOWN_ID, "data"),
        prevent_initial_call=True,
    )(update_tables)
    app.server.add_url_rule(DOWNLOAD_PATH, "outcome_measures_csv", csv_download)
