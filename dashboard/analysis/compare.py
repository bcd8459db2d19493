"""Compare's questions (/compare): up to four schools side by side, the same rows for each,
the best of each comparable row marked in words, and the straight-line distance from a
postcode. No Dash here.

Settings (in the address): `urn` (repeated: the schools, up to four; more keep the first four
with a message, unknown ones are named in a message) and `postcode` (optional), e.g.
`/compare?urn=A&urn=B&postcode=ST16 2DH`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from urllib.parse import urlencode

from dashboard.analysis.postcodes import Location, distance_text, distances_from
from dashboard.analysis.school_index import (
    MAX_COMPARE,
    SchoolIndex,
    read_compare_list,
    school_index,
    summary_sources,
)
from dashboard.analysis.school_inspections import Inspection
from dashboard.analysis.school_measures import CONTEXT_MEASURES, KEY_STAGES
from dashboard.analysis.school_summary import SchoolFigure, SchoolSummary
from dashboard.settings import Params, Setting, read_settings
from dashboard.store import Store

PATH = "/compare"
URN, POSTCODE = "urn", "postcode"
MAX_POSTCODE_LENGTH = 20


def settings() -> tuple[Setting, ...]:
    # `urn` is repeated: read_compare_list reads it.
    return (Setting(URN, ""), Setting(POSTCODE, ""))


@dataclass(frozen=True)
class Cell:
    text: str  # as shown; a suppressed figure is its code, "[c]"
    suppression: str | None = None
    period: str | None = None
    note: str | None = None  # e.g. "as its predecessor school"
    mark: str | None = None  # "Highest of these", "Nearest"
    judgements: Inspection | None = None  # areas or judgements to list under the text


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    help: str | None
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class Section:
    title: str
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class CompareModel:
    schools: tuple[SchoolSummary, ...]
    remove_hrefs: tuple[str, ...]
    sections: tuple[Section, ...]
    add_href: str | None  # back to the finder to add another school
    postcode: str
    messages: tuple[str, ...]
    sources: str


def compare_query(urns: Sequence[int | str], postcode: str = "") -> str:
    pairs = [(URN, str(u)) for u in urns] + ([(POSTCODE, postcode)] if postcode else [])
    return f"?{urlencode(pairs)}" if pairs else ""


def kept_urns(values: Sequence[str]) -> list[str]:
    """The URNs of an address that can be URNs, as written, for the next address (those that
    name no school are named in a message again there)."""
    return [value.strip() for value in values if value.strip().isdigit()]


def read_postcode(text: str, index: SchoolIndex) -> tuple[str, Location | None, list[str]]:
    """The postcode asked for, where it is, and a message when it cannot be placed."""
    text = text.strip()[:MAX_POSTCODE_LENGTH]
    if not text:
        return "", None, []
    location, message = index.gazetteer.find(text)
    if location is None:
        return text, None, [message or f"'{text}' is not a valid postcode, so no distances are "
                                       "shown. A full postcode looks like ST16 2DH."]
    return location.label, location, []


def figure_cell(figure: SchoolFigure | None) -> Cell:
    if figure is None:
        return Cell("no figure")
    note = "as its predecessor school" if figure.inherited else None
    return Cell(figure.text, suppression=figure.suppression, period=figure.period, note=note)


def marked(cells: list[Cell], figures: Sequence[SchoolFigure | None],
           higher_is_better: bool) -> list[Cell]:
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


def school_rows(schools: Sequence[SchoolSummary], distances: dict[int, float] | None) -> Section:
    rows = [
        Row("phase", "Phase", None, tuple(Cell(s.phase_text) for s in schools)),
        Row("type", "Type", None, tuple(Cell(s.school_type or "not recorded") for s in schools)),
        Row("ages", "Ages", None, tuple(Cell(s.ages or "not recorded") for s in schools)),
        Row("district", "District", None, tuple(Cell(s.district_name or "not known")
                                                for s in schools)),
        Row("status", "Open or closed", None, tuple(Cell(s.status_text) for s in schools)),
    ]
    if distances is not None:
        cells = [Cell(distance_text(distances[s.urn]) if s.urn in distances else "not known")
                 for s in schools]
        known = [distances[s.urn] for s in schools if s.urn in distances]
        if len(known) > 1 and min(known) != max(known):
            cells = [replace(c, mark="Nearest") if distances.get(s.urn) == min(known) else c
                     for c, s in zip(cells, schools, strict=True)]
        rows.append(Row("distance", "Distance", "Straight line, not the route", tuple(cells)))
    return Section("The school", tuple(rows))


def inspection_rows(schools: Sequence[SchoolSummary]) -> Section:
    cells = []
    for school in schools:
        latest = school.inspection
        ungraded = latest.category in ("report_card", "no_overall_grade")
        cells.append(Cell(latest.summary, judgements=latest.latest if ungraded else None))
    return Section("Inspection", (Row("inspection", "Latest inspection",
                                      "Ofsted's words; report cards are not comparable with "
                                      "the old grades", tuple(cells)),))


def results_rows(schools: Sequence[SchoolSummary]) -> list[Section]:
    sections = []
    for title, measures in KEY_STAGES.values():
        rows = []
        for measure in measures:
            figures = [s.results.get(measure.measure_id) for s in schools]
            if not any(figures):
                continue
            cells = marked([figure_cell(f) for f in figures], figures, measure.higher_is_better)
            rows.append(Row(measure.measure_id, measure.label, None, tuple(cells)))
        if rows:
            sections.append(Section(title, tuple(rows)))
    return sections


def context_section(schools: Sequence[SchoolSummary]) -> Section | None:
    rows = []
    for measure in CONTEXT_MEASURES:
        figures = [s.context.get(measure.field) for s in schools]
        if any(figures):
            rows.append(Row(measure.field, measure.label, None,
                            tuple(figure_cell(f) for f in figures)))
    return Section("Pupils", tuple(rows)) if rows else None


def compare_model(store: Store, params: Params) -> CompareModel:
    """The comparison an address asks for."""
    index = school_index(store)
    chosen, messages = read_settings(params, settings())
    urns, found = read_compare_list(params.get(URN, []), index.summaries)
    postcode, location, unplaced = read_postcode(chosen[POSTCODE], index)
    schools = [index.summaries[u] for u in urns]
    distances = distances_from(schools, location) if location else None
    context = context_section(schools)
    sections = (school_rows(schools, distances), inspection_rows(schools),
                *results_rows(schools), *([context] if context else []))
    add = ("/schools?" + urlencode([("compare", u) for u in urns])
           + (f"&{urlencode({'q': postcode})}" if location else "")
           if len(urns) < MAX_COMPARE else None)
    return CompareModel(
        schools=tuple(schools),
        remove_hrefs=tuple(PATH + compare_query([u for u in urns if u != urn], postcode)
                           for urn in urns),
        sections=sections, add_href=add, postcode=postcode,
        messages=(*found, *unplaced, *messages), sources=summary_sources(store))
