"""District profile (/district/<code>): every district-level measure against the county and
England with the district's rank, charts of its rank, trends and pupil-group gaps, its context
and its schools; and the page for a district that does not exist.

The address takes the district's ONS code; a slug or name (/district/tamworth) redirects to it
(308) and anything else answers 404 (callbacks.addresses).
"""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.areas import DISTRICT_LIMITS
from dashboard.analysis.district import (
    PATH,
    PHASE,
    TREND,
    DistrictProfile,
    ProfileRow,
    SchoolList,
    district_address,
    district_profile,
    district_schools,
    find_district,
    settings,
)
from dashboard.analysis.district_measures import (
    MEASURE,
    PERIOD,
    POPULATION,
    MeasureChoice,
    choices,
    chosen_measure,
    rank_scale,
)
from dashboard.analysis.district_schools import OUTCOME_BY_KEY, PHASE_LABELS
from dashboard.charts import Chart
from dashboard.charts.district import gap_charts, ranking_for, trend_chart
from dashboard.config import load_area
from dashboard.settings import Choices, params_from_query, read_settings
from dashboard.store import current_store
from dashboard.store.readings import Reading
from dashboard.wording import period_label
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.controls import Option, marker, option_list, select
from layouts.components.district_measures import (
    measure_options,
    period_options,
    population_options,
)
from layouts.components.page import PageContent, not_found, page_layout
from layouts.components.text import notices, page_heading, suppression_legend, value


def page_title(code: str = "") -> str:
    district = find_district(code)
    return document_title(f"{district.name}: district profile" if district
                          else "District not found")


dash.register_page(
    __name__, path_template=f"{PATH}<code>", name="District profile", order=20,
    title=page_title,
    description="A district's figures against the county and England, its rank among the "
                "districts, its schools and its pupils.",
    item_exists=lambda code: find_district(code) is not None, item_address=district_address)

MEASURE_ID = "district-measure"
POPULATION_ID = "district-population"
PERIOD_ID = "district-period"
RANKING_ID = "district-ranking-view"
TREND_ID = "district-trend-measure"
TREND_VIEW_ID = "district-trend-view"
PHASE_ID = "district-phase"
SCHOOLS_ID = "district-schools"
# The district the page is about, for its callbacks.
CODE_ID = "district-code"
PHASE_OPTIONS = tuple(Option(phase, label) for phase, label in PHASE_LABELS.items())


@page_layout
def layout(code: str = "", **query: object) -> PageContent:
    """The profile of the district named in the address, or the page saying there is none."""
    district = find_district(code)
    if district is None:
        return unknown_district(code)
    store = current_store()
    chosen, messages = read_settings(params_from_query(query), settings(store, district.code))
    profile = district_profile(store, district.code)
    return content(profile, chosen, messages, options=choices(store),
                   ranking=ranking_for(store, profile.code, chosen),
                   trend=(trend_chart(store, profile.code, chosen[TREND])
                          if profile.trends else None),
                   gaps=gap_charts(store, profile.code),
                   schools=district_schools(store, profile.code, chosen[PHASE]))


def unknown_district(code: str) -> PageContent:
    """The page for an address under /district/ that names no district."""
    area = load_area()
    return [
        *not_found("District not found", "district", f"{PATH}{code}"),
        html.P(f"{area.name}'s districts are:"),
        html.Ul([html.Li(dcc.Link(d.name, href=f"{PATH}{d.code}")) for d in area.districts]),
        html.P(["Or see all of them on the ", dcc.Link("map", href="/map"), "."]),
    ]


def content(profile: DistrictProfile, chosen: Choices, messages: Sequence[str] = (), *,
            options: Sequence[MeasureChoice], ranking: Chart, trend: Chart | None,
            gaps: Sequence[Chart], schools: SchoolList) -> PageContent:
    choice = chosen_measure(options, chosen)
    trends = tuple(Option(t.measure_id, t.label) for t in profile.trends)
    return [
        page_heading(profile.name, f"{profile.name} is one of {profile.area_name}'s "
                     f"{profile.district_count} districts (ONS code {profile.code}). Its "
                     "figures against the county and England, its rank among the districts, "
                     "its schools and its pupils."),
        notices(messages),
        dcc.Store(id=CODE_ID, data=profile.code),
        key_figures(profile),
        section("district-measures", f"How {profile.name} compares", [
            html.P("The latest figure for every measure published or computed for districts. "
                   "Rank is among the districts with a figure for the same period.",
                   className="small"),
            *measures_tables(profile),
        ]),
        section("district-ranking", "Against the other districts", [
            dbc.Row([
                _dropdown(MEASURE_ID, "Measure", measure_options(options), chosen[MEASURE], 6),
                _dropdown(POPULATION_ID, "Schools covered", population_options(options, choice),
                          chosen[POPULATION], 3),
                _dropdown(PERIOD_ID, "Period", period_options(choice), chosen[PERIOD], 3),
            ], className="district-controls"),
            html.Div(chart_block(ranking), id=RANKING_ID, **{"aria-live": "polite"}),
        ]),
        section("district-trends", "Trends", [
            html.P("Only where the school-level data allows: inspection outcomes rebuilt from "
                   "inspection dates (estimates before 2023) and results from the schools' "
                   "published results.", className="small"),
            dbc.Row(_dropdown(TREND_ID, "Measure", trends, chosen[TREND], 6)),
            html.Div(trend_view(trend), id=TREND_VIEW_ID, **{"aria-live": "polite"}),
        ]),
        section("district-gaps", "Pupil-group gaps", [
            *[chart_block(chart) for chart in gaps],
            html.P("What the published data does not allow for districts:", className="mb-1"),
            html.Ul([html.Li(text) for text in DISTRICT_LIMITS], className="not-allowed"),
            html.P(["The county's gaps for every group are on the ",
                    dcc.Link("Pupil groups", href="/groups"), " page."]),
        ]),
        section("district-context", "Pupils", [context_table(profile)]),
        section("district-schools-heading", "Schools", [
            dbc.Label("Show schools", html_for=PHASE_ID),
            dbc.RadioItems(id=PHASE_ID, value=chosen[PHASE], inline=True,
                           options=option_list(PHASE_OPTIONS)),
            html.Div(schools_table(schools), id=SCHOOLS_ID, className="table-scroll",
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


def key_figures(profile: DistrictProfile) -> html.Dl:
    return html.Dl([html.Div([
        html.Dt(figure.label),
        html.Dd([figure.district, html.Span(f"{profile.area_name}: {figure.county}",
                                            className="key-figure-county")]),
    ]) for figure in profile.key_figures], className="key-figures-grid")


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


def measures_tables(profile: DistrictProfile) -> list[Component]:
    """Each measure for all its schools first; the same measures by type of school behind a
    toggle."""
    name, area_name = profile.name, profile.area_name
    overall = [r for r in profile.measures if r.headline]
    by_type = [r for r in profile.measures if not r.headline]
    tables: list[Component] = [html.Div(measures_table(
        overall, name, area_name,
        f"{name}: every district-level measure against {area_name} and England"),
        className="table-scroll")]
    if by_type:
        tables.append(html.Details([
            html.Summary("The same measures by type of school"),
            html.Div(measures_table(by_type, name, area_name,
                                    f"{name}: measures by type of school"),
                     className="table-scroll"),
        ], className="district-breakdowns"))
    return tables


def trend_view(trend: Chart | None) -> Component:
    if trend is None:
        return html.P("No measure has two or more years of district figures.")
    return chart_block(trend)


def context_table(profile: DistrictProfile) -> Component:
    context = profile.context
    if not context.rows:
        return html.P("No census figures for this district's schools.")
    head = [html.Th("Pupils", scope="col")]
    for period in context.periods:
        head += [html.Th(f"{profile.name} {period_label(period)}", scope="col"),
                 html.Th(f"{profile.area_name} {period_label(period)}", scope="col")]
    return html.Div([
        html.Table([
            html.Caption(f"{profile.name}'s pupils from the school census"),
            html.Thead(html.Tr(head)),
            html.Tbody([html.Tr([html.Th(row.label, scope="row"),
                                 *[html.Td(cell) for cell in row.cells]])
                        for row in context.rows]),
        ], className="table table-sm context-table"),
        html.P(context.note, className="small"),
    ], className="table-scroll")


SCHOOL_COLUMNS = ("School", "Phase", "Latest inspection outcome", "Date",
                  "KS2 reading, writing and maths: expected standard (latest year)",
                  "KS4 Progress 8 (latest year)")


def schools_table(schools: SchoolList) -> html.Table:
    rows = [html.Tr([
        html.Th(dcc.Link(school.name, href=school.href), scope="row"),
        html.Td(school.phase),
        html.Td([marker(OUTCOME_BY_KEY[school.outcome]), " ", school.outcome_label,
                 html.Div(school.outcome_note, className="small text-muted")
                 if school.outcome_note else None], className="school-outcome"),
        html.Td(school.outcome_date),
        html.Td(school.ks2),
        html.Td(school.ks4),
    ], **{"data-urn": str(school.urn), "data-outcome": school.outcome})
        for school in schools.rows]
    return html.Table([
        html.Caption(schools.caption),
        html.Thead(html.Tr([html.Th(h, scope="col") for h in SCHOOL_COLUMNS])),
        html.Tbody(rows),
    ], className="table table-sm schools-table")
