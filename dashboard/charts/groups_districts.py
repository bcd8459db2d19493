"""Pupil groups by district, only where school-level results allow: boys minus girls in key
stage 4 Attainment 8, disadvantaged pupils' Progress 8, and the census percentages of each
district's pupils. The page's settings do not change them."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.analysis.areas import (
    CONTEXT_COLUMNS,
    DISADVANTAGED_MEASURE,
    GENDER_MEASURE,
    GENDER_PAIR,
    comparators,
    context_by_area,
    district_values,
)
from dashboard.analysis.groups import district_differences
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    NEIGHBOUR_COLOUR,
    TRAJECTORY_COLOUR,
    BarSeries,
    empty_chart,
    group_bars_figure,
)
from dashboard.config import load_area
from dashboard.store import Store
from dashboard.store.readings import Reading
from dashboard.vocabulary import measure_short
from dashboard.wording import format_reading, format_value, period_label, provenance

GENDER_CHART = "groups-district-gender"
DISADVANTAGED_CHART = "groups-district-disadvantaged"
CONTEXT_CHART = "groups-district-context"
# The census percentages shown, each with its colour and fill pattern.
CONTEXT_SHOWN = (("pct_fsm_ever6", COUNTY_COLOUR, ""), ("pct_eal", ENGLAND_COLOUR, "/"),
                 ("pct_sen_ehcp", NEIGHBOUR_COLOUR, "."),
                 ("pct_sen_support", TRAJECTORY_COLOUR, "x"))


def source_of(sources: Mapping[str, Mapping[str, Any]], source_id: str) -> str:
    """One row's source line, for a chart's data."""
    return provenance(sources, [source_id])[0]


@memoize
def gender_chart(store: Store) -> Chart:
    """Boys minus girls in key stage 4 Attainment 8, by district, in the years school results
    give it."""
    area = load_area()
    frame = district_differences(store.measure_rows(GENDER_MEASURE), area, GENDER_MEASURE,
                                 GENDER_PAIR)
    if frame.empty:
        return empty_chart(GENDER_CHART, "No district figures for boys and girls",
                           "The school results in this data give no gender breakdown.")
    places = [d.name for d in area.districts] + [area.name]
    periods = list(dict.fromkeys(frame["period"]))
    # One bar a year: up to three years, told apart by colour and pattern.
    styles = ((COUNTY_COLOUR, ""), (NEIGHBOUR_COLOUR, "/"), (ENGLAND_COLOUR, "."))
    bars: list[BarSeries] = []
    for period, (colour, pattern) in zip(periods, styles, strict=False):
        year = frame[frame["period"] == period].set_index("area")["value"]
        bars.append((period_label(period), [year.get(p) for p in places], colour, pattern))
    unit = frame["unit"].iloc[0]
    districts = frame[frame["area_code"] != area.ons_code]
    widest = districts.loc[districts["value"].abs().idxmax()]
    below = int((districts["value"] < 0).sum())
    everywhere = ("in every district" if below == len(districts)
                  else f"in {below} of {len(districts)} district figures")
    short = measure_short(GENDER_MEASURE)
    size = format_value(abs(widest["value"]), unit, GENDER_MEASURE)
    title = (f"Boys' {short} was below girls' {everywhere} from {period_label(periods[0])} to "
             f"{period_label(periods[-1])}; the widest gap was in {widest['area']} in "
             f"{period_label(widest['period'])} ({size})")
    sources = store.sources_by_id()
    source, as_at = provenance(sources, list(frame["source_id"]))
    data = pd.DataFrame({"Area": frame["area"], "Gap": "Boys minus girls",
                         "value": frame["value"], "suppression": frame["suppression"],
                         "unit": unit, "period": frame["period"],
                         "source": [source_of(sources, s) for s in frame["source_id"]],
                         "status": frame["status"]})
    return Chart(
        figure_id=GENDER_CHART, title=title,
        summary=(f"Bar chart of boys' minus girls' {short} in each district and {area.name}, "
                 f"one bar per year ({', '.join(period_label(p) for p in periods)}); below "
                 "zero means boys scored lower."),
        figure=group_bars_figure(places, bars, unit, GENDER_MEASURE, horizontal=True),
        data=data, source=source, as_at=as_at)


def _reading_record(reading: Reading, group: str, period: str,
                    sources: Mapping[str, Mapping[str, Any]]) -> dict[str, Any]:
    return {"Area": reading.area_name, "Pupils": group, "value": reading.value,
            "suppression": reading.suppression or "", "unit": "score", "period": period,
            "source": source_of(sources, reading.source_id), "status": reading.status}


@memoize
def disadvantaged_chart(store: Store) -> Chart:
    """Disadvantaged pupils' Progress 8 in each district, with the county's and England's."""
    area = load_area()
    measures = store.measure_rows(DISADVANTAGED_MEASURE)
    found = measures[(measures["area_type"] == "district")
                     & (measures["pupil_group"] == "disadvantaged")]
    if found.empty:
        return empty_chart(DISADVANTAGED_CHART, "No district figures for disadvantaged pupils",
                           "The school results in this data give no disadvantaged breakdown.")
    period = max(found["period"])
    groups = {}
    for group in ("disadvantaged", "all"):
        values = district_values(measures, area, DISADVANTAGED_MEASURE, "all", period,
                                 pupil_group=group)
        county, england = comparators(measures, area, DISADVANTAGED_MEASURE, "all", period,
                                      group)
        groups[group] = (values, county, england)
    places = [d.name for d in area.districts] + [area.name, area.england_name]
    bars: list[BarSeries] = []
    for group, label, colour, pattern in (("disadvantaged", "Disadvantaged pupils",
                                           COUNTY_COLOUR, ""),
                                          ("all", "All pupils", TRAJECTORY_COLOUR, "/")):
        values, county, england = groups[group]
        bars.append((label, [*values["value"], county.value if county else None,
                             england.value if england else None], colour, pattern))
    disadvantaged, county = groups["disadvantaged"][0], groups["disadvantaged"][1]
    present = disadvantaged[disadvantaged["value"].notna()]
    low = present.loc[present["value"].idxmin()]
    high = present.loc[present["value"].idxmax()]
    unit = "score"
    title = (f"Disadvantaged pupils' Progress 8 in {period_label(period)} was lowest in "
             f"{low['name']} ({format_value(low['value'], unit, DISADVANTAGED_MEASURE)}) and "
             f"highest in {high['name']} "
             f"({format_value(high['value'], unit, DISADVANTAGED_MEASURE)}); district "
             "figures are estimates")
    sources = store.sources_by_id()
    records = []
    for group, (values, *references) in groups.items():
        records += [{"Area": row["name"], "Pupils": group, "value": row["value"],
                     "suppression": row["suppression"], "unit": unit, "period": period,
                     "source": source_of(sources, row["source_id"]), "status": row["status"]}
                    for row in values.to_dict("records")]
        records += [_reading_record(r, group, period, sources) for r in references if r]
    source, as_at = provenance(sources, [*disadvantaged["source_id"], *[
        r.source_id for _, *references in groups.values() for r in references if r]])
    return Chart(
        figure_id=DISADVANTAGED_CHART, title=title,
        summary=(f"Bar chart of Progress 8 in {period_label(period)} for disadvantaged pupils "
                 f"and all pupils in each district, {area.name} "
                 f"({format_reading(county) if county else 'no figure'} for disadvantaged "
                 f"pupils) and {area.england_name}."),
        figure=group_bars_figure(places, bars, unit, DISADVANTAGED_MEASURE, horizontal=True),
        data=pd.DataFrame.from_records(records), source=source, as_at=as_at)


@memoize
def context_chart(store: Store) -> Chart:
    """The census percentages of each district's pupils, latest year."""
    area = load_area()
    context = context_by_area(store.tables.get("school_context"), store.tables.get("schools"),
                              area)
    if context.empty:
        return empty_chart(CONTEXT_CHART, "No census figures for the districts",
                           "This data build has no school census.")
    period = max(context["period"])
    shown = [characteristic for characteristic, _, _ in CONTEXT_SHOWN]
    year = context[(context["period"] == period) & context["characteristic"].isin(shown)]
    places = [d.name for d in area.districts] + [area.name]
    bars: list[BarSeries] = []
    for characteristic, colour, pattern in CONTEXT_SHOWN:
        values = year[year["characteristic"] == characteristic].set_index("area_name")["value"]
        bars.append((CONTEXT_COLUMNS[characteristic], [values.get(p) for p in places], colour,
                     pattern))
    disadvantaged = year[(year["characteristic"] == "pct_fsm_ever6")
                         & (year["area_code"] != area.ons_code) & year["value"].notna()]
    high = disadvantaged.loc[disadvantaged["value"].idxmax()]
    low = disadvantaged.loc[disadvantaged["value"].idxmin()]
    title = (f"In {period_label(period)} the share of disadvantaged pupils ranged from "
             f"{low['value']:.1f}% in {low['area_name']} to {high['value']:.1f}% in "
             f"{high['area_name']}")
    sources = store.sources_by_id()
    data = pd.DataFrame({"Area": year["area_name"],
                         "Pupils": year["characteristic"].map(CONTEXT_COLUMNS),
                         "value": year["value"],
                         "suppression": year["value"].isna().map({True: "x", False: ""}),
                         "unit": "percent", "period": period,
                         "source": [source_of(sources, s) for s in year["source_id"]],
                         "status": year["status"]})
    source, as_at = provenance(sources, list(year["source_id"]))
    return Chart(
        figure_id=CONTEXT_CHART, title=title,
        summary=(f"Bar chart of the percentages of pupils who are disadvantaged, have English "
                 f"as an additional language, have an EHC plan or receive SEN support, in "
                 f"each district and {area.name}, {period_label(period)}: pupil-weighted "
                 "means of the schools' census figures (estimates where the census gives no "
                 "pupil numbers)."),
        figure=group_bars_figure(places, bars, "percent", "pct_fsm_ever6", horizontal=True),
        data=data, source=source, as_at=as_at)
