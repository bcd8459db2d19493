"""Pupil groups (/groups): a group against its comparison group over time, the gap as its own
chart, the latest gaps for every group, the district breakdowns the data allows, and what it
does not allow."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.groups import NOT_ALLOWED, GroupsModel, groups_model, settings
from dashboard.charts import Chart
from dashboard.charts.groups import district_charts, page_charts
from dashboard.config import load_area
from dashboard.settings import params_from_query, read_settings
from dashboard.store import current_store
from dashboard.vocabulary import GROUP_PAIRS, measure_label
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.controls import Option, option_list, select
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, suppression_legend

PATH = "/groups"
dash.register_page(
    __name__, path=PATH, name="Pupil groups", nav_label="Pupil groups", order=4,
    title=document_title("Pupil groups"),
    description="How results differ between groups of pupils (disadvantaged, free school "
                "meals, SEN, boys and girls, EAL) in the county, England and similar councils, "
                "and the gap between each group and the rest.")

GROUP_ID = "groups-group"
MEASURE_ID = "groups-measure"
NEIGHBOURS_ID = "groups-neighbours"
CHARTS_ID = "groups-charts"
# The settings the page shows: its controls report them when the page is put in place, and
# that is no change (the charts are not sent again).
SHOWN_ID = "groups-shown"


@page_layout
def layout(**query: object) -> PageContent:
    """The Pupil groups page for the settings in the address."""
    store = current_store()
    chosen, messages = read_settings(params_from_query(query), settings(store, load_area()))
    return content(groups_model(store, chosen), chosen, page_charts(store, chosen),
                   district_charts(store), messages)


def content(model: GroupsModel, chosen: Mapping[str, str], found: Sequence[Chart],
            by_district: Sequence[Chart], messages: Sequence[str] = ()) -> PageContent:
    return [
        page_heading("Pupil groups",
                     f"How results differ between groups of pupils in {model.area_name}, "
                     "England and similar councils (the statistical neighbours), in every "
                     "year the figures are published; and the gap between each group and the "
                     "rest, as its own chart."),
        notices(messages),
        controls(model),
        dcc.Store(id=SHOWN_ID, data=dict(chosen)),
        html.Div(charts(found), id=CHARTS_ID, **{"aria-live": "polite"}),
        html.P(f"Statistical neighbours ({model.neighbours} list): {model.neighbour_names}. "
               "Their average is the simple mean of the neighbours with a figure for the "
               "year; their gap is the mean of each neighbour's own gap.", className="small"),
        html.Section([
            html.H2("The latest gap for every group", id="groups-latest-heading"),
            html.Div(gaps_table(model), className="table-scroll"),
        ], **{"aria-labelledby": "groups-latest-heading"}),
        html.Section([
            html.H2("By district", id="groups-districts-heading"),
            html.P("Only where school-level results allow: key stage 4 by gender (2015/16 to "
                   "2017/18), disadvantaged pupils' Progress 8 (2022/23) and the census "
                   "percentages of each district's pupils.", className="small"),
            *[chart_block(chart) for chart in by_district],
        ], **{"aria-labelledby": "groups-districts-heading"}),
        html.Section([
            html.H2("What the published data does not allow", id="groups-limits-heading"),
            html.Ul([html.Li(text) for text in NOT_ALLOWED], className="not-allowed"),
        ], **{"aria-labelledby": "groups-limits-heading"}),
        suppression_legend(),
    ]


def measure_options(measures: Sequence[str]) -> list[Option]:
    return [Option(m, measure_label(m)) for m in measures]


def controls(model: GroupsModel) -> html.Div:
    return html.Div(dbc.Row([
        dbc.Col([
            dbc.Label("Pupils", html_for=GROUP_ID),
            dbc.RadioItems(id=GROUP_ID, value=model.group,
                           options=option_list([Option(p.key, p.label) for p in GROUP_PAIRS])),
        ], md=5, className="mb-3"),
        dbc.Col([
            dbc.Label("Measure", html_for=MEASURE_ID),
            select(MEASURE_ID, measure_options(model.measures), model.measure),
            dbc.Label("Statistical neighbours", html_for=NEIGHBOURS_ID, className="mt-3"),
            dbc.RadioItems(id=NEIGHBOURS_ID, value=model.neighbours, inline=True,
                           options=option_list([Option(year, f"{year} list")
                                                for year in model.neighbour_lists])),
        ], md=7, className="mb-3"),
    ]), className="groups-controls", role="group", **{"aria-label": "Pupil group settings"})


def charts(found: Sequence[Chart]) -> list[Component]:
    return [chart_block(chart, heading="h2") for chart in found]


def gaps_table(model: GroupsModel) -> html.Table:
    """One block of rows per group; each measure links to its charts."""
    head = ["Pupils", "Measure", "Year", model.area_name, "England",
            "Statistical neighbours (average)", "Unit"]
    blocks = []
    for group in dict.fromkeys(row.group for row in model.gaps):
        rows = [row for row in model.gaps if row.group == group]
        blocks.append(html.Tbody([html.Tr([
            *([html.Th(group, scope="rowgroup", rowSpan=len(rows))] if i == 0 else []),
            html.Th(dcc.Link(row.measure, href=PATH + row.query), scope="row"),
            html.Td(row.period), html.Td(row.county), html.Td(row.england),
            html.Td(row.neighbours), html.Td(row.unit),
        ]) for i, row in enumerate(rows)]))
    return html.Table([
        html.Caption("Each group's figure minus its comparison group's, in the latest year "
                     f"{model.area_name} has one (negative: the group's figure is lower)"),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
        *blocks,
    ], className="table table-sm groups-gaps")
