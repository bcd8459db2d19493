"""The school profile's questions (/school/<urn>): a school's story across its URN chain
(academy conversions and other re-registrations, `dashboard.rules.history_urns`): its
inspections and URN changes over time, its results each year against the county and England,
and its pupils. No Dash here.

Results and pupil figures are the published school figures; the county and England figures
beside them are the measures table's rows with the same measure id and period.

Settings (in the address): none.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import pandas as pd

from dashboard.analysis.cells import cell_day, cell_float, cell_int, cell_text, date_words
from dashboard.analysis.school_index import find_school, school_index
from dashboard.analysis.school_inspections import Inspection, describe_inspection, is_academy
from dashboard.analysis.school_measures import (
    CONTEXT_MEASURES,
    HEADLINE_MEASURES,
    KEY_STAGES,
    ContextMeasure,
    ResultMeasure,
)
from dashboard.analysis.school_summary import SchoolFigure, SchoolSummary, SchoolTables
from dashboard.cache import memoize
from dashboard.config import Area, load_area
from dashboard.rules import history_urns
from dashboard.settings import Setting
from dashboard.store import Store
from dashboard.store.readings import Reading
from dashboard.wording import period_label

# The sources every profile draws on, beside those of its own figures.
PROFILE_SOURCES = ("gias_open_2026_06", "ofsted_schools_2023_08_31", "gias_links_2025_04",
                   "codepoint_postcodes", "ons_districts")


def settings() -> tuple[Setting, ...]:
    """The profile has no settings: anything in its address is named in a message."""
    return ()


# --- the URN chain -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Conversion:
    """The day a school changed URN: an academy conversion or another re-registration."""

    day: date | None
    from_urn: int
    from_name: str
    to_urn: int
    to_name: str
    academy: bool

    @property
    def text(self) -> str:
        change = ("became an academy" if self.academy
                  else "re-opened under a new school number (URN)")
        when = f" on {date_words(self.day)}" if self.day else ""
        return (f"{self.from_name} (URN {self.from_urn}) {change}{when}: "
                f"{self.to_name} (URN {self.to_urn}).")


def conversions(tables: SchoolTables, chain: Sequence[int]) -> list[Conversion]:
    """Each predecessor -> successor step inside `chain`, dated by GIAS where it can be."""
    indexed = tables.schools.set_index("urn")
    links = tables.school_links
    found = []
    for urn in chain:
        successors = [int(v) for v in
                      (cell_text(indexed.at[urn, "successor_urns"]) or "").split(";") if v]
        for successor in successors:
            if successor not in chain:
                continue
            # The new school's opening day; else GIAS's link date (the old one's last day).
            dated = links[(links["urn"] == urn) & (links["linked_urn"] == successor)
                          & (links["link_type"] == "successor")]["link_date"].dropna()
            day = (cell_day(indexed.at[successor, "open_date"])
                   or (cell_day(dated.iloc[0]) if len(dated) else None)
                   or cell_day(indexed.at[urn, "close_date"]))
            before, after = indexed.loc[urn], indexed.loc[successor]
            found.append(Conversion(
                day=day, from_urn=urn, from_name=str(before["name"]), to_urn=successor,
                to_name=str(after["name"]),
                academy=is_academy(after.to_dict()) and not is_academy(before.to_dict())))
    return found


@dataclass(frozen=True)
class TimelineEntry:
    day: date | None
    inspection: Inspection | None = None
    conversion: Conversion | None = None
    other_urn: bool = False  # the inspection is of the school under another URN of its chain


def inspection_timeline(tables: SchoolTables, urn: int) -> list[TimelineEntry]:
    """Every inspection of the school across its URN chain, with the URN changes, newest
    first."""
    chain = history_urns(tables.schools, urn)
    names = tables.schools.set_index("urn")["name"].astype(str)
    rows = tables.inspections[tables.inspections["urn"].isin(chain)]
    entries = [TimelineEntry(day=inspection.day, inspection=inspection,
                             other_urn=inspection.urn != urn)
               for inspection in (describe_inspection(row, names.get(int(row["urn"]), ""))
                                  for row in rows.to_dict("records"))]
    entries += [TimelineEntry(day=c.day, conversion=c) for c in conversions(tables, chain)]
    # Undated URN changes sit between the inspections of the two URNs; put them last.
    return sorted(entries, key=lambda e: (e.day or date.min, e.conversion is not None),
                  reverse=True)


# --- results over the years against the county and England --------------------------------------


@dataclass(frozen=True)
class ResultPoint:
    period: str
    value: float | None
    suppression: str | None
    cohort: int | None
    urn: int
    school_name: str
    source_id: str
    county: Reading | None
    england: Reading | None


@dataclass(frozen=True)
class MeasureHistory:
    measure: ResultMeasure
    points: tuple[ResultPoint, ...]  # oldest first


def comparator_readings(tables: SchoolTables, measure_id: str,
                        population: str = "all") -> dict[tuple[str, str], Reading]:
    """(area code, period) -> the county's and England's reading of a measure."""
    return tables.comparator_readings.get((measure_id, population), {})


def results_history(tables: SchoolTables, urn: int, key_stage: str,
                    area: Area) -> list[MeasureHistory]:
    """The school's published results for each measure of a key stage, across its URN chain
    (the latest URN's row where two share a year), with the county and England figure for the
    same measure and year."""
    chain = history_urns(tables.schools, urn)
    position = {u: i for i, u in enumerate(chain)}
    names = tables.schools.set_index("urn")["name"].astype(str)
    results = tables.results(key_stage)
    rows = results[results["urn"].isin(chain) & (results["pupil_group"] == "all")]
    rows = rows.assign(_position=rows["urn"].map(position)).sort_values("_position")
    histories = []
    for measure in KEY_STAGES[key_stage][1]:
        own = rows[rows["measure_id"] == measure.measure_id].drop_duplicates("period",
                                                                               keep="last")
        if own.empty:
            continue
        compared = comparator_readings(tables, measure.measure_id)
        points = tuple(
            ResultPoint(period=str(r["period"]), value=cell_float(r["value"]),
                        suppression=cell_text(r["suppression"]), cohort=cell_int(r["cohort"]),
                        urn=int(r["urn"]), school_name=str(names.get(int(r["urn"]), "")),
                        source_id=str(r["source_id"]),
                        county=compared.get((area.ons_code, str(r["period"]))),
                        england=compared.get((area.england_code, str(r["period"]))))
            for r in own.sort_values("period").to_dict("records"))
        histories.append(MeasureHistory(measure=measure, points=points))
    return histories


# --- context against the county and England -----------------------------------------------------


@dataclass(frozen=True)
class ContextRow:
    measure: ContextMeasure
    school: SchoolFigure
    earlier: tuple[tuple[str, float], ...]  # (period, value) of older years
    county: Reading | None
    england: Reading | None
    population: str  # the population the county and England figures cover


def comparator_population(phase: str | None, population: str | None) -> str:
    """Which schools the county and England context figures should cover for this school."""
    if population == "special":
        return "special"
    if phase in ("primary", "middle"):
        return "primary"
    if phase in ("secondary", "all_through"):
        return "secondary"
    return "all"


def context_rows(tables: SchoolTables, summary: SchoolSummary, area: Area) -> list[ContextRow]:
    """The school's latest context figures, its earlier years, and the county and England
    figures for the same year and kind of school where the measures table has them."""
    chains = tables.chains
    chain = chains.loc[chains["urn"] == summary.urn, "data_urn"]
    history = tables.school_context[tables.school_context["urn"].isin(chain)]
    population = comparator_population(summary.phase, summary.population)
    rows = []
    for measure in CONTEXT_MEASURES:
        figure = summary.context.get(measure.field)
        if figure is None:
            continue
        earlier = tuple((str(r["period"]), float(r[measure.field]))
                        for r in history.sort_values("period", ascending=False).to_dict("records")
                        if str(r["period"]) < figure.period and not pd.isna(r[measure.field]))
        county = england = None
        used = population
        if measure.measure_id:
            for candidate in dict.fromkeys((population, "all")):
                compared = comparator_readings(tables, measure.measure_id, candidate)
                county = compared.get((area.ons_code, figure.period))
                england = compared.get((area.england_code, figure.period))
                used = candidate
                if county or england:
                    break
        rows.append(ContextRow(measure=measure, school=figure, earlier=earlier, county=county,
                               england=england, population=used))
    return rows




# --- the profile ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class KeyStageResults:
    key_stage: str
    histories: tuple[MeasureHistory, ...]

    @property
    def headline(self) -> MeasureHistory | None:
        """The history of the key stage's headline measure, which the profile charts."""
        return next((h for h in self.histories
                     if h.measure.measure_id == HEADLINE_MEASURES[self.key_stage]), None)


@dataclass(frozen=True)
class ProfileModel:
    summary: SchoolSummary
    successors: tuple[SchoolSummary, ...]
    predecessors: tuple[SchoolSummary, ...]
    other_council: str | None  # who runs it, when not the area's council
    timeline: tuple[TimelineEntry, ...]
    results: tuple[KeyStageResults, ...]
    context: tuple[ContextRow, ...]
    area_name: str
    sources: tuple[str, ...]  # "<title> (<publisher>), data as at <date>"


def source_lines(source_ids: Sequence[str],
                 sources: Mapping[str, Mapping[str, Any]]) -> tuple[str, ...]:
    """"<title> (<publisher>), data as at <date>" for each source, once, in the given order."""
    lines = []
    for source_id in dict.fromkeys(source_ids):
        meta = sources.get(source_id)
        if meta:
            lines.append(f"{meta['title']} ({meta['publisher']}), data as at "
                         f"{period_label(str(meta['data_date']))}")
    return tuple(lines)


def other_council(summary: SchoolSummary, area: Area, la_codes: pd.DataFrame | None) -> str | None:
    """Who runs a school that stands in the area but belongs to another council."""
    if summary.la_number is None or summary.la_number == area.la_number:
        return None
    names = ({} if la_codes is None
             else dict(zip(la_codes["la_number"], la_codes["la_name"], strict=True)))
    council = names.get(summary.la_number, f"local authority {summary.la_number}")
    return (f"This school stands in {summary.district_name or area.name} but {council} council "
            f"is responsible for it, so {area.name}'s own figures do not count it.")


def build_profile(store: Store, summary: SchoolSummary, area: Area) -> ProfileModel:
    """Everything the profile says about one school."""
    index = school_index(store)
    tables = index.tables
    timeline = tuple(inspection_timeline(tables, summary.urn))
    results = tuple(KeyStageResults(stage, tuple(histories)) for stage in KEY_STAGES
                    if (histories := results_history(tables, summary.urn, stage, area)))
    context = tuple(context_rows(tables, summary, area))
    used = [*PROFILE_SOURCES,
            *(e.inspection.source_id for e in timeline if e.inspection),
            *(p.source_id for stage in results for h in stage.histories for p in h.points),
            *(r.county.source_id for r in context if r.county),
            *(r.school.source_id for r in context)]
    return ProfileModel(
        summary=summary,
        successors=tuple(s for u in summary.successors if (s := index.summary(u))),
        predecessors=tuple(s for u in summary.predecessors if (s := index.summary(u))),
        other_council=other_council(summary, area, store.tables.get("la_codes")),
        timeline=timeline, results=results, context=context, area_name=area.name,
        sources=source_lines(used, store.sources_by_id()))


@memoize
def profile(store: Store, urn: str) -> ProfileModel | None:
    """The profile of the school with this URN (None when there is none), made once per build
    and school across workers: a profile gathers a lot."""
    summary = find_school(store, urn)
    return build_profile(store, summary, load_area()) if summary is not None else None
