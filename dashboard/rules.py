"""School rules both the data build and the pages apply: which schools an area counts, which
population a school is in, its latest inspection across academy conversions, the KS2 floor."""

from __future__ import annotations

import re

import pandas as pd

from dashboard.config import Area


def history_urns(schools: pd.DataFrame, urn: int) -> list[int]:
    """Every URN in a school's chain, oldest first: its predecessors (and theirs), the school,
    then its successors (and theirs). Empty when the URN is not in `schools`."""
    if not (schools["urn"] == urn).any():
        return []
    indexed = schools.set_index("urn")

    def linked(column: str) -> dict[int, list[int]]:
        return {int(u): [int(v) for v in text.split(";") if v]
                for u, text in indexed[column].fillna("").items()}

    def levels(start: int, step: dict[int, list[int]]) -> list[list[int]]:
        """URNs one, two, ... links away from `start` (each URN once, so cycles end)."""
        found, seen, frontier = [], {start}, [start]
        while frontier:
            frontier = sorted({n for u in frontier for n in step.get(u, ())} - seen)
            seen.update(frontier)
            found.append(frontier)
        return found

    ancestors = [u for level in reversed(levels(urn, linked("predecessor_urns"))) for u in level]
    descendants = [u for level in levels(urn, linked("successor_urns")) for u in level
                   if u not in ancestors]
    return [*ancestors, urn, *descendants]


LATEST_PERIOD = "2026-06"

# Ofsted gave no overall effectiveness grades from this date.
OVERALL_GRADES_ENDED = "2024-09-01"

STATE_FUNDED = ["mainstream", "special", "ap", "nursery"]

# KS2 floor standard, 2016-2019 definition (DESIGN.md): mainstream state-funded schools with 11+
# pupils at the end of KS2, under 65% meeting the expected standard in RWM, and a progress score
# below -5 in reading, -7 in writing or -5 in maths.
FLOOR_MIN_COHORT = 11

FLOOR_RWM_EXPECTED = 65.0

FLOOR_PROGRESS = {
    "ks2_reading_progress": -5.0,
    "ks2_writing_progress": -7.0,
    "ks2_maths_progress": -5.0,
}

FLOOR_PERIODS = ["2015/16", "2016/17", "2017/18"]

EXPECTED_OR_ABOVE = {"exceptional", "strong", "expected"}

BELOW_EXPECTED = {"needs_attention", "urgent_improvement"}


def area_schools(schools: pd.DataFrame, area: Area) -> pd.DataFrame:
    """The schools the area's figures count: those its LA is responsible for.

    Ofsted and DfE count a school in the LA responsible for it, not the one it stands in, so a
    school in a district here but run by another council is left out (it is still in the school
    finder). Schools known only by name (old predecessor URNs) count where their district is.
    """
    la = schools["la_number"]
    responsible = (la == area.la_number) | (
        la.isna() & schools["district_code"].isin(area.district_codes)
    )
    return schools[responsible.fillna(False).astype(bool)]


def in_population(schools: pd.DataFrame, population: str) -> pd.DataFrame:
    """Filter schools to a measures population; 'all' means every state-funded school."""
    if population == "all":
        return schools[schools["population"].isin(STATE_FUNDED)]
    if population in ("primary", "secondary"):
        phases = {"primary": ["primary", "middle"], "secondary": ["secondary", "all_through"]}
        return schools[
            (schools["population"] == "mainstream") & schools["phase"].isin(phases[population])
        ]
    return schools[schools["population"] == population]


def predecessor_map(schools: pd.DataFrame) -> dict[int, list[int]]:
    split = schools["predecessor_urns"].fillna("").str.split(";")
    return {
        int(urn): [int(p) for p in preds if p]
        for urn, preds in zip(schools["urn"], split, strict=True)
    }


def latest_per_school(
    candidates: pd.DataFrame, urns: pd.Series, predecessors: dict[int, list[int]]
) -> pd.DataFrame:
    """Each school's latest inspection among `candidates`, taking a predecessor's when the
    school has none of its own (Ofsted's rule for new academies), up to three links back."""
    latest = (
        candidates.sort_values("inspection_date")
        .drop_duplicates("urn", keep="last")
        .set_index("urn")
    )
    picked = []
    for urn in urns.astype(int):
        chain, seen = [urn], set()
        for _ in range(4):
            found = next((u for u in chain if u in latest.index), None)
            if found is not None:
                picked.append({"urn": urn, "inspected_urn": found})
                break
            seen.update(chain)
            chain = [p for u in chain for p in predecessors.get(u, []) if p not in seen]
            if not chain:
                break
    if not picked:
        return pd.DataFrame(columns=["urn", "inspected_urn", *latest.columns])
    chosen = pd.DataFrame(picked)
    return chosen.join(latest, on="inspected_urn")


def wide_results(results: pd.DataFrame, measure_ids: list[str]) -> pd.DataFrame:
    """School x period table of chosen measures (pupil group 'all') with cohorts."""
    subset = results[(results["pupil_group"] == "all") & results["measure_id"].isin(measure_ids)]
    values = subset.pivot_table(
        index=["urn", "period"], columns="measure_id", values="value", aggfunc="first"
    )
    grouped = subset.groupby(["urn", "period"])
    return values.assign(
        cohort=grouped["cohort"].max(), source_id=grouped["source_id"].first()
    ).reset_index()


def below_floor(results: pd.DataFrame) -> pd.Series:
    """True where a school-year is below the 2016-2019 KS2 floor standard (all data present)."""
    progress_low = pd.concat([results[m] < limit for m, limit in FLOOR_PROGRESS.items()], axis=1)
    return (
        (results["cohort"] >= FLOOR_MIN_COHORT)
        & (results["ks2_rwm_expected_pct"] < FLOOR_RWM_EXPECTED)
        & progress_low.any(axis=1)
    )


_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")

_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


def normalise_postcode(text: str | None) -> str | None:
    """Upper case with one space before the inward code ("st16 1aa" -> "ST16 1AA").

    Tolerant of case and of missing, doubled or padded spaces; None for anything not shaped
    like a UK postcode.
    """
    if not isinstance(text, str):
        return None
    match = _POSTCODE.match(re.sub(r"\s+", "", text).upper())
    return f"{match.group(1)} {match.group(2)}" if match else None


def normalise_outward_code(text: str | None) -> str | None:
    """The outward part of a postcode in upper case ("st16" -> "ST16"); None if not one."""
    if not isinstance(text, str):
        return None
    candidate = re.sub(r"\s+", "", text).upper()
    return candidate if _OUTWARD.match(candidate) else None
