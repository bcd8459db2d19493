"""The `la_indicators` layout every LA-level adapter returns, and what they share to fill it.

LAIT and the other DfE LA series (NEET, exclusions, the SEND dashboard, key stage 4 by
characteristic, scorecards) each map publisher series to dashboard measures with `SeriesMap`,
read year labels with `academic_year`, note COVID-19 gaps and rates the same way and finish with
`indicator_frame`, which refuses two series feeding one measure, group, area and period.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.errors import SourceError

COVID_YEARS = ("2019/20", "2020/21")
# Why a value is missing in a COVID year, by measure id prefix (default: _COVID_NOTE).
_COVID_NOTES = {
    "ks2_": "No assessments in 2020 and 2021 (COVID-19)",
    "eyfs_": "No assessments in 2020 and 2021 (COVID-19)",
    "ks4_": "Not calculated for 2020 and 2021, when exams were cancelled (COVID-19)",
}
_COVID_NOTE = "Not published for this year (COVID-19)"


class SeriesMap(NamedTuple):
    """Which dashboard measure a publisher series feeds."""

    measure_id: str
    population: str = "all"
    pupil_group: str = "all"
    unit: str = "percent"


LA_INDICATOR_COLUMNS: dict[str, str] = {
    "source_id": "string",
    "indicator_id": "string",
    "indicator_name": "string",
    "measure_id": "string",
    "population": "string",
    "pupil_group": "string",
    "area_type": "string",
    "area_code": "string",
    "la_number": "Int64",
    "area_name": "string",
    "period": "string",
    "period_label": "string",
    "value": "float64",
    "suppression": "string",
    "numerator": "float64",
    "denominator": "float64",
    "unit": "string",
    "note": "string",
}
_MEASURE_KEY = ["measure_id", "population", "pupil_group", "area_type", "area_name", "period"]


def indicator_frame(rows: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Complete `rows` to the la_indicators layout: every column, in order, with its dtype.

    Two series of one source feeding the same measure, population and pupil group for the same
    area and period is a mapping mistake: it stops the build.
    """
    frame = rows.reset_index(drop=True).assign(source_id=source_id)
    for column, dtype in LA_INDICATOR_COLUMNS.items():
        frame[column] = (frame[column].astype(dtype) if column in frame
                         else pd.Series(index=frame.index, dtype=dtype))
    frame = frame[list(LA_INDICATOR_COLUMNS)]
    clash = frame["measure_id"].notna() & frame.duplicated(_MEASURE_KEY, keep=False)
    if clash.any():
        examples = frame[clash].drop_duplicates("indicator_id").head(5)
        raise SourceError(
            source_id, "two publisher series map to the same measure, population and pupil group",
            column="measure_id",
            rows=[f"{r.indicator_id} -> {r.measure_id}/{r.population}/{r.pupil_group}"
                  for r in examples.itertuples()],
        )
    return frame


def covid_notes(rows: pd.DataFrame) -> pd.Series:
    """The note for values missing because of COVID-19, else <NA>.

    A value counts as missing for COVID-19 when it is missing in 2019/20 or 2020/21 and the same
    series has no England figure for that year either (an LA's own gap gets no such note).
    """
    missing = rows["value"].isna() & rows["period"].isin(COVID_YEARS)
    national_gap = rows[missing & (rows["area_type"] == "england")]
    gap_keys = set(zip(national_gap["indicator_id"], national_gap["period"], strict=True))
    keys = pd.Series(list(zip(rows["indicator_id"], rows["period"], strict=True)),
                     index=rows.index)
    applies = missing & keys.isin(gap_keys)
    notes = pd.Series(pd.NA, index=rows.index, dtype="string")
    notes[applies] = _COVID_NOTE
    for prefix, note in _COVID_NOTES.items():
        notes[applies & rows["measure_id"].str.startswith(prefix)] = note
    return notes


# Measures whose note says what the rate counts.
_RATE_NOTES = {
    "suspension_rate": "Suspensions per 100 pupils",
    "permanent_exclusion_rate": "Permanent exclusions per 100 pupils",
}


def rate_notes(measure_ids: pd.Series) -> pd.Series:
    """"Suspensions per 100 pupils" and the like for rate measures, else <NA>."""
    return measure_ids.map(_RATE_NOTES).astype("string")


# --- periods ---------------------------------------------------------------------------------

YEAR_STATUS = re.compile(r"\s*\((?P<status>[^)]*)\)\s*$")
# Provisional figures give way to final and revised ones for the same year.
_STATUS_RANK = {"prov": 0, "provisional": 0, "": 1, "final": 2, "rev": 2, "revised": 2}


def label_status_rank(label: str) -> int:
    """How authoritative a year label's status is: 0 provisional, 1 plain, 2 final or revised."""
    match = YEAR_STATUS.search(label)
    return _STATUS_RANK.get(match.group("status").strip().lower(), 1) if match else 1


def academic_year(label: str) -> str | None:
    """Normalise a year label to an academic year "2023/24"; None when it is not one year.

    "2024" (the year the academic year ends, as LAIT labels results), "2023/24", "2023-24",
    "202324", "202324.0" and "2024 (Rev)" all give "2023/24"; multi-year spans such as
    "2014-16" or "2013/14-15/16" give None.
    """
    text = YEAR_STATUS.sub("", str(label)).strip().removesuffix(".0")
    if re.fullmatch(r"\d{4}", text):
        end = int(text)
        return f"{end - 1}/{end % 100:02d}"
    match = re.fullmatch(r"(\d{4})[/-]?(\d{2})", text)
    if match and (int(match.group(1)) + 1) % 100 == int(match.group(2)):
        return f"{match.group(1)}/{match.group(2)}"
    return None


def academic_years(labels: pd.Series, path: Path, column: str) -> pd.Series:
    """Academic years for a column of year labels; a label that is not one year stops the build."""
    years = labels.map(academic_year).astype("string")
    bad = years.isna()
    if bad.any():
        raise SourceError(path.name, f"{int(bad.sum())} label(s) are not an academic year",
                          column=column, rows=[repr(v) for v in labels[bad].unique()[:5]])
    return years

