"""Hotspots (/hotspots): districts and schools ranked by flags, the rules, and the district x
measure grid, for the Education and Skills Strategic Group."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.hotspot_ranking import SchoolHotspot
from dashboard.analysis.hotspots import (
    HIGHER,
    LOWER,
    PHASE,
    SAME,
    SETTINGS,
    TYPE,
    GridColumn,
    HotspotsModel,
    hotspots,
    position,
)
from dashboard.charts import Chart
from dashboard.charts.hotspots import districts_chart
from dashboard.config import load_area
from dashboard.settings import params_from_query, read_settings
from dashboard.store import current_store
from dashboard.store.readings import Reading
from dashboard.wording import period_label
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.controls import Option, option_list
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, suppression_legend, value

PATH = "/hotspots"
dash.register_page(
    __name__, path=PATH, name="Hotspots", nav_label="Hotspots", order=5,
    title=document_title("Hotspots"),
    description="Where the county's schools and districts need attention, and why: districts "
                "and schools ranked by flags, each with its reason, and the rules behind them.")

PHASE_ID = "hotspots-phase"
TYPE_ID = "hotspots-type"
RESULT_ID = "hotspots-result"
# The filters the page shows: its controls report them when the page is put in place, and that
# is no change (the result is not sent again).
SHOWN_ID = "hotspots-shown"
PHASE_LABELS = {"all": "All phases", "primary": "Primary", "secondary": "Secondary"}
TYPE_LABELS = {"all": "All state-funded", "mainstream": "Mainstream", "special": "Special",
               "ap": "Alternative provision"}
POSITION_SYMBOLS = {HIGHER: "↑", LOWER: "↓", SAME: "="}
TOP_SCHOOLS = 25  # schools listed in full before the "Show the other ..." toggle


@page_layout
def layout(**query: object) -> PageContent:
    """The Hotspots page for the phase and type of school in the address."""
    chosen, messages = read_settings(params_from_query(query), SETTINGS)
    store, phase, school_type = current_store(), chosen[PHASE], chosen[TYPE]
    return content(load_area().name, chosen,
                   result(hotspots(store, phase, school_type),
                          districts_chart(store, phase, school_type)), messages)


def content(area_name: str, chosen: Mapping[str, str], body: list[Component],
            messages: Sequence[str] = ()) -> PageContent:
    """The page: heading, filters and `body` (what `result` draws for the filters)."""
    return [
        page_heading("Hotspots",
                     f"Where {area_name}'s schools and districts need attention, and why: "
                     "each flag comes with its reason, and the rules are listed below."),
        notices(messages),
        filters(chosen[PHASE], chosen[TYPE]),
        dcc.Store(id=SHOWN_ID, data=dict(chosen)),
        html.Div(body, id=RESULT_ID, **{"aria-live": "polite"}),
    ]


def filters(phase: str, school_type: str) -> html.Form:
    def radios(legend: str, control_id: str, labels: dict[str, str], chosen: str) -> dbc.Col:
        return dbc.Col(html.Fieldset([
            html.Legend(legend, className="form-label"),
            dbc.RadioItems(id=control_id, inline=True, value=chosen,
                           options=option_list([Option(k, v) for k, v in labels.items()])),
        ]), md=6)

    return html.Form(dbc.Row([
        radios("Phase", PHASE_ID, PHASE_LABELS, phase),
        radios("Type of school", TYPE_ID, TYPE_LABELS, school_type),
    ], className="g-3"), className="hotspot-filters", action=PATH, method="get",
        **{"aria-label": "Filter schools"})


def result(model: HotspotsModel, chart: Chart) -> list[Component]:
    """What the page shows for its filters, below them."""
    return [
        rules_section(model),
        districts_section(model, chart),
        grid_section(model),
        schools_section(model),
        suppression_legend(),
    ]


def rules_section(model: HotspotsModel) -> html.Section:
    return html.Section([
        html.H2("How schools are flagged", id="hotspot-rules-heading"),
        html.P("Each rule and its threshold are set in the area file, so the Strategic Group "
               "can change them. A figure exactly at a threshold is not flagged.",
               className="small"),
        html.Dl([item for rule_id, text in model.rules for item in (
            html.Dt(text.name, id=f"rule-{rule_id}"), html.Dd(text.description))],
            className="hotspot-rules"),
        html.P([html.Strong("Districts: "), model.district_rule], className="small"),
    ], **{"aria-labelledby": "hotspot-rules-heading"}, className="hotspot-rules-section")


def districts_section(model: HotspotsModel, chart: Chart) -> html.Section:
    rows = []
    for d in model.districts:
        reasons: Component | str = (html.Ul([html.Li(f.reason) for f in d.flags])
                                    if d.flags else "No rule above the county's share")
        share = f"{d.share_flagged:.0f}%" if d.share_flagged is not None else "no schools"
        rows.append(html.Tr([
            html.Td(d.rank, **{"data-label": "Rank"}),
            html.Th(html.A(d.name, href=f"/district/{d.code}"), scope="row"),
            html.Td(str(len(d.flags)), **{"data-label": "District flags"}),
            html.Td(f"{d.flagged_schools} of {d.schools} ({share})",
                    **{"data-label": "Schools with a flag"}),
            html.Td(reasons, **{"data-label": "Reasons"}),
        ], **{"data-district": d.code}))
    return html.Section([
        html.H2("Districts ranked by flags", id="hotspot-districts-heading"),
        chart_block(chart, heading="h3"),
        html.Div(html.Table([
            html.Caption(f"All {len(model.districts)} districts, most flags first: "
                         "the rules on which each district's share of schools flagged is above "
                         f"{model.area_name}'s"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in (
                "Rank", "District", "District flags", "Schools with a flag", "Reasons")])),
            html.Tbody(rows),
        ], className="table headline-table hotspot-districts", id="hotspot-district-table"),
            className="table-scroll", tabIndex="0", role="region",
            **{"aria-label": "Table of districts ranked by flags"}),
    ], **{"aria-labelledby": "hotspot-districts-heading"})


def school_table(schools: Sequence[SchoolHotspot], caption: str, table_id: str) -> html.Div:
    rows = [html.Tr([
        html.Td(s.rank, **{"data-label": "Rank"}),
        html.Th(html.A(s.name, href=f"/school/{s.urn}"), scope="row"),
        html.Td(s.district_name, **{"data-label": "District"}),
        html.Td(s.phase, **{"data-label": "Phase"}),
        html.Td(str(len(s.flags)), **{"data-label": "Flags"}),
        html.Td(html.Ul([html.Li(f"{name}: {reason}") for name, reason in s.flags]),
                **{"data-label": "Reasons"}),
    ], **{"data-urn": str(s.urn)}) for s in schools]
    return html.Div(html.Table([
        html.Caption(caption),
        html.Thead(html.Tr([html.Th(c, scope="col") for c in (
            "Rank", "School", "District", "Phase", "Flags", "Reasons")])),
        html.Tbody(rows),
    ], className="table headline-table hotspot-schools", id=table_id),
        className="table-scroll", tabIndex="0", role="region", **{"aria-label": caption})


def schools_section(model: HotspotsModel) -> html.Section:
    """The most-flagged schools in full (at least TOP_SCHOOLS, with any tied with the last);
    the rest behind a "Show" toggle, so the list stays scannable."""
    flags_at_cut = (len(model.schools[TOP_SCHOOLS - 1].flags)
                    if len(model.schools) > TOP_SCHOOLS else 0)
    top = [s for s in model.schools if len(s.flags) >= flags_at_cut]
    rest = model.schools[len(top):]
    children: list[Component] = [
        html.H2("Schools ranked by flags", id="hotspot-schools-heading"),
        html.P(model.school_summary, className="chart-summary"),
    ]
    if top:
        children.append(school_table(top, f"The {len(top)} schools with the most flags, most "
                                     "flags first", "hotspot-school-table"))
    else:
        children.append(html.P("No school matching these filters is flagged."))
    if rest:
        children.append(html.Details([
            html.Summary(f"Show the other {len(rest)} flagged schools"),
            school_table(rest, f"The other {len(rest)} flagged schools, most flags first",
                         "hotspot-more-schools-table"),
        ], className="hotspot-more-schools"))
    return html.Section(children, **{"aria-labelledby": "hotspot-schools-heading"})


def grid_cell(reading: Reading | None, column: GridColumn) -> list[Component | str]:
    if reading is None:
        return [html.Span("no figure", className="no-data")]
    parts: list[Component | str] = [value(reading)]
    if reading.denominator and "schools" in column.measure_id:
        parts.append(html.Span(f" ({reading.numerator:.0f} of {reading.denominator:.0f})",
                               className="small"))
    marks = []
    for other, name in ((column.county, "county"), (column.england, "England")):
        found = position(reading, other)
        if found:
            words = f"{found} than {name}" if found != SAME else f"same as {name}"
            marks.append(html.Span([
                html.Span(POSITION_SYMBOLS[found], **{"aria-hidden": "true"}),
                html.Span(words, className="visually-hidden"),
                html.Span(f" {name}", **{"aria-hidden": "true"})], className=f"pos-{found}"))
    if marks:
        parts += [html.Br(), html.Span(marks, className="grid-position small")]
    return parts


def grid_section(model: HotspotsModel) -> html.Section:
    if not model.grid:
        return html.Section([html.H2("Variation across districts"),
                             html.P(model.grid_summary)])
    header = [html.Th("District", scope="col")] + [
        html.Th([c.label, html.Br(), html.Span(
            f"{period_label(c.period)}; "
            + ("higher is better" if c.higher_is_better else "lower is better"
               if c.higher_is_better is False else "no better side"), className="small")],
            scope="col") for c in model.grid]
    body = [html.Tr([html.Th(name, scope="row")] + [html.Td(grid_cell(c.districts.get(code), c))
                                                     for c in model.grid])
            for code, name in model.district_names]
    body += [
        html.Tr([html.Th(model.area_name, scope="row")]
                + [html.Td(value(c.county) if c.county else "no figure") for c in model.grid],
                className="grid-reference"),
        html.Tr([html.Th(model.england_name, scope="row")]
                + [html.Td(value(c.england, class_name="value comparator") if c.england
                           else "no figure") for c in model.grid], className="grid-reference"),
        html.Tr([html.Th("Lowest district", scope="row")]
                + [html.Td(extreme(c.low)) for c in model.grid], className="grid-summary-row"),
        html.Tr([html.Th("Highest district", scope="row")]
                + [html.Td(extreme(c.high)) for c in model.grid], className="grid-summary-row"),
        html.Tr([html.Th("Range", scope="row")]
                + [html.Td(c.range_text()) for c in model.grid], className="grid-summary-row"),
    ]
    return html.Section([
        html.H2("Variation across districts", id="hotspot-grid-heading"),
        html.P(model.grid_summary, className="chart-summary"),
        html.P("↑ higher than, ↓ lower than, = the same as the county or England at the "
               "precision shown. District figures are worked out here from school-level data "
               "(pupil-weighted); results cover all state-funded schools, so they show only "
               "when every type of school is chosen.", className="small"),
        html.Div(html.Table([
            html.Caption(f"{model.area_name}'s districts by measure, with the county, "
                         f"{model.england_name}, and the lowest, highest and range"),
            html.Thead(html.Tr(header)), html.Tbody(body),
        ], className="table table-sm hotspot-grid", id="hotspot-grid"),
            className="table-scroll", tabIndex="0", role="region",
            **{"aria-label": "District by measure grid"}),
    ], **{"aria-labelledby": "hotspot-grid-heading"})


def extreme(reading: Reading | None) -> list[Component | str] | str:
    if reading is None:
        return "no figures"
    return [value(reading), html.Br(), html.Span(reading.area_name, className="small")]
