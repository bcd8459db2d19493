"""Ofsted overall effectiveness by LA and school type, 31 August 2019-2023 -> `la_indicators`.

The SEND / AP inclusion dashboard's file of Ofsted's official statistics counts inspected
state-funded mainstream, special and AP schools by overall effectiveness at their latest graded
inspection, for every LA, region and England; the shares good or outstanding, outstanding,
requires improvement and inadequate are worked out from those counts (non-maintained special
schools, not state-funded, are left out).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.ees import (
    SEND_REHOST,
    area_columns,
    finish,
    known,
    own_files_and_geography,
    send_file,
)
from dashboard.build.adapters.la_geography import GEOGRAPHY_FILES
from dashboard.build.adapters.la_indicators import SeriesMap
from dashboard.build.sources import Source, parse_numbers, read_csv, resolve_columns

_OFSTED_POPULATIONS = {
    "state-funded mainstream school": "mainstream",
    "state-funded special school": "special",
    "state-funded ap school": "ap",
}
MAINSTREAM_INCLUDES_NURSERY = (
    "Ofsted counts maintained nursery schools as state-funded mainstream schools."
)
# Non-maintained special schools are independent (not state-funded): left out.
_OFSTED_SKIPPED = frozenset({"non-maintained special school"})
_GRADES = {"outstanding": 1, "good": 2, "requires improvement": 3, "inadequate": 4}
OFSTED_SERIES: dict[str, tuple[SeriesMap, tuple[int, ...], str]] = {
    "good_or_outstanding": (
        SeriesMap("pct_schools_good_or_outstanding"),
        (1, 2),
        "Schools judged good or outstanding (% of inspected schools)",
    ),
    "outstanding": (
        SeriesMap("pct_schools_outstanding"),
        (1,),
        "Schools judged outstanding (% of inspected schools)",
    ),
    "requires_improvement": (
        SeriesMap("pct_schools_requires_improvement"),
        (3,),
        "Schools judged requires improvement (% of inspected schools)",
    ),
    "inadequate": (
        SeriesMap("pct_schools_inadequate"),
        (4,),
        "Schools judged inadequate (% of inspected schools)",
    ),
}


def _ofsted_counts(path: Path) -> pd.DataFrame:
    """Schools by grade: one row per year, school type and area, columns 1-4 and total."""
    raw = read_csv(path)
    frame = resolve_columns(
        raw,
        path,
        {
            "year": ["Year"],
            "school_type": ["school_type"],
            "grade": ["Overall effectiveness"],
            "total": ["grand_total_schools"],
            "level": ["geographic_level"],
            "region_name": ["Region", "region_name"],
            "la_name": ["la_name"],
            "measure": ["Measure"],
            "count": ["Value"],
        },
    )
    frame = frame[frame["measure"].str.contains("number of schools", case=False)]
    school_type = frame["school_type"].str.strip().str.lower()
    frame = frame[~school_type.isin(_OFSTED_SKIPPED)]
    frame = frame.assign(
        population=known(frame["school_type"], _OFSTED_POPULATIONS, path, "school_type"),
        grade=known(frame["grade"], _GRADES, path, "Overall effectiveness"),
    )
    frame["count"], _ = parse_numbers(frame["count"], path, "Value")
    frame["total"], _ = parse_numbers(frame["total"], path, "grand_total_schools")
    keys = ["year", "population", "level", "region_name", "la_name", "total"]
    # A grade with no row has no schools: the published counts add up to the total.
    counts = frame.groupby([*keys, "grade"])["count"].sum().unstack("grade", fill_value=0)
    counts = counts.reindex(columns=list(_GRADES.values()), fill_value=0).reset_index()
    return counts[counts["total"].notna() & (counts["total"] > 0)].reset_index(drop=True)


def load_ofsted_outcomes(paths: list[Path]) -> pd.DataFrame:
    """% of inspected schools by overall effectiveness, as at 31 August, by school type."""
    (path,), geography = own_files_and_geography(paths, 1)
    counts = _ofsted_counts(path)
    year = counts["year"].astype("string").str.strip()
    periods = year + "-08-31"
    place = area_columns(counts, geography, path, periods)
    parts = []
    for indicator, (series, grades, name) in OFSTED_SERIES.items():
        numerator = counts[list(grades)].sum(axis=1).astype("float64")
        parts.append(
            place.assign(
                indicator_id=indicator,
                indicator_name=name,
                period=periods,
                period_label="31 August " + year,
                numerator=numerator,
                denominator=counts["total"].astype("float64"),
                value=(100 * numerator / counts["total"]).round(2),
                **{**series._asdict(), "population": counts["population"].astype("string")},
            )[place["area_type"].notna()]
        )
    rows = pd.concat(parts, ignore_index=True)
    # Ofsted's "mainstream" includes maintained nursery schools: say so wherever it is shown.
    note = pd.Series(pd.NA, index=rows.index, dtype="string").mask(
        rows["population"] == "mainstream", MAINSTREAM_INCLUDES_NURSERY
    )
    return finish(rows, "ofsted_la_outcomes_2019_2023", note)


SOURCES: list[Source] = [
    Source(
        id="ofsted_la_outcomes_2019_2023",
        title="Ofsted overall effectiveness by LA and school type, 31 August 2019-2023",
        publisher="Department for Education (from Ofsted official statistics)",
        paths=(send_file("ofsted_outcomes_by_la_school_type_2019_2023.csv"), *GEOGRAPHY_FILES),
        data_date="2019-08-31 to 2023-08-31",
        table="la_indicators",
        load=load_ofsted_outcomes,
        covers=(
            "% of inspected state-funded mainstream, special and AP schools judged "
            "outstanding, good (or better), requires improvement and inadequate at their "
            "latest graded inspection, as at 31 August, every LA, region and England."
        ),
        lacks=(
            "Non-maintained special schools are left out (not state-funded); no pupil "
            "numbers, so no % of pupils in good or outstanding schools; nothing after "
            "August 2023."
        ),
        official_url=(
            "https://www.gov.uk/government/collections/maintained-schools-and-"
            "academies-inspections-and-outcomes-official-statistics"
        ),
        rehost_note=SEND_REHOST.format(renamed="Year, Measure, Value, Region"),
    ),
]
