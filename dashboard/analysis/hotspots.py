"""Hotspots, for the Education and Skills Strategic Group: where the area's schools and
districts need attention and why, each flag with its reason in words, and the district x measure
grid (district figures from the measures table). The rules are in
dashboard.analysis.hotspot_rules, the assessment and rankings in dashboard.analysis.hotspot_ranking.
No Dash here.

Settings (in the address): `phase` (all, primary, secondary) and `type` (all, mainstream,
special, ap: the type of school), both "all" by default.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from dashboard.analysis.hotspot_ranking import (
    PHASES,
    SCHOOL_TYPES,
    Assessment,
    DistrictHotspot,
    SchoolHotspot,
    any_flag_share,
    assess_schools,
    district_hotspots,
    in_scope,
    no_schools,
    school_hotspots,
)
from dashboard.analysis.hotspot_rules import RULES, HotspotRules, RuleText, load_rules, rule_texts
from dashboard.cache import memoize
from dashboard.config import Area, load_area
from dashboard.settings import Setting
from dashboard.store import Store
from dashboard.store.readings import ASSESSABLE, Reading, latest, readings
from dashboard.vocabulary import measure_info
from dashboard.wording import format_difference, format_number, period_label, shown

PHASE, TYPE = "phase", "type"
SETTINGS = (Setting(PHASE, "all", tuple(PHASES)), Setting(TYPE, "all", SCHOOL_TYPES))
# The store tables the rules read, as a source line names them.
SCHOOL_TABLES = {"inspections": "Ofsted inspections", "ks2_results": "key stage 2 results",
                 "ks4_results": "key stage 4 results", "school_context": "school census and "
                 "absence"}


@memoize
def assessment(store: Store) -> Assessment:
    """Every rule run over the area's schools, once per data build across workers. A store
    without the school tables has no schools to assess."""
    if any(name not in store.tables for name in ("schools", *SCHOOL_TABLES)):
        return no_schools()
    area = load_area()
    return assess_schools(store.tables, area, load_rules(area))


# ---------------------------------------------------------------------------------------------
# The district x measure grid

HIGHER, LOWER, SAME = "higher", "lower", "same"


def position(reading: Reading | None, other: Reading | None) -> str | None:
    """Higher, lower or the same as `other` at the precision shown; None without both."""
    if reading is None or other is None or reading.value is None or other.value is None:
        return None
    unit, measure_id = reading.unit, reading.measure_id
    difference = shown(reading.value, unit, measure_id) - shown(other.value, unit, measure_id)
    if shown(difference, unit, measure_id) == 0:
        return SAME
    return HIGHER if difference > 0 else LOWER


@dataclass(frozen=True)
class GridColumn:
    measure_id: str
    label: str
    population: str
    period: str
    higher_is_better: bool | None
    districts: dict[str, Reading]  # by district code
    county: Reading | None
    england: Reading | None

    @property
    def low(self) -> Reading | None:
        with_values = [r for r in self.districts.values() if r.value is not None]
        return min(with_values, key=lambda r: (r.value, r.area_name)) if with_values else None

    @property
    def high(self) -> Reading | None:
        with_values = [r for r in self.districts.values() if r.value is not None]
        return max(with_values, key=lambda r: (r.value, r.area_name)) if with_values else None

    def range_text(self) -> str:
        low, high = self.low, self.high
        if low is None or high is None or low.value is None or high.value is None:
            return "no figures"
        return format_difference(high.value - low.value, low.unit, self.measure_id)


def grid_population(measure_id: str, phase: str, school_type: str) -> str | None:
    """The measures-table population a grid column shows for the filters, or None when the
    measure has no figures for them. Results are published for all state-funded schools
    together, so they show only when every school type is chosen."""
    if measure_id.startswith(("ks2_", "ks4_")):
        matches = {"ks2_": "primary", "ks4_": "secondary"}[measure_id[:4]]
        return "all" if school_type == "all" and phase in ("all", matches) else None
    return phase if phase != "all" else school_type


def district_grid(measures: pd.DataFrame, area: Area, measure_ids: Sequence[str], phase: str,
                  school_type: str) -> list[GridColumn]:
    """One column per measure with district figures for the filters: each district's figure for
    the latest year England has one too (else the latest year), with the county and England."""
    columns = []
    codes = list(area.district_codes)
    for measure_id in measure_ids:
        population = grid_population(measure_id, phase, school_type)
        if population is None:
            continue
        rows = measures[measures["measure_id"] == measure_id]
        districts = readings(rows, measure_id, codes, population,
                             statuses=("official", "computed", "estimated"))
        if not any(r.value is not None for r in districts):
            continue
        england = readings(rows, measure_id, area.england_code, population, statuses=ASSESSABLE)
        national_periods = {r.period for r in england if r.value is not None}
        both = [r for r in districts if r.value is not None and r.period in national_periods]
        chosen = latest(both) or latest(districts)
        assert chosen is not None
        period = chosen.period
        county = readings(rows, measure_id, area.ons_code, population,
                          statuses=("official", "computed", "estimated"))
        columns.append(GridColumn(
            measure_id=measure_id, label=measure_info(measure_id).label, population=population,
            period=period, higher_is_better=measure_info(measure_id).higher_is_better,
            districts={r.area_code: r for r in districts if r.period == period},
            county=next((r for r in county if r.period == period), None),
            england=next((r for r in england if r.period == period), None)))
    return columns


def grid_summary(columns: Sequence[GridColumn], area: Area) -> str:
    """One sentence: the widest variation across districts."""
    # Percentages only (ranges in other units are not comparable), and those with an England
    # figure first: the headline measures, not shares of a handful of report cards.
    spreads = [(c.england is not None, c.high.value - c.low.value, c) for c in columns
               if c.high is not None and c.low is not None and c.high.value is not None
               and c.low.value is not None and c.high.unit == "percent"]
    if not spreads:
        return f"No measure has figures for {area.name}'s districts with these filters."
    _, spread, column = max(spreads, key=lambda item: item[:2])
    assert column.low is not None and column.high is not None
    return (f"The widest variation between {area.name}'s districts is in "
            f"{column.label[:1].lower() + column.label[1:]}: from "
            f"{format_number(column.low.value or 0, 'percent')} in {column.low.area_name} to "
            f"{format_number(column.high.value or 0, 'percent')} in {column.high.area_name} "
            f"({period_label(column.period)}), a range of "
            f"{format_difference(spread, 'percent')}.")


# ---------------------------------------------------------------------------------------------
# The page for its settings


@dataclass(frozen=True)
class HotspotsModel:
    """What the page shows for one phase and type of school."""

    area_name: str
    england_name: str
    phase: str
    school_type: str
    rules: tuple[tuple[str, RuleText], ...]  # (rule id, its words), in the page's order
    district_rule: str  # how a district is flagged, in words
    districts: tuple[DistrictHotspot, ...]  # every district, ranked
    county_share: float | None  # the share of the schools in scope with at least one flag
    schools: tuple[SchoolHotspot, ...]  # every flagged school, ranked
    schools_in_scope: int
    school_summary: str
    grid: tuple[GridColumn, ...]
    grid_summary: str
    district_names: tuple[tuple[str, str], ...]  # (code, name)


def school_summary(count: int, in_scope_count: int, area: Area) -> str:
    if not count:
        return f"None of the {in_scope_count} schools matching these filters is flagged."
    return (f"{count} of {in_scope_count} open state-funded schools in {area.name} have at "
            "least one flag; those with the most flags come first.")


def district_rule(rules: HotspotRules, area: Area) -> str:
    """How a district is flagged and ranked, with the area file's margin and minimum."""
    minimum = (f" and at least {rules.district_min_schools} of its schools can be assessed"
               if rules.district_min_schools > 1 else "")
    margin = (f" by more than {rules.district_margin:g} percentage points"
              if rules.district_margin else "")
    return (f"a district is flagged on a rule when the share of its schools flagged is above "
            f"the share across {area.name}{margin}{minimum}. Districts are ranked by their "
            "number of flags, then by the share of their schools with at least one flag.")


@memoize
def hotspots(store: Store, phase: str, school_type: str) -> HotspotsModel:
    """The page for a phase and type of school (settings read with SETTINGS), made once
    across workers for a build."""
    area = load_area()
    rules = load_rules(area)
    texts = rule_texts(rules)
    scope = in_scope(assessment(store), phase, school_type)
    schools = school_hotspots(scope, texts)
    grid = district_grid(store.measures, area, rules.grid_measures, phase, school_type)
    return HotspotsModel(
        area_name=area.name, england_name=area.england_name, phase=phase,
        school_type=school_type, rules=tuple((rule, texts[rule]) for rule in RULES),
        district_rule=district_rule(rules, area),
        districts=tuple(district_hotspots(scope, area, rules, texts)),
        county_share=any_flag_share(scope), schools=tuple(schools),
        schools_in_scope=len(scope.schools),
        school_summary=school_summary(len(schools), len(scope.schools), area),
        grid=tuple(grid), grid_summary=grid_summary(grid, area),
        district_names=tuple((d.code, d.name) for d in area.districts))
