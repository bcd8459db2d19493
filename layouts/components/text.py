"""Text pieces every page uses: the page heading, notices, status tags, values with their
suppression codes, and the legend of those codes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import dash_bootstrap_components as dbc
from dash import html
from dash.development.base_component import Component

from dashboard.store.readings import Reading
from dashboard.vocabulary import SUPPRESSION_LEGEND
from dashboard.wording import STATUS_WORDS, format_reading

STATUS_SYMBOLS = {"met": "✓", "on track": "↗", "off track": "✗",
                  "measure discontinued": "■", "no data": "–"}


def page_heading(title: str, lead: str | None = None) -> html.Div:
    children: list[Component] = [html.H1(title, className="page-title", tabIndex="-1")]
    if lead:
        children.append(html.P(lead, className="lead"))
    return html.Div(children, className="page-heading")


def notices(messages: Sequence[str]) -> html.Div | None:
    """Short messages, e.g. about a query parameter that was not understood."""
    if not messages:
        return None
    return html.Div(dbc.Alert([html.P(m, className="mb-0") for m in messages], color="info",
                              className="notice"), role="status")


def status_tag(status: str) -> html.Strong:
    slug = status.replace(" ", "-")
    return html.Strong([html.Span(STATUS_SYMBOLS.get(status, ""), **{"aria-hidden": "true"}),
                        " ", STATUS_WORDS.get(status, status)],
                       className=f"status-tag status-{slug}")


def value(reading: Reading | None, *, class_name: str = "value") -> html.Span:
    """A figure as shown, tagged with the measures-table row it comes from.

    A missing value shows its code, "[c]", explained on hover and in the legend; never 0.
    """
    if reading is None:
        return html.Span("no data", className=f"{class_name} no-data")
    text: Any = format_reading(reading)
    if reading.value is None:
        text = html.Abbr(text, title=SUPPRESSION_LEGEND.get(reading.suppression or "x", ""))
    return html.Span(text, className=class_name, **{
        "data-measure": reading.measure_id, "data-area": reading.area_code,
        "data-population": reading.population, "data-pupil-group": reading.pupil_group,
        "data-period": reading.period, "data-status": reading.status,
    })


def suppression_legend() -> html.Details:
    return html.Details([
        html.Summary("What do [c], [x] and other codes mean?"),
        html.Dl([item for code, meaning in SUPPRESSION_LEGEND.items()
                 for item in (html.Dt(f"[{code}]"), html.Dd(meaning))],
                className="legend-list"),
        html.P("A code is shown instead of a number where the publisher withheld or did not "
               "publish the figure. It is never counted as zero.", className="small"),
    ], className="suppression-legend")


