"""The Trends page's published chart ("trends--<measure>"): the measure over time with its
title stating the finding, its summary, exactly the plotted data and its sources, as shown and
downloaded."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.benchmarks import NOT_COMPARABLE, compare_with_national
from dashboard.analysis.trends import (
    DISTRICTS,
    ENGLAND,
    MEASURE,
    NEIGHBOUR_AVERAGE,
    NEIGHBOURS,
    REGION,
    Series,
    SeriesBreak,
    Trend,
    TrendView,
    settings,
    trends,
)
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.registry import figure_id
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    NEIGHBOUR_COLOUR,
    TEXT_COLOUR,
    TRAJECTORY_COLOUR,
    chart_date,
)
from dashboard.config import Area, Target, load_area
from dashboard.settings import Params, read_settings
from dashboard.store import Store
from dashboard.store.readings import latest
from dashboard.vocabulary import GROUP_LABELS, POPULATION_LABELS, MeasureInfo
from dashboard.wording import at_or_in, format_reading, period_label, source_names

CHART = "trends"
REGION_COLOUR = "#882255"  # Paul Tol's wine: colour-blind safe, 8:1 on white
NEIGHBOUR_LINE_COLOUR = "#6F777B"  # grey context lines, 4.6:1 on white
DISTRICT_COLOUR = "#332288"  # Paul Tol's indigo


# ---------------------------------------------------------------------------------------------
# Words


def subject(view: TrendView, info: MeasureInfo) -> str:
    """What is measured, for whom: "Progress 8 score (key stage 4): disadvantaged pupils,
    special schools"."""
    qualifiers = []
    if view.pupil_group != "all":
        qualifiers.append(GROUP_LABELS.get(view.pupil_group, view.pupil_group))
    if view.population != "all":
        qualifiers.append(POPULATION_LABELS.get(view.population, view.population))
    return info.label + (f": {', '.join(qualifiers)}" if qualifiers else "")


def when(period: str) -> str:
    """"at 31 August 2023" for a day, "in June 2026" or "in 2023/24" otherwise."""
    return f"{at_or_in(period)} {period_label(period)}"


def trend_title(trend: Trend) -> str:
    """The finding: "Staffordshire: 62.0% meeting the KS2 expected standard in 2024/25, below
    England (63.0%) and 4th of 11 similar councils"."""
    current = latest(trend.county)
    if current is None:
        return f"No figures for {trend.area_name}: {subject(trend.view, trend.info)}"
    value = format_reading(current)
    lead = (f"{value} {trend.info.short}" if current.unit in ("percent", "count")
            else f"{trend.info.short} of {value}")
    parts = [f"{trend.area_name}: {lead} {when(current.period)}"]
    england = next((r for r in trend.comparator(ENGLAND) if r.period == current.period), None)
    comparison = compare_with_national(current, england, trend.info.higher_is_better,
                                       trend.england_name)
    if comparison.relation != NOT_COMPARABLE:
        assert england is not None
        relation = comparison.word[:1].lower() + comparison.word[1:]
        parts.append(f"{relation} ({format_reading(england)})")
    ranked = next((r for r in trend.ranks if r.period == current.period and r.rank), None)
    if ranked and ranked.rank:
        parts.append(ranked.rank.words("similar councils"))
    lead, *extra = parts
    return f"{lead}, {' and '.join(extra)}" if extra else lead


def trend_summary(trend: Trend) -> str:
    """One sentence for screen readers: first and latest figures, then the comparators."""
    topic = subject(trend.view, trend.info)
    with_values = [r for r in trend.county if r.value is not None and r.date]
    if not with_values:
        return f"{topic}: there are no figures for {trend.area_name}."
    first, last = with_values[0], with_values[-1]
    text = f"{topic}, {trend.area_name}: {format_reading(first)} {when(first.period)}"
    if last is not first:
        text += f" and {format_reading(last)} {when(last.period)}"
    others = []
    for role in (ENGLAND, REGION, NEIGHBOUR_AVERAGE):
        for s in trend.of_role(role):
            same = next((r for r in s.readings if r.period == last.period and r.value is not None),
                        None)
            if same:
                others.append(f"{s.name} {format_reading(same)}")
    if others:
        text += f"; {when(last.period)}: {', '.join(others)}"
    return text + "."


def trend_data(trend: Trend, source_titles: Mapping[str, str]) -> pd.DataFrame:
    """Exactly the plotted points: one row per series and period, with provenance."""
    records = []
    for s in trend.series:
        for r in s.readings:
            if r.date is None:
                continue
            records.append({
                "Series": s.name, "Area": r.area_name, "value": r.value,
                "suppression": r.suppression or "", "unit": r.unit, "period": r.period,
                "source": "; ".join(source_titles.get(part, part)
                                    for part in r.source_id.split(";")),
                "status": r.status})
    columns = ["Series", "Area", "value", "suppression", "unit", "period", "source", "status"]
    return pd.DataFrame.from_records(records, columns=columns)


# ---------------------------------------------------------------------------------------------
# The figure

STYLES: dict[str, dict[str, Any]] = {
    "county": {"colour": COUNTY_COLOUR, "dash": "solid", "symbol": "circle", "width": 3.5},
    ENGLAND: {"colour": ENGLAND_COLOUR, "dash": "dash", "symbol": "diamond", "width": 2.5},
    REGION: {"colour": REGION_COLOUR, "dash": "dot", "symbol": "square", "width": 2.5},
    NEIGHBOUR_AVERAGE: {"colour": NEIGHBOUR_COLOUR, "dash": "dashdot", "symbol": "triangle-up",
                        "width": 2.5},
    NEIGHBOURS: {"colour": NEIGHBOUR_LINE_COLOUR, "dash": "solid", "symbol": "circle",
                 "width": 1, "size": 4},
    DISTRICTS: {"colour": DISTRICT_COLOUR, "dash": "dot", "symbol": "triangle-down",
                "width": 1.2, "size": 5},
}
# Drawn first to last, so the area's own line is on top.
DRAW_ORDER = (NEIGHBOURS, DISTRICTS, REGION, NEIGHBOUR_AVERAGE, ENGLAND, "county")


def _trace(s: Series, style: Mapping[str, Any], *, legend: str | None = None,
           show_legend: bool = True) -> go.Scatter:
    dated = [r for r in s.readings if r.date is not None]
    many = sum(r.value is not None for r in dated) > 1
    hollow = [r.status == "estimated" for r in dated]
    return go.Scatter(
        x=[chart_date(r.period) for r in dated], y=[r.value for r in dated],
        name=legend or s.name, legendgroup=legend or s.name, showlegend=show_legend,
        mode="lines+markers" if many else "markers",
        line={"color": style["colour"], "dash": style["dash"], "width": style["width"]},
        marker={"symbol": style["symbol"], "size": style.get("size", 8),
                "color": ["white" if h else style["colour"] for h in hollow],
                "line": {"color": style["colour"], "width": 1.5}},
        customdata=[[s.name, period_label(r.period), format_reading(r), r.status]
                    for r in dated],
        hovertemplate="%{customdata[0]}: %{customdata[2]} (%{customdata[1]}, "
                      "%{customdata[3]})<extra></extra>",
    )


def _target_trace(target: Target) -> go.Scatter | None:
    start, end = chart_date(target.baseline_period), chart_date(target.target_period)
    if target.baseline is None or target.target is None or not start or not end:
        return None
    return go.Scatter(
        x=[start, end], y=[target.baseline, target.target], mode="lines+markers+text",
        name=f"Target {target.number}: baseline to target",
        line={"color": TRAJECTORY_COLOUR, "dash": "longdash", "width": 2},
        marker={"symbol": ["circle-open", "star"], "size": [10, 13], "color": TRAJECTORY_COLOUR},
        text=[f"Baseline {target.baseline:g}", f"Target {target.target:g}"],
        textposition=["bottom right", "top center"], textfont={"size": 11},
        hovertemplate="%{text} (%{x|%Y})<extra></extra>")


def _published_trace(s: Series) -> go.Scatter:
    dated = [r for r in s.readings if r.date is not None and r.value is not None]
    return go.Scatter(
        x=[chart_date(r.period) for r in dated], y=[r.value for r in dated],
        name="Quoted in the strategy", mode="markers+text",
        marker={"symbol": "square-open", "size": 10, "color": TEXT_COLOUR,
                "line": {"width": 2}},
        text=[f"{format_reading(r)} ({period_label(r.period)})" for r in dated],
        textposition="top center", textfont={"size": 11, "color": TEXT_COLOUR},
        hovertemplate="%{text}, quoted in the strategy<extra></extra>")


def _draw_break(fig: go.Figure, item: SeriesBreak) -> None:
    if item.end is None:
        fig.add_vline(x=item.start, line={"color": TRAJECTORY_COLOUR, "dash": "dot", "width": 1.5})
        x = item.start
    else:
        fig.add_vrect(x0=item.start, x1=item.end, fillcolor=GRID_COLOUR, opacity=0.6,
                      line_width=0, layer="below")
        x = item.start + (item.end - item.start) / 2
    fig.add_annotation(x=x, y=1, yref="paper", yanchor="bottom", text=item.label,
                       showarrow=False, font={"size": 11, "color": TEXT_COLOUR})


def trend_figure(trend: Trend) -> go.Figure:
    """The measure over time: the area's line on top of England, the region, the neighbours
    (grey, with their average), the districts, the strategy's figures and any target, with the
    breaks in the series marked."""
    fig = go.Figure(layout={
        "height": 420,
        "margin": {"l": 56, "r": 16, "t": 40, "b": 8},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top",
                   "font": {"size": 12}},
        "xaxis": {"type": "date", "showgrid": False, "linecolor": TRAJECTORY_COLOUR,
                  "ticks": "outside", "tickformat": "%Y", "fixedrange": True},
        "yaxis": {"gridcolor": GRID_COLOUR, "fixedrange": True,
                  "title": {"text": trend.info.short if trend.unit != "percent" else "%"},
                  "zeroline": trend.unit == "score", "zerolinecolor": TRAJECTORY_COLOUR},
    })
    for item in trend.breaks:
        _draw_break(fig, item)
    if trend.target is not None and (trace := _target_trace(trend.target)) is not None:
        fig.add_trace(trace)
    for role in DRAW_ORDER:
        for i, s in enumerate(trend.of_role(role)):
            if role in (NEIGHBOURS, DISTRICTS):
                legend = ("Statistical neighbours" if role == NEIGHBOURS
                          else f"{trend.area_name}'s districts")
                fig.add_trace(_trace(s, STYLES[role], legend=legend, show_legend=i == 0))
            else:
                fig.add_trace(_trace(s, STYLES[role]))
    for s in trend.of_role("published"):
        fig.add_trace(_published_trace(s))
    if trend.unit == "count":
        fig.update_yaxes(rangemode="tozero")
    return fig


# ---------------------------------------------------------------------------------------------
# The published chart


def trend_chart(store: Store, area: Area, trend: Trend) -> Chart:
    """The Trends chart with its sources and date: the same for the page and its downloads."""
    sources = store.sources_by_id()
    plotted = [r for s in trend.series for r in s.readings]
    newest = latest([r for r in plotted if r.status != "published"])
    citation = f"; {area.published_citation}" if any(
        r.status == "published" for r in plotted) else ""
    title = trend_title(trend)
    return Chart(
        figure_id=figure_id(CHART, trend.view.measure_id), title=title,
        summary=trend_summary(trend), figure=trend_figure(trend),
        data=trend_data(trend, {i: s.get("title", i) for i, s in sources.items()}),
        source="Source: " + "; ".join(source_names(plotted, sources, with_dates=False))
               + citation,
        as_at=period_label(newest.period) if newest else "no data", headline=title,
        notes=tuple(b.explanation for b in trend.breaks))


@memoize
def trends_chart(store: Store, measure: str, population: str, group: str, compare: str,
                 neighbours: str) -> Chart:
    """The chart for a build and the page's settings as read (by name), made once across
    workers."""
    model = trends(store, measure, population, group, compare, neighbours)
    return trend_chart(store, load_area(), model.trend)


def measure_trend(store: Store, params: Params, item: str | None) -> Chart:
    """The registered builder: the item is the measure; the query gives the other settings."""
    wanted = {**params, MEASURE: [item]} if item else params
    chosen, _ = read_settings(wanted, settings(store, load_area()))
    if item and chosen[MEASURE] != item:
        raise KeyError(item)
    return trends_chart(store, **chosen)


BUILDERS = {CHART: measure_trend}
