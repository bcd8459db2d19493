"""The component every page draws its charts with."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard.charts import Chart
from layouts.components.charts import chart_block


def test_chart_block_shows_suppressed_values_as_codes_never_zero() -> None:
    data = pd.DataFrame({"Area": ["Staffordshire", "England"], "value": [None, 62.0],
                         "suppression": ["c", ""], "unit": "percent", "period": "2023/24",
                         "source": "lait", "status": "official"})
    chart = Chart(figure_id="sample", title="Staffordshire is below England",
                  summary="Staffordshire [c] against England 62% in 2023/24.",
                  figure=go.Figure(go.Bar(x=data["Area"], y=data["value"])), data=data,
                  source="DfE LAIT", as_at="2024/25")
    rendered = str(chart_block(chart).to_plotly_json())
    assert "[c]" in rendered and "Staffordshire is below England" in rendered
    assert "Data as at 2024/25" in rendered
