"""Trends and benchmarks (/trends): the controls, the chart, the rank table and the breaks."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.analysis.trends import (
    COMPARATORS,
    DISTRICTS,
    ENGLAND,
    NEIGHBOUR_AVERAGE,
    NEIGHBOURS,
    REGION,
    PeriodRank,
    SeriesBreak,
    TrendView,
)
from dashboard.charts import Chart
from dashboard.config import Target
from dashboard.store.readings import Reading
from dashboard.wording import format_goal, format_number, period_label
from layouts.components.charts import chart_block
from layouts.components.text import notices, page_heading, suppression_legend, value

MEASURE_ID = "trends-measure"
POPULATION_ID = "trends-population"
GROUP_ID = "trends-group"
COMPARE_ID = "trends-compare"
NEIGHBOURS_ID = "trends-neighbours"
RESULT_ID = "trends-result"
RANKS_ID = "trends-ranks"

COMPARATOR_LABELS = {
    ENGLAND: "England",
    REGION: "Region",
    NEIGHBOURS: "Each statistical neighbour",
    NEIGHBOUR_AVERAGE: "Statistical neighbours' average",
    DISTRICTS: "Districts",
}


@dataclass(frozen=True)
class Choices:
    """(value, label) pairs for each control."""

    measures: list[tuple[str, str]]
    populations: list[tuple[str, str]]
    groups: list[tuple[str, str]]
    neighbour_lists: list[tuple[str, str]]


@dataclass(frozen=True)
class TrendsModel:
    view: TrendView
    chart: Chart
    ranks: tuple[PeriodRank, ...]
    area_name: str
    england_name: str
    listed: int
    neighbour_names: tuple[str, ...]
    neighbour_list: str
    current_list: str
    lists: tuple[str, ...]  # every list in the area file, the current one first
    breaks: tuple[SeriesBreak, ...]
    target: Target | None
    higher_is_better: bool | None
    england: dict[str, Reading]  # England's figure by period, shown whatever is compared


def options(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value_} for value_, label in pairs]


def layout(view: TrendView, area_name: str, choices: Choices, body: list[Component],
           messages: Sequence[str] = ()) -> list[Component]:
    """The page: heading, controls and `body` (what `result` draws for the view)."""
    return [
        page_heading("Trends and benchmarks",
                     f"Any measure over time: {area_name} against England, the region, "
                     "similar councils (its statistical neighbours) and its own districts, with "
                     f"{area_name}'s rank among the similar councils each year."),
        notices(messages),
        controls(view, choices),
        html.Div(body, id=RESULT_ID, **{"aria-live": "polite"}),
    ]


def _select(label: str, control_id: str, pairs: Sequence[tuple[str, str]],
            chosen: str) -> html.Div:
    return html.Div([
        dbc.Label(label, html_for=control_id),
        dbc.Select(id=control_id, options=options(pairs), value=chosen),
    ], className="trends-control")


def controls(view: TrendView, choices: Choices) -> html.Form:
    """The settings; every change redraws the chart and updates the address."""
    return html.Form([
        html.H2("Choose what to show", className="visually-hidden"),
        dbc.Row([
            dbc.Col(_select("Measure", MEASURE_ID, choices.measures, view.measure_id), lg=6),
            dbc.Col(_select("Schools", POPULATION_ID, choices.populations, view.population),
                    sm=6, lg=3),
            dbc.Col(_select("Pupils", GROUP_ID, choices.groups, view.pupil_group), sm=6, lg=3),
        ], className="g-3"),
        dbc.Row([
            dbc.Col(html.Fieldset([
                html.Legend("Compare with", className="form-label"),
                dbc.Checklist(id=COMPARE_ID, inline=True, value=list(view.comparators),
                              options=[{"label": COMPARATOR_LABELS[c], "value": c}
                                       for c in COMPARATORS]),
            ]), lg=8),
            dbc.Col(html.Fieldset([
                html.Legend("Statistical neighbours", className="form-label"),
                dbc.RadioItems(id=NEIGHBOURS_ID, inline=True, value=view.neighbour_list,
                               options=options(choices.neighbour_lists)),
            ]), lg=4),
        ], className="g-3 mt-1"),
    ], className="trends-controls", **{"aria-label": "Trend settings"},
        action="/trends", method="get")


def result(model: TrendsModel) -> list[Component]:
    """The chart and everything that explains it."""
    children: list[Component] = [chart_block(model.chart, heading="h2")]
    children.append(rank_section(model))
    notes = [html.Li([html.Strong(f"{b.label}: "), b.explanation]) for b in model.breaks]
    if model.target is not None:
        notes.append(html.Li(target_note(model.target)))
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
    ranked = [r for r in model.ranks if r.rank is not None]
    order = "the highest" if model.higher_is_better is None else "the best"
    if not ranked:
        return (f"{model.area_name} cannot be ranked: none of its statistical neighbours has a "
                "figure for this measure.")
    last = ranked[-1]
    assert last.rank is not None
    return (f"{model.area_name} was {last.rank.words('similar councils')} in "
            f"{period_label(last.period)} (1st is {order})")


def rank_section(model: TrendsModel) -> html.Section:
    columns = ("Year", model.area_name, model.england_name,
               "Statistical neighbours (average)", "Rank", "Neighbours with a figure")
    rows = []
    for r in reversed(model.ranks):
        mean = (format_number(r.neighbour_mean, r.county.unit, r.county.measure_id)
                if r.neighbour_mean is not None else "no figures")
        england = model.england.get(r.period)
        cells: list[Component | str] = [
            value(r.county), value(england, class_name="value comparator"), mean,
            r.rank.words() if r.rank else "not ranked",
            f"{r.neighbours_with_figure} of {model.listed - 1}"]
        rows.append(html.Tr([html.Th(period_label(r.period), scope="row")]
                            + [html.Td(c, **{"data-label": label})
                               for label, c in zip(columns[1:], cells, strict=True)]))
    return html.Section([
        html.H2(f"{model.area_name}'s rank among similar councils"),
        html.P(rank_caption(model) + ".", className="chart-summary"),
        html.Div(html.Table([
            html.Caption(f"{model.area_name}'s figure, England's, the average of the "
                         f"statistical neighbours ({model.neighbour_list} list) and "
                         f"{model.area_name}'s rank among itself and its neighbours, by year"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in columns])),
            html.Tbody(rows),
        ], className="table table-sm headline-table rank-table", id=RANKS_ID),
            className="table-scroll", tabIndex="0", role="region",
            **{"aria-label": "Rank by year"}),
    ], className="trends-ranks")


def neighbour_note(model: TrendsModel) -> html.Section:
    names = ", ".join(model.neighbour_names) or "none known"
    older = [y for y in model.lists if y < model.current_list]
    if model.neighbour_list == model.current_list:
        applies = f"The {model.current_list} list is the Department for Education's current model."
        if older:
            applies += (f" The {older[0]} list applied from {older[0]} until the "
                        f"{model.current_list} list replaced it, so reports of those years "
                        "compared with it: choose it above to see those councils.")
    else:
        applies = (f"The {model.neighbour_list} list applied from {model.neighbour_list} until "
                   f"the Department for Education replaced it with the {model.current_list} "
                   "list; reports of those years compared with it.")
    return html.Section([
        html.H2("Similar councils", className="h5"),
        html.P(f"Statistical neighbours ({model.neighbour_list} list): {names}. {applies} "
               "Councils created or merged by local government reorganisation have figures "
               "only for the years they existed, so not every neighbour has a figure every "
               "year; the rank counts those that do. "
               "Estimated figures are not ranked.", className="small"),
    ], className="trends-neighbours-note")
