"""School profile (/school/<urn>): the page for a URN, the 404 for an unknown one, and the
results charts ("school-ks2--<urn>", "school-ks4--<urn>") the page draws and downloads rebuild."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import Dash
from dash.development.base_component import Component

from callbacks.charts import chart_builder, figure_id
from callbacks.data import cached, current_store
from callbacks.params import Params, unknown_settings
from callbacks.router import PrefixRoute
from callbacks.schools import current_index
from dashboard.analysis.school import (
    HEADLINE_MEASURES,
    KEY_STAGES,
    SchoolSummary,
    context_rows,
    inspection_timeline,
    location_svg,
    results_chart,
    results_history,
    svg_data_uri,
)
from dashboard.analysis.schools import SchoolIndex
from dashboard.charts import Chart
from dashboard.config import Area, load_area
from dashboard.store import Store, StoreMissing
from dashboard.wording import period_label
from layouts import school as page

PREFIX = "/school/"
CHART_NAMES = {stage: f"school-{stage}" for stage in KEY_STAGES}
# The sources every profile draws on, beside those of its own figures.
PROFILE_SOURCES = ("gias_open_2026_06", "ofsted_schools_2023_08_31", "gias_links_2025_04",
                   "codepoint_postcodes", "ons_districts")


def read_urn(rest: str) -> int | None:
    text = rest.strip().strip("/")
    return int(text) if text.isdigit() and len(text) <= 9 else None


def find_school(index: SchoolIndex, rest: str) -> SchoolSummary | None:
    urn = read_urn(rest)
    return index.summary(urn) if urn is not None else None


def exists(rest: str) -> bool:
    """Whether /school/<rest> is a school in the store (else the page answers 404)."""
    if read_urn(rest) is None:
        return False
    try:
        return find_school(current_index(), rest) is not None
    except StoreMissing:
        return False


def sources_by_id(store: Store) -> dict[str, Mapping[str, Any]]:
    return {s["id"]: s for s in store.manifest.get("sources", [])}


def source_lines(source_ids: list[str], sources: Mapping[str, Mapping[str, Any]]) -> list[str]:
    lines = []
    for source_id in dict.fromkeys(source_ids):
        meta = sources.get(source_id)
        if meta:
            lines.append(f"{meta['title']} ({meta['publisher']}), data as at "
                         f"{period_label(str(meta['data_date']))}")
    return lines


def other_council(summary: SchoolSummary, area: Area, store: Store) -> str | None:
    """Who runs a school that stands in the area but belongs to another council."""
    if summary.la_number is None or summary.la_number == area.la_number:
        return None
    la_codes = store.tables.get("la_codes")
    names = ({} if la_codes is None
             else dict(zip(la_codes["la_number"], la_codes["la_name"], strict=True)))
    council = names.get(summary.la_number, f"local authority {summary.la_number}")
    return (f"This school stands in {summary.district_name or area.name} but {council} council "
            f"is responsible for it, so {area.name}'s own figures do not count it.")


def key_stage_results(index: SchoolIndex, summary: SchoolSummary, area: Area,
                      sources: Mapping[str, Mapping[str, Any]]) -> list[page.KeyStageResults]:
    stages = []
    for stage in KEY_STAGES:
        histories = results_history(index.tables, summary.urn, stage, area)
        if not histories:
            continue
        headline = next((h for h in histories if h.measure.measure_id == HEADLINE_MEASURES[stage]),
                        None)
        chart = (results_chart(headline, summary.name,
                               figure_id(CHART_NAMES[stage], str(summary.urn)), sources)
                 if headline else None)
        stages.append(page.KeyStageResults(key_stage=stage, chart=chart, histories=histories))
    return stages


def profile_model(store: Store, index: SchoolIndex, summary: SchoolSummary,
                  area: Area) -> page.ProfileModel:
    sources = sources_by_id(store)
    timeline = inspection_timeline(index.tables, summary.urn)
    results = key_stage_results(index, summary, area, sources)
    context = context_rows(index.tables, summary, area)
    used = [*PROFILE_SOURCES,
            *(e.inspection.source_id for e in timeline if e.inspection),
            *(p.source_id for stage in results for h in stage.histories for p in h.points),
            *(r.county.source_id for r in context if r.county),
            *(r.school.source_id for r in context)]
    svg = (location_svg(store.geojson.get("district_boundaries", {}), summary.lat, summary.lon,
                        summary.district_code)
           if summary.lat is not None and summary.lon is not None else None)
    return page.ProfileModel(
        summary=summary,
        successors=[s for u in summary.successors if (s := index.summary(u))],
        predecessors=[s for u in summary.predecessors if (s := index.summary(u))],
        other_council=other_council(summary, area, store),
        map_image=svg_data_uri(svg) if svg else None, timeline=timeline, results=results,
        context=context, area_name=area.name, sources=source_lines(used, sources))


def render(rest: str, params: Params) -> tuple[list[Component], str]:
    store, area = current_store(), load_area()
    index = current_index(store)
    summary = find_school(index, rest)
    if summary is None:
        return page.not_found(rest.strip("/")), "School not found"
    messages = unknown_settings(params, ())
    # Once per data build and school across workers: a profile gathers a lot.
    model = cached(f"school:{store.build_id}:{summary.urn}",
                   lambda: profile_model(store, index, summary, area))
    return page.layout(model, messages), summary.name


def _results_builder(stage: str) -> None:
    @chart_builder(CHART_NAMES[stage])
    def build(store: Store, _params: Params, item: str | None) -> Chart:
        index = current_index(store)
        summary = find_school(index, item or "")
        if summary is None:
            raise KeyError(item)
        for stage_results in key_stage_results(index, summary, load_area(),
                                               sources_by_id(store)):
            if stage_results.key_stage == stage and stage_results.chart is not None:
                return stage_results.chart
        raise LookupError(f"no {stage} results for URN {summary.urn}")


for _stage in KEY_STAGES:
    _results_builder(_stage)


def register(app: Dash) -> None:
    """The profile has no callbacks of its own: the router draws it."""


PREFIX_ROUTES = {PREFIX: PrefixRoute(render, exists)}
