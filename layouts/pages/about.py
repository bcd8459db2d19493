"""About the data (/about): every source with its publisher, date, licence and where next year's
file is published (from the store's manifest), what each covers and lacks, definitions in plain
English, known limitations, the accessibility statement and how to contact us."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import dash
from dash import html
from dash.development.base_component import Component

from dashboard.config import Area, load_area
from dashboard.settings import params_from_query, read_settings
from dashboard.store import current_manifest
from dashboard.vocabulary import SUPPRESSION_LEGEND
from dashboard.wording import period_label
from layouts import document_title, product_name
from layouts.components.page import PageContent, page_layout
from layouts.components.text import notices, page_heading

dash.register_page(
    __name__, path="/about", name="About the data", nav_label="About the data", order=8,
    title=document_title("About the data"),
    description="Where every figure comes from, how up to date it is, definitions, known "
                "limitations and the accessibility statement.")

OGL_URL = "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/"
WCAG_URL = "https://www.w3.org/TR/WCAG22/"
EASS_URL = "https://www.equalityadvisoryservice.com/"
EHRC_REGULATIONS = ("Public Sector Bodies (Websites and Mobile Applications) (No. 2) "
                    "Accessibility Regulations 2018")
# When the statement was written and the site last tested (update both after each audit).
STATEMENT_PREPARED = "22 November 2026"
LAST_TESTED = "22 November 2026"

SECTIONS = (("sources", "Sources"), ("coverage", "What each source covers and lacks"),
            ("definitions", "Definitions"), ("limitations", "Known limitations"),
            ("accessibility", "Accessibility statement"), ("contact", "Contact us"))

# (term, plain-English meaning), as in the product's design notes (DESIGN.md section 3).
DEFINITIONS: tuple[tuple[str, str], ...] = (
    ("Good or outstanding (legacy grade)",
     "A school's latest inspection that carried an overall effectiveness grade (1 outstanding, "
     "2 good, 3 requires improvement, 4 inadequate), counted on a given date, for open "
     "state-funded schools. Ofsted stopped giving overall grades in September 2024, so beside "
     "this measure we show how many schools' latest inspection has no overall grade."),
    ("Pupils in good or outstanding schools",
     "Pupils on roll in schools whose latest graded inspection was good or outstanding, as a "
     "share of pupils in all graded schools."),
    ("Schools judged inadequate",
     "Schools whose latest graded inspection was inadequate, as a share of graded schools."),
    ("Report cards",
     "Ofsted's inspection reports since November 2025: each area of a school's work is graded "
     "on a five-point scale (from 'exceptional' to 'urgent improvement'). Ofsted says these "
     "are not comparable with the old overall grades, so we never turn them into one."),
    ("Below the key stage 2 floor standard (2016 to 2019 definition)",
     "A mainstream state-funded school with 11 or more pupils at the end of key stage 2, where "
     "fewer than 65% met the expected standard in reading, writing and maths, and the progress "
     "score was below -5 in reading, below -7 in writing or below -5 in maths."),
    ("Expected standard at key stage 2",
     "Pupils at the end of primary school (age 11) who met the expected standard in all of "
     "reading, writing and maths."),
    ("Progress 8 and Attainment 8",
     "Key stage 4 (GCSE, age 16) measures. Attainment 8 is a pupil's average grade across "
     "eight qualifications. Progress 8 compares it with pupils nationally who had similar "
     "results at age 11: 0 is the national average, above 0 is more progress."),
    ("Grade 5 or above in English and maths",
     "Pupils who achieved grade 5 or higher in both English and maths GCSEs."),
    ("Persistently absent",
     "Pupils who missed 10% or more of their possible school sessions."),
    ("Not in education, employment or training (NEET) or not known",
     "16 and 17 year olds who are not in education, employment or training, or whose activity "
     "the council does not know, as a share of all 16 and 17 year olds it tracks."),
    ("School populations",
     "Mainstream (primary, secondary and all-through schools), special schools, pupil "
     "referral units and alternative provision, and nursery schools are different groups. "
     "Every figure says which it covers; we never mix them without saying so."),
    ("Pupil groups",
     "Disadvantaged pupils (eligible for free school meals in the last 6 years, or looked "
     "after), pupils eligible for free school meals (FSM), pupils with special educational "
     "needs with an education, health and care (EHC) plan or on SEN support, boys and girls, "
     "and pupils with English as an additional language (EAL)."),
    ("Statistical neighbours",
     "The 10 councils the Department for Education judges most similar to this one. We compare "
     "with the average of those that have a figure for the same year, and say how many do."),
    ("Official, computed, estimated and published figures",
     "Official figures are published as they are by the Department for Education or Ofsted. "
     "Computed figures are calculated here from complete school-level official data. Estimated "
     "figures are calculated from incomplete data, and say what is missing. Published figures "
     "are quoted from the council's strategy documents."),
    ("Periods",
     "Results are for academic years, written 2023/24 (September 2023 to August 2024). "
     "Inspection figures are 'as at' a date, such as 31 August 2023."),
)

LIMITATIONS: tuple[str, ...] = (
    "Inspection history before 2019 is partial: the history we have covers schools open in "
    "2017/18 and leaves out inspections of schools before they became academies. Figures from "
    "it are marked as estimates.",
    "Floor standards changed and then ended. The 2012 baseline used the floor standard in force "
    "then; the standard was redefined in 2016 and withdrawn after 2019. Charts show the break "
    "rather than joining the two definitions.",
    "Ofsted changed how it reports inspections. Overall effectiveness grades ended in September "
    "2024, and report cards (from November 2025) are not comparable with them. The 'good or "
    "outstanding' measures count only schools whose latest inspection carried an overall grade, "
    "and that grade is getting older for more schools each term.",
    "There were no key stage 2 or key stage 4 results in 2020 and 2021, when assessments and "
    "exams were cancelled (COVID-19). Charts leave a gap for those years.",
    "No England figure exists in the sources for the share of pupils in good or outstanding "
    "schools, so that target is shown without one.",
    "The 2022/23 school results give no cohort sizes, so area figures built from them weight "
    "each school by its pupils on roll and are marked as estimates.",
    "Small numbers are suppressed by the publishers to protect confidentiality. They stay "
    "suppressed in every view and download and are never counted as zero.",
    "Ward boundaries are from 2013; many wards have changed since.",
    "Several files were obtained from public re-hosts of the official data, some with fewer "
    "columns. The values are the publishers'; each source below says what was changed.",
)

# WCAG 2.2 failures we know of: (what fails, the success criterion).
KNOWN_ISSUES: tuple[tuple[str, str], ...] = (
    ("The charts' own toolbar and the values shown when pointing at a chart work with a mouse "
     "or touch only, not a keyboard.", "2.1.1 Keyboard"),
)


@page_layout
def layout(**query: object) -> PageContent:
    """The page; it has no settings of its own (an unknown one gets a short message)."""
    _, messages = read_settings(params_from_query(query), ())
    return content(current_manifest(), load_area(), messages)


def content(manifest: Mapping[str, Any] | None, area: Area,
            messages: Sequence[str] = ()) -> PageContent:
    return [
        page_heading("About the data", "Where every figure on this site comes from, how up to "
                     "date it is, what it means and what it cannot tell you."),
        notices(messages),
        contents(),
        sources_section(manifest),
        coverage_section(manifest),
        definitions_section(),
        limitations_section(),
        accessibility_statement(area),
        contact_section(area),
    ]


def contents() -> html.Nav:
    return html.Nav([
        html.H2("On this page", className="h4", id="contents"),
        html.Ul([html.Li(html.A(title, href=f"#{anchor}")) for anchor, title in SECTIONS],
                className="contents-list"),
    ], className="about-contents", **{"aria-labelledby": "contents"})


def section(anchor: str, children: list[Component]) -> html.Section:
    title = dict(SECTIONS)[anchor]
    return html.Section([html.H2(title, id=anchor), *children], className="about-section",
                        **{"aria-labelledby": anchor})


def external_link(text: str, href: str) -> html.A:
    return html.A(text, href=href, rel="noopener")


def manifest_sources(manifest: Mapping[str, Any] | None) -> list[Mapping[str, Any]]:
    return list(manifest.get("sources", [])) if manifest else []


def data_date(source: Mapping[str, Any]) -> str:
    return period_label(str(source.get("data_date") or "not recorded"))


def sources_section(manifest: Mapping[str, Any] | None) -> html.Section:
    if not manifest:
        return section("sources", [html.P("The data has not been built yet, so there is no "
                                          "list of sources to show.")])
    rows = []
    for s in manifest_sources(manifest):
        url = s.get("official_url")
        rows.append(html.Tr([
            html.Th(s.get("title", s["id"]), scope="row"),
            html.Td(s.get("publisher", ""), **{"data-label": "Publisher"}),
            html.Td(data_date(s), **{"data-label": "Date of the data"}),
            html.Td(s.get("licence", ""), **{"data-label": "Licence"}),
            html.Td(html.A(["Publisher's page", html.Span(f" for {s.get('title', s['id'])}",
                                                          className="visually-hidden")],
                           href=url, rel="noopener") if url else "not recorded",
                    **{"data-label": "Next year's file"}),
        ]))
    built = period_label(str(manifest.get("build_time", ""))[:10])
    return section("sources", [
        html.P(["Every figure comes from official open data published by the Department for "
                "Education, Ofsted, the Office for National Statistics and Ordnance Survey. "
                "Most is Crown copyright, used under the ",
                external_link("Open Government Licence v3.0", OGL_URL),
                "; the table gives each source's own licence and attribution. This copy of the "
                f"data was processed on {built}."]),
        html.Table([
            html.Caption(f"The {len(rows)} sources, the date of their data, their licence and "
                         "where next year's file is published"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in (
                "Source", "Publisher", "Date of the data", "Licence",
                "Where next year's file is published")])),
            html.Tbody(rows),
        ], className="table table-sm sources-table stacked-table"),
    ])


def coverage_section(manifest: Mapping[str, Any] | None) -> html.Section:
    items = []
    for s in manifest_sources(manifest):
        facts = [("Covers", s.get("covers")), ("Lacks", s.get("lacks")),
                 ("How it was re-hosted", s.get("rehost_note")),
                 ("Files", "; ".join(f"{f['path']} ({f.get('rows_read', 0):,} rows read)"
                                     for f in s.get("files", [])))]
        items.append(html.Details([
            html.Summary(f"{s.get('title', s['id'])} ({data_date(s)})"),
            html.Dl([part for name, text in facts if text
                     for part in (html.Dt(name), html.Dd(text))], className="source-facts"),
        ], className="source-details"))
    intro = html.P("Open a source to see what it covers, what it lacks and how the file we "
                   "read was made.")
    return section("coverage", [intro, *items] if items else [
        html.P("The data has not been built yet.")])


def definitions_section() -> html.Section:
    codes = [part for code, meaning in SUPPRESSION_LEGEND.items()
             for part in (html.Dt(f"[{code}]"), html.Dd(meaning))]
    return section("definitions", [
        html.Dl([part for term, meaning in DEFINITIONS
                 for part in (html.Dt(term), html.Dd(meaning))], className="definitions"),
        html.H3("Codes shown instead of a number", id="codes"),
        html.P("Where a publisher withheld or did not publish a figure, we show its code. A "
               "code is never counted as zero."),
        html.Dl(codes, className="legend-list"),
    ])


def limitations_section() -> html.Section:
    return section("limitations", [html.Ul([html.Li(text) for text in LIMITATIONS])])


def contact_details(area: Area) -> dict[str, str]:
    """The [contact] table of the area file (organisation, team, email, phone, url)."""
    found = area.extra.get("contact", {})
    return {k: str(v) for k, v in found.items()} if isinstance(found, dict) else {}


def organisation(area: Area) -> str:
    return contact_details(area).get("organisation") or f"{area.name}'s council"


def contact_lines(area: Area) -> list[Component]:
    details = contact_details(area)
    lines: list[Component] = []
    if details.get("team"):
        lines.append(html.Li(details["team"]))
    if details.get("email"):
        lines.append(html.Li(["Email: ", html.A(details["email"],
                                                href=f"mailto:{details['email']}")]))
    if details.get("phone"):
        lines.append(html.Li(f"Phone: {details['phone']}"))
    if details.get("url"):
        lines.append(html.Li(["Online: ", external_link(details["url"], details["url"])]))
    if not lines:
        return [html.P(f"Contact {organisation(area)} through its website, and ask for the "
                       "team that publishes this dashboard.")]
    return [html.Ul(lines, className="contact-list")]


def accessibility_statement(area: Area) -> html.Section:
    product, org = product_name(), organisation(area)

    def sub(title: str, anchor: str, *children: Component) -> html.Div:
        return html.Div([html.H3(title, id=anchor), *children])

    return section("accessibility", [
        html.P(f"This accessibility statement applies to {product}. This website is run by "
               f"{org}. We want as many people as possible to be able to use it. For "
               "example, that means you should be able to:"),
        html.Ul([html.Li(text) for text in (
            "change colours, contrast levels and fonts using your browser or device settings",
            "zoom in up to 400% without the text spilling off the screen",
            "reach and use every link, button and setting with a keyboard alone",
            "use it with a screen reader: every chart has a title stating its finding, a "
            "one-sentence summary and its data as a table",
            "download the data behind every chart as a spreadsheet (CSV)",
        )]),
        html.P("We have also made the text as simple as possible to understand."),
        sub("How accessible this website is", "a11y-how",
            html.P("We know some parts of this website are not fully accessible:"),
            html.Ul([html.Li(what) for what, _ in KNOWN_ISSUES])),
        sub("Feedback and contact information", "a11y-feedback",
            html.P("If you need information on this website in a different format, such as "
                   "accessible PDF, large print, easy read or audio, contact us:"),
            *contact_lines(area),
            html.P("We'll consider your request and get back to you within 10 working days.")),
        sub("Reporting accessibility problems with this website", "a11y-reporting",
            html.P("We're always looking to improve the accessibility of this website. If you "
                   "find any problems not listed on this page or think we're not meeting "
                   "accessibility requirements, contact us using the details above.")),
        sub("Enforcement procedure", "a11y-enforcement",
            html.P(["The Equality and Human Rights Commission (EHRC) is responsible for "
                    f"enforcing the {EHRC_REGULATIONS} (the 'accessibility regulations'). If "
                    "you're not happy with how we respond to your complaint, contact the ",
                    external_link("Equality Advisory and Support Service (EASS)", EASS_URL),
                    "."])),
        sub("Technical information about this website's accessibility", "a11y-technical",
            html.P(f"{org} is committed to making its website accessible, in accordance with "
                   f"the {EHRC_REGULATIONS}.")),
        sub("Compliance status", "a11y-compliance",
            html.P(["This website is partially compliant with the ",
                    external_link("Web Content Accessibility Guidelines version 2.2",
                                  WCAG_URL),
                    " AA standard, due to the non-compliances listed below."])),
        sub("Non-accessible content", "a11y-non-accessible",
            html.P("The content listed below is non-accessible for the following reasons."),
            html.H4("Non-compliance with the accessibility regulations",
                    className="about-subheading"),
            html.Ul([html.Li(f"{what} This fails WCAG 2.2 success criterion {criterion}. "
                             "Each chart's summary, data table and CSV download give the "
                             "same information.")
                     for what, criterion in KNOWN_ISSUES]),
            html.H4("Disproportionate burden", className="about-subheading"),
            html.P("We are not claiming that any fix would be a disproportionate burden."),
            html.H4("Content that's not within the scope of the accessibility regulations",
                    className="about-subheading"),
            html.P("None.")),
        sub("What we're doing to improve accessibility", "a11y-improving",
            html.P("Every page is checked automatically with axe-core for accessibility "
                   "failures before each release, and the Overview is checked using a "
                   "keyboard alone. We are working on making the charts' toolbar and point "
                   "values reachable with a keyboard.")),
        sub("Preparation of this accessibility statement", "a11y-preparation",
            html.P(f"This statement was prepared on {STATEMENT_PREPARED}. This website was "
                   f"last tested on {LAST_TESTED}, by the team that builds it, using automated "
                   "checks (axe-core) on every page and manual checks with a keyboard, at "
                   "desktop and phone screen sizes.")),
    ])


def contact_section(area: Area) -> html.Section:
    return section("contact", [
        html.P("For questions about the figures, to report a mistake, or to ask for the data "
               "in another format:"),
        *contact_lines(area),
    ])
