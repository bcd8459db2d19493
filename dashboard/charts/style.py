"""Plotly figures, and the words and number formats that go with them (no Dash here).

Colours are from the Okabe-Ito colour-blind-safe palette, picked for at least 3:1 contrast
against white; series are also told apart by dash pattern and marker shape, never colour alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

import plotly.graph_objects as go

from dashboard.store.readings import Reading, period_end
from dashboard.wording import format_reading, period_label

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


