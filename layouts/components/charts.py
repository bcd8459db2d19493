"""Published charts on a page: the figure, its finding, summary, source and date, "Show the
data" and the download menu. Every page draws its charts with chart_block."""

from __future__ import annotations

import json
from collections.abc import Mapping
from numbers import Real
from typing import Any

import pandas as pd
from dash import callback_context, dcc, html
from dash.exceptions import MissingCallbackContextException

from dashboard import export
from dashboard.charts import Chart
from dashboard.charts.style import GRAPH_CONFIG
from dashboard.vocabulary import SUPPRESSION_LEGEND
from layouts import product_name
from layouts.components.site import PAGES_LOCATION_ID


def page_address() -> tuple[str, str]:
    """The page's path and query string while Dash Pages draws it; ("", "") when
    they are not to hand (the download links' script fills them in when a link is used)."""
    try:
        values = {**callback_context.states, **callback_context.inputs}
    except MissingCallbackContextException:
        return "", ""
    return (str(values.get(f"{PAGES_LOCATION_ID}.pathname") or ""),
            str(values.get(f"{PAGES_LOCATION_ID}.search") or ""))


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


def _cell(record: Mapping[str, Any], column: str) -> str | list[str]:
    """A table cell's text; a suppressed value is its code and the code's meaning (shown on
    hover), never 0."""
    cell = record[column]
    if column == "value" and (cell is None or pd.isna(cell)):
        code = record.get("suppression") or "x"
        return [f"[{code}]", SUPPRESSION_LEGEND.get(code, "")]
    if cell is None or (not isinstance(cell, str) and pd.isna(cell)):
        return ""
    return display_value(cell) if column == "value" else str(cell)


def table_spec(chart: Chart) -> dict[str, Any]:
    """The chart's data as the browser draws its table (assets/site.js, insightDataTable): one
    row per plotted point. Columns that are the same on every row (often the source, unit and
    status) are said once, under the table."""
    data = chart.data
    shown = [c for c in data.columns if c != "suppression"]
    same = [c for c in shown[1:] if c != "value" and len(data) > 1
            and data[c].astype("string").nunique(dropna=False) == 1]
    columns = [c for c in shown if c not in same]
    first = data.iloc[0].to_dict() if len(data) else {}
    return {
        "caption": f"Data for: {chart.title}",
        "columns": [[c, column_label(c)] for c in columns],
        "rows": [[_cell(record, c) for c in columns] for record in data.to_dict("records")],
        "constants": [[c, column_label(c), _cell(first, c)] for c in same],
    }


def chart_data_table(chart: Chart) -> html.Div:
    """Where the chart's data table is drawn when "Show the data" is opened: one element that
    carries the table as data, so a page with many charts stays light to send and to draw."""
    # Scrolls sideways when wide; focusable so a keyboard can scroll it.
    return html.Div(className="chart-data-scroll", tabIndex="0", role="region",
                    **{"aria-label": f"Data for: {chart.title}",
                       "data-table": json.dumps(table_spec(chart), separators=(",", ":"))})
