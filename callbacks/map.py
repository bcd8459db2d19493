"""Map (/map): new settings (or a new table order) redraw the map and the table and go in the
address; the district picker and a selection on the map open a page; the district names are
drawn over the map in the browser (assets/map.js). The district boundaries are served once, by
address, from GEOJSON_URL."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, no_update
from flask import Response, request

from dashboard.analysis.district_measures import PERIOD, POPULATION, choices, measure_params
from dashboard.analysis.map import (
    PHASE,
    SORT,
    district_href,
    model_for,
    selected_address,
    settings,
    toggled,
)
from dashboard.charts.map import GEOJSON_URL, boundaries, chart_for
from dashboard.settings import read_settings, setting_changes
from dashboard.store import current_store
from layouts.components.controls import option_list
from layouts.components.district_measures import period_options, population_options
from layouts.components.site import PAGES_LOCATION_ID
from layouts.pages import map as page
from layouts.shell import QUERY_ID


def redraw(measure: str | None, population: str | None, period: str | None,
           phase: str | None, sort: str | None) -> tuple[Any, ...]:
    """The map, table and the measure's choices for new settings, and the settings for the
    address."""
    store = current_store()
    options = choices(store)
    # A measure's populations and periods differ: an old choice quietly falls back.
    page_settings = settings(options)
    chosen, _ = read_settings({**measure_params(measure, population, period),
                               PHASE: [phase or ""], SORT: [sort or ""]}, page_settings)
    model = model_for(store, chosen)
    return (option_list(population_options(options, model.choice)), chosen[POPULATION],
            option_list(period_options(model.choice)), chosen[PERIOD],
            page.view(model, chart_for(store, chosen)), page.district_table(model),
            chosen[SORT], setting_changes(chosen, page_settings))


def update_view(measure: str | None, population: str | None, period: str | None,
                phase: str | None, _sort_clicks: list[int | None],
                sort: str | None) -> tuple[Any, ...]:
    """Redraw for new settings, or for a new table order when a column button was pressed."""
    trigger = ctx.triggered_id
    if isinstance(trigger, Mapping) and trigger.get("type") == page.SORT_BUTTON:
        sort = toggled(sort or "", str(trigger["column"]))
    return redraw(measure, population, period, phase, sort)


def destination(picker_used: bool, click: Mapping | None, picked: str | None,
                measure: str | None, population: str | None, period: str | None) -> str | None:
    """The picked district's profile (keeping the map's measure), or the address of the
    district or school selected on the map; None for nothing."""
    if not picker_used:
        return selected_address(click)
    if not picked:
        return None
    options = choices(current_store())
    chosen, _ = read_settings(measure_params(measure, population, period), settings(options))
    return district_href(picked, chosen, options)


def open_address(click: Mapping | None, _opened: int | None, picked: str | None,
                 measure: str | None, population: str | None, period: str | None) -> Any:
    """Go to what was selected on the map or in the district picker (no_update: stay)."""
    href = destination(ctx.triggered_id == page.OPEN_ID, click, picked, measure, population,
                       period)
    return no_update if href is None else href


def boundaries_response() -> Response:
    """The district boundaries as GeoJSON: sent once per page, cached by the browser (the map
    asks for them with the build id in the address), compressed by the app."""
    store = current_store()
    geojson = boundaries(store)
    if geojson is None:
        return Response("No district boundaries in this data build.", status=404,
                        mimetype="text/plain")
    response = Response(json.dumps(geojson, separators=(",", ":")), mimetype="application/json")
    response.set_etag(store.build_id)
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response.make_conditional(request)


def register(app: Dash) -> None:
    app.server.add_url_rule(GEOJSON_URL, "district_boundaries", boundaries_response)
    app.callback(
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.PERIOD_ID, "options"),
        Output(page.PERIOD_ID, "value"),
        Output(page.VIEW_ID, "children"),
        Output(page.TABLE_ID, "children"),
        Output(page.SORT_ORDER_ID, "data"),
        Output(QUERY_ID, "data", allow_duplicate=True),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.PERIOD_ID, "value"),
        Input(page.PHASE_ID, "value"),
        Input({"type": page.SORT_BUTTON, "column": ALL}, "n_clicks"),
        State(page.SORT_ORDER_ID, "data"),
        prevent_initial_call=True,
    )(update_view)
    # Dash Pages' own address: a new one draws that page, as following a link does.
    app.callback(
        Output(PAGES_LOCATION_ID, "href", allow_duplicate=True),
        Input(page.CHART_ID, "clickData"),
        Input(page.OPEN_ID, "n_clicks"),
        State(page.PICKER_ID, "value"),
        State(page.MEASURE_ID, "value"),
        State(page.POPULATION_ID, "value"),
        State(page.PERIOD_ID, "value"),
        prevent_initial_call=True,
    )(open_address)
    app.clientside_callback(ClientsideFunction(namespace="insightMap", function_name="drawLabels"),
                            Output(page.LABELS_DRAWN_ID, "children"),
                            Input(page.CHART_ID, "figure"))
