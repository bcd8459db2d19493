"""The map's questions: each district's figure and rank for the chosen measure, population and
period, the county and England beside them, and the schools drawn as points. No Dash here.

Settings (all in the address): measure, population and period (as on the district profiles),
phase (the school points: all, primary, secondary, special, ap, nursery or none) and sort (the
district table: rank, rank-desc, name, name-desc).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.areas import comparators, district_readings, district_values
from dashboard.analysis.district_measures import (
    MEASURE,
    PERIOD,
    POPULATION,
    POPULATION_WORDS,
    MeasureChoice,
    choices,
    chosen_measure,
    measure_settings,
    rank_scale,
    rank_words,
)
from dashboard.analysis.district_schools import (
    PHASE_LABELS,
    outcome_counts,
    phase_text,
    schools,
    schools_in,
)
from dashboard.cache import memoize
from dashboard.config import Area, load_area
from dashboard.settings import Choices, Setting, query_string
from dashboard.store import Store
from dashboard.store.readings import Reading
from dashboard.wording import format_value, period_label

PHASE, SORT = "phase", "sort"
NO_POINTS = "none"
POINT_LABELS = {**PHASE_LABELS, NO_POINTS: "No school points"}
# Orders of the district table: column, then direction.
SORTS = ("rank", "rank-desc", "name", "name-desc")
DISTRICT_PATH = "/district/"
SCHOOL_PATH = "/school/"


def settings(options: Sequence[MeasureChoice]) -> tuple[Setting, ...]:
    return (*measure_settings(options), Setting(PHASE, "all", tuple(POINT_LABELS)),
            Setting(SORT, "rank", SORTS))


def district_href(code: str, chosen: Mapping[str, str], options: Sequence[MeasureChoice]) -> str:
    """A district profile's address, taking the map's measure settings (not its view ones)."""
    return DISTRICT_PATH + code + query_string(chosen, measure_settings(options))


def toggled(sort: str, column: str) -> str:
    """The table's new order after its `column` button is pressed: that column, ascending
    first; pressed again, the other way."""
    if sort.partition("-")[0] != column:
        return column
    return column if sort.endswith("-desc") else f"{column}-desc"


def selected_address(click: Mapping | None) -> str | None:
    """The address of the district or school selected on the map (customdata[0] of every
    shape and point); None when nothing with an address of this site was selected."""
    points = (click or {}).get("points") or [{}]
    data = points[0].get("customdata")
    href = data[0] if isinstance(data, list | tuple) and data else None
    return href if isinstance(href, str) and href.startswith("/") else None


def map_points(table: pd.DataFrame, phase: str) -> pd.DataFrame:
    """School points for the map: located schools in the chosen phase (none for NO_POINTS),
    with hover text and the address of each school's page."""
    columns = ["urn", "name", "lon", "lat", "outcome", "phase_text", "outcome_text", "href"]
    if table.empty or phase == NO_POINTS:
        return pd.DataFrame(columns=columns)
    chosen = schools_in(table, None, phase)
    chosen = chosen[chosen["lat"].notna() & chosen["lon"].notna()]
    return chosen.assign(phase_text=[phase_text(r) for r in chosen.to_dict("records")],
                         href=[f"{SCHOOL_PATH}{int(u)}" for u in chosen["urn"]])


@dataclass(frozen=True)
class DistrictRow:
    code: str
    name: str
    href: str
    reading: Reading | None
    rank_text: str


@dataclass(frozen=True)
class MapModel:
    """What the map page says besides the map itself."""

    choice: MeasureChoice
    period: str
    phase: str
    sort: str
    rows: tuple[DistrictRow, ...]  # in the table's order
    rank_scale: str  # what rank 1 means: "1 = best"
    caption: str  # the table's caption: what the values are
    comparison: str  # the county and England figures for the same period, in words
    schools_shown: int
    outcome_counts: dict[str, int]


def comparison_words(store: Store, area: Area, choice: MeasureChoice, period: str) -> str:
    county, england = comparators(store.measures, area, choice.measure_id, choice.population,
                                  period)
    parts = []
    for name, reading in ((area.name, county), (area.england_name, england)):
        text = ("no figure" if reading is None else
                format_value(reading.value, reading.unit, reading.measure_id,
                             reading.suppression))
        parts.append(f"{name}: {text}")
    return f"For comparison, {period_label(period)}: " + "; ".join(parts) + "."


def district_table_rows(store: Store, area: Area, chosen: Choices,
                        choice: MeasureChoice) -> tuple[DistrictRow, ...]:
    """Every district with its reading and rank, in the order `chosen[SORT]` asks for."""
    period = chosen[PERIOD]
    found = district_readings(store.measures, area, choice.measure_id, choice.population,
                              period)
    values = district_values(store.measures, area, choice.measure_id, choice.population, period)
    ranked, options = int(values["value"].notna().sum()), choices(store)
    rows = [(record["rank"], DistrictRow(
        code=record["code"], name=record["name"],
        href=district_href(record["code"], chosen, options),
        reading=found.get(record["code"]), rank_text=rank_words(record["rank"], ranked)))
        for record in values.to_dict("records")]
    column, _, direction = chosen[SORT].partition("-")
    if column == "name":
        rows.sort(key=lambda pair: pair[1].name, reverse=direction == "desc")
    else:
        # Districts without a figure stay together after the ranked ones.
        rows.sort(key=lambda pair: (pd.isna(pair[0]), 0 if pd.isna(pair[0]) else int(pair[0])),
                  reverse=direction == "desc")
    return tuple(row for _, row in rows)


def build_model(store: Store, area: Area, chosen: Choices) -> MapModel:
    choice = chosen_measure(choices(store), chosen)
    period = chosen[PERIOD]
    points = map_points(schools(store), chosen[PHASE])
    covered = POPULATION_WORDS.get(choice.population, choice.population)
    return MapModel(
        choice=choice, period=period, phase=chosen[PHASE], sort=chosen[SORT],
        rows=district_table_rows(store, area, chosen, choice),
        rank_scale=rank_scale(choice.measure_id),
        caption=f"{choice.label} by district, {period_label(period)} ({covered})",
        comparison=comparison_words(store, area, choice, period),
        schools_shown=len(points), outcome_counts=outcome_counts(points))


@memoize
def map_model(store: Store, measure: str, population: str, period: str, phase: str,
              sort: str) -> MapModel:
    """The map page's model for a build and settings, made once across workers."""
    chosen = {MEASURE: measure, POPULATION: population, PERIOD: period, PHASE: phase,
              SORT: sort}
    return build_model(store, load_area(), chosen)


def model_for(store: Store, chosen: Mapping[str, str]) -> MapModel:
    """map_model for settings read with `settings`."""
    return map_model(store, chosen[MEASURE], chosen[POPULATION], chosen[PERIOD], chosen[PHASE],
                     chosen[SORT])
