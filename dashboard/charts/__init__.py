"""A chart as the product publishes it: the figure, a title that states the finding, a
one-sentence summary (its text alternative), exactly the data plotted, its source and date.

Every chart on every page is a Chart, so the same object feeds the page, the "Show the data"
table, and the downloads (CSV, PNG, SVG, press pack). No Dash here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd
import plotly.graph_objects as go

# Columns every chart's data carries after its own label and value columns, so a download
# says what each number is and where it came from.
PROVENANCE_COLUMNS = ["unit", "period", "source", "status"]


@dataclass(frozen=True)
class Chart:
    """One published chart.

    `figure_id` is stable and URL-safe ("trends-ks2_rwm_expected_pct", "district-E07000199-
    schools"): the download links are /download/<figure_id>.csv etc. with the page's query.
    `data` holds exactly the plotted values, one row per plotted point, with human-readable
    column names, a `value` column (missing where suppressed), a `suppression` column (the
    code, e.g. "c", or empty) and the PROVENANCE_COLUMNS.
    """

    figure_id: str
    title: str
    summary: str
    figure: go.Figure
    data: pd.DataFrame
    source: str
    as_at: str
    headline: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        missing = [c for c in ["value", "suppression", *PROVENANCE_COLUMNS]
                   if c not in self.data.columns]
        if missing:
            raise ValueError(f"chart {self.figure_id}: data lacks columns {missing}")

    def __reduce__(self) -> tuple[Any, ...]:
        # Charts travel through the shared cache. Plotly validates a figure again when it is
        # unpickled (about 12 ms a chart), so the figure travels as a plain dict and comes back
        # unvalidated: it was valid when it was made.
        fields = {**vars(self), "figure": self.figure.to_dict()}
        return (_chart_from_cache, (fields,))


def _chart_from_cache(fields: dict[str, Any]) -> Chart:
    return Chart(**{**fields, "figure": go.Figure(fields["figure"], _validate=False)})
