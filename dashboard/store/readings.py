"""Readings: the figures of one measure for some areas, read from the measures table, with
their period, status and suppression code; and the dates periods stand for."""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

# Which row to trust when the same figure exists with several statuses for one period.
STATUS_PREFERENCE = ("official", "computed", "estimated", "published")

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


# Statuses preferred for the "latest figure" of a target or comparison; an estimate is used
# for a target only when there is neither, and quoted figures only ever chart.
ASSESSABLE = ("official", "computed")
# The area's own figures as charted and tabled: estimates too (marked as such), never the
# figures quoted in the strategy.
MEASURED = ("official", "computed", "estimated")
