"""Benchmarks: the area's figures against England, its region, its statistical neighbours and
its districts, over time.

Rank among the neighbours, direction of travel and the comparison with national are small pure
functions; `build_trend` gathers every series of the Trends page from the measures table and
`trend_figure` draws it. Nothing here is specific to one council: codes and lists come from the
area file. No Dash here.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    NEIGHBOUR_COLOUR,
    TEXT_COLOUR,
    TRAJECTORY_COLOUR,
    chart_date,
)
from dashboard.config import Area, Target
from dashboard.store.readings import ASSESSABLE, Reading, latest, readings
from dashboard.vocabulary import MeasureInfo, measure_info
from dashboard.wording import (
    format_difference,
    format_reading,
    ordinal,
    period_label,
    shown,
)

POPULATION_LABELS = {
    "all": "all state-funded schools",
    "mainstream": "mainstream schools",
    "primary": "primary schools",
    "secondary": "secondary schools",
    "special": "special schools",
    "ap": "alternative provision and pupil referral units",
    "nursery": "nursery schools",
}
GROUP_LABELS = {
    "all": "all pupils",
    "disadvantaged": "disadvantaged pupils",
    "not_disadvantaged": "pupils not disadvantaged",
    "fsm": "pupils eligible for free school meals",
    "not_fsm": "pupils not eligible for free school meals",
    "sen_ehcp": "pupils with an EHC plan",
    "sen_support": "pupils on SEN support",
    "sen_any": "pupils with any SEN",
    "no_sen": "pupils with no identified SEN",
    "boys": "boys",
    "girls": "girls",
    "eal": "pupils with English as an additional language",
    "not_eal": "pupils with English as a first language",
}

# The series the Trends page can draw besides the area's own.
ENGLAND, REGION, NEIGHBOURS, NEIGHBOUR_AVERAGE, DISTRICTS = (
    "england", "region", "neighbours", "neighbour_average", "districts")
COMPARATORS = (ENGLAND, REGION, NEIGHBOURS, NEIGHBOUR_AVERAGE, DISTRICTS)
DEFAULT_COMPARATORS = (ENGLAND, REGION, NEIGHBOURS)
MEASURED = ("official", "computed", "estimated")

REGION_COLOUR = "#882255"  # Paul Tol's wine: colour-blind safe, 8:1 on white
NEIGHBOUR_LINE_COLOUR = "#6F777B"  # grey context lines, 4.6:1 on white
DISTRICT_COLOUR = "#332288"  # Paul Tol's indigo


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------------------------------------
# Rank among neighbours


@dataclass(frozen=True)
class Rank:
    """A place among the areas compared: 1 is the best (the highest where no side is better)."""

    position: int
    of: int  # areas with a figure
    listed: int  # areas compared, with or without a figure
    tied: bool = False

    def words(self, noun: str = "") -> str:
        """"3rd of 11", "joint 3rd of 11 similar councils", "3rd of 10 with a figure"."""
        text = f"{'joint ' if self.tied else ''}{ordinal(self.position)} of {self.of}"
        text += f" {noun}" if noun else ""
        return text if self.of == self.listed else f"{text} with a figure"


def rank_among(values: Mapping[str, float | None], focus: str, higher_is_better: bool | None,
               listed: int | None = None) -> Rank | None:
    """Where `focus` stands among `values` (area -> figure; None where there is none).

    Standard competition ranking: equal figures share a place and the next place is skipped.
    None when `focus` has no figure.
    """
    mine = values.get(focus)
    if not _known(mine):
        return None
    assert mine is not None
    known = [v for v in values.values() if _known(v)]
    if higher_is_better is False:
        ahead = sum(v < mine for v in known)
    else:
        ahead = sum(v > mine for v in known)
    tied = sum(v == mine for v in known) > 1
    return Rank(ahead + 1, len(known), max(listed or len(values), len(known)), tied)


@dataclass(frozen=True)
class PeriodRank:
    """The area's figure for one period with its rank among itself and its neighbours."""

    period: str
    county: Reading
    rank: Rank | None
    neighbours_with_figure: int
    neighbour_mean: float | None


def ranks_by_period(measures: pd.DataFrame, measure_id: str, area: Area,
                    neighbours: Sequence[str], listed: int, population: str = "all",
                    pupil_group: str = "all") -> list[PeriodRank]:
    """The area's rank among itself and its neighbours (`listed` areas in all) in every period
    the area has a figure for, oldest first."""
    higher = measure_info(measure_id).higher_is_better
    found = readings(measures, measure_id, [area.ons_code, *neighbours], population,
                     pupil_group, ASSESSABLE)
    by_period: dict[str, dict[str, Reading]] = {}
    for reading in found:
        by_period.setdefault(reading.period, {})[reading.area_code] = reading
    ranks = []
    for period, areas in by_period.items():
        county = areas.get(area.ons_code)
        if county is None:
            continue
        values = {code: (shown(r.value, r.unit, measure_id) if r.value is not None else None)
                  for code, r in areas.items()}
        others = [v for code, v in values.items() if code != area.ons_code and v is not None]
        ranks.append(PeriodRank(
            period=period, county=county,
            # A rank needs someone to be ranked against.
            rank=rank_among(values, area.ons_code, higher, listed) if others else None,
            neighbours_with_figure=len(others),
            neighbour_mean=sum(others) / len(others) if others else None))
    return sorted(ranks, key=lambda r: (r.county.date or date.max))


# ---------------------------------------------------------------------------------------------
# Direction of travel and comparison with national

IMPROVING, WORSENING, NO_CHANGE, RISING, FALLING, NOT_AVAILABLE = (
    "Improving", "Getting worse", "No change", "Up", "Down", "Not available")
UP, DOWN, LEVEL, NONE = "↑", "↓", "→", "–"


@dataclass(frozen=True)
class Travel:
    """How the latest figure moved from the one before: a word, an arrow and the change."""

    word: str
    symbol: str
    change: float | None = None
    since: str | None = None  # the earlier period
    unit: str = ""
    measure_id: str = ""

    def detail(self) -> str:
        """"up 1.0 percentage points since 2022/23" ("" when there is nothing to compare)."""
        if self.change is None or self.since is None:
            return ""
        since = f"since {period_label(self.since)}"
        if self.word == NO_CHANGE:
            return since
        size = format_difference(self.change, self.unit, self.measure_id)
        return f"{'up' if self.change > 0 else 'down'} {size} {since}"

    def words(self) -> str:
        """"Improving: up 1.0 percentage points since 2022/23", "No change since 2022/23"."""
        detail = self.detail()
        if not detail:
            return self.word
        return f"{self.word} {detail}" if self.word == NO_CHANGE else f"{self.word}: {detail}"


def direction_of_travel(history: Sequence[Reading], higher_is_better: bool | None,
                        current: Reading | None = None) -> Travel:
    """The latest figure (or `current`) against the most recent earlier figure with a value.

    Equal at the precision shown is "No change"; otherwise "Improving" or "Getting worse" by
    the measure's polarity, or just "Up" / "Down" for a measure with no better side.
    """
    dated = [r for r in history if r.value is not None and r.date is not None]
    current = current if current is not None and current.value is not None else latest(dated)
    if current is None or current.date is None or current.value is None:
        return Travel(NOT_AVAILABLE, NONE)
    earlier = [r for r in dated if r.date < current.date]
    if not earlier:
        return Travel(NOT_AVAILABLE, NONE)
    previous = max(earlier, key=lambda r: r.date or date.min)
    assert previous.value is not None
    unit, measure_id = current.unit, current.measure_id
    change = shown(current.value, unit, measure_id) - shown(previous.value, unit, measure_id)
    common = {"change": change, "since": previous.period, "unit": unit, "measure_id": measure_id}
    if shown(change, unit, measure_id) == 0:
        return Travel(NO_CHANGE, LEVEL, **common)
    rising = change > 0
    symbol = UP if rising else DOWN
    if higher_is_better is None:
        return Travel(RISING if rising else FALLING, symbol, **common)
    return Travel(IMPROVING if rising == higher_is_better else WORSENING, symbol, **common)


BETTER, WORSE, SAME, ABOVE, BELOW, NOT_COMPARABLE = (
    "Better than", "Worse than", "Same as", "Above", "Below", "Not comparable")
SYMBOLS = {BETTER: "✓", WORSE: "✗", SAME: "=", ABOVE: "▲", BELOW: "▼", NOT_COMPARABLE: "–"}


@dataclass(frozen=True)
class NationalComparison:
    """The area against England in words and a symbol (never colour alone)."""

    relation: str  # one of BETTER, WORSE, SAME, ABOVE, BELOW, NOT_COMPARABLE
    difference: float | None = None
    unit: str = ""
    measure_id: str = ""
    england_name: str = "England"

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.relation]

    @property
    def word(self) -> str:
        if self.relation == NOT_COMPARABLE:
            return NOT_COMPARABLE
        return f"{self.relation} {self.england_name}"

    def detail(self) -> str:
        """"1.0 percentage points lower" ("" when the same or not comparable)."""
        if self.difference is None or self.relation in (SAME, NOT_COMPARABLE):
            return ""
        size = format_difference(self.difference, self.unit, self.measure_id)
        return f"{size} {'higher' if self.difference > 0 else 'lower'}"

    def words(self) -> str:
        """"Worse than England (1.0 percentage points lower)"."""
        detail = self.detail()
        return f"{self.word} ({detail})" if detail else self.word


def compare_with_national(county: Reading | None, england: Reading | None,
                          higher_is_better: bool | None,
                          england_name: str = "England") -> NationalComparison:
    """Better, worse or the same as England at the precision shown; above or below for a
    measure with no better side; not comparable when either figure is missing."""
    if county is None or england is None or county.value is None or england.value is None:
        return NationalComparison(NOT_COMPARABLE, england_name=england_name)
    unit, measure_id = county.unit, county.measure_id
    difference = shown(county.value, unit, measure_id) - shown(england.value, unit, measure_id)
    common = {"difference": difference, "unit": unit, "measure_id": measure_id,
              "england_name": england_name}
    if shown(difference, unit, measure_id) == 0:
        return NationalComparison(SAME, **common)
    above = difference > 0
    if higher_is_better is None:
        return NationalComparison(ABOVE if above else BELOW, **common)
    return NationalComparison(BETTER if above == higher_is_better else WORSE, **common)


# ---------------------------------------------------------------------------------------------
# Breaks in series (national changes, so keyed by measure, not by area)


@dataclass(frozen=True)
class SeriesBreak:
    label: str  # a few words, drawn on the chart
    explanation: str  # one sentence, under the chart
    start: date
    end: date | None = None  # None: a change on one date, drawn as a line


PANDEMIC = (date(2019, 9, 1), date(2021, 8, 31))
LEGACY_GRADE_MEASURES = ("pct_schools_good_or_outstanding", "pct_pupils_good_or_outstanding",
                         "pct_schools_inadequate", "pct_schools_outstanding",
                         "pct_schools_requires_improvement")
BREAKS: tuple[tuple[tuple[str, ...], SeriesBreak], ...] = (
    (("ks2_",), SeriesBreak(
        "No assessments", "There were no key stage 2 assessments in 2019/20 and 2020/21 "
        "(COVID-19), so those years have no figures.", *PANDEMIC)),
    (("ks4_",), SeriesBreak(
        "Exams cancelled", "GCSE exams were cancelled in 2019/20 and 2020/21 (COVID-19): grades "
        "were assessed by schools, Progress 8 was not calculated, and those years are not "
        "comparable with others.", *PANDEMIC)),
    (("eyfs_",), SeriesBreak(
        "No assessments", "The early years foundation stage profile was not collected in "
        "2019/20 and 2020/21 (COVID-19).", *PANDEMIC)),
    (("pct_overall_absence", "pct_persistent_absence"), SeriesBreak(
        "School closures", "Absence was not published for 2019/20 and 2020/21 figures are "
        "affected by school closures (COVID-19).", *PANDEMIC)),
    (("n_schools_below_ks2_floor",), SeriesBreak(
        "Floor standard withdrawn", "The key stage 2 floor standard was redefined in 2016 and "
        "withdrawn after 2019; the 2012 figure used the older definition.", date(2019, 9, 1))),
    (LEGACY_GRADE_MEASURES, SeriesBreak(
        "Overall grades ended", "Ofsted stopped giving overall effectiveness grades in September "
        "2024; later figures use each school's last overall grade, and report cards (from "
        "November 2025) are not comparable with them.", date(2024, 9, 1))),
)
ESTIMATE_NOTE = ("Hollow markers are estimates: the inspection history before 2019 was rebuilt "
                 "from partial records (a third-party scrape of Ofsted reports and school lists "
                 "from 2017/18), so it misses some schools and inspections.")


def breaks_for(measure_id: str) -> list[SeriesBreak]:
    return [b for prefixes, b in BREAKS if measure_id.startswith(prefixes)]


# ---------------------------------------------------------------------------------------------
# The Trends page's series


@dataclass(frozen=True)
class TrendView:
    """What the Trends page shows: one measure for one population and pupil group."""

    measure_id: str
    population: str = "all"
    pupil_group: str = "all"
    comparators: tuple[str, ...] = DEFAULT_COMPARATORS
    neighbour_list: str = ""


@dataclass(frozen=True)
class Series:
    name: str
    role: str  # "county", "published", "target" or one of COMPARATORS
    readings: tuple[Reading, ...]


@dataclass(frozen=True)
class Trend:
    view: TrendView
    area_name: str
    england_name: str
    info: MeasureInfo
    unit: str
    series: tuple[Series, ...]
    ranks: tuple[PeriodRank, ...]
    listed: int  # the area and its neighbours in the chosen list
    neighbour_names: tuple[str, ...]
    target: Target | None
    breaks: tuple[SeriesBreak, ...] = field(default=())

    def of_role(self, role: str) -> list[Series]:
        return [s for s in self.series if s.role == role]

    @property
    def county(self) -> tuple[Reading, ...]:
        found = self.of_role("county")
        return found[0].readings if found else ()

    def comparator(self, role: str) -> tuple[Reading, ...]:
        found = self.of_role(role)
        return found[0].readings if found else ()

    @property
    def has_estimates(self) -> bool:
        return any(r.status == "estimated" for s in self.series for r in s.readings)


def neighbour_average(found: Sequence[Reading], listed: int, name: str) -> tuple[Reading, ...]:
    """The simple mean of the neighbours' figures in each period that has one."""
    by_period: dict[str, list[Reading]] = {}
    for reading in found:
        if reading.value is not None:
            by_period.setdefault(reading.period, []).append(reading)
    averages = []
    for period, group in by_period.items():
        first = group[0]
        averages.append(Reading(
            measure_id=first.measure_id, area_type="la", area_code="neighbour_average",
            area_name=name, population=first.population, pupil_group=first.pupil_group,
            period=period, value=sum(r.value or 0.0 for r in group) / len(group),
            unit=first.unit, status="computed",
            source_id=";".join(sorted({r.source_id for r in group})),
            note=f"Simple mean of the {len(group)} of {listed} neighbours with a figure."))
    return tuple(sorted(averages, key=lambda r: r.date or date.max))


def matching_target(area: Area, view: TrendView) -> Target | None:
    if view.pupil_group != "all":
        return None
    return next((t for t in area.targets if t.measure_id == view.measure_id
                 and t.population == view.population), None)


def build_trend(measures: pd.DataFrame, area: Area, view: TrendView,
                neighbours: Mapping[str, str]) -> Trend:
    """Every series the Trends page draws for `view`. `neighbours` maps the chosen list's ONS
    codes to names, in the list's order."""
    measure_id, population, group = view.measure_id, view.population, view.pupil_group
    rows = measures[measures["measure_id"] == measure_id]

    def found(codes: str | Sequence[str], statuses: Sequence[str] = ASSESSABLE) -> tuple[
            Reading, ...]:
        return tuple(readings(rows, measure_id, codes, population, group, statuses))

    county = found(area.ons_code, MEASURED)
    listed = 1 + len(area.neighbour_lists.get(view.neighbour_list, ())) if neighbours else 1
    series = [Series(area.name, "county", county)]
    if ENGLAND in view.comparators:
        series.append(Series(area.england_name, ENGLAND, found(area.england_code)))
    if REGION in view.comparators:
        series.append(Series(area.region_name, REGION, found(area.region_code)))
    neighbour_found = found(list(neighbours))
    if NEIGHBOURS in view.comparators:
        for code, name in neighbours.items():
            mine = tuple(r for r in neighbour_found if r.area_code == code)
            if mine:
                series.append(Series(name, NEIGHBOURS, mine))
    if NEIGHBOUR_AVERAGE in view.comparators:
        name = "Statistical neighbours (average)"
        series.append(Series(name, NEIGHBOUR_AVERAGE,
                             neighbour_average(neighbour_found, listed - 1, name)))
    if DISTRICTS in view.comparators:
        district_found = found(list(area.district_codes), MEASURED)
        for district in area.districts:
            mine = tuple(r for r in district_found if r.area_code == district.code)
            if mine:
                series.append(Series(district.name, DISTRICTS, mine))
    published = found([area.ons_code, area.england_code], ("published",))
    if published:
        series.append(Series("Quoted in the strategy", "published", published))
    unit = next((r.unit for s in series for r in s.readings), "percent")
    breaks = breaks_for(measure_id)
    estimated = [r.date for r in county if r.status == "estimated" and r.date]
    if estimated:
        breaks.append(SeriesBreak("Estimates", ESTIMATE_NOTE, min(estimated), max(estimated)))
    return Trend(
        view=view, area_name=area.name, england_name=area.england_name,
        info=measure_info(measure_id), unit=unit, series=tuple(series),
        ranks=tuple(ranks_by_period(rows, measure_id, area, list(neighbours), listed,
                                    population, group)),
        listed=listed, neighbour_names=tuple(neighbours.values()),
        target=matching_target(area, view), breaks=tuple(breaks))


# ---------------------------------------------------------------------------------------------
# Words


def subject(view: TrendView, info: MeasureInfo) -> str:
    """What is measured, for whom: "Progress 8 score (key stage 4): disadvantaged pupils,
    special schools"."""
    qualifiers = []
    if view.pupil_group != "all":
        qualifiers.append(GROUP_LABELS.get(view.pupil_group, view.pupil_group))
    if view.population != "all":
        qualifiers.append(POPULATION_LABELS.get(view.population, view.population))
    return info.label + (f": {', '.join(qualifiers)}" if qualifiers else "")


def when(period: str) -> str:
    """"at 31 August 2023" for a day, "in June 2026" or "in 2023/24" otherwise."""
    preposition = "at" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period) else "in"
    return f"{preposition} {period_label(period)}"


def latest_rank(trend: Trend) -> PeriodRank | None:
    ranked = [r for r in trend.ranks if r.rank is not None]
    return ranked[-1] if ranked else None


def trend_title(trend: Trend) -> str:
    """The finding: "Staffordshire: 62.0% meeting the KS2 expected standard in 2024/25, below
    England (63.0%) and 4th of 11 similar councils"."""
    current = latest(trend.county)
    if current is None:
        return f"No figures for {trend.area_name}: {subject(trend.view, trend.info)}"
    value = format_reading(current)
    lead = (f"{value} {trend.info.short}" if current.unit in ("percent", "count")
            else f"{trend.info.short} of {value}")
    parts = [f"{trend.area_name}: {lead} {when(current.period)}"]
    england = next((r for r in trend.comparator(ENGLAND) if r.period == current.period), None)
    comparison = compare_with_national(current, england, trend.info.higher_is_better,
                                       trend.england_name)
    if comparison.relation != NOT_COMPARABLE:
        assert england is not None
        relation = comparison.word[:1].lower() + comparison.word[1:]
        parts.append(f"{relation} ({format_reading(england)})")
    ranked = next((r for r in trend.ranks if r.period == current.period and r.rank), None)
    if ranked and ranked.rank:
        parts.append(ranked.rank.words("similar councils"))
    lead, *extra = parts
    return f"{lead}, {' and '.join(extra)}" if extra else lead


def trend_summary(trend: Trend) -> str:
    """One sentence for screen readers: first and latest figures, then the comparators."""
    topic = subject(trend.view, trend.info)
    with_values = [r for r in trend.county if r.value is not None and r.date]
    if not with_values:
        return f"{topic}: there are no figures for {trend.area_name}."
    first, last = with_values[0], with_values[-1]
    text = f"{topic}, {trend.area_name}: {format_reading(first)} {when(first.period)}"
    if last is not first:
        text += f" and {format_reading(last)} {when(last.period)}"
    others = []
    for role in (ENGLAND, REGION, NEIGHBOUR_AVERAGE):
        for s in trend.of_role(role):
            same = next((r for r in s.readings if r.period == last.period and r.value is not None),
                        None)
            if same:
                others.append(f"{s.name} {format_reading(same)}")
    if others:
        text += f"; {when(last.period)}: {', '.join(others)}"
    return text + "."


def trend_data(trend: Trend, source_titles: Mapping[str, str]) -> pd.DataFrame:
    """Exactly the plotted points: one row per series and period, with provenance."""
    records = []
    for s in trend.series:
        for r in s.readings:
            if r.date is None:
                continue
            records.append({
                "Series": s.name, "Area": r.area_name, "value": r.value,
                "suppression": r.suppression or "", "unit": r.unit, "period": r.period,
                "source": "; ".join(source_titles.get(part, part)
                                    for part in r.source_id.split(";")),
                "status": r.status})
    columns = ["Series", "Area", "value", "suppression", "unit", "period", "source", "status"]
    return pd.DataFrame.from_records(records, columns=columns)


# ---------------------------------------------------------------------------------------------
# The figure

STYLES: dict[str, dict[str, Any]] = {
    "county": {"colour": COUNTY_COLOUR, "dash": "solid", "symbol": "circle", "width": 3.5},
    ENGLAND: {"colour": ENGLAND_COLOUR, "dash": "dash", "symbol": "diamond", "width": 2.5},
    REGION: {"colour": REGION_COLOUR, "dash": "dot", "symbol": "square", "width": 2.5},
    NEIGHBOUR_AVERAGE: {"colour": NEIGHBOUR_COLOUR, "dash": "dashdot", "symbol": "triangle-up",
                        "width": 2.5},
    NEIGHBOURS: {"colour": NEIGHBOUR_LINE_COLOUR, "dash": "solid", "symbol": "circle",
                 "width": 1, "size": 4},
    DISTRICTS: {"colour": DISTRICT_COLOUR, "dash": "dot", "symbol": "triangle-down",
                "width": 1.2, "size": 5},
}
# Drawn first to last, so the area's own line is on top.
DRAW_ORDER = (NEIGHBOURS, DISTRICTS, REGION, NEIGHBOUR_AVERAGE, ENGLAND, "county")


def _trace(s: Series, style: Mapping[str, Any], *, legend: str | None = None,
           show_legend: bool = True) -> go.Scatter:
    dated = [r for r in s.readings if r.date is not None]
    many = sum(r.value is not None for r in dated) > 1
    hollow = [r.status == "estimated" for r in dated]
    return go.Scatter(
        x=[chart_date(r.period) for r in dated], y=[r.value for r in dated],
        name=legend or s.name, legendgroup=legend or s.name, showlegend=show_legend,
        mode="lines+markers" if many else "markers",
        line={"color": style["colour"], "dash": style["dash"], "width": style["width"]},
        marker={"symbol": style["symbol"], "size": style.get("size", 8),
                "color": ["white" if h else style["colour"] for h in hollow],
                "line": {"color": style["colour"], "width": 1.5}},
        customdata=[[s.name, period_label(r.period), format_reading(r), r.status]
                    for r in dated],
        hovertemplate="%{customdata[0]}: %{customdata[2]} (%{customdata[1]}, "
                      "%{customdata[3]})<extra></extra>",
    )


def _target_trace(target: Target) -> go.Scatter | None:
    start, end = chart_date(target.baseline_period), chart_date(target.target_period)
    if target.baseline is None or target.target is None or not start or not end:
        return None
    return go.Scatter(
        x=[start, end], y=[target.baseline, target.target], mode="lines+markers+text",
        name=f"Target {target.number}: baseline to target",
        line={"color": TRAJECTORY_COLOUR, "dash": "longdash", "width": 2},
        marker={"symbol": ["circle-open", "star"], "size": [10, 13], "color": TRAJECTORY_COLOUR},
        text=[f"Baseline {target.baseline:g}", f"Target {target.target:g}"],
        textposition=["bottom right", "top center"], textfont={"size": 11},
        hovertemplate="%{text} (%{x|%Y})<extra></extra>")


def _published_trace(s: Series) -> go.Scatter:
    dated = [r for r in s.readings if r.date is not None and r.value is not None]
    return go.Scatter(
        x=[chart_date(r.period) for r in dated], y=[r.value for r in dated],
        name="Quoted in the strategy", mode="markers+text",
        marker={"symbol": "square-open", "size": 10, "color": TEXT_COLOUR,
                "line": {"width": 2}},
        text=[f"{format_reading(r)} ({period_label(r.period)})" for r in dated],
        textposition="top center", textfont={"size": 11, "color": TEXT_COLOUR},
        hovertemplate="%{text}, quoted in the strategy<extra></extra>")


def _draw_break(fig: go.Figure, item: SeriesBreak) -> None:
    if item.end is None:
        fig.add_vline(x=item.start, line={"color": TRAJECTORY_COLOUR, "dash": "dot", "width": 1.5})
        x = item.start
    else:
        fig.add_vrect(x0=item.start, x1=item.end, fillcolor=GRID_COLOUR, opacity=0.6,
                      line_width=0, layer="below")
        x = item.start + (item.end - item.start) / 2
    fig.add_annotation(x=x, y=1, yref="paper", yanchor="bottom", text=item.label,
                       showarrow=False, font={"size": 11, "color": TEXT_COLOUR})


def trend_figure(trend: Trend) -> go.Figure:
    """The measure over time: the area's line on top of England, the region, the neighbours
    (grey, with their average), the districts, the strategy's figures and any target, with the
    breaks in the series marked."""
    fig = go.Figure(layout={
        "height": 420,
        "margin": {"l": 56, "r": 16, "t": 40, "b": 8},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        "legend": {"orientation": "h", "y": -0.12, "x": 0, "yanchor": "top",
                   "font": {"size": 12}},
        "xaxis": {"type": "date", "showgrid": False, "linecolor": TRAJECTORY_COLOUR,
                  "ticks": "outside", "tickformat": "%Y", "fixedrange": True},
        "yaxis": {"gridcolor": GRID_COLOUR, "fixedrange": True,
                  "title": {"text": trend.info.short if trend.unit != "percent" else "%"},
                  "zeroline": trend.unit == "score", "zerolinecolor": TRAJECTORY_COLOUR},
    })
    for item in trend.breaks:
        _draw_break(fig, item)
    if trend.target is not None and (trace := _target_trace(trend.target)) is not None:
        fig.add_trace(trace)
    for role in DRAW_ORDER:
        for i, s in enumerate(trend.of_role(role)):
            if role in (NEIGHBOURS, DISTRICTS):
                legend = ("Statistical neighbours" if role == NEIGHBOURS
                          else f"{trend.area_name}'s districts")
                fig.add_trace(_trace(s, STYLES[role], legend=legend, show_legend=i == 0))
            else:
                fig.add_trace(_trace(s, STYLES[role]))
    for s in trend.of_role("published"):
        fig.add_trace(_published_trace(s))
    if trend.unit == "count":
        fig.update_yaxes(rangemode="tozero")
    return fig
