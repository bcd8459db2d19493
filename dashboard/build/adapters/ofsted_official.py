"""Ofsted official statistics / management information CSV -> `inspections`.

"State-funded schools inspections and outcomes as at 31 August 2023" (West Midlands subset)
gives, per school, the latest graded, the previous graded and the latest ungraded inspection,
each under the URN the school had at the time; the 2019-2022 spellings of its columns load
too. Grades 8 and 9 (no such provision, not applicable) are kept as missing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.inspections import OFFICIAL_2023_ID, as_inspections, overall_labels
from dashboard.build.sources import (
    Source,
    as_urn,
    blank_to_na,
    parse_dates,
    parse_numbers,
    read_csv,
    resolve_columns,
)
from dashboard.errors import SourceError

# The West Midlands rows of the official file; `ofsted_schools` reads its school descriptions.
OFFICIAL_2023_FILE = ("ofsted_official_stats_wm_2023/"
                      "state_funded_schools_inspections_outcomes_31aug2023_west_midlands.csv")
# Ofsted's codes for "no judgement" in a grade column (9 not applicable, 8 no such provision).
NO_JUDGEMENT_CODES = {0, 8, 9}

# Official column for each sub-judgement of the latest graded inspection; the previous
# inspection's column is "Previous " + the same words (column matching ignores case).
_SUB_JUDGEMENT_COLUMNS = {
    "quality_of_education": "Quality of education",
    "behaviour_and_attitudes": "Behaviour and attitudes",
    "personal_development": "Personal development",
    "leadership_and_management": "Effectiveness of leadership and management",
    "early_years": "Early years provision (where applicable)",
    "sixth_form": "Sixth form provision (where applicable)",
}
# 2023 spelling first, then the 2019-2022 spelling ("full" / "section 8").
_BLOCK_COLUMNS: dict[str, dict[str, tuple[str, ...]]] = {
    "latest": {
        "urn_at_time": ("URN at time of latest graded inspection",
                        "URN at time of latest full inspection"),
        "date": ("Inspection start date",),
        "overall": ("Overall effectiveness",),
        "category": ("Category of concern",),
        "safeguarding": ("Safeguarding is effective?",),
        **{name: (column,) for name, column in _SUB_JUDGEMENT_COLUMNS.items()},
    },
    "previous": {
        "urn_at_time": ("URN at time of previous graded inspection",
                        "URN at time of previous full inspection"),
        "date": ("Previous inspection start date",),
        "overall": ("Previous graded inspection overall effectiveness",
                    "Previous full inspection overall effectiveness"),
        "category": ("Previous category of concern",),
        "safeguarding": ("Previous safeguarding is effective?",),
        **{name: (f"Previous {column}",) for name, column in _SUB_JUDGEMENT_COLUMNS.items()},
    },
    "ungraded": {
        "urn_at_time": ("URN at time of the ungraded inspection",
                        "URN at time of the section 8 inspection"),
        "date": ("Date of latest ungraded inspection", "Date of latest section 8 inspection"),
        "outcome": ("Ungraded inspection overall outcome", "Section 8 inspection overall outcome"),
    },
}
# Optional: an ungraded inspection that converted to a graded one is already the graded row.
_CONVERTED_COLUMNS = (
    "Did the latest ungraded inspection convert to a graded inspection?",
    "Did the latest section 8 inspection convert to a full inspection?",
)
_OFFICIAL_DATE_FORMATS = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y")


def _grades(raw: pd.Series, path: Path, column: str, urns: pd.Series) -> pd.Series:
    """Ofsted 1-4 grades ("2" or "2.0"); codes for no judgement become missing."""
    values, _codes = parse_numbers(raw, path, column, identifiers=urns)
    bad = values.notna() & ~values.isin([1, 2, 3, 4, *NO_JUDGEMENT_CODES])
    if bad.any():
        raise SourceError(path.name, f"{int(bad.sum())} value(s) are not Ofsted grades 1-4",
                          column=column,
                          rows=[f"URN {urns[i]}: {raw[i]!r}" for i in raw.index[bad][:5]])
    return values.where(values.isin([1, 2, 3, 4])).astype("Int64")


def _yes_no(raw: pd.Series, path: Path, column: str, urns: pd.Series,
            answers: Mapping[str, bool], ignored: Sequence[str] = ("", "9", "9.0")) -> pd.Series:
    """Map answer words to booleans; `ignored` values (blank, 9 = not applicable) are missing."""
    text = raw.astype("string").str.strip().str.lower().fillna("")
    known = text.isin(list(answers)) | text.isin(list(ignored))
    if not known.all():
        raise SourceError(path.name, f"unexpected answer(s), expected {sorted(answers)}",
                          column=column,
                          rows=[f"URN {urns[i]}: {raw[i]!r}" for i in raw.index[~known][:5]])
    return text.map(answers).astype("boolean")


def _official_header_row(path: Path) -> int:
    """Some Ofsted downloads open with a title line above the header row."""
    try:
        with Path(path).open(encoding="latin-1") as fh:
            first = fh.readline()
    except FileNotFoundError:
        return 0  # read_csv reports the missing file
    return 0 if "URN" in first else 1


def _official_block(frame: pd.DataFrame, path: Path, block: str, urns: pd.Series) -> pd.DataFrame:
    """One inspection block (latest / previous graded, latest ungraded) of the official file."""
    columns = resolve_columns(frame, path, {
        name: list(accepted) for name, accepted in _BLOCK_COLUMNS[block].items()})
    dates = parse_dates(columns["date"], path, _BLOCK_COLUMNS[block]["date"][0],
                        formats=_OFFICIAL_DATE_FORMATS)
    # The inspection belongs to the URN the school had then (its predecessor before conversion).
    at_time = columns["urn_at_time"].astype("string").str.strip().replace("", pd.NA)
    keep = dates.notna()
    if block == "ungraded":
        converted = next((frame[c] for c in frame.columns
                          if str(c).strip().lower() in {n.lower() for n in _CONVERTED_COLUMNS}),
                         pd.Series("", index=frame.index))
        keep &= converted.astype("string").str.strip().str.lower().ne("yes").fillna(True)
    rows = columns[keep]
    urn = as_urn(at_time[keep].fillna(urns[keep].astype("string")), path,
                 _BLOCK_COLUMNS[block]["urn_at_time"][0])
    date = dates[keep]
    if block == "ungraded":
        return as_inspections({"urn": urn, "inspection_date": date, "framework": "ungraded",
                                "ungraded_outcome": blank_to_na(rows["outcome"])}, OFFICIAL_2023_ID)
    row_urns = urns[keep]
    names = _BLOCK_COLUMNS[block]
    overall = _grades(rows["overall"], path, names["overall"][0], row_urns)
    data: dict[str, object] = {
        "urn": urn, "inspection_date": date, "framework": "graded",
        "overall_grade": overall, "overall_label": overall_labels(overall, date),
        "safeguarding_effective": _yes_no(rows["safeguarding"], path, names["safeguarding"][0],
                                          row_urns, {"yes": True, "no": False}),
        "category_of_concern": blank_to_na(rows["category"]),
    }
    for name in _SUB_JUDGEMENT_COLUMNS:
        data[name] = _grades(rows[name], path, names[name][0], row_urns)
    return as_inspections(data, OFFICIAL_2023_ID)


def load_official_statistics(paths: list[Path]) -> pd.DataFrame:
    """Ofsted official statistics / management information CSV(s) -> inspections.

    Each school row gives up to three inspections (latest graded, previous graded, latest
    ungraded). Two current schools can share a predecessor's inspection: kept once.
    """
    parts = []
    for path in paths:
        frame = read_csv(path, encoding="latin-1", skiprows=_official_header_row(path))
        urns = as_urn(resolve_columns(frame, path, {"URN": ["URN"]})["URN"], path)
        parts.extend(_official_block(frame, path, block, urns) for block in _BLOCK_COLUMNS)
    inspections = pd.concat(parts, ignore_index=True)
    # Most complete record first, so a shared inspection keeps its fullest description.
    filled = inspections.notna().sum(axis=1)
    return (inspections.assign(_filled=filled)
            .sort_values("_filled", ascending=False, kind="stable")
            .drop_duplicates(["urn", "inspection_date", "framework"])
            .drop(columns="_filled")
            .sort_values(["urn", "inspection_date", "framework"], ignore_index=True))


SOURCES: list[Source] = [
    Source(
        id=OFFICIAL_2023_ID,
        title="State-funded schools inspections and outcomes as at 31 August 2023 (West Midlands)",
        publisher="Ofsted",
        paths=(OFFICIAL_2023_FILE,),
        data_date="2023-08-31",
        table="inspections",
        load=load_official_statistics,
        covers="Every state-funded school in the West Midlands open on 31 August 2023: latest "
               "and previous graded inspection (overall effectiveness, sub-judgements, "
               "safeguarding, category of concern) and latest ungraded inspection, each under "
               "the URN the school had at the time.",
        lacks="Inspections published after 31 August 2023; graded inspections before the "
              "previous one; ungraded inspections other than the latest. Grade 9 / 8 (not "
              "applicable) is kept as missing.",
        official_url="https://www.gov.uk/government/collections/"
                     "maintained-schools-and-academies-inspections-and-outcomes-official-statistics",
        rehost_note="Rows of the national file with Ofsted region West Midlands, re-hosted with "
                    "an added pandas index column (ignored); column names unchanged.",
    ),
]
