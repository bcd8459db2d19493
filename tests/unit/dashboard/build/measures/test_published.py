"""Published measures from the area file."""

from __future__ import annotations

from dashboard.build.measures.published import published_measures
from tests.unit.dashboard.build.measures.test_rows import AREA, pick


def test_published_figures_come_from_the_area_file() -> None:
    result = published_measures(AREA)
    baseline = pick(result, measure_id="pct_pupils_good_or_outstanding", period="2012").iloc[0]
    assert baseline["value"] == 63 and baseline["status"] == "published"
    assert "strategy" in baseline["note"]
    assert pick(result, area_type="england")["value"].tolist() == [58.6]
    assert len(result) == len(AREA.published)
