"""Overview (/): the five target cards and the headline figures against England and neighbours."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.analysis.overview import Headlines, OverviewModel, overview, settings
from dashboard.analysis.targets import Comparison, TargetAssessment
from dashboard.charts import Chart
from dashboard.charts.overview import target_charts, target_label
from dashboard.config import load_area
from dashboard.settings import params_from_query, read_settings
from dashboard.store import current_store
from dashboard.store.readings import latest
from dashboard.vocabulary import measure_info
from dashboard.wording import format_number, period_label
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, status_tag, suppression_legend, value

dash.register_page(
    __name__, path="/", name="Overview", nav_label="Overview", order=0,
    title=document_title("Targets and headline figures"),
    description="How the county is doing against its education targets, and its headline "
                "figures against England and similar councils.")

HEADLINES_ID = "headline-figures"
NEIGHBOUR_CHOICE_ID = "headline-neighbours"


@page_layout
def layout(**query: object) -> PageContent:
    """The Overview for the settings in the address."""
    chosen, messages = read_settings(params_from_query(query), settings(load_area()))
    store, today = current_store(), date.today().isoformat()
    return content(overview(store, chosen["neighbours"], today), target_charts(store, today),
                   messages)


def content(model: OverviewModel, charts: Sequence[Chart],
            messages: Sequence[str] = ()) -> PageContent:
    return [
        page_heading(
            f"How {model.area_name} is doing against its education targets",
            "The learning and skills strategy set five targets in 2012 for 2016. Each card "
            "shows the baseline, the target, the latest figure with its date, the path from "
            "baseline to target, and where the target stands now."),
        notices(messages),
        html.Section([
            html.H2("The five targets", id="targets-heading"),
            dbc.Row([dbc.Col(target_card(assessment, chart), lg=6, className="mb-4")
                     for assessment, chart in zip(model.assessments, charts, strict=True)],
                    className="target-grid"),
        ], **{"aria-labelledby": "targets-heading"}),
        html.Section([
            html.H2("Headline figures", id="headlines-heading"),
            neighbour_choice(model),
            html.Div(headline_table(model.headlines, model.area_name), id=HEADLINES_ID,
                     **{"aria-live": "polite"}),
            suppression_legend(),
        ], **{"aria-labelledby": "headlines-heading"}, className="headlines"),
    ]


def target_card(a: TargetAssessment, chart: Chart) -> html.Article:
    t = a.target
    baseline, target = target_label(a)
    heading_id = f"target-{t.number}-heading"
    children: list[Component] = [
        html.Div([
            html.P(f"Target {t.number}", className="target-number"),
            html.H3(t.name, id=heading_id, className="target-name"),
            status_tag(a.status),
        ], className="target-card-header"),
        html.P(t.statement, className="target-statement"),
        html.Dl([
            html.Div([html.Dt("Baseline"), html.Dd(baseline, className="target-baseline")]),
            html.Div([html.Dt("Target"), html.Dd(target, className="target-goal")]),
            html.Div([html.Dt("Latest"), html.Dd(latest_text(a), className="target-latest")]),
        ], className="key-figures"),
        estimate_note(a),
        chart_block(chart, heading="h4"),
    ]
    if a.discontinued:
        children.append(discontinued_note(a))
    if a.supporting:
        children.append(comparison_list("Supporting measures", a.supporting,
                                        f"target-{t.number}-supporting"))
    return html.Article(children, className=f"target-card status-{a.status.replace(' ', '-')}",
                        id=f"target-{t.number}", **{"aria-labelledby": heading_id,
                                                    "data-status": a.status})


def latest_text(a: TargetAssessment) -> list[Component]:
    if a.latest is None:
        return [html.Span("no data", className="value no-data")]
    estimate = ", estimate" if a.latest.status == "estimated" else ""
    parts: list[Component] = [value(a.latest), " ",
                              html.Span(f"({period_label(a.latest.period)}{estimate})",
                                        className="target-latest-date")]

    england = a.comparator or latest(a.comparator_history)
    if england is None:
        parts += [html.Br(), html.Span("No England figure in the sources",
                                       className="small text-muted")]
    else:
        parts += [html.Br(), "England ", value(england, class_name="value comparator")]
        if england.period != a.latest.period:
            parts.append(html.Span(f" ({period_label(england.period)})",
                                   className="target-latest-date"))
    return parts


def estimate_note(a: TargetAssessment) -> html.P | None:
    """What an estimated latest figure lacks, from its note in the measures table."""
    if a.latest is None or a.latest.status != "estimated" or not a.latest.note:
        return None
    return html.P([html.Strong("About this estimate: "), a.latest.note],
                  className="estimate-note small")


def discontinued_note(a: TargetAssessment) -> html.Div:
    children: list[Component] = [
        html.H4("Measure discontinued", className="h6"),
        html.P(a.target.discontinued_note),
    ]
    if a.successors:
        children.append(comparison_list("What the data shows instead", a.successors,
                                        f"target-{a.target.number}-successors"))
    return html.Div(children, className="discontinued-note")


def comparison_list(title: str, comparisons: Sequence[Comparison], list_id: str) -> html.Div:
    """A short list of county figures with England's beside them where there is one."""
    items = []
    for c in comparisons:
        parts: list[Any] = [html.Span(measure_info(c.measure_id).label, className="label"), ": "]
        if c.county is None:
            parts.append(html.Span("no data", className="value no-data"))
        else:
            parts += [value(c.county), f" ({period_label(c.county.period)})"]
            if c.england is not None:
                parts += ["; England ", value(c.england, class_name="value comparator")]
        items.append(html.Li(parts))
    return html.Div([html.P(html.Strong(title), className="mb-1"), html.Ul(items, id=list_id)],
                    className="comparison-list")


def neighbour_choice(model: OverviewModel) -> html.Div:
    current = model.neighbour_lists[0] if model.neighbour_lists else ""
    options = [{"label": f"{year} list{' (current)' if year == current else ''}", "value": year}
               for year in model.neighbour_lists]
    return html.Div([
        dbc.Label("Statistical neighbours to compare with", html_for=NEIGHBOUR_CHOICE_ID),
        dbc.RadioItems(id=NEIGHBOUR_CHOICE_ID, options=options,
                       value=model.headlines.neighbour_list, inline=True),
    ], className="neighbour-choice")


def headline_table(headlines: Headlines, area_name: str) -> list[Component]:
    columns = (area_name, "England", "Statistical neighbours (average)", "Compared with England",
               "Year", "Source")
    rows = []
    for row in headlines.rows:
        c = row.comparison
        neighbours = (format_number(c.neighbour_mean, c.county.unit, c.measure_id)
                      if c.neighbour_mean is not None and c.county is not None else "no data")
        cells = [
            value(c.county),
            value(c.england, class_name="value comparator"),
            html.Span([html.Span(neighbours, className="neighbour-mean",
                                 **{"data-list": c.neighbour_list,
                                    "data-count": str(c.neighbours_with_data)}),
                       html.Span(f" ({c.neighbours_with_data} of {c.neighbours_total} with data)",
                                 className="small text-muted")]),
            row.verdict,
            period_label(c.period) if c.period else "",
            html.Span(row.source, className="small"),
        ]
        rows.append(html.Tr([html.Th(row.label, scope="row")]
                            + [html.Td(cell, **{"data-label": label})
                               for label, cell in zip(columns, cells, strict=True)],
                            **{"data-measure": c.measure_id}))
    names = ", ".join(headlines.neighbour_names) or "none known"
    return [
        html.Table([
            html.Caption(headlines.title),
            html.Thead(html.Tr([html.Th("Measure", scope="col")]
                               + [html.Th(col, scope="col") for col in columns])),
            html.Tbody(rows),
        ], className="table headline-table"),
        html.P(f"Statistical neighbours ({headlines.neighbour_list} list, Department for "
               f"Education): {names}. The average is the simple mean of the neighbours with a "
               "figure for the same year.", className="small"),
    ]

