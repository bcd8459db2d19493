"""The Overview's published charts: each target's trajectory, as shown and downloaded."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.overview import overview
from dashboard.analysis.targets import TargetAssessment
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.registry import figure_id
from dashboard.charts.style import (
    CHART_COLUMNS,
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    TEXT_COLOUR,
    TRAJECTORY_COLOUR,
    base_layout,
    chart_date,
    series,
)
from dashboard.config import load_area
from dashboard.settings import Params
from dashboard.store import Store
from dashboard.store.readings import Reading, period_end
from dashboard.vocabulary import MET, OFF_TRACK, ON_TRACK, measure_info
from dashboard.wording import (
    STATUS_WORDS,
    _lower_first,
    as_at_text,
    at_or_in,
    format_difference,
    format_goal,
    format_reading,
    period_label,
    source_names,
    source_title,
)


def target_label(assessment: TargetAssessment) -> tuple[str, str]:
    """The baseline and the target in words, with their periods."""
    t = assessment.target
    if t.baseline is not None:
        baseline = f"{format_goal(t.baseline, t.unit, t.measure_id)} ({t.baseline_period})"
    else:
        baseline = f"{t.baseline_text} ({t.baseline_period})"
    if t.target is not None:
        prefix = "no more than " if t.direction == "down" and t.unit == "count" else ""
        target = f"{prefix}{format_goal(t.target, t.unit, t.measure_id)} ({t.target_period})"
    else:
        target = f"{t.target_text} ({t.target_period})"
    return baseline, target

def _gap_phrase(assessment: TargetAssessment) -> str:
    t, current = assessment.target, assessment.latest
    assert current is not None and current.value is not None
    if t.direction == "vs_england":
        england = assessment.comparator
        if england is None or england.value is None:
            return "with no England figure for the same year"
        relation = "at or above" if current.value >= england.value else "below"
        return f"{relation} England's {format_reading(england)}"
    assert t.target is not None
    gap = current.value - t.target
    target_text = format_goal(t.target, t.unit, t.measure_id)
    if assessment.last_reading_status == MET:
        return (f"within the target of no more than {target_text}" if t.direction == "down"
                else f"meeting the {target_text} target")
    if t.direction == "up":
        return f"{format_difference(gap, t.unit, t.measure_id)} short of the {target_text} target"
    return f"{format_difference(gap, t.unit, t.measure_id)} above the target of {target_text}"

def target_title(assessment: TargetAssessment) -> str:
    """The finding, e.g. "86.5% of pupils in good or outstanding schools in June 2026, ..."."""
    current = assessment.latest
    info = measure_info(assessment.target.measure_id)
    if current is None or current.value is None:
        return f"No recent figure for {assessment.target.statement.lower()}"
    value = format_reading(current)
    lead = f"{value} {info.short}" if current.unit in ("percent", "count") else (
        f"{info.short} of {value}")
    estimate = " (estimate)" if current.status == "estimated" else ""
    return (f"{lead} {at_or_in(current.period)} {period_label(current.period)}{estimate}, "
            f"{_gap_phrase(assessment)}")

def target_summary(assessment: TargetAssessment) -> str:
    """One sentence for screen readers: baseline, target, latest and status."""
    baseline, target = (_lower_first(text) for text in target_label(assessment))
    current = assessment.latest
    if current is None:
        return (f"Baseline {baseline}, target {target}; there is no figure to assess"
                f"{_discontinued_clause(assessment)}.")
    estimate = ", estimated" if current.status == "estimated" else ""
    return (f"Baseline {baseline}, target {target}; latest {format_reading(current)} "
            f"({period_label(current.period)}{estimate}), so {_verdict(assessment)}"
            f"{_discontinued_clause(assessment)}.")

def _verdict(assessment: TargetAssessment) -> str:
    status = assessment.last_reading_status
    if status == MET:
        return "the target was met"
    if status == ON_TRACK:
        return "it is on track for the target"
    if status == OFF_TRACK:
        current, target_date = assessment.latest, period_end(assessment.target.target_period)
        past_due = (current is not None and current.date is not None
                    and target_date is not None and current.date >= target_date)
        return "the target was not met" if past_due else "it is off track for the target"
    return "there is no figure to assess against the target"

def _discontinued_clause(assessment: TargetAssessment) -> str:
    t = assessment.target
    if not assessment.discontinued or not t.discontinued_from:
        return ""
    return f"; the measure was discontinued from {date.fromisoformat(t.discontinued_from):%B %Y}"

def target_figure(assessment: TargetAssessment) -> go.Figure:
    """Trajectory chart: baseline to target (dashed), the county's figures over time, the latest
    figure labelled with its date, and the date the measure was discontinued."""
    t = assessment.target
    fig = go.Figure(layout=base_layout(260))
    start, end = chart_date(t.baseline_period), chart_date(t.target_period)
    if t.baseline is not None and t.target is not None and start and end:
        # Baseline to target, then held at the target up to the latest figure.
        latest_x = chart_date(assessment.latest.period) if assessment.latest else None
        x, y = [start, end], [t.baseline, t.target]
        if latest_x and latest_x > end:
            x, y = [*x, latest_x], [*y, t.target]
        fig.add_trace(go.Scatter(
            x=x, y=y, name="Trajectory to target",
            mode="lines+markers", line={"color": TRAJECTORY_COLOUR, "dash": "dash", "width": 2},
            marker={"symbol": ["circle-open", "diamond", "line-ew"][:len(x)],
                    "size": [10, 12, 0][:len(x)], "color": TRAJECTORY_COLOUR},
            customdata=[["Baseline", t.baseline_period], ["Target", t.target_period],
                        ["Target", t.target_period]][:len(x)],
            hovertemplate="%{customdata[0]} %{y} (%{customdata[1]})<extra></extra>"))
    measured = [r for r in assessment.history if r.status in ("official", "computed")]
    estimated = [r for r in assessment.history if r.status == "estimated"]
    quoted = [r for r in assessment.history if r.status == "published"]
    if estimated:
        fig.add_trace(series(estimated, "Estimated", COUNTY_COLOUR, "dot", "circle",
                              hollow=True))
    if quoted:
        fig.add_trace(go.Scatter(
            x=[chart_date(r.period) for r in quoted if r.date],
            y=[r.value for r in quoted if r.date],
            name="Quoted in strategy", mode="markers",
            marker={"symbol": "square-open", "size": 9, "color": TEXT_COLOUR},
            customdata=[[period_label(r.period)] for r in quoted if r.date],
            hovertemplate="%{y} (%{customdata[0]})<extra>Quoted in strategy</extra>"))
    if assessment.comparator_history:
        fig.add_trace(series(assessment.comparator_history, "England", ENGLAND_COLOUR, "dash",
                              "diamond"))
    area_name = measured[0].area_name if measured else "County"
    fig.add_trace(series(measured, area_name, COUNTY_COLOUR, "solid", "circle"))
    low, high = _fit_y_range(fig)
    if t.discontinued_from:
        # A legend entry rather than a label, so it never sits on the data.
        stopped = date.fromisoformat(t.discontinued_from)
        fig.add_trace(go.Scatter(
            x=[stopped, stopped], y=[low, high], mode="lines", hoverinfo="skip",
            name=f"Measure changed ({stopped:%b %Y})",
            line={"color": TRAJECTORY_COLOUR, "dash": "dot", "width": 1.5}))
    _label_latest(fig, assessment, low, high)
    return fig

def _label_latest(fig: go.Figure, assessment: TargetAssessment, low: float,
                  high: float) -> None:
    """Label the latest figure above its point, or below it when the line falls into it and
    there is room (so the label keeps off the line and the axis)."""
    current = assessment.latest
    if current is None or current.date is None or current.value is None:
        return
    earlier = [r.value for r in assessment.history
               if r.value is not None and r.date is not None and r.date < current.date]
    falling = (bool(earlier) and earlier[-1] > current.value
               and current.value - low >= 0.4 * (high - low))
    fig.add_annotation(x=chart_date(current.period), y=current.value,
                       text=f"<b>{format_reading(current)}</b><br>{period_label(current.period)}",
                       showarrow=True, arrowhead=0, ax=-14, ay=34 if falling else -34,
                       xanchor="right", align="right", font={"size": 12, "color": TEXT_COLOUR})

def _fit_y_range(fig: go.Figure) -> tuple[float, float]:
    """Give the y axis headroom for the labels; keep zero in view for counts and percentages.
    Returns the range."""
    values = [v for trace in fig.data for v in (trace.y or ()) if v is not None]
    low, high = (min(values), max(values)) if values else (0.0, 1.0)
    if low >= 0:
        span = (0.0, high * 1.3 if high > 0 else 1.0)
    else:
        pad = max((high - low) * 0.3, 0.1)
        span = (low - pad, high + pad)
    fig.update_yaxes(range=list(span), rangemode="normal" if low < 0 else "tozero")
    return span

TARGET_CHART = "overview-target"  # figure ids "overview-target--1" ... one per target

def _data_row(series: str, reading: Reading, source: str) -> dict[str, Any]:
    return {"Series": series, "Area": reading.area_name, "Population": reading.population,
            "value": reading.value, "suppression": reading.suppression or "",
            "unit": reading.unit, "period": reading.period, "source": source,
            "status": reading.status}

def target_chart_data(assessment: TargetAssessment, area_name: str,
                      sources: Mapping[str, Mapping[str, Any]], citation: str) -> pd.DataFrame:
    """Every point target_figure plots: baseline and target, the area's figures (measured,
    estimated, quoted in the strategy) and England's, with unit, period, source and status."""
    t = assessment.target
    rows = [{"Series": "Trajectory to target", "Area": area_name, "Population": t.population,
             "value": goal, "suppression": "", "unit": t.unit, "period": period,
             "source": citation, "status": "published"}
            for goal, period in ((t.baseline, t.baseline_period), (t.target, t.target_period))
            if goal is not None and t.baseline is not None and t.target is not None]
    series = {"estimated": "Estimated", "published": "Quoted in strategy"}
    for r in assessment.history:
        if r.date is not None and r.status in ("official", "computed", "estimated", "published"):
            source = citation if r.status == "published" else source_title(r.source_id, sources)
            rows.append(_data_row(series.get(r.status, r.area_name), r, source))
    rows += [_data_row(r.area_name, r, source_title(r.source_id, sources))
             for r in assessment.comparator_history if r.date is not None]
    return pd.DataFrame(rows, columns=CHART_COLUMNS).astype(
        {"value": "float64", "period": "str"})

def target_headline(assessment: TargetAssessment, area_name: str) -> str:
    """One line for a press release, e.g. "Staffordshire 86.5% of pupils in good or outstanding
    schools (June 2026) against a 90% target for 2016: measure discontinued"."""
    t, current = assessment.target, assessment.latest
    status = STATUS_WORDS.get(assessment.status, assessment.status).lower()
    if current is None or current.value is None:
        return f"{area_name}: no recent figure for {t.statement.lower()} ({status})"
    info = measure_info(t.measure_id)
    figure = (f"{format_reading(current)} {info.short}" if current.unit in ("percent", "count")
              else f"{info.short} {format_reading(current)}")
    when = period_label(current.period)
    if t.direction == "vs_england":
        england = assessment.comparator
        versus = f" vs {format_reading(england)} for England" if england else ""
        return f"{area_name} {figure}{versus}, {when}: {status}"
    _, goal = target_label(assessment)
    return f"{area_name} {figure} ({when}) against a target of {goal}: {status}"

def target_chart(assessment: TargetAssessment, area_name: str,
                 sources: Mapping[str, Mapping[str, Any]], citation: str) -> Chart:
    """The target's trajectory chart as a published Chart (figure id "overview-target--<n>")."""
    found = assessment.history + assessment.comparator_history
    names = source_names(found, sources, with_dates=False)
    t = assessment.target
    plots_goals = t.baseline is not None and t.target is not None
    if citation and (plots_goals or any(r.status == "published" for r in found)):
        names.append(citation)
    return Chart(
        figure_id=f"{TARGET_CHART}--{t.number}",
        title=target_title(assessment), summary=target_summary(assessment),
        figure=target_figure(assessment),
        data=target_chart_data(assessment, area_name, sources, citation),
        source="Source: " + "; ".join(n for n in names if n),
        as_at=as_at_text(found, sources),
        headline=target_headline(assessment, area_name),
        notes=(t.discontinued_note,) if t.discontinued_note else (),
    )


@memoize
def target_charts(store: Store, day: str) -> tuple[Chart, ...]:
    """Each target's trajectory chart for a build and day, made once across workers."""
    area = load_area()
    sources = store.sources_by_id()
    assessments = overview(store, area.current_neighbours, day).assessments
    return tuple(target_chart(a, area.name, sources, area.published_citation)
                 for a in assessments)


def target_trajectory(store: Store, params: Params, item: str | None) -> Chart:
    """The trajectory chart of target `item` (its number), as the Overview shows it today."""
    for chart in target_charts(store, date.today().isoformat()):
        if chart.figure_id == figure_id(TARGET_CHART, item):
            return chart
    raise KeyError(item)


BUILDERS = {TARGET_CHART: target_trajectory}
