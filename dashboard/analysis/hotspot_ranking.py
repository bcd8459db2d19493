"""Hotspots' schools: every rule run over the area's open state-funded schools, the schools of
one phase and type, and the schools and districts ranked by their flags. No Dash.

A school's figures follow its URN changes: results filed under an old URN count for the school
open now, and a new academy takes its predecessor's latest inspection, as Ofsted does. A
district is flagged on a rule when the share of its schools flagged is above the county's.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.hotspot_rules import (
    CHECK_COLUMNS,
    RULES,
    HotspotRules,
    RuleText,
    absence_rule,
    falling_rule,
    floor_rule,
    gap_rule,
    legacy_grade_rule,
    report_card_rule,
)
from dashboard.config import Area
from dashboard.rules import (
    FLOOR_PROGRESS,
    area_schools,
    in_population,
    latest_per_school,
    predecessor_map,
    wide_results,
)
from dashboard.store.readings import ASSESSABLE, readings
from dashboard.wording import ordinal

# Phases a filter keeps (as in dashboard.rules.in_population) and school types.
PHASES = {"all": (), "primary": ("primary", "middle"), "secondary": ("secondary", "all_through")}
SCHOOL_TYPES = ("all", "mainstream", "special", "ap")
SCHOOL_COLUMNS = ["urn", "name", "district_code", "district_name", "phase", "population"]


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
    return Assessment(schools=schools[SCHOOL_COLUMNS].reset_index(drop=True), checks=checks)


def no_schools() -> Assessment:
    """An assessment with no schools (a store without school-level tables)."""
    return Assessment(schools=pd.DataFrame(columns=SCHOOL_COLUMNS),
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


def any_flag_share(assessment: Assessment) -> float | None:
    """The share of the schools in scope with at least one flag."""
    if assessment.schools.empty:
        return None
    flagged = assessment.schools["urn"].isin(assessment.checks.loc[assessment.checks["flagged"],
                                                                   "urn"])
    return round(100 * float(flagged.mean()), 1)


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
