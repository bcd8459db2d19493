"""Map (/map): a district choropleth of any district-level measure and period, school points
by latest inspection outcome, a sortable district table and a district picker.

Page settings (all in the address): measure, population, period, phase (the school points:
all, primary, secondary, special, ap, nursery or none) and sort (rank, rank-desc, name,
name-desc). The district boundaries are served once, by URL, from /geo/districts.geojson.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar
from urllib.parse import urlencode

import pandas as pd
from dash import ALL, Dash, Input, Output, State, ctx, html, no_update
from dash.development.base_component import Component
from flask import Response, request

from callbacks.charts import build_chart, remembered_chart
from callbacks.data import current_store, remember
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from dashboard.analysis.areas import comparators, district_readings, district_values
from dashboard.analysis.district import (
    GEOJSON_URL,
    PHASES,
    POPULATION_WORDS,
    MeasureChoice,
    find_choice,
    map_figure,
    map_points,
    measure_choices,
    outcome_counts,
    rank_scale,
    rank_words,
    school_table,
)
from dashboard.charts import Chart
from dashboard.charts.style import empty_chart
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.wording import format_value, lower_first, period_label, provenance
from layouts import map as page
from layouts.components.text import page_heading
from layouts.shell import URL_ID

T = TypeVar("T")
NAME = "map"
DEFAULT_MEASURE = "pct_schools_good_or_outstanding"
NO_POINTS = "none"
SETTINGS = ("measure", "population", "period", "phase", "sort")
PHASE_LABELS = {"all": "All state-funded schools", "primary": "Mainstream primary (and middle)",
                "secondary": "Mainstream secondary (and all-through)",
                "special": "Special schools", "ap": "Pupil referral units and AP",
                "nursery": "Nursery schools", NO_POINTS: "No school points"}
BOUNDARIES = "district_boundaries"
# The sources behind the map besides the measure's own: boundaries and inspections.
MAP_SOURCES = ("ons_districts", "ofsted_latest_2026_06", "ofsted_stats_2023_08_31",
               "ofsted_history_2005_2020")

# Draws the district names over the map as links, and keeps them in place as the map moves.
# MapLibre could draw text itself only with fonts from a third-party server.
DRAW_LABELS = """
function (figure) {
  var tries = 0;
  function draw() {
    var gd = document.querySelector('#map .js-plotly-plot');
    var full = gd && gd._fullLayout;
    var map = full && full.map && full.map._subplot && full.map._subplot.map;
    if (!map) {
      if (tries++ < 100) { window.setTimeout(draw, 100); }
      return;
    }
    var container = map.getContainer();
    var layer = container.querySelector('.map-labels');
    if (!layer) {
      layer = document.createElement('div');
      layer.className = 'map-labels';
      container.appendChild(layer);
    }
    layer.replaceChildren();
    ((gd.layout.meta || {}).district_labels || []).forEach(function (label) {
      var link = document.createElement('a');
      link.className = 'map-label';
      link.href = label.href;
      link.textContent = label.name;
      link.setAttribute('data-lon', label.lon);
      link.setAttribute('data-lat', label.lat);
      link.addEventListener('click', function (event) {
        event.preventDefault();
        window.history.pushState({}, '', link.href);
        window.dispatchEvent(new CustomEvent('_dashprivate_pushstate'));
      });
      layer.appendChild(link);
    });
    function place() {
      // Centre each name on its point; a name that would cover one already placed moves
      // down below it.
      var placed = [];
      Array.from(layer.querySelectorAll('.map-label')).map(function (link) {
        var point = map.project([+link.getAttribute('data-lon'), +link.getAttribute('data-lat')]);
        return {link: link, x: point.x - link.offsetWidth / 2, y: point.y - link.offsetHeight / 2,
                w: link.offsetWidth, h: link.offsetHeight};
      }).sort(function (a, b) { return a.y - b.y; }).forEach(function (box) {
        placed.forEach(function (other) {
          if (box.x < other.x + other.w && other.x < box.x + box.w &&
              box.y < other.y + other.h && other.y < box.y + box.h) {
            box.y = other.y + other.h + 1;
          }
        });
        placed.push(box);
        box.link.style.transform = 'translate(' + box.x + 'px, ' + box.y + 'px)';
      });
    }
    if (!container.hasAttribute('data-labels-follow')) {
      map.on('move', place);
      map.on('resize', place);
      container.setAttribute('data-labels-follow', '');
      var box = (gd.layout.meta || {}).bounds;
      if (box) {
        map.fitBounds([[box[0], box[1]], [box[2], box[3]]],
                      {padding: {top: 16, right: 16, bottom: 64, left: 16}, animate: false});
      }
    }
    place();
  }
  draw();
  return '';
}
"""


@dataclass(frozen=True)
class MapState:
    choice: MeasureChoice
    period: str
    phase: str
    sort: str


def choices(store: Store) -> tuple[MeasureChoice, ...]:
    return remember(f"district-choices:{store.build_id}",
                    lambda: measure_choices(store.measures))


def schools(store: Store, area: Area) -> pd.DataFrame:
    """Every open school of the area with its outcome and headline results (once per build)."""
    return remember(f"district-schools:{store.build_id}",
                    lambda: school_table(store.tables, area))


def read_measure(params: Params,
                 options: tuple[MeasureChoice, ...]) -> tuple[MeasureChoice, str, list[str]]:
    """The measure, population and period settings (shared with the district profiles);
    anything not understood falls back to its default with a message."""
    ids = list(dict.fromkeys(c.measure_id for c in options))
    measure, messages = read_choice(params, "measure", ids,
                                    DEFAULT_MEASURE if DEFAULT_MEASURE in ids else ids[0])
    populations = [c.population for c in options if c.measure_id == measure]
    population, found = read_choice(params, "population", populations,
                                    "all" if "all" in populations else populations[0])
    messages += found
    choice = find_choice(options, measure, population)
    assert choice is not None  # population was read from this measure's own
    period, found = read_choice(params, "period", choice.periods, choice.latest)
    return choice, period, messages + found


def read_state(params: Params, options: tuple[MeasureChoice, ...]) -> tuple[MapState, list[str]]:
    """The map's settings from the address; anything not understood falls back to its default
    with a message."""
    choice, period, messages = read_measure(params, options)
    phase, found = read_choice(params, "phase", [*PHASES, NO_POINTS], "all")
    messages += found
    sort, found = read_choice(params, "sort", page.SORTS, "rank")
    messages += found + unknown_settings(params, SETTINGS)
    return MapState(choice, period, phase, sort), messages


def measure_settings(choice: MeasureChoice, period: str) -> dict[str, str | None]:
    """The measure settings for the address; None for a default (left out)."""
    return {"measure": None if choice.measure_id == DEFAULT_MEASURE else choice.measure_id,
            "population": None if choice.population == "all" else choice.population,
            "period": None if period == choice.latest else period}


def query(state: MapState, *, with_view: bool = True) -> str:
    """The address's query string for a state (defaults left out). Without the view settings
    (phase, sort) it is what a district profile takes from the map."""
    settings = measure_settings(state.choice, state.period)
    if with_view:
        settings |= {"phase": None if state.phase == "all" else state.phase,
                     "sort": None if state.sort == "rank" else state.sort}
    chosen = {k: v for k, v in settings.items() if v is not None}
    return f"?{urlencode(chosen)}" if chosen else ""


def district_href(code: str, state: MapState | None = None) -> str:
    return f"/district/{code}" + (query(state, with_view=False) if state else "")


def chart_title(values: pd.DataFrame, choice: MeasureChoice, period: str) -> str:
    """The finding: where the measure is highest and lowest."""
    present = values[values["value"].notna()]
    when = period_label(period)
    if present.empty:
        return f"{choice.label}: no district figures for {when}"
    top = present.loc[present["value"].idxmax()]
    bottom = present.loc[present["value"].idxmin()]
    if top["value"] == bottom["value"]:
        return f"{choice.label}: the same in every district with a figure, {when}"

    def shown(row: pd.Series) -> str:
        return format_value(row["value"], choice.unit, choice.measure_id)

    return (f"{choice.label}: highest in {top['name']} ({shown(top)}), lowest in "
            f"{bottom['name']} ({shown(bottom)}), {when}")


def comparison_words(area: Area, choice: MeasureChoice, period: str,
                     store: Store) -> str:
    county, england = comparators(store.measures, area, choice.measure_id, choice.population,
                                  period)
    parts = []
    for name, reading in ((area.name, county), (area.england_name, england)):
        text = ("no figure" if reading is None else
                format_value(reading.value, reading.unit, reading.measure_id,
                             reading.suppression))
        parts.append(f"{name}: {text}")
    return f"For comparison, {period_label(period)}: " + "; ".join(parts) + "."


@remembered_chart(NAME)
def map_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The district map for the measure, population, period and school points in `params`."""
    if item is not None:
        raise KeyError(item)
    options = choices(store)
    if not options:
        raise LookupError("no district figures in this store")
    state, _ = read_state(params, options)
    return make_chart(store, load_area(), state)


def make_chart(store: Store, area: Area, state: MapState) -> Chart:
    choice, period = state.choice, state.period
    geojson = store.geojson.get(BOUNDARIES)
    if not geojson:
        return empty_chart(NAME, "No district boundaries in this data build",
                           "The map cannot be drawn until the boundaries are built.")
    values = district_values(store.measures, area, choice.measure_id, choice.population, period)
    points = map_points(schools(store, area), None if state.phase == NO_POINTS else state.phase)
    links = {d.code: district_href(d.code, state) for d in area.districts}
    figure = map_figure(values, points, choice, period, geojson,
                        f"{GEOJSON_URL}?v={store.build_id}", links)
    sources = {s["id"]: s for s in store.manifest.get("sources", [])}
    data = pd.DataFrame({
        "District": values["name"], "Rank": values["rank"], "value": values["value"],
        "suppression": values["suppression"], "unit": choice.unit, "period": period,
        "source": [provenance(sources, [s])[0] for s in values["source_id"]],
        "status": values["status"]})
    source, as_at = provenance(sources, [*values["source_id"], *MAP_SOURCES])
    present = values[values["value"].notna()]
    spread = (f"across the {len(present)} districts with a figure it ranged from "
              f"{format_value(present['value'].min(), choice.unit, choice.measure_id)} to "
              f"{format_value(present['value'].max(), choice.unit, choice.measure_id)}"
              if len(present) else "no district has a figure")
    summary = (f"Map of {area.name}'s {len(area.districts)} districts shaded by "
               f"{lower_first(choice.label)} in {period_label(period)}: "
               f"{spread}. {len(points)} schools are marked by their latest inspection "
               "outcome.")
    return Chart(figure_id=NAME, title=chart_title(values, choice, period), summary=summary,
                 figure=figure, data=data, source=source, as_at=as_at,
                 notes=("School points are listed, with their outcomes, on each district's "
                        "profile.",))


def model(store: Store, area: Area, state: MapState) -> page.MapModel:
    """The page's model for a state, once per build and state."""
    return remember(f"map-model:{store.build_id}:{query(state)}",
                    lambda: build_model(store, area, state))


def build_model(store: Store, area: Area, state: MapState) -> page.MapModel:
    options = choices(store)
    choice, period = state.choice, state.period
    found = district_readings(store.measures, area, choice.measure_id, choice.population,
                              period)
    values = district_values(store.measures, area, choice.measure_id, choice.population, period)
    ranked = int(values["value"].notna().sum())
    rows = [page.DistrictRow(code=r["code"], name=r["name"],
                             href=district_href(r["code"], state),
                             reading=found.get(r["code"]),
                             rank_text=rank_words(r["rank"], ranked))
            for r in values.to_dict("records")]
    column, _, direction = state.sort.partition("-")
    key = (lambda row: row.name) if column == "name" else (
        lambda row: (row.rank_text == "not ranked", _rank_of(values, row.code)))
    rows.sort(key=key, reverse=direction == "desc")
    table = schools(store, area)
    points = map_points(table, None if state.phase == NO_POINTS else state.phase)
    covered = POPULATION_WORDS.get(choice.population, choice.population)
    return page.MapModel(
        chart=build_chart(NAME, state_params(state), store),
        rows=tuple(rows), sort=state.sort, rank_scale=rank_scale(choice.measure_id),
        caption=f"{choice.label} by district, {period_label(period)} ({covered})",
        comparison=comparison_words(area, choice, period, store),
        measures=tuple(page.Option(c.measure_id, c.label) for c in options
                       if c.population == first_population(options, c.measure_id)),
        populations=tuple(page.Option(c.population, POPULATION_WORDS[c.population].capitalize())
                          for c in options if c.measure_id == choice.measure_id),
        periods=tuple(page.Option(p, period_label(p)) for p in reversed(choice.periods)),
        phases=tuple(page.Option(p, PHASE_LABELS[p]) for p in (*PHASES, NO_POINTS)),
        measure=choice.measure_id, population=choice.population, period=period,
        phase=state.phase,
        districts=tuple(page.Option(d.code, d.name) for d in area.districts),
        schools_shown=len(points), outcome_counts=outcome_counts(points))


def _rank_of(values: pd.DataFrame, code: str) -> int:
    rank = values.loc[values["code"] == code, "rank"].iloc[0]
    return 0 if pd.isna(rank) else int(rank)


def first_population(options: tuple[MeasureChoice, ...], measure_id: str) -> str:
    populations = [c.population for c in options if c.measure_id == measure_id]
    return "all" if "all" in populations else populations[0]


def render(params: Params) -> list[Component]:
    """The map page for the settings in the address."""
    store, area = current_store(), load_area()
    options = choices(store)
    if not options or not store.geojson.get(BOUNDARIES):
        return unavailable()
    state, messages = read_state(params, options)
    return page.layout(model(store, area, state), messages)


def state_params(state: MapState) -> dict[str, list[str]]:
    return parse_query(query(state))


def unavailable() -> list[Component]:
    return [page_heading("Map of districts and schools"),
            html.P("This data build has no district figures or no district boundaries, so "
                   "the map cannot be drawn. Rebuild the data with make data.")]


def toggled(sort: str, column: str) -> str:
    """The table's new order after its `column` button is pressed: that column, ascending
    first; pressed again, the other way."""
    if sort.partition("-")[0] != column:
        return column
    return column if sort.endswith("-desc") else f"{column}-desc"


def update_view(measure: str | None, population: str | None, period: str | None,
                phase: str | None, _sort_clicks: list[int | None],
                search: str | None) -> tuple:
    """Redraw the map and table for new settings (or a new table order), and put the settings
    in the address."""
    store, area = current_store(), load_area()
    options = choices(store)
    current, _ = read_state(parse_query(search), options)
    settings = {"measure": [measure or DEFAULT_MEASURE], "population": [population or "all"],
                "period": [period or ""], "phase": [phase or "all"], "sort": [current.sort]}
    trigger = ctx.triggered_id
    if isinstance(trigger, Mapping) and trigger.get("type") == page.SORT_BUTTON:
        settings["sort"] = [toggled(current.sort, str(trigger["column"]))]
    # A measure's populations and periods differ: an old choice quietly falls back.
    state, _ = read_state(settings, options)
    shown = model(store, area, state)
    populations = [{"label": o.label, "value": o.value} for o in shown.populations]
    periods = [{"label": o.label, "value": o.value} for o in shown.periods]
    return (populations, state.choice.population, periods, state.period, page.view(shown),
            page.district_table(shown), query(state))


def destination(picker_used: bool, click: Mapping | None, picked: str | None,
                search: str | None) -> str | None:
    """Where to go: the picked district's profile (keeping the map's measure), or the address
    of the district or school selected on the map (customdata[0]); None for nothing."""
    if picker_used:
        if not picked:
            return None
        state, _ = read_state(parse_query(search), choices(current_store()))
        return district_href(picked, state)
    points = (click or {}).get("points") or [{}]
    data = points[0].get("customdata")
    href = data[0] if isinstance(data, list | tuple) and data else None
    return href if isinstance(href, str) and href.startswith("/") else None


def open_address(click: Mapping | None, _opened: int | None, picked: str | None,
                 search: str | None) -> tuple[str, str]:
    """Go to what was selected on the map or in the district picker."""
    href = destination(ctx.triggered_id == page.OPEN_ID, click, picked, search)
    if href is None:
        return no_update, no_update
    path, _, rest = href.partition("?")
    return path, f"?{rest}" if rest else ""


def boundaries_response() -> Response:
    """The district boundaries as GeoJSON: sent once per page, cached by the browser (the map
    asks for them with the build id in the address), compressed by the app."""
    store = current_store()
    geojson = store.geojson.get(BOUNDARIES)
    if not geojson:
        return Response("No district boundaries in this data build.", status=404,
                        mimetype="text/plain")
    response = Response(json.dumps(geojson, separators=(",", ":")), mimetype="application/json")
    response.set_etag(store.build_id)
    response.cache_control.public = True
    response.cache_control.max_age = 86400
    return response.make_conditional(request)


ROUTES = {"/map": render}


def register(app: Dash) -> None:
    app.server.add_url_rule(GEOJSON_URL, "district_boundaries", boundaries_response)
    app.callback(
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.PERIOD_ID, "options"),
        Output(page.PERIOD_ID, "value"),
        Output(page.VIEW_ID, "children"),
        Output(page.TABLE_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.PERIOD_ID, "value"),
        Input(page.PHASE_ID, "value"),
        Input({"type": page.SORT_BUTTON, "column": ALL}, "n_clicks"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update_view)
    app.callback(
        Output(URL_ID, "pathname", allow_duplicate=True),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(NAME, "clickData"),
        Input(page.OPEN_ID, "n_clicks"),
        State(page.PICKER_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(open_address)
    app.clientside_callback(DRAW_LABELS, Output(page.LABELS_DRAWN_ID, "children"),
                            Input(NAME, "figure"))
