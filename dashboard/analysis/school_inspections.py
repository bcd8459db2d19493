"""Ofsted inspections as a parent reads them: each inspection in plain words (report cards in
Ofsted's own words, never turned into the old four grades), and every school's latest
inspection and latest overall grade, chosen the way `dashboard.rules.latest_per_school`
chooses them (a new school with none of its own shows its predecessor's, as Ofsted does).
No Dash here."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.analysis.cells import cell_day, cell_int, cell_text, date_words
from dashboard.rules import OVERALL_GRADES_ENDED, latest_per_school, predecessor_map
from dashboard.tables import REPORT_CARD_AREAS, SUB_JUDGEMENTS

GRADE_WORDS = {1: "Outstanding", 2: "Good", 3: "Requires improvement", 4: "Inadequate"}
SUB_JUDGEMENT_LABELS = {
    "quality_of_education": "Quality of education",
    "behaviour_and_attitudes": "Behaviour and attitudes",
    "personal_development": "Personal development",
    "leadership_and_management": "Leadership and management",
    "early_years": "Early years provision",
    "sixth_form": "Sixth form provision",
}
# Ofsted's names for the report-card evaluation areas and its five-point scale.
REPORT_CARD_AREA_LABELS = {
    "rc_inclusion": "Inclusion",
    "rc_curriculum_and_teaching": "Curriculum and teaching",
    "rc_achievement": "Achievement",
    "rc_attendance_and_behaviour": "Attendance and behaviour",
    "rc_personal_development": "Personal development and well-being",
    "rc_early_years": "Early years",
    "rc_post16": "Sixth form (post-16)",
    "rc_leadership": "Leadership and governance",
}
REPORT_CARD_GRADE_WORDS = {
    "exceptional": "Exceptional",
    "strong": "Strong standard",
    "expected": "Expected standard",
    "needs_attention": "Needs attention",
    "urgent_improvement": "Urgent improvement",
}
REPORT_CARD_CAVEAT = (
    "Ofsted says report-card grades cannot be compared with the old overall grades "
    "(outstanding, good, requires improvement, inadequate): report cards come from a different "
    "kind of inspection and a different way of reporting. So this page shows each in its own "
    "words and never turns one into the other."
)
CONCERN_WORDS = {
    "SM": "placed in special measures",
    "SWK": "judged to have serious weaknesses",
    "NTI": "given a notice to improve",
    "RSI": "judged to require significant improvement",
}
# Ofsted management-information wording of ungraded outcomes -> plain English.
UNGRADED_QUALIFIERS = {
    "(Concerns) - S5 Next": ", but inspectors had some concerns, so its next inspection will be a "
                            "full graded one",
    "(Improving) - S5 Next": ", and inspectors saw signs it may be improving, so its next "
                             "inspection will be a full graded one",
}
FRAMEWORK_WORDS = {"graded": "Graded inspection", "ungraded": "Ungraded inspection",
                   "report_card": "Report-card inspection"}

# The filter categories of a school's latest inspection.
OUTCOME_CATEGORIES = {
    "outstanding": "Outstanding",
    "good": "Good",
    "requires_improvement": "Requires improvement (or satisfactory before September 2012)",
    "inadequate": "Inadequate",
    "report_card": "Report card (since November 2025)",
    "no_overall_grade": "Inspected since September 2024, no overall grade",
    "not_inspected": "No inspection on record",
}
_CATEGORY_BY_GRADE = {1: "outstanding", 2: "good", 3: "requires_improvement", 4: "inadequate"}
_REMAINS = re.compile(r"remains (Outstanding|Good)\b")


@dataclass(frozen=True)
class Inspection:
    """One inspection as a parent reads it."""

    urn: int
    school_name: str
    day: date
    framework: str
    grade: int | None
    overall: str | None  # Ofsted's overall label ("Good", "Satisfactory"), if one was given
    outcome: str  # the result in a sentence
    details: tuple[tuple[str, str], ...] = ()  # (area or judgement, Ofsted's words)
    safeguarding: str | None = None
    source_id: str = ""

    @property
    def kind(self) -> str:
        return FRAMEWORK_WORDS.get(self.framework, "Inspection")


def _ungraded_outcome(text: str | None) -> str:
    if not text:
        return "Ungraded inspection; the outcome is not in the sources."
    for qualifier, words in UNGRADED_QUALIFIERS.items():
        if text.endswith(qualifier):
            stem = text.removesuffix(qualifier).strip()
            return f"{stem.replace('School remains', 'The school remains')}{words}."
    return f"{text.replace('School remains', 'The school remains')}."


def describe_inspection(row: Mapping[str, object], school_name: str) -> Inspection:
    """An inspections-table row in plain words (report cards in Ofsted's own words)."""
    framework = str(row["framework"])
    day = cell_day(row["inspection_date"]) or date.min
    grade = cell_int(row["overall_grade"])
    overall = cell_text(row["overall_label"]) or (GRADE_WORDS.get(grade) if grade else None)
    details: list[tuple[str, str]] = []
    safeguarding = None
    if framework == "report_card":
        details = [(REPORT_CARD_AREA_LABELS[area], REPORT_CARD_GRADE_WORDS[str(row[area])])
                   for area in REPORT_CARD_AREAS if cell_text(row.get(area))]
        met = row.get("rc_safeguarding_met")
        if met is not None and not pd.isna(met):
            safeguarding = "Met" if bool(met) else "Not met"
        outcome = "Graded area by area on Ofsted's five-point scale; no overall grade."
    else:
        details = [(SUB_JUDGEMENT_LABELS[name], GRADE_WORDS[int(row[name])])
                   for name in SUB_JUDGEMENTS if cell_int(row.get(name)) in GRADE_WORDS]
        effective = row.get("safeguarding_effective")
        if effective is not None and not pd.isna(effective):
            safeguarding = "Effective" if bool(effective) else "Not effective"
        if framework == "ungraded":
            outcome = _ungraded_outcome(cell_text(row.get("ungraded_outcome")))
        elif overall:
            outcome = f"Overall: {overall}."
            concern = CONCERN_WORDS.get(cell_text(row.get("category_of_concern")) or "")
            if concern:
                outcome = f"Overall: {overall}; the school was {concern}."
        elif day >= date.fromisoformat(OVERALL_GRADES_ENDED):
            outcome = "No overall grade (Ofsted stopped giving them in September 2024)."
        else:
            outcome = "Graded inspection; the overall grade is not in the sources."
    return Inspection(urn=int(row["urn"]), school_name=school_name, day=day,
                      framework=framework, grade=grade, overall=overall, outcome=outcome,
                      details=tuple(details), safeguarding=safeguarding,
                      source_id=str(row["source_id"]))


@dataclass(frozen=True)
class LatestInspection:
    """A school's latest inspection, and its latest overall (legacy) grade where it has one.

    `inherited` is True when the inspection is of the school under an earlier URN (e.g. before
    it became an academy), which Ofsted shows until the new school is inspected."""

    category: str  # a key of OUTCOME_CATEGORIES
    latest: Inspection | None
    graded: Inspection | None
    latest_inherited: bool = False
    graded_inherited: bool = False
    opened: date | None = None
    earlier_urn: str = " (under its previous URN)"  # or " (before it became an academy)"

    @property
    def summary(self) -> str:
        """One sentence for a list of schools."""
        latest, graded = self.latest, self.graded
        if latest is None:
            if self.opened:
                return f"Not inspected since it opened on {date_words(self.opened)}."
            return "No inspection on record in the sources."
        earlier_urn = self.earlier_urn
        when = date_words(latest.day) + (earlier_urn if self.latest_inherited else "")
        if self.category == "report_card":
            return f"Report card, inspected {when}."
        if self.category == "no_overall_grade":
            text = f"Inspected {when}: no overall grade (Ofsted stopped them in September 2024)."
            if graded is not None:
                text += (f" Last overall grade: {graded.overall}, {date_words(graded.day)}"
                         f"{earlier_urn if self.graded_inherited else ''}.")
            return text
        if graded is None:
            return (f"Ungraded inspection, {when}: {latest.outcome[0].lower()}"
                    f"{latest.outcome[1:]} Its last graded inspection is not in the sources.")
        graded_when = date_words(graded.day) + (earlier_urn if self.graded_inherited else "")
        text = f"{graded.overall}, inspected {graded_when}."
        if latest.framework == "ungraded" and latest.day > graded.day:
            text += f" Ungraded inspection {date_words(latest.day)}: " + (
                latest.outcome[0].lower() + latest.outcome[1:])
        return text


def _category(latest: Inspection | None, graded: Inspection | None) -> str:
    if latest is None:
        return "not_inspected"
    if latest.framework == "report_card":
        return "report_card"
    if latest.grade is None and latest.day >= date.fromisoformat(OVERALL_GRADES_ENDED):
        return "no_overall_grade"
    if graded is not None and graded.grade in _CATEGORY_BY_GRADE:
        return _CATEGORY_BY_GRADE[graded.grade]
    # Only an ungraded inspection on record: Ofsted's own words say which grade stands.
    remains = _REMAINS.search(latest.outcome)
    return remains[1].lower() if remains else "no_overall_grade"


def latest_inspections(schools: pd.DataFrame,
                       inspections: pd.DataFrame) -> dict[int, LatestInspection]:
    """Every school's latest inspection and latest overall grade (its own, else its
    predecessor's, as dashboard.rules.latest_per_school picks them)."""
    predecessors = predecessor_map(schools)
    names = dict(zip(schools["urn"].astype(int), schools["name"].astype(str), strict=True))
    urns = schools["urn"]

    def picked(candidates: pd.DataFrame) -> dict[int, tuple[Inspection, bool]]:
        chosen = latest_per_school(candidates, urns, predecessors)
        found = {}
        for record in chosen.to_dict("records"):
            inspected = int(record["inspected_urn"])
            row = {**record, "urn": inspected}
            found[int(record["urn"])] = (describe_inspection(row, names.get(inspected, "")),
                                         inspected != int(record["urn"]))
        return found

    any_kind = picked(inspections)
    graded = picked(inspections[inspections["overall_grade"].notna()])
    opened = dict(zip(schools["urn"].astype(int), schools["open_date"].map(cell_day), strict=True))
    academy = {int(row["urn"]): is_academy(row) for row in schools.to_dict("records")}
    result = {}
    for urn in urns.astype(int):
        latest, latest_inherited = any_kind.get(urn, (None, False))
        last_graded, graded_inherited = graded.get(urn, (None, False))
        inherited = latest if latest_inherited else last_graded if graded_inherited else None
        converted = inherited is not None and academy[urn] and not academy.get(inherited.urn)
        result[urn] = LatestInspection(
            category=_category(latest, last_graded), latest=latest, graded=last_graded,
            latest_inherited=latest_inherited, graded_inherited=graded_inherited,
            opened=opened.get(urn),
            earlier_urn=" (before it became an academy)" if converted
            else " (under its previous URN)")
    return result




def is_academy(school: Mapping[str, object]) -> bool:
    """An academy or free school, by its type or name (GIAS has no simpler flag)."""
    words = f"{cell_text(school.get('school_type')) or ''} {cell_text(school.get('name')) or ''}"
    return "academy" in words.lower() or "free school" in words.lower()
