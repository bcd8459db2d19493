"""Where each strategy target stands, and how the area compares with England and its neighbours.

Everything here reads the measures table (schema `dashboard.tables.MEASURES`) and the area file;
nothing is hard-coded about Staffordshire. A target's status is one of:

* "met": the latest figure reaches the target (for `vs_england`: at least the England figure);
* "on track": the target date has not passed and the latest figure is at or beyond the straight
  line from the baseline to the target;
* "off track": otherwise;
* "measure discontinued": the measure was withdrawn or changed (the area file's
  `discontinued_from` is on or before the reference date). The last figure is still assessed
  against the target, in `TargetAssessment.last_reading_status`;
* "no data": the measures table has no figure for it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.config import Area, Target
from dashboard.store.readings import ASSESSABLE, Reading, at_period, latest, period_end, readings
from dashboard.vocabulary import DISCONTINUED, MET, NO_DATA, OFF_TRACK, ON_TRACK

# Evidence that replaces a discontinued measure. Keyed by measure id because the changes are
# national (Ofsted's September 2024 framework, DfE's withdrawal of floor standards), not local.
SUCCESSOR_MEASURES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(
        ("pct_pupils_good_or_outstanding", "pct_schools_inadequate",
         "pct_schools_good_or_outstanding"),
        ("pct_schools_no_overall_grade", "n_schools_with_report_card",
         "pct_report_card_grades_expected_or_above",
         "pct_report_card_schools_any_needs_attention"),
    ),
    "n_schools_below_ks2_floor": ("ks2_rwm_expected_pct",),
}


# ---------------------------------------------------------------------------------------------
# Target status


def trajectory_value(baseline: float, target: float, baseline_date: date, target_date: date,
                     when: date) -> float:
    """The value on the straight line from baseline to target at `when` (held after the end)."""
    span = (target_date - baseline_date).days
    if span <= 0 or when >= target_date:
        return target
    share = max(0.0, (when - baseline_date).days / span)
    return baseline + (target - baseline) * share


def target_status(direction: str, value: float | None, when: date | None, *,
                  baseline: float | None = None, target: float | None = None,
                  baseline_date: date | None = None, target_date: date | None = None,
                  comparator: float | None = None) -> str:
    """Met, on track or off track for one figure (no data when the figure is missing).

    `direction` is "up" (higher is better), "down" (lower is better) or "vs_england" (at least
    the national figure, given as `comparator`, for a measure where higher is better).
    """
    if value is None:
        return NO_DATA
    if direction == "vs_england":
        if comparator is None:
            return NO_DATA
        return MET if value >= comparator else OFF_TRACK
    if direction not in ("up", "down"):
        raise ValueError(f"unknown target direction {direction!r}")
    if target is None:
        return NO_DATA
    better_or_equal = (lambda a, b: a >= b) if direction == "up" else (lambda a, b: a <= b)
    if better_or_equal(value, target):
        return MET
    if (when is None or baseline is None or baseline_date is None or target_date is None
            or when >= target_date):
        return OFF_TRACK
    expected = trajectory_value(baseline, target, baseline_date, target_date, when)
    return ON_TRACK if better_or_equal(value, expected) else OFF_TRACK


@dataclass(frozen=True)
class Comparison:
    """An area's figure beside England's (same period) and its statistical neighbours' mean."""

    measure_id: str
    population: str
    pupil_group: str
    county: Reading | None
    england: Reading | None = None
    neighbour_mean: float | None = None
    neighbours_with_data: int = 0
    neighbours_total: int = 0
    neighbour_list: str = ""

    @property
    def period(self) -> str | None:
        return self.county.period if self.county else None


@dataclass(frozen=True)
class TargetAssessment:
    target: Target
    status: str
    latest: Reading | None
    last_reading_status: str
    history: tuple[Reading, ...]
    comparator: Reading | None = None  # England, same period as `latest`
    comparator_history: tuple[Reading, ...] = ()  # England over time
    successors: tuple[Comparison, ...] = field(default=())
    supporting: tuple[Comparison, ...] = field(default=())

    @property
    def discontinued(self) -> bool:
        return self.status == DISCONTINUED


def is_discontinued(target: Target, as_of: date) -> bool:
    if not target.discontinued_from:
        return False
    return date.fromisoformat(target.discontinued_from) <= as_of


def assess_target(target: Target, measures: pd.DataFrame, area: Area,
                  as_of: date) -> TargetAssessment:
    """The status of one target on the latest official or computed county figure (or, when
    there is none, the latest estimate)."""
    history = readings(measures, target.measure_id, area.ons_code, target.population)
    # An estimate stands in only where there is no official or computed figure (and says so).
    current = (latest([r for r in history if r.status in ASSESSABLE])
               or latest([r for r in history if r.status == "estimated"]))
    comparator_history = readings(measures, target.measure_id, area.england_code,
                                  target.population, statuses=ASSESSABLE)
    comparator = at_period(comparator_history, current.period) if current else None
    last_status = target_status(
        target.direction, current.value if current else None, current.date if current else None,
        baseline=target.baseline, target=target.target,
        baseline_date=period_end(target.baseline_period),
        target_date=period_end(target.target_period),
        comparator=comparator.value if comparator else None,
    )
    discontinued = is_discontinued(target, as_of)
    return TargetAssessment(
        target=target,
        status=DISCONTINUED if discontinued else last_status,
        latest=current,
        last_reading_status=last_status,
        history=tuple(history),
        comparator=comparator,
        comparator_history=tuple(comparator_history),
        successors=tuple(compare(measures, m, area) for m in
                         SUCCESSOR_MEASURES.get(target.measure_id, ())) if discontinued else (),
        supporting=tuple(compare(measures, m, area, population=target.population)
                         for m in target.supporting_measures),
    )


def measures_used(area: Area) -> set[str]:
    """Every measure id the target assessments read."""
    return {measure for t in area.targets
            for measure in (t.measure_id, *t.supporting_measures,
                            *SUCCESSOR_MEASURES.get(t.measure_id, ()))}


def assess_targets(measures: pd.DataFrame, area: Area, as_of: date) -> list[TargetAssessment]:
    return [assess_target(t, measures, area, as_of) for t in sorted(area.targets,
                                                                     key=lambda t: t.number)]


# ---------------------------------------------------------------------------------------------
# Comparisons with England and statistical neighbours


def neighbour_codes(area: Area, la_codes: pd.DataFrame | None, list_year: str) -> tuple[str, ...]:
    """ONS codes of the statistical neighbours in list `list_year` (DfE LA numbers -> ONS codes).

    Neighbours without a known ONS code are left out (and so count as "no data").
    """
    numbers = area.neighbour_lists.get(list_year, ())
    if la_codes is None or la_codes.empty:
        return ()
    lookup = la_codes.dropna(subset=["ons_code"]).set_index("la_number")["ons_code"]
    return tuple(str(lookup[n]) for n in numbers if n in lookup.index)


def neighbour_names(area: Area, la_codes: pd.DataFrame | None,
                    list_year: str) -> dict[str, str]:
    """ONS code -> name of the statistical neighbours in list `list_year`, in the list's order
    (the code stands in for a name the LA code table lacks)."""
    codes = neighbour_codes(area, la_codes, list_year)
    if la_codes is None or not codes:
        return {}
    names = la_codes.dropna(subset=["ons_code"]).set_index("ons_code")["la_name"]
    return {code: str(names.get(code, code)) for code in codes}


def compare(measures: pd.DataFrame, measure_id: str, area: Area, *,
            population: str = "all", pupil_group: str = "all",
            neighbours: Sequence[str] = (), neighbour_list: str = "") -> Comparison:
    """The county's figure (or its suppression code) with England's and the mean of the
    neighbours' figures for the same period: the latest period England has too, else the
    county's latest."""
    county_found = readings(measures, measure_id, area.ons_code, population, pupil_group,
                            ASSESSABLE)
    england_found = readings(measures, measure_id, area.england_code, population, pupil_group,
                             ASSESSABLE)
    england_periods = {r.period for r in england_found}
    county = (latest([r for r in county_found if r.period in england_periods], with_value=False)
              or latest(county_found, with_value=False))
    listed = len(area.neighbour_lists.get(neighbour_list, ())) or len(neighbours)
    base = {"measure_id": measure_id, "population": population, "pupil_group": pupil_group,
            "neighbours_total": listed, "neighbour_list": neighbour_list}
    if county is None:
        return Comparison(county=None, **base)
    england = at_period(england_found, county.period)
    values = [r.value for r in readings(measures, measure_id, neighbours, population, pupil_group,
                                        ASSESSABLE)
              if r.period == county.period and r.value is not None]
    return Comparison(county=county, england=england,
                      neighbour_mean=sum(values) / len(values) if values else None,
                      neighbours_with_data=len(values), **base)


def neighbour_lists(area: Area) -> tuple[str, ...]:
    """The area file's neighbour lists, the current one first, then newest first."""
    others = sorted((y for y in area.neighbour_lists if y != area.current_neighbours),
                    reverse=True)
    return (area.current_neighbours, *others)
