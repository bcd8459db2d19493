"""Hotspots' districts chart: the finding, and exactly the shares it plots, for the filters."""

from __future__ import annotations

import pytest

from dashboard.analysis import hotspots
from dashboard.charts.registry import UnknownChart, build_chart
from dashboard.config import Area
from tests.unit.dashboard.analysis.test_district import make_store
from tests.unit.dashboard.analysis.test_hotspot_ranking import eight_schools


def test_the_districts_chart_plots_each_districts_share_of_schools_flagged(
        area: Area, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(hotspots, "assessment", lambda store: eight_schools(area))
    chart = build_chart("hotspots-districts", {"phase": ["primary"]}, make_store())
    first, second = area.districts[0].name, area.districts[1].name
    assert chart.title == (f"{first} has the largest share of schools with at least one flag: "
                           "67%, against 50% across Staffordshire")
    # Districts with no schools have no share to plot.
    assert list(chart.data["District"]) == [first, second]
    assert list(chart.data["value"]) == [66.7, 33.3]
    assert [bar.x for bar in chart.figure.data] == [(33.3, 66.7)]
    with pytest.raises(UnknownChart):
        build_chart("hotspots-districts--E07000199", {}, make_store())
