"""Map (/map): the district choropleth with school points, the legend of school outcomes, the
district picker and the sortable district table with the same values."""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.district_measures import MeasureChoice, choices
from dashboard.analysis.district_schools import OUTCOMES, Outcome
from dashboard.analysis.map import POINT_LABELS, MapModel, model_for, settings
from dashboard.charts import Chart
from dashboard.charts.map import MAP_CHART, boundaries, chart_for
from dashboard.config import Area, load_area
from dashboard.settings import params_from_query, read_settings
from dashboard.store import current_store
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.controls import Option, marker, select
from layouts.components.district_measures import (
    measure_options,
    period_options,
    population_options,
)
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, suppression_legend, value

TITLE = "Map of districts and schools"
dash.register_page(
    __name__, path="/map", name="Map", nav_label="Map", order=1, title=document_title(TITLE),
    description="Where outcomes differ across the county: each district shaded by the measure "
                "you choose, and every open state-funded school marked by its latest "
                "inspection outcome.")

MEASURE_ID = "map-measure"
POPULATION_ID = "map-population"
PERIOD_ID = "map-period"
PHASE_ID = "map-phase"
VIEW_ID = "map-view"
TABLE_ID = "map-district-table"
PICKER_ID = "map-district-picker"
OPEN_ID = "map-open-district"
LABELS_DRAWN_ID = "map-labels-drawn"
CHART_ID = MAP_CHART  # chart_block gives the map's graph its chart's figure id
SORT_BUTTON = "map-sort"
# The district table's order as drawn: the next press of a column button turns it round.
SORT_ORDER_ID = "map-sort-order"
SORT_COLUMNS = {"name": "District", "rank": "Value"}


@page_layout
def layout(**query: object) -> PageContent:
    """The map for the settings in the address."""
    store = current_store()
    options = choices(store)
    if not options or boundaries(store) is None:
        return unavailable()
    chosen, messages = read_settings(params_from_query(query), settings(options))
    return content(model_for(store, chosen), chart_for(store, chosen), options, load_area(),
                   messages)


def unavailable() -> PageContent:
    return [page_heading(TITLE),
            html.P("This data build has no district figures or no district boundaries, so "
                   "the map cannot be drawn. Rebuild the data with make data.")]


def content(model: MapModel, chart: Chart, options: Sequence[MeasureChoice], area: Area,
            messages: Sequence[str] = ()) -> PageContent:
    return [
        page_heading(TITLE,
                     "Where outcomes differ across the county: each district shaded by the "
                     "measure you choose, and every open state-funded school marked by its "
                     "latest inspection outcome. Select a district to open its profile."),
        notices(messages),
        controls(model, options),
        dbc.Row([
            dbc.Col(html.Div(view(model, chart), id=VIEW_ID, **{"aria-live": "polite"}), lg=8),
            dbc.Col([picker(area), outcome_legend(model.outcome_counts, model.schools_shown)],
                    lg=4),
        ], className="map-row"),
        html.Section([
            html.H2("The districts in a table", id="map-table-heading"),
            html.P("The same values as the map. Use the column buttons to sort.",
                   className="small"),
            html.Div(district_table(model), id=TABLE_ID),
            dcc.Store(id=SORT_ORDER_ID, data=model.sort),
        ], **{"aria-labelledby": "map-table-heading"}),
        suppression_legend(),
        html.P("No background map is drawn, so nothing is fetched from other websites. District "
               "boundaries: Office for National Statistics, May 2024 (contains OS data © Crown "
               "copyright and database right 2024).", className="small map-credit"),
        html.Div(id=LABELS_DRAWN_ID, hidden=True),
    ]


def _dropdown(component_id: str, label: str, options: Sequence[Option], chosen: str) -> dbc.Col:
    return dbc.Col([dbc.Label(label, html_for=component_id),
                    select(component_id, options, chosen)], md=6, lg=3, className="mb-3")


POINT_OPTIONS = tuple(Option(phase, label) for phase, label in POINT_LABELS.items())


def controls(model: MapModel, options: Sequence[MeasureChoice]) -> html.Div:
    choice = model.choice
    return html.Div(dbc.Row([
        _dropdown(MEASURE_ID, "Measure", measure_options(options), choice.measure_id),
        _dropdown(POPULATION_ID, "Schools covered", population_options(options, choice),
                  choice.population),
        _dropdown(PERIOD_ID, "Period", period_options(choice), model.period),
        _dropdown(PHASE_ID, "School points", POINT_OPTIONS, model.phase),
    ]), className="map-controls", role="group", **{"aria-label": "Map settings"})


def view(model: MapModel, chart: Chart) -> list[Component]:
    return [chart_block(chart, heading="h2"),
            html.P(model.comparison, className="map-comparison")]


def picker(area: Area) -> html.Div:
    districts = [Option(d.code, d.name) for d in area.districts]
    return html.Div([
        html.H2("Open a district profile", className="h5", id="map-picker-heading"),
        dbc.Label("District", html_for=PICKER_ID),
        select(PICKER_ID, districts, None, placeholder="Choose a district"),
        html.Button("Open profile", id=OPEN_ID, n_clicks=0, type="button",
                    className="btn btn-primary mt-2"),
    ], className="map-picker", role="group", **{"aria-labelledby": "map-picker-heading"})


def outcome_legend(counts: dict[str, int], shown: int) -> html.Div:
    """The school points' key, grouped by kind of outcome: legacy grades, report cards (never
    turned into legacy grades), no overall grade, not yet inspected."""
    families: dict[str, list[Outcome]] = {}
    for outcome in OUTCOMES:
        families.setdefault(outcome.family, []).append(outcome)
    return html.Div([
        html.H2("School points: latest inspection", className="h5", id="map-legend-heading"),
        *[html.Div([
            html.P(family, className="map-legend-family"),
            html.Ul([html.Li([marker(o), html.Span(o.label),
                              html.Span(f" ({counts.get(o.key, 0)})", className="text-muted")],
                             className="map-legend-item", **{"data-outcome": o.key})
                     for o in members], className="list-unstyled"),
        ]) for family, members in families.items()],
        html.P(f"{shown} schools shown. Ofsted gave overall grades until August 2024 and has "
               "published report cards since November 2025; it says the two are not "
               "comparable, so they have different shapes here.", className="small"),
    ], className="map-legend", role="group", **{"aria-labelledby": "map-legend-heading"})


def sort_button(column: str, current: str) -> html.Th:
    active = current.split("-")[0] == column
    descending = current.endswith("-desc")
    state = ("descending" if descending else "ascending") if active else "none"
    arrow = ("▼" if descending else "▲") if active else "↕"
    return html.Th(html.Button([SORT_COLUMNS[column], " ", html.Span(arrow, **{
        "aria-hidden": "true"})], id={"type": SORT_BUTTON, "column": column}, n_clicks=0,
        type="button", className="sort-button"), scope="col", **{"aria-sort": state})


def district_table(model: MapModel) -> html.Table:
    rows = [html.Tr([
        html.Th(dcc.Link(row.name, href=row.href), scope="row"),
        html.Td(value(row.reading)),
        html.Td(row.rank_text),
        html.Td(row.reading.status if row.reading else ""),
    ], **{"data-district": row.code}) for row in model.rows]
    return html.Table([
        html.Caption(model.caption),
        html.Thead(html.Tr([sort_button("name", model.sort), sort_button("rank", model.sort),
                            html.Th(f"Rank ({model.rank_scale})", scope="col"),
                            html.Th("Status", scope="col")])),
        html.Tbody(rows),
    ], className="table table-sm district-table")
