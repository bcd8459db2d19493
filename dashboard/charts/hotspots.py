"""Hotspots' published chart, as shown and downloaded: each district's share of schools with at
least one flag, against the county's, for the page's phase and type of school."""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd
import plotly.graph_objects as go

from dashboard.analysis.hotspot_ranking import DistrictHotspot
from dashboard.analysis.hotspot_rules import load_rules
from dashboard.analysis.hotspots import PHASE, SCHOOL_TABLES, SETTINGS, TYPE, hotspots
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.style import COUNTY_COLOUR, FONT_FAMILY, GRID_COLOUR, TEXT_COLOUR
from dashboard.config import Area, load_area
from dashboard.rules import LATEST_PERIOD
from dashboard.settings import Params, read_settings
from dashboard.store import Store
from dashboard.wording import period_label

DISTRICTS_CHART = "hotspots-districts"


def by_share(districts: Sequence[DistrictHotspot]) -> list[DistrictHotspot]:
    """Districts with schools, the largest share of schools flagged first."""
    return sorted((d for d in districts if d.share_flagged is not None),
                  key=lambda d: (-(d.share_flagged or 0), d.name))


def districts_title(districts: Sequence[DistrictHotspot], county_share: float | None,
                    area: Area) -> str:
    """The finding: the district with the largest share of schools flagged."""
    ordered = by_share(districts)
    if not ordered or county_share is None:
        return f"No schools in {area.name}'s districts match these filters"
    top = ordered[0]
    return (f"{top.name} has the largest share of schools with at least one flag: "
            f"{top.share_flagged:.0f}%, against {county_share:.0f}% across {area.name}")


def districts_summary(districts: Sequence[DistrictHotspot], county_share: float | None,
                      area: Area) -> str:
    ordered = by_share(districts)
    if not ordered or county_share is None:
        return "There are no schools to compare."
    high, low = ordered[0], ordered[-1]
    return (f"The share of schools with at least one flag ranges from {low.share_flagged:.0f}% "
            f"in {low.name} to {high.share_flagged:.0f}% in {high.name}, against "
            f"{county_share:.0f}% across {area.name}.")


def districts_data(districts: Sequence[DistrictHotspot], period: str,
                   source: str) -> pd.DataFrame:
    """The plotted values: each district's share of schools with at least one flag."""
    columns = ["District", "Schools", "Schools with a flag", "Rules flagged", "value",
               "suppression", "unit", "period", "source", "status"]
    return pd.DataFrame.from_records([{
        "District": d.name, "Schools": d.schools, "Schools with a flag": d.flagged_schools,
        "Rules flagged": len(d.flags), "value": d.share_flagged,
        "suppression": "" if d.share_flagged is not None else "z", "unit": "percent",
        "period": period, "source": source, "status": "computed"} for d in by_share(districts)],
        columns=columns)


def districts_figure(districts: Sequence[DistrictHotspot], county_share: float | None,
                     area_name: str) -> go.Figure:
    """Horizontal bars, the largest share at the top, each labelled with its share and count;
    the county's share as a dashed line."""
    shown_districts = by_share(districts)[::-1]
    fig = go.Figure(go.Bar(
        y=[d.name for d in shown_districts], x=[d.share_flagged for d in shown_districts],
        orientation="h", marker={"color": COUNTY_COLOUR},
        text=[f"{d.share_flagged:.0f}% ({d.flagged_schools} of {d.schools})"
              for d in shown_districts],
        textposition="outside", cliponaxis=False, name="Schools with at least one flag",
        hovertemplate="%{y}: %{text}<extra></extra>"))
    if county_share is not None:
        fig.add_vline(x=county_share, line={"color": TEXT_COLOUR, "dash": "dash", "width": 2},
                      annotation_text=f"{area_name} {county_share:.0f}%",
                      annotation_position="top", annotation_font={"size": 12})
    fig.update_layout(
        height=80 + 34 * max(len(shown_districts), 1), showlegend=False,
        margin={"l": 8, "r": 90, "t": 36, "b": 8},
        font={"family": FONT_FAMILY, "size": 13, "color": TEXT_COLOUR},
        paper_bgcolor="white", plot_bgcolor="white",
        xaxis={"range": [0, 100], "ticksuffix": "%", "gridcolor": GRID_COLOUR,
               "fixedrange": True},
        yaxis={"automargin": True, "fixedrange": True})
    return fig


def sources_text(store: Store) -> str:
    """The school-level sources the rules read, by kind, with the dates of their data."""
    parts = []
    for table, label in SCHOOL_TABLES.items():
        found = [s for s in store.manifest.get("sources", []) if s.get("table") == table]
        if found:
            dates = ", ".join(dict.fromkeys(period_label(str(s["data_date"])) for s in found))
            parts.append(f"{label} ({dates})")
    return "; ".join(parts) + ", published by Ofsted and the Department for Education"


@memoize
def districts_chart(store: Store, phase: str, school_type: str) -> Chart:
    """The districts chart for a phase and type of school, made once across workers."""
    area = load_area()
    model = hotspots(store, phase, school_type)
    source = sources_text(store)
    period = f"{load_rules(area).floor_periods[0]} to {period_label(LATEST_PERIOD)}"
    return Chart(
        figure_id=DISTRICTS_CHART,
        title=districts_title(model.districts, model.county_share, area),
        summary=districts_summary(model.districts, model.county_share, area),
        figure=districts_figure(model.districts, model.county_share, area.name),
        data=districts_data(model.districts, period, source), source=f"Source: {source}",
        as_at=period_label(LATEST_PERIOD))


def districts_builder(store: Store, params: Params, item: str | None) -> Chart:
    """The districts chart for the page's settings (it is about no item)."""
    if item:
        raise KeyError(item)
    chosen, _ = read_settings(params, SETTINGS)
    return districts_chart(store, chosen[PHASE], chosen[TYPE])


BUILDERS = {DISTRICTS_CHART: districts_builder}
