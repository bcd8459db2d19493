"""The chart registry: every published chart has a builder, found by its figure id.

A page module registers a builder with `@chart_builder("trends")`; the builder takes the store,
the page's query parameters and the item the chart is about (a district code, a URN, or None)
and returns a dashboard.charts.Chart. The page draws the Chart it gets from `build_chart`; the
download routes rebuild the same Chart from /download/<figure_id>.<ext>?<query>, so what is
downloaded is exactly what was shown.

Figure ids are "<name>" or "<name>--<item>" (item: letters, digits, '-' and '_').
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from urllib.parse import urlencode

from callbacks.data import current_store, remember
from callbacks.params import Params
from dashboard.charts import Chart
from dashboard.store import Store

ChartBuilder = Callable[[Store, Params, str | None], Chart]
BUILDERS: dict[str, ChartBuilder] = {}
FIGURE_ID = re.compile(r"^(?P<name>[a-z0-9_]+(?:-[a-z0-9_]+)*)(?:--(?P<item>[A-Za-z0-9_-]+))?$")


class UnknownChart(LookupError):
    """No chart has that figure id (or its builder rejected the item)."""


def chart_builder(name: str) -> Callable[[ChartBuilder], ChartBuilder]:
    """Register `builder` as the maker of the charts called `name`."""
    if not FIGURE_ID.match(name) or "--" in name:
        raise ValueError(f"bad chart name {name!r}")

    def register(builder: ChartBuilder) -> ChartBuilder:
        if name in BUILDERS:
            raise ValueError(f"chart name {name!r} registered twice")
        BUILDERS[name] = builder
        return builder

    return register


def figure_id(name: str, item: str | None = None) -> str:
    return f"{name}--{item}" if item else name


def build_chart(figure_id: str, params: Params, store: Store | None = None) -> Chart:
    """The Chart with this figure id for these query parameters; UnknownChart if none."""
    match = FIGURE_ID.match(figure_id)
    if not match or match["name"] not in BUILDERS:
        raise UnknownChart(figure_id)
    try:
        return BUILDERS[match["name"]](store or current_store(), params, match["item"])
    except (KeyError, LookupError) as exc:
        raise UnknownChart(figure_id) from exc


def remembered_chart(name: str) -> Callable[[ChartBuilder], ChartBuilder]:
    """Register a chart builder whose charts are remembered per build, item and settings."""
    def register(builder: ChartBuilder) -> ChartBuilder:
        @wraps(builder)
        def build(store: Store, params: Params, item: str | None) -> Chart:
            settings = urlencode(sorted((k, v[-1]) for k, v in params.items() if v))
            return remember(f"chart:{store.build_id}:{name}:{item}:{settings}",
                            lambda: builder(store, params, item))

        return chart_builder(name)(build)

    return register
