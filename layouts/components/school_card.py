"""Pieces of a school's record that the finder, the profile and compare all show: a school
figure with its suppression code explained, and an inspection's areas or judgements in
Ofsted's own words."""

from __future__ import annotations

from dash import html
from dash.development.base_component import Component

from dashboard.analysis.school_inspections import REPORT_CARD_CAVEAT, Inspection
from dashboard.vocabulary import SUPPRESSION_LEGEND


def figure_value(text: str, suppression: str | None) -> Component:
    """A figure, or its suppression code explained on hover (never 0)."""
    if text.startswith("["):
        return html.Abbr(text, title=SUPPRESSION_LEGEND.get(suppression or "x", ""),
                         className="value suppressed")
    return html.Strong(text, className="value")


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
