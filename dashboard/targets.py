"""Where each strategy target stands, and how the area compares with England and its neighbours.

Everything here reads the measures table (schema `dashboard.schemas.MEASURES`) and the area file;
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

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import pandas as pd

from dashboard.config import Area, Target

MET = "met"
ON_TRACK = "on track"
OFF_TRACK = "off track"
DISCONTINUED = "measure discontinued"
NO_DATA = "no data"
STATUSES = (MET, ON_TRACK, OFF_TRACK, DISCONTINUED, NO_DATA)

# Which row to trust when the same figure exists with several statuses for one period.
STATUS_PREFERENCE = ("official", "computed", "estimated", "published")
# Statuses preferred for the "latest figure" of a target or comparison; an estimate is used
# for a target only when there is neither, and quoted figures only ever chart.
ASSESSABLE = ("official", "computed")

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

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_ACADEMIC_YEAR = re.compile(r"^(\d{4})[/-](\d{2})\b")
_MONTH_YEAR = re.compile(r"^([A-Za-z]+)\s+(\d{4})$")
_YEAR = re.compile(r"\b(\d{4})\b")
_SUPPRESSION_NOTE = re.compile(r"^\[([a-z]+)\]")


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def looks_like_academic_year(text: str) -> bool:
    """"2023/24" or "2023-24": the second part is the year after the first ("2011-12" is the
    academic year 2011/12, not December 2011; "2026-06" is June 2026)."""
    match = _ACADEMIC_YEAR.match(text)
    return bool(match) and (int(match[1]) + 1) % 100 == int(match[2])


def period_end(period: str) -> date | None:
    """The date a period ends, for ordering and charting; None when the period has no date.

    "2023-08-31" is that day; "2026-06" the end of June 2026; an academic year "2023/24" (or
    "2023-24") ends on 31 August 2024; "August 2014" the end of that month; a bare or worded
    year ("2012", "late 2018") the end of that year; "undated" has none.
    """
    text = str(period).strip()
    if match := _ISO_DATE.match(text):
        return date(*(int(part) for part in match.groups()))
    if looks_like_academic_year(text):
        return date(int(text[:4]) + 1, 8, 31)
    if (match := _ISO_MONTH.match(text)) and 1 <= int(match[2]) <= 12:
        return _month_end(int(match[1]), int(match[2]))
    if (match := _MONTH_YEAR.match(text)) and match[1].lower() in _MONTHS:
        return _month_end(int(match[2]), _MONTHS[match[1].lower()])
    if match := _YEAR.search(text):
        return date(int(match[1]), 12, 31)
    return None


@dataclass(frozen=True)
class Reading:
    """One row of the measures table: a value (or the code saying why there is none)."""

    measure_id: str
    area_type: str
    area_code: str
    area_name: str
    population: str
    pupil_group: str
    period: str
    value: float | None
    unit: str
    status: str
    source_id: str
    note: str | None = None
    numerator: float | None = None
    denominator: float | None = None

    @property
    def date(self) -> date | None:
        return period_end(self.period)

    @property
    def suppression(self) -> str | None:
        """The DfE code ("c", "x", ...) when the value is missing, from the note's "[c] ..."."""
        if self.value is not None:
            return None
        match = _SUPPRESSION_NOTE.match(self.note or "")
        return match[1] if match else "x"


def _optional(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _reading(row: pd.Series) -> Reading:
    return Reading(
        measure_id=str(row["measure_id"]), area_type=str(row["area_type"]),
        area_code=str(row["area_code"]), area_name=str(row["area_name"]),
        population=str(row["population"]), pupil_group=str(row["pupil_group"]),
        period=str(row["period"]), value=_optional(row["value"]), unit=str(row["unit"]),
        status=str(row["status"]), source_id=str(row["source_id"]), note=_text(row["note"]),
        numerator=_optional(row["numerator"]), denominator=_optional(row["denominator"]),
    )


def readings(measures: pd.DataFrame, measure_id: str, area_codes: str | Iterable[str],
             population: str = "all", pupil_group: str = "all",
             statuses: Sequence[str] = STATUS_PREFERENCE) -> list[Reading]:
    """One reading per area and period, oldest first (undated periods last).

    Where a period has rows of several statuses the most authoritative one is kept (official,
    then computed, estimated, published).
    """
    codes = [area_codes] if isinstance(area_codes, str) else list(area_codes)
    rows = measures[measures["measure_id"] == measure_id]  # first: it narrows most
    rows = rows[rows["area_code"].isin(codes) & (rows["population"] == population)
                & (rows["pupil_group"] == pupil_group) & rows["status"].isin(statuses)]
    if rows.empty:
        return []
    rank = rows["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)})
    best = rows.assign(_rank=rank).sort_values("_rank").drop_duplicates(["area_code", "period"])
    found = [_reading(row) for _, row in best.iterrows()]
    return sorted(found, key=lambda r: (r.date or date.max, r.area_code))


def latest(found: Sequence[Reading], *, with_value: bool = True) -> Reading | None:
    """The most recent dated reading (only those with a value unless `with_value` is False)."""
    dated = [r for r in found if r.date is not None and (r.value is not None or not with_value)]
    return max(dated, key=lambda r: r.date) if dated else None


def at_period(found: Sequence[Reading], period: str) -> Reading | None:
    return next((r for r in found if r.period == period), None)


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
