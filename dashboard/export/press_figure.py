"""The press image of a chart: its figure with the title, source, date, licence and page address
drawn in, fitted to a press size. Used for PNG and SVG downloads."""

from __future__ import annotations

import html
import re
import textwrap
from collections.abc import Iterable

import plotly.graph_objects as go

from dashboard.charts import Chart
from dashboard.charts.style import TEXT_COLOUR

IMAGE_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"

SECONDARY_TEXT = "#505A5F"

def _wrap(text: str, chars: float) -> list[str]:
    return textwrap.wrap(text, width=max(20, int(chars)), break_on_hyphens=False) or [""]

def _plotly_text(lines: Iterable[str]) -> str:
    """Lines as Plotly text: its HTML-like markup escaped, lines joined with <br>."""
    return "<br>".join(html.escape(line, quote=False) for line in lines)

def _legend_rows(fig: go.Figure, font_size: float, room: float) -> int:
    """How many rows a horizontal legend of the figure's named traces takes (an estimate)."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    # Plotly shows no legend for a single trace unless asked to.
    if not names or fig.layout.showlegend is False or (
            len(fig.data) == 1 and fig.layout.showlegend is not True):
        return 0
    rows, used = 1, 0.0
    for name in names:
        width = len(name) * 0.52 * font_size + 3.2 * font_size  # text and its symbol
        if used and used + width > room:
            rows, used = rows + 1, 0.0
        used += width
    return rows

def _squeeze(low: float, high: float, value: float) -> float:
    return low + value * (high - low)

# The subplot a trace is drawn in when it names none.
DEFAULT_SUBPLOT = {**dict.fromkeys(("choropleth", "scattergeo"), "geo"),
                   **dict.fromkeys(("choroplethmap", "scattermap", "densitymap"), "map"),
                   **dict.fromkeys(("choroplethmapbox", "scattermapbox", "densitymapbox"),
                                   "mapbox"),
                   **dict.fromkeys(("scatterpolar", "scatterpolargl", "barpolar"), "polar"),
                   "scatterternary": "ternary", "scatter3d": "scene", "surface": "scene"}

def _subplots(fig: go.Figure) -> set[str]:
    """Layout keys of every subplot: those set in the layout and those the traces use."""
    names = {"yaxis", *fig.layout.to_plotly_json()}
    for trace in fig.data:
        if trace.type in DEFAULT_SUBPLOT:
            names.add(getattr(trace, "geo", None) or getattr(trace, "subplot", None)
                      or getattr(trace, "scene", None) or DEFAULT_SUBPLOT[trace.type])
        elif getattr(trace, "yaxis", None):
            names.add(trace.yaxis.replace("y", "yaxis", 1))
    return names

def _fit_between(fig: go.Figure, low: float, high: float) -> None:
    """Move everything placed by paper height into the band [low, high] of the paper, so the
    header and footer have the space above and below it."""
    layout = fig.layout
    for name in _subplots(fig):
        if re.fullmatch(r"yaxis\d*", name):
            start, end = layout[name].domain or (0, 1)
            layout[name].domain = [_squeeze(low, high, start), _squeeze(low, high, end)]
        elif re.fullmatch(r"(geo|map|mapbox|polar|ternary|scene|smith)\d*", name):
            start, end = layout[name].domain.y or (0, 1)
            layout[name].domain.y = [_squeeze(low, high, start), _squeeze(low, high, end)]
    for annotation in layout.annotations:
        if annotation.yref == "paper" and annotation.y is not None:
            annotation.y = _squeeze(low, high, annotation.y)
    for shape in layout.shapes:
        if shape.yref == "paper":
            shape.y0 = _squeeze(low, high, shape.y0 or 0)
            shape.y1 = _squeeze(low, high, shape.y1 or 0)
    for trace in fig.data:
        domain = getattr(trace, "domain", None)
        if domain is not None:
            start, end = domain.y or (0, 1)
            domain.y = [_squeeze(low, high, start), _squeeze(low, high, end)]
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            colorbar.y = _squeeze(low, high, colorbar.y if colorbar.y is not None else 0.5)
            colorbar.len = (colorbar.len if colorbar.len is not None else 1) * (high - low)

def press_figure(chart: Chart, width: int, height: int, page_url: str,
                 product: str) -> go.Figure:
    """The chart laid out as a press image of `width` x `height` pixels: the title (the
    finding) at the top with the legend under it, the chart, then the source, the date of the
    data, the licence and the address of the page it comes from."""
    fig = go.Figure(chart.figure)
    scale = width / 1200
    pad = 32 * scale
    title_size, body_size, footer_size = 28 * scale, 16 * scale, 14 * scale
    room = width - 2 * pad - 40 * scale  # text width, allowing for the axis labels
    title_lines = _wrap(chart.title, room / (0.56 * title_size))
    footer_lines = [
        *_wrap(f"Source: {source_text(chart)}", room / (0.5 * footer_size)),
        *_wrap(f"Data as at {chart.as_at}. {LICENCE}", room / (0.5 * footer_size)),
        f"{product}: {page_url}",
    ]
    title_height = len(title_lines) * title_size * 1.3
    legend_top = pad + title_height + 12 * scale
    legend_height = _legend_rows(fig, body_size, room) * body_size * 1.9
    footer_height = len(footer_lines) * footer_size * 1.4
    axis_height = 48 * scale  # the x axis labels under the plot
    paper = height - 2 * pad
    low = (footer_height + axis_height) / paper
    high = 1 - (title_height + 12 * scale + legend_height + 16 * scale) / paper
    _fit_between(fig, low, high)
    fig.update_layout(
        width=width, height=height, autosize=False,
        margin={"l": pad, "r": pad, "t": pad, "b": pad, "autoexpand": True},
        paper_bgcolor="white", plot_bgcolor="white",
        font={"family": IMAGE_FONT, "size": body_size, "color": TEXT_COLOUR},
        title={"text": _plotly_text(title_lines), "x": 0, "xref": "paper", "xanchor": "left",
               "y": 1 - pad / height, "yref": "container", "yanchor": "top",
               "font": {"size": title_size, "weight": 700, "color": TEXT_COLOUR}},
        # Inside the paper, so the legend never pushes the margins (and the plot) about.
        legend={"orientation": "h", "x": 0, "xref": "paper", "xanchor": "left",
                "y": 1 - (legend_top - pad) / paper, "yref": "paper", "yanchor": "top",
                "font": {"size": body_size}, "bgcolor": "rgba(255,255,255,0)"},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    for annotation in fig.layout.annotations:  # the chart's own labels, at the image's scale
        if annotation.font.size:
            annotation.font.size = annotation.font.size * scale * 1.25
    fig.add_annotation(text=_plotly_text(footer_lines), x=0, xref="paper", xanchor="left",
                       y=0, yref="paper", yanchor="bottom", align="left", showarrow=False,
                       font={"size": footer_size, "color": SECONDARY_TEXT})
    return fig


LICENCE = ("Contains public sector information licensed under the Open Government Licence "
           "v3.0.")

def source_text(chart: Chart) -> str:
    """The chart's source without a leading "Source:", ending with a full stop."""
    text = re.sub(r"^Source:\s*", "", chart.source.strip()).rstrip(".")
    return f"{text}."
