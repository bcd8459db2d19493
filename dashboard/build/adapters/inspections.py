"""What the three Ofsted inspection adapters share, and `combine_inspections`, which merges them.

Three sources describe overlapping parts of each school's inspection history (`ofsted_official`:
the latest graded, previous graded and latest ungraded inspection as at 31 August 2023;
`ofsted_latest`: the latest inspection per current URN in June 2026, report cards included;
`ofsted_history`: every graded inspection 2005-2020). Each builds its rows with
`as_inspections` and Ofsted's grade words; `combine_inspections` merges them into one history,
since the same inspection is recorded by several sources with dates a day or two apart (start
date in one, end date in another).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from dashboard.tables import INSPECTIONS

OFFICIAL_2023_ID = "ofsted_stats_2023_08_31"
LATEST_2026_ID = "ofsted_latest_2026_06"
HISTORY_ID = "ofsted_history_2005_2020"
# Which source wins when several record the same inspection: official statistics first.
SOURCE_PRIORITY = (OFFICIAL_2023_ID, LATEST_2026_ID, HISTORY_ID)
# Records of one school and framework this close together describe the same inspection.
SAME_INSPECTION_DAYS = 14

GRADE_LABELS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
LABEL_GRADES = {label.lower(): grade for grade, label in GRADE_LABELS.items()} | {"satisfactory": 3}
# Grade 3 was called "Satisfactory" until the September 2012 framework renamed it.
REQUIRES_IMPROVEMENT_FROM = pd.Timestamp("2012-09-01")

_COLUMN_DTYPES = {name: str(column.dtype) for name, column in INSPECTIONS.columns.items()}
_COLUMN_DTYPES["inspection_date"] = "datetime64[us]"


def empty_inspections() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _COLUMN_DTYPES.items()})


def as_inspections(columns: Mapping[str, object], source_id: str) -> pd.DataFrame:
    """Build an inspections frame from the columns given; the rest of the schema is missing."""
    frame = pd.DataFrame(dict(columns))
    for name, dtype in _COLUMN_DTYPES.items():
        if name not in frame.columns:
            frame[name] = pd.Series(pd.NA, index=frame.index, dtype=dtype)
    frame["source_id"] = source_id
    return frame[list(_COLUMN_DTYPES)].astype(_COLUMN_DTYPES)


def overall_labels(grades: pd.Series, dates: pd.Series) -> pd.Series:
    """Ofsted's word for each overall grade as used on the inspection date (3 = Satisfactory
    before September 2012, Requires improvement after)."""
    labels = grades.map(GRADE_LABELS, na_action="ignore").astype("string")
    satisfactory = (grades == 3).fillna(False) & (dates < REQUIRES_IMPROVEMENT_FROM).fillna(False)
    return labels.mask(satisfactory.astype(bool), "Satisfactory")


# --- combining sources -------------------------------------------------------------------------

def _same_inspection_groups(schools: np.ndarray, frameworks: np.ndarray, days: np.ndarray,
                            urns: np.ndarray, sources: np.ndarray) -> np.ndarray:
    """Label rows (sorted by school, framework, date) that record the same inspection.

    A group starts at its earliest date and takes every later row of the same school and
    framework within SAME_INSPECTION_DAYS of it - unless that row comes from a source already in
    the group under another URN (two schools of one lineage inspected together).
    """
    labels = np.empty(len(days), dtype=np.int64)
    group = -1
    key: tuple[object, object] | None = None
    start = 0
    members: set[tuple[object, object]] = set()
    for i, (school, framework, day, urn, source) in enumerate(
            zip(schools, frameworks, days, urns, sources, strict=True)):
        clash = any(s == source and u != urn for s, u in members)
        if (school, framework) != key or day - start > SAME_INSPECTION_DAYS or clash:
            group += 1
            key, start, members = (school, framework), day, set()
        members.add((source, urn))
        labels[i] = group
    return labels


def combine_inspections(frames: list[pd.DataFrame],
                        lineage: Mapping[int, int] | None = None) -> pd.DataFrame:
    """Merge inspection frames from several sources into one row per inspection.

    Rows of the same URN and framework dated within SAME_INSPECTION_DAYS are one inspection. The
    row of the preferred source (SOURCE_PRIORITY; unknown sources last, then list order) gives
    the URN, date and source_id; fields it lacks are filled from the other rows.

    `lineage` (URN -> the URN of the latest school in its chain, e.g. from GIAS links) lets a
    record kept under a school's current URN match the same inspection recorded under its
    predecessor's URN; the merged row keeps the preferred source's URN.
    """
    parts = [frame[list(_COLUMN_DTYPES)].assign(_frame=number)
             for number, frame in enumerate(frames) if len(frame)]
    if not parts:
        return empty_inspections()
    rows = pd.concat(parts, ignore_index=True)
    rank = {source_id: position for position, source_id in enumerate(SOURCE_PRIORITY)}
    rows["_rank"] = rows["source_id"].map(rank).fillna(len(rank)).astype(int)
    urns = rows["urn"].astype("int64")
    rows["_school"] = urns.map(lineage).fillna(urns).astype("int64") if lineage else urns
    rows["_day"] = rows["inspection_date"].to_numpy(dtype="datetime64[D]").astype("int64")
    rows = rows.sort_values(["_school", "framework", "_day", "_rank", "_frame"], kind="stable")
    rows["_group"] = _same_inspection_groups(
        rows["_school"].to_numpy(), rows["framework"].to_numpy(), rows["_day"].to_numpy(),
        urns.loc[rows.index].to_numpy(), rows["source_id"].to_numpy())
    merged = (rows.sort_values(["_group", "_rank", "_frame"], kind="stable")
              .groupby("_group", sort=False)[list(_COLUMN_DTYPES)].first())
    return (merged.astype(_COLUMN_DTYPES)
            .sort_values(["urn", "inspection_date", "framework"], ignore_index=True))

