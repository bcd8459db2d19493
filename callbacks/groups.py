"""Pupil groups (/groups): disadvantaged pupils, free school meals, SEN, boys and girls and EAL
against their comparison groups, for the county, England and the statistical neighbours.

Page settings: group (a key of dashboard.analysis.groups.PAIR_BY_KEY), measure and neighbours (the
statistical-neighbour list year).
"""

from __future__ import annotations

from urllib.parse import urlencode

import pandas as pd
from dash import Dash, Input, Output
from dash.development.base_component import Component

from callbacks.charts import build_chart, remembered_chart
from callbacks.data import current_store, remember
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from dashboard.analysis.areas import (
    CONTEXT_COLUMNS,
    DISADVANTAGED_MEASURE,
    GENDER_MEASURE,
    GENDER_PAIR,
    comparators,
    context_by_area,
    district_values,
)
from dashboard.analysis.groups import (
    NOT_ALLOWED,
    available_measures,
    chart_data,
    district_differences,
    gap_figure,
    gap_finding,
    gaps,
    group_rows,
    latest_gaps,
    series,
    series_figure,
)
from dashboard.analysis.targets import neighbour_codes, neighbour_lists
from dashboard.charts import Chart
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    NEIGHBOUR_COLOUR,
    TRAJECTORY_COLOUR,
    empty_chart,
    group_bars_figure,
)
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.vocabulary import GROUP_PAIRS, PAIR_BY_KEY, GroupPair, measure_label, measure_short
from dashboard.wording import (
    decimals,
    format_reading,
    format_value,
    lower_first,
    period_label,
    provenance,
)
from layouts import groups as page
from layouts.components.controls import Option
from layouts.shell import URL_ID

SETTINGS = ("group", "measure", "neighbours")
DEFAULT_GROUP = "disadvantaged"
DEFAULT_MEASURE = "ks2_rwm_expected_pct"
CONTEXT_SHOWN = ("pct_fsm_ever6", "pct_eal", "pct_sen_ehcp", "pct_sen_support")


def rows_for(store: Store, area: Area, neighbour_list: str) -> pd.DataFrame:
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    return remember(f"group-rows:{store.build_id}:{neighbour_list}",
                  lambda: group_rows(store.measures, area, codes))


def read_state(store: Store, area: Area,
               params: Params) -> tuple[GroupPair, str | None, str, list[str]]:
    """The group, measure and neighbour list from the address (defaults with a message for
    anything not understood). The measure is None when the group has no figures."""
    lists = neighbour_lists(area)
    chosen_list, messages = read_choice(params, "neighbours", lists, area.current_neighbours)
    key, found = read_choice(params, "group", [p.key for p in GROUP_PAIRS], DEFAULT_GROUP)
    messages += found
    pair = PAIR_BY_KEY[key]
    measures = available_measures(rows_for(store, area, chosen_list), area, pair)
    measure = None
    if measures:
        measure, found = read_choice(params, "measure", measures,
                                     DEFAULT_MEASURE if DEFAULT_MEASURE in measures
                                     else measures[0])
        messages += found
    return pair, measure, chosen_list, messages + unknown_settings(params, SETTINGS)


def query(pair: GroupPair, measure: str | None, neighbour_list: str, area: Area) -> str:
    settings = {"group": pair.key, "measure": measure, "neighbours": neighbour_list}
    defaults = {"group": DEFAULT_GROUP, "measure": DEFAULT_MEASURE,
                "neighbours": area.current_neighbours}
    chosen = {k: v for k, v in settings.items() if v is not None and v != defaults[k]}
    return f"?{urlencode(chosen)}" if chosen else ""


def sources_of(store: Store) -> dict[str, dict]:
    return {s["id"]: s for s in store.manifest.get("sources", [])}


# ---------------------------------------------------------------------------------------------
# Charts


def _state_or_missing(store: Store, params: Params) -> tuple[Area, GroupPair, str, str]:
    area = load_area()
    pair, measure, chosen_list, _ = read_state(store, area, params)
    if measure is None:
        raise LookupError(f"no figures for {pair.key}")
    return area, pair, measure, chosen_list


@remembered_chart("groups-compare")
def compare_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The group and its comparison group over time: county, England, neighbours."""
    if item is not None:
        raise KeyError(item)
    area, pair, measure, chosen_list = _state_or_missing(store, params)
    codes = neighbour_codes(area, store.tables.get("la_codes"), chosen_list)
    frame = series(rows_for(store, area, chosen_list), area, codes, measure, pair)
    county = frame[(frame["kind"] == "county") & frame["value"].notna()]
    label = measure_label(measure)
    if county.empty:
        title = f"{label}: no {area.name} figures for {pair.short}"
    else:
        year = county["period"].iloc[-1]
        latest = county[county["period"] == year].set_index("pupil_group")["value"]
        unit = county["unit"].iloc[0]
        mine = format_value(latest.get(pair.group), unit, measure)
        theirs = format_value(latest.get(pair.comparison), unit, measure)
        title = (f"{label}: {pair.short} in {area.name} {mine}, "
                 f"{lower_first(pair.comparison_label)} {theirs}, {period_label(year)}")
    periods = list(dict.fromkeys(frame["period"]))
    summary = (f"Line chart of {lower_first(label)} for {pair.short} (filled markers) "
               f"and {lower_first(pair.comparison_label)} (hollow markers) in {area.name}, "
               f"{area.england_name} and the statistical neighbours' average, "
               f"{period_label(periods[0])} to {period_label(periods[-1])}; years with no "
               "figure are gaps.")
    sources = sources_of(store)
    source, as_at = provenance(sources, list(frame["source_id"]))
    return Chart(figure_id="groups-compare", title=title, summary=summary,
                 figure=series_figure(frame, pair, measure),
                 data=chart_data(frame, sources, {"area": "Area", "group_label": "Pupils"}),
                 source=source, as_at=as_at)


@remembered_chart("groups-gap")
def gap_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The gap between the group and its comparison group over time."""
    if item is not None:
        raise KeyError(item)
    area, pair, measure, chosen_list = _state_or_missing(store, params)
    codes = neighbour_codes(area, store.tables.get("la_codes"), chosen_list)
    frame = gaps(rows_for(store, area, chosen_list), area, codes, measure, pair)
    title, summary = gap_finding(frame, pair, measure, area)
    sources = sources_of(store)
    source, as_at = provenance(sources, list(frame["source_id"]))
    data = chart_data(frame, sources, {"area": "Area"})
    data.insert(1, "Gap", f"{pair.label} minus {lower_first(pair.comparison_label)}")
    return Chart(figure_id="groups-gap", title=title, summary=summary,
                 figure=gap_figure(frame, measure), data=data, source=source, as_at=as_at)


@remembered_chart("groups-district-gender")
def district_gender_chart(store: Store, params: Params, item: str | None) -> Chart:
    """Boys minus girls in key stage 4 Attainment 8, by district, in the years school results
    give it."""
    if item is not None:
        raise KeyError(item)
    area = load_area()
    frame = district_differences(store.measures, area, GENDER_MEASURE, GENDER_PAIR)
    name = "groups-district-gender"
    if frame.empty:
        return empty_chart(name, "No district figures for boys and girls",
                           "The school results in this data give no gender breakdown.")
    places = [d.name for d in area.districts] + [area.name]
    periods = list(dict.fromkeys(frame["period"]))
    colours = (COUNTY_COLOUR, NEIGHBOUR_COLOUR, ENGLAND_COLOUR)
    patterns = ("", "/", ".")
    series_list = []
    for period, colour, pattern in zip(periods, colours, patterns, strict=False):
        year = frame[frame["period"] == period].set_index("area")["value"]
        series_list.append((period_label(period), [year.get(p) for p in places], colour,
                            pattern))
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
    sources = sources_of(store)
    source, as_at = provenance(sources, list(frame["source_id"]))
    data = pd.DataFrame({"Area": frame["area"], "Gap": "Boys minus girls",
                         "value": frame["value"], "suppression": frame["suppression"],
                         "unit": unit, "period": frame["period"],
                         "source": [provenance(sources, [s])[0] for s in frame["source_id"]],
                         "status": frame["status"]})
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of boys' minus girls' {short} in each district and {area.name}, "
                 f"one bar per year ({', '.join(period_label(p) for p in periods)}); below "
                 "zero means boys scored lower."),
        figure=group_bars_figure(places, series_list, unit, GENDER_MEASURE, horizontal=True),
        data=data, source=source, as_at=as_at)


@remembered_chart("groups-district-disadvantaged")
def district_disadvantaged_chart(store: Store, params: Params, item: str | None) -> Chart:
    """Disadvantaged pupils' Progress 8 in each district, with the county's and England's."""
    if item is not None:
        raise KeyError(item)
    area = load_area()
    name = "groups-district-disadvantaged"
    found = store.measures[(store.measures["measure_id"] == DISADVANTAGED_MEASURE)
                           & (store.measures["area_type"] == "district")
                           & (store.measures["pupil_group"] == "disadvantaged")]
    if found.empty:
        return empty_chart(name, "No district figures for disadvantaged pupils",
                           "The school results in this data give no disadvantaged breakdown.")
    period = max(found["period"])
    bars = {}
    for group in ("disadvantaged", "all"):
        values = district_values(store.measures, area, DISADVANTAGED_MEASURE, "all", period,
                                 pupil_group=group)
        county, england = comparators(store.measures, area, DISADVANTAGED_MEASURE, "all",
                                      period, group)
        bars[group] = (values, county, england)
    places = [d.name for d in area.districts] + [area.name, area.england_name]
    series_list = []
    for group, label, colour, pattern in (("disadvantaged", "Disadvantaged pupils",
                                           COUNTY_COLOUR, ""),
                                          ("all", "All pupils", TRAJECTORY_COLOUR, "/")):
        values, county, england = bars[group]
        series_list.append((label, [*values["value"],
                                    county.value if county else None,
                                    england.value if england else None], colour, pattern))
    disadvantaged = bars["disadvantaged"][0]
    present = disadvantaged[disadvantaged["value"].notna()]
    low = present.loc[present["value"].idxmin()]
    high = present.loc[present["value"].idxmax()]
    unit = "score"
    title = (f"Disadvantaged pupils' Progress 8 in {period_label(period)} was lowest in "
             f"{low['name']} ({format_value(low['value'], unit, DISADVANTAGED_MEASURE)}) and "
             f"highest in {high['name']} "
             f"({format_value(high['value'], unit, DISADVANTAGED_MEASURE)}); district "
             "figures are estimates")
    sources = sources_of(store)
    records = []
    for group, (values, county, england) in bars.items():
        for row in values.to_dict("records"):
            records.append({"Area": row["name"], "Pupils": group, "value": row["value"],
                            "suppression": row["suppression"], "unit": unit, "period": period,
                            "source": provenance(sources, [row["source_id"]])[0],
                            "status": row["status"]})
        for reading in (county, england):
            if reading is not None:
                records.append({"Area": reading.area_name, "Pupils": group,
                                "value": reading.value,
                                "suppression": reading.suppression or "", "unit": unit,
                                "period": period,
                                "source": provenance(sources, [reading.source_id])[0],
                                "status": reading.status})
    data = pd.DataFrame.from_records(records)
    source, as_at = provenance(sources, [*disadvantaged["source_id"], *[
        r.source_id for _, county, england in bars.values() for r in (county, england) if r]])
    county = bars["disadvantaged"][1]
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of Progress 8 in {period_label(period)} for disadvantaged pupils "
                 f"and all pupils in each district, {area.name} "
                 f"({format_reading(county) if county else 'no figure'} for disadvantaged "
                 f"pupils) and {area.england_name}."),
        figure=group_bars_figure(places, series_list, unit, DISADVANTAGED_MEASURE,
                                 horizontal=True),
        data=data, source=source, as_at=as_at)


@remembered_chart("groups-district-context")
def district_context_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The census percentages of each district's pupils, latest year."""
    if item is not None:
        raise KeyError(item)
    area = load_area()
    name = "groups-district-context"
    context = remember(f"district-context:{store.build_id}",
                     lambda: context_by_area(store.tables.get("school_context"),
                                             store.tables.get("schools"), area))
    if context.empty:
        return empty_chart(name, "No census figures for the districts",
                           "This data build has no school census.")
    period = max(context["period"])
    year = context[(context["period"] == period)
                   & context["characteristic"].isin(CONTEXT_SHOWN)]
    places = [d.name for d in area.districts] + [area.name]
    colours = (COUNTY_COLOUR, ENGLAND_COLOUR, NEIGHBOUR_COLOUR, TRAJECTORY_COLOUR)
    patterns = ("", "/", ".", "x")
    series_list = []
    for characteristic, colour, pattern in zip(CONTEXT_SHOWN, colours, patterns, strict=True):
        values = year[year["characteristic"] == characteristic].set_index("area_name")["value"]
        series_list.append((CONTEXT_COLUMNS[characteristic], [values.get(p) for p in places],
                            colour, pattern))
    disadvantaged = year[(year["characteristic"] == "pct_fsm_ever6")
                         & (year["area_code"] != area.ons_code) & year["value"].notna()]
    high = disadvantaged.loc[disadvantaged["value"].idxmax()]
    low = disadvantaged.loc[disadvantaged["value"].idxmin()]
    title = (f"In {period_label(period)} the share of disadvantaged pupils ranged from "
             f"{low['value']:.1f}% in {low['area_name']} to {high['value']:.1f}% in "
             f"{high['area_name']}")
    sources = sources_of(store)
    data = pd.DataFrame({"Area": year["area_name"],
                         "Pupils": year["characteristic"].map(CONTEXT_COLUMNS),
                         "value": year["value"],
                         "suppression": year["value"].isna().map({True: "x", False: ""}),
                         "unit": "percent", "period": period,
                         "source": [provenance(sources, [s])[0] for s in year["source_id"]],
                         "status": year["status"]})
    source, as_at = provenance(sources, list(year["source_id"]))
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of the percentages of pupils who are disadvantaged, have English "
                 f"as an additional language, have an EHC plan or receive SEN support, in "
                 f"each district and {area.name}, {period_label(period)}: pupil-weighted "
                 "means of the schools' census figures (estimates where the census gives no "
                 "pupil numbers)."),
        figure=group_bars_figure(places, series_list, "percent", "pct_fsm_ever6",
                                 horizontal=True),
        data=data, source=source, as_at=as_at)


# ---------------------------------------------------------------------------------------------
# The page


def gap_rows(store: Store, area: Area, neighbour_list: str) -> tuple[page.GapRow, ...]:
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    found = remember(f"group-latest-gaps:{store.build_id}:{neighbour_list}",
                   lambda: latest_gaps(rows_for(store, area, neighbour_list), area, codes))
    rows = []
    for record in found.to_dict("records"):
        pair, measure_id = PAIR_BY_KEY[record["pair"]], record["measure_id"]
        unit = "percentage points" if record["unit"] == "percent" else "points"

        places = 1 if record["unit"] == "percent" else decimals("score", measure_id)

        def shown(number: float | None, code: str = "x", places: int = places) -> str:
            if number is None or pd.isna(number):
                return f"[{code or 'x'}]"
            return f"{number:+.{places}f}" if round(number, places) else f"{0:.{places}f}"

        rows.append(page.GapRow(
            group=pair.label, measure=measure_label(measure_id),
            period=period_label(record["period"]),
            county=shown(record["county"], record["suppression"]),
            england=shown(record["england"]), neighbours=shown(record["neighbours"]),
            unit=unit, href="/groups" + query(pair, measure_id, neighbour_list, area)))
    return tuple(rows)


def build_model(store: Store, area: Area, pair: GroupPair, measure: str | None,
                neighbour_list: str) -> page.GroupsModel:
    params = parse_query(query(pair, measure, neighbour_list, area))
    la_codes = store.tables.get("la_codes")
    names = "none known"
    if la_codes is not None and not la_codes.empty:
        lookup = la_codes.set_index("la_number")["la_name"]
        names = ", ".join(str(lookup[n]) for n in area.neighbour_lists.get(neighbour_list, ())
                          if n in lookup.index) or names
    measures = available_measures(rows_for(store, area, neighbour_list), area, pair)
    return page.GroupsModel(
        area_name=area.name,
        groups=tuple(Option(p.key, p.label) for p in GROUP_PAIRS),
        measures=tuple(Option(m, measure_label(m)) for m in measures),
        neighbour_lists=tuple(Option(y, f"{y} list") for y in neighbour_lists(area)),
        group=pair.key, measure=measure or "", neighbours=neighbour_list,
        neighbour_names=names,
        charts=charts_for(store, params, measure),
        gaps=gap_rows(store, area, neighbour_list),
        district_charts=tuple(build_chart(name, params, store) for name in (
            "groups-district-gender", "groups-district-disadvantaged",
            "groups-district-context")),
        not_allowed=NOT_ALLOWED)


def charts_for(store: Store, params: Params, measure: str | None) -> tuple[Chart, ...]:
    if measure is None:
        return (empty_chart("groups-compare", "No figures for this group",
                            "The sources publish no figures for this group of pupils."),)
    return tuple(build_chart(name, params, store) for name in ("groups-compare", "groups-gap"))


def render(params: Params) -> list[Component]:
    store, area = current_store(), load_area()
    pair, measure, neighbour_list, messages = read_state(store, area, params)
    return page.layout(build_model(store, area, pair, measure, neighbour_list), messages)


def update_charts(group: str | None, measure: str | None, neighbours: str | None) -> tuple:
    """New charts for a new group, measure or neighbour list; the settings go in the address.
    A measure the new group has no figures for quietly falls back to the group's first."""
    store, area = current_store(), load_area()
    settings = {"group": [group or DEFAULT_GROUP], "measure": [measure or DEFAULT_MEASURE],
                "neighbours": [neighbours or area.current_neighbours]}
    pair, chosen, neighbour_list, _ = read_state(store, area, settings)
    measures = available_measures(rows_for(store, area, neighbour_list), area, pair)
    params = parse_query(query(pair, chosen, neighbour_list, area))
    return ([{"label": measure_label(m), "value": m} for m in measures], chosen or "",
            page.charts(charts_for(store, params, chosen)),
            query(pair, chosen, neighbour_list, area))


ROUTES = {"/groups": render}


def register(app: Dash) -> None:
    app.callback(
        Output(page.MEASURE_ID, "options"),
        Output(page.MEASURE_ID, "value"),
        Output(page.CHARTS_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.GROUP_ID, "value"),
        Input(page.MEASURE_ID, "value"),
        Input(page.NEIGHBOURS_ID, "value"),
        prevent_initial_call=True,
    )(update_charts)
