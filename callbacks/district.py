"""District profiles (/district/<code>): a new ranking measure, trend measure or phase of
schools redraws its part of the page and goes in the address."""

from __future__ import annotations

from typing import Any

from dash import Dash, Input, Output, State
from dash.development.base_component import Component

from dashboard.analysis.district import PHASE, PHASE_SETTING, TREND, district_schools, trend_setting
from dashboard.analysis.district_measures import (
    PERIOD,
    POPULATION,
    choices,
    chosen_measure,
    measure_params,
    measure_settings,
)
from dashboard.charts.district import ranking_for, trend_chart
from dashboard.settings import read_settings, setting_changes
from dashboard.store import current_store
from layouts.components.charts import chart_block
from layouts.components.controls import option_list
from layouts.components.district_measures import period_options, population_options
from layouts.pages import district as page
from layouts.shell import QUERY_ID


def update_ranking(measure: str | None, population: str | None, period: str | None,
                   code: str) -> tuple[Any, ...]:
    """Redraw the ranking chart and the measure's choices for new settings, and put the
    settings in the address."""
    store = current_store()
    options = choices(store)
    ranking_settings = measure_settings(options)
    # A measure's populations and periods differ: an old choice quietly falls back.
    chosen, _ = read_settings(measure_params(measure, population, period), ranking_settings)
    choice = chosen_measure(options, chosen)
    return (option_list(population_options(options, choice)), chosen[POPULATION],
            option_list(period_options(choice)), chosen[PERIOD],
            chart_block(ranking_for(store, code, chosen)),
            setting_changes(chosen, ranking_settings))


def update_trend(trend: str | None, code: str) -> tuple[Component, dict[str, str | None]]:
    """Redraw the trend chart for a new measure; the measure goes in the address."""
    store = current_store()
    trend_settings = (trend_setting(store, code),)
    chosen, _ = read_settings({TREND: [trend or ""]}, trend_settings)
    return (page.trend_view(trend_chart(store, code, chosen[TREND])),
            setting_changes(chosen, trend_settings))


def update_schools(phase: str | None, code: str) -> tuple[Component, dict[str, str | None]]:
    """The district's schools in a new phase; the phase goes in the address."""
    chosen, _ = read_settings({PHASE: [phase or ""]}, (PHASE_SETTING,))
    return (page.schools_table(district_schools(current_store(), code, chosen[PHASE])),
            setting_changes(chosen, (PHASE_SETTING,)))


def register(app: Dash) -> None:
    app.callback(
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.PERIOD_ID, "options"),
        Output(page.PERIOD_ID, "value"),
        Output(page.RANKING_ID, "children"),
        Output(QUERY_ID, "data", allow_duplicate=True),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.PERIOD_ID, "value"),
        State(page.CODE_ID, "data"),
        prevent_initial_call=True,
    )(update_ranking)
    app.callback(
        Output(page.TREND_VIEW_ID, "children"),
        Output(QUERY_ID, "data", allow_duplicate=True),
        Input(page.TREND_ID, "value"),
        State(page.CODE_ID, "data"),
        prevent_initial_call=True,
    )(update_trend)
    app.callback(
        Output(page.SCHOOLS_ID, "children"),
        Output(QUERY_ID, "data", allow_duplicate=True),
        Input(page.PHASE_ID, "value"),
        State(page.CODE_ID, "data"),
        prevent_initial_call=True,
    )(update_schools)
