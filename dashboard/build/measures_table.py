"""The measures table: every number the dashboard shows, in one tidy long table.

Columns (DESIGN.md section 3): measure_id, area_type, area_code, area_name, population,
pupil_group, period, value, numerator, denominator, unit, source_id, status, note.

- official: LA / region / England figures published by DfE or Ofsted (from `la_indicators`).
- computed: county and district figures calculated here from complete school-level official data.
- estimated: calculated from incomplete data; the note says what is missing.
- published: figures quoted in the strategy documents (from the area file).

A value that is not there (suppressed, not published) has a missing `value` and a note starting
with its code, e.g. "[c] ...", so no view can mistake it for zero.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
import pandas as pd

from dashboard.build.adapters.gias import OFSTED_SCHOOLS_2023_08_31
from dashboard.build.adapters.ofsted import HISTORY_ID, LATEST_2026_ID
from dashboard.config import Area
from dashboard.rules import (
    BELOW_EXPECTED,
    EXPECTED_OR_ABOVE,
    FLOOR_MIN_COHORT,
    FLOOR_PERIODS,
    FLOOR_PROGRESS,
    LATEST_PERIOD,
    OVERALL_GRADES_ENDED,
    area_schools,
    below_floor,
    in_population,
    latest_per_school,
    predecessor_map,
    wide_results,
)
from dashboard.tables import MEASURES, REPORT_CARD_AREAS
from dashboard.vocabulary import GOOD, INADEQUATE, OUTSTANDING, SUPPRESSION_LEGEND

COLUMNS = list(MEASURES.columns)

# Where two official sources publish the same figure, the first listed wins: NCCIS's own NEET
# files (one decimal, with cohorts), then LAIT (DfE's curated LA series), then the sources that
# fill groups and years LAIT lacks.
SOURCE_PREFERENCE = [
    "neet_2021_2025",
    "lait",
    "ofsted_la_outcomes_2019_2023",
    "send_ks2_sen",
    "send_ks4_sen",
    "send_absence_sen",
    "send_eyfs_gld_sen",
    "send_pct_pupils_sen",
    "dfe_ks4_characteristics_2019",
    "dfe_exclusions_2006_2017",
    "school_places_scorecards",
]


# The school-level files the computed measures rest on.
OFSTED_2023_SCHOOLS = OFSTED_SCHOOLS_2023_08_31
OFSTED_2023_DATE = "2023-08-31"
LATEST_SOURCE = LATEST_2026_ID


@dataclass(frozen=True)
class Place:
    """The county or one district, with the schools in it."""

    area_type: str
    code: str
    name: str
    schools: pd.DataFrame


def places(schools: pd.DataFrame, area: Area) -> Iterator[Place]:
    """The county and each of its districts that has schools."""
    yield Place("county", area.ons_code, area.name, schools)
    for district in area.districts:
        in_district = schools[schools["district_code"] == district.code]
        if len(in_district):
            yield Place("district", district.code, district.name, in_district)


def measure_rows(records: list[dict]) -> pd.DataFrame:
    """A measures frame from a list of row dicts (missing columns left empty)."""
    frame = pd.DataFrame.from_records(records, columns=COLUMNS)
    for column in ("value", "numerator", "denominator"):
        frame[column] = frame[column].astype("float64")
    return frame


def row(place: Place, **fields: object) -> dict:
    return {
        "area_type": place.area_type,
        "area_code": place.code,
        "area_name": place.name,
        "pupil_group": "all",
        **fields,
    }


def share_row(
    place: Place, measure_id: str, numerator: float, denominator: float, **fields: object
) -> dict:
    """A percentage row with its numerator and denominator."""
    return row(
        place,
        measure_id=measure_id,
        value=percent(numerator, denominator),
        numerator=float(numerator),
        denominator=float(denominator),
        unit="percent",
        **fields,
    )


def percent(numerator: float, denominator: float) -> float | None:
    return round(100.0 * numerator / denominator, 1) if denominator else None


def missing_note(code: str, reason: str = "") -> str:
    """The note of a row whose value is not there: its code first, then why."""
    text = SUPPRESSION_LEGEND.get(code, "not available")
    return f"[{code}] {text[0].upper()}{text[1:]}" + (f": {reason}" if reason else "")


# --- official LA, region and England figures ------------------------------------------------


def official_measures(
    la_indicators: pd.DataFrame, la_codes: pd.DataFrame, area: Area
) -> pd.DataFrame:
    """Every la_indicators series mapped to a measure, as official measures rows.

    Staffordshire's own LA rows become area_type 'county'. LAs without an ONS code (authorities
    abolished before the current codes) are dropped: no view can place them.
    """
    rows = la_indicators[la_indicators["measure_id"].notna()].copy()
    rank = {source: i for i, source in enumerate(SOURCE_PREFERENCE)}
    rows["source_rank"] = rows["source_id"].map(rank).fillna(len(rank))
    codes_by_number = la_codes.dropna(subset=["ons_code"]).set_index("la_number")["ons_code"]
    codes_by_name = (
        la_codes.dropna(subset=["ons_code"])
        .assign(key=lambda f: f["la_name"].str.lower())
        .drop_duplicates("key")
        .set_index("key")["ons_code"]
    )
    code = rows["area_code"].astype("string")
    code = code.fillna(rows["la_number"].map(codes_by_number).astype("string"))
    code = code.fillna(rows["area_name"].str.lower().map(codes_by_name).astype("string"))
    england = rows["area_type"] == "england"
    code = code.mask(england, area.england_code)
    rows["area_code"] = code
    rows = rows[rows["area_code"].notna()]
    is_county = (rows["area_type"] == "la") & (
        (rows["area_code"] == area.ons_code) | (rows["la_number"] == area.la_number)
    )
    rows.loc[is_county, "area_type"] = "county"
    rows.loc[is_county, "area_code"] = area.ons_code
    rows.loc[england, "area_name"] = area.england_name
    rows = rows.sort_values("source_rank", kind="stable").drop_duplicates(
        ["measure_id", "area_type", "area_code", "population", "pupil_group", "period"]
    )
    missing = rows["value"].isna()
    notes = rows["note"].astype("string")
    coded = rows["suppression"].fillna("x").map(missing_note).astype("string")
    notes = notes.mask(missing, coded + (" " + notes).fillna(""))
    return rows.assign(status="official", note=notes)[COLUMNS].reset_index(drop=True)


def all_state_funded_from_types(official: pd.DataFrame) -> pd.DataFrame:
    """Ofsted's LA series is by school type; add 'all state-funded' by summing the counts."""
    counted = official[
        official["measure_id"].str.startswith("pct_schools_")
        & official["population"].isin(["mainstream", "special", "ap"])
        & official["numerator"].notna()
        & official["denominator"].notna()
    ]
    if counted.empty:
        return measure_rows([])
    keys = [
        "measure_id",
        "area_type",
        "area_code",
        "area_name",
        "pupil_group",
        "period",
        "unit",
        "source_id",
    ]
    summed = counted.groupby(keys, as_index=False)[["numerator", "denominator"]].sum()
    summed["value"] = (100 * summed["numerator"] / summed["denominator"]).round(1)
    summed["population"] = "all"
    # Numerator and denominator are Ofsted's own published counts, only added up: official.
    summed["status"] = "official"
    summed["note"] = (
        "All state-funded schools: the sum of Ofsted's published counts for mainstream, special "
        "and alternative provision schools."
    )
    return summed[COLUMNS]


# --- inspection outcomes computed from school-level data ------------------------------------


def grade_counts(
    place: Place,
    graded: pd.DataFrame,
    population: str,
    period: str,
    source_id: str,
    status: str,
    note: str,
) -> list[dict]:
    """Good-or-outstanding and inadequate shares of schools and pupils for one place."""
    schools = in_population(place.schools, population)
    outcome = graded[graded["urn"].isin(schools["urn"])].merge(
        schools[["urn", "pupils", "pupils_borrowed"]], on="urn", how="left"
    )
    n = len(outcome)
    if n == 0:
        return []
    good = outcome["overall_grade"].isin([OUTSTANDING, GOOD])
    inadequate = outcome["overall_grade"] == INADEQUATE
    common = {"population": population, "period": period, "source_id": source_id, "status": status}
    rows = [
        share_row(
            place,
            "pct_schools_good_or_outstanding",
            good.sum(),
            n,
            note=note,
            **common,
        ),
        share_row(
            place,
            "pct_schools_inadequate",
            inadequate.sum(),
            n,
            note=note,
            **common,
        ),
    ]
    known = outcome["pupils"].notna()
    if known.any():
        pupils = outcome.loc[known, "pupils"].astype("float64")
        pupils_good = float(pupils[good[known]].sum())
        borrowed = int(outcome.loc[known, "pupils_borrowed"].sum())
        left_out = int((~known).sum())
        pupil_status, pupil_note = status, note
        if borrowed or left_out:
            pupil_status = "estimated"
            pupil_note += (
                f" {borrowed} school(s) without a pupil count of their own use their "
                f"predecessor's latest count; {left_out} school(s) with no pupil count at all "
                "are left out."
            )
        rows.append(
            share_row(
                place,
                "pct_pupils_good_or_outstanding",
                pupils_good,
                float(pupils.sum()),
                note=pupil_note,
                **{**common, "status": pupil_status},
            )
        )
    return rows


def with_pupil_counts(schools: pd.DataFrame, every_school: pd.DataFrame) -> pd.DataFrame:
    """Fill a missing pupil count from the nearest predecessor that has one.

    A school that has just become an academy has a new URN that no census has counted yet;
    its pupils are its predecessor's. `pupils_borrowed` marks the filled counts.
    """
    counts = every_school.set_index("urn")["pupils"].dropna()
    predecessors = predecessor_map(every_school)
    filled = schools["pupils"].astype("Float64").copy()
    for index, urn in schools.loc[schools["pupils"].isna(), "urn"].items():
        chain: list[int] = predecessors.get(int(urn), [])
        for _ in range(3):
            found = [counts[u] for u in chain if u in counts.index]
            if found:
                filled[index] = found[0]
                break
            chain = [p for u in chain for p in predecessors.get(u, [])]
    return schools.assign(pupils_borrowed=schools["pupils"].isna() & filled.notna(), pupils=filled)


def inspection_measures(
    inspections: pd.DataFrame, schools: pd.DataFrame, area: Area
) -> pd.DataFrame:
    """Legacy-grade measures as at 31 August 2023 and at the latest data (June 2026)."""
    predecessors = predecessor_map(schools)
    graded = inspections[inspections["overall_grade"].notna()]
    records: list[dict] = []

    open_2023 = schools[schools["source_ids"].str.contains(OFSTED_2023_SCHOOLS, regex=False)]
    as_at_2023 = latest_per_school(
        graded[graded["inspection_date"] <= pd.Timestamp(OFSTED_2023_DATE)],
        open_2023["urn"],
        predecessors,
    )
    note_2023 = (
        "Latest graded inspection as at 31 August 2023 for the state-funded schools in "
        "Ofsted's official statistics; pupils on roll from the same file."
    )
    open_now = schools[schools["is_open"].fillna(False).astype(bool)]
    latest_graded = latest_per_school(graded, open_now["urn"], predecessors)
    note_now = (
        "Latest inspection that carried an overall grade, for schools open in June 2026. "
        "Ofsted stopped overall grades in September 2024, so for a growing share of "
        "schools this grade is years old (see the share of schools inspected since then "
        "without an overall grade). Pupil "
        "numbers are the latest published (2023)."
    )
    for place in places(schools, area):
        for population in ["all", "mainstream", "primary", "secondary", "special", "ap", "nursery"]:
            records += grade_counts(
                place,
                as_at_2023,
                population,
                OFSTED_2023_DATE,
                OFSTED_2023_SCHOOLS,
                "computed",
                note_2023,
            )
            records += grade_counts(
                place, latest_graded, population, LATEST_PERIOD, LATEST_SOURCE, "computed", note_now
            )
    frame = measure_rows(records)
    # Pupil shares in June 2026 use 2023 pupil numbers: an estimate, said so.
    pupils_now = (frame["measure_id"] == "pct_pupils_good_or_outstanding") & (
        frame["period"] == LATEST_PERIOD
    )
    frame.loc[pupils_now, "status"] = "estimated"
    return frame


def no_overall_grade_measures(
    inspections: pd.DataFrame, schools: pd.DataFrame, area: Area
) -> pd.DataFrame:
    """The successor evidence: latest inspections without an overall grade, and report cards."""
    predecessors = predecessor_map(schools)
    open_now = in_population(schools[schools["is_open"].fillna(False).astype(bool)], "all")
    latest_any = latest_per_school(inspections, open_now["urn"], predecessors)
    report_cards = latest_per_school(
        inspections[inspections["framework"] == "report_card"], open_now["urn"], predecessors
    )
    common = {
        "population": "all",
        "period": LATEST_PERIOD,
        "source_id": LATEST_SOURCE,
        "status": "computed",
    }
    records = []
    for place in places(open_now, area):
        latest = latest_any[latest_any["urn"].isin(place.schools["urn"])]
        if latest.empty:
            continue
        # An ungraded inspection before September 2024 leaves the school's grade standing;
        # from then on no inspection gives one.
        no_grade = latest["overall_grade"].isna() & (
            latest["inspection_date"] >= pd.Timestamp(OVERALL_GRADES_ENDED)
        )
        records.append(
            share_row(
                place,
                "pct_schools_no_overall_grade",
                no_grade.sum(),
                len(latest),
                note=(
                    "Open state-funded schools whose latest inspection was on or after 1 September "
                    "2024, when Ofsted stopped giving overall effectiveness grades: a graded "
                    "inspection without an overall grade, an ungraded inspection or a report "
                    "card. Their legacy grade, where they have one, is older."
                ),
                **common,
            )
        )
        cards = report_cards[report_cards["urn"].isin(place.schools["urn"])]
        records.append(
            row(
                place,
                measure_id="n_schools_with_report_card",
                value=float(len(cards)),
                unit="count",
                note="Open state-funded schools with a report card "
                "(inspections from November 2025).",
                **common,
            )
        )
        if cards.empty:
            continue
        grades = cards[REPORT_CARD_AREAS].stack().dropna().astype("string")
        at_least_expected = grades.isin(EXPECTED_OR_ABOVE)
        records.append(
            share_row(
                place,
                "pct_report_card_grades_expected_or_above",
                at_least_expected.sum(),
                len(grades),
                note=(
                    "Share of report-card evaluation-area grades at expected "
                    "standard or above. Report-card grades are not comparable with "
                    "the old overall grades."
                ),
                **common,
            )
        )
        any_below = cards[REPORT_CARD_AREAS].isin(BELOW_EXPECTED).any(axis=1)
        records.append(
            share_row(
                place,
                "pct_report_card_schools_any_needs_attention",
                any_below.sum(),
                len(cards),
                note=(
                    "Share of schools with a report card that have at least one area at "
                    "'needs attention' or 'urgent improvement'."
                ),
                **common,
            )
        )
    return measure_rows(records)


def estimated_history(
    inspections: pd.DataFrame, schools: pd.DataFrame, area: Area, years: range
) -> pd.DataFrame:
    """Good-or-outstanding and inadequate shares as at 31 August of past years, rebuilt from
    inspection dates. Estimated: which schools were open then, and their inspections before
    2019, are only partly recorded in the sources."""
    predecessors = predecessor_map(schools)
    graded = inspections[inspections["overall_grade"].notna()]
    state_funded = in_population(schools, "all")
    records = []
    for year in years:
        as_at = pd.Timestamp(f"{year}-08-31")
        opened = state_funded["open_date"].isna() | (state_funded["open_date"] <= as_at)
        not_closed = state_funded["close_date"].isna() | (state_funded["close_date"] > as_at)
        open_then = state_funded[opened & not_closed]
        # A school that converted keeps one history: count the URN open on the date only.
        outcome = latest_per_school(
            graded[graded["inspection_date"] <= as_at], open_then["urn"], predecessors
        )
        note = (
            f"Rebuilt from inspection dates: {len(outcome)} of {len(open_then)} schools "
            f"recorded as open on 31 August {year} have a graded inspection on record. "
            "Inspection history before 2019 comes from a third-party scrape of Ofsted "
            "reports and school lists from 2017/18 onwards, so coverage is partial."
        )
        for place in places(open_then, area):
            place_rows = grade_counts(
                place,
                outcome,
                "all",
                as_at.date().isoformat(),
                HISTORY_ID,
                "estimated",
                note,
            )
            records += [
                r for r in place_rows if r["measure_id"] != "pct_pupils_good_or_outstanding"
            ]
    return measure_rows(records)


# --- results computed from school-level data -------------------------------------------------


def source_ids(frame: pd.DataFrame) -> str:
    return ";".join(sorted(frame["source_id"].dropna().unique()))


def floor_measures(ks2: pd.DataFrame, schools: pd.DataFrame, area: Area) -> pd.DataFrame:
    mainstream = in_population(schools, "mainstream")
    wide = wide_results(
        ks2[ks2["period"].isin(FLOOR_PERIODS)], ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]
    )
    wide = wide[wide["urn"].isin(mainstream["urn"])]
    for column in ["ks2_rwm_expected_pct", *FLOOR_PROGRESS]:
        if column not in wide:
            wide[column] = np.nan
    wide["below"] = below_floor(wide)
    records = []
    for place in places(mainstream, area):
        local = wide[wide["urn"].isin(place.schools["urn"])]
        for period, year in local.groupby("period"):
            assessed = year[year["cohort"] >= FLOOR_MIN_COHORT]
            records.append(
                row(
                    place,
                    measure_id="n_schools_below_ks2_floor",
                    population="mainstream",
                    period=period,
                    value=float(year["below"].sum()),
                    numerator=float(year["below"].sum()),
                    denominator=float(len(assessed)),
                    unit="count",
                    source_id=source_ids(year),
                    status="computed",
                    note=(
                        "Mainstream state-funded schools with 11 or more pupils at the end of KS2, "
                        "under 65% meeting the expected standard in reading, writing and maths and "
                        "a progress score below -5 in reading, -7 in writing or -5 in maths "
                        "(2016-2019 definition). Denominator: schools with 11 or more pupils."
                    ),
                )
            )
    return measure_rows(records)


RESULT_MEASURES = {
    "ks2_rwm_expected_pct": "percent",
    "ks2_rwm_higher_pct": "percent",
    "ks2_reading_progress": "score",
    "ks2_writing_progress": "score",
    "ks2_maths_progress": "score",
    "ks4_attainment8": "score",
    "ks4_progress8": "score",
    "ks4_english_maths_grade4_pct": "percent",
    "ks4_english_maths_grade5_pct": "percent",
    "ks4_ebacc_entry_pct": "percent",
}


def cohort_weighted_measures(
    results: pd.DataFrame,
    schools: pd.DataFrame,
    area: Area,
    weight_fallback: Callable[[pd.DataFrame], pd.Series],
) -> pd.DataFrame:
    """County and district results as the pupil-weighted mean of school results.

    Official LA figures are means over pupils; weighting each school's figure by its cohort
    reproduces them for every state-funded school. Where the source gives no cohorts, an
    estimated cohort (pupils on roll per year group) is used and the row is marked estimated.
    """
    state_funded = in_population(schools, "all")
    results = results[
        results["urn"].isin(state_funded["urn"])
        & results["value"].notna()
        & results["measure_id"].isin(RESULT_MEASURES)
    ]
    estimated_weight = weight_fallback(state_funded).rename("estimated_cohort")
    results = results.join(estimated_weight, on="urn")
    records = []
    for place in places(state_funded, area):
        local = results[results["urn"].isin(place.schools["urn"])]
        for (measure_id, group, period), cells in local.groupby(
            ["measure_id", "pupil_group", "period"]
        ):
            has_cohorts = cells["cohort"].notna().all()
            weights = cells["cohort"] if has_cohorts else cells["estimated_cohort"]
            usable = weights.notna() & (weights > 0)
            if not usable.any():
                continue
            value = float(np.average(cells.loc[usable, "value"], weights=weights[usable]))
            decimals = 1 if RESULT_MEASURES[measure_id] == "percent" else 2
            note = (
                f"Pupil-weighted mean of {int(usable.sum())} state-funded schools' published "
                "results (suppressed schools left out)."
            )
            if not has_cohorts:
                note += (
                    " The source gives no cohort sizes: each school is weighted by its "
                    "pupils on roll per year group, so this is an estimate."
                )
            records.append(
                row(
                    place,
                    measure_id=measure_id,
                    population="all",
                    period=period,
                    value=round(value, decimals),
                    denominator=float(weights[usable].sum()),
                    unit=RESULT_MEASURES[measure_id],
                    pupil_group=group,
                    source_id=source_ids(cells),
                    status="computed" if has_cohorts else "estimated",
                    note=note,
                )
            )
    return measure_rows(records)


def pupils_per_year_group(schools: pd.DataFrame) -> pd.Series:
    """Pupils on roll divided by the number of year groups: a stand-in for a year's cohort."""
    years = (schools["age_high"] - schools["age_low"]).astype("Float64")
    per_year = schools["pupils"].astype("Float64") / years.where(years > 0)
    return pd.Series(
        per_year.to_numpy(dtype="float64", na_value=np.nan), index=schools["urn"].astype(int)
    )


# --- published figures -----------------------------------------------------------------------


def published_measures(area: Area) -> pd.DataFrame:
    records = []
    for figure in area.published:
        england = figure.area == "england"
        records.append(
            {
                "measure_id": figure.measure_id,
                "area_type": "england" if england else "county",
                "area_code": area.england_code if england else area.ons_code,
                "area_name": area.england_name if england else area.name,
                "population": figure.population,
                "pupil_group": figure.pupil_group,
                "period": figure.period,
                "value": float(figure.value),
                "unit": figure.unit,
                "source_id": "strategy_documents",
                "status": "published",
                "note": f"{figure.note} Source: {area.published_citation}.",
            }
        )
    return measure_rows(records)


# --- the whole table -------------------------------------------------------------------------


def build_measures(
    tables: dict[str, object], area: Area, history_years: range = range(2012, 2023)
) -> pd.DataFrame:
    """Every measure the dashboard shows, from the assembled store tables."""
    schools = with_pupil_counts(area_schools(tables["schools"], area), tables["schools"])
    inspections = tables["inspections"]
    official = official_measures(tables["la_indicators"], tables["la_codes"], area)
    parts = [
        official,
        all_state_funded_from_types(official),
        inspection_measures(inspections, schools, area),
        no_overall_grade_measures(inspections, schools, area),
        estimated_history(inspections, schools, area, history_years),
        floor_measures(tables["ks2_results"], schools, area),
        cohort_weighted_measures(tables["ks2_results"], schools, area, pupils_per_year_group),
        cohort_weighted_measures(tables["ks4_results"], schools, area, pupils_per_year_group),
        published_measures(area),
    ]
    measures = pd.concat([p for p in parts if len(p)], ignore_index=True)
    return measures.sort_values(
        ["measure_id", "area_type", "area_code", "population", "pupil_group", "period", "status"],
        ignore_index=True,
    )
