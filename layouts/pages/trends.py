"""Trends and benchmarks (/trends): the controls, the chart, the rank table and the breaks."""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.targets import neighbour_lists
from dashboard.analysis.trends import (
    COMPARATORS,
    COMPARE,
    DISTRICTS,
    ENGLAND,
    GROUP,
    MEASURE,
    NEIGHBOUR_AVERAGE,
    NEIGHBOUR_LIST,
    NEIGHBOURS,
    POPULATION,
    REGION,
    Catalogue,
    TrendsModel,
    catalogue,
    settings,
    trends,
)
from dashboard.charts import Chart
from dashboard.charts.trends import trends_chart
from dashboard.config import Area, Target, load_area
from dashboard.settings import Choices, params_from_query, read_settings
from dashboard.store import current_store
from dashboard.vocabulary import GROUP_LABELS, POPULATION_LABELS, measure_info
from dashboard.wording import format_goal, format_number, period_label
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.controls import Option, option_list, select
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, suppression_legend, value

dash.register_page(
    __name__, path="/trends", name="Trends and benchmarks", nav_label="Trends", order=3,
    title=document_title("Trends and benchmarks"),
    description="Any measure over time against England, the region, similar councils and the "
                "districts, with the rank among similar councils each year.")

MEASURE_ID = "trends-measure"
POPULATION_ID = "trends-population"
GROUP_ID = "trends-group"
COMPARE_ID = "trends-compare"
NEIGHBOURS_ID = "trends-neighbours"
RESULT_ID = "trends-result"
RANKS_ID = "trends-ranks"
# The settings the page shows: its controls report them when the page is put in place, and
# that is no change.
SHOWN_ID = "trends-shown"

COMPARATOR_LABELS = {
    ENGLAND: "England",
    REGION: "Region",
    NEIGHBOURS: "Each statistical neighbour",
    NEIGHBOUR_AVERAGE: "Statistical neighbours' average",
    DISTRICTS: "Districts",
}


@page_layout
def layout(**query: object) -> PageContent:
    """The Trends page for the settings in the address."""
    store, area = current_store(), load_area()
    chosen, messages = read_settings(params_from_query(query), settings(store, area))
    return content(chosen, area, catalogue(store, area),
                   result(trends(store, **chosen), trends_chart(store, **chosen)), messages)


def population_options(found: Catalogue, chosen: Choices) -> list[Option]:
    """The populations (schools) the chosen measure has."""
    return [Option(p, POPULATION_LABELS[p].capitalize())
            for p in found.populations(chosen[MEASURE])]


def group_options(found: Catalogue, chosen: Choices) -> list[Option]:
    """The pupil groups the chosen measure has for the chosen population."""
    return [Option(g, GROUP_LABELS[g].capitalize())
            for g in found.pupil_groups(chosen[MEASURE], chosen[POPULATION])]


def content(chosen: Choices, area: Area, found: Catalogue, body: PageContent,
            messages: Sequence[str] = ()) -> PageContent:
    """The page: heading, controls and `body` (what `result` draws for the settings)."""
    return [
        page_heading("Trends and benchmarks",
                     f"Any measure over time: {area.name} against England, the region, "
                     "similar councils (its statistical neighbours) and its own districts, with "
                     f"{area.name}'s rank among the similar councils each year."),
        notices(messages),
        controls(chosen, area, found),
        dcc.Store(id=SHOWN_ID, data=chosen),
        html.Div(body, id=RESULT_ID, **{"aria-live": "polite"}),
    ]


def labelled_select(label: str, control_id: str, options: Sequence[Option],
                    chosen: str) -> html.Div:
    return html.Div([dbc.Label(label, html_for=control_id), select(control_id, options, chosen)],
                    className="trends-control")


def controls(chosen: Choices, area: Area, found: Catalogue) -> html.Form:
    """The settings; every change redraws the chart and updates the address."""
    measures = [Option(m, measure_info(m).label) for m in found.measures]
    lists = [Option(y, f"{y} list" + (" (current)" if y == area.current_neighbours else ""))
             for y in neighbour_lists(area)]
    return html.Form([
        html.H2("Choose what to show", className="visually-hidden"),
        dbc.Row([
            dbc.Col(labelled_select("Measure", MEASURE_ID, measures, chosen[MEASURE]), lg=6),
            dbc.Col(labelled_select("Schools", POPULATION_ID, population_options(found, chosen),
                                    chosen[POPULATION]), sm=6, lg=3),
            dbc.Col(labelled_select("Pupils", GROUP_ID, group_options(found, chosen),
                                    chosen[GROUP]), sm=6, lg=3),
        ], className="g-3"),
        dbc.Row([
            dbc.Col(html.Fieldset([
                html.Legend("Compare with", className="form-label"),
                dbc.Checklist(id=COMPARE_ID, inline=True,
                              value=[c for c in chosen[COMPARE].split(",") if c],
                              options=[{"label": COMPARATOR_LABELS[c], "value": c}
                                       for c in COMPARATORS]),
            ]), lg=8),
            dbc.Col(html.Fieldset([
                html.Legend("Statistical neighbours", className="form-label"),
                dbc.RadioItems(id=NEIGHBOURS_ID, inline=True, value=chosen[NEIGHBOUR_LIST],
                               options=option_list(lists)),
            ]), lg=4),
        ], className="g-3 mt-1"),
    ], className="trends-controls", **{"aria-label": "Trend settings"},
        action="/trends", method="get")


def result(model: TrendsModel, chart: Chart) -> PageContent:
    """The chart and everything that explains it."""
    trend = model.trend
    children: PageContent = [chart_block(chart, heading="h2"), rank_section(model)]
    notes = [html.Li([html.Strong(f"{b.label}: "), b.explanation]) for b in trend.breaks]
    if trend.target is not None:
        notes.append(html.Li(target_note(trend.target)))
    if notes:
        children.append(html.Section([html.H2("Breaks and reference points"),
                                      html.Ul(notes, className="trends-notes")],
                                     className="trends-breaks"))
    children.append(neighbour_note(model))
    children.append(suppression_legend())
    return children


def target_note(target: Target) -> list[Component | str]:
    if target.baseline is None or target.target is None:
        return [html.Strong(f"Target {target.number} ({target.name}): "),
                f"{target.statement}: {target.target_text} by {target.target_period}."]
    return [html.Strong(f"Target {target.number} ({target.name}): "),
            f"from {format_goal(target.baseline, target.unit)} in {target.baseline_period} to "
            f"{format_goal(target.target, target.unit)} by {target.target_period}, drawn as a "
            "dashed line from the baseline to the target."]


def rank_caption(model: TrendsModel) -> str:
    """The finding of the rank table, e.g. "Staffordshire was 3rd of 11 similar councils in
    2024/25 (1st is the best)"."""
    trend = model.trend
    ranked = [r for r in trend.ranks if r.rank is not None]
    order = "the highest" if trend.info.higher_is_better is None else "the best"
    if not ranked:
        return (f"{trend.area_name} cannot be ranked: none of its statistical neighbours has a "
                "figure for this measure.")
    last = ranked[-1]
    assert last.rank is not None
    return (f"{trend.area_name} was {last.rank.words('similar councils')} in "
            f"{period_label(last.period)} (1st is {order})")


def rank_section(model: TrendsModel) -> html.Section:
    trend = model.trend
    area_name = trend.area_name
    columns = ("Year", area_name, trend.england_name,
               "Statistical neighbours (average)", "Rank", "Neighbours with a figure")
    rows = []
    for r in reversed(trend.ranks):
        mean = (format_number(r.neighbour_mean, r.county.unit, r.county.measure_id)
                if r.neighbour_mean is not None else "no figures")
        england = model.england.get(r.period)
        cells: list[Component | str] = [
            value(r.county), value(england, class_name="value comparator"), mean,
            r.rank.words() if r.rank else "not ranked",
            f"{r.neighbours_with_figure} of {trend.listed - 1}"]
        rows.append(html.Tr([html.Th(period_label(r.period), scope="row")]
                            + [html.Td(c, **{"data-label": label})
                               for label, c in zip(columns[1:], cells, strict=True)]))
    return html.Section([
        html.H2(f"{area_name}'s rank among similar councils"),
        html.P(rank_caption(model) + ".", className="chart-summary"),
        html.Div(html.Table([
            html.Caption(f"{area_name}'s figure, England's, the average of the statistical "
                         f"neighbours ({trend.view.neighbour_list} list) and {area_name}'s "
                         "rank among itself and its neighbours, by year"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody(rows),
        ], className="table table-sm headline-table rank-table", id=RANKS_ID),
            className="table-scroll", tabIndex="0", role="region",
            **{"aria-label": "Rank by year"}),
    ], className="trends-ranks")


def neighbour_note(model: TrendsModel) -> html.Section:
    trend, current = model.trend, model.current_list
    chosen = trend.view.neighbour_list
    names = ", ".join(trend.neighbour_names) or "none known"
    older = [y for y in model.lists if y < current]
    if chosen == current:
        applies = f"The {current} list is the Department for Education's current model."
        if older:
            applies += (f" The {older[0]} list applied from {older[0]} until the {current} "
                        "list replaced it, so reports of those years compared with it: choose "
                        "it above to see those councils.")
    else:
        applies = (f"The {chosen} list applied from {chosen} until the Department for "
                   f"Education replaced it with the {current} list; reports of those years "
                   "compared with it.")
    return html.Section([
        html.H2("Similar councils", className="h5"),
        html.P(f"Statistical neighbours ({chosen} list): {names}. {applies} "
               "Councils created or merged by local government reorganisation have figures "
               "only for the years they existed, so not every neighbour has a figure every "
               "year; the rank counts those that do. "
               "Estimated figures are not ranked.", className="small"),
    ], className="trends-neighbours-note")
