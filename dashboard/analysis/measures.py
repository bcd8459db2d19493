"""Outcome measures (/measures): the partnership framework's KPI table, one table per theme.

The list of measures and their grouping come from the area file's `[framework]` section; every
figure comes from the measures table. A row gives the area's latest figure with England's for the
same year, the statistical neighbours' average, the lowest and highest district, the direction
of travel and the comparison with national; a row the published data cannot fill says why.
Gaps between pupil groups (e.g. disadvantaged pupils) are the difference of two official figures
for the same area and year. No Dash here.

Settings (in the address): `neighbours`, the statistical-neighbour list (the area file's current
list by default). The whole table downloads as CSV from DOWNLOAD_PATH with the same setting.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

import pandas as pd

from dashboard.analysis.benchmarks import (
    NationalComparison,
    Travel,
    compare_with_national,
    direction_of_travel,
)
from dashboard.analysis.targets import compare, neighbour_lists, neighbour_names
from dashboard.cache import memoize
from dashboard.config import Area, AreaFileError, load_area
from dashboard.settings import Setting, query_string
from dashboard.store import Store
from dashboard.store.readings import ASSESSABLE, MEASURED, Reading, readings
from dashboard.tables import MEASURE_POPULATIONS, MEASURES, PUPIL_GROUPS
from dashboard.vocabulary import GROUP_LABELS, measure_info
from dashboard.wording import format_number, period_label

NEIGHBOURS = "neighbours"
DOWNLOAD_PATH = "/download/outcome-measures.csv"


def settings(area: Area) -> tuple[Setting, ...]:
    return (Setting(NEIGHBOURS, area.current_neighbours, neighbour_lists(area)),)


@dataclass(frozen=True)
class Theme:
    id: str
    name: str
    description: str = ""


@dataclass(frozen=True)
class FrameworkMeasure:
    """One row of the framework: a measure, a gap between two pupil groups, or a measure the
    data cannot fill (`unavailable` says why)."""

    theme: str
    label: str
    measure_id: str | None = None
    population: str = "all"
    pupil_group: str = "all"
    gap: tuple[str, str] | None = None
    unavailable: str | None = None
    note: str | None = None

    @property
    def row_measure_id(self) -> str | None:
        """The measure id of the row's figures (a gap has its own)."""
        if self.measure_id is None or self.gap is None:
            return self.measure_id
        return f"{self.measure_id}_gap_{self.gap[1]}"

    @property
    def higher_is_better(self) -> bool | None:
        if self.measure_id is None:
            return None
        if self.gap is not None:
            return False  # a narrower gap is better
        return measure_info(self.measure_id).higher_is_better

    def trend_link(self) -> str | None:
        """The Trends page for this row's measure (for a gap: the group behind)."""
        if self.measure_id is None:
            return None
        query: dict[str, str] = {"measure": self.measure_id}
        if self.population != "all":
            query["population"] = self.population
        group = self.gap[1] if self.gap else self.pupil_group
        if group != "all":
            query["group"] = group
        return f"/trends?{urlencode(query)}"


@dataclass(frozen=True)
class Framework:
    name: str
    year: str
    grouping_note: str
    grouping_source: str
    grouping_url: str
    themes: tuple[Theme, ...]
    measures: tuple[FrameworkMeasure, ...]


def load_framework(area: Area) -> Framework:
    """The framework from the area file; a malformed section gives an AreaFileError."""
    section: Mapping[str, Any] = area.extra.get("framework", {})
    try:
        themes = tuple(Theme(**theme) for theme in section["themes"])
        measures = tuple(
            FrameworkMeasure(**{**m, "gap": tuple(m["gap"]) if "gap" in m else None})
            for m in section["measures"])
        framework = Framework(
            name=section["name"], year=str(section.get("year", "")),
            grouping_note=section.get("grouping_note", ""),
            grouping_source=section.get("grouping_source", ""),
            grouping_url=section.get("grouping_url", ""), themes=themes, measures=measures)
    except (KeyError, TypeError) as exc:
        raise AreaFileError(f"area file [framework]: missing or unexpected key {exc}") from exc
    known = {t.id for t in themes}
    for m in measures:
        groups = [m.pupil_group, *(m.gap or ())]
        problem = (
            f"theme {m.theme!r} is not listed" if m.theme not in known
            else "needs a measure_id or an 'unavailable' reason"
            if (m.measure_id is None) == (m.unavailable is None)
            else f"population {m.population!r} is unknown"
            if m.population not in MEASURE_POPULATIONS
            else f"pupil group in {groups} is unknown"
            if any(g not in PUPIL_GROUPS for g in groups) else None)
        if problem:
            raise AreaFileError(f"area file [framework] measure {m.label!r}: {problem}")
    return framework


# ---------------------------------------------------------------------------------------------
# Gaps between pupil groups


def gap_rows(measures: pd.DataFrame, measure_id: str, population: str,
             groups: tuple[str, str]) -> pd.DataFrame:
    """Measures-table rows of the gap `groups[0]` minus `groups[1]`, for every area and period
    with both figures; a missing figure leaves the gap missing with its code. Official and
    computed figures only."""
    rows = measures[(measures["measure_id"] == measure_id)
                    & (measures["population"] == population)
                    & measures["status"].isin(ASSESSABLE)]
    keys = ["area_type", "area_code", "area_name", "period"]

    def group(name: str) -> pd.DataFrame:
        chosen = rows[rows["pupil_group"] == name]
        rank = chosen["status"].map({s: i for i, s in enumerate(ASSESSABLE)})
        return (chosen.assign(_rank=rank).sort_values("_rank")
                .drop_duplicates(["area_code", "period"]))

    ahead, behind = group(groups[0]), group(groups[1])
    both = ahead.merge(behind, on=keys, suffixes=("_ahead", "_behind"))
    if both.empty:
        return pd.DataFrame(columns=list(MEASURES.columns))
    value = both["value_ahead"] - both["value_behind"]
    missing = value.isna()
    code = both["note_ahead"].where(both["value_ahead"].isna(), both["note_behind"])
    code = code.fillna("").str.extract(r"^(\[[a-z]+\])", expand=False).fillna("[x]")
    sources = both["source_id_ahead"].where(
        both["source_id_ahead"] == both["source_id_behind"],
        both["source_id_ahead"] + ";" + both["source_id_behind"])
    explain = (f"Gap: {GROUP_LABELS[groups[0]]} minus {GROUP_LABELS[groups[1]]}, from the "
               "published figures for each group.")
    unit = str(rows["unit"].iloc[0]) if len(rows) else "score"
    frame = both[keys].assign(
        measure_id=f"{measure_id}_gap_{groups[1]}", population=population, pupil_group="all",
        value=value.round(2), numerator=None, denominator=None,
        # A gap in percentages is in percentage points, not a percentage.
        unit="score" if unit == "percent" else unit,
        source_id=sources, status="computed",
        note=(code + " " + explain).where(missing, explain))
    return frame[list(MEASURES.columns)]


# ---------------------------------------------------------------------------------------------
# The table


@dataclass(frozen=True)
class KpiRow:
    measure: FrameworkMeasure
    county: Reading | None = None
    england: Reading | None = None
    neighbour_mean: float | None = None
    neighbours_with_data: int = 0
    neighbours_total: int = 0
    district_min: Reading | None = None
    district_max: Reading | None = None
    districts_with_data: int = 0
    district_reason: str = ""
    travel: Travel = field(default_factory=lambda: Travel("Not available", "–"))
    national: NationalComparison = field(
        default_factory=lambda: NationalComparison("Not comparable"))
    not_available: str | None = None  # why the whole row is empty

    @property
    def period(self) -> str | None:
        return self.county.period if self.county else None

    @property
    def unit_words(self) -> str:
        """The unit of a gap, which is not a percentage."""
        if self.measure.gap is None or self.county is None:
            return ""
        return "percentage points" if "pct" in (self.measure.measure_id or "") else "points"

    def neighbour_text(self) -> str:
        if self.neighbour_mean is None or self.county is None:
            return "no figures"
        return format_number(self.neighbour_mean, self.county.unit, self.county.measure_id)


def district_extremes(found: Sequence[Reading], period: str | None) -> tuple[
        Reading | None, Reading | None, int]:
    """The lowest and highest district figures for `period`, or for the latest period with
    district figures when `period` has none; and how many districts have a figure."""
    with_values = [r for r in found if r.value is not None]
    if not with_values:
        return None, None, 0
    periods = {r.period for r in with_values}
    if period not in periods:
        period = max(with_values, key=lambda r: (r.date is not None, r.date)).period
    chosen = [r for r in with_values if r.period == period]
    low = min(chosen, key=lambda r: (r.value, r.area_name))
    high = max(chosen, key=lambda r: (r.value, r.area_name))
    return low, high, len(chosen)


def kpi_row(measures: pd.DataFrame, area: Area, measure: FrameworkMeasure,
            neighbours: Sequence[str], neighbour_list: str) -> KpiRow:
    """One row of the table, from the measures table."""
    if measure.measure_id is None:
        return KpiRow(measure, not_available=measure.unavailable)
    if measure.gap is not None:
        rows = gap_rows(measures, measure.measure_id, measure.population, measure.gap)
        population, group = measure.population, "all"
    else:
        rows = measures[measures["measure_id"] == measure.measure_id]
        population, group = measure.population, measure.pupil_group
    row_id = measure.row_measure_id
    assert row_id is not None
    comparison = compare(rows, row_id, area, population=population, pupil_group=group,
                         neighbours=neighbours, neighbour_list=neighbour_list)
    if comparison.county is None:
        return KpiRow(measure, not_available=f"The published data has no figure for "
                      f"{area.name} on this measure.")
    history = readings(rows, row_id, area.ons_code, population, group, ASSESSABLE)
    higher = measure.higher_is_better
    districts = readings(rows, row_id, list(area.district_codes), population, group, MEASURED)
    low, high, count = district_extremes(districts, comparison.period)
    reason = "" if count else (
        "pupil groups are published for councils only" if measure.gap or group != "all"
        else "published for councils only")
    return KpiRow(
        measure=measure, county=comparison.county, england=comparison.england,
        neighbour_mean=comparison.neighbour_mean,
        neighbours_with_data=comparison.neighbours_with_data,
        neighbours_total=comparison.neighbours_total,
        district_min=low, district_max=high, districts_with_data=count,
        district_reason=reason,
        travel=direction_of_travel(history, higher, current=comparison.county),
        national=compare_with_national(comparison.county, comparison.england, higher,
                                       area.england_name))


def kpi_rows(measures: pd.DataFrame, area: Area, framework: Framework,
             neighbours: Sequence[str], neighbour_list: str) -> list[KpiRow]:
    """Every row of the framework, in the area file's order."""
    wanted = {m.measure_id for m in framework.measures if m.measure_id}
    subset = measures[measures["measure_id"].isin(wanted)]
    return [kpi_row(subset, area, m, neighbours, neighbour_list) for m in framework.measures]


def theme_summary(area: Area, theme: Theme, rows: Sequence[KpiRow]) -> str:
    """One plain sentence: how many of the theme's measures are better or worse than England."""
    better = sum(r.national.relation == "Better than" for r in rows)
    worse = sum(r.national.relation == "Worse than" for r in rows)
    same = sum(r.national.relation == "Same as" for r in rows)
    missing = sum(r.not_available is not None for r in rows)
    compared = better + worse + same
    name = theme.name.lower()
    if compared:
        text = (f"{area.name} is better than {area.england_name} on {better}, worse on {worse}"
                f"{f' and the same on {same}' if same else ''} of the {compared} {name} "
                "measures with a national figure")
    else:
        text = f"None of the {name} measures has a national figure to compare with"
    if missing:
        text += (f"; {missing} {'measure' if missing == 1 else 'measures'} cannot be filled "
                 "from the published data")
    return text + "."


def table_frame(rows: Sequence[KpiRow], framework: Framework, area: Area,
                neighbour_list: str) -> pd.DataFrame:
    """The table as data for the CSV download: figures unformatted, with units, years, and
    what each row lacks."""
    themes = {t.id: t.name for t in framework.themes}
    records = []
    for r in rows:
        county, england = r.county, r.england
        records.append({
            "Theme": themes.get(r.measure.theme, r.measure.theme),
            "Measure": r.measure.label,
            "Measure id": r.measure.row_measure_id or "",
            "Population": r.measure.population,
            "Pupil group": r.measure.pupil_group,
            "Year": period_label(r.period) if r.period else "",
            area.name: county.value if county else None,
            f"{area.name} suppression": county.suppression if county else None,
            "National": england.value if england else None,
            f"Statistical neighbours ({neighbour_list} list, average)":
                None if r.neighbour_mean is None else round(r.neighbour_mean, 2),
            "Neighbours with a figure": r.neighbours_with_data if county else None,
            "District minimum": r.district_min.value if r.district_min else None,
            "District minimum (district)": r.district_min.area_name if r.district_min else "",
            "District maximum": r.district_max.value if r.district_max else None,
            "District maximum (district)": r.district_max.area_name if r.district_max else "",
            "District year": period_label(r.district_min.period) if r.district_min else "",
            "Direction of travel": r.travel.words() if county else "",
            "Compared with national": r.national.words() if county else "",
            "Unit": r.unit_words or (county.unit if county else ""),
            "Status": county.status if county else "",
            "Source": county.source_id if county else "",
            "Not available": r.not_available or (
                f"No district figures: {r.district_reason}" if r.district_reason else ""),
        })
    frame = pd.DataFrame.from_records(records)
    return frame.astype({"Neighbours with a figure": "Int64"})


# ---------------------------------------------------------------------------------------------
# The page's answer


@dataclass(frozen=True)
class ThemeTable:
    theme: Theme
    summary: str
    rows: tuple[KpiRow, ...]


@dataclass(frozen=True)
class MeasuresModel:
    area_name: str
    england_name: str
    framework: Framework
    themes: tuple[ThemeTable, ...]
    neighbour_list: str
    neighbour_lists: tuple[str, ...]  # the current one first
    neighbour_names: tuple[str, ...]
    download_href: str  # the CSV of the table for the same neighbour list


def build_model(store: Store, area: Area, neighbour_list: str) -> MeasuresModel:
    framework = load_framework(area)
    names = neighbour_names(area, store.tables.get("la_codes"), neighbour_list)
    rows = kpi_rows(store.measures, area, framework, list(names), neighbour_list)
    themes = tuple(
        ThemeTable(theme=theme, summary=theme_summary(area, theme, mine), rows=tuple(mine))
        for theme in framework.themes
        if (mine := [r for r in rows if r.measure.theme == theme.id]))
    return MeasuresModel(
        area_name=area.name, england_name=area.england_name, framework=framework,
        themes=themes, neighbour_list=neighbour_list, neighbour_lists=neighbour_lists(area),
        neighbour_names=tuple(names.values()),
        download_href=DOWNLOAD_PATH + query_string({NEIGHBOURS: neighbour_list},
                                                   settings(area)))


@memoize
def outcome_measures(store: Store, neighbours: str) -> MeasuresModel:
    """The page for a build and neighbour list, made once across workers."""
    return build_model(store, load_area(), neighbours)


def table_csv(store: Store, neighbours: str) -> tuple[str, str]:
    """The whole table as CSV for a neighbour list, and its file name."""
    area, model = load_area(), outcome_measures(store, neighbours)
    rows = [row for table in model.themes for row in table.rows]
    frame = table_frame(rows, model.framework, area, neighbours)
    name = f"{area.name.lower().replace(' ', '-')}-outcome-measures-{neighbours}-neighbours.csv"
    return frame.to_csv(index=False), name
