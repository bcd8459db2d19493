"""Every published chart found by its figure id, so a download is exactly what was shown.

Figure ids are "<name>" or "<name>--<item>" (item: a district code, a URN, a target number).
A chart's name starts with its page's name ("trends", "district-ranking"), and the page's
charts module, `dashboard.charts.<page>`, lists its builders in `BUILDERS = {name: builder}`.
A builder takes the store, the page's query parameters and the item, and returns a Chart.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable

from dashboard.charts import Chart
from dashboard.settings import Params
from dashboard.store import Store

ChartBuilder = Callable[[Store, Params, str | None], Chart]
FIGURE_ID = re.compile(r"^(?P<name>(?P<page>[a-z0-9_]+)(?:-[a-z0-9_]+)*)"
                       r"(?:--(?P<item>[A-Za-z0-9_-]+))?$")


class UnknownChart(LookupError):
    """No chart has that figure id (or its builder rejected the item)."""


def figure_id(name: str, item: str | None = None) -> str:
    return f"{name}--{item}" if item else name


def builder_for(name: str, page: str) -> ChartBuilder | None:
    try:
        module = importlib.import_module(f"dashboard.charts.{page}")
    except ModuleNotFoundError:
        return None
    return getattr(module, "BUILDERS", {}).get(name)


def build_chart(chart_id: str, params: Params, store: Store) -> Chart:
    """The Chart with this figure id for these query parameters; UnknownChart if none."""
    match = FIGURE_ID.match(chart_id)
    builder = builder_for(match["name"], match["page"]) if match else None
    if builder is None:
        raise UnknownChart(chart_id)
    try:
        return builder(store, params, match["item"])
    except (KeyError, LookupError) as exc:
        raise UnknownChart(chart_id) from exc
