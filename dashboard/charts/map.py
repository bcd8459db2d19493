"""The map's published chart: a choropleth of the districts for one measure, population and
period, with the schools on top as points by their latest inspection outcome.

The boundaries are not sent inside the figure: the page's map fetches them once, by address,
from GEOJSON_URL (with the build id, so browsers cache them per build). Images of the map are
drawn away from the app, so they get the boundaries inside the figure (inline_boundaries).
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape
from shapely.ops import polylabel

from dashboard.analysis.areas import district_values
from dashboard.analysis.district_measures import (
    MEASURE,
    PERIOD,
    POPULATION,
    MeasureChoice,
    choices,
    chosen_measure,
    rank_scale,
    rank_words,
)
from dashboard.analysis.district_schools import OUTCOMES, schools
from dashboard.analysis.map import PHASE, district_href, map_points, settings
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.areas import district_frame
from dashboard.charts.style import FONT_FAMILY, TEXT_COLOUR, empty_chart
from dashboard.config import load_area
from dashboard.settings import Params, read_settings
from dashboard.store import Store
from dashboard.vocabulary import measure_label
from dashboard.wording import format_value, lower_first, period_label, provenance

MAP_CHART = "map"
GEOJSON_URL = "/geo/districts.geojson"
BOUNDARIES = "district_boundaries"
# The sources behind the map besides the measure's own: boundaries and inspections.
MAP_SOURCES = ("ons_districts", "ofsted_latest_2026_06", "ofsted_stats_2023_08_31",
               "ofsted_history_2005_2020")

# The basemap: none by default (nothing is fetched from third parties). Set EDU_MAP_TILES to a
# Plotly map style name ("open-street-map", "carto-positron") or a MapLibre style URL to draw
# tiles under the districts; the site's Content-Security-Policy must then allow that host.
MAP_TILES_ENV = "EDU_MAP_TILES"
# A MapLibre style with a white background and nothing else: no tiles, no sprite and no glyphs
# URL, so the map cannot fetch anything. (Plotly's own "white-bg" names a third-party glyphs
# server, which MapLibre would call for any text layer.)
BLANK_STYLE: dict[str, Any] = {
    "version": 8,
    "name": "blank",
    "sources": {},
    "layers": [{"id": "background", "type": "background",
                "paint": {"background-color": "#ffffff"}}],
}
CHOROPLETH_SCALE = [[0.0, "#F3F6F9"], [1.0, "#5B7083"]]
NO_VALUE_COLOUR = "#FFFFFF"
MAP_HEIGHT = 560


def map_style() -> str | dict[str, Any]:
    """The basemap: EDU_MAP_TILES when set, else the blank style (no third-party requests)."""
    return os.environ.get(MAP_TILES_ENV, "").strip() or BLANK_STYLE


def label_points(geojson: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Where to write each district's name: the point deepest inside its largest part."""
    points = []
    for feature in geojson.get("features", []):
        geometry = shape(feature["geometry"])
        parts = getattr(geometry, "geoms", [geometry])
        largest = max(parts, key=lambda part: part.area)
        point = polylabel(largest, tolerance=0.001)
        points.append({"code": feature["properties"]["code"],
                       "name": feature["properties"]["name"],
                       "lon": round(point.x, 5), "lat": round(point.y, 5)})
    return points


def bounds(geojson: Mapping[str, Any]) -> tuple[float, float, float, float] | None:
    """(west, south, east, north) of all the features."""
    boxes = [shape(f["geometry"]).bounds for f in geojson.get("features", [])]
    if not boxes:
        return None
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes),
            max(b[3] for b in boxes))


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def map_view(box: tuple[float, float, float, float], width: int = 560,
             height: int = 360) -> dict[str, Any]:
    """The centre and MapLibre zoom (512-pixel tiles) that fit `box` in width x height pixels.
    Plotly cannot fit a map with a choropleth by itself. The page's script refits the view to
    the map's real size once it is drawn; this view is for images of the chart, so it fits
    the smallest map area a press image leaves."""
    west, south, east, north = box
    y_south, y_north = _mercator_y(south), _mercator_y(north)
    centre_lat = math.degrees(2 * math.atan(math.exp((y_south + y_north) / 2)) - math.pi / 2)
    zoom_x = math.log2(width * 360 / (512 * (east - west)))
    zoom_y = math.log2(height * 2 * math.pi / (512 * (y_north - y_south)))
    return {"center": {"lon": round((west + east) / 2, 5), "lat": round(centre_lat, 5)},
            "zoom": round(min(zoom_x, zoom_y) - 0.1, 2)}


# Each marker shape is drawn as stacked circles (MapLibre draws circles without a sprite or
# any download): (size offset, colour or "white") from the bottom up. A white halo first, so a
# point stands out on any district shade.
MARKER_LAYERS: dict[str, tuple[tuple[int, str], ...]] = {
    "filled": ((4, "white"), (0, "colour")),
    "ring": ((4, "white"), (0, "colour"), (-6, "white")),
    "bullseye": ((4, "white"), (0, "colour"), (-5, "white"), (-9, "colour")),
    "dot": ((3, "white"), (-4, "colour")),
}
MARKER_SIZE = 11


def _school_traces(points: pd.DataFrame) -> list[go.Scattermap]:
    traces = []
    for outcome in OUTCOMES:
        chosen = points[points["outcome"] == outcome.key]
        if chosen.empty:
            continue
        layers = MARKER_LAYERS[outcome.marker]
        top = max(i for i, (_, fill) in enumerate(layers) if fill == "colour")
        for position, (offset, fill) in enumerate(layers):
            # Only the top coloured circle answers hover and clicks; the rest are drawing.
            answers = {"customdata": chosen[["href", "name", "phase_text",
                                             "outcome_text"]].to_numpy(),
                       "hovertemplate": "<b>%{customdata[1]}</b><br>%{customdata[2]}<br>"
                                        "%{customdata[3]}<br>Select to open the school's "
                                        "page<extra></extra>"} if position == top else {
                "hoverinfo": "skip"}
            traces.append(go.Scattermap(
                lon=chosen["lon"].round(5), lat=chosen["lat"].round(5), mode="markers",
                marker={"size": MARKER_SIZE + offset,
                        "color": outcome.colour if fill == "colour" else "white"},
                name=f"{outcome.family}: {outcome.label}", showlegend=False, **answers))
    return traces


def map_figure(values: pd.DataFrame, points: pd.DataFrame, choice: MeasureChoice, period: str,
               geojson: Mapping[str, Any], geojson_url: str,
               district_links: Mapping[str, str]) -> go.Figure:
    """The district choropleth for one measure and period, with school points on top.

    The boundaries are fetched once from `geojson_url` (not sent inside the figure). The
    district names, with the address of each district's profile, go in layout.meta for the
    page's script to draw over the map (MapLibre would fetch fonts from a third party to draw
    text itself). customdata[0] of every district and school is the address it opens.
    """
    unit, measure_id = choice.unit, choice.measure_id
    shown = values.assign(text=[format_value(v, unit, measure_id, s) for v, s in
                                zip(values["value"], values["suppression"], strict=True)],
                          rank_text=[f"{rank_words(r, int(values['value'].notna().sum()))} "
                                     f"({rank_scale(measure_id)})" for r in values["rank"]],
                          href=[district_links.get(c, "") for c in values["code"]])
    hover = ("<b>%{customdata[1]}</b><br>%{customdata[2]} (" + period_label(period)
             + ")<br>Rank %{customdata[3]}<br>Select to open the district profile<extra></extra>")
    box = bounds(geojson)
    fig = go.Figure()
    missing = shown[shown["value"].isna()]
    if len(missing):
        fig.add_trace(go.Choroplethmap(
            geojson=geojson_url, featureidkey="properties.code", locations=missing["code"],
            z=[0] * len(missing), colorscale=[[0, NO_VALUE_COLOUR], [1, NO_VALUE_COLOUR]],
            showscale=False, marker={"line": {"color": TEXT_COLOUR, "width": 1.5}},
            customdata=missing[["href", "name", "text", "rank_text"]].to_numpy(),
            hovertemplate=hover, name="No figure"))
    present = shown[shown["value"].notna()]
    if len(present):
        fig.add_trace(go.Choroplethmap(
            geojson=geojson_url, featureidkey="properties.code", locations=present["code"],
            z=present["value"], colorscale=CHOROPLETH_SCALE, marker={
                "line": {"color": TEXT_COLOUR, "width": 1.5}, "opacity": 0.9},
            colorbar={"title": {"text": _unit_title(unit), "side": "top"},
                      "orientation": "h", "thickness": 10, "len": 0.5, "x": 0.02,
                      "xanchor": "left", "y": 0.02, "yanchor": "bottom",
                      "bgcolor": "rgba(255,255,255,0.85)", "outlinewidth": 0},
            customdata=present[["href", "name", "text", "rank_text"]].to_numpy(),
            hovertemplate=hover, name=measure_label(measure_id)))
    for trace in _school_traces(points):
        fig.add_trace(trace)
    fig.update_layout(
        height=MAP_HEIGHT, margin={"l": 0, "r": 0, "t": 0, "b": 0},
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        paper_bgcolor="white", showlegend=False, uirevision="districts",
        map={"style": map_style(), **(map_view(box) if box else {})},
        meta={"district_labels": [{**label, "href": district_links.get(label["code"], "")}
                                  for label in label_points(geojson)],
              "bounds": [round(edge, 5) for edge in box] if box else None},
        hoverlabel={"bgcolor": "white", "font": {"color": TEXT_COLOUR}},
    )
    return fig


def inline_boundaries(figure: go.Figure, geojson: Mapping[str, Any]) -> go.Figure:
    """A copy of a map figure with the boundaries inside it instead of their address: for
    drawing an image of it away from the app (kaleido cannot fetch the app's URL)."""
    copy = go.Figure(figure)
    for trace in copy.data:
        if trace.type == "choroplethmap" and isinstance(trace.geojson, str):
            trace.geojson = dict(geojson)
    return copy


def _unit_title(unit: str) -> str:
    return {"percent": "%", "count": "Schools", "score": "Score"}.get(unit, unit)




def boundaries(store: Store) -> dict[str, Any] | None:
    """The district boundaries (GeoJSON) of the build; None when it has none."""
    return store.geojson.get(BOUNDARIES) or None


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


@memoize
def map_chart(store: Store, measure: str, population: str, period: str, phase: str) -> Chart:
    """The district map for a build and settings, made once across workers."""
    geojson = boundaries(store)
    if geojson is None:
        return empty_chart(MAP_CHART, "No district boundaries in this data build",
                           "The map cannot be drawn until the boundaries are built.")
    area, options = load_area(), choices(store)
    chosen = {MEASURE: measure, POPULATION: population, PERIOD: period}
    choice = chosen_measure(options, chosen)
    values = district_values(store.measures, area, measure, population, period)
    points = map_points(schools(store), phase)
    links = {d.code: district_href(d.code, chosen, options) for d in area.districts}
    figure = map_figure(values, points, choice, period, geojson,
                        f"{GEOJSON_URL}?v={store.build_id}", links)
    sources = store.sources_by_id()
    data = district_frame(values, choice.unit, period, sources, "District")
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
    return Chart(figure_id=MAP_CHART, title=chart_title(values, choice, period), summary=summary,
                 figure=figure, data=data, source=source, as_at=as_at,
                 notes=("School points are listed, with their outcomes, on each district's "
                        "profile.",))


def chart_for(store: Store, chosen: Mapping[str, str]) -> Chart:
    """map_chart for settings read with dashboard.analysis.map.settings."""
    return map_chart(store, chosen[MEASURE], chosen[POPULATION], chosen[PERIOD], chosen[PHASE])


def map_builder(store: Store, params: Params, item: str | None) -> Chart:
    """The map for the measure, population, period and school points in `params`."""
    if item is not None:
        raise KeyError(item)
    options = choices(store)
    if not options:
        raise LookupError("no district figures in this store")
    chosen, _ = read_settings(params, settings(options))
    return chart_for(store, chosen)


BUILDERS = {MAP_CHART: map_builder}
