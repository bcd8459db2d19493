"""Overview (/): target assessments, headline comparisons and the neighbour-list choice."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from dash import Dash, Input, Output, State
from dash.development.base_component import Component

from callbacks.charts import chart_builder
from callbacks.data import cached, current_store
from callbacks.params import Params, read_choice, unknown_settings, with_setting
from dashboard.analysis.targets import (
    Comparison,
    assess_targets,
    compare,
    measures_used,
    neighbour_codes,
)
from dashboard.charts import Chart
from dashboard.charts.overview import TARGET_CHART, target_chart
from dashboard.config import Area, load_area
from dashboard.store import Store
from dashboard.vocabulary import measure_info
from dashboard.wording import source_names
from layouts import overview as page
from layouts.shell import URL_ID

NEIGHBOURS = "neighbours"
# Headline figures under the target cards: (measure_id, population).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("ks2_rwm_expected_pct", "all"),
    ("ks4_attainment8", "all"),
    ("ks4_progress8", "all"),
    ("ks4_english_maths_grade5_pct", "all"),
    ("pct_schools_good_or_outstanding", "mainstream"),
    ("pct_persistent_absence", "all"),
    ("eyfs_gld_pct", "all"),
    ("neet_or_not_known_pct", "all"),
)


def neighbour_lists(area: Area) -> tuple[str, ...]:
    """The area file's neighbour lists, the current one first, then newest first."""
    others = sorted((y for y in area.neighbour_lists if y != area.current_neighbours),
                    reverse=True)
    return (area.current_neighbours, *others)


def sources_by_id(store: Store) -> dict[str, Mapping[str, Any]]:
    return {s["id"]: s for s in store.manifest.get("sources", [])}


def verdict(comparison: Comparison, england_name: str) -> str:
    """The county against England in words, with better or worse where the measure says."""
    county, england = comparison.county, comparison.england
    if county is None or england is None or county.value is None or england.value is None:
        return "Not comparable"
    if round(county.value, 2) == round(england.value, 2):
        return f"Same as {england_name}"
    above = county.value > england.value
    position = f"{'Above' if above else 'Below'} {england_name}"
    better = measure_info(comparison.measure_id).higher_is_better
    if better is None:
        return position
    return f"{position} ({'better' if above == better else 'worse'})"


def headline_title(area: Area, rows: list[page.HeadlineRow]) -> str:
    better = sum(row.verdict.endswith("(better)") for row in rows)
    worse = sum(row.verdict.endswith("(worse)") for row in rows)
    compared = better + worse
    if not compared:
        return f"{area.name}'s headline figures (no England figures to compare with)"
    return (f"{area.name} is better than {area.england_name} on {better} and worse on {worse} "
            f"of {compared} headline figures")


def build_headlines(store: Store, area: Area, neighbour_list: str) -> page.Headlines:
    la_codes = store.tables.get("la_codes")
    codes = neighbour_codes(area, la_codes, neighbour_list)
    sources = sources_by_id(store)
    rows = []
    for measure_id, population in HEADLINES:
        comparison = compare(store.measures, measure_id, area, population=population,
                             neighbours=codes, neighbour_list=neighbour_list)
        if comparison.county is None:
            continue
        shown = [r for r in (comparison.county, comparison.england) if r is not None]
        rows.append(page.HeadlineRow(
            comparison=comparison,
            label=measure_info(measure_id).label + (f" ({population} schools)"
                                                     if population != "all" else ""),
            verdict=verdict(comparison, area.england_name),
            source="; ".join(source_names(shown, sources, with_dates=False))))
    names: tuple[str, ...] = ()
    if la_codes is not None and not la_codes.empty:
        lookup = la_codes.set_index("la_number")["la_name"]
        names = tuple(str(lookup[n]) for n in area.neighbour_lists.get(neighbour_list, ())
                      if n in lookup.index)
    return page.Headlines(title=headline_title(area, rows), rows=tuple(rows),
                          neighbour_list=neighbour_list, neighbour_names=names)


def build_model(store: Store, area: Area, neighbour_list: str, as_of: date) -> page.OverviewModel:
    """Everything the Overview shows, from the measures table and the area file."""
    sources = sources_by_id(store)
    wanted = measures_used(area) | {measure_id for measure_id, _ in HEADLINES}
    measures = store.measures[store.measures["measure_id"].isin(wanted)]
    cards = tuple(
        page.TargetCard(assessment=a, chart=target_chart(a, area.name, sources,
                                                         area.published_citation))
        for a in assess_targets(measures, area, as_of))
    return page.OverviewModel(area_name=area.name, cards=cards,
                              headlines=build_headlines(store, area, neighbour_list),
                              neighbour_lists=neighbour_lists(area))


def cache_key(build_id: str, neighbour_list: str, day: date) -> str:
    # By day too: whether a target counts as discontinued depends on the date.
    return f"overview:{build_id}:{neighbour_list}:{day.isoformat()}"


def model(neighbour_list: str, store: Store | None = None) -> page.OverviewModel:
    """The model for the store (the current one by default), computed once per build, list and
    day across workers."""
    store, area, today = store or current_store(), load_area(), date.today()
    return cached(cache_key(store.build_id, neighbour_list, today),
                  lambda: build_model(store, area, neighbour_list, today))


def neighbour_setting(params: Params, area: Area) -> tuple[str, list[str]]:
    """The neighbour list the address asks for (the current one by default), and messages."""
    return read_choice(params, NEIGHBOURS, neighbour_lists(area), area.current_neighbours)


def render(params: Params) -> list[Component]:
    """The Overview page for the query parameters in the address."""
    choice, messages = neighbour_setting(params, load_area())
    messages += unknown_settings(params, {NEIGHBOURS})
    return page.layout(model(choice), messages)


@chart_builder(TARGET_CHART)
def target_trajectory(store: Store, params: Params, item: str | None) -> Chart:
    """The trajectory chart of target `item` (its number), as the Overview shows it."""
    choice, _ = neighbour_setting(params, load_area())
    for card in model(choice, store).cards:
        if str(card.assessment.target.number) == item:
            return card.chart
    raise KeyError(item)


def update_headlines(neighbour_list: str | None, search: str | None) -> tuple[list, str]:
    """New headline table for the chosen neighbour list, and the address that bookmarks it."""
    area = load_area()
    choice = neighbour_list if neighbour_list in area.neighbour_lists else area.current_neighbours
    current = model(choice)
    setting = None if choice == area.current_neighbours else choice
    return (page.headline_table(current.headlines, current.area_name),
            with_setting(search, NEIGHBOURS, setting))


ROUTES = {"/": render}


def register(app: Dash) -> None:
    app.callback(
        Output(page.HEADLINES_ID, "children"),
        Output(URL_ID, "search"),
        Input(page.NEIGHBOUR_CHOICE_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update_headlines)
