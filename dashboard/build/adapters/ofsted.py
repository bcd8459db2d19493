"""Ofsted school inspections -> table `inspections` (one row per inspection).

Three sources describe overlapping parts of each school's inspection history:

* the official statistics "State-funded schools inspections and outcomes as at 31 August 2023"
  (West Midlands subset): per school the latest graded, the previous graded and the latest
  ungraded inspection, each under the URN the school had at the time;
* a June 2026 compact re-host of Ofsted's monthly management information: the latest
  inspection per current URN, including report cards (from November 2025);
* a third-party scrape of Ofsted report pages (c. 2020): every graded inspection 2005-2020.

`combine_inspections` merges them into one history: the same inspection is recorded by several
sources with dates a day or two apart (start date in one, end date in another).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np
import pandas as pd

from dashboard.build.sources import (
    Source,
    as_urn,
    parse_dates,
    parse_numbers,
    read_csv,
    read_json,
    resolve_columns,
)
from dashboard.errors import SourceError
from dashboard.tables import INSPECTIONS, REPORT_CARD_GRADES

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
# Ofsted's codes for "no judgement" in a grade column (9 not applicable, 8 no such provision).
NO_JUDGEMENT_CODES = {0, 8, 9}

_COLUMN_DTYPES = {name: str(column.dtype) for name, column in INSPECTIONS.columns.items()}
_COLUMN_DTYPES["inspection_date"] = "datetime64[us]"

# --- official statistics / management information CSV -----------------------------------------

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


def _empty_inspections() -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _COLUMN_DTYPES.items()})


def _as_inspections(columns: Mapping[str, object], source_id: str) -> pd.DataFrame:
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


def _text(raw: pd.Series) -> pd.Series:
    text = raw.astype("string").str.strip()
    return text.mask(text == "")


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
        return _as_inspections({"urn": urn, "inspection_date": date, "framework": "ungraded",
                                "ungraded_outcome": _text(rows["outcome"])}, OFFICIAL_2023_ID)
    row_urns = urns[keep]
    names = _BLOCK_COLUMNS[block]
    overall = _grades(rows["overall"], path, names["overall"][0], row_urns)
    data: dict[str, object] = {
        "urn": urn, "inspection_date": date, "framework": "graded",
        "overall_grade": overall, "overall_label": overall_labels(overall, date),
        "safeguarding_effective": _yes_no(rows["safeguarding"], path, names["safeguarding"][0],
                                          row_urns, {"yes": True, "no": False}),
        "category_of_concern": _text(rows["category"]),
    }
    for name in _SUB_JUDGEMENT_COLUMNS:
        data[name] = _grades(rows[name], path, names[name][0], row_urns)
    return _as_inspections(data, OFFICIAL_2023_ID)


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


# --- latest inspections JSON (June 2026) -------------------------------------------------------

_JSON_SUB_JUDGEMENTS = {
    "education": "quality_of_education",
    "behaviour": "behaviour_and_attitudes",
    "personal": "personal_development",
    "leadership": "leadership_and_management",
    "eyfs": "early_years",
    "sixthForm": "sixth_form",
}
_JSON_CARD_AREAS = {
    "inclusion": "rc_inclusion",
    "curriculum": "rc_curriculum_and_teaching",
    "achievement": "rc_achievement",
    "behaviour": "rc_attendance_and_behaviour",
    "personal": "rc_personal_development",
    "earlyYears": "rc_early_years",
    "postSixteen": "rc_post16",
    "post16": "rc_post16",
    "leadership": "rc_leadership",
}
# Report-card grades stay in Ofsted's own five-point words (never mapped to grades 1-4).
_CARD_GRADES = {grade.replace("_", "-"): grade for grade in REPORT_CARD_GRADES} | {
    "urgent": "urgent_improvement"}
_SAFEGUARDING_MET = {"met": True, "not met": False, "not-met": False}


def _json_grade(word: object, path: Path, urn: str, field: str) -> int | None:
    if word is None or word == "":
        return None
    grade = LABEL_GRADES.get(str(word).strip().lower())
    if grade is None:
        raise SourceError(path.name, f"unknown Ofsted judgement {word!r}", column=field,
                          rows=[f"URN {urn}"])
    return grade


def _json_word(word: object, words: Mapping[str, object], path: Path, urn: str,
               field: str) -> object:
    if word is None or word == "":
        return None
    value = words.get(str(word).strip().lower())
    if value is None:
        raise SourceError(path.name, f"unknown value {word!r} (expected one of {sorted(words)})",
                          column=field, rows=[f"URN {urn}"])
    return value


def _latest_record(urn: str, record: Mapping[str, object], path: Path) -> dict[str, object]:
    """One JSON record -> one inspection row (report card, or graded with or without overall)."""
    row: dict[str, object] = {"urn": urn, "date": record.get("date")}
    card = record.get("card")
    if isinstance(card, Mapping):
        row["framework"] = "report_card"
        areas = card.get("areas") or {}
        for key, word in areas.items():
            if key not in _JSON_CARD_AREAS:
                raise SourceError(path.name, f"unknown report card area {key!r}",
                                  column="card.areas", rows=[f"URN {urn}"])
            row[_JSON_CARD_AREAS[key]] = _json_word(word, _CARD_GRADES, path, urn,
                                                    f"card.areas.{key}")
        row["rc_safeguarding_met"] = _json_word(card.get("safeguarding"), _SAFEGUARDING_MET,
                                                path, urn, "card.safeguarding")
        row["category_of_concern"] = card.get("concern") or None
        return row
    # Graded framework. From September 2024 Ofsted gave no overall grade but kept the four
    # sub-judgements until report cards began, so `rating` is absent for those inspections.
    row["framework"] = "graded"
    row["overall_grade"] = _json_grade(record.get("rating"), path, urn, "rating")
    sub = record.get("sub") or {}
    for key, word in sub.items():
        if key not in _JSON_SUB_JUDGEMENTS:
            raise SourceError(path.name, f"unknown sub-judgement {key!r}", column="sub",
                              rows=[f"URN {urn}"])
        row[_JSON_SUB_JUDGEMENTS[key]] = _json_grade(word, path, urn, f"sub.{key}")
    return row


def load_latest_inspections(paths: list[Path]) -> pd.DataFrame:
    """ofsted-by-urn.json (dict keyed by current URN) -> one latest inspection per school."""
    parts = []
    for path in paths:
        data = read_json(path)
        if not isinstance(data, dict):
            raise SourceError(path.name, "expected a JSON object keyed by URN")
        bad = [urn for urn, record in data.items()
               if not isinstance(record, Mapping) or not record.get("date")]
        if bad:
            raise SourceError(path.name, f"{len(bad)} record(s) without an inspection date",
                              column="date", rows=[f"URN {urn}" for urn in bad[:5]])
        rows = pd.DataFrame([_latest_record(urn, record, path) for urn, record in data.items()])
        if rows.empty:
            continue
        dates = parse_dates(rows.pop("date"), path, "date", formats=["%Y-%m-%d"])
        grades = rows["overall_grade"].astype("Int64") if "overall_grade" in rows else None
        columns = {**rows.to_dict("series"), "inspection_date": dates,
                   "urn": as_urn(rows["urn"], path, "URN (key)")}
        if grades is not None:
            columns["overall_label"] = overall_labels(grades, dates)
        parts.append(_as_inspections(columns, LATEST_2026_ID))
    return pd.concat(parts, ignore_index=True) if parts else _empty_inspections()


# --- scraped inspection history 2005-2020 ------------------------------------------------------

def load_scraped_history(paths: list[Path]) -> pd.DataFrame:
    """Third-party scrape of Ofsted report pages: URN, Rating (word), Inspection Date YYYYMMDD."""
    parts = []
    for path in paths:
        frame = resolve_columns(read_csv(path), path, {
            "urn": ["URN"], "rating": ["Rating"], "date": ["Inspection Date"]})
        urns = as_urn(frame["urn"], path)
        dates = parse_dates(frame["date"], path, "Inspection Date", formats=["%Y%m%d"])
        words = frame["rating"].astype("string").str.strip()
        grades = words.str.lower().map(LABEL_GRADES).astype("Int64")
        unknown = grades.isna() & words.ne("")
        if unknown.any():
            raise SourceError(path.name, "unknown rating word(s)", column="Rating", rows=[
                f"URN {urns[i]}: {words[i]!r}" for i in words.index[unknown][:5]])
        # Keep the publisher's word ("Satisfactory" included), in the schema's capitalisation.
        labels = words.str.capitalize().mask(words == "")
        parts.append(_as_inspections({
            "urn": urns, "inspection_date": dates, "framework": "graded",
            "overall_grade": grades, "overall_label": labels}, HISTORY_ID))
    history = pd.concat(parts, ignore_index=True) if parts else _empty_inspections()
    # The scrape repeats a few inspections; where the two copies disagree, keep the word in use
    # on that date (Satisfactory before September 2012, Requires improvement after).
    era_word = overall_labels(history["overall_grade"], history["inspection_date"])
    history["_era_word"] = (history["overall_label"] == era_word).fillna(False)
    return (history.sort_values(["urn", "inspection_date", "_era_word"],
                                ascending=[True, True, False], kind="stable")
            .drop_duplicates(["urn", "inspection_date", "framework"])
            .drop(columns="_era_word").reset_index(drop=True))


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
        return _empty_inspections()
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


SOURCES: list[Source] = [
    Source(
        id=OFFICIAL_2023_ID,
        title="State-funded schools inspections and outcomes as at 31 August 2023 (West Midlands)",
        publisher="Ofsted",
        paths=("ofsted_official_stats_wm_2023/"
               "state_funded_schools_inspections_outcomes_31aug2023_west_midlands.csv",),
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
    Source(
        id=LATEST_2026_ID,
        title="Ofsted latest school inspections (management information, June 2026)",
        publisher="Ofsted (compact re-host)",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/ofsted-by-urn.json",),
        data_date="2026-06",
        table="inspections",
        load=load_latest_inspections,
        covers="Latest inspection of every open school by current URN: graded inspections "
               "with overall grade (to July 2024), graded inspections with sub-judgements but no "
               "overall grade (September 2024 to September 2025), report cards with their "
               "five-point evaluation-area grades and safeguarding met/not met (from November "
               "2025).",
        lacks="Earlier inspections, ungraded inspections, and which predecessor URN an "
              "inspection belonged to (records sit under the current URN). Dates are "
              "inspection start dates.",
        official_url="https://www.gov.uk/government/statistical-data-sets/"
                     "monthly-management-information-ofsteds-school-inspections-outcomes",
        rehost_note="Third-party JSON (Gieffeemme/Areas-Schools-and-Properties) built from the "
                    "MI file: rating = overall effectiveness word, sub = EIF sub-judgement words, "
                    "card = report-card areas (hyphenated words, 'urgent' = urgent improvement).",
    ),
    Source(
        id=HISTORY_ID,
        title="Ofsted graded inspection history 2005-2020 (scraped report pages)",
        publisher="Ofsted (third-party scrape)",
        paths=("waiky8_schools_data/ofsted_inspection_history_scraped_2020.csv",),
        data_date="2005/06 to 2019/20",
        table="inspections",
        load=load_scraped_history,
        covers="Overall effectiveness of every graded inspection from 2005 to February 2020 for "
               "schools open in 2017/18, with the rating word as published (incl. "
               "Satisfactory).",
        lacks="Sub-judgements, ungraded inspections, inspections under predecessor URNs, and "
              "anything after February 2020.",
        official_url="https://reports.ofsted.gov.uk/",
        rehost_note="waiky8/schools-data general/data/ofsted_ratings_2018.csv: URN, Rating, "
                    "Inspection Date (YYYYMMDD); 2 exact duplicate rows and one conflicting "
                    "duplicate are reduced to one inspection each.",
    ),
]
