"""Trends and benchmarks (/trends): one measure over time for the area against England, its
region, its statistical neighbours (with the area's rank among them) and its districts.

Settings (in the address): `measure` (any the area has figures for), `population` and `group`
(those the measure has), `compare` (comma-separated: england, region, neighbours,
neighbour_average, districts; empty for none) and `neighbours` (the statistical-neighbour
list). `build_trend` gathers every series the page draws from the measures table. Nothing here
is specific to one council: codes and lists come from the area file. No Dash here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.analysis.benchmarks import PeriodRank, ranks_by_period
from dashboard.analysis.targets import neighbour_lists, neighbour_names
from dashboard.cache import memoize
from dashboard.config import Area, Target, load_area
from dashboard.settings import Choices, Setting, setting_changes, shorten
from dashboard.store import Store
from dashboard.store.readings import ASSESSABLE, MEASURED, Reading, readings
from dashboard.vocabulary import GROUP_LABELS, POPULATION_LABELS, MeasureInfo, measure_info

MEASURE, POPULATION, GROUP, COMPARE, NEIGHBOUR_LIST = (
    "measure", "population", "group", "compare", "neighbours")
DEFAULT_MEASURE = "ks2_rwm_expected_pct"

# The series the page can draw besides the area's own.
ENGLAND, REGION, NEIGHBOURS, NEIGHBOUR_AVERAGE, DISTRICTS = (
    "england", "region", "neighbours", "neighbour_average", "districts")
COMPARATORS = (ENGLAND, REGION, NEIGHBOURS, NEIGHBOUR_AVERAGE, DISTRICTS)
DEFAULT_COMPARATORS = (ENGLAND, REGION, NEIGHBOURS)


# ---------------------------------------------------------------------------------------------
# The settings


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


def catalogue(store: Store, area: Area) -> Catalogue:
    """The area's catalogue, made once per loaded store."""
    return store.derived(f"trends-catalogue:{area.ons_code}",
                         lambda s: build_catalogue(s.measures, area))


def _all_or_first(options: Sequence[str]) -> str:
    return "all" if "all" in options else options[0]


def read_comparators(values: Sequence[str]) -> tuple[str, list[str]]:
    """The comparators named in `compare` (comma-separated, in the page's order; "" for none:
    naming none is a choice of its own), the default when the setting is absent; unknown names
    are left out with a message."""
    if not values:
        return ",".join(DEFAULT_COMPARATORS), []
    named = [p.strip() for p in values[-1].split(",") if p.strip()]
    chosen = ",".join(c for c in COMPARATORS if c in named)
    unknown = [n for n in named if n not in COMPARATORS]
    if not unknown:
        return chosen, []
    shown = ", ".join(f"'{shorten(n)}'" for n in unknown)
    return chosen, [f"{shown} cannot be compared with (choose from {', '.join(COMPARATORS)}), "
                    "so it was left out."]


def settings(store: Store, area: Area) -> tuple[Setting, ...]:
    """The page's settings, in the order of the address."""
    found = catalogue(store, area)
    measures = found.measures

    def populations(chosen: Choices) -> list[str]:
        return found.populations(chosen[MEASURE])

    def groups(chosen: Choices) -> list[str]:
        return found.pupil_groups(chosen[MEASURE], chosen[POPULATION])

    return (
        Setting(MEASURE, DEFAULT_MEASURE if DEFAULT_MEASURE in measures else measures[0],
                measures),
        Setting(POPULATION, lambda chosen: _all_or_first(populations(chosen)), populations),
        Setting(GROUP, lambda chosen: _all_or_first(groups(chosen)), groups),
        Setting(COMPARE, ",".join(DEFAULT_COMPARATORS), read=read_comparators),
        Setting(NEIGHBOUR_LIST, area.current_neighbours, neighbour_lists(area)),
    )


def address_changes(chosen: Choices, store: Store, area: Area) -> dict[str, str | None]:
    """The settings for the address. It always names the measure, as every link to the page
    does, so the address says which chart it shows."""
    return {**setting_changes(chosen, settings(store, area)), MEASURE: chosen[MEASURE]}


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
# The series


@dataclass(frozen=True)
class TrendView:
    """What the page shows: one measure for one population and pupil group."""

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
        return self.comparator("county")

    def comparator(self, role: str) -> tuple[Reading, ...]:
        found = self.of_role(role)
        return found[0].readings if found else ()


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
    """Every series the page draws for `view`. `neighbours` maps the chosen list's ONS codes to
    names, in the list's order."""
    measure_id, population, group = view.measure_id, view.population, view.pupil_group
    rows = measures[measures["measure_id"] == measure_id]

    def found(codes: str | Sequence[str], statuses: Sequence[str] = ASSESSABLE) -> tuple[
            Reading, ...]:
        return tuple(readings(rows, measure_id, codes, population, group, statuses))

    def each_area(found_rows: Sequence[Reading], names: Mapping[str, str],
                  role: str) -> list[Series]:
        """One series per area with figures, in the order of `names` (code -> name)."""
        by_code = [(name, tuple(r for r in found_rows if r.area_code == code))
                   for code, name in names.items()]
        return [Series(name, role, mine) for name, mine in by_code if mine]

    county = found(area.ons_code, MEASURED)
    listed = 1 + len(area.neighbour_lists.get(view.neighbour_list, ())) if neighbours else 1
    series = [Series(area.name, "county", county)]
    if ENGLAND in view.comparators:
        series.append(Series(area.england_name, ENGLAND, found(area.england_code)))
    if REGION in view.comparators:
        series.append(Series(area.region_name, REGION, found(area.region_code)))
    neighbour_found = found(list(neighbours))
    if NEIGHBOURS in view.comparators:
        series += each_area(neighbour_found, neighbours, NEIGHBOURS)
    if NEIGHBOUR_AVERAGE in view.comparators:
        name = "Statistical neighbours (average)"
        series.append(Series(name, NEIGHBOUR_AVERAGE,
                             neighbour_average(neighbour_found, listed - 1, name)))
    if DISTRICTS in view.comparators:
        series += each_area(found(list(area.district_codes), MEASURED),
                            {d.code: d.name for d in area.districts}, DISTRICTS)
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
# The page's answer


@dataclass(frozen=True)
class TrendsModel:
    """The trend, and what the page shows beside its chart."""

    trend: Trend
    england: dict[str, Reading]  # England's figure by period, shown whatever is compared
    current_list: str
    lists: tuple[str, ...]  # every list in the area file, the current one first


@memoize
def trends(store: Store, measure: str, population: str, group: str, compare: str,
           neighbours: str) -> TrendsModel:
    """The page for a build and the page's settings as read (by name), made once across
    workers."""
    area = load_area()
    rows = store.measure_rows(measure)
    view = TrendView(measure, population, group, tuple(c for c in compare.split(",") if c),
                     neighbours)
    names = neighbour_names(area, store.tables.get("la_codes"), neighbours)
    return TrendsModel(
        trend=build_trend(rows, area, view, names),
        england={r.period: r for r in readings(rows, measure, area.england_code, population,
                                               group, ASSESSABLE)},
        current_list=area.current_neighbours, lists=neighbour_lists(area))
