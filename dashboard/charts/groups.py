"""Pupil groups' published charts, as shown and downloaded: a group against its comparison
group over time and the gap between them, for the page's settings; the district breakdowns are
in dashboard.charts.groups_districts.

A line never bridges a year with no figure, and the county's missing years are labelled with
their code ("[x]") at the foot of the chart, so a gap in a line reads as "not published".
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.groups import (
    COUNTY,
    ENGLAND,
    GROUP,
    MEASURE,
    NEIGHBOUR_MEAN,
    NEIGHBOURS,
    gaps,
    rows_for,
    series,
    settings,
)
from dashboard.analysis.targets import neighbour_codes
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.groups_districts import (
    CONTEXT_CHART,
    DISADVANTAGED_CHART,
    GENDER_CHART,
    context_chart,
    disadvantaged_chart,
    gender_chart,
)
from dashboard.charts.registry import ChartBuilder
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    NEIGHBOUR_COLOUR,
    base_layout,
    chart_date,
    empty_chart,
)
from dashboard.config import Area, load_area
from dashboard.settings import Params, read_settings
from dashboard.store import Store
from dashboard.vocabulary import (
    PAIR_BY_KEY,
    SUPPRESSION_LEGEND,
    GroupPair,
    measure_info,
    measure_label,
    measure_short,
)
from dashboard.wording import (
    format_difference,
    format_value,
    lower_first,
    period_label,
    provenance,
)

COMPARE_CHART, GAP_CHART = "groups-compare", "groups-gap"


# ---------------------------------------------------------------------------------------------
# Figures and their data

# (colour, line dash, marker) per kind of area; the comparison group is drawn hollow.
STYLES = {COUNTY: (COUNTY_COLOUR, "solid", "circle"),
          ENGLAND: (ENGLAND_COLOUR, "dash", "diamond"),
          NEIGHBOUR_MEAN: (NEIGHBOUR_COLOUR, "dot", "square")}


def _line(frame: pd.DataFrame, name: str, kind: str, measure_id: str, *, hollow: bool = False,
          difference: bool = False) -> go.Scatter:
    """One line over time; missing values stay as gaps (never bridged, never 0)."""
    colour, dash, symbol = STYLES[kind]
    dated = frame[frame["period"].map(lambda p: chart_date(p) is not None)]
    texts = []
    for value, code, unit in zip(dated["value"], dated["suppression"], dated["unit"],
                                 strict=True):
        if pd.isna(value):
            texts.append(f"[{code or 'x'}]")
        elif difference:
            texts.append(("+" if value > 0 else "-" if value < 0 else "")
                         + gap_words(value, unit, measure_id))
        else:
            texts.append(format_value(value, unit, measure_id))
    present = int(dated["value"].notna().sum())
    return go.Scatter(
        x=[chart_date(p) for p in dated["period"]],
        y=[None if pd.isna(v) else float(v) for v in dated["value"]],
        name=name, mode="lines+markers" if present > 1 else "markers",
        line={"color": colour, "dash": dash, "width": 2.5},
        marker={"symbol": symbol, "size": 8, "color": "white" if hollow else colour,
                "line": {"color": colour, "width": 2}},
        customdata=[[period_label(p), t] for p, t in zip(dated["period"], texts, strict=True)],
        hovertemplate="%{customdata[1]} (%{customdata[0]})<extra>" + name + "</extra>")


def series_figure(frame: pd.DataFrame, pair: GroupPair, measure_id: str) -> go.Figure:
    """The group (filled markers) and its comparison group (hollow) over time, for each area."""
    fig = go.Figure(layout=base_layout(360))
    for kind in (ENGLAND, NEIGHBOUR_MEAN, COUNTY):
        for group, hollow in ((pair.comparison, True), (pair.group, False)):
            mine = frame[(frame["kind"] == kind) & (frame["pupil_group"] == group)]
            if mine.empty:
                continue
            name = f"{mine['area'].iloc[0]}: {lower_first(mine['group_label'].iloc[0])}"
            fig.add_trace(_line(mine, name, kind, measure_id, hollow=hollow))
    _signed_axis(fig, frame)
    mark_missing(fig, frame)
    return fig


def gap_figure(frame: pd.DataFrame, measure_id: str) -> go.Figure:
    """The gap over time for each area, with zero (no gap) always in view."""
    fig = go.Figure(layout=base_layout(320))
    for kind in (ENGLAND, NEIGHBOUR_MEAN, COUNTY):
        mine = frame[frame["kind"] == kind]
        if len(mine):
            fig.add_trace(_line(mine, mine["area"].iloc[0], kind, measure_id, difference=True))
    fig.update_yaxes(rangemode="tozero", zeroline=True, zerolinecolor="#505A5F",
                     zerolinewidth=1.5)
    if len(frame) and frame["unit"].iloc[0] == "percent":
        fig.update_yaxes(title={"text": "Percentage points"})
    mark_missing(fig, frame)
    return fig


def mark_missing(fig: go.Figure, frame: pd.DataFrame) -> None:
    """Write the code of each year the county has no figure ("[x]") at the foot of the chart,
    so a gap in the line reads as "not published", never as zero."""
    county = frame[(frame["kind"] == COUNTY) & frame["value"].isna()]
    for period, code in dict(zip(county["period"], county["suppression"], strict=True)).items():
        when = chart_date(period)
        if when is None:
            continue
        fig.add_annotation(x=when, y=0, yref="paper", yanchor="bottom", showarrow=False,
                           text=f"[{code or 'x'}]", font={"size": 11, "color": "#505A5F"},
                           hovertext=f"{period_label(period)}: "
                                     f"{SUPPRESSION_LEGEND.get(code or 'x', 'not available')}")


def _signed_axis(fig: go.Figure, frame: pd.DataFrame) -> None:
    values = frame["value"].dropna()
    if len(values) and values.min() < 0:
        fig.update_yaxes(rangemode="normal")
    if len(frame) and frame["unit"].iloc[0] == "percent":
        fig.update_yaxes(ticksuffix="%")


def chart_data(frame: pd.DataFrame, sources: Mapping[str, Mapping[str, Any]],
               label_columns: Mapping[str, str]) -> pd.DataFrame:
    """A series or gap frame as a chart's data: readable label columns, value, suppression
    and the provenance columns, with the neighbours counted where they are averaged."""
    data = pd.DataFrame({label: frame[column] for column, label in label_columns.items()})
    data["value"] = frame["value"].to_numpy()
    data["suppression"] = frame["suppression"].to_numpy()
    data["unit"] = frame["unit"].to_numpy()
    data["period"] = frame["period"].to_numpy()
    data["source"] = [provenance(sources, [s])[0] for s in frame["source_id"]]
    data["status"] = frame["status"].to_numpy()
    data["Neighbours with data"] = [
        "" if pd.isna(n) else int(n) for n in frame["neighbours_with_data"]]
    return data.reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# Findings


def gap_words(gap: float, unit: str, measure_id: str) -> str:
    """The size of a gap: "12.0 percentage points", "0.45 points"."""
    size = format_difference(gap, unit, measure_id)
    return size if unit == "percent" else f"{size} points"


def _behind_or_ahead(gap: float, measure_id: str) -> str:
    """"behind" / "ahead of" where higher is better, else "above" / "below"."""
    if measure_info(measure_id).higher_is_better:
        return "behind" if gap < 0 else "ahead of"
    return "above" if gap > 0 else "below"


def gap_finding(gap_frame: pd.DataFrame, pair: GroupPair, measure_id: str,
                area: Area) -> tuple[str, str]:
    """The gap chart's title (the finding: is the gap closing?) and one-sentence summary."""
    county = gap_frame[(gap_frame["kind"] == COUNTY) & gap_frame["value"].notna()]
    if county.empty:
        return (f"No {area.name} figures for the gap between {pair.short} and others in "
                f"{measure_short(measure_id)}",
                f"The sources publish no {area.name} figures for this gap.")
    first, last = county.iloc[0], county.iloc[-1]
    unit, year = last["unit"], period_label(last["period"])
    size = gap_words(last["value"], unit, measure_id)
    title = (f"{pair.label} in {area.name} were {size} "
             f"{_behind_or_ahead(last['value'], measure_id)} "
             f"{lower_first(pair.comparison_label)} in {year}")
    summary = f"The gap was {size} in {year}"
    if len(county) > 1:
        before = gap_words(first["value"], unit, measure_id)
        since = period_label(first["period"])
        if before == size:
            title += f", the same as in {since}"
        else:
            trend = "narrowed" if abs(last["value"]) < abs(first["value"]) else "widened"
            title += f": the gap has {trend} since {since}"
            summary = f"The gap {trend} from {before} in {since} to {size} in {year}"
    if len(county) > 2:
        ordered = county.assign(size=county["value"].abs()).sort_values("size", kind="stable")
        narrow, wide = ordered.iloc[0], ordered.iloc[-1]
        summary += (f". It was narrowest in {period_label(narrow['period'])} "
                    f"({gap_words(narrow['value'], unit, measure_id)}) and widest in "
                    f"{period_label(wide['period'])} "
                    f"({gap_words(wide['value'], unit, measure_id)})")
    missing = gap_frame[(gap_frame["kind"] == COUNTY) & gap_frame["value"].isna()]
    if len(missing):
        summary += (". No figures for " + " and ".join(period_label(p) for p in
                                                     missing["period"])
                    + f" ([{missing['suppression'].iloc[0] or 'x'}])")
    england = gap_frame[(gap_frame["kind"] == ENGLAND) & (gap_frame["period"] == last["period"])
                        & gap_frame["value"].notna()]
    summary += (f"; in {area.england_name} it was "
                f"{gap_words(england['value'].iloc[0], unit, measure_id)}."
                if len(england) else f"; there is no {area.england_name} figure for {year}.")
    return title, summary


def compare_title(frame: pd.DataFrame, pair: GroupPair, measure_id: str, area: Area) -> str:
    """The finding: both groups' latest county figures."""
    county = frame[(frame["kind"] == COUNTY) & frame["value"].notna()]
    label = measure_label(measure_id)
    if county.empty:
        return f"{label}: no {area.name} figures for {pair.short}"
    year = county["period"].iloc[-1]
    latest = county[county["period"] == year].set_index("pupil_group")["value"]
    unit = county["unit"].iloc[0]
    mine = format_value(latest.get(pair.group), unit, measure_id)
    theirs = format_value(latest.get(pair.comparison), unit, measure_id)
    return (f"{label}: {pair.short} in {area.name} {mine}, "
            f"{lower_first(pair.comparison_label)} {theirs}, {period_label(year)}")


# ---------------------------------------------------------------------------------------------
# The page's charts for its settings


@memoize
def compare_chart(store: Store, group: str, measure_id: str, neighbour_list: str) -> Chart:
    """The group and its comparison group over time: county, England, neighbours."""
    area, pair = load_area(), PAIR_BY_KEY[group]
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    frame = series(rows_for(store, area, neighbour_list), area, codes, measure_id, pair)
    label = measure_label(measure_id)
    periods = list(dict.fromkeys(frame["period"]))
    summary = (f"Line chart of {lower_first(label)} for {pair.short} (filled markers) "
               f"and {lower_first(pair.comparison_label)} (hollow markers) in {area.name}, "
               f"{area.england_name} and the statistical neighbours' average, "
               f"{period_label(periods[0])} to {period_label(periods[-1])}; years with no "
               "figure are gaps.")
    sources = store.sources_by_id()
    source, as_at = provenance(sources, list(frame["source_id"]))
    return Chart(figure_id=COMPARE_CHART, title=compare_title(frame, pair, measure_id, area),
                 summary=summary, figure=series_figure(frame, pair, measure_id),
                 data=chart_data(frame, sources, {"area": "Area", "group_label": "Pupils"}),
                 source=source, as_at=as_at)


@memoize
def gap_chart(store: Store, group: str, measure_id: str, neighbour_list: str) -> Chart:
    """The gap between the group and its comparison group over time."""
    area, pair = load_area(), PAIR_BY_KEY[group]
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    frame = gaps(rows_for(store, area, neighbour_list), area, codes, measure_id, pair)
    title, summary = gap_finding(frame, pair, measure_id, area)
    sources = store.sources_by_id()
    source, as_at = provenance(sources, list(frame["source_id"]))
    data = chart_data(frame, sources, {"area": "Area"})
    data.insert(1, "Gap", f"{pair.label} minus {lower_first(pair.comparison_label)}")
    return Chart(figure_id=GAP_CHART, title=title, summary=summary,
                 figure=gap_figure(frame, measure_id), data=data, source=source, as_at=as_at)


def page_charts(store: Store, chosen: Mapping[str, str]) -> tuple[Chart, ...]:
    """The charts for settings read with dashboard.analysis.groups.settings; one that says so
    when the group has no figures."""
    if not chosen[MEASURE]:
        return (empty_chart(COMPARE_CHART, "No figures for this group",
                            "The sources publish no figures for this group of pupils."),)
    settings_shown = (store, chosen[GROUP], chosen[MEASURE], chosen[NEIGHBOURS])
    return compare_chart(*settings_shown), gap_chart(*settings_shown)


def district_charts(store: Store) -> tuple[Chart, ...]:
    """The district breakdowns the school-level data allows (the same for every setting)."""
    return gender_chart(store), disadvantaged_chart(store), context_chart(store)


# ---------------------------------------------------------------------------------------------
# Builders for the chart registry


def for_settings(make: Callable[[Store, str, str, str], Chart]) -> ChartBuilder:
    """A builder of a chart drawn for the page's settings (and about no item); a group with no
    figures has no such chart."""
    def build(store: Store, params: Params, item: str | None) -> Chart:
        if item is not None:
            raise KeyError(item)
        chosen, _ = read_settings(params, settings(store, load_area()))
        if not chosen[MEASURE]:
            raise LookupError(f"no figures for {chosen[GROUP]}")
        return make(store, chosen[GROUP], chosen[MEASURE], chosen[NEIGHBOURS])

    return build


def for_every_setting(make: Callable[[Store], Chart]) -> ChartBuilder:
    """A builder of a chart the settings do not change (and about no item)."""
    def build(store: Store, params: Params, item: str | None) -> Chart:
        if item is not None:
            raise KeyError(item)
        return make(store)

    return build


BUILDERS = {
    COMPARE_CHART: for_settings(compare_chart),
    GAP_CHART: for_settings(gap_chart),
    GENDER_CHART: for_every_setting(gender_chart),
    DISADVANTAGED_CHART: for_every_setting(disadvantaged_chart),
    CONTEXT_CHART: for_every_setting(context_chart),
}
