"""Shared components: the page shell pieces, published charts (chart_block: the figure, its
words, data table and downloads), values and tags."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from numbers import Real
from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
from dash import callback_context, dcc, html
from dash.development.base_component import Component
from dash.exceptions import MissingCallbackContextException

from dashboard import export
from dashboard.charts import Chart
from dashboard.charts.style import GRAPH_CONFIG
from dashboard.store.readings import Reading, period_end
from dashboard.vocabulary import SUPPRESSION_LEGEND
from dashboard.wording import STATUS_WORDS, format_reading, period_label
from layouts import PAGES, product_name

MAIN_ID = "main-content"
URL_ID = "url"
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


def page_address() -> tuple[str, str]:
    """The page's path and query string while the router's callback draws it; ("", "") when
    they are not to hand (the download links' script fills them in when a link is used)."""
    try:
        values = {**callback_context.states, **callback_context.inputs}
    except MissingCallbackContextException:
        return "", ""
    return (str(values.get(f"{URL_ID}.pathname") or ""),
            str(values.get(f"{URL_ID}.search") or ""))


def chart_block(chart: Chart, *, heading: str = "h3") -> html.Figure:
    """A published chart: a title stating the finding, the chart, and a caption with the
    one-sentence summary, source and date, exactly the plotted data behind "Show the data",
    and the downloads (CSV, PNG, SVG, press pack). Every page draws its charts with this."""
    header = getattr(html, heading.upper())
    chart_id = chart.figure_id
    config = {**GRAPH_CONFIG, "toImageButtonOptions": {
        **GRAPH_CONFIG["toImageButtonOptions"],
        "filename": export.file_stem(chart.figure_id, product_name())}}
    return html.Figure([
        header(chart.title, id=f"{chart_id}-title", className="chart-title"),
        html.Div(dcc.Graph(id=chart_id, figure=chart.figure.to_dict(), config=config,
                           className="chart-graph"),
                 # A group, not an image: Plotly's toolbar inside it is interactive.
                 role="group", **{"aria-labelledby": f"{chart_id}-title",
                                  "aria-describedby": f"{chart_id}-summary"}),
        html.Figcaption([
            html.P(chart.summary, id=f"{chart_id}-summary", className="chart-summary"),
            html.P(f"Source: {export.source_text(chart)} Data as at {chart.as_at}.",
                   className="chart-source"),
            html.Details([html.Summary("Show the data"), chart_data_table(chart)],
                         className="chart-data"),
            download_menu(chart),
        ]),
    ], className="chart", id=f"{chart_id}-figure", **{"data-figure": chart_id})


# (label, extension, size): the download menu, in order.
DOWNLOADS: tuple[tuple[str, str, str | None], ...] = (
    ("Data (CSV)", "csv", None),
    ("Image (PNG, 1200 × 675 pixels)", "png", None),
    ("Square image (PNG, 1080 × 1080 pixels)", "png", "1080x1080"),
    ("Wide image (PNG, 1600 × 900 pixels)", "png", "1600x900"),
    ("Image for print and editing (SVG)", "svg", None),
    ("Press pack (ZIP: images, data, headline and alt text)", "zip", None),
)
IMAGE_FORMATS = frozenset({"png", "svg"})


def download_menu(chart: Chart) -> html.Details:
    """Plain links under /download/ carrying the page's settings, so each works without
    JavaScript and can be bookmarked or scripted. Without a browser on the server the image
    links say so, and the data and press pack (data and words) still download."""
    path, search = page_address()
    images = export.images_available()
    items = []
    for label, ext, size in DOWNLOADS:
        if ext in IMAGE_FORMATS and not images:
            items.append(html.Li([label, html.Span(
                " - not available: this server has no browser to draw images",
                className="download-unavailable")]))
            continue
        href = export.download_path(chart.figure_id, ext, path, search, size)
        items.append(html.Li(html.A(label, href=href, className="download-link",
                                    **{"data-figure": chart.figure_id, "data-ext": ext,
                                       "data-size": size or ""})))
    note = ("Images show the title, source, date and this page's address."
            if images else "Images cannot be drawn on this server just now.")
    return html.Details([
        html.Summary("Download this chart"),
        html.Ul(items, className="download-list"),
        html.P(note, className="small mb-0"),
    ], className="chart-downloads")


def display_value(value: Any) -> str:
    """A plotted number as the data holds it (thousands separated, no rounding)."""
    return f"{value:,.12g}" if isinstance(value, Real) else str(value)


def column_label(column: str) -> str:
    return column.capitalize() if column.islower() else column


def _cell(record: Mapping[str, Any], column: str) -> Any:
    """A table cell: a suppressed value shows its code (explained on hover), never 0."""
    cell = record[column]
    if column == "value" and (cell is None or pd.isna(cell)):
        code = record.get("suppression") or "x"
        return html.Abbr(f"[{code}]", title=SUPPRESSION_LEGEND.get(code, ""))
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return ""
    return display_value(cell) if column == "value" else cell


def chart_data_table(chart: Chart) -> html.Div:
    """The chart's data as an accessible table, one row per plotted point. Columns that are the
    same on every row (often the source, unit and status) are said once, under the table."""
    data = chart.data
    shown = [c for c in data.columns if c != "suppression"]
    same = [c for c in shown[1:] if c != "value" and len(data) > 1
            and data[c].astype("string").nunique(dropna=False) == 1]
    columns = [c for c in shown if c not in same]
    first = data.iloc[0].to_dict() if len(data) else {}
    rows = [html.Tr([html.Td(_cell(record, column), **{"data-column": column})
                     for column in columns])
            for record in data.to_dict("records")]
    head = html.Thead(html.Tr([html.Th(column_label(c), scope="col") for c in columns]))
    children: list[Component] = [html.Table(
        [html.Caption(f"Data for: {chart.title}"), head, html.Tbody(rows)],
        className="table table-sm chart-data-table")]
    if same:
        children.append(html.P(["Every row: "] + [
            part for i, column in enumerate(same)
            for part in (("; " if i else ""), html.Span(
                [f"{column_label(column)}: ", _cell(first, column)],
                className="data-constant", **{"data-column": column}))],
            className="small"))
    # Scrolls sideways when wide; focusable so a keyboard can scroll it.
    return html.Div(children, className="chart-data-scroll", tabIndex="0", role="region",
                    **{"aria-label": f"Data for: {chart.title}"})
