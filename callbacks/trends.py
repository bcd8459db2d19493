"""Trends and benchmarks (/trends): any measure over time against England, the region, the
statistical neighbours (with the area's rank) and the districts.

Page settings, all in the address: measure, population, group (pupil group), compare
(comma-separated: england, region, neighbours, neighbour_average, districts) and neighbours
(the statistical-neighbour list). The chart is the registered chart "trends--<measure>".
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from urllib.parse import urlencode

import pandas as pd
from dash import Dash, Input, Output, State, ctx
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.charts import chart_builder, figure_id
from callbacks.data import cached, current_store
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from dashboard.analysis.targets import neighbour_codes
from dashboard.analysis.trends import (
    COMPARATORS,
    DEFAULT_COMPARATORS,
    GROUP_LABELS,
    MEASURED,
    POPULATION_LABELS,
    Trend,
    TrendView,
    build_trend,
    trend_data,
    trend_figure,
    trend_summary,
    trend_title,
)
from dashboard.charts import Chart
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.store.readings import ASSESSABLE, latest, readings
from dashboard.vocabulary import measure_info
from dashboard.wording import period_label, source_names
from layouts import trends as page
from layouts.shell import URL_ID

MEASURE, POPULATION, GROUP, COMPARE, NEIGHBOURS = (
    "measure", "population", "group", "compare", "neighbours")
SETTINGS = (MEASURE, POPULATION, GROUP, COMPARE, NEIGHBOURS)
DEFAULT_MEASURE = "ks2_rwm_expected_pct"
CHART = "trends"

_lock = threading.Lock()
_by_measure: dict[str, dict[str, pd.DataFrame]] = {}


def measure_rows(store: Store, measure_id: str) -> pd.DataFrame:
    """The measures table's rows for one measure: split once per data build and process, so a
    page never scans the whole table."""
    with _lock:
        split = _by_measure.get(store.build_id)
        if split is None:
            split = {str(k): v for k, v in store.measures.groupby("measure_id", sort=False)}
            _by_measure.clear()
            _by_measure[store.build_id] = split
    return split.get(measure_id, store.measures.iloc[0:0])


@dataclass(frozen=True)
class Catalogue:
    """The measures the area has figures for, with their populations and pupil groups."""

    groups: dict[str, dict[str, tuple[str, ...]]]  # measure -> population -> pupil groups

    @property
    def measures(self) -> list[str]:
        return sorted(self.groups, key=lambda m: measure_info(m).label.lower())

    def populations(self, measure_id: str) -> list[str]:
        order = list(POPULATION_LABELS)
        return sorted(self.groups.get(measure_id, {}), key=order.index)

    def pupil_groups(self, measure_id: str, population: str) -> list[str]:
        order = list(GROUP_LABELS)
        return sorted(self.groups.get(measure_id, {}).get(population, ()), key=order.index)


def build_catalogue(measures: pd.DataFrame, area: Area) -> Catalogue:
    county = measures[(measures["area_code"] == area.ons_code)
                      & measures["status"].isin(MEASURED)]
    combos = county[["measure_id", "population", "pupil_group"]].drop_duplicates()
    groups: dict[str, dict[str, tuple[str, ...]]] = {}
    for (measure_id, population), rows in combos.groupby(["measure_id", "population"]):
        groups.setdefault(str(measure_id), {})[str(population)] = tuple(
            str(g) for g in rows["pupil_group"])
    return Catalogue(groups)


_catalogues: dict[str, Catalogue] = {}


def catalogue(store: Store, area: Area) -> Catalogue:
    with _lock:
        found = _catalogues.get(store.build_id)
    if found is None:
        found = build_catalogue(store.measures, area)
        with _lock:
            _catalogues.clear()
            _catalogues[store.build_id] = found
    return found


def neighbour_lists(area: Area) -> tuple[str, ...]:
    """The area file's lists, the current one first, then newest first."""
    others = sorted((y for y in area.neighbour_lists if y != area.current_neighbours),
                    reverse=True)
    return (area.current_neighbours, *others)


def read_comparators(params: Params) -> tuple[tuple[str, ...], list[str]]:
    """The comparators named in `compare` (comma-separated; empty for none), default when the
    setting is absent; unknown names are left out with a message."""
    if COMPARE not in params:
        return DEFAULT_COMPARATORS, []
    named = [p.strip() for p in params[COMPARE][-1].split(",") if p.strip()]
    unknown = [n for n in named if n not in COMPARATORS]
    chosen = tuple(c for c in COMPARATORS if c in named)
    if not unknown:
        return chosen, []
    shown = ", ".join(f"'{n[:40]}'" for n in unknown)
    return chosen, [f"{shown} cannot be compared with (choose from {', '.join(COMPARATORS)}), "
                    "so it was left out."]


def read_view(params: Params, store: Store, area: Area) -> tuple[TrendView, list[str]]:
    """The view the address asks for; anything malformed falls back with a message."""
    found = catalogue(store, area)
    measures = found.measures
    default = DEFAULT_MEASURE if DEFAULT_MEASURE in measures else measures[0]
    measure_id, messages = read_choice(params, MEASURE, measures, default)
    populations = found.populations(measure_id)
    population, more = read_choice(params, POPULATION, populations,
                                   "all" if "all" in populations else populations[0])
    messages += more
    groups = found.pupil_groups(measure_id, population)
    group, more = read_choice(params, GROUP, groups, "all" if "all" in groups else groups[0])
    messages += more
    comparators, more = read_comparators(params)
    messages += more
    neighbour_list, more = read_choice(params, NEIGHBOURS, neighbour_lists(area),
                                       area.current_neighbours)
    messages += more
    return TrendView(measure_id, population, group, comparators, neighbour_list), messages


def view_query(view: TrendView, area: Area) -> str:
    """The address's query for a view, leaving out settings at their defaults."""
    query: dict[str, str] = {MEASURE: view.measure_id}
    if view.population != "all":
        query[POPULATION] = view.population
    if view.pupil_group != "all":
        query[GROUP] = view.pupil_group
    if view.comparators != DEFAULT_COMPARATORS:
        query[COMPARE] = ",".join(view.comparators)
    if view.neighbour_list != area.current_neighbours:
        query[NEIGHBOURS] = view.neighbour_list
    return "?" + urlencode(query, safe=",")


def neighbour_names(store: Store, area: Area, list_year: str) -> dict[str, str]:
    """ONS code -> name of the neighbours in a list, in the list's order."""
    la_codes = store.tables.get("la_codes")
    codes = neighbour_codes(area, la_codes, list_year)
    if la_codes is None or not codes:
        return {}
    names = la_codes.dropna(subset=["ons_code"]).set_index("ons_code")["la_name"]
    return {code: str(names.get(code, code)) for code in codes}


def source_titles(store: Store) -> dict[str, str]:
    return {s["id"]: s.get("title", s["id"]) for s in store.manifest.get("sources", [])}


def trend_for(store: Store, area: Area, view: TrendView) -> Trend:
    return build_trend(measure_rows(store, view.measure_id), area, view,
                       neighbour_names(store, area, view.neighbour_list))


def make_chart(store: Store, area: Area, trend: Trend) -> Chart:
    """The Trends chart: the same for the page and for its downloads."""
    view = trend.view
    sources = {s["id"]: s for s in store.manifest.get("sources", [])}
    plotted = [r for s in trend.series for r in s.readings]
    newest = latest([r for r in plotted if r.status != "published"])
    citation = f"; {area.published_citation}" if any(
        r.status == "published" for r in plotted) else ""
    title = trend_title(trend)
    return Chart(
        figure_id=figure_id(CHART, view.measure_id), title=title, summary=trend_summary(trend),
        figure=trend_figure(trend), data=trend_data(trend, source_titles(store)),
        source="Source: " + "; ".join(source_names(plotted, sources, with_dates=False))
               + citation,
        as_at=period_label(newest.period) if newest else "no data", headline=title,
        notes=tuple(b.explanation for b in trend.breaks))


@chart_builder(CHART)
def trends_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The registered builder: the item is the measure; the query gives the other settings."""
    area = load_area()
    view, _ = read_view({**params, MEASURE: [item]} if item else params, store, area)
    if item and view.measure_id != item:
        raise KeyError(item)
    return make_chart(store, area, trend_for(store, area, view))


def build_model(store: Store, area: Area, view: TrendView) -> page.TrendsModel:
    trend = trend_for(store, area, view)
    return page.TrendsModel(
        view=view, chart=make_chart(store, area, trend), ranks=trend.ranks, area_name=area.name,
        england_name=area.england_name, listed=trend.listed,
        neighbour_names=trend.neighbour_names, neighbour_list=view.neighbour_list,
        current_list=area.current_neighbours, lists=neighbour_lists(area), breaks=trend.breaks,
        target=trend.target, higher_is_better=trend.info.higher_is_better,
        england={r.period: r for r in readings(
            measure_rows(store, view.measure_id), view.measure_id, area.england_code,
            view.population, view.pupil_group, ASSESSABLE)})


def model(view: TrendView) -> page.TrendsModel:
    store, area = current_store(), load_area()
    key = f"trends:{store.build_id}:{view_query(view, area)}"
    return cached(key, lambda: build_model(store, area, view))


def choices(store: Store, area: Area, view: TrendView) -> page.Choices:
    found = catalogue(store, area)
    return page.Choices(
        measures=[(m, measure_info(m).label) for m in found.measures],
        populations=[(p, POPULATION_LABELS[p].capitalize())
                     for p in found.populations(view.measure_id)],
        groups=[(g, GROUP_LABELS[g].capitalize())
                for g in found.pupil_groups(view.measure_id, view.population)],
        neighbour_lists=[(y, f"{y} list{' (current)' if y == area.current_neighbours else ''}")
                         for y in neighbour_lists(area)])


@lru_cache(maxsize=128)
def drawn(build_id: str, view: TrendView) -> list[Component]:
    """The result for a view, drawn once per process and data build (its model comes from the
    cache shared by the workers)."""
    del build_id  # part of the key only
    return page.result(model(view))


def render(params: Params) -> list[Component]:
    store, area = current_store(), load_area()
    view, messages = read_view(params, store, area)
    messages += unknown_settings(params, SETTINGS)
    return page.layout(view, area.name, choices(store, area, view),
                       drawn(store.build_id, view), messages)


ROUTES = {"/trends": render}


def update(measure: str | None, population: str | None, group: str | None,
           compare: Sequence[str] | None, neighbour_list: str | None, search: str | None,
           ) -> tuple[list[Component], str, list[dict], str, list[dict], str]:
    """Redraw for new settings: the result, the address, and the population and pupil-group
    choices the measure has (a choice the new measure lacks falls back to its default)."""
    store, area = current_store(), load_area()
    if ctx.triggered_id == page.MEASURE_ID:
        population, group = None, None  # a new measure starts from its defaults
    params: dict[str, list[str]] = {COMPARE: [",".join(compare or [])]}
    for name, chosen in ((MEASURE, measure), (POPULATION, population), (GROUP, group),
                         (NEIGHBOURS, neighbour_list)):
        if chosen:
            params[name] = [chosen]
    view, _ = read_view(params, store, area)
    if view == read_view(parse_query(search), store, area)[0]:
        raise PreventUpdate  # the view the page was drawn with (controls report on mount)
    options = choices(store, area, view)
    return (drawn(store.build_id, view), view_query(view, area),
            page.options(options.populations), view.population,
            page.options(options.groups), view.pupil_group)


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULT_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.GROUP_ID, "options"),
        Output(page.GROUP_ID, "value"),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.GROUP_ID, "value"),
        Input(page.COMPARE_ID, "value"),
        Input(page.NEIGHBOURS_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update)
