"""Inspection measures computed from school-level data for the county and its districts.

Shares of schools and pupils in good or outstanding and inadequate schools as at 31 August 2023
(Ofsted's official statistics) and at the latest data (June 2026); the evidence that follows
the end of overall grades (schools without one, report cards); and estimated shares for past
years rebuilt from inspection dates. A school without a pupil count of its own borrows its
predecessor's (`with_pupil_counts`) and the row is marked estimated.
"""

from __future__ import annotations

import pandas as pd

from dashboard.build.adapters.inspections import HISTORY_ID, LATEST_2026_ID
from dashboard.build.adapters.ofsted_schools import OFSTED_SCHOOLS_2023_08_31
from dashboard.build.measures.rows import Place, measure_rows, places, row, share_row
from dashboard.config import Area
from dashboard.rules import (
    BELOW_EXPECTED,
    EXPECTED_OR_ABOVE,
    LATEST_PERIOD,
    OVERALL_GRADES_ENDED,
    in_population,
    latest_per_school,
    predecessor_map,
)
from dashboard.tables import REPORT_CARD_AREAS
from dashboard.vocabulary import GOOD, INADEQUATE, OUTSTANDING

# The school-level files the computed measures rest on.
OFSTED_2023_SCHOOLS = OFSTED_SCHOOLS_2023_08_31
OFSTED_2023_DATE = "2023-08-31"
LATEST_SOURCE = LATEST_2026_ID


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

