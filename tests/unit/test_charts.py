"""The Chart contract, the chart registry and the shared chart component."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import pytest

from callbacks import charts
from dashboard.charts import Chart
from layouts.components.charts import chart_block


def sample_chart(figure_id: str = "sample", value: float | None = 61.0) -> Chart:
    data = pd.DataFrame({"Area": ["Staffordshire", "England"], "value": [value, 62.0],
                         "suppression": ["c" if value is None else "", ""],
                         "unit": "percent", "period": "2023/24", "source": "lait",
                         "status": "official"})
    return Chart(figure_id=figure_id, title="Staffordshire is below England",
                 summary="Staffordshire 61% against England 62% in 2023/24.",
                 figure=go.Figure(go.Bar(x=data["Area"], y=data["value"])), data=data,
                 source="DfE LAIT", as_at="2024/25")


def test_chart_data_must_say_what_each_number_is() -> None:
    with pytest.raises(ValueError, match="lacks columns"):
        Chart(figure_id="x", title="t", summary="s", figure=go.Figure(),
              data=pd.DataFrame({"value": [1.0]}), source="s", as_at="2024")


def test_registry_builds_by_figure_id_with_an_item(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(charts, "BUILDERS", {})

    @charts.chart_builder("district-trend")
    def build(_store: object, params: dict, item: str | None) -> Chart:
        if item != "E07000199":
            raise KeyError(item)
        return sample_chart(charts.figure_id("district-trend", item))

    assert charts.build_chart("district-trend--E07000199", {}, store=object()).figure_id == (
        "district-trend--E07000199")
    for unknown in ["district-trend--E0", "nothing", "../etc/passwd", "district-trend--a/b"]:
        with pytest.raises(charts.UnknownChart):
            charts.build_chart(unknown, {}, store=object())
    with pytest.raises(ValueError, match="twice"):
        charts.chart_builder("district-trend")(build)


def test_chart_block_shows_suppressed_values_as_codes_never_zero() -> None:
    rendered = str(chart_block(sample_chart(value=None)).to_plotly_json())
    assert "[c]" in rendered and "Staffordshire is below England" in rendered
    assert "Data as at 2024/25" in rendered
