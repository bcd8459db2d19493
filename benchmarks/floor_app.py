"""The floor the pages benchmark compares against: a bare Dash app with one dropdown, one graph
and one callback, compressed and served by the same gunicorn settings as the product.

    gunicorn benchmarks.floor_app:server
"""

from __future__ import annotations

import plotly.graph_objects as go
from dash import Dash, Input, Output, dcc, html
from flask_compress import Compress

YEARS = ["2019", "2020", "2021", "2022", "2023", "2024"]
SERIES = {name: [50 + i * step for i in range(len(YEARS))]
          for name, step in (("rising", 2.0), ("flat", 0.1), ("falling", -1.5))}

app = Dash(__name__)
app.layout = html.Main([
    html.H1("Floor"),
    dcc.Dropdown(id="series", options=list(SERIES), value="rising", clearable=False),
    dcc.Graph(id="graph"),
])


@app.callback(Output("graph", "figure"), Input("series", "value"))
def draw(series: str) -> go.Figure:
    return go.Figure(go.Scatter(x=YEARS, y=SERIES[series], mode="lines+markers"))


server = app.server
Compress(server)  # as the product compresses its responses
