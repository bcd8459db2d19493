"""The one vocabulary: suppression codes, Ofsted grades, target statuses and the measure
catalogue (label, short name, which direction is better): a label changed here changes
everywhere."""

from __future__ import annotations

from dataclasses import dataclass

SUPPRESSION_LEGEND: dict[str, str] = {
    "c": "suppressed to protect confidentiality (small numbers)",
    "x": "not available",
    "z": "not applicable",
    "u": "low reliability",
    "low": "fewer than the publication threshold",
    "supp": "suppressed (small cohort)",
    "ne": "no entries",
    "np": "not published",
}

# The measures table's populations (schools) and pupil groups in words, mid-sentence, in the
# order the pages list them.
POPULATION_LABELS: dict[str, str] = {
    "all": "all state-funded schools",
    "mainstream": "mainstream schools",
    "primary": "primary schools",
    "secondary": "secondary schools",
    "special": "special schools",
    "ap": "alternative provision and pupil referral units",
    "nursery": "nursery schools",
}
GROUP_LABELS: dict[str, str] = {
    "all": "all pupils",
    "disadvantaged": "disadvantaged pupils",
    "not_disadvantaged": "pupils not disadvantaged",
    "fsm": "pupils eligible for free school meals",
    "not_fsm": "pupils not eligible for free school meals",
    "sen_ehcp": "pupils with an EHC plan",
    "sen_support": "pupils on SEN support",
    "sen_any": "pupils with any SEN",
    "no_sen": "pupils with no identified SEN",
    "boys": "boys",
    "girls": "girls",
    "eal": "pupils with English as an additional language",
    "not_eal": "pupils with English as a first language",
}

# Ofsted's four legacy grades.
OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = 1, 2, 3, 4


@dataclass(frozen=True)
class MeasureInfo:
    label: str  # sentence case, says what is counted
    short: str  # a few words, for chart titles
    higher_is_better: bool | None  # None: context figure with no better direction

MEASURES: dict[str, MeasureInfo] = {
    "pct_pupils_good_or_outstanding": MeasureInfo(
        "Pupils in good or outstanding schools (latest graded inspection)",
        "of pupils in good or outstanding schools", True),
    "pct_schools_good_or_outstanding": MeasureInfo(
        "Schools judged good or outstanding (latest graded inspection)",
        "of schools good or outstanding", True),
    "pct_schools_inadequate": MeasureInfo(
        "Schools judged inadequate (latest graded inspection)", "of schools inadequate", False),
    "n_schools_below_ks2_floor": MeasureInfo(
        "Schools below the key stage 2 floor standard (2016-2019 definition)",
        "schools below the KS2 floor standard", False),
    "ks4_progress8": MeasureInfo("Progress 8 score (key stage 4)", "Progress 8", True),
    "ks4_attainment8": MeasureInfo("Attainment 8 score (key stage 4)", "Attainment 8", True),
    "ks4_english_maths_grade5_pct": MeasureInfo(
        "Pupils with grade 5 or above in English and maths GCSEs",
        "grade 5+ in English and maths", True),
    "ks2_rwm_expected_pct": MeasureInfo(
        "Pupils meeting the expected standard in reading, writing and maths (key stage 2)",
        "meeting the KS2 expected standard", True),
    "ks2_reading_progress": MeasureInfo("Key stage 2 reading progress score", "KS2 reading "
                                        "progress", True),
    "ks2_writing_progress": MeasureInfo("Key stage 2 writing progress score", "KS2 writing "
                                        "progress", True),
    "ks2_maths_progress": MeasureInfo("Key stage 2 maths progress score", "KS2 maths progress",
                                      True),
    "pct_persistent_absence": MeasureInfo(
        "Pupils persistently absent (10% or more of sessions missed)",
        "persistently absent", False),
    "neet_or_not_known_pct": MeasureInfo(
        "16 and 17 year olds not in education, employment or training, or activity not known",
        "NEET or not known", False),
    "eyfs_gld_pct": MeasureInfo("Children reaching a good level of development at age 5",
                                "good level of development", True),
    "pct_schools_no_overall_grade": MeasureInfo(
        "Schools whose latest inspection carries no overall grade (since September 2024)",
        "of schools with no overall grade", None),
    "n_schools_with_report_card": MeasureInfo(
        "Schools inspected under the report-card framework (since November 2025)",
        "schools with a report card", None),
    "pct_report_card_grades_expected_or_above": MeasureInfo(
        "Report-card evaluation grades at 'expected standard' or above",
        "of report-card grades expected or above", True),
    "pct_report_card_schools_any_needs_attention": MeasureInfo(
        "Report-card schools with any area graded 'needs attention' or below",
        "of report-card schools with an area needing attention", False),
    "ks2_rwm_higher_pct": MeasureInfo(
        "Pupils reaching the higher standard in reading, writing and maths (key stage 2)",
        "reaching the KS2 higher standard", True),
    "ks4_ebacc_entry_pct": MeasureInfo("Pupils entered for the English Baccalaureate (key stage 4)",
                                       "entered for the EBacc", True),
    "ks4_english_maths_grade4_pct": MeasureInfo(
        "Pupils with grade 4 or above in English and maths GCSEs",
        "grade 4+ in English and maths", True),
    "ks4_sustained_destination_pct": MeasureInfo(
        "Pupils in sustained education, employment or training after key stage 4",
        "in a sustained destination after KS4", True),
    "ks4_destination_not_sustained_pct": MeasureInfo(
        "Pupils whose destination after key stage 4 was not sustained",
        "with a destination not sustained after KS4", False),
    "ks4_5ac_english_maths_pct": MeasureInfo(
        "Pupils with 5 or more GCSEs at A*-C including English and maths (before 2016)",
        "5+ A*-C GCSEs including English and maths", True),
    "level2_at_19_pct": MeasureInfo("Young people qualified to level 2 by age 19",
                                    "qualified to level 2 by 19", True),
    "level2_english_maths_at_19_pct": MeasureInfo(
        "Young people qualified to level 2 including English and maths by age 19",
        "level 2 with English and maths by 19", True),
    "level3_at_19_pct": MeasureInfo("Young people qualified to level 3 by age 19",
                                    "qualified to level 3 by 19", True),
    "neet_pct": MeasureInfo("16 and 17 year olds not in education, employment or training",
                            "NEET", False),
    "not_known_pct": MeasureInfo("16 and 17 year olds whose activity is not known",
                                 "activity not known", False),
    "participation_pct": MeasureInfo("16 and 17 year olds in education or training",
                                     "in education or training at 16-17", True),
    "pct_overall_absence": MeasureInfo("Sessions missed through absence (overall absence rate)",
                                       "overall absence", False),
    "suspension_rate": MeasureInfo("Suspensions (per 100 pupils)", "suspension rate", False),
    "permanent_exclusion_rate": MeasureInfo("Permanent exclusions (per 100 pupils)",
                                            "permanent exclusion rate", False),
    "pct_pupils_one_or_more_suspensions": MeasureInfo(
        "Pupils with one or more suspensions", "of pupils with a suspension", False),
    "pct_places_good_or_outstanding": MeasureInfo(
        "School places in good or outstanding schools", "of places in good or outstanding "
        "schools", True),
    "pct_schools_outstanding": MeasureInfo("Schools judged outstanding (latest graded inspection)",
                                           "of schools outstanding", True),
    "pct_schools_requires_improvement": MeasureInfo(
        "Schools judged requires improvement (latest graded inspection)",
        "of schools requiring improvement", False),
    "pct_pupils_sen_any": MeasureInfo("Pupils with special educational needs (mainstream)",
                                      "of pupils with SEN", None),
    "pct_pupils_sen_ehcp": MeasureInfo("Pupils with an education, health and care plan",
                                       "of pupils with an EHC plan", None),
    "pct_pupils_sen_support": MeasureInfo("Pupils receiving SEN support",
                                          "of pupils on SEN support", None),
}


def measure_info(measure_id: str) -> MeasureInfo:
    fallback = measure_id.replace("_", " ")
    return MEASURES.get(measure_id, MeasureInfo(fallback.capitalize(), fallback, None))


MET = "met"

ON_TRACK = "on track"

OFF_TRACK = "off track"

DISCONTINUED = "measure discontinued"

NO_DATA = "no data"

STATUSES = (MET, ON_TRACK, OFF_TRACK, DISCONTINUED, NO_DATA)


def measure_label(measure_id: str) -> str:
    return measure_info(measure_id).label

def measure_short(measure_id: str) -> str:
    """A few words for a title ("meeting the KS2 expected standard")."""
    return measure_info(measure_id).short


@dataclass(frozen=True)
class GroupPair:
    """A group of pupils and the group it is compared with."""

    key: str  # the page setting
    label: str  # "Disadvantaged pupils"
    group: str  # pupil_group in the measures table
    comparison: str
    comparison_label: str  # "Other pupils"
    short: str  # mid-sentence: "disadvantaged pupils"

GROUP_PAIRS: tuple[GroupPair, ...] = (
    GroupPair("disadvantaged", "Disadvantaged pupils", "disadvantaged", "not_disadvantaged",
              "Other pupils", "disadvantaged pupils"),
    GroupPair("fsm", "Pupils eligible for free school meals", "fsm", "not_fsm",
              "Pupils not eligible", "pupils eligible for free school meals"),
    GroupPair("sen_ehcp", "Pupils with an education, health and care plan", "sen_ehcp",
              "no_sen", "Pupils with no SEN", "pupils with an EHC plan"),
    GroupPair("sen_support", "Pupils receiving SEN support", "sen_support", "no_sen",
              "Pupils with no SEN", "pupils receiving SEN support"),
    GroupPair("sen_any", "Pupils with any special educational needs", "sen_any", "no_sen",
              "Pupils with no SEN", "pupils with SEN"),
    GroupPair("boys", "Boys", "boys", "girls", "Girls", "boys"),
    GroupPair("eal", "Pupils with English as an additional language", "eal", "not_eal",
              "Pupils with English as a first language", "pupils with English as an "
              "additional language"),
)

PAIR_BY_KEY = {p.key: p for p in GROUP_PAIRS}
