"""Plotly figures, and the words and number formats that go with them (no Dash here).

Colours are from the Okabe-Ito colour-blind-safe palette, picked for at least 3:1 contrast
against white; series are also told apart by dash pattern and marker shape, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart
from dashboard.store.readings import Reading, period_end
from dashboard.wording import format_reading, format_value, period_label

COUNTY_COLOUR = "#0072B2"  # Okabe-Ito blue
ENGLAND_COLOUR = "#D55E00"  # vermillion
NEIGHBOUR_COLOUR = "#009E73"  # bluish green
TRAJECTORY_COLOUR = "#505A5F"  # dark grey
TEXT_COLOUR = "#0B0C0C"
GRID_COLOUR = "#E5E6E7"
FONT_FAMILY = 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif'

# dcc.Graph `config`: no Plotly cloud or chart-studio buttons, no logo, only useful tools. The
# modebar's image download keeps the press size; layouts.components.chart_block gives it the
# chart's branded file name.
GRAPH_CONFIG: dict[str, Any] = {
    "displaylogo": False,
    "showSendToCloud": False,
    "showEditInChartStudio": False,
    "showLink": False,
    "responsive": True,
    "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d", "toggleSpikelines",
                               "hoverClosestCartesian", "hoverCompareCartesian"],
    "toImageButtonOptions": {"format": "png", "width": 1200, "height": 675, "scale": 1},
}


# ---------------------------------------------------------------------------------------------
# Numbers and periods in words


# ---------------------------------------------------------------------------------------------
# Findings: chart titles and one-sentence summaries


# ---------------------------------------------------------------------------------------------
# Figures


def chart_date(period: str) -> date | None:
    """Where a period sits on a time axis: a bare year ("2012") in its middle, anything else
    at its end (an academic year at 31 August, "2026-06" at the end of June)."""
    text = str(period).strip()
    if len(text) == 4 and text.isdigit():
        return date(int(text), 7, 1)
    return period_end(text)


def base_layout(height: int) -> dict[str, Any]:
    return {
        "height": height,
        "margin": {"l": 48, "r": 16, "t": 36, "b": 8},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "hovermode": "closest",
        "showlegend": True,
        "legend": {"orientation": "h", "y": -0.18, "x": 0, "yanchor": "top",
                   "font": {"size": 12}},
        "xaxis": {"type": "date", "showgrid": False, "linecolor": TRAJECTORY_COLOUR,
                  "ticks": "outside", "tickformat": "%Y", "fixedrange": True},
        "yaxis": {"gridcolor": GRID_COLOUR, "zeroline": True, "zerolinecolor": GRID_COLOUR,
                  "fixedrange": True, "rangemode": "tozero"},
    }


def series(found: Sequence[Reading], name: str, colour: str, dash: str, symbol: str,
            hollow: bool = False) -> go.Scatter:
    # Missing values stay in as gaps, so a line never bridges years with no figure.
    dated = [r for r in found if r.date is not None]
    return go.Scatter(
        x=[chart_date(r.period) for r in dated], y=[r.value for r in dated], name=name,
        mode="lines+markers" if sum(r.value is not None for r in dated) > 1 else "markers",
        line={"color": colour, "dash": dash, "width": 2.5},
        marker={"color": "white" if hollow else colour, "size": 8, "symbol": symbol,
                "line": {"color": colour, "width": 2}},
        customdata=[[period_label(r.period), format_reading(r), r.status] for r in dated],
        hovertemplate="%{customdata[1]} (%{customdata[0]}, %{customdata[2]})<extra>"
                      f"{name}</extra>",
    )


# ---------------------------------------------------------------------------------------------
# Target charts as published Charts (page, "Show the data" table and downloads)

CHART_COLUMNS = ["Series", "Area", "Population", "value", "suppression", "unit", "period",
                 "source", "status"]


BarSeries = tuple[str, Sequence[Any], str, str]  # name, values, colour, fill pattern

def group_bars_figure(categories: Sequence[str], series: Sequence[BarSeries], unit: str,
                      measure_id: str, *, horizontal: bool = False) -> go.Figure:
    """Grouped bars: one bar per category for each series. Series are told apart by fill
    pattern as well as colour; a missing value is left out (never drawn as 0). Horizontal
    bars (categories down the side, first at the top) suit long names such as districts."""
    bars_per_group = max(len(series), 1)
    height = (80 + len(categories) * (10 + 16 * bars_per_group)) if horizontal else 320
    fig = go.Figure(layout=base_layout(height))
    for name, values, colour, pattern in series:
        numbers = [None if v is None or pd.isna(v) else float(v) for v in values]
        place = {"y": list(categories), "x": numbers, "orientation": "h"} if horizontal else {
            "x": list(categories), "y": numbers}
        fig.add_trace(go.Bar(
            **place, name=name,
            marker={"color": colour, "pattern": {"shape": pattern, "fgcolor": "white",
                                                 "solidity": 0.3},
                    "line": {"color": colour, "width": 1}},
            text=[format_value(v, unit, measure_id) if v is not None else "" for v in numbers],
            textposition="outside", cliponaxis=False,
            hovertemplate=("%{y}" if horizontal else "%{x}") + ": %{text}<extra>" + name
            + "</extra>"))
    negative = any(v is not None and not pd.isna(v) and v < 0
                   for _, values, _, _ in series for v in values)
    values_axis = {"ticksuffix": "%" if unit == "percent" else "", "type": "linear",
                   "tickformat": None, "showgrid": True, "gridcolor": GRID_COLOUR,
                   "rangemode": "normal" if negative else "tozero", "zeroline": True,
                   "zerolinecolor": TRAJECTORY_COLOUR}
    categories_axis = {"type": "category", "tickformat": None, "showgrid": False,
                       "automargin": True}
    if horizontal:
        fig.update_layout(xaxis=values_axis, barmode="group", bargap=0.25,
                          yaxis={**categories_axis, "autorange": "reversed"},
                          margin={"l": 8, "r": 48, "t": 12, "b": 8})
    else:
        fig.update_layout(xaxis=categories_axis, yaxis=values_axis, barmode="group")
    return fig

def empty_chart(figure_id: str, title: str, summary: str) -> Chart:
    """A chart with nothing to plot: says so rather than drawing an empty axis."""
    fig = go.Figure(layout=base_layout(120))
    fig.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, showlegend=False,
                      annotations=[{"text": "No figures to plot", "showarrow": False,
                                    "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5}])
    data = pd.DataFrame(columns=["Area", "value", "suppression", "unit", "period", "source",
                                 "status"])
    return Chart(figure_id=figure_id, title=title, summary=summary, figure=fig, data=data,
                 source="none", as_at="not applicable")
