"""School finder (/schools): one search box (name, town or postcode), filters, and a list of
schools with their latest inspection and headline results, each with "add to compare"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import dash_bootstrap_components as dbc
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.school import (
    REPORT_CARD_CAVEAT,
    Inspection,
    LatestInspection,
    SchoolSummary,
)
from dashboard.vocabulary import SUPPRESSION_LEGEND
from layouts import no_data
from layouts.components.text import notices, page_heading, suppression_legend

QUERY_ID = "school-search-text"
SUBMIT_ID = "school-search-submit"
PHASE_ID = "school-search-phase"
OUTCOME_ID = "school-search-outcome"
DISTRICT_ID = "school-search-district"
OPEN_ID = "school-search-open"
RESULTS_ID = "school-search-results"
MAX_COMPARE = 4


@dataclass(frozen=True)
class FinderControls:
    """What the search box and filters show."""

    text: str
    phase: str
    outcome: str
    district: str
    open_only: bool
    phase_options: Sequence[tuple[str, str]]
    outcome_options: Sequence[tuple[str, str]]
    district_options: Sequence[tuple[str, str]]


@dataclass(frozen=True)
class ResultCard:
    summary: SchoolSummary
    distance: str | None  # "1.2 km (0.8 miles)" when searching from a postcode
    distance_metres: int | None
    compare_href: str  # the finder's address with this school added to / removed from the list
    in_compare: bool
    compare_full: bool
    parts: tuple[tuple[Component, ...], Component] | None = None  # see school_parts


@dataclass(frozen=True)
class Basket:
    schools: Sequence[SchoolSummary]
    remove_hrefs: Sequence[str]
    compare_href: str


@dataclass(frozen=True)
class FinderResults:
    heading: str
    lead: str | None
    cards: Sequence[ResultCard]
    basket: Basket
    messages: Sequence[str]
    more_href: str | None  # "show more" link when the list is cut short
    shown: int
    total: int
    sources: str


def layout(controls: FinderControls | None = None, results: FinderResults | None = None,
           messages: Sequence[str] = ()) -> list[Component]:
    """The finder; with no arguments, the note that the data has not been built."""
    if controls is None or results is None:
        return no_data.layout()
    return [
        page_heading("Find a school", "Search by school name, town or postcode. From a "
                     "postcode, schools are listed nearest first with the straight-line "
                     "distance. Choose up to four schools to compare side by side."),
        notices(messages),
        search_form(controls),
        html.Div(results_section(results), id=RESULTS_ID),
    ]


def _options(pairs: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    return [{"label": label, "value": value} for value, label in pairs]


def search_form(controls: FinderControls) -> html.Div:
    filters_set = (controls.phase, controls.outcome, controls.district) != ("any",) * 3 or (
        not controls.open_only)
    return html.Div([
        # The hint sits inside the label: Dash's inputs take no aria-describedby.
        dbc.Label(["School name, town or postcode",
                   html.Span("For example St Austin's, Leek, ST16 2DH or ST16",
                             className="search-hint")],
                  html_for=QUERY_ID, className="search-label"),
        html.Div([
            dcc.Input(id=QUERY_ID, type="search", value=controls.text, debounce=False,
                      autoComplete="off", spellCheck=False, className="form-control search-input"),
            html.Button("Search", id=SUBMIT_ID, n_clicks=0, type="button",
                        className="btn btn-primary search-button"),
        ], className="search-row"),
        html.Details([
            html.Summary("Filter the list"),
            html.Div([
                _select(PHASE_ID, "Phase or type of school", controls.phase,
                        controls.phase_options),
                _select(OUTCOME_ID, "Latest inspection", controls.outcome,
                        controls.outcome_options),
                _select(DISTRICT_ID, "District", controls.district, controls.district_options),
                html.Div(dbc.Checkbox(id=OPEN_ID, label="Open schools only",
                                      value=controls.open_only), className="filter-open"),
            ], className="filter-grid"),
        ], open=filters_set, className="search-filters"),
    ], role="search", className="school-search", **{"aria-label": "Find a school"})


def _select(select_id: str, label: str, value: str,
            options: Sequence[tuple[str, str]]) -> html.Div:
    return html.Div([dbc.Label(label, html_for=select_id),
                     dbc.Select(id=select_id, options=_options(options), value=value)],
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
    school = card.summary
    heading, facts = card.parts or school_parts(school)
    children: list[Component] = list(heading)
    if card.distance:
        children.append(html.P([html.Strong(card.distance), " away in a straight line"],
                               className="result-distance",
                               **{"data-distance-m": str(card.distance_metres)}))
    children += [facts, compare_toggle(card)]
    return html.Li(html.Article(children, className="school-result"),
                   **{"data-urn": str(school.urn)})


def school_parts(school: SchoolSummary) -> tuple[tuple[Component, ...], Component]:
    """The parts of a result that depend only on the school (the finder keeps them per data
    build): its heading lines, and its latest inspection and headline results."""
    place = ", ".join(p for p in (school.town or school.ward_name, school.postcode) if p)
    meta = [school.phase_text, school.ages and f"ages {school.ages}", school.school_type,
            place, school.district_name and f"{school.district_name} district"]
    heading: list[Component] = [
        html.H3(dcc.Link(school.name, href=f"/school/{school.urn}"), className="result-name"),
        html.P(" · ".join(m for m in meta if m), className="result-meta"),
    ]
    if not school.is_open:
        heading.append(html.P(_status_words(school), className="result-closed"))
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
    return tuple(heading), html.Dl(details, className="result-facts")


def _status_words(school: SchoolSummary) -> str:
    if school.is_open is None:
        return "Whether this school is open is not known from the sources."
    return f"{school.status_text}."


def figure_value(text: str, suppression: str | None) -> Component:
    """A figure, or its suppression code explained on hover (never 0)."""
    if text.startswith("["):
        return html.Abbr(text, title=SUPPRESSION_LEGEND.get(suppression or "x", ""),
                         className="value suppressed")
    return html.Strong(text, className="value")


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


def judgement_list(inspection: Inspection, *, compact: bool = False) -> Component | None:
    """Report-card areas, or the sub-judgements of a graded inspection, in Ofsted's words."""
    if inspection.framework == "report_card":
        return report_card_list(inspection, compact=compact)
    if not inspection.details and not inspection.safeguarding:
        return None
    items = [html.Li([f"{label}: ", html.Strong(words)]) for label, words in inspection.details]
    if inspection.safeguarding:
        items.append(html.Li(["Safeguarding: ", html.Strong(inspection.safeguarding)]))
    return html.Ul(items, className="judgements" + (" compact" if compact else ""))


def report_card_list(inspection: Inspection, *, compact: bool = False) -> Component:
    items = [html.Li([html.Span(f"{area}: "), html.Strong(words)])
             for area, words in inspection.details]
    if inspection.safeguarding:
        items.append(html.Li([html.Span("Safeguarding: "), html.Strong(inspection.safeguarding)]))
    listing = html.Ul(items, className="report-card-areas" + (" compact" if compact else ""))
    if compact:
        return html.Div([listing, html.P("Report-card grades are not comparable with the old "
                                         "overall grades.", className="small text-muted mb-0")])
    return html.Div([listing, html.P(REPORT_CARD_CAVEAT, className="report-card-caveat")])
