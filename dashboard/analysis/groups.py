"""Pupil groups: each group against its comparison group for the county, England and the
statistical neighbours' average over every published year, the gap between them, and the
district breakdowns the school-level data allows. No Dash here.

Every value is a row of the measures table. The neighbours' average is the simple mean of the
neighbours with a figure for the year (as on the Overview); their gap is the mean of each
neighbour's own gap. A missing value keeps its code ("[x]", "[c]") and is never plotted as 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    NEIGHBOUR_COLOUR,
    base_layout,
    chart_date,
)
from dashboard.config import Area
from dashboard.store.readings import STATUS_PREFERENCE, period_end
from dashboard.vocabulary import (
    GROUP_PAIRS,
    SUPPRESSION_LEGEND,
    GroupPair,
    measure_info,
    measure_short,
)
from dashboard.wording import format_difference, format_value, lower_first, period_label, provenance

COUNTY, ENGLAND, NEIGHBOURS = "county", "england", "neighbours"


# The measures the page offers, in this order, where the group has figures.
GROUP_MEASURES: tuple[str, ...] = (
    "ks2_rwm_expected_pct",
    "ks2_reading_progress",
    "ks2_writing_progress",
    "ks2_maths_progress",
    "ks4_attainment8",
    "ks4_progress8",
    "ks4_english_maths_grade5_pct",
    "ks4_english_maths_grade4_pct",
    "pct_overall_absence",
    "eyfs_gld_pct",
)

# Said plainly on the page: what the published data does not break down.
NOT_ALLOWED: tuple[str, ...] = (
    "Key stage 2 reading, writing and maths are published for groups only as the combined "
    "expected standard and the three progress scores, not each subject's expected standard.",
    "No key stage 2 figures for boys and girls or for pupils with English as an additional "
    "language are published by local authority in the sources; key stage 4 has them for "
    "2018/19 only.",
    "Absence by group is published only by special educational needs (overall absence, "
    "2016/17 to 2022/23); not for disadvantaged pupils, free school meals, gender or EAL.",
    "Districts: no school-level results by disadvantage, free school meals, SEN or EAL, and "
    "none at key stage 2 for any group. The only district breakdowns are key stage 4 by "
    "gender (2015/16 to 2017/18), disadvantaged pupils' Progress 8 (2022/23) and the "
    "census percentages of each district's pupils.",
    "Key stage 4 disadvantaged figures for districts come from a compact re-host without cohort "
    "sizes, so they are estimates; the county's official figure is shown beside them.",
)


def best_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per measure, area, group and period: the most authoritative status, as
    dashboard.store.readings.readings keeps; each missing value's code in `suppression`."""
    rows = rows[rows["status"].isin(STATUS_PREFERENCE)]
    rank = rows["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)})
    best = rows.assign(_rank=rank).sort_values("_rank").drop_duplicates(
        ["measure_id", "area_code", "population", "pupil_group", "period"]).drop(
        columns="_rank")
    code = best["note"].fillna("").str.extract(r"^\[([a-z]+)\]", expand=False).fillna("x")
    best["suppression"] = code.where(best["value"].isna(), "")
    return best.sort_values("period", key=lambda p: p.map(_sort_key), kind="stable",
                            ignore_index=True)


def group_rows(measures: pd.DataFrame, area: Area, neighbours: Sequence[str]) -> pd.DataFrame:
    """The measures rows the page can use: group figures (population 'all') for the county,
    England and the neighbours, as `best_rows`. Narrowing once keeps every lookup fast."""
    groups = {g for p in GROUP_PAIRS for g in (p.group, p.comparison)}
    return best_rows(measures[measures["measure_id"].isin(GROUP_MEASURES)
                              & measures["pupil_group"].isin(groups)
                              & (measures["population"] == "all")
                              & measures["area_code"].isin([area.ons_code, area.england_code,
                                                            *neighbours])])


def available_measures(rows: pd.DataFrame, area: Area, pair: GroupPair) -> list[str]:
    """The measures with a county figure for both the group and its comparison."""
    county = rows[rows["area_code"] == area.ons_code]
    found = []
    for measure_id in GROUP_MEASURES:
        mine = county[county["measure_id"] == measure_id]
        if {pair.group, pair.comparison} <= set(mine["pupil_group"]):
            found.append(measure_id)
    return found


def _pick(rows: pd.DataFrame, measure_id: str, codes: Sequence[str], group: str,
          statuses: Sequence[str] = STATUS_PREFERENCE) -> pd.DataFrame:
    return rows[(rows["measure_id"] == measure_id) & rows["area_code"].isin(codes)
                & (rows["pupil_group"] == group) & rows["status"].isin(statuses)]


SERIES_COLUMNS = ["kind", "area", "pupil_group", "group_label", "period", "value",
                  "suppression", "unit", "status", "source_id", "neighbours_with_data"]


def _neighbour_mean(found: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """Per period: the mean over the neighbours with a value, and how many had one."""
    grouped = found.groupby("period", sort=False)
    frame = pd.DataFrame({
        "value": grouped[column].mean(),
        "neighbours_with_data": grouped[column].count(),
        "source_id": grouped["source_id"].agg(lambda s: ";".join(sorted(set(s)))),
    }).reset_index()
    frame["suppression"] = frame["value"].isna().map({True: "x", False: ""})
    return frame


def series(rows: pd.DataFrame, area: Area, neighbours: Sequence[str], measure_id: str,
           pair: GroupPair) -> pd.DataFrame:
    """The group's and the comparison group's figures over time for the county, England and
    the neighbours' average. Columns: SERIES_COLUMNS (kind: county, england or neighbours)."""
    parts = []
    labels = {pair.group: pair.label, pair.comparison: pair.comparison_label}
    for group in (pair.group, pair.comparison):
        for kind, code in ((COUNTY, area.ons_code), (ENGLAND, area.england_code)):
            found = _pick(rows, measure_id, [code], group)
            parts.append(found.assign(kind=kind, area=found["area_name"], group_label=labels[group],
                                      neighbours_with_data=None))
        found = _pick(rows, measure_id, neighbours, group, ("official", "computed"))
        if len(found):
            mean = _neighbour_mean(found)
            parts.append(mean.assign(kind=NEIGHBOURS, area=NEIGHBOUR_NAME, pupil_group=group,
                                     group_label=labels[group], status="computed",
                                     unit=found["unit"].iloc[0]))
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(
        len(p) for p in parts) else pd.DataFrame(columns=SERIES_COLUMNS)
    frame = frame[SERIES_COLUMNS].copy()
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("period", key=lambda s: s.map(_sort_key), kind="stable",
                             ignore_index=True)


def _sort_key(period: str) -> Any:
    return period_end(period) or pd.Timestamp.max.date()


NEIGHBOUR_NAME = "Statistical neighbours (average)"
GAP_COLUMNS = ["kind", "area", "period", "value", "suppression", "unit", "status", "source_id",
               "neighbours_with_data"]


def differences(rows: pd.DataFrame, measure_id: str, codes: Sequence[str], pair: GroupPair,
                statuses: Sequence[str] = STATUS_PREFERENCE) -> pd.DataFrame:
    """Per area and period: the group's figure minus its comparison group's. A difference
    with a missing side is missing too, with that side's code. Columns: area_code, area,
    period, value, suppression, unit, status (the weaker of the two), source_id."""
    paired = _pick(rows, measure_id, codes, pair.group, statuses).merge(
        _pick(rows, measure_id, codes, pair.comparison, statuses), on=["area_code", "period"],
        suffixes=("", "_other"))
    gap = paired["value"] - paired["value_other"]
    code = paired["suppression"].where(paired["suppression"] != "", paired["suppression_other"])
    return pd.DataFrame({
        "area_code": paired["area_code"], "area": paired["area_name"],
        "period": paired["period"], "value": gap.astype("float64"),
        "suppression": code.where(gap.isna(), ""), "unit": paired["unit"],
        "status": [_weakest(a, b) for a, b in zip(paired["status"], paired["status_other"],
                                                  strict=True)],
        "source_id": [";".join(dict.fromkeys([a, b])) for a, b in zip(
            paired["source_id"], paired["source_id_other"], strict=True)]})


def gaps(rows: pd.DataFrame, area: Area, neighbours: Sequence[str], measure_id: str,
         pair: GroupPair) -> pd.DataFrame:
    """The gap (group minus comparison group) per period for the county, England and the
    neighbours (the mean of each neighbour's own gap). Columns: GAP_COLUMNS."""
    parts = []
    for kind, code in ((COUNTY, area.ons_code), (ENGLAND, area.england_code)):
        parts.append(differences(rows, measure_id, [code], pair).assign(
            kind=kind, neighbours_with_data=None))
    others = differences(rows, measure_id, neighbours, pair, ("official", "computed"))
    if len(others):
        parts.append(_neighbour_mean(others).assign(
            kind=NEIGHBOURS, area=NEIGHBOUR_NAME, status="computed", unit=others["unit"].iloc[0]))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=GAP_COLUMNS)
    frame = pd.concat(parts, ignore_index=True)[GAP_COLUMNS]
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("period", key=lambda s: s.map(_sort_key), kind="stable",
                             ignore_index=True)


def _weakest(*statuses: str) -> str:
    """The least authoritative of the statuses a figure rests on."""
    return max(statuses, key=lambda s: STATUS_PREFERENCE.index(s)
               if s in STATUS_PREFERENCE else len(STATUS_PREFERENCE))


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


def _value_at(frame: pd.DataFrame, kind: str, period: str) -> float | None:
    found = frame[(frame["kind"] == kind) & (frame["period"] == period)]["value"]
    return None if found.empty or pd.isna(found.iloc[0]) else float(found.iloc[0])


def latest_gaps(rows: pd.DataFrame, area: Area, neighbours: Sequence[str]) -> pd.DataFrame:
    """The latest county gap for every group and measure with one, with England's and the
    neighbours' gap for the same year. Columns: pair, measure_id, period, county, england,
    neighbours, unit, suppression (the county gap's code when it is missing)."""
    records = []
    for pair in GROUP_PAIRS:
        for measure_id in available_measures(rows, area, pair):
            frame = gaps(rows, area, neighbours, measure_id, pair)
            county = frame[frame["kind"] == COUNTY]
            if county.empty:
                continue
            dated = county[county["value"].notna()]
            last = (dated if len(dated) else county).iloc[-1]
            records.append({"pair": pair.key, "measure_id": measure_id,
                            "period": last["period"],
                            "county": _value_at(frame, COUNTY, last["period"]),
                            "england": _value_at(frame, ENGLAND, last["period"]),
                            "neighbours": _value_at(frame, NEIGHBOURS, last["period"]),
                            "unit": last["unit"], "suppression": last["suppression"]})
    return pd.DataFrame.from_records(records, columns=[
        "pair", "measure_id", "period", "county", "england", "neighbours", "unit",
        "suppression"])


# ---------------------------------------------------------------------------------------------
# Figures

# (colour, line dash, marker) per kind of area; the comparison group is drawn hollow.
STYLES = {COUNTY: (COUNTY_COLOUR, "solid", "circle"),
          ENGLAND: (ENGLAND_COLOUR, "dash", "diamond"),
          NEIGHBOURS: (NEIGHBOUR_COLOUR, "dot", "square")}


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
    for kind in (ENGLAND, NEIGHBOURS, COUNTY):
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
    for kind in (ENGLAND, NEIGHBOURS, COUNTY):
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
# District breakdowns (only where school-level results allow)


def district_differences(measures: pd.DataFrame, area: Area, measure_id: str,
                         pair: GroupPair) -> pd.DataFrame:
    """The group minus its comparison group for each district and the county, in the periods
    the districts have figures for. Columns as `differences`."""
    codes = [*area.district_codes, area.ons_code]
    rows = best_rows(measures[(measures["measure_id"] == measure_id)
                              & measures["pupil_group"].isin([pair.group, pair.comparison])
                              & (measures["population"] == "all")
                              & measures["area_code"].isin(codes)])
    found = differences(rows, measure_id, codes, pair)
    district_periods = set(found.loc[found["area_code"].isin(area.district_codes), "period"])
    return found[found["period"].isin(district_periods)].reset_index(drop=True)

