"""School profile (/school/<urn>): what the school is and where, its inspections over time
(across academy conversion), results against the county and England, and its pupils."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import dash
from dash import dcc, html
from dash.development.base_component import Component

from dashboard.analysis.cells import date_words
from dashboard.analysis.school import (
    KeyStageResults,
    MeasureHistory,
    ProfileModel,
    TimelineEntry,
    profile,
    settings,
)
from dashboard.analysis.school_index import find_school
from dashboard.analysis.school_measures import KEY_STAGES, figure_text
from dashboard.analysis.school_summary import SchoolSummary
from dashboard.charts import Chart
from dashboard.charts.school import results_charts, school_map
from dashboard.settings import params_from_query, read_settings
from dashboard.store import StoreMissing, current_store
from dashboard.store.readings import Reading
from dashboard.wording import format_number
from layouts import document_title
from layouts.components.charts import chart_block
from layouts.components.page import PageContent, not_found, page_layout
from layouts.components.school_card import figure_value, judgement_list
from layouts.components.text import notices, page_heading, suppression_legend

NOT_FOUND = "School not found"


def school_exists(urn: str | None = None) -> bool:
    """Whether /school/<urn> is a school in the store (else the server answers 404)."""
    try:
        return find_school(current_store(), urn) is not None
    except StoreMissing:
        return False


def title(urn: str | None = None) -> str:
    """The browser tab title: the school's name."""
    try:
        school = find_school(current_store(), urn)
    except StoreMissing:
        school = None
    return document_title(school.name if school else NOT_FOUND)


dash.register_page(
    __name__, path_template="/school/<urn>", name="School profile", order=20, title=title,
    item_exists=school_exists,
    description="A school's inspections over time, its results against the county and "
                "England, and its pupils.")


@page_layout
def layout(urn: str | None = None, **query: object) -> PageContent:
    """The profile of the school the address names; the not-found page for any other URN."""
    store = current_store()
    model = profile(store, urn or "")
    if model is None:
        return not_found(NOT_FOUND, "school", f"/school/{urn or ''}")
    _, messages = read_settings(params_from_query(query), settings())
    school = model.summary
    lead = " · ".join(p for p in (school.phase_text, school.school_type,
                                  school.ages and f"ages {school.ages}") if p)
    return [
        page_heading(school.name, lead),
        notices(messages),
        status_banner(model),
        html.P([dcc.Link("Find another school", href="/schools"), " · ",
                dcc.Link("Add to a comparison", href=f"/schools?compare={school.urn}")],
               className="profile-links"),
        about_section(model, school_map(store, urn or "")),
        inspections_section(model),
        results_section(model, results_charts(store, urn or "")),
        pupils_section(model),
        sources_section(model),
    ]


def _school_link(school: SchoolSummary) -> Component:
    return dcc.Link(f"{school.name} (URN {school.urn})", href=f"/school/{school.urn}")


def status_banner(model: ProfileModel) -> Component | None:
    school = model.summary
    parts: list[Component] = []
    if school.is_open is False:
        closed = f" (it closed on {date_words(school.closed)})" if school.closed else ""
        parts.append(html.P(html.Strong(f"This school is closed{closed}."), className="mb-1"))
        if model.successors:
            parts.append(html.P(["It was replaced by ",
                                 *_joined([_school_link(s) for s in model.successors]),
                                 ". Go there for its current inspection and results."],
                                className="mb-0"))
    elif school.is_open is None:
        parts.append(html.P("The sources do not say whether this school is still open.",
                            className="mb-0"))
    if model.other_council:
        parts.append(html.P(model.other_council, className="mb-0"))
    if not parts:
        return None
    return html.Div(parts, className="school-closed-banner", role="status")


def _joined(items: list[Component]) -> list[Component | str]:
    joined: list[Component | str] = []
    for i, item in enumerate(items):
        if i:
            joined.append(" and " if i == len(items) - 1 else ", ")
        joined.append(item)
    return joined


def about_section(model: ProfileModel, map_image: str | None) -> html.Section:
    """What and where the school is: its facts, earlier URNs, and the locator map."""
    school = model.summary
    facts: list[tuple[str, Component | str | None]] = [
        ("Address", school.address or None),
        ("Phase", school.phase_text),
        ("Type", school.school_type),
        ("Ages", school.ages),
        ("Pupils", f"{school.pupils:,} (latest count in the sources)"
         if school.pupils is not None else None),
        ("District", dcc.Link(school.district_name, href=f"/district/{school.district_code}")
         if school.district_code and school.district_name else None),
        ("Ward", school.ward_name),
        ("Opened", date_words(school.opened) if school.opened else None),
        ("Status", school.status_text),
        ("URN", str(school.urn)),
    ]
    if model.predecessors:
        facts.append(("Earlier URNs", html.Span(_joined([_school_link(s)
                                                         for s in model.predecessors]))))
    rows = [item for label, text in facts if text
            for item in (html.Dt(label), html.Dd(text))]
    children: list[Component] = [html.Dl(rows, className="fact-list")]
    if map_image:
        where = ", ".join(p for p in (school.ward_name and f"{school.ward_name} ward",
                                      school.district_name and f"{school.district_name} district")
                          if p)
        children.append(html.Figure([
            html.Img(src=map_image, alt=f"Map of {model.area_name}'s districts with "
                     f"{school.name} marked{f' in {where}' if where else ''}."),
            html.Figcaption(f"Where the school is{f': {where}' if where else ''}. The ring marks "
                            "the school; its district is shaded."),
        ], className="school-map"))
    return html.Section([html.H2("About the school", id="about-heading"),
                         html.Div(children, className="school-facts")],
                        **{"aria-labelledby": "about-heading"})


def inspections_section(model: ProfileModel) -> html.Section:
    school = model.summary
    latest = school.inspection
    box: list[Component] = [html.H3("Latest inspection", className="h4")]
    if latest.latest is None:
        box.append(html.P(latest.summary, className="latest-outcome"))
    else:
        shown = latest.latest
        box.append(html.P([f"{shown.kind}, {date_words(shown.day)}: ", shown.outcome],
                          className="latest-outcome"))
        if latest.latest_inherited:
            box.append(html.P(f"This inspection was of the school under its previous URN "
                              f"({shown.school_name}, URN {shown.urn}). Ofsted shows it until "
                              "the school is inspected again.", className="small"))
        judgements = judgement_list(shown)
        if judgements is not None:
            box.append(judgements)
        if latest.category in ("no_overall_grade", "report_card") and latest.graded:
            graded = latest.graded
            box.append(html.P(f"Its last overall grade was {graded.overall} "
                              f"({date_words(graded.day)}). "
                              + ("That grade is from the old system and is not comparable with "
                                 "the report card." if latest.category == "report_card" else ""),
                              className="small"))
        elif latest.graded is not None and latest.graded != shown:
            graded = latest.graded
            box.append(html.P(f"Last graded inspection: {graded.overall}, "
                              f"{date_words(graded.day)}"
                              f"{' (under its previous URN)' if latest.graded_inherited else ''}.",
                              className="small"))
    history = [timeline_item(entry) for entry in model.timeline]
    return html.Section([
        html.H2("Inspections", id="inspections-heading"),
        html.Div(box, className="latest-inspection"),
        html.H3("Inspection history", className="h4", id="timeline-heading"),
        html.P("Newest first. Inspections of the school under an earlier URN (for example "
               "before it became an academy) are included and marked.", className="small"),
        html.Ol(history, className="timeline", id="inspection-timeline",
                **{"aria-labelledby": "timeline-heading"}) if history else
        html.P("No inspections of this school are in the sources.", className="small"),
        html.P("Inspections before 2016 come from a third-party copy of Ofsted's report pages "
               "and may be incomplete, and not every monitoring visit is listed. Ofsted's own "
               "site has every report.", className="inspection-caveat"),
    ], **{"aria-labelledby": "inspections-heading"})


def timeline_item(entry: TimelineEntry) -> html.Li:
    if entry.conversion is not None:
        return html.Li([html.Span(date_words(entry.day) if entry.day else "Date not recorded",
                                  className="timeline-date"),
                        html.Span("URN change: ", className="visually-hidden"),
                        html.Span(entry.conversion.text, className="conversion-text")],
                       className="conversion", **{"data-kind": "conversion"})
    inspection = entry.inspection
    assert inspection is not None
    children: list[Component] = [
        html.Span(date_words(inspection.day), className="timeline-date"),
        html.Span(inspection.kind, className="timeline-kind"),
        html.P(inspection.outcome, className="mb-1"),
    ]
    if entry.other_urn:
        children.append(html.P(f"As {inspection.school_name} (URN {inspection.urn}).",
                               className="small mb-1"))
    judgements = judgement_list(inspection)
    if judgements is not None:
        children.append(html.Details([html.Summary("Judgements"), judgements],
                                     className="small"))
    return html.Li(children, className="inspection", **{"data-kind": inspection.framework,
                                                        "data-urn": str(inspection.urn)})


def results_section(model: ProfileModel, charts: Mapping[str, Chart]) -> html.Section:
    """Each key stage: its headline chart, the latest year against the county and England,
    and every year measure by measure."""
    children: list[Component] = [html.H2("Results", id="results-heading")]
    if not model.results:
        children.append(html.P("No key stage 2 or GCSE results are published for this school in "
                               "the sources (nursery, infant and first schools, for example, "
                               "have none)."))
    for stage in model.results:
        children.append(html.H3(KEY_STAGES[stage.key_stage][0], className="h4"))
        if stage.key_stage in charts:
            children.append(chart_block(charts[stage.key_stage], heading="h4"))
        children.append(latest_results_table(stage, model))
        children.append(html.Details(
            [html.Summary("Every year, measure by measure")]
            + [measure_block(history, model.summary.name) for history in stage.histories],
            className="all-years"))
    if model.results:
        children += [
            html.P("There were no national tests in 2019/20 and 2020/21 (COVID-19); school "
                   "results for 2021/22 and 2023/24 are not in the sources. The county and "
                   "England figures cover all state-funded schools.", className="small"),
            suppression_legend(),
        ]
    return html.Section(children, **{"aria-labelledby": "results-heading"})


def _comparator(reading: Reading | None) -> Component | str:
    if reading is None:
        return "no figure"
    return figure_value(figure_text(reading.value, reading.suppression, reading.unit,
                                    reading.measure_id), reading.suppression)


def _area_names(histories: Sequence[MeasureHistory], fallback: str) -> tuple[str, str]:
    """The county's and England's names as the measures table gives them."""
    county = next((p.county.area_name for h in histories for p in h.points if p.county),
                  fallback)
    england = next((p.england.area_name for h in histories for p in h.points if p.england),
                   "England")
    return county, england


def latest_results_table(stage: KeyStageResults, model: ProfileModel) -> html.Table:
    """Each measure's latest year: the school, the county and England, with what it means."""
    county, england = _area_names(stage.histories, model.area_name)
    rows = []
    for history in stage.histories:
        measure, point = history.measure, history.points[-1]
        label: list[Component | str] = [measure.label, f" ({point.period})",
                                        html.Span(measure.explanation, className="measure-help")]
        cells = [figure_value(figure_text(point.value, point.suppression, measure.unit,
                                          measure.measure_id), point.suppression),
                 _comparator(point.county), _comparator(point.england)]
        rows.append(html.Tr([html.Th(label, scope="row")]
                            + [html.Td(cell, **{"data-label": name}) for name, cell in
                               zip(("This school", county, england), cells, strict=True)],
                            **{"data-measure": measure.measure_id, "data-period": point.period}))
    return html.Table([
        html.Caption(f"Latest results: {model.summary.name}, {county} and {england}"),
        html.Thead(html.Tr([html.Th(c, scope="col") for c in
                            ("Measure (year)", "This school", county, england)])),
        html.Tbody(rows),
    ], className="table table-sm latest-results stacked-table")


def measure_block(history: MeasureHistory, school_name: str) -> html.Div:
    measure = history.measure
    county, england = _area_names([history], "Staffordshire")
    rows = []
    for point in reversed(history.points):
        year: list[Component | str] = [point.period]
        if point.school_name != school_name:
            year.append(html.Span(f"as {point.school_name} (URN {point.urn})",
                                  className="earlier-years"))
        cells = [figure_value(figure_text(point.value, point.suppression, measure.unit,
                                          measure.measure_id), point.suppression),
                 _comparator(point.county), _comparator(point.england)]
        rows.append(html.Tr([html.Th(year, scope="row")] + [html.Td(cell) for cell in cells],
                            **{"data-period": point.period}))
    return html.Div([
        html.H4(measure.label),
        html.Table([
            html.Caption(f"{measure.label}: {school_name}, {county} and {england}, by year",
                         className="visually-hidden"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in
                                ("Year", "This school", county, england)])),
            html.Tbody(rows),
        ], className="table table-sm results-table", **{"data-measure": measure.measure_id}),
    ], className="measure-block")


def pupils_section(model: ProfileModel) -> html.Section | None:
    if not model.context:
        return None
    rows = []
    for row in model.context:
        school = row.school
        earlier = "; ".join(f"{period}: {format_number(value, row.measure.unit)}"
                            for period, value in row.earlier)
        label = [row.measure.label, html.Span(row.measure.explanation, className="measure-help")]
        cells: list[Component | str] = [
            html.Span([html.Strong(school.text), f" ({school.period})",
                       html.Span(f"Earlier: {earlier}", className="earlier-years")
                       if earlier else None]),
            _comparator(row.county) if row.measure.measure_id else "no figure",
            _comparator(row.england) if row.measure.measure_id else "no figure",
        ]
        rows.append(html.Tr([html.Th(label, scope="row")]
                            + [html.Td(cell, **{"data-label": name}) for name, cell in
                               zip(("This school", model.area_name, "England"), cells,
                                   strict=True)]))
    populations = sorted({row.population for row in model.context if row.measure.measure_id})
    return html.Section([
        html.H2("Pupils", id="pupils-heading"),
        html.P("Who the school's pupils are, from the school census, and absence, against the "
               "county and England for the same year"
               + (f" ({', '.join(p if p != 'all' else 'all state-funded' for p in populations)}"
                  " schools)" if populations else "") + ".", className="small"),
        html.Table([
            html.Caption(f"Pupils at {model.summary.name}", className="visually-hidden"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in
                                ("Measure", "This school", model.area_name, "England")])),
            html.Tbody(rows),
        ], className="table table-sm context-table stacked-table"),
    ], **{"aria-labelledby": "pupils-heading"})


def sources_section(model: ProfileModel) -> html.Section:
    return html.Section([
        html.H2("Where these figures come from", id="sources-heading", className="h4"),
        html.P("Official figures from the Department for Education, Ofsted, the Office for "
               "National Statistics and Ordnance Survey. Each source and the date of its data:",
               className="small"),
        html.Details([html.Summary(f"{len(model.sources)} sources"),
                      html.Ul([html.Li(text) for text in model.sources],
                              className="profile-sources")], className="source-details"),
        html.P(["Definitions, coverage and known gaps: ", dcc.Link("About the data",
                                                                   href="/about"), "."],
               className="small"),
    ], **{"aria-labelledby": "sources-heading"})
