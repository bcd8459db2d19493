"""Plotly figures, and the words and number formats that go with them (no Dash here).

Colours are from the Okabe-Ito colour-blind-safe palette, picked for at least 3:1 contrast
against white; series are also told apart by dash pattern and marker shape, never colour alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart
from dashboard.targets import (
    DISCONTINUED,
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
    Reading,
    TargetAssessment,
    looks_like_academic_year,
    period_end,
)

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


@dataclass(frozen=True)
class MeasureInfo:
    label: str  # sentence case, says what is counted
    short: str  # a few words, for chart titles
    higher_is_better: bool | None  # None: context figure with no better direction


MEASURES: dict[str, MeasureInfo] = {
    "pct_pupils_good_or_outstanding": MeasureInfo(
        "Pupils in good or outstanding schools (latest graded inspection)",
        "of pupils in good or outstanding schools", True),
    "pct_schools_good_or_outstanding": MeasureInfo(
        "Schools judged good or outstanding (latest graded inspection)",
        "of schools good or outstanding", True),
    "pct_schools_inadequate": MeasureInfo(
        "Schools judged inadequate (latest graded inspection)", "of schools inadequate", False),
    "n_schools_below_ks2_floor": MeasureInfo(
        "Schools below the key stage 2 floor standard (2016-2019 definition)",
        "schools below the KS2 floor standard", False),
    "ks4_progress8": MeasureInfo("Progress 8 score (key stage 4)", "Progress 8", True),
    "ks4_attainment8": MeasureInfo("Attainment 8 score (key stage 4)", "Attainment 8", True),
    "ks4_english_maths_grade5_pct": MeasureInfo(
        "Pupils with grade 5 or above in English and maths GCSEs",
        "grade 5+ in English and maths", True),
    "ks2_rwm_expected_pct": MeasureInfo(
        "Pupils meeting the expected standard in reading, writing and maths (key stage 2)",
        "meeting the KS2 expected standard", True),
    "ks2_reading_progress": MeasureInfo("Key stage 2 reading progress score", "KS2 reading "
                                        "progress", True),
    "ks2_writing_progress": MeasureInfo("Key stage 2 writing progress score", "KS2 writing "
                                        "progress", True),
    "ks2_maths_progress": MeasureInfo("Key stage 2 maths progress score", "KS2 maths progress",
                                      True),
    "pct_persistent_absence": MeasureInfo(
        "Pupils persistently absent (10% or more of sessions missed)",
        "persistently absent", False),
    "neet_or_not_known_pct": MeasureInfo(
        "16 and 17 year olds not in education, employment or training, or activity not known",
        "NEET or not known", False),
    "eyfs_gld_pct": MeasureInfo("Children reaching a good level of development at age 5",
                                "good level of development", True),
    "pct_schools_no_overall_grade": MeasureInfo(
        "Schools whose latest inspection carries no overall grade (since September 2024)",
        "of schools with no overall grade", None),
    "n_schools_with_report_card": MeasureInfo(
        "Schools inspected under the report-card framework (since November 2025)",
        "schools with a report card", None),
    "pct_report_card_grades_expected_or_above": MeasureInfo(
        "Report-card evaluation grades at 'expected standard' or above",
        "of report-card grades expected or above", True),
    "pct_report_card_schools_any_needs_attention": MeasureInfo(
        "Report-card schools with any area graded 'needs attention' or below",
        "of report-card schools with an area needing attention", False),
    "ks2_rwm_higher_pct": MeasureInfo(
        "Pupils reaching the higher standard in reading, writing and maths (key stage 2)",
        "reaching the KS2 higher standard", True),
    "ks4_ebacc_entry_pct": MeasureInfo("Pupils entered for the English Baccalaureate (key stage 4)",
                                       "entered for the EBacc", True),
    "ks4_english_maths_grade4_pct": MeasureInfo(
        "Pupils with grade 4 or above in English and maths GCSEs",
        "grade 4+ in English and maths", True),
    "ks4_sustained_destination_pct": MeasureInfo(
        "Pupils in sustained education, employment or training after key stage 4",
        "in a sustained destination after KS4", True),
    "ks4_destination_not_sustained_pct": MeasureInfo(
        "Pupils whose destination after key stage 4 was not sustained",
        "with a destination not sustained after KS4", False),
    "ks4_5ac_english_maths_pct": MeasureInfo(
        "Pupils with 5 or more GCSEs at A*-C including English and maths (before 2016)",
        "5+ A*-C GCSEs including English and maths", True),
    "level2_at_19_pct": MeasureInfo("Young people qualified to level 2 by age 19",
                                    "qualified to level 2 by 19", True),
    "level2_english_maths_at_19_pct": MeasureInfo(
        "Young people qualified to level 2 including English and maths by age 19",
        "level 2 with English and maths by 19", True),
    "level3_at_19_pct": MeasureInfo("Young people qualified to level 3 by age 19",
                                    "qualified to level 3 by 19", True),
    "neet_pct": MeasureInfo("16 and 17 year olds not in education, employment or training",
                            "NEET", False),
    "not_known_pct": MeasureInfo("16 and 17 year olds whose activity is not known",
                                 "activity not known", False),
    "participation_pct": MeasureInfo("16 and 17 year olds in education or training",
                                     "in education or training at 16-17", True),
    "pct_overall_absence": MeasureInfo("Sessions missed through absence (overall absence rate)",
                                       "overall absence", False),
    "suspension_rate": MeasureInfo("Suspensions (per 100 pupils)", "suspension rate", False),
    "permanent_exclusion_rate": MeasureInfo("Permanent exclusions (per 100 pupils)",
                                            "permanent exclusion rate", False),
    "pct_pupils_one_or_more_suspensions": MeasureInfo(
        "Pupils with one or more suspensions", "of pupils with a suspension", False),
    "pct_places_good_or_outstanding": MeasureInfo(
        "School places in good or outstanding schools", "of places in good or outstanding "
        "schools", True),
    "pct_schools_outstanding": MeasureInfo("Schools judged outstanding (latest graded inspection)",
                                           "of schools outstanding", True),
    "pct_schools_requires_improvement": MeasureInfo(
        "Schools judged requires improvement (latest graded inspection)",
        "of schools requiring improvement", False),
    "pct_pupils_sen_any": MeasureInfo("Pupils with special educational needs (mainstream)",
                                      "of pupils with SEN", None),
    "pct_pupils_sen_ehcp": MeasureInfo("Pupils with an education, health and care plan",
                                       "of pupils with an EHC plan", None),
    "pct_pupils_sen_support": MeasureInfo("Pupils receiving SEN support",
                                          "of pupils on SEN support", None),
}


def measure_info(measure_id: str) -> MeasureInfo:
    fallback = measure_id.replace("_", " ")
    return MEASURES.get(measure_id, MeasureInfo(fallback.capitalize(), fallback, None))


# ---------------------------------------------------------------------------------------------
# Numbers and periods in words


def decimals(unit: str, measure_id: str = "") -> int:
    """Decimal places a measure is shown with (as DfE publishes it)."""
    if unit in ("count", "pupils"):
        return 0
    if unit == "score":
        return 2 if "progress" in measure_id else 1
    if unit == "rate":
        return 2
    return 1


def format_number(value: float, unit: str, measure_id: str = "") -> str:
    places = decimals(unit, measure_id)
    text = f"{value:,.{places}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0.0"
    return f"{text}%" if unit == "percent" else text


def format_goal(value: float, unit: str, measure_id: str = "") -> str:
    """A baseline or target from the area file: whole numbers without decimals ("90%")."""
    if float(value).is_integer():
        return f"{int(value):,}%" if unit == "percent" else f"{int(value):,}"
    return format_number(value, unit, measure_id)


def format_reading(reading: Reading | None) -> str:
    """The value as shown on screen; a missing value shows its code, e.g. "[c]" (never 0)."""
    if reading is None:
        return "no data"
    if reading.value is None:
        return f"[{reading.suppression}]"
    return format_number(reading.value, reading.unit, reading.measure_id)


def format_difference(difference: float, unit: str, measure_id: str = "") -> str:
    """The size of a gap: percentages in percentage points, other units as they are."""
    if unit == "percent":
        return f"{abs(difference):.1f} percentage points"
    return format_number(abs(difference), unit, measure_id)


_ISO_DAY_OR_MONTH = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


def _date_in_words(match: re.Match[str]) -> str:
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not 1 <= month <= 12:
        return match[0]
    month_year = date(year, month, 1).strftime("%B %Y")
    return f"{int(day)} {month_year}" if day else month_year


def period_label(period: str) -> str:
    """A period in words: ISO dates and months become "31 August 2023" and "June 2026", also
    inside ranges ("2019-08-31 to 2023-08-31"); academic years and other wording stay as they
    are ("2023-24" is an academic year, not a month)."""
    text = str(period)
    if looks_like_academic_year(text):
        return text
    return _ISO_DAY_OR_MONTH.sub(_date_in_words, text)


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


# ---------------------------------------------------------------------------------------------
# Findings: chart titles and one-sentence summaries


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


def at_or_in(period: str) -> str:
    """"at 31 August 2023" for a day, "in June 2026" or "in 2023/24" otherwise."""
    return "at" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period) else "in"


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


def _lower_first(text: str) -> str:
    """"At national average" -> "at national average", to sit mid-sentence."""
    return text[:1].lower() + text[1:]


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


def source_names(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]], *,
                 with_dates: bool = True) -> list[str]:
    """"<title> (<publisher>)[, data as at <date>]" for each source of `found`, once each
    (figures quoted in the strategy are left to the caller's citation)."""
    names = []
    for source_id in dict.fromkeys(r.source_id for r in found if r.status != "published"):
        meta = sources.get(source_id)
        if not meta:
            names.append(source_id)
            continue
        name = f"{meta.get('title', source_id)} ({meta.get('publisher', 'unknown')})"
        if with_dates:
            name += f", data as at {period_label(str(meta.get('data_date', 'unknown')))}"
        names.append(name)
    return names


STATUS_WORDS = {MET: "Met", ON_TRACK: "On track", OFF_TRACK: "Off track",
                DISCONTINUED: "Measure discontinued", NO_DATA: "No data"}


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


# ---------------------------------------------------------------------------------------------
# Target charts as published Charts (page, "Show the data" table and downloads)

TARGET_CHART = "overview-target"  # figure ids "overview-target--1" ... one per target
CHART_COLUMNS = ["Series", "Area", "Population", "value", "suppression", "unit", "period",
                 "source", "status"]


def source_title(source_id: str, sources: Mapping[str, Mapping[str, Any]]) -> str:
    meta = sources.get(source_id)
    return f"{meta.get('title', source_id)} ({meta.get('publisher', 'unknown')})" if meta else (
        source_id)


def as_at_text(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The date of the data of each source of `found` ("June 2026"), naming the source when
    there are several."""
    ids = list(dict.fromkeys(r.source_id for r in found if r.status != "published"))
    dated = [(sources.get(i, {}).get("title", i),
              period_label(str(sources.get(i, {}).get("data_date", "unknown")))) for i in ids]
    if not dated:
        return "as quoted in the strategy"
    if len({date_text for _, date_text in dated}) == 1:
        return dated[0][1]
    return "; ".join(f"{date_text} ({title})" for title, date_text in dated)


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
