"""Outcome measures (/measures): the partnership framework's KPI table, one table per theme,
and its CSV download."""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.measures import (
    KpiRow,
    MeasuresModel,
    ThemeTable,
    outcome_measures,
    settings,
)
from dashboard.config import load_area
from dashboard.settings import Choices, params_from_query, read_settings
from dashboard.store import current_store
from dashboard.store.readings import Reading
from dashboard.wording import period_label
from layouts import document_title
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading, suppression_legend, value

dash.register_page(
    __name__, path="/measures", name="Outcome measures", nav_label="Outcome measures", order=6,
    title=document_title("Outcome measures"),
    description="The partnership framework's outcome measures against England, similar "
                "councils and the districts, with the direction of travel of each.")

NEIGHBOUR_CHOICE_ID = "measures-neighbours"
TABLES_ID = "measures-tables"
DOWNLOAD_ID = "measures-download"
# The neighbour list the tables show: its control reports it when the page is put in place,
# and that is no change.
SHOWN_ID = "measures-shown"


@page_layout
def layout(**query: object) -> PageContent:
    """The Outcome measures for the neighbour list in the address."""
    chosen, messages = read_settings(params_from_query(query), settings(load_area()))
    return content(outcome_measures(current_store(), **chosen), chosen, messages)


def content(model: MeasuresModel, chosen: Choices,
            messages: Sequence[str] = ()) -> PageContent:
    """The page: heading, grouping note, neighbour choice and the tables for `chosen`."""
    f = model.framework
    return [
        page_heading("Outcome measures",
                     f"The outcome measures of {f.name} ({f.year}): {model.area_name} against "
                     f"{model.england_name}, similar councils and its own districts, with the "
                     "latest year of each figure and whether it is getting better or worse."),
        notices(messages),
        html.Div([
            html.P([html.Strong("How the measures are grouped. "), f.grouping_note, " Source: ",
                    html.A(f.grouping_source, href=f.grouping_url, rel="noopener")
                    if f.grouping_url else f.grouping_source, "."]),
        ], className="measures-grouping-note"),
        html.Div([
            dbc.Label("Statistical neighbours to compare with", html_for=NEIGHBOUR_CHOICE_ID),
            dbc.RadioItems(id=NEIGHBOUR_CHOICE_ID, inline=True, value=model.neighbour_list,
                           options=[{"label": f"{y} list{' (current)' if i == 0 else ''}",
                                     "value": y} for i, y in enumerate(model.neighbour_lists)]),
        ], className="neighbour-choice"),
        dcc.Store(id=SHOWN_ID, data=chosen),
        html.Div(tables(model), id=TABLES_ID, **{"aria-live": "polite"}),
        suppression_legend(),
        how_to_read(model),
    ]


def tables(model: MeasuresModel) -> PageContent:
    """The download link and one table per theme."""
    children: PageContent = [
        html.P(html.A("Download the table as CSV", href=model.download_href, id=DOWNLOAD_ID,
                      download=""), className="measures-download"),
    ]
    for table in model.themes:
        heading_id = f"theme-{table.theme.id}"
        children.append(html.Section([
            html.H2(table.theme.name, id=heading_id),
            html.P(table.theme.description, className="small text-muted"),
            theme_table(table, model),
        ], **{"aria-labelledby": heading_id}, className="measures-theme"))
    names = ", ".join(model.neighbour_names) or "none known"
    children.append(html.P(
        f"Statistical neighbours ({model.neighbour_list} list, Department for Education): "
        f"{names}. The average is the simple mean of the neighbours with a figure for the same "
        "year.", className="small"))
    return children


COMPARISON_COLUMNS = ("Statistical neighbours (average)", "District minimum",
                      "District maximum", "Direction of travel", "Compared with national")


def column_names(model: MeasuresModel) -> tuple[str, ...]:
    """The columns after "Measure": the area's and the nation's names, then the comparisons."""
    return ("Year", model.area_name, model.england_name, *COMPARISON_COLUMNS)


def theme_table(table: ThemeTable, model: MeasuresModel) -> html.Div:
    names = column_names(model)
    rows = [kpi_row(row, names) for row in table.rows]
    return html.Div(html.Table([
        html.Caption(f"{table.theme.name}: {table.summary}"),
        html.Thead(html.Tr([html.Th("Measure", scope="col")]
                           + [html.Th(c, scope="col") for c in names])),
        html.Tbody(rows),
    ], className="table headline-table outcome-table"),
        className="table-scroll", tabIndex="0", role="region",
        **{"aria-label": f"{table.theme.name} measures"})


def measure_cell(row: KpiRow) -> html.Th:
    link = row.measure.trend_link()
    label: Component | str = (html.A(row.measure.label, href=link, title="See the trend")
                              if link and row.county else row.measure.label)
    children: list[Component | str] = [label]
    if row.unit_words:
        children.append(html.Span(f" ({row.unit_words}: the gap between the groups)",
                                  className="small text-muted"))
    if row.measure.note:
        children += [html.Br(), html.Span(row.measure.note, className="small text-muted")]
    return html.Th(children, scope="row")


def district_cell(reading: Reading | None, row: KpiRow) -> Component | str:
    if reading is None:
        return html.Span("Not available", className="not-available")
    shown: list[Component | str] = [value(reading), " ", html.Span(reading.area_name,
                                                                     className="district-name")]
    if reading.period != row.period:
        shown.append(html.Span(f" ({period_label(reading.period)})", className="small"))
    return html.Span(shown)


def kpi_row(row: KpiRow, names: Sequence[str]) -> html.Tr:
    if row.not_available or row.county is None:
        return html.Tr([
            measure_cell(row),
            html.Td([html.Strong("Not available: "), row.not_available or ""],
                    colSpan=len(names), className="not-available",
                    **{"data-label": "Not available"}),
        ], className="row-not-available")
    neighbours = html.Span([
        html.Span(row.neighbour_text(), className="neighbour-mean"),
        html.Span(f" ({row.neighbours_with_data} of {row.neighbours_total})",
                  className="small text-muted")])
    cells: list[Component | str] = [
        period_label(row.period or ""),
        value(row.county),
        value(row.england, class_name="value comparator"),
        neighbours,
        district_cell(row.district_min, row),
        district_cell(row.district_max, row),
        symbol_and_words(row.travel.symbol, row.travel.word, row.travel.detail(), "travel"),
        symbol_and_words(row.national.symbol, row.national.word, row.national.detail(),
                         "national"),
    ]
    tds = [html.Td(cell, **{"data-label": label}) for label, cell in zip(names, cells,
                                                                         strict=True)]
    if row.district_min is None and row.district_reason:
        tds[4:6] = [html.Td([html.Span("Not available", className="not-available"),
                             html.Span(row.district_reason, className="detail")],
                            colSpan=2, **{"data-label": "District minimum and maximum"})]
    return html.Tr([measure_cell(row), *tds], **{"data-measure": row.measure.row_measure_id})


def symbol_and_words(symbol: str, word: str, detail: str, kind: str) -> html.Span:
    """A symbol beside its words: the words carry the meaning, the symbol helps scanning."""
    slug = word.split(" than")[0].split(" as")[0].lower().replace(" ", "-")
    children: list[Component | str] = [
        html.Span(symbol, className="symbol", **{"aria-hidden": "true"}), " ", word]
    if detail:
        children.append(html.Span(detail, className="detail"))
    return html.Span(children, className=f"{kind} {kind}-{slug}")


def how_to_read(model: MeasuresModel) -> html.Details:
    return html.Details([
        html.Summary("How to read this table"),
        html.Ul([
            html.Li(f"Year: the latest year for which {model.area_name} and "
                    f"{model.england_name} both have a figure (or {model.area_name}'s latest "
                    "when there is no national figure)."),
            html.Li("District minimum and maximum: the lowest and highest of the districts' "
                    "figures, worked out here from school-level data, for the same year where "
                    "there is one (otherwise the year is shown). Most measures are published for "
                    "councils only, so they have no district figures."),
            html.Li("Direction of travel: the latest figure against the one before it; ↑ up, "
                    "↓ down, → no change at the precision shown, with whether that is better or "
                    "worse."),
            html.Li(f"Compared with national: ✓ better than {model.england_name}, ✗ worse, "
                    "= the same at the precision shown, – no national figure."),
            html.Li("Disadvantaged gaps are the difference between the published figures for "
                    "pupils who are not disadvantaged and for disadvantaged pupils; a smaller "
                    "gap is better."),
            html.Li("Each measure links to its trend over time."),
        ]),
    ], className="measures-help")
