"""Shared components: the page shell pieces, figures with their words, values and tags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.charts import Chart
from dashboard.figures import GRAPH_CONFIG, STATUS_WORDS, format_reading, period_label
from dashboard.sources import SUPPRESSION_LEGEND
from dashboard.targets import Reading, period_end
from layouts import PAGES, product_name

MAIN_ID = "main-content"
NAV_TOGGLE_ID = "nav-toggle"
NAV_COLLAPSE_ID = "nav-collapse"
STATUS_SYMBOLS = {"met": "✓", "on track": "↗", "off track": "✗",
                  "measure discontinued": "■", "no data": "–"}


def skip_link() -> html.A:
    return html.A("Skip to main content", href=f"#{MAIN_ID}", className="skip-link")


def site_header() -> html.Header:
    """The product name on a black bar, then navigation to every page; on a phone the links
    fold behind a "Menu" button."""
    links = [dbc.NavItem(dbc.NavLink(page.label, href=page.path, active="exact"))
             for page in PAGES]
    return html.Header([
        html.Div(dbc.Container(html.A(product_name(), href="/", className="site-name"),
                               fluid="xl"), className="site-bar"),
        dbc.Navbar(
            dbc.Container([
                html.Button("Menu", id=NAV_TOGGLE_ID, className="navbar-toggler nav-toggle",
                            n_clicks=0, type="button", **{"aria-controls": NAV_COLLAPSE_ID,
                                                          "aria-expanded": "false"}),
                dbc.Collapse(
                    html.Nav(dbc.Nav(links, navbar=True, id="site-nav"),
                             **{"aria-label": "Main"}),
                    id=NAV_COLLAPSE_ID, navbar=True, is_open=False),
            ], fluid="xl"),
            expand="lg", color="light", tag="div", className="service-nav"),
    ], className="site-header")


def site_footer(stamp: str) -> html.Footer:
    return html.Footer(
        className="site-footer",
        children=dbc.Container([
            html.P([html.Strong("Data as at: "), html.Span(stamp, id="data-as-at")]),
            html.P([
                html.A("About the data", href="/about"), " - sources, dates, definitions, "
                "known limitations and the accessibility statement.",
            ]),
            html.P("Contains public sector information licensed under the Open Government "
                   "Licence v3.0. Figures are from the Department for Education, Ofsted, the "
                   "Office for National Statistics and Ordnance Survey.", className="small"),
        ], fluid="xl"),
    )


def data_stamp(manifest: Mapping[str, Any] | None) -> str:
    """Footer text: the date of the most recent data and when the store was built."""
    if not manifest:
        return "data not built yet - run make data."
    dated = [(period_end(str(s.get("data_date", ""))), s) for s in manifest.get("sources", [])]
    dated = [(when, s) for when, s in dated if when is not None]
    built = str(manifest.get("build_time", ""))[:10]
    built_text = f"; processed {period_label(built)}" if built else ""
    if not dated:
        return f"no dated sources{built_text}."
    newest = max(dated, key=lambda pair: pair[0])[1]
    return (f"{period_label(str(newest['data_date']))} (most recent source: {newest['title']})"
            f"{built_text}. Each figure gives its own source and date.")


def page_heading(title: str, lead: str | None = None) -> html.Div:
    children: list[Component] = [html.H1(title, className="page-title", tabIndex="-1")]
    if lead:
        children.append(html.P(lead, className="lead"))
    return html.Div(children, className="page-heading")


def notices(messages: Sequence[str]) -> html.Div | None:
    """Short messages, e.g. about a query parameter that was not understood."""
    if not messages:
        return None
    return html.Div(dbc.Alert([html.P(m, className="mb-0") for m in messages], color="info",
                              className="notice"), role="status")


def status_tag(status: str) -> html.Strong:
    slug = status.replace(" ", "-")
    return html.Strong([html.Span(STATUS_SYMBOLS.get(status, ""), **{"aria-hidden": "true"}),
                        " ", STATUS_WORDS.get(status, status)],
                       className=f"status-tag status-{slug}")


def value(reading: Reading | None, *, class_name: str = "value") -> html.Span:
    """A figure as shown, tagged with the measures-table row it comes from.

    A missing value shows its code, "[c]", explained on hover and in the legend; never 0.
    """
    if reading is None:
        return html.Span("no data", className=f"{class_name} no-data")
    text: Any = format_reading(reading)
    if reading.value is None:
        text = html.Abbr(text, title=SUPPRESSION_LEGEND.get(reading.suppression or "x", ""))
    return html.Span(text, className=class_name, **{
        "data-measure": reading.measure_id, "data-area": reading.area_code,
        "data-population": reading.population, "data-pupil-group": reading.pupil_group,
        "data-period": reading.period, "data-status": reading.status,
    })


def suppression_legend() -> html.Details:
    return html.Details([
        html.Summary("What do [c], [x] and other codes mean?"),
        html.Dl([item for code, meaning in SUPPRESSION_LEGEND.items()
                 for item in (html.Dt(f"[{code}]"), html.Dd(meaning))],
                className="legend-list"),
        html.P("A code is shown instead of a number where the publisher withheld or did not "
               "publish the figure. It is never counted as zero.", className="small"),
    ], className="suppression-legend")


def figure_block(chart_id: str, title: str, summary: str, figure: Mapping[str, Any],
                 source: str, *, heading: str = "h3",
                 table: Component | None = None) -> html.Figure:
    """A chart with a title stating the finding, a one-sentence summary, its source and date,
    and its data as a table behind a toggle."""
    header = getattr(html, heading.upper())
    children: list[Component] = [
        header(title, id=f"{chart_id}-title", className="chart-title"),
        html.P(summary, id=f"{chart_id}-summary", className="chart-summary"),
        html.Div(dcc.Graph(id=chart_id, figure=figure, config=GRAPH_CONFIG,
                           className="chart-graph"),
                 role="img", **{"aria-labelledby": f"{chart_id}-title",
                                "aria-describedby": f"{chart_id}-summary"}),
        html.Figcaption(source, className="chart-source"),
    ]
    if table is not None:
        children.append(html.Details([html.Summary("Show the data"), table],
                                     className="chart-data"))
    return html.Figure(children, className="chart")


def chart_block(chart: Chart, *, heading: str = "h3") -> html.Figure:
    """A published chart: title stating the finding, summary, the chart, source and date, and
    exactly the plotted data behind "Show the data". Every page draws its charts with this."""
    return figure_block(chart.figure_id, chart.title, chart.summary, chart.figure.to_dict(),
                        f"{chart.source}. Data as at {chart.as_at}.", heading=heading,
                        table=chart_data_table(chart))


def chart_data_table(chart: Chart) -> html.Table:
    """The chart's data as an accessible table; a suppressed value shows its code, never 0."""
    columns = [c for c in chart.data.columns if c != "suppression"]
    rows = []
    for record in chart.data.to_dict("records"):
        cells = []
        for column in columns:
            cell = record[column]
            if column == "value" and (cell is None or pd.isna(cell)):
                code = record.get("suppression") or "x"
                cell = html.Abbr(f"[{code}]", title=SUPPRESSION_LEGEND.get(code, ""))
            elif cell is None or (not isinstance(cell, str) and pd.isna(cell)):
                cell = ""
            cells.append(html.Td(cell))
        rows.append(html.Tr(cells))
    head = html.Thead(html.Tr([html.Th(column.capitalize() if column.islower() else column,
                                       scope="col") for column in columns]))
    return html.Table([html.Caption(f"Data for: {chart.title}"), head, html.Tbody(rows)],
                      className="table table-sm")


def readings_table(caption: str, found: Sequence[Reading]) -> html.Table:
    """The figures behind a chart: period, value, status and source."""
    head = html.Thead(html.Tr([html.Th(c, scope="col") for c in
                               ("Period", "Area", "Value", "Status", "Source")]))
    body = html.Tbody([
        html.Tr([html.Td(period_label(r.period)), html.Td(r.area_name), html.Td(value(r)),
                 html.Td(r.status), html.Td(r.source_id)])
        for r in found
    ])
    return html.Table([html.Caption(caption), head, body], className="table table-sm")


def coming_soon(title: str, lead: str, will_show: Sequence[str]) -> list[Component]:
    """The honest note for a page a later piece of work builds: what it will show."""
    return [
        page_heading(title, lead),
        html.Div([
            html.H2("This page is being built", className="h4"),
            html.P("It will show:"),
            html.Ul([html.Li(item) for item in will_show]),
            html.P(["Until then, the ", html.A("Overview", href="/"),
                    " shows the targets and headline figures."]),
        ], className="coming-soon"),
    ]
