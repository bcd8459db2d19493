"""The schools the map and the district profiles show: every open state-funded school of the
area with its district, its latest inspection outcome (drawn by colour AND shape) and its
headline results, and the phases a reader can pick them by. No Dash here.

Legacy overall grades and report cards are different scales (Ofsted says they are not
comparable), so an outcome is one or the other and a report card is never turned into a grade.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.config import Area, load_area
from dashboard.rules import (
    BELOW_EXPECTED,
    area_schools,
    in_population,
    latest_per_school,
    predecessor_map,
)
from dashboard.store import Store
from dashboard.store.readings import period_end
from dashboard.tables import REPORT_CARD_AREAS
from dashboard.vocabulary import GOOD, INADEQUATE, OUTSTANDING, REQUIRES_IMPROVEMENT
from dashboard.wording import lower_first

PHASES = ("all", "primary", "secondary", "special", "ap", "nursery")
PHASE_LABELS = {"all": "All state-funded schools", "primary": "Mainstream primary (and middle)",
                "secondary": "Mainstream secondary (and all-through)",
                "special": "Special schools", "ap": "Pupil referral units and AP",
                "nursery": "Nursery schools"}



@dataclass(frozen=True)
class Outcome:
    """A latest-inspection outcome as drawn on the map: its colour AND its marker shape."""

    key: str
    label: str
    family: str  # legacy grade, report card, no overall grade, not inspected
    colour: str
    marker: str  # filled, ring, bullseye, dot


# Legacy grades and report cards get different shapes as well as colours.
OUTCOMES: tuple[Outcome, ...] = (
    Outcome("outstanding", "Outstanding", "Legacy overall grade (to August 2024)", "#0072B2",
            "filled"),
    Outcome("good", "Good", "Legacy overall grade (to August 2024)", "#009E73", "filled"),
    Outcome("requires_improvement", "Requires improvement (satisfactory before 2012)",
            "Legacy overall grade (to August 2024)", "#D55E00", "filled"),
    Outcome("inadequate", "Inadequate", "Legacy overall grade (to August 2024)", "#A50026",
            "filled"),
    Outcome("report_card_expected", "Every area at expected standard or above",
            "Report card (from November 2025)", "#5E3C99", "ring"),
    Outcome("report_card_attention", "An area needs attention or urgent improvement",
            "Report card (from November 2025)", "#CC79A7", "ring"),
    Outcome("no_overall_grade", "Inspected, but no overall grade on record",
            "No overall grade", "#505A5F", "bullseye"),
    Outcome("not_inspected", "Not yet inspected (none on record)", "Not yet inspected",
            "#0B0C0C", "dot"),
)
OUTCOME_BY_KEY = {o.key: o for o in OUTCOMES}
GRADE_KEYS = {OUTSTANDING: "outstanding", GOOD: "good",
              REQUIRES_IMPROVEMENT: "requires_improvement", INADEQUATE: "inadequate"}


def day_text(value: Any) -> str:
    """A date as "12 March 2019" (empty when there is none)."""
    if value is None or pd.isna(value):
        return ""
    day = pd.Timestamp(value)
    return f"{day.day} {day:%B %Y}"


def _indexed_latest(inspections: pd.DataFrame, urns: pd.Series,
                    predecessors: dict[int, list[int]]) -> pd.DataFrame:
    latest = latest_per_school(inspections, urns, predecessors)
    return latest.set_index("urn") if "urn" in latest else latest


def school_outcomes(schools: pd.DataFrame, inspections: pd.DataFrame) -> pd.DataFrame:
    """Each school's latest inspection outcome, following predecessors as Ofsted does for new
    academies: a report card if the latest inspection is one, else the latest legacy overall
    grade, else "no overall grade" when every inspection on record was ungraded (or after
    August 2024), else not yet inspected. Columns: urn, outcome (a key of OUTCOME_BY_KEY),
    outcome_label (words), outcome_date, outcome_note (a later inspection without a grade),
    outcome_text (all of it in one line, for the map)."""
    columns = ["urn", "outcome", "outcome_label", "outcome_date", "outcome_note"]
    predecessors = predecessor_map(schools)
    urns = schools["urn"].astype(int)
    latest_any = _indexed_latest(inspections, urns, predecessors)
    latest_graded = _indexed_latest(inspections[inspections["overall_grade"].notna()], urns,
                                    predecessors)
    records = []
    for urn in urns:
        newest = latest_any.loc[urn] if urn in latest_any.index else None
        graded = latest_graded.loc[urn] if urn in latest_graded.index else None
        if newest is not None and newest["framework"] == "report_card":
            below = sum(newest[c] in BELOW_EXPECTED for c in REPORT_CARD_AREAS)
            key = "report_card_attention" if below else "report_card_expected"
            label = ("Report card: " + (f"{below} area(s) below expected standard" if below
                                        else "every area at expected standard or above"))
            records.append((urn, key, label, newest["inspection_date"], ""))
        elif graded is not None:
            key = GRADE_KEYS[int(graded["overall_grade"])]
            label = graded["overall_label"] if isinstance(graded["overall_label"], str) else (
                OUTCOME_BY_KEY[key].label)
            later = (newest is not None
                     and newest["inspection_date"] > graded["inspection_date"])
            note = (f"Inspected again {day_text(newest['inspection_date'])} without an overall "
                    "grade" if later else "")
            records.append((urn, key, f"{label} (legacy overall grade)",
                            graded["inspection_date"], note))
        elif newest is not None:
            records.append((urn, "no_overall_grade", "Inspected, no overall grade",
                            newest["inspection_date"], ""))
        else:
            records.append((urn, "not_inspected", "Not yet inspected (none on record)", None,
                            ""))
    frame = pd.DataFrame.from_records(records, columns=columns)
    frame["outcome_date"] = pd.to_datetime(frame["outcome_date"])
    frame["outcome_text"] = [
        "; ".join(part for part in (label, day_text(day) and f"inspected {day_text(day)}",
                                    lower_first(note)) if part)
        for label, day, note in zip(frame["outcome_label"], frame["outcome_date"],
                                    frame["outcome_note"], strict=True)]
    return frame


def latest_results(results: pd.DataFrame, measure_id: str) -> pd.DataFrame:
    """Each school's latest published figure for one measure (all pupils): value, suppression
    and period, indexed by URN."""
    rows = results[(results["measure_id"] == measure_id) & (results["pupil_group"] == "all")]
    ends = rows["period"].map(lambda p: period_end(p))
    latest = rows.assign(_end=ends).sort_values("_end").drop_duplicates("urn", keep="last")
    return latest.set_index("urn")[["value", "suppression", "period", "source_id"]]


def open_schools(schools: pd.DataFrame, area: Area) -> pd.DataFrame:
    """Open state-funded schools the area's LA is responsible for (as the measures count)."""
    open_now = schools[schools["is_open"].fillna(False).astype(bool)]
    return in_population(area_schools(open_now, area), "all")


HEADLINE_RESULTS = (("ks2_results", "ks2_rwm_expected_pct"), ("ks4_results", "ks4_progress8"))


def school_table(tables: Mapping[str, pd.DataFrame], area: Area) -> pd.DataFrame:
    """Every open state-funded school of the area with its district, latest inspection outcome
    and headline KS2 and KS4 results (latest published year, with suppression codes)."""
    schools = tables.get("schools")
    if schools is None or schools.empty:
        return pd.DataFrame()
    current = open_schools(schools, area)
    inspections = tables.get("inspections")
    if inspections is None:
        inspections = pd.DataFrame(columns=["urn", "inspection_date", "framework",
                                            "overall_grade", "overall_label",
                                            *REPORT_CARD_AREAS])
    # Predecessors are looked up in every school, not only the open ones.
    outcomes = school_outcomes(schools, inspections).set_index("urn")
    frame = current.join(outcomes, on="urn")
    for table_name, measure_id in HEADLINE_RESULTS:
        results = tables.get(table_name)
        if results is None:
            continue
        latest = latest_results(results, measure_id).add_prefix(f"{measure_id}_")
        frame = frame.join(latest, on="urn")
    return frame.sort_values("name", key=lambda s: s.str.lower(), ignore_index=True)


def schools(store: Store) -> pd.DataFrame:
    """school_table for the store, made once per loaded store (the map's points and every
    district's schools table read it)."""
    return store.derived("district-schools", lambda s: school_table(s.tables, load_area()))


def schools_in(table: pd.DataFrame, code: str | None, phase: str) -> pd.DataFrame:
    """Schools of one district (or all districts when `code` is None) in a phase."""
    chosen = table if code is None else table[table["district_code"] == code]
    return in_population(chosen, phase) if len(chosen) else chosen


def outcome_counts(table: pd.DataFrame) -> dict[str, int]:
    counts = table["outcome"].value_counts() if len(table) else pd.Series(dtype="int64")
    return {o.key: int(counts.get(o.key, 0)) for o in OUTCOMES}


PHASE_WORDS = {"primary": "Primary", "middle": "Middle", "secondary": "Secondary",
               "all_through": "All-through", "post16": "16 plus", "nursery": "Nursery",
               "not_applicable": "Not applicable"}
TYPE_WORDS = {"special": "special school", "ap": "pupil referral unit or alternative provision"}


def phase_text(row: Mapping[str, Any]) -> str:
    """"Primary", "Secondary special school", ..."""
    phase = PHASE_WORDS.get(str(row.get("phase")), "")
    kind = TYPE_WORDS.get(str(row.get("population")), "")
    if kind:
        return f"{phase} {kind}".strip().capitalize()
    return phase or "Phase not recorded"

