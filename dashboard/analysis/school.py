"""A school's story for parents: inspections in words, results against the county and England,
context, and where it is. No Dash here.

Everything is read from the store's school tables and the measures table:
- inspections follow the school's URN chain (academy conversions and other re-registrations,
  `dashboard.rules.history_urns`); a school's latest inspection is chosen the way
  `dashboard.rules.latest_per_school` chooses it (a new school with none of its own shows its
  predecessor's, as Ofsted does);
- report-card grades (from November 2025) stay in Ofsted's own words and are never turned into
  the old four grades;
- results and context are the published school figures; the county and England figures beside
  them are the measures table's rows with the same measure id and period.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from urllib.parse import quote

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    FONT_FAMILY,
    GRID_COLOUR,
    NEIGHBOUR_COLOUR,
    TEXT_COLOUR,
)
from dashboard.config import Area
from dashboard.rules import OVERALL_GRADES_ENDED, history_urns, latest_per_school, predecessor_map
from dashboard.store.readings import STATUS_PREFERENCE, Reading
from dashboard.tables import REPORT_CARD_AREAS, SUB_JUDGEMENTS, empty_table
from dashboard.vocabulary import SUPPRESSION_LEGEND
from dashboard.wording import format_number, period_label

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

PHASE_WORDS = {
    "nursery": "Nursery", "primary": "Primary", "middle": "Middle", "secondary": "Secondary",
    "all_through": "All-through", "post16": "Sixth form or college",
    "not_applicable": "Not applicable",
}
POPULATION_WORDS = {"special": "Special school", "ap": "Alternative provision",
                    "independent": "Independent school"}


@dataclass(frozen=True)
class ResultMeasure:
    measure_id: str
    label: str  # what is counted, for a table row
    phrase: str  # "{value} of pupils ..." for a sentence
    explanation: str  # one line for parents
    unit: str
    higher_is_better: bool = True


KS2_MEASURES: tuple[ResultMeasure, ...] = (
    ResultMeasure("ks2_rwm_expected_pct", "Expected standard in reading, writing and maths",
                  "of pupils met the expected standard in reading, writing and maths",
                  "The share of Year 6 pupils who reached the expected standard in all three of "
                  "reading, writing and maths at the end of primary school.", "percent"),
    ResultMeasure("ks2_rwm_higher_pct", "Higher standard in reading, writing and maths",
                  "of pupils reached the higher standard in reading, writing and maths",
                  "The share of Year 6 pupils who reached a high standard in all three of "
                  "reading, writing and maths.", "percent"),
    ResultMeasure("ks2_reading_progress", "Reading progress score",
                  "reading progress score",
                  "How much progress pupils made in reading from age 7 to age 11 compared with "
                  "pupils nationally who started at the same level: 0 is the national average, "
                  "above 0 is more progress.", "score"),
    ResultMeasure("ks2_writing_progress", "Writing progress score", "writing progress score",
                  "The same progress measure for writing: 0 is the national average.", "score"),
    ResultMeasure("ks2_maths_progress", "Maths progress score", "maths progress score",
                  "The same progress measure for maths: 0 is the national average.", "score"),
)
KS4_MEASURES: tuple[ResultMeasure, ...] = (
    ResultMeasure("ks4_english_maths_grade5_pct", "Grade 5 or above in English and maths",
                  "of pupils got grade 5 or above in English and maths GCSEs",
                  "The share of pupils who got a strong pass (grade 5 or above) in both English "
                  "and maths GCSEs.", "percent"),
    ResultMeasure("ks4_english_maths_grade4_pct", "Grade 4 or above in English and maths",
                  "of pupils got grade 4 or above in English and maths GCSEs",
                  "The share of pupils who got a standard pass (grade 4 or above) in both "
                  "English and maths GCSEs.", "percent"),
    ResultMeasure("ks4_progress8", "Progress 8 score", "Progress 8 score",
                  "How much progress pupils made from the end of primary school to their GCSEs "
                  "compared with pupils nationally who started at the same level: 0 is the "
                  "national average, +0.5 is about half a grade better in each subject.",
                  "score"),
    ResultMeasure("ks4_attainment8", "Attainment 8 score", "Attainment 8 score",
                  "Pupils' average score across eight GCSE-level subjects, with English and "
                  "maths counted twice (the highest possible is 90).", "score"),
    ResultMeasure("ks4_ebacc_entry_pct", "Entered for the English Baccalaureate",
                  "of pupils were entered for the English Baccalaureate",
                  "The share of pupils who took GCSEs in English, maths, sciences, a language "
                  "and history or geography.", "percent"),
)
KEY_STAGES: dict[str, tuple[str, tuple[ResultMeasure, ...]]] = {
    "ks2": ("Key stage 2 (end of primary school, Year 6)", KS2_MEASURES),
    "ks4": ("Key stage 4 (GCSEs, Year 11)", KS4_MEASURES),
}
HEADLINE_MEASURES = {"ks2": "ks2_rwm_expected_pct", "ks4": "ks4_english_maths_grade5_pct"}
RESULT_MEASURES: dict[str, ResultMeasure] = {m.measure_id: m for m in (*KS2_MEASURES,
                                                                         *KS4_MEASURES)}


@dataclass(frozen=True)
class ContextMeasure:
    field: str  # school_context column
    measure_id: str | None  # the measures-table measure to compare with, if there is one
    label: str
    explanation: str
    unit: str = "percent"


CONTEXT_MEASURES: tuple[ContextMeasure, ...] = (
    ContextMeasure("pupils", None, "Pupils on roll", "Pupils on the school's roll in the January "
                   "school census.", "pupils"),
    ContextMeasure("pct_fsm_ever6", None, "Disadvantaged (free school meals in the last 6 years)",
                   "Pupils eligible for free school meals at any time in the last six years, "
                   "often called disadvantaged pupils."),
    ContextMeasure("pct_fsm_current", None, "Eligible for free school meals now",
                   "Pupils eligible for free school meals at the census."),
    ContextMeasure("pct_eal", None, "First language not English",
                   "Pupils whose first language is known or believed to be other than English."),
    ContextMeasure("pct_sen_ehcp", "pct_pupils_sen_ehcp", "Education, health and care plan",
                   "Pupils with special educational needs who have an education, health and "
                   "care (EHC) plan."),
    ContextMeasure("pct_sen_support", "pct_pupils_sen_support", "Special educational needs "
                   "support", "Pupils with special educational needs who get support in school "
                   "without an EHC plan."),
    ContextMeasure("pct_overall_absence", "pct_overall_absence", "Overall absence",
                   "The share of school sessions (half days) pupils missed, for any reason."),
    ContextMeasure("pct_persistent_absence", "pct_persistent_absence", "Persistent absence",
                   "Pupils who missed 10% or more of their sessions."),
)
CONTEXT_BY_FIELD = {c.field: c for c in CONTEXT_MEASURES}
COMPARATOR_MEASURES = (*RESULT_MEASURES, *(c.measure_id for c in CONTEXT_MEASURES
                                           if c.measure_id))

ACADEMIC_YEARS_WITHOUT_TESTS = ("2019/20", "2020/21")


# --- the tables a profile reads ----------------------------------------------------------------


@dataclass(frozen=True)
class SchoolTables:
    """The store tables the school pages read (empty tables where a store lacks one), with the
    county and England rows of the measures the pages compare against."""

    schools: pd.DataFrame
    inspections: pd.DataFrame
    ks2_results: pd.DataFrame
    ks4_results: pd.DataFrame
    school_context: pd.DataFrame
    school_links: pd.DataFrame
    postcodes: pd.DataFrame
    comparators: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: Mapping[str, object], area: Area) -> SchoolTables:
        def table(name: str) -> pd.DataFrame:
            found = tables.get(name)
            return found if isinstance(found, pd.DataFrame) else empty_table(name)

        measures = table("measures")
        comparators = measures[measures["measure_id"].isin(COMPARATOR_MEASURES)
                               & measures["area_code"].isin([area.ons_code, area.england_code])
                               & (measures["pupil_group"] == "all")]
        schools = table("schools")
        return cls(schools=schools, inspections=table("inspections"),
                   ks2_results=table("ks2_results"), ks4_results=table("ks4_results"),
                   school_context=table("school_context"), school_links=table("school_links"),
                   postcodes=table("postcodes"), comparators=comparators.reset_index(drop=True))

    def results(self, key_stage: str) -> pd.DataFrame:
        return self.ks2_results if key_stage == "ks2" else self.ks4_results

    @cached_property
    def chains(self) -> pd.DataFrame:
        """Every school with itself and its predecessors (see `ancestors`)."""
        return ancestors(self.schools)

    @cached_property
    def comparator_readings(self) -> dict[tuple[str, str], dict[tuple[str, str], Reading]]:
        """(measure id, population) -> (area code, period) -> the comparator reading, one per
        area and period, official before computed before estimated (as targets.readings)."""
        rows = self.comparators[self.comparators["status"].isin(STATUS_PREFERENCE)]
        rank = rows["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)})
        best = rows.assign(_rank=rank).sort_values("_rank", kind="stable").drop_duplicates(
            ["measure_id", "population", "area_code", "period"])
        found = {}
        for record in best.to_dict("records"):
            reading = Reading(
                measure_id=str(record["measure_id"]), area_type=str(record["area_type"]),
                area_code=str(record["area_code"]), area_name=str(record["area_name"]),
                population=str(record["population"]), pupil_group=str(record["pupil_group"]),
                period=str(record["period"]), value=_float(record["value"]),
                unit=str(record["unit"]), status=str(record["status"]),
                source_id=str(record["source_id"]), note=_text(record["note"]))
            found.setdefault((reading.measure_id, reading.population), {})[
                (reading.area_code, reading.period)] = reading
        return found


# --- small conversions -------------------------------------------------------------------------


def _text(value: object) -> str | None:
    return None if value is None or pd.isna(value) else str(value)


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _float(value: object) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _day(value: object) -> date | None:
    return None if value is None or pd.isna(value) else pd.Timestamp(value).date()


def date_words(day: date | None) -> str:
    """"12 March 2019"."""
    return f"{day.day} {day:%B %Y}" if day else "date unknown"


def phase_words(phase: str | None, population: str | None) -> str:
    """"Primary", "Secondary", "Special school (primary)", ..."""
    kind = POPULATION_WORDS.get(population or "")
    stage = PHASE_WORDS.get(phase or "")
    if kind and stage and population != "independent":
        return f"{kind} ({stage.lower()})"
    return kind or stage or "Phase not recorded"


def age_range(low: object, high: object) -> str | None:
    low_age, high_age = _int(low), _int(high)
    if low_age is None or high_age is None:
        return None
    return f"{low_age} to {high_age}"


def figure_text(value: float | None, suppression: str | None, unit: str,
                measure_id: str = "") -> str:
    """A figure as shown: "61.0%", "-0.25", or its code "[c]" - never 0 for a missing one."""
    if value is None:
        return f"[{suppression or 'x'}]"
    return format_number(value, unit, measure_id)


# --- inspections in words ----------------------------------------------------------------------


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
    day = _day(row["inspection_date"]) or date.min
    grade = _int(row["overall_grade"])
    overall = _text(row["overall_label"]) or (GRADE_WORDS.get(grade) if grade else None)
    details: list[tuple[str, str]] = []
    safeguarding = None
    if framework == "report_card":
        details = [(REPORT_CARD_AREA_LABELS[area], REPORT_CARD_GRADE_WORDS[str(row[area])])
                   for area in REPORT_CARD_AREAS if _text(row.get(area))]
        met = row.get("rc_safeguarding_met")
        if met is not None and not pd.isna(met):
            safeguarding = "Met" if bool(met) else "Not met"
        outcome = "Graded area by area on Ofsted's five-point scale; no overall grade."
    else:
        details = [(SUB_JUDGEMENT_LABELS[name], GRADE_WORDS[int(row[name])])
                   for name in SUB_JUDGEMENTS if _int(row.get(name)) in GRADE_WORDS]
        effective = row.get("safeguarding_effective")
        if effective is not None and not pd.isna(effective):
            safeguarding = "Effective" if bool(effective) else "Not effective"
        if framework == "ungraded":
            outcome = _ungraded_outcome(_text(row.get("ungraded_outcome")))
        elif overall:
            outcome = f"Overall: {overall}."
            concern = CONCERN_WORDS.get(_text(row.get("category_of_concern")) or "")
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
    opened = dict(zip(schools["urn"].astype(int), schools["open_date"].map(_day), strict=True))
    academy = {int(row["urn"]): _is_academy(row) for row in schools.to_dict("records")}
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


# --- the URN chain -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """The day a school changed URN: an academy conversion or another re-registration."""

    day: date | None
    from_urn: int
    from_name: str
    to_urn: int
    to_name: str
    academy: bool

    @property
    def text(self) -> str:
        change = ("became an academy" if self.academy
                  else "re-opened under a new school number (URN)")
        when = f" on {date_words(self.day)}" if self.day else ""
        return (f"{self.from_name} (URN {self.from_urn}) {change}{when}: "
                f"{self.to_name} (URN {self.to_urn}).")


def _is_academy(school: Mapping[str, object]) -> bool:
    words = f"{_text(school.get('school_type')) or ''} {_text(school.get('name')) or ''}"
    return "academy" in words.lower() or "free school" in words.lower()


def conversions(tables: SchoolTables, chain: Sequence[int]) -> list[Conversion]:
    """Each predecessor -> successor step inside `chain`, dated by GIAS where it can be."""
    indexed = tables.schools.set_index("urn")
    links = tables.school_links
    found = []
    for urn in chain:
        successors = [int(v) for v in (_text(indexed.at[urn, "successor_urns"]) or "").split(";")
                      if v]
        for successor in successors:
            if successor not in chain:
                continue
            # The new school's opening day; else GIAS's link date (the old one's last day).
            dated = links[(links["urn"] == urn) & (links["linked_urn"] == successor)
                          & (links["link_type"] == "successor")]["link_date"].dropna()
            day = (_day(indexed.at[successor, "open_date"])
                   or (_day(dated.iloc[0]) if len(dated) else None)
                   or _day(indexed.at[urn, "close_date"]))
            before, after = indexed.loc[urn], indexed.loc[successor]
            found.append(Conversion(
                day=day, from_urn=urn, from_name=str(before["name"]), to_urn=successor,
                to_name=str(after["name"]),
                academy=_is_academy(after.to_dict()) and not _is_academy(before.to_dict())))
    return found


@dataclass(frozen=True)
class TimelineEntry:
    day: date | None
    inspection: Inspection | None = None
    conversion: Conversion | None = None
    other_urn: bool = False  # the inspection is of the school under another URN of its chain


def inspection_timeline(tables: SchoolTables, urn: int) -> list[TimelineEntry]:
    """Every inspection of the school across its URN chain, with the URN changes, newest
    first."""
    chain = history_urns(tables.schools, urn)
    names = tables.schools.set_index("urn")["name"].astype(str)
    rows = tables.inspections[tables.inspections["urn"].isin(chain)]
    entries = [TimelineEntry(day=inspection.day, inspection=inspection,
                             other_urn=inspection.urn != urn)
               for inspection in (describe_inspection(row, names.get(int(row["urn"]), ""))
                                  for row in rows.to_dict("records"))]
    entries += [TimelineEntry(day=c.day, conversion=c) for c in conversions(tables, chain)]
    # Undated URN changes sit between the inspections of the two URNs; put them last.
    return sorted(entries, key=lambda e: (e.day or date.min, e.conversion is not None),
                  reverse=True)


# --- the chain's data, school by school ---------------------------------------------------------


def ancestors(schools: pd.DataFrame) -> pd.DataFrame:
    """(urn, data_urn, depth): each school with itself (depth 0) and its predecessors, theirs
    and so on (depth 1, 2, ...), for data published under an earlier URN."""
    predecessors = predecessor_map(schools)
    pairs = []
    for urn in schools["urn"].astype(int):
        seen, frontier, depth = {urn}, [urn], 0
        while frontier:
            pairs += [(urn, u, depth) for u in frontier]
            frontier = sorted({p for u in frontier for p in predecessors.get(u, [])} - seen)
            seen.update(frontier)
            depth += 1
    return pd.DataFrame(pairs, columns=["urn", "data_urn", "depth"])


@dataclass(frozen=True)
class SchoolFigure:
    """A school's latest published figure for one measure, from its own URN or an earlier
    one."""

    measure_id: str
    period: str
    value: float | None
    suppression: str | None
    unit: str
    data_urn: int
    inherited: bool
    source_id: str

    @property
    def text(self) -> str:
        return figure_text(self.value, self.suppression, self.unit, self.measure_id)


def latest_results(tables: SchoolTables,
                   chains: pd.DataFrame) -> dict[int, dict[str, SchoolFigure]]:
    """Each school's latest row (value or suppression code) for every result measure, pupil
    group 'all', over its own URN and its predecessors' (its own first in the same year)."""
    results = pd.concat([tables.ks2_results, tables.ks4_results], ignore_index=True)
    results = results[(results["pupil_group"] == "all")
                      & results["measure_id"].isin(RESULT_MEASURES)]
    joined = chains.merge(results, left_on="data_urn", right_on="urn",
                          suffixes=("", "_result"))
    latest = (joined.sort_values(["period", "depth"], ascending=[False, True])
              .drop_duplicates(["urn", "measure_id"]))
    found: dict[int, dict[str, SchoolFigure]] = {}
    for record in latest.to_dict("records"):
        measure = RESULT_MEASURES[record["measure_id"]]
        found.setdefault(int(record["urn"]), {})[measure.measure_id] = SchoolFigure(
            measure_id=measure.measure_id, period=str(record["period"]),
            value=_float(record["value"]), suppression=_text(record["suppression"]),
            unit=measure.unit, data_urn=int(record["data_urn"]),
            inherited=int(record["depth"]) > 0, source_id=str(record["source_id"]))
    return found


def latest_context(tables: SchoolTables,
                   chains: pd.DataFrame) -> dict[int, dict[str, SchoolFigure]]:
    """Each school's latest figure for every context field (pupils, FSM, EAL, SEN, absence)."""
    fields = [c.field for c in CONTEXT_MEASURES]
    long = tables.school_context.melt(id_vars=["urn", "period", "source_id"],
                                      value_vars=fields, var_name="field").dropna(
        subset=["value"])
    joined = chains.merge(long, left_on="data_urn", right_on="urn", suffixes=("", "_context"))
    latest = (joined.sort_values(["period", "depth"], ascending=[False, True])
              .drop_duplicates(["urn", "field"]))
    found: dict[int, dict[str, SchoolFigure]] = {}
    for record in latest.to_dict("records"):
        measure = CONTEXT_BY_FIELD[record["field"]]
        found.setdefault(int(record["urn"]), {})[measure.field] = SchoolFigure(
            measure_id=measure.field, period=str(record["period"]), value=float(record["value"]),
            suppression=None, unit=measure.unit, data_urn=int(record["data_urn"]),
            inherited=int(record["depth"]) > 0, source_id=str(record["source_id"]))
    return found


# --- one school in brief (finder and compare) ---------------------------------------------------


@dataclass(frozen=True)
class SchoolSummary:
    urn: int
    name: str
    phase: str | None
    population: str | None
    school_type: str | None
    phase_text: str
    ages: str | None
    street: str | None
    town: str | None
    postcode: str | None
    district_code: str | None
    district_name: str | None
    ward_name: str | None
    la_number: int | None
    is_open: bool | None
    opened: date | None
    closed: date | None
    successors: tuple[int, ...]
    predecessors: tuple[int, ...]
    pupils: int | None
    easting: float | None
    northing: float | None
    lat: float | None
    lon: float | None
    inspection: LatestInspection
    results: Mapping[str, SchoolFigure] = field(default_factory=dict)
    context: Mapping[str, SchoolFigure] = field(default_factory=dict)

    @property
    def headlines(self) -> list[tuple[ResultMeasure, SchoolFigure]]:
        """The headline KS2 and/or KS4 figure, latest year."""
        chosen = []
        for measure_id in HEADLINE_MEASURES.values():
            figure = self.results.get(measure_id)
            if figure is not None:
                chosen.append((RESULT_MEASURES[measure_id], figure))
        return chosen

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, self.town, self.postcode) if part)

    @property
    def status_text(self) -> str:
        if self.is_open:
            return "Open"
        if self.is_open is None:
            return "Open or closed: not known"
        return f"Closed{f' on {date_words(self.closed)}' if self.closed else ''}"


def _urn_list(text: object) -> tuple[int, ...]:
    return tuple(int(v) for v in (_text(text) or "").split(";") if v)


def summarise_schools(tables: SchoolTables) -> dict[int, SchoolSummary]:
    """A SchoolSummary for every school in the store."""
    schools = tables.schools
    chains = tables.chains
    inspections = latest_inspections(schools, tables.inspections)
    results = latest_results(tables, chains)
    context = latest_context(tables, chains)
    summaries = {}
    for row in schools.to_dict("records"):
        urn = int(row["urn"])
        is_open = row["is_open"]
        summaries[urn] = SchoolSummary(
            urn=urn, name=str(row["name"]), phase=_text(row["phase"]),
            population=_text(row["population"]), school_type=_text(row["school_type"]),
            phase_text=phase_words(_text(row["phase"]), _text(row["population"])),
            ages=age_range(row["age_low"], row["age_high"]), street=_text(row["street"]),
            town=_text(row["town"]), postcode=_text(row["postcode"]),
            district_code=_text(row["district_code"]), district_name=_text(row["district_name"]),
            ward_name=_text(row["ward_name"]), la_number=_int(row["la_number"]),
            is_open=None if pd.isna(is_open) else bool(is_open), opened=_day(row["open_date"]),
            closed=_day(row["close_date"]), successors=_urn_list(row["successor_urns"]),
            predecessors=_urn_list(row["predecessor_urns"]), pupils=_int(row["pupils"]),
            easting=_float(row["easting"]), northing=_float(row["northing"]),
            lat=_float(row["lat"]), lon=_float(row["lon"]), inspection=inspections[urn],
            results=results.get(urn, {}), context=context.get(urn, {}))
    return summaries


# --- results over the years against the county and England --------------------------------------


@dataclass(frozen=True)
class ResultPoint:
    period: str
    value: float | None
    suppression: str | None
    cohort: int | None
    urn: int
    school_name: str
    source_id: str
    county: Reading | None
    england: Reading | None


@dataclass(frozen=True)
class MeasureHistory:
    measure: ResultMeasure
    points: tuple[ResultPoint, ...]  # oldest first


def comparator_readings(tables: SchoolTables, measure_id: str,
                        population: str = "all") -> dict[tuple[str, str], Reading]:
    """(area code, period) -> the county's and England's reading of a measure."""
    return tables.comparator_readings.get((measure_id, population), {})


def results_history(tables: SchoolTables, urn: int, key_stage: str,
                    area: Area) -> list[MeasureHistory]:
    """The school's published results for each measure of a key stage, across its URN chain
    (the latest URN's row where two share a year), with the county and England figure for the
    same measure and year."""
    chain = history_urns(tables.schools, urn)
    position = {u: i for i, u in enumerate(chain)}
    names = tables.schools.set_index("urn")["name"].astype(str)
    results = tables.results(key_stage)
    rows = results[results["urn"].isin(chain) & (results["pupil_group"] == "all")]
    rows = rows.assign(_position=rows["urn"].map(position)).sort_values("_position")
    histories = []
    for measure in KEY_STAGES[key_stage][1]:
        own = rows[rows["measure_id"] == measure.measure_id].drop_duplicates("period",
                                                                               keep="last")
        if own.empty:
            continue
        compared = comparator_readings(tables, measure.measure_id)
        points = tuple(
            ResultPoint(period=str(r["period"]), value=_float(r["value"]),
                        suppression=_text(r["suppression"]), cohort=_int(r["cohort"]),
                        urn=int(r["urn"]), school_name=str(names.get(int(r["urn"]), "")),
                        source_id=str(r["source_id"]),
                        county=compared.get((area.ons_code, str(r["period"]))),
                        england=compared.get((area.england_code, str(r["period"]))))
            for r in own.sort_values("period").to_dict("records"))
        histories.append(MeasureHistory(measure=measure, points=points))
    return histories


def academic_years(first: str, last: str) -> list[str]:
    """Every academic year from `first` to `last`: "2017/18", "2018/19", ..."""
    start, end = int(first[:4]), int(last[:4])
    return [f"{year}/{(year + 1) % 100:02d}" for year in range(start, end + 1)]


def compared_words(value: float, other: Reading | None, unit: str, measure_id: str) -> str:
    """"above England (59.5%)" / "below" / "the same as"."""
    if other is None or other.value is None:
        return ""
    shown = format_number(other.value, unit, measure_id)
    if format_number(value, unit, measure_id) == shown:
        return f"the same as {other.area_name} ({shown})"
    return f"{'above' if value > other.value else 'below'} {other.area_name} ({shown})"


def results_chart(history: MeasureHistory, school_name: str, figure_id: str,
                  sources: Mapping[str, Mapping[str, object]]) -> Chart:
    """The school's figure for a measure over the years, with the county and England: the
    Chart the profile draws and the downloads rebuild."""
    measure = history.measure
    points = history.points
    first_period = points[0].period
    years = academic_years(first_period, points[-1].period)
    by_year = {p.period: p for p in points}
    source_ids: list[str] = []
    records = []

    def add(series: str, area_name: str, population: str, value: float | None,
            suppression: str | None, period: str, source_id: str, status: str) -> None:
        source_ids.append(source_id)
        records.append({"Series": series, "Area": area_name, "Population": population,
                        "value": value, "suppression": suppression or "", "unit": measure.unit,
                        "period": period, "source": source_names([source_id], sources),
                        "status": status})

    for p in points:
        add(school_name, f"{p.school_name} (URN {p.urn})", "pupils at the school", p.value,
            p.suppression, p.period, p.source_id, "official")
    for attribute in ("county", "england"):
        for found in (getattr(p, attribute) for p in points):
            if found is not None:
                add(found.area_name, found.area_name, "state-funded schools", found.value,
                    found.suppression, found.period, found.source_id, found.status)
    data = pd.DataFrame.from_records(records)
    fig = go.Figure(layout={
        "height": 300, "margin": {"l": 48, "r": 12, "t": 8, "b": 8},
        "font": {"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        "paper_bgcolor": "white", "plot_bgcolor": "white", "hovermode": "closest",
        # Above the plot, so it never meets the slanted year labels.
        "legend": {"orientation": "h", "y": 1.02, "x": 0, "yanchor": "bottom"},
        "xaxis": {"type": "category", "categoryorder": "array", "categoryarray": years,
                  "fixedrange": True, "tickangle": -45, "automargin": True},
        "yaxis": {"gridcolor": GRID_COLOUR, "fixedrange": True, "zerolinecolor": "#B1B4B6",
                  **({"rangemode": "tozero"} if measure.unit == "percent" else {})},
    })
    styles = ((school_name, COUNTY_COLOUR, "solid", "circle"),
              (None, NEIGHBOUR_COLOUR, "dash", "square"),
              (None, ENGLAND_COLOUR, "dot", "diamond"))
    series = [
        [(y, by_year[y].value if y in by_year else None) for y in years],
        [(y, by_year[y].county.value if y in by_year and by_year[y].county else None)
         for y in years],
        [(y, by_year[y].england.value if y in by_year and by_year[y].england else None)
         for y in years],
    ]
    names = [school_name,
             next((p.county.area_name for p in points if p.county), None),
             next((p.england.area_name for p in points if p.england), None)]
    for (_, colour, dash, symbol), values, name in zip(styles, series, names, strict=True):
        if name is None or all(v is None for _, v in values):
            continue
        fig.add_trace(go.Scatter(
            x=[y for y, _ in values], y=[v for _, v in values], name=name,
            mode="lines+markers", connectgaps=False,
            line={"color": colour, "dash": dash, "width": 2.5},
            marker={"color": colour, "size": 9, "symbol": symbol},
            hovertemplate=f"%{{y}} (%{{x}})<extra>{name}</extra>"))
    latest = next((p for p in reversed(points) if p.value is not None), None)
    title, summary = _results_finding(history, school_name, latest)
    source = "Source: " + source_names(list(dict.fromkeys(source_ids)), sources)
    comparator_dates = {period_label(str(sources[r.source_id]["data_date"]))
                        for p in points for r in (p.county, p.england)
                        if r is not None and r.source_id in sources}
    as_at = (f"school results {first_period} to {points[-1].period}" if len(points) > 1
             else f"school results {first_period}")
    if comparator_dates:
        as_at += f"; county and England {', '.join(sorted(comparator_dates))}"
    gaps = [y for y in ACADEMIC_YEARS_WITHOUT_TESTS if y in years]
    notes = (f"No national tests in {' and '.join(gaps)} (COVID-19).",) if gaps else ()
    return Chart(figure_id=figure_id, title=title, summary=summary, figure=fig, data=data,
                 source=source, as_at=as_at or "not known", headline=title, notes=notes)


def _results_finding(history: MeasureHistory, school_name: str,
                     latest: ResultPoint | None) -> tuple[str, str]:
    measure = history.measure
    first, last = history.points[0].period, history.points[-1].period
    if latest is None:
        code = history.points[-1].suppression or "x"
        meaning = SUPPRESSION_LEGEND.get(code, "not available")
        return (f"{school_name}: {measure.label.lower()} not published ([{code}] {meaning})",
                f"Every year from {first} to {last} is withheld or not available for this "
                "school.")
    value = format_number(latest.value, measure.unit, measure.measure_id)
    if measure.unit == "percent":
        lead = f"{value} {measure.phrase} at {school_name} in {latest.period}"
    else:
        lead = f"{school_name}'s {measure.phrase} was {value} in {latest.period}"
    against = [words for words in (
        compared_words(latest.value, latest.england, measure.unit, measure.measure_id),
        compared_words(latest.value, latest.county, measure.unit, measure.measure_id))
        if words]
    title = lead + (f", {against[0]}" if against else "")
    summary = (f"{lead}; " + (" and ".join(against) if against else "no county or England "
                                                                      "figure for that year")
               + f". The chart shows each year with published results from {first} to {last}.")
    return title, summary


def source_names(source_ids: Sequence[str], sources: Mapping[str, Mapping[str, object]]) -> str:
    """"<title>; <title> (<publisher>); ...": titles grouped by publisher, each named once."""
    by_publisher: dict[str, list[str]] = {}
    for source_id in source_ids:
        meta = sources.get(source_id, {})
        by_publisher.setdefault(str(meta.get("publisher", "")), []).append(
            str(meta.get("title", source_id)))
    return "; ".join("; ".join(titles) + (f" ({publisher})" if publisher else "")
                     for publisher, titles in by_publisher.items())


# --- context against the county and England -----------------------------------------------------


@dataclass(frozen=True)
class ContextRow:
    measure: ContextMeasure
    school: SchoolFigure
    earlier: tuple[tuple[str, float], ...]  # (period, value) of older years
    county: Reading | None
    england: Reading | None
    population: str  # the population the county and England figures cover


def comparator_population(phase: str | None, population: str | None) -> str:
    """Which schools the county and England context figures should cover for this school."""
    if population == "special":
        return "special"
    if phase in ("primary", "middle"):
        return "primary"
    if phase in ("secondary", "all_through"):
        return "secondary"
    return "all"


def context_rows(tables: SchoolTables, summary: SchoolSummary, area: Area) -> list[ContextRow]:
    """The school's latest context figures, its earlier years, and the county and England
    figures for the same year and kind of school where the measures table has them."""
    chains = tables.chains
    chain = chains.loc[chains["urn"] == summary.urn, "data_urn"]
    history = tables.school_context[tables.school_context["urn"].isin(chain)]
    population = comparator_population(summary.phase, summary.population)
    rows = []
    for measure in CONTEXT_MEASURES:
        figure = summary.context.get(measure.field)
        if figure is None:
            continue
        earlier = tuple((str(r["period"]), float(r[measure.field]))
                        for r in history.sort_values("period", ascending=False).to_dict("records")
                        if str(r["period"]) < figure.period and not pd.isna(r[measure.field]))
        county = england = None
        used = population
        if measure.measure_id:
            for candidate in dict.fromkeys((population, "all")):
                compared = comparator_readings(tables, measure.measure_id, candidate)
                county = compared.get((area.ons_code, figure.period))
                england = compared.get((area.england_code, figure.period))
                used = candidate
                if county or england:
                    break
        rows.append(ContextRow(measure=measure, school=figure, earlier=earlier, county=county,
                               england=england, population=used))
    return rows


# --- where the school is --------------------------------------------------------------------------


def _rings(geometry: Mapping[str, object]) -> Iterable[list[list[float]]]:
    coordinates = geometry.get("coordinates") or []
    polygons = coordinates if geometry.get("type") == "MultiPolygon" else [coordinates]
    for polygon in polygons:
        yield from polygon


def location_svg(districts: Mapping[str, object], lat: float, lon: float,
                 district_code: str | None, size: int = 280) -> str | None:
    """A small locator map as SVG: the area's districts, the school's shaded, and the school as
    a pin. No map tiles. None when there are no boundaries."""
    features = list(districts.get("features", []) if districts else [])
    rings = [(f.get("properties", {}).get("code"), ring) for f in features
             for ring in _rings(f.get("geometry") or {})]
    if not rings:
        return None
    lats = [p[1] for _, ring in rings for p in ring]
    lons = [p[0] for _, ring in rings for p in ring]
    shrink = math.cos(math.radians((min(lats) + max(lats)) / 2))
    width, height = (max(lons) - min(lons)) * shrink, max(lats) - min(lats)
    scale = (size - 20) / max(width, height)

    def point(x: float, y: float) -> tuple[float, float]:
        return (10 + (x - min(lons)) * shrink * scale, 10 + (max(lats) - y) * scale)

    def path(ring: list[list[float]]) -> str:
        corners = (point(*p[:2]) for p in ring)
        return "M" + "L".join(f"{px:.1f},{py:.1f}" for px, py in corners) + "Z"

    shapes = "".join(
        f'<path d="{path(ring)}" fill="{"#BFD9EE" if code == district_code else "#F3F2F1"}" '
        f'stroke="#505A5F" stroke-width="1"/>'
        for code, ring in sorted(rings, key=lambda item: item[0] == district_code))
    x, y = point(lon, lat)
    pin = (f'<circle cx="{x:.1f}" cy="{y:.1f}" r="9" fill="#FFFFFF" stroke="#0B0C0C" '
           f'stroke-width="3"/><circle cx="{x:.1f}" cy="{y:.1f}" r="3.5" fill="#0B0C0C"/>')
    view_height = height * scale + 20
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size} {view_height:.0f}" '
            f'width="{size}" height="{view_height:.0f}">{shapes}{pin}</svg>')


def svg_data_uri(svg: str) -> str:
    return "data:image/svg+xml;charset=utf-8," + quote(svg)
