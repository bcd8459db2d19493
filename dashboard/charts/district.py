"""A district profile's published charts: the district against the others (ranking), its
trend, and the two pupil-group gaps the school-level results allow for districts (boys and
girls, disadvantaged pupils), as shown and downloaded.

Chart figure ids carry the district's ONS code ("district-ranking--E07000199"); any other
name of the district is not a chart.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.areas import (
    DISADVANTAGED_MEASURE,
    GENDER_MEASURE,
    GENDER_PAIR,
    comparators,
    district_rows,
    district_values,
)
from dashboard.analysis.district import TREND, chosen_trend, settings
from dashboard.analysis.district_measures import (
    MEASURE,
    PERIOD,
    POPULATION,
    MeasureChoice,
    choices,
    chosen_measure,
    population_words,
)
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.areas import district_frame
from dashboard.charts.registry import figure_id
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    GRID_COLOUR,
    TEXT_COLOUR,
    TRAJECTORY_COLOUR,
    base_layout,
    empty_chart,
    group_bars_figure,
    series,
)
from dashboard.config import Area, District, load_area
from dashboard.settings import Choices, Params, read_settings
from dashboard.store import Store
from dashboard.store.readings import Reading, readings
from dashboard.vocabulary import measure_info, measure_short
from dashboard.wording import (
    at_or_in,
    format_reading,
    format_value,
    lower_first,
    ordinal,
    period_label,
    provenance,
)

RANKING, TREND_CHART = "district-ranking", "district-trend"
GENDER, DISADVANTAGED = "district-gender", "district-disadvantaged"


def chart_district(code: str | None) -> District:
    """The district a chart is about, by its ONS code; KeyError (no such chart) otherwise."""
    district = load_area().district(code or "")
    if district is None or district.code != code:
        raise KeyError(code)
    return district


def dated(period: str) -> str:
    """"at 31 August 2023" for a day; "in June 2026", "in 2022/23" otherwise."""
    return f"{at_or_in(period)} {period_label(period)}"


def reading_frame(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]],
                  label_column: str = "Area") -> pd.DataFrame:
    """Readings as chart data: label, value, suppression code and the provenance columns."""
    return pd.DataFrame.from_records([{
        label_column: r.area_name, "Population": population_words(r.measure_id, r.population),
        "value": r.value, "suppression": r.suppression or "", "unit": r.unit,
        "period": r.period, "source": provenance(sources, [r.source_id])[0],
        "status": r.status} for r in found],
        columns=[label_column, "Population", "value", "suppression", "unit", "period",
                 "source", "status"])


def with_groups(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]]) -> pd.DataFrame:
    """reading_frame with each reading's pupil group beside its area."""
    data = reading_frame(found, sources)
    data.insert(1, "Pupil group", [r.pupil_group for r in found])
    return data


def ranking_figure(values: pd.DataFrame, code: str | None, choice: MeasureChoice,
                   county: Reading | None, england: Reading | None) -> go.Figure:
    """Every district's value as a horizontal bar (best at the top), the chosen district
    marked by colour and a heavier outline, the county and England as reference lines."""
    better = measure_info(choice.measure_id).higher_is_better
    ordered = values.sort_values("value", ascending=better is False, na_position="last")
    ordered = ordered.iloc[::-1]  # plotly draws the first bar at the bottom
    mine = ordered["code"] == code
    labels = [f"<b>{n}</b>" if m else n for n, m in zip(ordered["name"], mine, strict=True)]
    texts = [format_value(v, choice.unit, choice.measure_id, s)
             for v, s in zip(ordered["value"], ordered["suppression"], strict=True)]
    fig = go.Figure(layout=base_layout(60 + 34 * len(ordered)))
    fig.add_trace(go.Bar(
        y=labels, x=[None if pd.isna(v) else v for v in ordered["value"]],
        orientation="h", text=texts, textposition="outside", cliponaxis=False,
        marker={"color": [COUNTY_COLOUR if m else "#B1B4B6" for m in mine],
                "line": {"color": [TEXT_COLOUR if m else "#B1B4B6" for m in mine],
                         "width": [2 if m else 0 for m in mine]}},
        name="Districts", hovertemplate="%{y}: %{text}<extra></extra>"))
    for reading, colour, dash in ((county, TRAJECTORY_COLOUR, "dash"),
                                  (england, ENGLAND_COLOUR, "dot")):
        if reading is None or reading.value is None:
            continue
        shown = format_value(reading.value, reading.unit, reading.measure_id)
        fig.add_trace(go.Scatter(
            x=[reading.value, reading.value], y=[labels[0], labels[-1]], mode="lines",
            line={"color": colour, "dash": dash, "width": 2},
            name=f"{reading.area_name} {shown}", hoverinfo="skip"))
    fig.update_layout(xaxis={"type": "linear", "tickformat": None, "showgrid": True,
                             "gridcolor": GRID_COLOUR, "rangemode": "tozero",
                             "ticksuffix": "%" if choice.unit == "percent" else ""},
                      yaxis={"gridcolor": "white", "automargin": True, "rangemode": "normal"},
                      margin={"l": 8, "r": 48, "t": 12, "b": 8}, bargap=0.3)
    return fig


def trend_figure(district: Sequence[Reading], county: Sequence[Reading],
                 england: Sequence[Reading], district_name: str) -> go.Figure:
    """A district's figures over time against the county's and England's; estimates hollow."""
    fig = go.Figure(layout=base_layout(320))
    if england:
        fig.add_trace(series(england, "England", ENGLAND_COLOUR, "dot", "diamond"))
    if county:
        fig.add_trace(series(county, county[0].area_name, TRAJECTORY_COLOUR, "dash", "square"))
    measured = [r for r in district if r.status != "estimated"]
    estimated = [r for r in district if r.status == "estimated"]
    if estimated:
        fig.add_trace(series(estimated, f"{district_name} (estimate)", COUNTY_COLOUR, "dot",
                              "circle", hollow=True))
    if measured:
        fig.add_trace(series(measured, district_name, COUNTY_COLOUR, "solid", "circle"))
    values = [r.value for r in (*district, *county, *england) if r.value is not None]
    if values and min(values) < 0:
        fig.update_yaxes(rangemode="normal")
    return fig




@memoize
def ranking_chart(store: Store, code: str, measure: str, population: str,
                  period: str) -> Chart:
    """Every district's value for a measure, this district marked, with the county and
    England as reference lines."""
    district, area = chart_district(code), load_area()
    choice = chosen_measure(choices(store), {MEASURE: measure, POPULATION: population})
    values = district_values(store.measures, area, measure, population, period)
    county, england = comparators(store.measures, area, measure, population, period)
    mine = values[values["code"] == district.code].iloc[0]
    shown = format_value(mine["value"], choice.unit, measure, mine["suppression"])
    ranked = int(values["value"].notna().sum())
    when = period_label(period)
    if pd.isna(mine["rank"]):
        title = f"{district.name} has no figure for {measure_short(measure)} in {when}"
    else:
        title = (f"{district.name} was {ordinal(int(mine['rank']))} of {ranked} districts for "
                 f"{lower_first(choice.label)} in {when} ({shown})")
    references = [r for r in (county, england) if r is not None]
    comparison = "; ".join(f"{r.area_name} {format_reading(r)}"
                           for r in references) or "no county or England figure"
    sources = store.sources_by_id()
    data = pd.concat([
        district_frame(values, choice.unit, period, sources, "Area"),
        reading_frame(references, sources).drop(columns="Population"),
    ], ignore_index=True)
    source, as_at = provenance(sources, [*values["source_id"],
                                         *[r.source_id for r in references]])
    return Chart(figure_id=figure_id(RANKING, district.code), title=title,
                 summary=(f"Bar chart of the {len(values)} districts' figures, best first: "
                          f"{district.name} {shown}; {comparison}."),
                 figure=ranking_figure(values, district.code, choice, county, england),
                 data=data, source=source, as_at=as_at)


def _trend_chart(store: Store, area: Area, district: District, choice: MeasureChoice) -> Chart:
    found = readings(district_rows(store.measures), choice.measure_id, district.code,
                     choice.population)
    county = readings(store.measures, choice.measure_id, area.ons_code, choice.population,
                      statuses=("official", "computed", "estimated"))
    england = readings(store.measures, choice.measure_id, area.england_code,
                       choice.population, statuses=("official", "computed"))
    with_values = [r for r in found if r.value is not None and r.date is not None]
    first, last = with_values[0], with_values[-1]
    if first.value == last.value:
        movement = "was the same"
    else:
        movement = "rose" if last.value > first.value else "fell"
    estimates = any(r.status == "estimated" for r in with_values)
    title = (f"{choice.label} in {district.name} {movement} from {format_reading(first)} "
             f"{dated(first.period)} to {format_reading(last)} {dated(last.period)}"
             + (" (some figures estimated)" if estimates else ""))
    everything = [*found, *county, *england]
    sources = store.sources_by_id()
    source, as_at = provenance(sources, [r.source_id for r in everything])
    return Chart(
        figure_id=figure_id(TREND_CHART, district.code), title=title,
        summary=(f"Line chart of {lower_first(choice.label)} in "
                 f"{district.name} ({len(with_values)} years with a figure), with "
                 f"{area.name} and {area.england_name} where they have figures; estimates "
                 "are drawn with hollow markers."),
        figure=trend_figure(found, county, england, district.name),
        data=reading_frame(everything, sources), source=source, as_at=as_at)


@memoize
def trend_chart(store: Store, code: str, trend: str) -> Chart:
    """The district's figures over time for the trend measure, with the county's and
    England's; says so when the district has no measure with a trend."""
    district = chart_district(code)
    choice = chosen_trend(store, district.code, {TREND: trend})
    if choice is None:
        return empty_chart(figure_id(TREND_CHART, district.code),
                           f"No trend figures for {district.name}",
                           "No measure has two or more years of figures for this district.")
    return _trend_chart(store, load_area(), district, choice)


def _group_readings(store: Store, area: Area, code: str, measure_id: str,
                    group: str) -> list[Reading]:
    rows = district_rows(store.measures, group) if code != area.ons_code else store.measures
    return readings(rows, measure_id, code, pupil_group=group)


@memoize
def gender_chart(store: Store, code: str) -> Chart:
    """Boys' and girls' key stage 4 results in the district and the county, in the years the
    school-level results give them."""
    district, area = chart_district(code), load_area()
    name = figure_id(GENDER, district.code)
    pair = GENDER_PAIR
    mine = {g: _group_readings(store, area, district.code, GENDER_MEASURE, g)
            for g in (pair.group, pair.comparison)}
    periods = [r.period for r in mine[pair.group]]
    if not periods:
        return empty_chart(name, f"No figures for boys and girls in {district.name}",
                           "The school-level results give no gender breakdown here.")
    county = {g: [r for r in _group_readings(store, area, area.ons_code, GENDER_MEASURE, g)
                  if r.period in periods] for g in (pair.group, pair.comparison)}
    bars = []
    for place, found, colour in ((district.name, mine, COUNTY_COLOUR),
                                 (area.name, county, TRAJECTORY_COLOUR)):
        # Girls solid, boys striped.
        for group, pattern in ((pair.comparison, ""), (pair.group, "/")):
            by_period = {r.period: r.value for r in found[group]}
            label = pair.comparison_label if group == pair.comparison else pair.label
            bars.append((f"{place}: {lower_first(label)}", [by_period.get(p) for p in periods],
                         colour, pattern))
    unit = mine[pair.group][0].unit
    last = periods[-1]
    boys = next(r for r in mine[pair.group] if r.period == last)
    girls = next((r for r in mine[pair.comparison] if r.period == last), None)
    label = measure_short(GENDER_MEASURE)
    if girls is None or boys.value is None or girls.value is None:
        title = f"{label} of boys and girls in {district.name}, {periods[0]} to {last}"
    else:
        gap = girls.value - boys.value
        size = format_value(abs(gap), unit, GENDER_MEASURE)
        title = (f"In {district.name}, boys' {label} was {size} "
                 f"{'below' if gap > 0 else 'above'} girls' in {last}")
    everything = [r for found in (mine, county) for group in found.values() for r in group]
    sources = store.sources_by_id()
    source, as_at = provenance(sources, [r.source_id for r in everything])
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of {label} for girls (solid) and boys (striped) in "
                 f"{district.name} and {area.name}, {periods[0]} to {last}: the only years "
                 "school results give by gender."),
        figure=group_bars_figure(periods, bars, unit, GENDER_MEASURE),
        data=with_groups(everything, sources), source=source, as_at=as_at)


@memoize
def disadvantaged_chart(store: Store, code: str) -> Chart:
    """Disadvantaged pupils' Progress 8 against all pupils', for the district, the county and
    England, in the year the school-level results give it."""
    district, area = chart_district(code), load_area()
    name = figure_id(DISADVANTAGED, district.code)
    found = _group_readings(store, area, district.code, DISADVANTAGED_MEASURE, "disadvantaged")
    if not found:
        return empty_chart(name, f"No figures for disadvantaged pupils in {district.name}",
                           "The school-level results give no disadvantaged breakdown here.")
    period = found[-1].period
    rows: list[tuple[str, list[Reading | None]]] = []
    for place, place_code, statuses in ((district.name, district.code, None),
                                        (area.name, area.ons_code, ("official", "computed")),
                                        (area.england_name, area.england_code,
                                         ("official", "computed"))):
        pair = []
        for group in ("disadvantaged", "all"):
            source_rows = (district_rows(store.measures, group) if place_code == district.code
                           else store.measures)
            picked = readings(source_rows, DISADVANTAGED_MEASURE, place_code, pupil_group=group,
                              **({"statuses": statuses} if statuses else {}))
            pair.append(next((r for r in picked if r.period == period), None))
        rows.append((place, pair))
    categories = ["Disadvantaged pupils", "All pupils"]
    colours = (COUNTY_COLOUR, TRAJECTORY_COLOUR, ENGLAND_COLOUR)
    patterns = ("", "/", ".")
    bars = [(place, [r.value if r else None for r in pair], colour, pattern)
            for (place, pair), colour, pattern in zip(rows, colours, patterns, strict=True)]
    disadvantaged, everyone = rows[0][1]
    unit = found[-1].unit
    shown = format_reading(disadvantaged)
    estimate = " (estimate)" if disadvantaged.status == "estimated" else ""
    title = (f"Disadvantaged pupils in {district.name} had a Progress 8 score of {shown} in "
             f"{period_label(period)}{estimate}")
    if everyone is not None and everyone.value is not None and disadvantaged.value is not None:
        title += (f", against {format_value(everyone.value, unit, DISADVANTAGED_MEASURE)} for "
                  "all its pupils")
    everything = [r for _, pair in rows for r in pair if r is not None]
    sources = store.sources_by_id()
    source, as_at = provenance(sources, [r.source_id for r in everything])
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of Progress 8 in {period_label(period)} for disadvantaged pupils "
                 f"and all pupils in {district.name}, {area.name} and {area.england_name}."),
        figure=group_bars_figure(categories, bars, unit, DISADVANTAGED_MEASURE),
        data=with_groups(everything, sources), source=source, as_at=as_at)


def ranking_for(store: Store, code: str, chosen: Choices) -> Chart:
    """ranking_chart for settings read with dashboard.analysis.district.settings."""
    return ranking_chart(store, code, chosen[MEASURE], chosen[POPULATION], chosen[PERIOD])


def gap_charts(store: Store, code: str) -> tuple[Chart, ...]:
    return gender_chart(store, code), disadvantaged_chart(store, code)


def _chosen(store: Store, params: Params, item: str | None) -> tuple[str, Choices]:
    """The district's code and its page's settings in a download's `params`."""
    code = chart_district(item).code
    return code, read_settings(params, settings(store, code))[0]


def ranking_builder(store: Store, params: Params, item: str | None) -> Chart:
    return ranking_for(store, *_chosen(store, params, item))


def trend_builder(store: Store, params: Params, item: str | None) -> Chart:
    code, chosen = _chosen(store, params, item)
    return trend_chart(store, code, chosen[TREND])


def gender_builder(store: Store, params: Params, item: str | None) -> Chart:
    return gender_chart(store, chart_district(item).code)


def disadvantaged_builder(store: Store, params: Params, item: str | None) -> Chart:
    return disadvantaged_chart(store, chart_district(item).code)


BUILDERS = {RANKING: ranking_builder, TREND_CHART: trend_builder, GENDER: gender_builder,
            DISADVANTAGED: disadvantaged_builder}
