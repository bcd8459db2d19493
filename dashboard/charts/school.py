"""The school profile's published charts: each key stage's headline result over the years,
with the county and England ("school-ks2--<urn>", "school-ks4--<urn>"), as shown and
downloaded; and the profile's locator map."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.school import MeasureHistory, ResultPoint, profile
from dashboard.analysis.school_index import find_school
from dashboard.analysis.school_measures import ACADEMIC_YEARS_WITHOUT_TESTS, KEY_STAGES
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.locator import location_svg, svg_data_uri
from dashboard.charts.registry import ChartBuilder, figure_id
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    NEIGHBOUR_COLOUR,
    TEXT_COLOUR,
)
from dashboard.settings import Params
from dashboard.store import Store
from dashboard.store.readings import Reading
from dashboard.vocabulary import SUPPRESSION_LEGEND
from dashboard.wording import format_number, period_label


def academic_years(first: str, last: str) -> list[str]:
    """Every academic year from `first` to `last`: "2017/18", "2018/19", ..."""
    start, end = int(first[:4]), int(last[:4])
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(start, end + 1)]


def compared_words(value: float, other: Reading | None, unit: str, measure_id: str) -> str:
    """"above England (59.5%)" / "below" / "the same as"."""
    if other is None or other.value is None:
        return ""
    shown = format_number(other.value, unit, measure_id)
    if format_number(value, unit, measure_id) == shown:
        return f"the same as {other.area_name} ({shown})"
    return f"{'above' if value > other.value else 'below'} {other.area_name} ({shown})"


def results_chart(history: MeasureHistory, school_name: str, chart_id: str,
                  sources: Mapping[str, Mapping[str, object]]) -> Chart:
    """The school's figure for a measure over the years, with the county and England: the
    Chart the profile draws and the downloads rebuild."""
    measure = history.measure
    points = history.points
    first_period = points[0].period
    years = academic_years(first_period, points[-1].period)
    by_year = {p.period: p for p in points}
    source_ids: list[str] = []
    records = []

    def add(series: str, area_name: str, population: str, value: float | None,
            suppression: str | None, period: str, source_id: str, status: str) -> None:
        source_ids.append(source_id)
        records.append({"Series": series, "Area": area_name, "Population": population,
                        "value": value, "suppression": suppression or "", "unit": measure.unit,
                        "period": period, "source": titles_by_publisher([source_id], sources),
                        "status": status})

    for p in points:
        add(school_name, f"{p.school_name} (URN {p.urn})", "pupils at the school", p.value,
            p.suppression, p.period, p.source_id, "official")
    for attribute in ("county", "england"):
        for found in (getattr(p, attribute) for p in points):
            if found is not None:
                add(found.area_name, found.area_name, "state-funded schools", found.value,
                    found.suppression, found.period, found.source_id, found.status)
    data = pd.DataFrame.from_records(records)
    fig = go.Figure(layout={
        "height": 300, "margin": {"l": 48, "r": 12, "t": 8, "b": 8},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        # Above the plot, so it never meets the slanted year labels.
        "legend": {"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": years,
                  "fixedrange": True, "tickangle": -45, "automargin": True},
        "yaxis": {"gridcolor": GRID_COLOUR, "fixedrange": True, "zerolinecolor": "#B1B4B6",
                  **({"rangemode": "tozero"} if measure.unit == "percent" else {})},
    })
    styles = ((school_name, COUNTY_COLOUR, "solid", "circle"),
              (None, NEIGHBOUR_COLOUR, "dash", "square"),
              (None, ENGLAND_COLOUR, "dot", "diamond"))
    series = [
        [(y, by_year[y].value if y in by_year else None) for y in years],
        [(y, by_year[y].county.value if y in by_year and by_year[y].county else None)
         for y in years],
        [(y, by_year[y].england.value if y in by_year and by_year[y].england else None)
         for y in years],
    ]
    names = [school_name,
             next((p.county.area_name for p in points if p.county), None),
             next((p.england.area_name for p in points if p.england), None)]
    for (_, colour, dash, symbol), values, name in zip(styles, series, names, strict=True):
        if name is None or all(v is None for _, v in values):
            continue
        fig.add_trace(go.Scatter(
            x=[y for y, _ in values], y=[v for _, v in values], name=name,
            mode="lines+markers", connectgaps=False,
            line={"color": colour, "dash": dash, "width": 2.5},
            marker={"color": colour, "size": 9, "symbol": symbol},
            hovertemplate=f"%{{y}} (%{{x}})<extra>{name}</extra>"))
    latest = next((p for p in reversed(points) if p.value is not None), None)
    title, summary = _results_finding(history, school_name, latest)
    source = "Source: " + titles_by_publisher(list(dict.fromkeys(source_ids)), sources)
    comparator_dates = {period_label(str(sources[r.source_id]["data_date"]))
                        for p in points for r in (p.county, p.england)
                        if r is not None and r.source_id in sources}
    as_at = (f"school results {first_period} to {points[-1].period}" if len(points) > 1
             else f"school results {first_period}")
    if comparator_dates:
        as_at += f"; county and England {', '.join(sorted(comparator_dates))}"
    gaps = [y for y in ACADEMIC_YEARS_WITHOUT_TESTS if y in years]
    notes = (f"No national tests in {' and '.join(gaps)} (COVID-19).",) if gaps else ()
    return Chart(figure_id=chart_id, title=title, summary=summary, figure=fig, data=data,
                 source=source, as_at=as_at or "not known", headline=title, notes=notes)


def _results_finding(history: MeasureHistory, school_name: str,
                     latest: ResultPoint | None) -> tuple[str, str]:
    measure = history.measure
    first, last = history.points[0].period, history.points[-1].period
    if latest is None:
        code = history.points[-1].suppression or "x"
        meaning = SUPPRESSION_LEGEND.get(code, "not available")
        return (f"{school_name}: {measure.label.lower()} not published ([{code}] {meaning})",
                f"Every year from {first} to {last} is withheld or not available for this "
                "school.")
    value = format_number(latest.value, measure.unit, measure.measure_id)
    if measure.unit == "percent":
        lead = f"{value} {measure.phrase} at {school_name} in {latest.period}"
    else:
        lead = f"{school_name}'s {measure.phrase} was {value} in {latest.period}"
    against = [words for words in (
        compared_words(latest.value, latest.england, measure.unit, measure.measure_id),
        compared_words(latest.value, latest.county, measure.unit, measure.measure_id))
        if words]
    title = lead + (f", {against[0]}" if against else "")
    summary = (f"{lead}; " + (" and ".join(against) if against else "no county or England "
                                                                      "figure for that year")
               + f". The chart shows each year with published results from {first} to {last}.")
    return title, summary


def titles_by_publisher(source_ids: Sequence[str],
                        sources: Mapping[str, Mapping[str, object]]) -> str:
    """"<title>; <title> (<publisher>); ...": titles grouped by publisher, each named once."""
    by_publisher: dict[str, list[str]] = {}
    for source_id in source_ids:
        meta = sources.get(source_id, {})
        by_publisher.setdefault(str(meta.get("publisher", "")), []).append(
            str(meta.get("title", source_id)))
    return "; ".join("; ".join(titles) + (f" ({publisher})" if publisher else "")
                     for publisher, titles in by_publisher.items())




def chart_name(key_stage: str) -> str:
    """The name of a key stage's results chart: "school-ks2"."""
    return f"school-{key_stage}"


@memoize
def results_charts(store: Store, urn: str) -> dict[str, Chart]:
    """Each key stage's headline results chart for the school with this URN ({} when there is
    no such school), made once per build and school across workers."""
    model = profile(store, urn)
    if model is None:
        return {}
    sources = store.sources_by_id()
    name = model.summary.name
    return {stage.key_stage: results_chart(
        stage.headline, name, figure_id(chart_name(stage.key_stage), str(model.summary.urn)),
        sources) for stage in model.results if stage.headline is not None}


@memoize
def school_map(store: Store, urn: str) -> str | None:
    """The locator map of the school with this URN as a data: URI; None without a position or
    district boundaries."""
    school = find_school(store, urn)
    if school is None or school.lat is None or school.lon is None:
        return None
    svg = location_svg(store.geojson.get("district_boundaries", {}), school.lat, school.lon,
                       school.district_code)
    return svg_data_uri(svg) if svg else None


def _results_builder(key_stage: str) -> ChartBuilder:
    def build(store: Store, _params: Params, item: str | None) -> Chart:
        """The key stage's results chart of school `item` (its URN), as its profile shows it."""
        return results_charts(store, item or "")[key_stage]

    return build


BUILDERS = {chart_name(stage): _results_builder(stage) for stage in KEY_STAGES}
