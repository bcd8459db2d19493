"""The component every page draws its charts with."""

from __future__ import annotations

import json

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart
from layouts.components.charts import chart_block, table_spec


def sample_chart() -> Chart:
    data = pd.DataFrame({"Area": ["Staffordshire", "England"], "value": [None, 62.0],
                         "suppression": ["c", ""], "unit": "percent", "period": "2023/24",
                         "source": "lait", "status": "official"})
    return Chart(figure_id="sample", title="Staffordshire is below England",
                 summary="Staffordshire [c] against England 62% in 2023/24.",
                 figure=go.Figure(go.Bar(x=data["Area"], y=data["value"])), data=data,
                 source="DfE LAIT", as_at="2024/25")


def test_chart_block_shows_suppressed_values_as_codes_never_zero() -> None:
    rendered = json.dumps(chart_block(sample_chart()).to_plotly_json(), default=str)
    assert "[c]" in rendered and "Staffordshire is below England" in rendered
    assert "Data as at 2024/25" in rendered


def test_the_data_table_says_each_column_once_and_codes_not_zeros() -> None:
    spec = table_spec(sample_chart())
    assert spec["columns"] == [["Area", "Area"], ["value", "Value"]]
    assert spec["rows"][0] == ["Staffordshire", ["[c]", spec["rows"][0][1][1]]]
    assert "confidentiality" in spec["rows"][0][1][1]
    assert spec["rows"][1] == ["England", "62"]
    assert [c[0] for c in spec["constants"]] == ["unit", "period", "source", "status"]
