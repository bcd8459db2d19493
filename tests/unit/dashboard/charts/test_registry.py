"""The Chart contract and the registry that finds a chart by its figure id."""

from __future__ import annotations

import sys
import types

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard.charts import Chart
from dashboard.charts.registry import UnknownChart, build_chart, figure_id


def sample_chart(chart_id: str = "sample", value: float | None = 61.0) -> Chart:
    data = pd.DataFrame({"Area": ["Staffordshire", "England"], "value": [value, 62.0],
                         "suppression": ["c" if value is None else "", ""],
                         "unit": "percent", "period": "2023/24", "source": "lait",
                         "status": "official"})
    return Chart(figure_id=chart_id, title="Staffordshire is below England",
                 summary="Staffordshire 61% against England 62% in 2023/24.",
                 figure=go.Figure(go.Bar(x=data["Area"], y=data["value"])), data=data,
                 source="DfE LAIT", as_at="2024/25")


def test_chart_data_must_say_what_each_number_is() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        Chart(figure_id="x", title="t", summary="s", figure=go.Figure(),
              data=pd.DataFrame({"value": [1.0]}), source="s", as_at="2024")


def test_a_chart_survives_the_shared_cache_unchanged() -> None:
    import pickle

    chart = sample_chart()
    again = pickle.loads(pickle.dumps(chart))
    assert again.figure.to_json() == chart.figure.to_json()
    assert again.data.equals(chart.data) and again.title == chart.title


def test_charts_are_found_by_their_pages_name_and_item(monkeypatch: pytest.MonkeyPatch) -> None:
    def build(_store: object, _params: dict, item: str | None) -> Chart:
        if item != "E07000199":
            raise KeyError(item)
        return sample_chart(figure_id("widget-trend", item))

    page = types.ModuleType("dashboard.charts.widget")
    page.BUILDERS = {"widget-trend": build}
    monkeypatch.setitem(sys.modules, "dashboard.charts.widget", page)

    assert build_chart("widget-trend--E07000199", {}, store=object()).figure_id == (
        "widget-trend--E07000199")
    for unknown in ["widget-trend--E0", "nothing", "../etc/passwd", "widget-trend--a/b",
                    "widget-other", "style", "registry"]:
        with pytest.raises(UnknownChart):
            build_chart(unknown, {}, store=object())
