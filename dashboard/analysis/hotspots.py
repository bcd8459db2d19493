"""Hotspots: schools and districts flagged by rules, each flag with its reason in words.

The rules' thresholds are in the area file's `[hotspots]` section. Each rule is a pure function
over a small frame that returns one row per school it could assess: `urn`, `flagged` and the
`reason` in words. A school's figures follow its URN changes (results filed under an old URN
count for the school open now; a new academy takes its predecessor's latest inspection, as Ofsted
does). A district is flagged on a rule when the share of its schools flagged is above the
county's. The district x measure grid reads district figures from the measures table. No Dash.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts.style import COUNTY_COLOUR, FONT_FAMILY, GRID_COLOUR, TEXT_COLOUR
from dashboard.config import Area, AreaFileError
from dashboard.rules import (
    FLOOR_MIN_COHORT,
    FLOOR_PROGRESS,
    FLOOR_RWM_EXPECTED,
    area_schools,
    below_floor,
    in_population,
    latest_per_school,
    predecessor_map,
    wide_results,
)
from dashboard.store.readings import ASSESSABLE, Reading, latest, readings
from dashboard.tables import REPORT_CARD_AREAS
from dashboard.vocabulary import measure_info
from dashboard.wording import format_difference, format_number, ordinal, period_label, shown

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

# Phases a filter keeps (as in dashboard.rules.in_population) and school types.
PHASES = {"all": (), "primary": ("primary", "middle"), "secondary": ("secondary", "all_through")}
SCHOOL_TYPES = ("all", "mainstream", "special", "ap")


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


# ---------------------------------------------------------------------------------------------
# Assessing the area's schools


def england_figures(measures: pd.DataFrame, area: Area, measure_id: str,
                    population: str = "all", pupil_group: str = "all") -> dict[str, float]:
    """England's official or computed figure by period."""
    return {r.period: r.value for r in readings(measures, measure_id, area.england_code,
                                                population, pupil_group, ASSESSABLE)
            if r.value is not None}


def on_current_urn(frame: pd.DataFrame, lineage: Mapping[int, int]) -> pd.DataFrame:
    """School-level rows moved to the URN of the school open now (results filed under a
    predecessor's URN count for its successor); where both have a row, the school's own wins."""
    moved = frame.assign(own=True)
    moved["urn"] = frame["urn"].astype(int).map(lambda u: lineage.get(u, u))
    moved["own"] = frame["urn"].astype(int).to_numpy() == moved["urn"].to_numpy()
    keys = [c for c in ("urn", "period", "measure_id", "pupil_group") if c in moved]
    return moved.sort_values("own").drop_duplicates(keys, keep="last").drop(columns="own")


def absence_comparator(schools: pd.DataFrame) -> pd.Series:
    """The England population a school's absence is compared with (None: no comparator)."""
    phase = schools["phase"].fillna("")
    comparator = pd.Series(None, index=schools.index, dtype="object")
    mainstream = schools["population"] == "mainstream"
    comparator[mainstream & phase.isin(PHASES["primary"])] = "primary"
    comparator[mainstream & phase.isin(PHASES["secondary"])] = "secondary"
    comparator[schools["population"] == "special"] = "special"
    return comparator


@dataclass(frozen=True)
class Assessment:
    """The area's open state-funded schools and every rule's checks on them."""

    schools: pd.DataFrame  # urn, name, district_code, district_name, phase, population
    checks: pd.DataFrame  # CHECK_COLUMNS


def assess_schools(tables: Mapping[str, pd.DataFrame], area: Area,
                   rules: HotspotRules) -> Assessment:
    """Run every rule over the area's open state-funded schools (from the store's tables)."""
    every_school = tables["schools"]
    schools = in_population(area_schools(every_school, area), "all")
    schools = schools[schools["is_open"].fillna(False).astype(bool)]
    lineage = dict(zip(every_school["urn"].astype(int), every_school["lineage_urn"].astype(int),
                       strict=True))
    predecessors = predecessor_map(every_school)
    inspections, measures = tables["inspections"], tables["measures"]
    urns = schools["urn"]
    graded = latest_per_school(inspections[inspections["overall_grade"].notna()], urns,
                               predecessors)
    cards = latest_per_school(inspections[inspections["framework"] == "report_card"], urns,
                              predecessors)
    ks2 = on_current_urn(tables["ks2_results"], lineage)
    results = on_current_urn(pd.concat([tables["ks2_results"], tables["ks4_results"]]), lineage)
    every_result = results[results["pupil_group"] == "all"]
    gap_rows = results[(results["measure_id"] == rules.gap_measure)
                       & (results["pupil_group"] == "disadvantaged")]
    england = {(m, period): value for m in rules.falling_measures
               for period, value in england_figures(measures, area, m).items()}
    absence = england_absence(measures, area)
    context = on_current_urn(tables["school_context"], lineage).merge(
        schools.assign(comparator=absence_comparator(schools))[["urn", "comparator"]], on="urn")
    checks = pd.concat([
        legacy_grade_rule(graded, rules.legacy_grades),
        report_card_rule(cards, rules.report_card_grades),
        floor_rule(wide_results(ks2, ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]),
                   rules.floor_periods),
        falling_rule(every_result, england, rules.falling_measures, rules.below_england_by,
                     rules.fall_by),
        gap_rule(gap_rows, england_figures(measures, area, rules.gap_measure,
                                           pupil_group="not_disadvantaged"),
                 england_figures(measures, area, rules.gap_measure, pupil_group="disadvantaged"),
                 rules.gap_margin, rules.gap_measure),
        absence_rule(context, absence, rules.absence_margin),
    ], ignore_index=True)
    checks = checks[checks["urn"].isin(urns)].reset_index(drop=True)
    columns = ["urn", "name", "district_code", "district_name", "phase", "population"]
    return Assessment(schools=schools[columns].reset_index(drop=True), checks=checks)


def no_schools() -> Assessment:
    """An assessment with no schools (a store without school-level tables)."""
    columns = ["urn", "name", "district_code", "district_name", "phase", "population"]
    return Assessment(schools=pd.DataFrame(columns=columns),
                      checks=pd.DataFrame(columns=CHECK_COLUMNS).astype({"flagged": bool}))


def england_absence(measures: pd.DataFrame, area: Area) -> dict[tuple[str, str], float]:
    return {(population, period): value for population in ("primary", "secondary", "special")
            for period, value in england_figures(measures, area, "pct_persistent_absence",
                                                 population).items()}


def in_scope(assessment: Assessment, phase: str, school_type: str) -> Assessment:
    """The schools of one phase ("all", "primary", "secondary") and type ("all", "mainstream",
    "special", "ap"), with their checks."""
    schools = assessment.schools
    if PHASES.get(phase):
        schools = schools[schools["phase"].isin(PHASES[phase])]
    if school_type != "all":
        schools = schools[schools["population"] == school_type]
    return Assessment(schools=schools,
                      checks=assessment.checks[assessment.checks["urn"].isin(schools["urn"])])


# ---------------------------------------------------------------------------------------------
# Ranking schools and districts


@dataclass(frozen=True)
class SchoolHotspot:
    urn: int
    name: str
    district_name: str
    phase: str
    rank: str  # "1st", "joint 2nd"
    flags: tuple[tuple[str, str], ...]  # (rule name, reason)


def _competition_ranks(scores: Sequence[tuple[Any, ...]]) -> list[str]:
    """Ranks for scores sorted best first: equal scores share a place ("joint 2nd")."""
    scores = list(scores)
    return [f"{'joint ' if scores.count(score) > 1 else ''}{ordinal(scores.index(score) + 1)}"
            for score in scores]


def school_hotspots(assessment: Assessment, texts: Mapping[str, RuleText]) -> list[
        SchoolHotspot]:
    """Every flagged school, most flags first (then by name)."""
    flagged = assessment.checks[assessment.checks["flagged"]]
    if flagged.empty:
        return []
    info = assessment.schools.set_index("urn")
    order = {rule: i for i, rule in enumerate(RULES)}
    grouped = []
    for urn, flags in flagged.groupby("urn"):
        flags = flags.sort_values("rule", key=lambda s: s.map(order))
        school = info.loc[urn]
        grouped.append((len(flags), str(school["name"]), int(urn), school,
                        tuple((texts[r].name, reason)
                              for r, reason in zip(flags["rule"], flags["reason"], strict=True))))
    grouped.sort(key=lambda g: (-g[0], g[1]))
    ranks = _competition_ranks([(g[0],) for g in grouped])
    return [SchoolHotspot(urn=urn, name=name, district_name=_text(school["district_name"]),
                          phase=_text(school["phase"]).replace("_", " "), rank=rank, flags=flags)
            for (_, name, urn, school, flags), rank in zip(grouped, ranks, strict=True)]


def _text(value: object) -> str:
    return "" if value is None or pd.isna(value) else str(value)


@dataclass(frozen=True)
class DistrictFlag:
    rule: str
    reason: str


@dataclass(frozen=True)
class DistrictHotspot:
    code: str
    name: str
    schools: int
    flagged_schools: int  # with at least one flag
    flags: tuple[DistrictFlag, ...]
    rank: str = ""

    @property
    def share_flagged(self) -> float | None:
        return round(100 * self.flagged_schools / self.schools, 1) if self.schools else None


def district_hotspots(assessment: Assessment, area: Area, rules: HotspotRules,
                      texts: Mapping[str, RuleText]) -> list[DistrictHotspot]:
    """Every district, ranked: most rules on which its share of schools flagged is above the
    county's, then the largest share of schools with any flag."""
    checks = assessment.checks.merge(assessment.schools[["urn", "district_code"]], on="urn")
    county_share = checks.groupby("rule")["flagged"].mean() * 100
    any_flag = set(checks.loc[checks["flagged"], "urn"])
    found = []
    for district in area.districts:
        schools = assessment.schools[assessment.schools["district_code"] == district.code]
        mine = checks[checks["district_code"] == district.code]
        flags = []
        for rule in RULES:
            assessed = mine[mine["rule"] == rule]
            if len(assessed) < rules.district_min_schools:
                continue
            share = 100 * assessed["flagged"].mean()
            county = county_share.get(rule, 0.0)
            if share > county + rules.district_margin:
                text = texts[rule]
                flags.append(DistrictFlag(rule, (
                    f"{int(assessed['flagged'].sum())} of {len(assessed)} schools "
                    f"{text.assessed} ({share:.0f}%) {text.flagged}, against {county:.0f}% "
                    f"across {area.name}")))
        found.append(DistrictHotspot(
            code=district.code, name=district.name, schools=len(schools),
            flagged_schools=int(schools["urn"].isin(any_flag).sum()), flags=tuple(flags)))
    found.sort(key=lambda d: (-len(d.flags), -(d.share_flagged or 0), d.name))
    ranks = _competition_ranks([(len(d.flags), d.share_flagged) for d in found])
    return [DistrictHotspot(d.code, d.name, d.schools, d.flagged_schools, d.flags, rank)
            for d, rank in zip(found, ranks, strict=True)]


# ---------------------------------------------------------------------------------------------
# The district x measure grid

HIGHER, LOWER, SAME = "higher", "lower", "same"


def position(reading: Reading | None, other: Reading | None) -> str | None:
    """Higher, lower or the same as `other` at the precision shown; None without both."""
    if reading is None or other is None or reading.value is None or other.value is None:
        return None
    unit, measure_id = reading.unit, reading.measure_id
    difference = shown(reading.value, unit, measure_id) - shown(other.value, unit, measure_id)
    if shown(difference, unit, measure_id) == 0:
        return SAME
    return HIGHER if difference > 0 else LOWER


@dataclass(frozen=True)
class GridColumn:
    measure_id: str
    label: str
    population: str
    period: str
    higher_is_better: bool | None
    districts: dict[str, Reading]  # by district code
    county: Reading | None
    england: Reading | None

    @property
    def low(self) -> Reading | None:
        with_values = [r for r in self.districts.values() if r.value is not None]
        return min(with_values, key=lambda r: (r.value, r.area_name)) if with_values else None

    @property
    def high(self) -> Reading | None:
        with_values = [r for r in self.districts.values() if r.value is not None]
        return max(with_values, key=lambda r: (r.value, r.area_name)) if with_values else None

    def range_text(self) -> str:
        low, high = self.low, self.high
        if low is None or high is None or low.value is None or high.value is None:
            return "no figures"
        return format_difference(high.value - low.value, low.unit, self.measure_id)


def grid_population(measure_id: str, phase: str, school_type: str) -> str | None:
    """The measures-table population a grid column shows for the filters, or None when the
    measure has no figures for them. Results are published for all state-funded schools
    together, so they show only when every school type is chosen."""
    if measure_id.startswith(("ks2_", "ks4_")):
        matches = {"ks2_": "primary", "ks4_": "secondary"}[measure_id[:4]]
        return "all" if school_type == "all" and phase in ("all", matches) else None
    return phase if phase != "all" else school_type


def district_grid(measures: pd.DataFrame, area: Area, measure_ids: Sequence[str], phase: str,
                  school_type: str) -> list[GridColumn]:
    """One column per measure with district figures for the filters: each district's figure for
    the latest year England has one too (else the latest year), with the county and England."""
    columns = []
    codes = list(area.district_codes)
    for measure_id in measure_ids:
        population = grid_population(measure_id, phase, school_type)
        if population is None:
            continue
        rows = measures[measures["measure_id"] == measure_id]
        districts = readings(rows, measure_id, codes, population,
                             statuses=("official", "computed", "estimated"))
        if not any(r.value is not None for r in districts):
            continue
        england = readings(rows, measure_id, area.england_code, population, statuses=ASSESSABLE)
        national_periods = {r.period for r in england if r.value is not None}
        both = [r for r in districts if r.value is not None and r.period in national_periods]
        chosen = latest(both) or latest(districts)
        assert chosen is not None
        period = chosen.period
        county = readings(rows, measure_id, area.ons_code, population,
                          statuses=("official", "computed", "estimated"))
        columns.append(GridColumn(
            measure_id=measure_id, label=measure_info(measure_id).label, population=population,
            period=period, higher_is_better=measure_info(measure_id).higher_is_better,
            districts={r.area_code: r for r in districts if r.period == period},
            county=next((r for r in county if r.period == period), None),
            england=next((r for r in england if r.period == period), None)))
    return columns


def grid_summary(columns: Sequence[GridColumn], area: Area) -> str:
    """One sentence: the widest variation across districts."""
    # Percentages only (ranges in other units are not comparable), and those with an England
    # figure first: the headline measures, not shares of a handful of report cards.
    spreads = [(c.england is not None, c.high.value - c.low.value, c) for c in columns
               if c.high is not None and c.low is not None and c.high.value is not None
               and c.low.value is not None and c.high.unit == "percent"]
    if not spreads:
        return f"No measure has figures for {area.name}'s districts with these filters."
    _, spread, column = max(spreads, key=lambda item: item[:2])
    assert column.low is not None and column.high is not None
    return (f"The widest variation between {area.name}'s districts is in "
            f"{column.label[:1].lower() + column.label[1:]}: from "
            f"{format_number(column.low.value or 0, 'percent')} in {column.low.area_name} to "
            f"{format_number(column.high.value or 0, 'percent')} in {column.high.area_name} "
            f"({period_label(column.period)}), a range of "
            f"{format_difference(spread, 'percent')}.")


# ---------------------------------------------------------------------------------------------
# The districts chart


def any_flag_share(assessment: Assessment) -> float | None:
    """The share of the schools in scope with at least one flag."""
    if assessment.schools.empty:
        return None
    flagged = assessment.schools["urn"].isin(assessment.checks.loc[assessment.checks["flagged"],
                                                                   "urn"])
    return round(100 * float(flagged.mean()), 1)


def by_share(districts: Sequence[DistrictHotspot]) -> list[DistrictHotspot]:
    """Districts with schools, the largest share of schools flagged first."""
    return sorted((d for d in districts if d.share_flagged is not None),
                  key=lambda d: (-(d.share_flagged or 0), d.name))


def districts_title(districts: Sequence[DistrictHotspot], county_share: float | None,
                    area: Area) -> str:
    """The finding: the district with the largest share of schools flagged."""
    ordered = by_share(districts)
    if not ordered or county_share is None:
        return f"No schools in {area.name}'s districts match these filters"
    top = ordered[0]
    return (f"{top.name} has the largest share of schools with at least one flag: "
            f"{top.share_flagged:.0f}%, against {county_share:.0f}% across {area.name}")


def districts_summary(districts: Sequence[DistrictHotspot], county_share: float | None,
                      area: Area) -> str:
    ordered = by_share(districts)
    if not ordered or county_share is None:
        return "There are no schools to compare."
    high, low = ordered[0], ordered[-1]
    return (f"The share of schools with at least one flag ranges from {low.share_flagged:.0f}% "
            f"in {low.name} to {high.share_flagged:.0f}% in {high.name}, against "
            f"{county_share:.0f}% across {area.name}.")


def districts_data(districts: Sequence[DistrictHotspot], period: str,
                   source: str) -> pd.DataFrame:
    """The plotted values: each district's share of schools with at least one flag."""
    columns = ["District", "Schools", "Schools with a flag", "Rules flagged", "value",
               "suppression", "unit", "period", "source", "status"]
    return pd.DataFrame.from_records([{
        "District": d.name, "Schools": d.schools, "Schools with a flag": d.flagged_schools,
        "Rules flagged": len(d.flags), "value": d.share_flagged,
        "suppression": "" if d.share_flagged is not None else "z", "unit": "percent",
        "period": period, "source": source, "status": "computed"} for d in by_share(districts)],
        columns=columns)


def districts_figure(districts: Sequence[DistrictHotspot], county_share: float | None,
                     area_name: str) -> go.Figure:
    """Horizontal bars, the largest share at the top, each labelled with its share and count;
    the county's share as a dashed line."""
    shown_districts = by_share(districts)[::-1]
    fig = go.Figure(go.Bar(
        y=[d.name for d in shown_districts], x=[d.share_flagged for d in shown_districts],
        orientation="h", marker={"color": COUNTY_COLOUR},
        text=[f"{d.share_flagged:.0f}% ({d.flagged_schools} of {d.schools})"
              for d in shown_districts],
        textposition="outside", cliponaxis=False, name="Schools with at least one flag",
        hovertemplate="%{y}: %{text}<extra></extra>"))
    if county_share is not None:
        fig.add_vline(x=county_share, line={"color": TEXT_COLOUR, "dash": "dash", "width": 2},
                      annotation_text=f"{area_name} {county_share:.0f}%",
                      annotation_position="top", annotation_font={"size": 12})
    fig.update_layout(
        height=80 + 34 * max(len(shown_districts), 1), showlegend=False,
        margin={"l": 8, "r": 90, "t": 36, "b": 8},
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        paper_bgcolor="white", plot_bgcolor="white",
        xaxis={"range": [0, 100], "ticksuffix": "%", "gridcolor": GRID_COLOUR,
               "fixedrange": True},
        yaxis={"automargin": True, "fixedrange": True})
    return fig
