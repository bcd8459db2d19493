"""Outcome measures (/measures): the partnership framework's KPI table and its CSV download.

Page setting: neighbours (the statistical-neighbour list). The CSV of the table is at
/download/outcome-measures.csv with the same setting.
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate
from flask import Response, request

from callbacks.data import cached, current_store
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from callbacks.trends import neighbour_lists, neighbour_names
from dashboard.analysis.measures import kpi_rows, load_framework, table_frame, theme_summary
from dashboard.config import Area, load_area
from dashboard.store import Store
from layouts import outcome_measures as page
from layouts.shell import URL_ID

NEIGHBOURS = "neighbours"
DOWNLOAD_PATH = "/download/outcome-measures.csv"


def query(area: Area, neighbour_list: str) -> str:
    """The page's settings as a query string ("" at the defaults)."""
    if neighbour_list == area.current_neighbours:
        return ""
    return "?" + urlencode({NEIGHBOURS: neighbour_list})


def build_model(store: Store, area: Area, neighbour_list: str) -> page.MeasuresModel:
    framework = load_framework(area)
    names = neighbour_names(store, area, neighbour_list)
    rows = kpi_rows(store.measures, area, framework, list(names), neighbour_list)
    themes = tuple(
        page.ThemeTable(theme=theme, summary=theme_summary(area, theme, mine), rows=tuple(mine))
        for theme in framework.themes
        if (mine := [r for r in rows if r.measure.theme == theme.id]))
    return page.MeasuresModel(
        area_name=area.name, england_name=area.england_name, framework=framework,
        themes=themes, neighbour_list=neighbour_list, neighbour_lists=neighbour_lists(area),
        neighbour_names=tuple(names.values()),
        download_href=DOWNLOAD_PATH + query(area, neighbour_list))


def model(neighbour_list: str) -> page.MeasuresModel:
    store, area = current_store(), load_area()
    return cached(f"measures:{store.build_id}:{neighbour_list}",
                  lambda: build_model(store, area, neighbour_list))


def read_list(params: Params, area: Area) -> tuple[str, list[str]]:
    return read_choice(params, NEIGHBOURS, neighbour_lists(area), area.current_neighbours)


@lru_cache(maxsize=8)
def drawn(build_id: str, neighbour_list: str) -> tuple[page.MeasuresModel, list[Component]]:
    """The model and its tables, drawn once per process and data build."""
    del build_id  # part of the key only
    current = model(neighbour_list)
    return current, page.tables(current)


def render(params: Params) -> list[Component]:
    area = load_area()
    neighbour_list, messages = read_list(params, area)
    messages += unknown_settings(params, {NEIGHBOURS})
    current, body = drawn(current_store().build_id, neighbour_list)
    return page.layout(current, body, messages)


ROUTES = {"/measures": render}


def update(neighbour_list: str | None, search: str | None) -> tuple[list[Component], str]:
    """The tables for another neighbour list, and the address that bookmarks it."""
    area = load_area()
    chosen, _ = read_list({NEIGHBOURS: [neighbour_list or ""]}, area)
    if chosen == read_list(parse_query(search), area)[0]:
        raise PreventUpdate  # the choice the page was drawn with (controls report on mount)
    return drawn(current_store().build_id, chosen)[1], query(area, chosen)


def csv_response(search: str) -> Response:
    """The whole table as CSV, for the neighbour list in `search`."""
    area = load_area()
    neighbour_list, _ = read_list(parse_query(search), area)
    current = model(neighbour_list)
    rows = [row for table in current.themes for row in table.rows]
    frame = table_frame(rows, current.framework, area, neighbour_list)
    filename = (f"{area.name.lower().replace(' ', '-')}-outcome-measures-"
                f"{neighbour_list}-neighbours.csv")
    return Response(frame.to_csv(index=False), mimetype="text/csv", headers={
        "Content-Disposition": f'attachment; filename="{filename}"'})


def register(app: Dash) -> None:
    app.callback(
        Output(page.TABLES_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.NEIGHBOUR_CHOICE_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update)
    app.server.add_url_rule(DOWNLOAD_PATH, "outcome_measures_csv",
                            lambda: csv_response(request.query_string.decode()))
