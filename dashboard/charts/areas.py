"""Chart data the map and the district profiles share: each district's plotted value as a row
with its rank, suppression code and provenance."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from dashboard.wording import provenance


def district_frame(values: pd.DataFrame, unit: str, period: str,
                   sources: Mapping[str, Mapping[str, Any]], label: str) -> pd.DataFrame:
    """dashboard.analysis.areas.district_values as chart data, districts named under `label`."""
    return pd.DataFrame({
        label: values["name"], "Rank": values["rank"], "value": values["value"],
        "suppression": values["suppression"], "unit": unit, "period": period,
        "source": [provenance(sources, [s])[0] for s in values["source_id"]],
        "status": values["status"]})
