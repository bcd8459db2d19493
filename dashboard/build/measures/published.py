"""Published measures: figures quoted in the strategy documents, from the area file.

They are the baselines and targets the dashboard compares with (status 'published'), for the
county or England, each citing the documents they come from.
"""

from __future__ import annotations

import pandas as pd

from dashboard.build.measures.rows import measure_rows
from dashboard.config import Area


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

