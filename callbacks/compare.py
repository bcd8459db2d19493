"""Compare (/compare?urn=A&urn=B&postcode=ST16 2DH): up to four schools side by side.

More than four URNs keep the first four, with a message; unknown URNs are named in a message;
`postcode` (optional) adds the straight-line distance to each school.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from urllib.parse import urlencode

from dash import Dash, Input, Output, State
from dash.development.base_component import Component
from dash.exceptions import PreventUpdate

from callbacks.data import current_store
from callbacks.params import Params, parse_query, unknown_settings
from callbacks.schools import current_index, read_compare_list, sources_line
from dashboard.analysis.school import CONTEXT_MEASURES, KEY_STAGES, SchoolFigure, SchoolSummary
from dashboard.analysis.schools import Location, SchoolIndex, distance_text, distances_from
from dashboard.store import Store
from layouts import compare as page
from layouts.schools import MAX_COMPARE
from layouts.shell import URL_ID

PATH = "/compare"
SETTINGS = ("urn", "postcode")


def compare_query(urns: Sequence[int], postcode: str = "") -> str:
    pairs = [("urn", str(u)) for u in urns] + ([("postcode", postcode)] if postcode else [])
    return f"?{urlencode(pairs)}" if pairs else ""


def read_postcode(params: Params, index: SchoolIndex) -> tuple[str, Location | None, list[str]]:
    """The postcode asked for, where it is, and a message when it cannot be placed."""
    text = (params.get("postcode") or [""])[-1].strip()[:20]
    if not text:
        return "", None, []
    location, message = index.gazetteer.find(text)
    if location is None:
        return text, None, [message or f"'{text}' is not a valid postcode, so no distances are "
                                       "shown. A full postcode looks like ST16 2DH."]
    return location.label, location, []


def figure_cell(figure: SchoolFigure | None, note_inherited: bool = True) -> page.Cell:
    if figure is None:
        return page.Cell("no figure")
    note = "as its predecessor school" if figure.inherited and note_inherited else None
    return page.Cell(figure.text, suppression=figure.suppression, period=figure.period,
                     note=note)


def marked(cells: list[page.Cell], figures: Sequence[SchoolFigure | None],
           higher_is_better: bool) -> list[page.Cell]:
    """Mark the best figure where at least two schools have one, all for the same year."""
    present = [f for f in figures if f is not None and f.value is not None]
    if len(present) < 2 or len({f.period for f in present}) > 1:
        return cells
    values = [f.value for f in present]
    best = max(values) if higher_is_better else min(values)
    if best == (min(values) if higher_is_better else max(values)):
        return cells  # all the same: nothing stands out
    label = "Highest of these" if higher_is_better else "Lowest of these"
    return [replace(cell, mark=label) if figure is not None and figure.value == best else cell
            for cell, figure in zip(cells, figures, strict=True)]


def school_rows(schools: Sequence[SchoolSummary],
                distances: dict[int, float] | None) -> page.Section:
    rows = [
        page.Row("phase", "Phase", None, [page.Cell(s.phase_text) for s in schools]),
        page.Row("type", "Type", None, [page.Cell(s.school_type or "not recorded")
                                        for s in schools]),
        page.Row("ages", "Ages", None, [page.Cell(s.ages or "not recorded") for s in schools]),
        page.Row("district", "District", None, [page.Cell(s.district_name or "not known")
                                                for s in schools]),
        page.Row("status", "Open or closed", None, [page.Cell(s.status_text) for s in schools]),
    ]
    if distances is not None:
        cells = [page.Cell(distance_text(distances[s.urn]) if s.urn in distances
                           else "not known") for s in schools]
        known = [distances[s.urn] for s in schools if s.urn in distances]
        if len(known) > 1 and min(known) != max(known):
            cells = [replace(c, mark="Nearest") if distances.get(s.urn) == min(known) else c
                     for c, s in zip(cells, schools, strict=True)]
        rows.append(page.Row("distance", "Distance", "Straight line, not the route", cells))
    return page.Section("The school", rows)


def inspection_rows(schools: Sequence[SchoolSummary]) -> page.Section:
    cells = []
    for school in schools:
        latest = school.inspection
        ungraded = latest.category in ("report_card", "no_overall_grade")
        cells.append(page.Cell(latest.summary, judgements=latest.latest if ungraded else None))
    return page.Section("Inspection", [page.Row("inspection", "Latest inspection",
                                                "Ofsted's words; report cards are not "
                                                "comparable with the old grades", cells)])


def results_rows(schools: Sequence[SchoolSummary]) -> list[page.Section]:
    sections = []
    for title, measures in KEY_STAGES.values():
        rows = []
        for measure in measures:
            figures = [s.results.get(measure.measure_id) for s in schools]
            if not any(figures):
                continue
            cells = marked([figure_cell(f) for f in figures], figures, measure.higher_is_better)
            rows.append(page.Row(measure.measure_id, measure.label, None, cells))
        if rows:
            sections.append(page.Section(title, rows))
    return sections


def context_section(schools: Sequence[SchoolSummary]) -> page.Section | None:
    rows = []
    for measure in CONTEXT_MEASURES:
        figures = [s.context.get(measure.field) for s in schools]
        if any(figures):
            rows.append(page.Row(measure.field, measure.label, None,
                                 [figure_cell(f) for f in figures]))
    return page.Section("Pupils", rows) if rows else None


def compare_model(index: SchoolIndex, params: Params, store: Store) -> page.CompareModel:
    urns, messages = read_compare_list(params.get("urn", []), index.summaries)
    postcode, location, found = read_postcode(params, index)
    messages += found + unknown_settings(params, SETTINGS)
    schools = [index.summaries[u] for u in urns]
    distances = distances_from(schools, location) if location else None
    context = context_section(schools)
    sections = [school_rows(schools, distances), inspection_rows(schools),
                *results_rows(schools), *([context] if context else [])]
    add = ("/schools?" + urlencode([("compare", u) for u in urns])
           + (f"&{urlencode({'q': postcode})}" if location else "")
           if len(urns) < MAX_COMPARE else None)
    return page.CompareModel(
        schools=schools,
        remove_hrefs=[PATH + compare_query([u for u in urns if u != urn], postcode)
                      for urn in urns],
        sections=sections, add_href=add, postcode=postcode, messages=messages,
        sources=sources_line(store))


def render(params: Params) -> tuple[list[Component], str]:
    store = current_store()
    model = compare_model(current_index(store), params, store)
    title = ("Compare " + " and ".join(s.name for s in model.schools[:2])
             + (" and others" if len(model.schools) > 2 else "")) if model.schools else (
        "Compare schools")
    return page.layout(model), title


def show_comparison(search: str | None, pathname: str | None) -> list[Component]:
    """Redraw the comparison when the address changes on the page (a column removed, a
    postcode given, back and forward)."""
    if (pathname or "").rstrip("/") != PATH:
        raise PreventUpdate
    store = current_store()
    return page.body(compare_model(current_index(store), parse_query(search), store))


def with_postcode(_clicks: int | None, _submits: int | None, postcode: str | None,
                  search: str | None) -> str:
    """The address with the typed postcode (the schools kept)."""
    params = parse_query(search)
    urns = [int(u) for u in params.get("urn", []) if u.strip().isdigit()]
    return compare_query(urns, (postcode or "").strip()[:20])


def register(app: Dash) -> None:
    app.callback(
        Output(page.BODY_ID, "children"),
        Input(URL_ID, "search"),
        State(URL_ID, "pathname"),
        prevent_initial_call=True,
    )(show_comparison)
    app.callback(
        Output(URL_ID, "search", allow_duplicate=True),
        Input(page.POSTCODE_BUTTON_ID, "n_clicks"),
        Input(page.POSTCODE_ID, "n_submit"),
        State(page.POSTCODE_ID, "value"),
        State(URL_ID, "search"),
        prevent_initial_call=True,
    )(with_postcode)


ROUTES = {PATH: render}
