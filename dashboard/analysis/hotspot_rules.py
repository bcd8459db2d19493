"""Hotspot rules: their thresholds from the area file's `[hotspots]` section, each rule in words,
and each rule as a pure function over a small frame that returns one row per school it could
assess: `urn`, `flagged` and the `reason` in words (CHECK_COLUMNS). A figure exactly at a
threshold, or one that looks the same at the precision shown, is not flagged. No Dash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.config import Area, AreaFileError
from dashboard.rules import FLOOR_MIN_COHORT, FLOOR_PROGRESS, FLOOR_RWM_EXPECTED, below_floor
from dashboard.tables import REPORT_CARD_AREAS
from dashboard.vocabulary import measure_info
from dashboard.wording import format_number, period_label, shown

LEGACY_GRADE, REPORT_CARD, KS2_FLOOR, FALLING_RESULTS, DISADVANTAGED_GAP, PERSISTENT_ABSENCE = (
    "legacy_grade", "report_card", "ks2_floor", "falling_results", "disadvantaged_gap",
    "persistent_absence")
RULES = (LEGACY_GRADE, REPORT_CARD, KS2_FLOOR, FALLING_RESULTS, DISADVANTAGED_GAP,
         PERSISTENT_ABSENCE)
GRADE_WORDS = {1: "outstanding", 2: "good", 3: "requires improvement", 4: "inadequate"}
# Ofsted's names for the report-card evaluation areas.
REPORT_CARD_AREA_NAMES = {
    "rc_inclusion": "inclusion",
    "rc_curriculum_and_teaching": "curriculum and teaching",
    "rc_achievement": "achievement",
    "rc_attendance_and_behaviour": "attendance and behaviour",
    "rc_personal_development": "personal development and well-being",
    "rc_early_years": "early years",
    "rc_post16": "sixth form",
    "rc_leadership": "leadership and governance",
}
CHECK_COLUMNS = ["urn", "rule", "flagged", "reason"]


@dataclass(frozen=True)
class HotspotRules:
    """The rules' settings, from the area file."""

    district_margin: float
    district_min_schools: int
    legacy_grades: tuple[int, ...]
    report_card_grades: tuple[str, ...]
    floor_periods: tuple[str, ...]
    falling_measures: tuple[str, ...]
    below_england_by: float
    fall_by: float
    gap_measure: str
    gap_margin: float
    absence_margin: float
    grid_measures: tuple[str, ...]


def load_rules(area: Area) -> HotspotRules:
    """The `[hotspots]` section of the area file; a missing key gives an AreaFileError."""
    section: Mapping[str, Any] = area.extra.get("hotspots", {})
    try:
        return HotspotRules(
            district_margin=float(section["district_margin"]),
            district_min_schools=int(section["district_min_schools"]),
            legacy_grades=tuple(int(g) for g in section["legacy_grade"]["grades"]),
            report_card_grades=tuple(section["report_card"]["grades"]),
            floor_periods=tuple(section["ks2_floor"]["periods"]),
            falling_measures=tuple(section["falling_results"]["measures"]),
            below_england_by=float(section["falling_results"]["below_england_by"]),
            fall_by=float(section["falling_results"]["fall_by"]),
            gap_measure=section["disadvantaged_gap"]["measure"],
            gap_margin=float(section["disadvantaged_gap"]["wider_than_england_by"]),
            absence_margin=float(section["persistent_absence"]["above_england_by"]),
            grid_measures=tuple(section["grid"]["measures"]))
    except (KeyError, TypeError, ValueError) as exc:
        raise AreaFileError(f"area file [hotspots]: missing or malformed setting {exc}") from exc


def _words_list(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} or {items[-1]}"


def _margin(value: float, unit_words: str) -> str:
    return "" if value == 0 else f" by more than {value:g} {unit_words}"


@dataclass(frozen=True)
class RuleText:
    name: str  # a heading
    description: str  # the rule and its threshold, in a sentence
    flagged: str  # completes "N of M schools ..." for a district's reason
    assessed: str  # which schools the rule can assess


def rule_texts(rules: HotspotRules) -> dict[str, RuleText]:
    """Each rule in words, with the thresholds from the area file."""
    grades = _words_list([GRADE_WORDS[g] for g in rules.legacy_grades])
    cards = _words_list([g.replace("_", " ") for g in rules.report_card_grades])
    periods = _words_list(list(rules.floor_periods))
    progress = ", ".join(f"{m.split('_')[1]} progress below {limit:g}"
                         for m, limit in FLOOR_PROGRESS.items())
    falling = "; ".join(measure_info(m).label for m in rules.falling_measures)
    return {
        LEGACY_GRADE: RuleText(
            "Latest overall grade", f"The school's latest inspection with an overall grade "
            f"(before Ofsted stopped them in September 2024) judged it {grades}.",
            f"have a latest overall grade of {grades}", "with an overall grade"),
        REPORT_CARD: RuleText(
            "Report card", f"Any evaluation area of the school's latest report card (from "
            f"November 2025) is graded {cards}.",
            f"have a report-card area graded {cards}", "with a report card"),
        KS2_FLOOR: RuleText(
            "Below the KS2 floor standard", f"Below the key stage 2 floor standard in {periods}: "
            f"{FLOOR_MIN_COHORT} or more pupils at the end of key stage 2, under "
            f"{FLOOR_RWM_EXPECTED:g}% meeting the expected standard in reading, writing and maths, "
            f"and {progress} (the Department for Education's 2016-2019 definition).",
            "were below the KS2 floor standard", f"with KS2 results in {periods}"),
        FALLING_RESULTS: RuleText(
            "Below England and falling", "The school's latest figure is below England's for "
            f"the same year{_margin(rules.below_england_by, 'points')} and lower than its "
            f"previous figure{_margin(rules.fall_by, 'points')}, for any of: {falling}. For "
            "most schools the "
            "last two figures are 2017/18 and 2022/23 (key stage 2) or 2018/19 and 2022/23 "
            "(key stage 4), either side of the pandemic.",
            "are below England and falling", "with two years of results"),
        DISADVANTAGED_GAP: RuleText(
            "Wide disadvantaged gap",
            f"The gap between the {measure_info(rules.gap_measure).short} "
            "of England's non-disadvantaged pupils and the school's disadvantaged pupils is "
            f"wider than England's own gap{_margin(rules.gap_margin, 'points')} (the comparison "
            "the performance tables make; 2022/23, the only year with school figures).",
            "have a wider disadvantaged gap than England", "with a published figure for "
            "disadvantaged pupils"),
        PERSISTENT_ABSENCE: RuleText(
            "High persistent absence", "The share of the school's pupils persistently absent "
            f"is above England's for the same kind of school"
            f"{_margin(rules.absence_margin, 'percentage points')} (2018/19, the latest "
            "school-level absence in the sources).",
            "have persistent absence above England", "with absence figures"),
    }


# ---------------------------------------------------------------------------------------------
# The rules: one row per school assessed, with `flagged` and the reason in words


def _checks(records: Iterable[dict[str, Any]], rule: str) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(list(records), columns=["urn", "flagged", "reason"])
    frame["rule"] = rule
    frame["flagged"] = frame["flagged"].astype(bool)
    return frame[CHECK_COLUMNS]


def beyond(excess: float, unit: str, measure_id: str = "") -> bool:
    """Whether a figure passes its threshold by `excess`, at the precision figures are shown:
    a figure that looks the same as the threshold is not beyond it."""
    return shown(excess, unit, measure_id) > 0


def _day(timestamp: object) -> str:
    return period_label(pd.Timestamp(timestamp).date().isoformat())


def legacy_grade_rule(latest_graded: pd.DataFrame, grades: Sequence[int]) -> pd.DataFrame:
    """`latest_graded`: each school's latest graded inspection (urn, inspection_date,
    overall_grade, overall_label)."""
    records = []
    for row in latest_graded.itertuples(index=False):
        label = (row.overall_label if isinstance(row.overall_label, str)
                 else GRADE_WORDS[int(row.overall_grade)]).lower()
        records.append({"urn": row.urn, "flagged": int(row.overall_grade) in grades,
                        "reason": f"Latest overall grade {label} "
                                  f"(inspected {_day(row.inspection_date)})"})
    return _checks(records, LEGACY_GRADE)


def report_card_rule(latest_cards: pd.DataFrame, grades: Sequence[str]) -> pd.DataFrame:
    """`latest_cards`: each school's latest report card (urn, inspection_date, rc_* areas)."""
    records = []
    for _, row in latest_cards.iterrows():
        low = [f"{REPORT_CARD_AREA_NAMES.get(area, area)} {row[area].replace('_', ' ')}"
               for area in REPORT_CARD_AREAS if row.get(area) in grades]
        records.append({"urn": row["urn"], "flagged": bool(low),
                        "reason": f"Report card ({_day(row['inspection_date'])}): "
                                  + "; ".join(low)})
    return _checks(records, REPORT_CARD)


def floor_rule(ks2_wide: pd.DataFrame, periods: Sequence[str]) -> pd.DataFrame:
    """`ks2_wide`: school x period KS2 results (urn, period, cohort, ks2_rwm_expected_pct and
    the progress scores), as dashboard.rules.wide_results makes them. A school is assessed
    in a year when it had 11 or more pupils at the end of KS2."""
    wide = ks2_wide[ks2_wide["period"].isin(periods)].copy()
    for column in ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]:
        if column not in wide:
            wide[column] = float("nan")
    wide = wide[wide["cohort"].fillna(0) >= FLOOR_MIN_COHORT]
    wide["below"] = below_floor(wide).fillna(False).astype(bool)
    records = []
    for urn, years in wide.groupby("urn"):
        below = years[years["below"]].sort_values("period")
        details = []
        for row in below.itertuples(index=False):
            low = [f"{m.split('_')[1]} progress {getattr(row, m):.1f}"
                   for m, limit in FLOOR_PROGRESS.items() if getattr(row, m) < limit]
            details.append(f"{row.period}: {row.ks2_rwm_expected_pct:.0f}% met the expected "
                           f"standard, {', '.join(low)}")
        records.append({"urn": urn, "flagged": bool(details),
                        "reason": "Below the KS2 floor standard (" + "; ".join(details) + ")"})
    return _checks(records, KS2_FLOOR)


def falling_rule(results: pd.DataFrame, england: Mapping[tuple[str, str], float],
                 measures: Sequence[str], below_by: float, fall_by: float) -> pd.DataFrame:
    """`results`: urn, measure_id, period, value (pupil group all, values present); `england`:
    England's figure by (measure_id, period). A school is assessed on a measure when it has two
    figures and England has one for the later year."""
    records = []
    chosen = results[results["measure_id"].isin(measures) & results["value"].notna()]
    for urn, mine in chosen.groupby("urn"):
        reasons, assessed = [], False
        for measure_id, series in mine.groupby("measure_id"):
            series = series.sort_values("period")
            if len(series) < 2:
                continue
            previous, current = series.iloc[-2], series.iloc[-1]
            national = england.get((str(measure_id), current["period"]))
            if national is None:
                continue
            assessed = True
            unit = "percent" if str(measure_id).endswith("_pct") else "score"
            if (beyond(national - below_by - current["value"], unit, str(measure_id))
                    and beyond(previous["value"] - fall_by - current["value"], unit,
                               str(measure_id))):
                short = measure_info(str(measure_id)).short
                reasons.append(
                    f"{short[:1].upper() + short[1:]}: "
                    f"{format_number(current['value'], unit, str(measure_id))} in "
                    f"{current['period']}, below England's "
                    f"{format_number(national, unit, str(measure_id))} and down from "
                    f"{format_number(previous['value'], unit, str(measure_id))} in "
                    f"{previous['period']}")
        if assessed:
            records.append({"urn": urn, "flagged": bool(reasons), "reason": "; ".join(reasons)})
    return _checks(records, FALLING_RESULTS)


def gap_rule(disadvantaged: pd.DataFrame, england_ahead: Mapping[str, float],
             england_behind: Mapping[str, float], margin: float,
             measure_id: str) -> pd.DataFrame:
    """`disadvantaged`: urn, period, value for the school's disadvantaged pupils; England's
    non-disadvantaged (`ahead`) and disadvantaged (`behind`) figures by period. The school's gap
    is England's non-disadvantaged figure minus the school's; flagged when wider than England's
    gap by more than `margin`."""
    records = []
    usable = disadvantaged[disadvantaged["value"].notna()
                           & disadvantaged["period"].isin(england_ahead.keys()
                                                          & england_behind.keys())]
    for urn, mine in usable.groupby("urn"):
        row = mine.sort_values("period").iloc[-1]
        period = row["period"]
        gap = england_ahead[period] - row["value"]
        england_gap = england_ahead[period] - england_behind[period]
        figure = format_number(row["value"], "score", measure_id)
        records.append({
            "urn": urn, "flagged": beyond(gap - england_gap - margin, "score", measure_id),
            "reason": f"Disadvantaged pupils' {measure_info(measure_id).short} {figure} "
                      f"in {period}, "
                      f"{format_number(gap, 'score', measure_id)} behind England's "
                      f"non-disadvantaged pupils (England's gap "
                      f"{format_number(england_gap, 'score', measure_id)})"})
    return _checks(records, DISADVANTAGED_GAP)


def absence_rule(context: pd.DataFrame, england: Mapping[tuple[str, str], float],
                 margin: float) -> pd.DataFrame:
    """`context`: urn, period, pct_persistent_absence and `comparator`, the England population
    to compare with ("primary", "secondary", "special"); `england`: England's rate by
    (comparator, period)."""
    records = []
    usable = context[context["pct_persistent_absence"].notna() & context["comparator"].notna()]
    for urn, mine in usable.groupby("urn"):
        row = mine.sort_values("period").iloc[-1]
        national = england.get((row["comparator"], row["period"]))
        if national is None:
            continue
        rate = row["pct_persistent_absence"]
        records.append({
            "urn": urn, "flagged": beyond(rate - national - margin, "percent"),
            "reason": f"{format_number(rate, 'percent')} of pupils persistently absent in "
                      f"{row['period']}, against {format_number(national, 'percent')} for "
                      f"{row['comparator']} schools in England"})
    return _checks(records, PERSISTENT_ABSENCE)
