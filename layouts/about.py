"""About the data (/about): the sources and their dates from the store's manifest; the full page
(definitions, limitations, accessibility statement, contact) is built by a later issue."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from dash import html
from dash.development.base_component import Component

from dashboard.figures import period_label
from layouts.components import coming_soon


def layout(manifest: Mapping[str, Any] | None) -> list[Component]:
    page = coming_soon("About the data", "Where every figure comes from and how up to date it "
                       "is.", [
                           "each source in full: publisher, licence, coverage and what it lacks",
                           "definitions of every measure, and the known limitations",
                           "the accessibility statement and how to contact us",
                       ])
    if manifest:
        page.append(sources_table(manifest))
    return page


def sources_table(manifest: Mapping[str, Any]) -> html.Section:
    rows = [html.Tr([html.Th(s.get("title", s["id"]), scope="row"),
                     html.Td(s.get("publisher", "")),
                     html.Td(period_label(str(s.get("data_date", "")))),
                     html.Td(s.get("licence", ""))])
            for s in manifest.get("sources", [])]
    return html.Section([
        html.H2("Sources in this build", id="sources"),
        html.P(f"Processed {period_label(str(manifest.get('build_time', ''))[:10])}."),
        html.Table([
            html.Caption("Each source file and the date of its data"),
            html.Thead(html.Tr([html.Th(c, scope="col") for c in
                                ("Source", "Publisher", "Data as at", "Licence")])),
            html.Tbody(rows),
        ], className="table table-sm"),
    ], **{"aria-labelledby": "sources"})
