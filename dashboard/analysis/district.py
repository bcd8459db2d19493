"""Districts: each measure in each district with its rank among the area's districts, the
schools in a district with their latest inspection outcome and headline results, district
context, and the map and district charts. No Dash here.

Every figure comes from the measures table or the school-level tables; nothing here computes a
published figure a second way. The one thing computed here is district context (pupils, % FSM,
% EAL, % SEN), which the measures table does not hold: pupil-weighted means of the schools'
census percentages, marked computed or estimated like the measures table's own rows.
"""

from __future__ import annotations

import math
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
from shapely.geometry import shape
from shapely.ops import polylabel

from dashboard.analysis.areas import comparators, district_rows, district_values
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    TEXT_COLOUR,
    TRAJECTORY_COLOUR,
    base_layout,
    series,
)
from dashboard.config import Area
from dashboard.rules import (
    BELOW_EXPECTED,
    area_schools,
    in_population,
    latest_per_school,
    predecessor_map,
)
from dashboard.store.readings import Reading, at_period, period_end, readings
from dashboard.tables import REPORT_CARD_AREAS
from dashboard.vocabulary import (
    INADEQUATE,
    OUTSTANDING,
    REQUIRES_IMPROVEMENT,
    measure_info,
    measure_label,
)
from dashboard.wording import (
    at_or_in,
    format_value,
    lower_first,
    period_label,
    provenance,
)

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
GEOJSON_URL = "/geo/districts.geojson"
CHOROPLETH_SCALE = [[0.0, "#F3F6F9"], [1.0, "#5B7083"]]
NO_VALUE_COLOUR = "#FFFFFF"
MAP_HEIGHT = 560

POPULATION_WORDS = {
    "all": "all state-funded schools",
    "mainstream": "mainstream schools",
    "primary": "mainstream primary schools",
    "secondary": "mainstream secondary schools",
    "special": "special schools",
    "ap": "pupil referral units and alternative provision",
    "nursery": "nursery schools",
}
PHASES = ("all", "primary", "secondary", "special", "ap", "nursery")


def dated(period: str) -> str:
    """"at 31 August 2023" for a day; "in June 2026", "in 2022/23" otherwise."""
    return f"{at_or_in(period)} {period_label(period)}"


def population_words(measure_id: str, population: str) -> str:
    """Which schools a figure covers, in words ("all state-funded schools")."""
    if measure_id.startswith(("ks2_", "ks4_")) and population == "all":
        return "pupils in state-funded schools"
    return POPULATION_WORDS.get(population, population)


def ordinal(number: int) -> str:
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(
        number % 10, "th")
    return f"{number}{suffix}"


# ---------------------------------------------------------------------------------------------
# Provenance


# ---------------------------------------------------------------------------------------------
# District measures and ranks


@dataclass(frozen=True)
class MeasureChoice:
    """A district-level measure for one population, with the periods it has."""

    measure_id: str
    population: str
    periods: tuple[str, ...]  # oldest first
    unit: str

    @property
    def label(self) -> str:
        suffix = "" if self.population == "all" else f" ({POPULATION_WORDS[self.population]})"
        return measure_label(self.measure_id) + suffix

    @property
    def latest(self) -> str:
        return self.periods[-1]


def measure_choices(measures: pd.DataFrame) -> tuple[MeasureChoice, ...]:
    """Every measure and population the districts have figures for (pupil group 'all')."""
    rows = district_rows(measures)
    choices = []
    for (measure_id, population), group in rows.groupby(["measure_id", "population"]):
        periods = sorted(set(group["period"]), key=lambda p: period_end(p) or pd.Timestamp.max)
        choices.append(MeasureChoice(str(measure_id), str(population), tuple(periods),
                                     str(group["unit"].iloc[0])))
    return tuple(sorted(choices, key=lambda c: (_topic(c.measure_id), c.label.lower(),
                                                c.population != "all")))


def _topic(measure_id: str) -> int:
    """Inspection measures first, then key stage 2, then key stage 4."""
    if measure_id.startswith("ks4_"):
        return 2
    return 1 if "ks2" in measure_id else 0


def find_choice(choices: Sequence[MeasureChoice], measure_id: str,
                population: str) -> MeasureChoice | None:
    return next((c for c in choices
                 if c.measure_id == measure_id and c.population == population), None)


def rank_words(rank: Any, count: int) -> str:
    """"3rd of 8", or "not ranked" for a district with no value."""
    if rank is None or pd.isna(rank):
        return "not ranked"
    return f"{ordinal(int(rank))} of {count}"


def rank_scale(measure_id: str) -> str:
    """What rank 1 means for a measure."""
    return "1 = highest" if measure_info(measure_id).higher_is_better is None else "1 = best"


@dataclass(frozen=True)
class ProfileRow:
    """One district-level measure in a district profile, against the county and England."""

    choice: MeasureChoice
    period: str
    district: Reading | None
    county: Reading | None
    england: Reading | None
    rank: int | None
    ranked: int  # districts with a value
    headline: bool  # the measure's widest population (else a breakdown by type of school)


def profile_rows(measures: pd.DataFrame, area: Area, code: str) -> list[ProfileRow]:
    """Every district-level measure's latest period for district `code`, with the county,
    England and the district's rank among the area's districts."""
    choices = measure_choices(measures)
    # Only the rows these measures can use: the lookups below then scan a small frame.
    measures = measures[measures["measure_id"].isin({c.measure_id for c in choices})
                        & measures["area_code"].isin(
                            [area.ons_code, area.england_code, *area.district_codes])]
    districts = district_rows(measures)
    rows = []
    for choice in choices:
        reading = at_period(readings(districts, choice.measure_id, code, choice.population),
                            choice.latest)
        if reading is None:
            continue  # no such schools in this district
        values = district_values(measures, area, choice.measure_id, choice.population,
                                 choice.latest)
        county, england = comparators(measures, area, choice.measure_id, choice.population,
                                      choice.latest)
        rank = values.loc[values["code"] == code, "rank"].iloc[0]
        populations = [c.population for c in choices if c.measure_id == choice.measure_id]
        rows.append(ProfileRow(choice=choice, period=choice.latest, district=reading,
                               county=county, england=england,
                               rank=None if pd.isna(rank) else int(rank),
                               ranked=int(values["value"].notna().sum()),
                               headline=choice.population == (
                                   "all" if "all" in populations else populations[0])))
    return rows


# ---------------------------------------------------------------------------------------------
# Schools: latest inspection outcome and headline results


@dataclass(frozen=True)
class Outcome:
    """A latest-inspection outcome as drawn on the map: its colour AND its marker shape."""

    key: str
    label: str
    family: str  # legacy grade, report card, no overall grade, not inspected
    colour: str
    marker: str  # filled, ring, bullseye, dot


# Legacy grades and report cards are different scales (Ofsted says they are not comparable):
# they get different shapes, and report-card grades are never turned into legacy grades.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome("outstanding", "Outstanding", "Legacy overall grade (to August 2024)", "#0072B2",
            "filled"),
    Outcome("good", "Good", "Legacy overall grade (to August 2024)", "#009E73", "filled"),
    Outcome("requires_improvement", "Requires improvement (satisfactory before 2012)",
            "Legacy overall grade (to August 2024)", "#D55E00", "filled"),
    Outcome("inadequate", "Inadequate", "Legacy overall grade (to August 2024)", "#A50026",
            "filled"),
    Outcome("report_card_expected", "Every area at expected standard or above",
            "Report card (from November 2025)", "#5E3C99", "ring"),
    Outcome("report_card_attention", "An area needs attention or urgent improvement",
            "Report card (from November 2025)", "#CC79A7", "ring"),
    Outcome("no_overall_grade", "Inspected, but no overall grade on record",
            "No overall grade", "#505A5F", "bullseye"),
    Outcome("not_inspected", "Not yet inspected (none on record)", "Not yet inspected",
            "#0B0C0C", "dot"),
)
OUTCOME_BY_KEY = {o.key: o for o in OUTCOMES}
GRADE_KEYS = {OUTSTANDING: "outstanding", 2: "good", REQUIRES_IMPROVEMENT: "requires_improvement",
              INADEQUATE: "inadequate"}


def day_text(value: Any) -> str:
    """A date as "12 March 2019" (empty when there is none)."""
    if value is None or pd.isna(value):
        return ""
    day = pd.Timestamp(value)
    return f"{day.day} {day:%B %Y}"


def _indexed_latest(inspections: pd.DataFrame, urns: pd.Series,
                    predecessors: dict[int, list[int]]) -> pd.DataFrame:
    latest = latest_per_school(inspections, urns, predecessors)
    return latest.set_index("urn") if "urn" in latest else latest


def school_outcomes(schools: pd.DataFrame, inspections: pd.DataFrame) -> pd.DataFrame:
    """Each school's latest inspection outcome, following predecessors as Ofsted does for new
    academies: a report card if the latest inspection is one, else the latest legacy overall
    grade, else "no overall grade" when every inspection on record was ungraded (or after
    August 2024), else not yet inspected. Columns: urn, outcome (a key of OUTCOME_BY_KEY),
    outcome_label (words), outcome_date, outcome_note (a later inspection without a grade),
    outcome_text (all of it in one line, for the map)."""
    columns = ["urn", "outcome", "outcome_label", "outcome_date", "outcome_note"]
    predecessors = predecessor_map(schools)
    urns = schools["urn"].astype(int)
    latest_any = _indexed_latest(inspections, urns, predecessors)
    latest_graded = _indexed_latest(inspections[inspections["overall_grade"].notna()], urns,
                                    predecessors)
    records = []
    for urn in urns:
        newest = latest_any.loc[urn] if urn in latest_any.index else None
        graded = latest_graded.loc[urn] if urn in latest_graded.index else None
        if newest is not None and newest["framework"] == "report_card":
            below = sum(newest[c] in BELOW_EXPECTED for c in REPORT_CARD_AREAS)
            key = "report_card_attention" if below else "report_card_expected"
            label = ("Report card: " + (f"{below} area(s) below expected standard" if below
                                        else "every area at expected standard or above"))
            records.append((urn, key, label, newest["inspection_date"], ""))
        elif graded is not None:
            key = GRADE_KEYS[int(graded["overall_grade"])]
            label = graded["overall_label"] if isinstance(graded["overall_label"], str) else (
                OUTCOME_BY_KEY[key].label)
            later = (newest is not None
                     and newest["inspection_date"] > graded["inspection_date"])
            note = (f"Inspected again {day_text(newest['inspection_date'])} without an overall "
                    "grade" if later else "")
            records.append((urn, key, f"{label} (legacy overall grade)",
                            graded["inspection_date"], note))
        elif newest is not None:
            records.append((urn, "no_overall_grade", "Inspected, no overall grade",
                            newest["inspection_date"], ""))
        else:
            records.append((urn, "not_inspected", "Not yet inspected (none on record)", None,
                            ""))
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["outcome_date"] = pd.to_datetime(frame["outcome_date"])
    frame["outcome_text"] = [
        "; ".join(part for part in (label, day_text(day) and f"inspected {day_text(day)}",
                                    lower_first(note)) if part)
        for label, day, note in zip(frame["outcome_label"], frame["outcome_date"],
                                    frame["outcome_note"], strict=True)]
    return frame


def latest_results(results: pd.DataFrame, measure_id: str) -> pd.DataFrame:
    """Each school's latest published figure for one measure (all pupils): value, suppression
    and period, indexed by URN."""
    rows = results[(results["measure_id"] == measure_id) & (results["pupil_group"] == "all")]
    ends = rows["period"].map(lambda p: period_end(p))
    latest = rows.assign(_end=ends).sort_values("_end").drop_duplicates("urn", keep="last")
    return latest.set_index("urn")[["value", "suppression", "period", "source_id"]]


def open_schools(schools: pd.DataFrame, area: Area) -> pd.DataFrame:
    """Open state-funded schools the area's LA is responsible for (as the measures count)."""
    open_now = schools[schools["is_open"].fillna(False).astype(bool)]
    return in_population(area_schools(open_now, area), "all")


HEADLINE_RESULTS = (("ks2_results", "ks2_rwm_expected_pct"), ("ks4_results", "ks4_progress8"))


def school_table(tables: Mapping[str, pd.DataFrame], area: Area) -> pd.DataFrame:
    """Every open state-funded school of the area with its district, latest inspection outcome
    and headline KS2 and KS4 results (latest published year, with suppression codes)."""
    schools = tables.get("schools")
    if schools is None or schools.empty:
        return pd.DataFrame()
    current = open_schools(schools, area)
    inspections = tables.get("inspections")
    if inspections is None:
        inspections = pd.DataFrame(columns=["urn", "inspection_date", "framework",
                                            "overall_grade", "overall_label",
                                            *REPORT_CARD_AREAS])
    # Predecessors are looked up in every school, not only the open ones.
    outcomes = school_outcomes(schools, inspections).set_index("urn")
    frame = current.join(outcomes, on="urn")
    for table_name, measure_id in HEADLINE_RESULTS:
        results = tables.get(table_name)
        if results is None:
            continue
        latest = latest_results(results, measure_id).add_prefix(f"{measure_id}_")
        frame = frame.join(latest, on="urn")
    return frame.sort_values("name", key=lambda s: s.str.lower(), ignore_index=True)


def schools_in(table: pd.DataFrame, code: str | None, phase: str) -> pd.DataFrame:
    """Schools of one district (or all districts when `code` is None) in a phase."""
    chosen = table if code is None else table[table["district_code"] == code]
    return in_population(chosen, phase) if len(chosen) else chosen


def outcome_counts(table: pd.DataFrame) -> dict[str, int]:
    counts = table["outcome"].value_counts() if len(table) else pd.Series(dtype="int64")
    return {o.key: int(counts.get(o.key, 0)) for o in OUTCOMES}


# ---------------------------------------------------------------------------------------------
# District context from the school census


# ---------------------------------------------------------------------------------------------
# The map


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


PHASE_WORDS = {"primary": "Primary", "middle": "Middle", "secondary": "Secondary",
               "all_through": "All-through", "post16": "16 plus", "nursery": "Nursery",
               "not_applicable": "Not applicable"}
TYPE_WORDS = {"special": "special school", "ap": "pupil referral unit or alternative provision"}


def phase_text(row: Mapping[str, Any]) -> str:
    """"Primary", "Secondary special school", ..."""
    phase = PHASE_WORDS.get(str(row.get("phase")), "")
    kind = TYPE_WORDS.get(str(row.get("population")), "")
    if kind:
        return f"{phase} {kind}".strip().capitalize()
    return phase or "Phase not recorded"


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


SCHOOL_PATH = "/school/"


def map_points(table: pd.DataFrame, phase: str | None) -> pd.DataFrame:
    """School points for the map: located schools in the chosen phase (None: no points),
    with hover text and the address of each school's page."""
    columns = ["urn", "name", "lon", "lat", "outcome", "phase_text", "outcome_text", "href"]
    if table.empty or phase is None:
        return pd.DataFrame(columns=columns)
    chosen = schools_in(table, None, phase)
    chosen = chosen[chosen["lat"].notna() & chosen["lon"].notna()]
    return chosen.assign(phase_text=[phase_text(r) for r in chosen.to_dict("records")],
                         href=[f"{SCHOOL_PATH}{int(u)}" for u in chosen["urn"]])


# ---------------------------------------------------------------------------------------------
# Charts about districts


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


def trend_choices(measures: pd.DataFrame, code: str) -> tuple[MeasureChoice, ...]:
    """The district-level measures with two or more periods for district `code`."""
    mine = district_rows(measures)
    mine = mine[(mine["area_code"] == code) & mine["value"].notna()]
    counts = mine.groupby(["measure_id", "population"])["period"].nunique()
    return tuple(c for c in measure_choices(measures)
                 if counts.get((c.measure_id, c.population), 0) >= 2)
