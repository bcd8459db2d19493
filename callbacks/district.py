"""District profiles (/district/<code>): a district against the county and England.

The address takes the district's ONS code; a readable slug or name (/district/tamworth) is
redirected to it, and anything else gets the not-found page with HTTP 404. Page settings:
measure, population and period (the ranking chart, as on the map), trend (the trend chart's
measure) and phase (the schools table).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from flask import Response, redirect, request

from callbacks.charts import build_chart, figure_id, remembered_chart
from callbacks.data import current_store, remember
from callbacks.map import (
    PHASE_LABELS,
    choices,
    first_population,
    measure_settings,
    read_measure,
    schools,
)
from callbacks.params import Params, parse_query, read_choice, unknown_settings, with_setting
from callbacks.router import PrefixRoute
from dashboard.analysis.areas import (
    CONTEXT_COLUMNS,
    DISADVANTAGED_MEASURE,
    DISTRICT_LIMITS,
    GENDER_MEASURE,
    GENDER_PAIR,
    comparators,
    context_by_area,
    district_rows,
    district_values,
)
from dashboard.analysis.district import (
    PHASES,
    POPULATION_WORDS,
    MeasureChoice,
    dated,
    day_text,
    ordinal,
    phase_text,
    profile_rows,
    ranking_figure,
    reading_frame,
    schools_in,
    trend_choices,
    trend_figure,
)
from dashboard.charts import Chart
from dashboard.charts.style import (
    COUNTY_COLOUR,
    ENGLAND_COLOUR,
    TRAJECTORY_COLOUR,
    empty_chart,
    group_bars_figure,
)
from dashboard.config import Area, District, load_area
from dashboard.store import Store
from dashboard.store.readings import Reading, readings
from dashboard.vocabulary import measure_short
from dashboard.wording import format_reading, format_value, lower_first, period_label, provenance
from layouts import district as page
from layouts.components.charts import chart_block
from layouts.components.controls import Option
from layouts.shell import URL_ID

PREFIX = "/district/"
SETTINGS = ("measure", "population", "period", "trend", "phase")
DEFAULT_TREND = "pct_schools_good_or_outstanding"
# The headline results in the schools table, in its column order.
HEADLINE_MEASURES = ("ks2_rwm_expected_pct", "ks4_progress8")


def find_district(text: str) -> District | None:
    """A district of the area by ONS code, slug or name."""
    return load_area().district(text) if text else None


def exists(rest: str) -> bool:
    return find_district(rest) is not None


def _district(item: str | None) -> District:
    """The district a chart is about; KeyError (an unknown chart) if there is none."""
    district = find_district(item or "")
    if district is None or district.code != item:
        raise KeyError(item)
    return district


# ---------------------------------------------------------------------------------------------
# Settings


@dataclass(frozen=True)
class DistrictState:
    choice: MeasureChoice
    period: str
    trend: MeasureChoice | None
    phase: str


def trend_options(store: Store, code: str) -> tuple[MeasureChoice, ...]:
    """One choice per measure with a district trend, its 'all' population where it has one."""
    found = remember(f"district-trends:{store.build_id}:{code}",
                   lambda: trend_choices(store.measures, code))
    chosen: dict[str, MeasureChoice] = {}
    for option in found:
        if option.measure_id not in chosen or option.population == "all":
            chosen[option.measure_id] = option
    return tuple(chosen.values())


def read_state(store: Store, district: District,
               params: Params) -> tuple[DistrictState, list[str]]:
    choice, period, messages = read_measure(params, choices(store))
    trends = trend_options(store, district.code)
    ids = [t.measure_id for t in trends]
    trend = None
    if ids:
        chosen, found = read_choice(params, "trend", ids,
                                    DEFAULT_TREND if DEFAULT_TREND in ids else ids[0])
        messages += found
        trend = next(t for t in trends if t.measure_id == chosen)
    phase, found = read_choice(params, "phase", PHASES, "all")
    messages += found + unknown_settings(params, SETTINGS)
    return DistrictState(choice, period, trend, phase), messages


# ---------------------------------------------------------------------------------------------
# Charts


def sources_of(store: Store) -> dict[str, dict]:
    return {s["id"]: s for s in store.manifest.get("sources", [])}


@remembered_chart("district-ranking")
def ranking_chart(store: Store, params: Params, item: str | None) -> Chart:
    """Every district's value for the measure in `params`, this district marked."""
    district, area = _district(item), load_area()
    choice, period, _ = read_measure(params, choices(store))
    values = district_values(store.measures, area, choice.measure_id, choice.population, period)
    county, england = comparators(store.measures, area, choice.measure_id, choice.population,
                                  period)
    mine = values[values["code"] == district.code].iloc[0]
    shown = format_value(mine["value"], choice.unit, choice.measure_id, mine["suppression"])
    ranked = int(values["value"].notna().sum())
    when = period_label(period)
    if pd.isna(mine["rank"]):
        title = f"{district.name} has no figure for {measure_short(choice.measure_id)} in {when}"
    else:
        title = (f"{district.name} was {ordinal(int(mine['rank']))} of {ranked} districts for "
                 f"{lower_first(choice.label)} in {when} ({shown})")
    references = [r for r in (county, england) if r is not None]
    comparison = "; ".join(f"{r.area_name} {format_reading(r)}"
                           for r in references) or "no county or England figure"
    sources = sources_of(store)
    data = pd.concat([
        pd.DataFrame({"Area": values["name"], "Rank": values["rank"], "value": values["value"],
                      "suppression": values["suppression"], "unit": choice.unit,
                      "period": period,
                      "source": [provenance(sources, [s])[0] for s in values["source_id"]],
                      "status": values["status"]}),
        reading_frame(references, sources).drop(columns="Population"),
    ], ignore_index=True)
    source, as_at = provenance(sources, [*values["source_id"],
                                         *[r.source_id for r in references]])
    return Chart(figure_id=figure_id("district-ranking", district.code), title=title,
                 summary=(f"Bar chart of the {len(values)} districts' figures, best first: "
                          f"{district.name} {shown}; {comparison}."),
                 figure=ranking_figure(values, district.code, choice, county, england),
                 data=data, source=source, as_at=as_at)


@remembered_chart("district-trend")
def trend_chart(store: Store, params: Params, item: str | None) -> Chart:
    """The district's figures over time for the trend measure in `params`."""
    district, area = _district(item), load_area()
    state, _ = read_state(store, district, params)
    name = figure_id("district-trend", district.code)
    if state.trend is None:
        return empty_chart(name, f"No trend figures for {district.name}",
                           "No measure has two or more years of figures for this district.")
    choice = state.trend
    found = readings(district_rows(store.measures), choice.measure_id, district.code,
                     choice.population)
    county = readings(store.measures, choice.measure_id, area.ons_code, choice.population,
                      statuses=("official", "computed", "estimated"))
    england = readings(store.measures, choice.measure_id, area.england_code,
                       choice.population, statuses=("official", "computed"))
    with_values = [r for r in found if r.value is not None and r.date is not None]
    first, last = with_values[0], with_values[-1]
    if first.value == last.value:
        movement = "was the same"
    else:
        movement = "rose" if last.value > first.value else "fell"
    estimates = any(r.status == "estimated" for r in with_values)
    title = (f"{choice.label} in {district.name} {movement} from {format_reading(first)} "
             f"{dated(first.period)} to {format_reading(last)} {dated(last.period)}"
             + (" (some figures estimated)" if estimates else ""))
    sources = sources_of(store)
    everything = [*found, *county, *england]
    source, as_at = provenance(sources, [r.source_id for r in everything])
    return Chart(
        figure_id=name, title=title,
        summary=(f"Line chart of {lower_first(choice.label)} in "
                 f"{district.name} ({len(with_values)} years with a figure), with "
                 f"{area.name} and {area.england_name} where they have figures; estimates "
                 "are drawn with hollow markers."),
        figure=trend_figure(found, county, england, district.name),
        data=reading_frame(everything, sources), source=source, as_at=as_at)


def _group_readings(store: Store, area: Area, code: str, measure_id: str,
                    group: str) -> list[Reading]:
    rows = district_rows(store.measures, group) if code != area.ons_code else store.measures
    return readings(rows, measure_id, code, pupil_group=group)


@remembered_chart("district-gender")
def gender_chart(store: Store, params: Params, item: str | None) -> Chart:
    """Boys' and girls' key stage 4 results in the district and the county, in the years the
    school-level results give them."""
    district, area = _district(item), load_area()
    name = figure_id("district-gender", district.code)
    pair = GENDER_PAIR
    mine = {g: _group_readings(store, area, district.code, GENDER_MEASURE, g)
            for g in (pair.group, pair.comparison)}
    periods = [r.period for r in mine[pair.group]]
    if not periods:
        return empty_chart(name, f"No figures for boys and girls in {district.name}",
                           "The school-level results give no gender breakdown here.")
    county = {g: [r for r in _group_readings(store, area, area.ons_code, GENDER_MEASURE, g)
                  if r.period in periods] for g in (pair.group, pair.comparison)}
    series = []
    for place, found, colour, patterns in ((district.name, mine, COUNTY_COLOUR, ("", "/")),
                                           (area.name, county, TRAJECTORY_COLOUR, ("", "/"))):
        for group, pattern in zip((pair.comparison, pair.group), patterns, strict=True):
            by_period = {r.period: r.value for r in found[group]}
            label = pair.comparison_label if group == pair.comparison else pair.label
            series.append((f"{place}: {lower_first(label)}", [by_period.get(p) for p in periods],
                           colour, pattern))
    unit = mine[pair.group][0].unit
    last = periods[-1]
    boys = next(r for r in mine[pair.group] if r.period == last)
    girls = next((r for r in mine[pair.comparison] if r.period == last), None)
    label = measure_short(GENDER_MEASURE)
    if girls is None or boys.value is None or girls.value is None:
        title = f"{label} of boys and girls in {district.name}, {periods[0]} to {last}"
    else:
        gap = girls.value - boys.value
        size = format_value(abs(gap), unit, GENDER_MEASURE)
        title = (f"In {district.name}, boys' {label} was {size} "
                 f"{'below' if gap > 0 else 'above'} girls' in {last}")
    everything = [r for found in (mine, county) for group in found.values() for r in group]
    sources = sources_of(store)
    source, as_at = provenance(sources, [r.source_id for r in everything])
    data = reading_frame(everything, sources)
    data.insert(1, "Pupil group", [r.pupil_group for r in everything])
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of {label} for girls (solid) and boys (striped) in "
                 f"{district.name} and {area.name}, {periods[0]} to {last}: the only years "
                 "school results give by gender."),
        figure=group_bars_figure(periods, series, unit, GENDER_MEASURE), data=data,
        source=source, as_at=as_at)


@remembered_chart("district-disadvantaged")
def disadvantaged_chart(store: Store, params: Params, item: str | None) -> Chart:
    """Disadvantaged pupils' Progress 8 against all pupils', for the district, the county and
    England, in the year the school-level results give it."""
    district, area = _district(item), load_area()
    name = figure_id("district-disadvantaged", district.code)
    found = _group_readings(store, area, district.code, DISADVANTAGED_MEASURE, "disadvantaged")
    if not found:
        return empty_chart(name, f"No figures for disadvantaged pupils in {district.name}",
                           "The school-level results give no disadvantaged breakdown here.")
    period = found[-1].period
    rows: list[tuple[str, list[Reading | None]]] = []
    for place, code, statuses in ((district.name, district.code, None),
                                  (area.name, area.ons_code, ("official", "computed")),
                                  (area.england_name, area.england_code,
                                   ("official", "computed"))):
        pair = []
        for group in ("disadvantaged", "all"):
            source_rows = (district_rows(store.measures, group) if code == district.code
                           else store.measures)
            picked = readings(source_rows, DISADVANTAGED_MEASURE, code, pupil_group=group,
                              **({"statuses": statuses} if statuses else {}))
            pair.append(next((r for r in picked if r.period == period), None))
        rows.append((place, pair))
    categories = ["Disadvantaged pupils", "All pupils"]
    colours = (COUNTY_COLOUR, TRAJECTORY_COLOUR, ENGLAND_COLOUR)
    patterns = ("", "/", ".")
    series = [(place, [r.value if r else None for r in pair], colour, pattern)
              for (place, pair), colour, pattern in zip(rows, colours, patterns, strict=True)]
    disadvantaged, everyone = rows[0][1]
    unit = found[-1].unit
    shown = format_reading(disadvantaged)
    estimate = " (estimate)" if disadvantaged.status == "estimated" else ""
    title = (f"Disadvantaged pupils in {district.name} had a Progress 8 score of {shown} in "
             f"{period_label(period)}{estimate}")
    if everyone is not None and everyone.value is not None and disadvantaged.value is not None:
        title += (f", against {format_value(everyone.value, unit, DISADVANTAGED_MEASURE)} for "
                  "all its pupils")
    everything = [r for _, pair in rows for r in pair if r is not None]
    sources = sources_of(store)
    source, as_at = provenance(sources, [r.source_id for r in everything])
    data = reading_frame(everything, sources)
    data.insert(1, "Pupil group", [r.pupil_group for r in everything])
    return Chart(
        figure_id=name, title=title,
        summary=(f"Bar chart of Progress 8 in {period_label(period)} for disadvantaged pupils "
                 f"and all pupils in {district.name}, {area.name} and {area.england_name}."),
        figure=group_bars_figure(categories, series, unit, DISADVANTAGED_MEASURE),
        data=data, source=source, as_at=as_at)


# ---------------------------------------------------------------------------------------------
# The page


def _percent(value: float | None) -> str:
    return "[x]" if value is None or pd.isna(value) else f"{value:.1f}%"


def _pupils(value: float | None) -> str:
    return "[x]" if value is None or pd.isna(value) else f"{value:,.0f}"


def context_model(store: Store, area: Area,
                  district: District) -> tuple[tuple[str, ...], tuple[page.ContextRow, ...],
                                               tuple[page.KeyFigure, ...], str]:
    """The census table (district and county per year), key figures and their note."""
    context = remember(f"district-context:{store.build_id}",
                     lambda: context_by_area(store.tables.get("school_context"),
                                             store.tables.get("schools"), area))
    if context.empty:
        return (), (), (), ""
    periods = tuple(sorted(set(context["period"])))
    labels = {"pupils": "Pupils on roll", **CONTEXT_COLUMNS}
    rows = []
    for characteristic, label in labels.items():
        cells = []
        for period in periods:
            for code in (district.code, area.ons_code):
                found = context[(context["area_code"] == code) & (context["period"] == period)
                                & (context["characteristic"] == characteristic)]["value"]
                number = None if found.empty else found.iloc[0]
                cells.append(_pupils(number) if characteristic == "pupils" else
                             _percent(number))
        rows.append(page.ContextRow(label, tuple(cells)))
    latest = periods[-1]
    figures = []
    for characteristic, label in labels.items():
        chosen = context[(context["period"] == latest)
                         & (context["characteristic"] == characteristic)]
        mine = chosen[chosen["area_code"] == district.code]["value"]
        county = chosen[chosen["area_code"] == area.ons_code]["value"]
        if mine.empty or pd.isna(mine.iloc[0]):
            continue
        show = _pupils if characteristic == "pupils" else _percent
        figures.append(page.KeyFigure(f"{label} ({period_label(latest)})", show(mine.iloc[0]),
                                      show(county.iloc[0] if len(county) else None)))
    sources = sources_of(store)
    source, _ = provenance(sources, list(context["source_id"]))
    note = ("Each percentage is the pupil-weighted mean of the schools' census figures; "
            "where a year's file gives no pupil numbers (2022/23) schools are weighted by "
            "their latest published pupils on roll, so those figures are estimates. [x]: not "
            f"in the source. Source: {source}.")
    return periods, tuple(rows), tuple(figures), note


def schools_caption(rows: tuple[page.SchoolRow, ...], district: District, area: Area,
                    phase: str) -> str:
    return (f"{len(rows)} open state-funded schools in {district.name} that {area.name} is "
            f"responsible for ({PHASE_LABELS[phase].lower()})")


def school_rows(table: pd.DataFrame, code: str, phase: str) -> tuple[page.SchoolRow, ...]:
    chosen = schools_in(table, code, phase) if len(table) else table
    rows = []
    for school in chosen.to_dict("records"):
        cells = []
        for measure_id in HEADLINE_MEASURES:
            number = school.get(f"{measure_id}_value")
            period = school.get(f"{measure_id}_period")
            if not isinstance(period, str):
                cells.append("")
                continue
            code_text = school.get(f"{measure_id}_suppression")
            unit = "percent" if measure_id.endswith("_pct") else "score"
            shown = format_value(number, unit, measure_id,
                                 code_text if isinstance(code_text, str) else None)
            cells.append(f"{shown} ({period})")
        rows.append(page.SchoolRow(
            urn=int(school["urn"]), name=school["name"], href=f"/school/{int(school['urn'])}",
            phase=phase_text(school), outcome=school["outcome"],
            outcome_label=school["outcome_label"],
            outcome_date=day_text(school["outcome_date"]),
            outcome_note=school["outcome_note"], ks2=cells[0], ks4=cells[1]))
    return tuple(rows)


def options_for(store: Store, choice: MeasureChoice) -> tuple[tuple[Option, ...], ...]:
    """The ranking's measure, population and period options."""
    options = choices(store)
    measures = tuple(Option(c.measure_id, c.label) for c in options
                     if c.population == first_population(options, c.measure_id))
    populations = tuple(Option(c.population, POPULATION_WORDS[c.population].capitalize())
                        for c in options if c.measure_id == choice.measure_id)
    periods = tuple(Option(p, period_label(p)) for p in reversed(choice.periods))
    return measures, populations, periods


def build_model(store: Store, area: Area, district: District,
                state: DistrictState, params: Params) -> page.DistrictModel:
    measures, populations, periods = options_for(store, state.choice)
    context_periods, context, figures, note = context_model(store, area, district)
    table = schools(store, area)
    in_district = table[table["district_code"] == district.code] if len(table) else table
    rows = school_rows(table, district.code, state.phase)
    school_count = page.KeyFigure("Open state-funded schools", f"{len(in_district):,}",
                                  f"{len(table):,}")
    return page.DistrictModel(
        code=district.code, name=district.name, area_name=area.name,
        district_count=len(area.districts), key_figures=(school_count, *figures),
        measures=tuple(remember(f"district-profile:{store.build_id}:{district.code}",
                              lambda: profile_rows(store.measures, area, district.code))),
        ranking=build_chart(figure_id("district-ranking", district.code), params, store),
        measure_options=measures, population_options=populations, period_options=periods,
        measure=state.choice.measure_id, population=state.choice.population,
        period=state.period,
        trend=(build_chart(figure_id("district-trend", district.code), params, store)
               if state.trend else None),
        trend_options=tuple(Option(t.measure_id, t.label)
                            for t in trend_options(store, district.code)),
        trend_measure=state.trend.measure_id if state.trend else "",
        gap_charts=tuple(build_chart(figure_id(name, district.code), params, store)
                         for name in ("district-gender", "district-disadvantaged")),
        gaps_lacking=DISTRICT_LIMITS,
        context_periods=context_periods, context=context, context_note=note,
        schools=rows, schools_caption=schools_caption(rows, district, area, state.phase),
        phase=state.phase, phase_options=tuple(Option(p, PHASE_LABELS[p]) for p in PHASES))


def render(rest: str, params: Params) -> tuple[list[Component], str]:
    """The profile of the district named by `rest`, or the not-found page."""
    area = load_area()
    district = find_district(rest)
    if district is None:
        return (page.not_found(rest, [Option(d.code, d.name) for d in area.districts],
                               area.name), "District not found")
    store = current_store()
    state, messages = read_state(store, district, params)
    return (page.layout(build_model(store, area, district, state, params), messages),
            f"{district.name}: district profile")


def canonical_redirect() -> Response | None:
    """/district/tamworth (a slug, a name or a lower-case code) redirects to the ONS code."""
    if request.method != "GET" or not request.path.startswith(PREFIX):
        return None
    rest = request.path.removeprefix(PREFIX).rstrip("/")
    district = find_district(rest)
    if district is None or rest == district.code:
        return None
    query = request.query_string.decode()
    return redirect(f"{PREFIX}{district.code}" + (f"?{query}" if query else ""), code=308)


# ---------------------------------------------------------------------------------------------
# Callbacks


def _code(pathname: str | None) -> District:
    district = find_district((pathname or "").removeprefix(PREFIX).rstrip("/"))
    if district is None:
        raise LookupError(pathname)
    return district


def with_settings(search: str | None, settings: dict[str, str | None]) -> str:
    for name, chosen in settings.items():
        search = with_setting(search, name, chosen)
    return search or ""


def update_ranking(measure: str | None, population: str | None, period: str | None,
                   pathname: str | None, search: str | None) -> tuple:
    """Redraw the ranking chart for new settings; the settings go in the address."""
    store, district = current_store(), _code(pathname)
    choice, chosen_period, _ = read_measure(
        {"measure": [measure or ""], "population": [population or "all"],
         "period": [period or ""]}, choices(store))
    search = with_settings(search, measure_settings(choice, chosen_period))
    _, populations, periods = options_for(store, choice)
    chart = build_chart(figure_id("district-ranking", district.code), parse_query(search),
                        store)
    return ([{"label": o.label, "value": o.value} for o in populations], choice.population,
            [{"label": o.label, "value": o.value} for o in periods], chosen_period,
            chart_block(chart), search)


def update_trend(trend: str | None, pathname: str | None, search: str | None) -> tuple:
    store, district = current_store(), _code(pathname)
    search = with_settings(search, {"trend": None if trend == DEFAULT_TREND else trend})
    chart = build_chart(figure_id("district-trend", district.code), parse_query(search), store)
    return chart_block(chart), search


def update_schools(phase: str | None, pathname: str | None, search: str | None) -> tuple:
    store, area, district = current_store(), load_area(), _code(pathname)
    chosen = phase if phase in PHASES else "all"
    search = with_settings(search, {"phase": None if chosen == "all" else chosen})
    rows = school_rows(schools(store, area), district.code, chosen)
    return page.schools_table(rows, schools_caption(rows, district, area, chosen)), search


PREFIX_ROUTES = {PREFIX: PrefixRoute(render, exists)}


def register(app: Dash) -> None:
    app.server.before_request(canonical_redirect)
    app.callback(
        Output(page.POPULATION_ID, "options"),
        Output(page.POPULATION_ID, "value"),
        Output(page.PERIOD_ID, "options"),
        Output(page.PERIOD_ID, "value"),
        Output(page.RANKING_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.MEASURE_ID, "value"),
        Input(page.POPULATION_ID, "value"),
        Input(page.PERIOD_ID, "value"),
        State(URL_ID, "pathname"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update_ranking)
    app.callback(
        Output(page.TREND_VIEW_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.TREND_ID, "value"),
        State(URL_ID, "pathname"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update_trend)
    app.callback(
        Output(page.SCHOOLS_ID, "children"),
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.PHASE_ID, "value"),
        State(URL_ID, "pathname"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(update_schools)

