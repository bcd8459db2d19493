"""Ofsted's latest school inspections (June 2026 compact JSON re-host) -> `inspections`.

The re-host of Ofsted's monthly management information keys one record to each current URN:
a graded inspection with its overall grade (to July 2024) or with sub-judgements only
(September 2024 to September 2025), or a report card with its five-point evaluation-area grades
and safeguarding met / not met (from November 2025).
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.inspections import (
    LABEL_GRADES,
    LATEST_2026_ID,
    as_inspections,
    empty_inspections,
    overall_labels,
)
from dashboard.build.sources import Source, as_urn, parse_dates, read_json
from dashboard.errors import SourceError
from dashboard.tables import REPORT_CARD_GRADES

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
        parts.append(as_inspections(columns, LATEST_2026_ID))
    return pd.concat(parts, ignore_index=True) if parts else empty_inspections()


SOURCES: list[Source] = [
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
]
