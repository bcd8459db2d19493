"""A district's profile: every district-level measure against the county and England with the
district's rank, the measures it has a trend for, its pupils from the school census, and its
schools with their latest inspection outcome and headline results. No Dash here.

Every figure comes from the measures table or the school-level tables; nothing here computes a
published figure a second way. District context (pupils, % FSM, % EAL, % SEN), which the
measures table does not hold, is dashboard.analysis.areas.context_by_area.

The address names the district by its ONS code; a slug or name (/district/tamworth) is another
name for it. Settings (in the address): measure, population and period (the ranking chart, as
on the map), trend (the trend chart's measure) and phase (the schools table).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.areas import (
    CONTEXT_COLUMNS,
    comparators,
    context_by_area,
    district_rows,
    district_values,
)
from dashboard.analysis.district_measures import (
    MeasureChoice,
    choices,
    first_population,
    measure_choices,
    measure_settings,
)
from dashboard.analysis.district_schools import (
    PHASE_LABELS,
    PHASES,
    day_text,
    phase_text,
    schools,
    schools_in,
)
from dashboard.cache import memoize
from dashboard.config import Area, District, load_area
from dashboard.settings import Setting
from dashboard.store import Store
from dashboard.store.readings import Reading, at_period, readings
from dashboard.wording import format_value, period_label, provenance

TREND, PHASE = "trend", "phase"
DEFAULT_TREND = "pct_schools_good_or_outstanding"
PATH = "/district/"
# The headline results in the schools table, in its column order.
HEADLINE_MEASURES = ("ks2_rwm_expected_pct", "ks4_progress8")


def find_district(text: str) -> District | None:
    """A district of the area by ONS code, slug or name."""
    return load_area().district(text) if text else None


def district_address(code: str) -> str | None:
    """The district's own address (by its ONS code), for any name of it; None if none."""
    district = find_district(code)
    return f"{PATH}{district.code}" if district else None


# --- settings ----------------------------------------------------------------------------------


def trend_choices(measures: pd.DataFrame, code: str) -> tuple[MeasureChoice, ...]:
    """The district-level measures with two or more periods for district `code`."""
    mine = district_rows(measures)
    mine = mine[(mine["area_code"] == code) & mine["value"].notna()]
    counts = mine.groupby(["measure_id", "population"])["period"].nunique()
    return tuple(c for c in measure_choices(measures)
                 if counts.get((c.measure_id, c.population), 0) >= 2)


def _one_per_measure(found: tuple[MeasureChoice, ...]) -> tuple[MeasureChoice, ...]:
    chosen: dict[str, MeasureChoice] = {}
    for option in found:
        if option.measure_id not in chosen or option.population == "all":
            chosen[option.measure_id] = option
    return tuple(chosen.values())


def trend_options(store: Store, code: str) -> tuple[MeasureChoice, ...]:
    """One choice per measure with a trend in the district, its 'all' population where it has
    one; worked out once per loaded store and district."""
    return store.derived(f"district-trends:{code}",
                         lambda s: _one_per_measure(trend_choices(s.measures, code)))


def trend_setting(store: Store, code: str) -> Setting:
    ids = [t.measure_id for t in trend_options(store, code)]
    if not ids:
        # No measure has a trend here: there is nothing to choose, so nothing to correct.
        return Setting(TREND, "")
    return Setting(TREND, DEFAULT_TREND if DEFAULT_TREND in ids else ids[0], ids)


PHASE_SETTING = Setting(PHASE, "all", PHASES)


def settings(store: Store, code: str) -> tuple[Setting, ...]:
    return (*measure_settings(choices(store)), trend_setting(store, code), PHASE_SETTING)


def chosen_trend(store: Store, code: str, chosen: Mapping[str, str]) -> MeasureChoice | None:
    """The trend measure in settings read with `settings`; None when the district has none."""
    return next((t for t in trend_options(store, code) if t.measure_id == chosen[TREND]), None)


# --- measures ----------------------------------------------------------------------------------


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
    options = measure_choices(measures)
    # Only the rows these measures can use: the lookups below then scan a small frame.
    measures = measures[measures["measure_id"].isin({c.measure_id for c in options})
                        & measures["area_code"].isin(
                            [area.ons_code, area.england_code, *area.district_codes])]
    districts = district_rows(measures)
    rows = []
    for choice in options:
        reading = at_period(readings(districts, choice.measure_id, code, choice.population),
                            choice.latest)
        if reading is None:
            continue  # no such schools in this district
        values = district_values(measures, area, choice.measure_id, choice.population,
                                 choice.latest)
        county, england = comparators(measures, area, choice.measure_id, choice.population,
                                      choice.latest)
        rank = values.loc[values["code"] == code, "rank"].iloc[0]
        rows.append(ProfileRow(
            choice=choice, period=choice.latest, district=reading, county=county,
            england=england, rank=None if pd.isna(rank) else int(rank),
            ranked=int(values["value"].notna().sum()),
            headline=choice.population == first_population(options, choice.measure_id)))
    return rows


# --- pupils ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyFigure:
    label: str
    district: str
    county: str


@dataclass(frozen=True)
class ContextRow:
    label: str
    cells: tuple[str, ...]  # district then county, for each period


@dataclass(frozen=True)
class Context:
    """The census table (district and county per year), its key figures and its note."""

    periods: tuple[str, ...] = ()
    rows: tuple[ContextRow, ...] = ()
    figures: tuple[KeyFigure, ...] = ()
    note: str = ""


def _percent(value: float | None) -> str:
    return "[x]" if value is None or pd.isna(value) else f"{value:.1f}%"


def _pupils(value: float | None) -> str:
    return "[x]" if value is None or pd.isna(value) else f"{value:,.0f}"


def area_context(store: Store) -> pd.DataFrame:
    """context_by_area for the store, made once per loaded store."""
    return store.derived("district-context", lambda s: context_by_area(
        s.tables.get("school_context"), s.tables.get("schools"), load_area()))


def context_of(store: Store, area: Area, district: District) -> Context:
    context = area_context(store)
    if context.empty:
        return Context()
    periods = tuple(sorted(set(context["period"])))
    labels = {"pupils": "Pupils on roll", **CONTEXT_COLUMNS}

    def shown(characteristic: str, found: pd.Series) -> str:
        number = None if found.empty else found.iloc[0]
        return _pupils(number) if characteristic == "pupils" else _percent(number)

    def values(code: str, period: str, characteristic: str) -> pd.Series:
        return context[(context["area_code"] == code) & (context["period"] == period)
                       & (context["characteristic"] == characteristic)]["value"]

    rows = [ContextRow(label, tuple(shown(characteristic, values(code, period, characteristic))
                                    for period in periods
                                    for code in (district.code, area.ons_code)))
            for characteristic, label in labels.items()]
    latest = periods[-1]
    figures = []
    for characteristic, label in labels.items():
        mine = values(district.code, latest, characteristic)
        if mine.empty or pd.isna(mine.iloc[0]):
            continue
        figures.append(KeyFigure(f"{label} ({period_label(latest)})", shown(characteristic, mine),
                                 shown(characteristic, values(area.ons_code, latest,
                                                              characteristic))))
    source, _ = provenance(store.sources_by_id(), list(context["source_id"]))
    note = ("Each percentage is the pupil-weighted mean of the schools' census figures; "
            "where a year's file gives no pupil numbers (2022/23) schools are weighted by "
            "their latest published pupils on roll, so those figures are estimates. [x]: not "
            f"in the source. Source: {source}.")
    return Context(periods, tuple(rows), tuple(figures), note)


# --- schools -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SchoolRow:
    urn: int
    name: str
    href: str
    phase: str
    outcome: str  # a key of dashboard.analysis.district_schools.OUTCOME_BY_KEY
    outcome_label: str
    outcome_date: str
    outcome_note: str
    ks2: str
    ks4: str


@dataclass(frozen=True)
class SchoolList:
    rows: tuple[SchoolRow, ...]
    caption: str


def _result_text(school: Mapping, measure_id: str) -> str:
    """A school's latest headline result with its year ("65.0% (2023/24)"); "" for none."""
    period = school.get(f"{measure_id}_period")
    if not isinstance(period, str):
        return ""
    code = school.get(f"{measure_id}_suppression")
    unit = "percent" if measure_id.endswith("_pct") else "score"
    shown = format_value(school.get(f"{measure_id}_value"), unit, measure_id,
                         code if isinstance(code, str) else None)
    return f"{shown} ({period})"


def school_rows(table: pd.DataFrame, code: str, phase: str) -> tuple[SchoolRow, ...]:
    chosen = schools_in(table, code, phase) if len(table) else table
    rows = []
    for school in chosen.to_dict("records"):
        ks2, ks4 = (_result_text(school, measure_id) for measure_id in HEADLINE_MEASURES)
        rows.append(SchoolRow(
            urn=int(school["urn"]), name=school["name"], href=f"/school/{int(school['urn'])}",
            phase=phase_text(school), outcome=school["outcome"],
            outcome_label=school["outcome_label"],
            outcome_date=day_text(school["outcome_date"]),
            outcome_note=school["outcome_note"], ks2=ks2, ks4=ks4))
    return tuple(rows)


@memoize
def district_schools(store: Store, code: str, phase: str) -> SchoolList:
    """The district's schools in a phase, with the table's caption, made once across workers."""
    area = load_area()
    district = area.district(code)
    if district is None:
        raise LookupError(code)
    rows = school_rows(schools(store), code, phase)
    return SchoolList(rows, f"{len(rows)} open state-funded schools in {district.name} that "
                            f"{area.name} is responsible for ({PHASE_LABELS[phase].lower()})")


# --- the profile -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictProfile:
    """What a district's profile says besides its charts and its schools table."""

    code: str
    name: str
    area_name: str
    district_count: int
    key_figures: tuple[KeyFigure, ...]
    measures: tuple[ProfileRow, ...]
    trends: tuple[MeasureChoice, ...]  # the measures the trend chart can show
    context: Context


def build_profile(store: Store, area: Area, district: District) -> DistrictProfile:
    table = schools(store)
    in_district = table[table["district_code"] == district.code] if len(table) else table
    context = context_of(store, area, district)
    school_count = KeyFigure("Open state-funded schools", f"{len(in_district):,}",
                             f"{len(table):,}")
    return DistrictProfile(
        code=district.code, name=district.name, area_name=area.name,
        district_count=len(area.districts), key_figures=(school_count, *context.figures),
        measures=tuple(profile_rows(store.measures, area, district.code)),
        trends=trend_options(store, district.code), context=context)


@memoize
def district_profile(store: Store, code: str) -> DistrictProfile:
    """The profile of the district with ONS code `code`, made once per build across workers."""
    area = load_area()
    district = area.district(code)
    if district is None or district.code != code:
        raise LookupError(code)
    return build_profile(store, area, district)
