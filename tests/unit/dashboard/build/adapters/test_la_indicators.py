"""The la_indicators layout: year labels, and one series per measure, group, area and period;
`one` picks the single row of a frame matching some columns."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.build.adapters.la_indicators import SeriesMap, academic_year, indicator_frame
from dashboard.errors import SourceError


def one(frame: pd.DataFrame, **where: object) -> pd.Series:
    mask = pd.Series(True, index=frame.index)
    for column, value in where.items():
        mask &= frame[column] == value
    (index,) = frame.index[mask]
    return frame.loc[index]


@pytest.mark.parametrize(("label", "expected"), [
    ("2016", "2015/16"), ("2023/24", "2023/24"), ("2023-24", "2023/24"),
    ("202324", "2023/24"), ("202324.0", "2023/24"), ("2024 (Rev)", "2023/24"),
    ("2025 (prov)", "2024/25"), ("2024-25 (OT)", "2024/25"), ("2014-16", None),
    ("2013/14-15/16", None), ("0", None),
])
def test_academic_year_reads_every_lait_label(label: str, expected: str | None) -> None:
    assert academic_year(label) == expected


def test_two_series_feeding_one_measure_is_refused() -> None:
    rows = pd.DataFrame({
        "indicator_id": ["A", "B"], "indicator_name": ["A", "B"],
        **{k: [v, v] for k, v in SeriesMap("neet_pct")._asdict().items()},
        "area_type": "la", "area_name": "Staffordshire", "period": "2025",
        "period_label": "2025", "value": [1.0, 2.0],
    })
    with pytest.raises(SourceError, match="same measure"):
        indicator_frame(rows, "test")
