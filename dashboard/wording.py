"""Numbers, dates and sources in words: values with their suppression codes, "at"/"in" dates,
provenance lines. Said once, used by every page, chart and download."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pandas as pd

from dashboard.store.readings import (
    Reading,
    looks_like_academic_year,
)
from dashboard.vocabulary import (
    DISCONTINUED,
    MET,
    NO_DATA,
    OFF_TRACK,
    ON_TRACK,
)


def decimals(unit: str, measure_id: str = "") -> int:
    """Decimal places a measure is shown with (as DfE publishes it)."""
    if unit in ("count", "pupils"):
        return 0
    if unit == "score":
        return 2 if "progress" in measure_id else 1
    if unit == "rate":
        return 2
    return 1


def format_number(value: float, unit: str, measure_id: str = "") -> str:
    places = decimals(unit, measure_id)
    text = f"{value:,.{places}f}"
    if text.startswith("-") and float(text.replace(",", "")) == 0:
        text = text[1:]  # no "-0.0"
    return f"{text}%" if unit == "percent" else text


def format_goal(value: float, unit: str, measure_id: str = "") -> str:
    """A baseline or target from the area file: whole numbers without decimals ("90%")."""
    if float(value).is_integer():
        return f"{int(value):,}%" if unit == "percent" else f"{int(value):,}"
    return format_number(value, unit, measure_id)


def format_reading(reading: Reading | None) -> str:
    """The value as shown on screen; a missing value shows its code, e.g. "[c]" (never 0)."""
    if reading is None:
        return "no data"
    if reading.value is None:
        return f"[{reading.suppression}]"
    return format_number(reading.value, reading.unit, reading.measure_id)


def format_difference(difference: float, unit: str, measure_id: str = "") -> str:
    """The size of a gap: percentages in percentage points, other units as they are."""
    if unit == "percent":
        return f"{abs(difference):.1f} percentage points"
    return format_number(abs(difference), unit, measure_id)

_ISO_DAY_OR_MONTH = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


def _date_in_words(match: re.Match[str]) -> str:
    year, month, day = int(match[1]), int(match[2]), match[3]
    if not 1 <= month <= 12:
        return match[0]
    month_year = date(year, month, 1).strftime("%B %Y")
    return f"{int(day)} {month_year}" if day else month_year


def period_label(period: str) -> str:
    """A period in words: ISO dates and months become "31 August 2023" and "June 2026", also
    inside ranges ("2019-08-31 to 2023-08-31"); academic years and other wording stay as they
    are ("2023-24" is an academic year, not a month)."""
    text = str(period)
    if looks_like_academic_year(text):
        return text
    return _ISO_DAY_OR_MONTH.sub(_date_in_words, text)


def at_or_in(period: str) -> str:
    """"at 31 August 2023" for a day, "in June 2026" or "in 2023/24" otherwise."""
    return "at" if re.fullmatch(r"\d{4}-\d{2}-\d{2}", period) else "in"


def _lower_first(text: str) -> str:
    """"At national average" -> "at national average", to sit mid-sentence."""
    return text[:1].lower() + text[1:]


def source_names(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]], *,
                 with_dates: bool = True) -> list[str]:
    """"<title> (<publisher>)[, data as at <date>]" for each source of `found`, once each
    (figures quoted in the strategy are left to the caller's citation)."""
    names = []
    for source_id in dict.fromkeys(r.source_id for r in found if r.status != "published"):
        meta = sources.get(source_id)
        if not meta:
            names.append(source_id)
            continue
        name = f"{meta.get('title', source_id)} ({meta.get('publisher', 'unknown')})"
        if with_dates:
            name += f", data as at {period_label(str(meta.get('data_date', 'unknown')))}"
        names.append(name)
    return names

STATUS_WORDS = {MET: "Met", ON_TRACK: "On track", OFF_TRACK: "Off track",
                DISCONTINUED: "Measure discontinued", NO_DATA: "No data"}


def source_title(source_id: str, sources: Mapping[str, Mapping[str, Any]]) -> str:
    meta = sources.get(source_id)
    return f"{meta.get('title', source_id)} ({meta.get('publisher', 'unknown')})" if meta else (
        source_id)


def as_at_text(found: Sequence[Reading], sources: Mapping[str, Mapping[str, Any]]) -> str:
    """The date of the data of each source of `found` ("June 2026"), naming the source when
    there are several."""
    ids = list(dict.fromkeys(r.source_id for r in found if r.status != "published"))
    dated = [(sources.get(i, {}).get("title", i),
              period_label(str(sources.get(i, {}).get("data_date", "unknown")))) for i in ids]
    if not dated:
        return "as quoted in the strategy"
    if len({date_text for _, date_text in dated}) == 1:
        return dated[0][1]
    return "; ".join(f"{date_text} ({title})" for title, date_text in dated)


def format_value(value: float | None, unit: str, measure_id: str,
                 suppression: str | None = None) -> str:
    """A value as shown; a missing one shows its code, e.g. "[c]" (never 0)."""
    if value is None or pd.isna(value):
        return f"[{suppression or 'x'}]"
    return format_number(float(value), unit, measure_id)

def lower_first(text: str) -> str:
    """"Pupils with English ..." -> "pupils with English ...", to sit mid-sentence."""
    return text[:1].lower() + text[1:]

def provenance(sources: Mapping[str, Mapping[str, Any]],
               source_ids: Sequence[str]) -> tuple[str, str]:
    """A chart's source line ("<title> (<publisher>); ...") and its data-as-at dates."""
    ids = split_sources(source_ids)
    names, dates = [], []
    for source_id in ids:
        meta = sources.get(source_id, {})
        names.append(f"{meta.get('title', source_id)} ({meta.get('publisher', 'unknown')})")
        dates.append(period_label(str(meta.get("data_date", "unknown"))))
    return ("; ".join(names) or "none", "; ".join(dict.fromkeys(dates)) or "unknown")


def ordinal(number: int) -> str:
    """1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd"."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10,
                                                                                   "th")
    return f"{number}{suffix}"

def shown(value: float, unit: str, measure_id: str) -> float:
    """A value rounded as it is shown, so figures that look the same compare as the same."""
    return round(value, decimals(unit, measure_id))


def split_sources(source_ids: Sequence[str]) -> list[str]:
    """Source ids, once each, in order; a computed row may name several ("a;b")."""
    found = [part for text in source_ids for part in str(text).split(";") if part]
    return list(dict.fromkeys(found))
