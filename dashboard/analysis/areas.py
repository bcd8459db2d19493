"""Answers more than one page needs about the districts: each district's reading of a measure,
its rank, the county and England beside it, school context by area, and which pupil-group
figures exist by district."""

from __future__ import annotations

import pandas as pd

from dashboard.config import Area
from dashboard.rules import (
    area_schools,
)
from dashboard.store.readings import Reading, at_period, readings
from dashboard.vocabulary import (
    PAIR_BY_KEY,
    measure_info,
)


def district_values(measures: pd.DataFrame, area: Area, measure_id: str, population: str,
                    period: str, pupil_group: str = "all") -> pd.DataFrame:
    """One row per district of the area: its value for the period, the value's code where
    there is none, and its rank among the districts."""
    by_code = district_readings(measures, area, measure_id, population, period, pupil_group)
    records = []
    for district in area.districts:
        reading = by_code.get(district.code)
        records.append({
            "code": district.code, "name": district.name,
            "value": reading.value if reading else None,
            "suppression": (reading.suppression if reading else "x") or "",
            "unit": reading.unit if reading else "",
            "status": reading.status if reading else "",
            "source_id": reading.source_id if reading else "",
            "note": (reading.note if reading else "[x] No figure for this district") or "",
        })
    frame = pd.DataFrame.from_records(records)
    frame["value"] = frame["value"].astype("float64")
    frame["rank"] = rank_values(frame["value"], measure_info(measure_id).higher_is_better)
    return frame

def comparators(measures: pd.DataFrame, area: Area, measure_id: str, population: str,
                period: str, pupil_group: str = "all") -> tuple[Reading | None, Reading | None]:
    """The county's and England's readings for the same measure, population, pupil group and
    period (official or computed figures first, as everywhere)."""
    found = [at_period(readings(measures, measure_id, code, population, pupil_group), period)
             for code in (area.ons_code, area.england_code)]
    return found[0], found[1]

CONTEXT_COLUMNS = {
    "pct_fsm_ever6": "Disadvantaged (free school meals in the last six years)",
    "pct_fsm_current": "Eligible for free school meals now",
    "pct_eal": "English as an additional language",
    "pct_sen_ehcp": "Education, health and care plan",
    "pct_sen_support": "SEN support",
}

def context_by_area(school_context: pd.DataFrame | None, schools: pd.DataFrame | None,
                    area: Area) -> pd.DataFrame:
    """Pupils and census percentages for the county and each district, per year.

    Each percentage is the pupil-weighted mean over the area's schools with a figure. Where the
    year's file gives no pupil numbers (2022/23), schools are weighted by their latest published
    pupils on roll and the row is marked estimated. Columns: area_code, area_name, period,
    characteristic, value, schools, pupils, status, source_id, note.
    """
    columns = ["area_code", "area_name", "period", "characteristic", "value", "schools",
               "pupils", "status", "source_id", "note"]
    if school_context is None or schools is None or school_context.empty or schools.empty:
        return pd.DataFrame(columns=columns)
    placed = area_schools(schools, area)[["urn", "district_code", "pupils"]]
    merged = school_context.merge(placed.rename(columns={"pupils": "pupils_latest"}), on="urn")
    places = [(area.ons_code, area.name, merged)] + [
        (d.code, d.name, merged[merged["district_code"] == d.code]) for d in area.districts]
    records = []
    for period, year in merged.groupby("period"):
        own_counts = year["pupils"].notna().any()
        weights_column = "pupils" if own_counts else "pupils_latest"
        status = "computed" if own_counts else "estimated"
        basis = ("pupils on roll in the same census" if own_counts else
                 "each school's latest published pupils on roll (the file gives none)")
        for code, name, subset in places:
            rows = subset[subset["period"] == period]
            weights = rows[weights_column].astype("float64")
            records.append({"area_code": code, "area_name": name, "period": period,
                            "characteristic": "pupils", "value": float(weights.sum()),
                            "schools": int(weights.notna().sum()), "pupils": float(weights.sum()),
                            "status": status, "source_id": ";".join(sorted(set(rows["source_id"]))),
                            "note": f"Pupils on roll: {basis}."})
            for column in CONTEXT_COLUMNS:
                usable = rows[column].notna() & weights.notna() & (weights > 0)
                value = (float((rows.loc[usable, column] * weights[usable]).sum()
                               / weights[usable].sum()) if usable.any() else None)
                records.append({
                    "area_code": code, "area_name": name, "period": period,
                    "characteristic": column,
                    "value": None if value is None else round(value, 1),
                    "schools": int(usable.sum()), "pupils": float(weights[usable].sum()),
                    "status": status, "source_id": ";".join(sorted(set(rows["source_id"]))),
                    "note": (f"Pupil-weighted mean of {int(usable.sum())} schools' census "
                             f"percentages, weighted by {basis}."),
                })
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["value"] = frame["value"].astype("float64")
    return frame


GENDER_PAIR = PAIR_BY_KEY["boys"]

GENDER_MEASURE = "ks4_attainment8"

DISADVANTAGED_MEASURE = "ks4_progress8"

# Said on each district profile: what the data does not break down by district.
DISTRICT_LIMITS: tuple[str, ...] = (
    "No school-level results by disadvantage, free school meals, SEN or English as an "
    "additional language, except disadvantaged pupils' Progress 8 in 2022/23.",
    "No key stage 2 results for any group of pupils.",
    "Key stage 4 results for boys and girls only for 2015/16 to 2017/18.",
    "Disadvantaged pupils' Progress 8 comes from a re-host without cohort sizes, so district "
    "figures are estimates.",
)


def rank_values(values: pd.Series, higher_is_better: bool | None) -> pd.Series:
    """1 for the best value (the highest when no direction is better); ties share the best
    rank; a missing value has no rank."""
    ranked = values.astype("float64").rank(ascending=higher_is_better is False, method="min")
    return ranked.astype("Int64")

def district_readings(measures: pd.DataFrame, area: Area, measure_id: str, population: str,
                      period: str, pupil_group: str = "all") -> dict[str, Reading]:
    """Each district's reading for the period (the most authoritative status), by code."""
    found = readings(district_rows(measures, pupil_group), measure_id, area.district_codes,
                     population, pupil_group)
    return {r.area_code: r for r in found if r.period == period}


def district_rows(measures: pd.DataFrame, pupil_group: str = "all") -> pd.DataFrame:
    return measures[(measures["area_type"] == "district")
                    & (measures["pupil_group"] == pupil_group)]
