"""Hotspots (/hotspots): districts and schools ranked by flags, and the district grid.

Page settings: phase (all, primary, secondary) and type (all, mainstream, special, ap). The
districts chart is the registered chart "hotspots-districts".
"""

from __future__ import annotations

from functools import lru_cache
from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.charts import chart_builder
from callbacks.data import cached, current_store
from callbacks.params import Params, parse_query, read_choice, unknown_settings
from dashboard.analysis.hotspots import (
    PHASES,
    RULES,
    SCHOOL_TYPES,
    Assessment,
    any_flag_share,
    assess_schools,
    district_grid,
    district_hotspots,
    districts_data,
    districts_figure,
    districts_summary,
    districts_title,
    grid_summary,
    in_scope,
    load_rules,
    no_schools,
    rule_texts,
    school_hotspots,
)
from dashboard.charts import Chart
from dashboard.config import Area, load_area
from dashboard.rules import LATEST_PERIOD
from dashboard.store import Store
from dashboard.wording import period_label
from layouts import hotspots as page
from layouts.shell import URL_ID

PHASE, TYPE = "phase", "type"
CHART = "hotspots-districts"
# The store tables the rules read, as a source line names them.
SCHOOL_TABLES = {"inspections": "Ofsted inspections", "ks2_results": "key stage 2 results",
                 "ks4_results": "key stage 4 results", "school_context": "school census and "
                 "absence"}


def read_filters(params: Params) -> tuple[str, str, list[str]]:
    phase, messages = read_choice(params, PHASE, list(PHASES), "all")
    school_type, more = read_choice(params, TYPE, list(SCHOOL_TYPES), "all")
    return phase, school_type, messages + more


def query(phase: str, school_type: str) -> str:
    settings = {k: v for k, v in ((PHASE, phase), (TYPE, school_type)) if v != "all"}
    return "?" + urlencode(settings) if settings else ""


def assessment(store: Store, area: Area) -> Assessment:
    """Every rule run over the area's schools: once per data build across workers. A store
    without the school tables has no schools to assess."""
    if any(name not in store.tables for name in ("schools", *SCHOOL_TABLES)):
        return no_schools()
    return cached(f"hotspots:assessment:{store.build_id}",
                  lambda: assess_schools(store.tables, area, load_rules(area)))


def sources_text(store: Store) -> str:
    """The school-level sources the rules read, by kind, with the dates of their data."""
    parts = []
    for table, label in SCHOOL_TABLES.items():
        found = [s for s in store.manifest.get("sources", []) if s.get("table") == table]
        if found:
            dates = ", ".join(dict.fromkeys(period_label(str(s["data_date"])) for s in found))
            parts.append(f"{label} ({dates})")
    return "; ".join(parts) + ", published by Ofsted and the Department for Education"


def make_chart(store: Store, area: Area, phase: str, school_type: str) -> Chart:
    rules = load_rules(area)
    scope = in_scope(assessment(store, area), phase, school_type)
    districts = district_hotspots(scope, area, rules, rule_texts(rules))
    share = any_flag_share(scope)
    source = sources_text(store)
    period = f"{rules.floor_periods[0]} to {period_label(LATEST_PERIOD)}"
    return Chart(
        figure_id=CHART, title=districts_title(districts, share, area),
        summary=districts_summary(districts, share, area),
        figure=districts_figure(districts, share, area.name),
        data=districts_data(districts, period, source), source=f"Source: {source}",
        as_at=period_label(LATEST_PERIOD))


@chart_builder(CHART)
def hotspots_chart(store: Store, params: Params, item: str | None) -> Chart:
    if item:
        raise KeyError(item)
    phase, school_type, _ = read_filters(params)
    return make_chart(store, load_area(), phase, school_type)


def school_summary(count: int, in_scope_count: int, area: Area) -> str:
    if not count:
        return f"None of the {in_scope_count} schools matching these filters is flagged."
    return (f"{count} of {in_scope_count} open state-funded schools in {area.name} have at "
            "least one flag; those with the most flags come first.")


def build_model(store: Store, area: Area, phase: str, school_type: str) -> page.HotspotsModel:
    rules = load_rules(area)
    texts = rule_texts(rules)
    scope = in_scope(assessment(store, area), phase, school_type)
    districts = district_hotspots(scope, area, rules, texts)
    schools = school_hotspots(scope, texts)
    grid = district_grid(store.measures, area, rules.grid_measures, phase, school_type)
    minimum = (f" and at least {rules.district_min_schools} of its schools can be assessed"
               if rules.district_min_schools > 1 else "")
    margin = (f" by more than {rules.district_margin:g} percentage points"
              if rules.district_margin else "")
    return page.HotspotsModel(
        area_name=area.name, england_name=area.england_name, phase=phase,
        school_type=school_type, rules=tuple((rule, texts[rule]) for rule in RULES),
        district_rule=(f"a district is flagged on a rule when the share of its schools flagged "
                       f"is above the share across {area.name}{margin}{minimum}. Districts are "
                       "ranked by their number of flags, then by the share of their schools "
                       "with at least one flag."),
        chart=make_chart(store, area, phase, school_type), districts=tuple(districts),
        schools=tuple(schools), schools_in_scope=len(scope.schools),
        school_summary=school_summary(len(schools), len(scope.schools), area),
        grid=tuple(grid), grid_summary=grid_summary(grid, area),
        district_names=tuple((d.code, d.name) for d in area.districts))


def model(phase: str, school_type: str) -> page.HotspotsModel:
    store, area = current_store(), load_area()
    return cached(f"hotspots:{store.build_id}:{phase}:{school_type}",
                  lambda: build_model(store, area, phase, school_type))


@lru_cache(maxsize=16)
def drawn(build_id: str, phase: str, school_type: str) -> list[Component]:
    """The page's result for the filters, drawn once per process and data build."""
    del build_id  # part of the key only
    return page.result(model(phase, school_type))


def render(params: Params) -> list[Component]:
    phase, school_type, messages = read_filters(params)
    messages += unknown_settings(params, {PHASE, TYPE})
    body = drawn(current_store().build_id, phase, school_type)
    return page.layout(load_area().name, phase, school_type, body, messages)


ROUTES = {"/hotspots": render}


def update(phase: str | None, school_type: str | None,
           search: str | None) -> tuple[list[Component], str]:
    """The page for new filters, and the address that bookmarks them."""
    chosen_phase, chosen_type, _ = read_filters({PHASE: [phase or "all"],
                                                 TYPE: [school_type or "all"]})
    if (chosen_phase, chosen_type) == read_filters(parse_query(search))[:2]:
        raise PreventUpdate  # the filters the page was drawn with (controls report on mount)
    return (drawn(current_store().build_id, chosen_phase, chosen_type),
            query(chosen_phase, chosen_type))


def register(app: Dash) -> None:
    app.callback(
        Output(page.RESULT_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.PHASE_ID, "value"),
        Input(page.TYPE_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update)
