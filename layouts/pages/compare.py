"""Compare (/compare?urn=A&urn=B...): up to four schools side by side, the same rows for each,
the best of each comparable row marked in words, each column removable."""

from __future__ import annotations

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.compare import URN, Cell, CompareModel, compare_model, kept_urns
from dashboard.settings import params_from_query
from dashboard.store import current_store
from layouts import document_title
from layouts.components.page import PageContent, page_layout
from layouts.components.school_card import figure_value, judgement_list
from layouts.components.text import notices, page_heading, suppression_legend

dash.register_page(
    __name__, path="/compare", name="Compare schools", order=21,
    title=document_title("Compare schools"),
    description="Up to four schools side by side: inspections, results and pupils.")

BODY_ID = "compare-body"
POSTCODE_ID = "compare-postcode"
POSTCODE_BUTTON_ID = "compare-postcode-submit"
# The schools the address names, as written, for the postcode form (a new postcode keeps them).
URNS_ID = "compare-urns"


@page_layout
def layout(**query: object) -> PageContent:
    """The comparison the address asks for."""
    params = params_from_query(query)
    return [
        page_heading("Compare schools", "Up to four schools side by side. Each row is the same "
                     "measure for every school; where the figures are for the same year, the "
                     "highest (or nearest) is marked."),
        html.Div(body(compare_model(current_store(), params)), id=BODY_ID),
        dcc.Store(id=URNS_ID, data=kept_urns(params.get(URN, []))),
    ]


def body(model: CompareModel) -> list[Component]:
    """The comparison: notices, the postcode form, the table, and the way back to the finder."""
    children: list[Component] = [notices(model.messages), postcode_form(model.postcode)]
    if not model.schools:
        children.append(html.P(["No schools are chosen yet. ",
                                dcc.Link("Find schools to compare", href="/schools"),
                                " and choose “Add to compare” on up to four."]))
        return children
    if len(model.schools) > 1:
        children.append(html.P("On a small screen, scroll the table sideways to see every "
                               "school.", className="small text-muted scroll-hint"))
    children.append(html.Div(comparison_table(model), className="compare-scroll",
                             tabIndex="0", role="region",
                             **{"aria-labelledby": "compare-caption"}))
    if model.add_href:
        children.append(html.P(dcc.Link("Add another school", href=model.add_href)))
    children += [suppression_legend(), html.P(model.sources, className="small text-muted")]
    return children


def postcode_form(postcode: str) -> html.Div:
    return html.Div([
        dbc.Label(["Distance from a postcode (optional)",
                   html.Span("For example ST16 2DH", className="search-hint")],
                  html_for=POSTCODE_ID, className="search-label"),
        html.Div([
            dcc.Input(id=POSTCODE_ID, type="text", value=postcode, autoComplete="postal-code",
                      className="form-control search-input", debounce=False),
            html.Button("Show distances", id=POSTCODE_BUTTON_ID, n_clicks=0, type="button",
                        className="btn btn-primary search-button"),
        ], className="search-row"),
    ], className="compare-postcode")


def comparison_table(model: CompareModel) -> html.Table:
    head = html.Tr([html.Td(html.Span("Measure", className="visually-hidden"))] + [
        html.Th([dcc.Link(school.name, href=f"/school/{school.urn}"),
                 dcc.Link(["Remove", html.Span(f" {school.name}", className="visually-hidden")],
                          href=href, className="compare-remove")],
                scope="col", **{"data-urn": str(school.urn)})
        for school, href in zip(model.schools, model.remove_hrefs, strict=True)])
    rows: list[Component] = []
    for section in model.sections:
        rows.append(html.Tr(html.Th(section.title, scope="colgroup",
                                    colSpan=len(model.schools) + 1), className="section-row"))
        for row in section.rows:
            label: list[Component | str] = [row.label]
            if row.help:
                label.append(html.Span(row.help, className="measure-help"))
            rows.append(html.Tr([html.Th(label, scope="row")]
                                + [html.Td(cell_content(cell), className="best" if cell.mark
                                           else None)
                                   for cell in row.cells], **{"data-row": row.key}))
    names = ", ".join(s.name for s in model.schools)
    # Equal columns for the schools, so the eye runs straight along each row.
    widths = html.Colgroup([html.Col(className="measure-column")]
                           + [html.Col(style={"width": f"{80 / len(model.schools):.1f}%"})
                              for _ in model.schools])
    return html.Table([
        widths,
        html.Caption(f"Comparing {names}", id="compare-caption"),
        html.Thead(head),
        html.Tbody(rows),
    ], className="table compare-table",
        # Each school keeps a readable width; on a phone the table scrolls sideways instead.
        style={"minWidth": f"{7 + 9 * len(model.schools)}rem"})


def cell_content(cell: Cell) -> list[Component | str]:
    content: list[Component | str] = [
        figure_value(cell.text, cell.suppression) if cell.period or cell.suppression
        else cell.text]
    listed = judgement_list(cell.judgements, compact=True) if cell.judgements else None
    if listed is not None:
        content.append(listed)
    if cell.period:
        content.append(html.Span(cell.period + (f", {cell.note}" if cell.note else ""),
                                 className="cell-year"))
    elif cell.note:
        content.append(html.Span(cell.note, className="cell-year"))
    if cell.mark:
        content.append(html.Span(["▲ " if cell.mark.startswith("Highest") else "● ", cell.mark],
                                 className="best-tag"))
    return content
