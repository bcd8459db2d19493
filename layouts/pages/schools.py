"""School finder (/schools): one search box (name, town or postcode), filters, and a list of
schools with their latest inspection and headline results, each with "add to compare"."""

from __future__ import annotations

from collections.abc import Sequence

import dash
import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.school_index import MAX_COMPARE, school_index
from dashboard.analysis.school_inspections import LatestInspection
from dashboard.analysis.school_search import PHASE_FILTERS
from dashboard.analysis.school_summary import SchoolSummary
from dashboard.analysis.schools import (
    COMPARE,
    Basket,
    FinderResults,
    FinderState,
    ResultCard,
    district_choices,
    finder_results,
    outcome_choices,
    read_finder,
    searched_for,
)
from dashboard.config import Area, load_area
from dashboard.settings import params_from_query
from dashboard.store import current_store
from layouts import document_title
from layouts.components.controls import Option, select
from layouts.components.page import PageContent, no_data, page_layout
from layouts.components.school_card import figure_value, judgement_list
from layouts.components.text import notices, page_heading, suppression_legend

dash.register_page(
    __name__, path="/schools", name="Find a school", nav_label="Schools", order=2,
    title=document_title("Find and compare schools"),
    description="Find a school by name, town or postcode, see its latest inspection and "
                "results, and choose up to four to compare.")

TEXT_ID = "school-search-text"
SUBMIT_ID = "school-search-submit"
PHASE_ID = "school-search-phase"
OUTCOME_ID = "school-search-outcome"
DISTRICT_ID = "school-search-district"
OPEN_ID = "school-search-open"
RESULTS_ID = "school-search-results"
# What the list shows: {"searched": the search and filters, "compare": the comparison list
# as the address gives it}, so a search keeps the comparison and an unchanged one does nothing.
SHOWN_ID = "school-search-shown"


@page_layout
def layout(**query: object) -> PageContent:
    """The finder for the settings in the address."""
    store, area = current_store(), load_area()
    if school_index(store).frame.empty:
        return no_data()
    params = params_from_query(query)
    state, messages = read_finder(params, area, school_index(store))
    return [
        page_heading("Find a school", "Search by school name, town or postcode. From a "
                     "postcode, schools are listed nearest first with the straight-line "
                     "distance. Choose up to four schools to compare side by side."),
        notices(messages),
        search_form(state, area),
        html.Div(results_section(finder_results(store, state, area)), id=RESULTS_ID),
        dcc.Store(id=SHOWN_ID, data=shown(params)),
    ]


def shown(params: dict[str, list[str]]) -> dict[str, list[str]]:
    """What the list shows, for the search callback (SHOWN_ID)."""
    return {"searched": list(searched_for(params)), "compare": params.get(COMPARE, [])}


def search_form(state: FinderState, area: Area) -> html.Div:
    filters_set = (state.phase, state.outcome, state.district) != ("any",) * 3 or (
        state.include_closed)
    return html.Div([
        # The hint sits inside the label: Dash's inputs take no aria-describedby.
        dbc.Label(["School name, town or postcode",
                   html.Span("For example St Austin's, Leek, ST16 2DH or ST16",
                             className="search-hint")],
                  html_for=TEXT_ID, className="search-label"),
        html.Div([
            dcc.Input(id=TEXT_ID, type="search", value=state.text, debounce=False,
                      autoComplete="off", spellCheck=False, className="form-control search-input"),
            html.Button("Search", id=SUBMIT_ID, n_clicks=0, type="button",
                        className="btn btn-primary search-button"),
        ], className="search-row"),
        html.Details([
            html.Summary("Filter the list"),
            html.Div([
                _select(PHASE_ID, "Phase or type of school", state.phase,
                        tuple(PHASE_FILTERS.items())),
                _select(OUTCOME_ID, "Latest inspection", state.outcome, outcome_choices()),
                _select(DISTRICT_ID, "District", state.district, district_choices(area)),
                html.Div(dbc.Checkbox(id=OPEN_ID, label="Open schools only",
                                      value=not state.include_closed), className="filter-open"),
            ], className="filter-grid"),
        ], open=filters_set, className="search-filters"),
    ], role="search", className="school-search", **{"aria-label": "Find a school"})


def _select(select_id: str, label: str, value: str,
            options: Sequence[tuple[str, str]]) -> html.Div:
    return html.Div([dbc.Label(label, html_for=select_id),
                     select(select_id, [Option(key, words) for key, words in options], value)],
                    className="filter")


def results_section(results: FinderResults) -> list[Component | None]:
    children: list[Component | None] = [basket_panel(results.basket)]
    if results.messages:
        children.append(html.Div(dbc.Alert([html.P(m, className="mb-0") for m in
                                            results.messages], color="warning",
                                           className="notice search-message"), role="alert"))
    children.append(html.H2(results.heading, id="school-results-heading",
                            **{"aria-live": "polite"}))
    if results.lead:
        children.append(html.P(results.lead, className="results-lead"))
    if results.cards:
        children.append(html.Ol([result_card(card) for card in results.cards],
                                className="school-results",
                                **{"aria-labelledby": "school-results-heading"}))
    if results.more_href:
        children.append(html.P(dcc.Link(
            f"Show more schools (showing {results.shown} of {results.total})",
            href=results.more_href, className="show-more")))
    children += [suppression_legend(), html.P(results.sources, className="small text-muted "
                                                                         "finder-sources")]
    return children


def basket_panel(basket: Basket) -> html.Section | None:
    """The schools chosen to compare, each removable, and the link to the comparison."""
    count = len(basket.schools)
    if not count:
        return None
    removable = html.Ul([
        html.Li([html.Span(school.name), " ",
                 dcc.Link(["Remove", _hidden(f" {school.name} from the comparison")], href=href,
                          className="basket-remove")])
        for school, href in zip(basket.schools, basket.remove_hrefs, strict=True)
    ], className="basket-list")
    return html.Section([
        html.H2(f"Schools to compare ({count} of {MAX_COMPARE})", className="h5",
                id="basket-heading"),
        removable,
        dcc.Link(f"Compare these {count} schools" if count > 1 else "Compare this school",
                 href=basket.compare_href, className="btn btn-primary compare-link",
                 id="compare-chosen"),
    ], className="compare-basket", **{"aria-labelledby": "basket-heading", "aria-live": "polite"})


def result_card(card: ResultCard) -> html.Li:
    """A school in the list: its name and kind, whether it is closed, the distance from the
    postcode searched, its latest inspection and headline results, and "add to compare"."""
    school = card.summary
    place = ", ".join(p for p in (school.town or school.ward_name, school.postcode) if p)
    meta = [school.phase_text, school.ages and f"ages {school.ages}", school.school_type,
            place, school.district_name and f"{school.district_name} district"]
    children: list[Component] = [
        html.H3(dcc.Link(school.name, href=f"/school/{school.urn}"), className="result-name"),
        html.P(" · ".join(m for m in meta if m), className="result-meta"),
    ]
    if not school.is_open:
        children.append(html.P(_status_words(school), className="result-closed"))
    if card.distance:
        children.append(html.P([html.Strong(card.distance), " away in a straight line"],
                               className="result-distance",
                               **{"data-distance-m": str(card.distance_metres)}))
    children += [result_facts(school), compare_toggle(card)]
    return html.Li(html.Article(children, className="school-result"),
                   **{"data-urn": str(school.urn)})


def result_facts(school: SchoolSummary) -> html.Dl:
    """A school's latest inspection and headline results, in a line each."""
    details: list[Component] = [html.Dt("Latest inspection"),
                                html.Dd(inspection_brief(school.inspection))]
    for measure, figure in school.headlines:
        details += [html.Dt("Key stage 2 results" if measure.measure_id.startswith("ks2")
                            else "GCSE results"),
                    html.Dd([figure_value(figure.text, figure.suppression), " ",
                             measure.phrase, f" ({figure.period}",
                             " - as its predecessor school)" if figure.inherited else ")"],
                            className="result-headline")]
    if not school.headlines:
        details += [html.Dt("Results"), html.Dd("No key stage 2 or GCSE results published in "
                                                "the sources.", className="text-muted")]
    return html.Dl(details, className="result-facts")


def _status_words(school: SchoolSummary) -> str:
    if school.is_open is None:
        return "Whether this school is open is not known from the sources."
    return f"{school.status_text}."


def compare_toggle(card: ResultCard) -> Component:
    name = card.summary.name
    if card.in_compare:
        return dcc.Link(["Remove", _hidden(f" {name}"), " from compare"],
                        href=card.compare_href, className="compare-toggle in-compare")
    if card.compare_full:
        return html.P(f"You can compare up to {MAX_COMPARE} schools: remove one to add this one.",
                      className="compare-toggle small text-muted")
    return dcc.Link(["Add", _hidden(f" {name}"), " to compare"], href=card.compare_href,
                    className="compare-toggle")


def _hidden(text: str) -> html.Span:
    """Words for screen readers only (Dash links take no aria-label)."""
    return html.Span(text, className="visually-hidden")


def inspection_brief(latest: LatestInspection) -> list[Component]:
    """The latest inspection in a line; where it gave no overall grade, its areas or
    judgements in Ofsted's words."""
    children: list[Component] = [html.Span(latest.summary)]
    if latest.category in ("report_card", "no_overall_grade") and latest.latest is not None:
        judgements = judgement_list(latest.latest, compact=True)
        if judgements is not None:
            children.append(judgements)
    return children
