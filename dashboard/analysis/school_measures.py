"""The published school measures the finder, the profile and compare show: key stage 2 and 4
results and the pupil context (census and absence), each with its words for parents, and how
a school figure is written (a suppression code, never 0). No Dash here."""

from __future__ import annotations

from dataclasses import dataclass

from dashboard.wording import format_number


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

def figure_text(value: float | None, suppression: str | None, unit: str,
                measure_id: str = "") -> str:
    """A figure as shown: "61.0%", "-0.25", or its code "[c]" - never 0 for a missing one."""
    if value is None:
        return f"[{suppression or 'x'}]"
    return format_number(value, unit, measure_id)

