"""The measures table: every number the dashboard shows, in one tidy long table.

`build_measures` puts together the LA, region and England figures DfE and Ofsted publish
(`official`, status 'official'), the county and district figures computed from school-level
inspections and results (`inspections`, `results`: 'computed', or 'estimated' where the data
are incomplete, the note saying what is missing) and the strategy documents' figures
(`published`, 'published'), in the columns of `dashboard.tables.MEASURES`. A value that is not
there has a missing `value` and a note starting with its code, e.g. "[c] ...", so no view can
mistake it for zero.
"""

from __future__ import annotations

import pandas as pd

from dashboard.build.measures.inspections import (
    estimated_history,
    inspection_measures,
    no_overall_grade_measures,
    with_pupil_counts,
)
from dashboard.build.measures.official import all_state_funded_from_types, official_measures
from dashboard.build.measures.published import published_measures
from dashboard.build.measures.results import (
    cohort_weighted_measures,
    floor_measures,
    pupils_per_year_group,
)
from dashboard.config import Area
from dashboard.rules import area_schools


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
