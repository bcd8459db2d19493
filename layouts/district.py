"""District profile (/district/<code>): every district-level measure against the county and
England with the district's rank, charts of its rank, trends and pupil-group gaps, its context
and its schools; and the page for a district that does not exist."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.district import OUTCOME_BY_KEY, ProfileRow, rank_scale
from dashboard.charts import Chart
from dashboard.store.readings import Reading
from dashboard.wording import period_label
from layouts.components.charts import chart_block
from layouts.components.controls import Option, marker, select
from layouts.components.text import notices, page_heading, suppression_legend, value

MEASURE_ID = "district-measure"
POPULATION_ID = "district-population"
PERIOD_ID = "district-period"
RANKING_ID = "district-ranking-view"
TREND_ID = "district-trend-measure"
TREND_VIEW_ID = "district-trend-view"
PHASE_ID = "district-phase"
SCHOOLS_ID = "district-schools"


@dataclass(frozen=True)
class KeyFigure:
    label: str
    district: str
    county: str


@dataclass(frozen=True)
class ContextRow:
    label: str
    cells: tuple[str, ...]  # district then county, for each period


@dataclass(frozen=True)
class SchoolRow:
    urn: int
    name: str
    href: str
    phase: str
    outcome: str  # a key of OUTCOME_BY_KEY
    outcome_label: str
    outcome_date: str
    outcome_note: str
    ks2: str
    ks4: str


@dataclass(frozen=True)
class DistrictModel:
    code: str
    name: str
    area_name: str
    district_count: int
    key_figures: tuple[KeyFigure, ...]
    measures: tuple[ProfileRow, ...]
    ranking: Chart
    measure_options: tuple[Option, ...]
    population_options: tuple[Option, ...]
    period_options: tuple[Option, ...]
    measure: str
    population: str
    period: str
    trend: Chart | None
    trend_options: tuple[Option, ...]
    trend_measure: str
    gap_charts: tuple[Chart, ...]
    gaps_lacking: tuple[str, ...]
    context_periods: tuple[str, ...]
    context: tuple[ContextRow, ...]
    context_note: str
    schools: tuple[SchoolRow, ...]
    schools_caption: str
    phase: str
    phase_options: tuple[Option, ...]


def layout(model: DistrictModel, messages: Sequence[str] = ()) -> list[Component]:
    return [
        page_heading(model.name, f"{model.name} is one of {model.area_name}'s "
                     f"{model.district_count} districts (ONS code {model.code}). Its figures "
                     f"against the county and England, its rank among the districts, its "
                     "schools and its pupils."),
        notices(messages),
        key_figures(model),
        section("district-measures", f"How {model.name} compares", [
            html.P("The latest figure for every measure published or computed for districts. "
                   "Rank is among the districts with a figure for the same period.",
                   className="small"),
            *measures_tables(model),
        ]),
        section("district-ranking", "Against the other districts", [
            dbc.Row([
                _dropdown(MEASURE_ID, "Measure", model.measure_options, model.measure, 6),
                _dropdown(POPULATION_ID, "Schools covered", model.population_options,
                          model.population, 3),
                _dropdown(PERIOD_ID, "Period", model.period_options, model.period, 3),
            ], className="district-controls"),
            html.Div(chart_block(model.ranking), id=RANKING_ID, **{"aria-live": "polite"}),
        ]),
        section("district-trends", "Trends", [
            html.P("Only where the school-level data allows: inspection outcomes rebuilt from "
                   "inspection dates (estimates before 2023) and results from the schools' "
                   "published results.", className="small"),
            dbc.Row(_dropdown(TREND_ID, "Measure", model.trend_options, model.trend_measure, 6)),
            html.Div(trend_view(model), id=TREND_VIEW_ID, **{"aria-live": "polite"}),
        ]),
        section("district-gaps", "Pupil-group gaps", [
            *[chart_block(chart) for chart in model.gap_charts],
            html.P("What the published data does not allow for districts:", className="mb-1"),
            html.Ul([html.Li(text) for text in model.gaps_lacking], className="not-allowed"),
            html.P(["The county's gaps for every group are on the ",
                    dcc.Link("Pupil groups", href="/groups"), " page."]),
        ]),
        section("district-context", "Pupils", [context_table(model)]),
        section("district-schools-heading", "Schools", [
            dbc.Label("Show schools", html_for=PHASE_ID),
            dbc.RadioItems(id=PHASE_ID, value=model.phase, inline=True,
                           options=[{"label": o.label, "value": o.value}
                                    for o in model.phase_options]),
            html.Div(schools_table(model.schools, model.schools_caption), id=SCHOOLS_ID,
                     className="table-scroll",
                     **{"aria-live": "polite"}),
        ]),
        suppression_legend(),
    ]


def section(anchor: str, title: str, children: list[Component]) -> html.Section:
    return html.Section([html.H2(title, id=anchor), *children],
                        **{"aria-labelledby": anchor}, className="district-section")


def _dropdown(component_id: str, label: str, options: Sequence[Option], chosen: str,
              width: int) -> dbc.Col:
    return dbc.Col([
        dbc.Label(label, html_for=component_id),
        select(component_id, options, chosen),
    ], md=width, className="mb-3")


def key_figures(model: DistrictModel) -> html.Dl:
    return html.Dl([html.Div([
        html.Dt(figure.label),
        html.Dd([figure.district, html.Span(f"{model.area_name}: {figure.county}",
                                            className="key-figure-county")]),
    ]) for figure in model.key_figures], className="key-figures-grid")


def _reading_cell(reading: Reading | None) -> Component:
    return value(reading) if reading is not None else html.Span("no figure",
                                                                className="no-data")


def measures_table(rows: Sequence[ProfileRow], name: str, area_name: str,
                   caption: str) -> html.Table:
    body = []
    for row in rows:
        rank = ("not ranked" if row.rank is None
                else f"{row.rank} of {row.ranked} ({rank_scale(row.choice.measure_id)})")
        body.append(html.Tr([
            html.Th(row.choice.label, scope="row"),
            html.Td(period_label(row.period)),
            html.Td(_reading_cell(row.district)),
            html.Td(rank, className="district-rank"),
            html.Td(_reading_cell(row.county)),
            html.Td(_reading_cell(row.england)),
            html.Td(row.district.status if row.district else ""),
        ], **{"data-measure": row.choice.measure_id, "data-population": row.choice.population}))
    head = ["Measure", "Period", name, "Rank", area_name, "England", "Status"]
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in head])),
        html.Tbody(body),
    ], className="table table-sm district-measures")


def measures_tables(model: DistrictModel) -> list[Component]:
    """Each measure for all its schools first; the same measures by type of school behind a
    toggle."""
    overall = [r for r in model.measures if r.headline]
    by_type = [r for r in model.measures if not r.headline]
    tables: list[Component] = [html.Div(measures_table(
        overall, model.name, model.area_name,
        f"{model.name}: every district-level measure against {model.area_name} and England"),
        className="table-scroll")]
    if by_type:
        tables.append(html.Details([
            html.Summary("The same measures by type of school"),
            html.Div(measures_table(by_type, model.name, model.area_name,
                                    f"{model.name}: measures by type of school"),
                     className="table-scroll"),
        ], className="district-breakdowns"))
    return tables


def trend_view(model: DistrictModel) -> Component:
    if model.trend is None:
        return html.P("No measure has two or more years of district figures.")
    return chart_block(model.trend)


def context_table(model: DistrictModel) -> Component:
    if not model.context:
        return html.P("No census figures for this district's schools.")
    head = [html.Th("Pupils", scope="col")]
    for period in model.context_periods:
        head += [html.Th(f"{model.name} {period_label(period)}", scope="col"),
                 html.Th(f"{model.area_name} {period_label(period)}", scope="col")]
    return html.Div([
        html.Table([
            html.Caption(f"{model.name}'s pupils from the school census"),
            html.Thead(html.Tr(head)),
            html.Tbody([html.Tr([html.Th(row.label, scope="row"),
                                 *[html.Td(cell) for cell in row.cells]])
                        for row in model.context]),
        ], className="table table-sm context-table"),
        html.P(model.context_note, className="small"),
    ], className="table-scroll")


SCHOOL_COLUMNS = ("School", "Phase", "Latest inspection outcome", "Date",
                  "KS2 reading, writing and maths: expected standard (latest year)",
                  "KS4 Progress 8 (latest year)")


def schools_table(schools: Sequence[SchoolRow], caption: str) -> html.Table:
    rows = [html.Tr([
        html.Th(dcc.Link(school.name, href=school.href), scope="row"),
        html.Td(school.phase),
        html.Td([marker(OUTCOME_BY_KEY[school.outcome]), " ", school.outcome_label,
                 html.Div(school.outcome_note, className="small text-muted")
                 if school.outcome_note else None], className="school-outcome"),
        html.Td(school.outcome_date),
        html.Td(school.ks2),
        html.Td(school.ks4),
    ], **{"data-urn": str(school.urn), "data-outcome": school.outcome}) for school in schools]
    return html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in SCHOOL_COLUMNS])),
        html.Tbody(rows),
    ], className="table table-sm schools-table")


def not_found(text: str, districts: Sequence[Option], area_name: str) -> list[Component]:
    """The page for an address under /district/ that names no district."""
    return [
        page_heading("District not found"),
        html.P(["There is no district called ", html.Code(text[:100]), ". ",
                f"{area_name}'s districts are:"]),
        html.Ul([html.Li(dcc.Link(d.label, href=f"/district/{d.value}")) for d in districts]),
        html.P(["Or see all of them on the ", dcc.Link("map", href="/map"), "."]),
    ]
