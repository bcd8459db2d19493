"""Store table cells as Python values, and dates in words. A missing cell (None, NaN, NaT) is
None, never 0 or "nan", so a figure that was not published is never shown as one."""

from __future__ import annotations

from datetime import date

import pandas as pd


def cell_text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def cell_int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def cell_float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def cell_day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def date_words(day: date | None) -> str:
    """"12 March 2019"."""
    return f"{day.day} {day:%B %Y}" if day else "date unknown"
