"""Every school in brief, as the finder lists it, compare sets it beside others and the profile
starts from: what and where it is, its latest inspection, and its latest published results and
pupil figures, each across its URN chain (a converted academy shows its predecessor's figures,
marked as such, until it has its own). No Dash here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

import pandas as pd

from dashboard.analysis.cells import cell_day, cell_float, cell_int, cell_text, date_words
from dashboard.analysis.school_inspections import LatestInspection, latest_inspections
from dashboard.analysis.school_measures import (
    COMPARATOR_MEASURES,
    CONTEXT_BY_FIELD,
    CONTEXT_MEASURES,
    HEADLINE_MEASURES,
    RESULT_MEASURES,
    ResultMeasure,
    figure_text,
)
from dashboard.config import Area
from dashboard.rules import predecessor_map
from dashboard.store.readings import STATUS_PREFERENCE, Reading
from dashboard.tables import empty_table

PHASE_WORDS = {
    "nursery": "Nursery", "primary": "Primary", "middle": "Middle", "secondary": "Secondary",
    "all_through": "All-through", "post16": "Sixth form or college",
    "not_applicable": "Not applicable",
}
POPULATION_WORDS = {"special": "Special school", "ap": "Alternative provision",
                    "independent": "Independent school"}


@dataclass(frozen=True)
class SchoolTables:
    """The store tables the school pages read (empty tables where a store lacks one), with the
    county and England rows of the measures the pages compare against."""

    schools: pd.DataFrame
    inspections: pd.DataFrame
    ks2_results: pd.DataFrame
    ks4_results: pd.DataFrame
    school_context: pd.DataFrame
    school_links: pd.DataFrame
    postcodes: pd.DataFrame
    comparators: pd.DataFrame

    @classmethod
    def from_tables(cls, tables: Mapping[str, object], area: Area) -> SchoolTables:
        def table(name: str) -> pd.DataFrame:
            found = tables.get(name)
            return found if isinstance(found, pd.DataFrame) else empty_table(name)

        measures = table("measures")
        comparators = measures[measures["measure_id"].isin(COMPARATOR_MEASURES)
                               & measures["area_code"].isin([area.ons_code, area.england_code])
                               & (measures["pupil_group"] == "all")]
        schools = table("schools")
        return cls(schools=schools, inspections=table("inspections"),
                   ks2_results=table("ks2_results"), ks4_results=table("ks4_results"),
                   school_context=table("school_context"), school_links=table("school_links"),
                   postcodes=table("postcodes"), comparators=comparators.reset_index(drop=True))

    def results(self, key_stage: str) -> pd.DataFrame:
        return self.ks2_results if key_stage == "ks2" else self.ks4_results

    @cached_property
    def chains(self) -> pd.DataFrame:
        """Every school with itself and its predecessors (see `ancestors`)."""
        return ancestors(self.schools)

    @cached_property
    def comparator_readings(self) -> dict[tuple[str, str], dict[tuple[str, str], Reading]]:
        """(measure id, population) -> (area code, period) -> the comparator reading, one per
        area and period, official before computed before estimated (as targets.readings)."""
        rows = self.comparators[self.comparators["status"].isin(STATUS_PREFERENCE)]
        rank = rows["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)})
        best = rows.assign(_rank=rank).sort_values("_rank", kind="stable").drop_duplicates(
            ["measure_id", "population", "area_code", "period"])
        found = {}
        for record in best.to_dict("records"):
            reading = Reading(
                measure_id=str(record["measure_id"]), area_type=str(record["area_type"]),
                area_code=str(record["area_code"]), area_name=str(record["area_name"]),
                population=str(record["population"]), pupil_group=str(record["pupil_group"]),
                period=str(record["period"]), value=cell_float(record["value"]),
                unit=str(record["unit"]), status=str(record["status"]),
                source_id=str(record["source_id"]), note=cell_text(record["note"]))
            found.setdefault((reading.measure_id, reading.population), {})[
                (reading.area_code, reading.period)] = reading
        return found


def phase_words(phase: str | None, population: str | None) -> str:
    """"Primary", "Secondary", "Special school (primary)", ..."""
    kind = POPULATION_WORDS.get(population or "")
    stage = PHASE_WORDS.get(phase or "")
    if kind and stage and population != "independent":
        return f"{kind} ({stage.lower()})"
    return kind or stage or "Phase not recorded"


def age_range(low: object, high: object) -> str | None:
    low_age, high_age = cell_int(low), cell_int(high)
    if low_age is None or high_age is None:
        return None
    return f"{low_age} to {high_age}"


def ancestors(schools: pd.DataFrame) -> pd.DataFrame:
    """(urn, data_urn, depth): each school with itself (depth 0) and its predecessors, theirs
    and so on (depth 1, 2, ...), for data published under an earlier URN."""
    predecessors = predecessor_map(schools)
    pairs = []
    for urn in schools["urn"].astype(int):
        seen, frontier, depth = {urn}, [urn], 0
        while frontier:
            pairs += [(urn, u, depth) for u in frontier]
            frontier = sorted({p for u in frontier for p in predecessors.get(u, [])} - seen)
            seen.update(frontier)
            depth += 1
    return pd.DataFrame(pairs, columns=["urn", "data_urn", "depth"])


@dataclass(frozen=True)
class SchoolFigure:
    """A school's latest published figure for one measure, from its own URN or an earlier
    one."""

    measure_id: str
    period: str
    value: float | None
    suppression: str | None
    unit: str
    data_urn: int
    inherited: bool
    source_id: str

    @property
    def text(self) -> str:
        return figure_text(self.value, self.suppression, self.unit, self.measure_id)


def latest_results(tables: SchoolTables,
                   chains: pd.DataFrame) -> dict[int, dict[str, SchoolFigure]]:
    """Each school's latest row (value or suppression code) for every result measure, pupil
    group 'all', over its own URN and its predecessors' (its own first in the same year)."""
    results = pd.concat([tables.ks2_results, tables.ks4_results], ignore_index=True)
    results = results[(results["pupil_group"] == "all")
                      & results["measure_id"].isin(RESULT_MEASURES)]
    joined = chains.merge(results, left_on="data_urn", right_on="urn",
                          suffixes=("", "_result"))
    latest = (joined.sort_values(["period", "depth"], ascending=[False, True])
              .drop_duplicates(["urn", "measure_id"]))
    found: dict[int, dict[str, SchoolFigure]] = {}
    for record in latest.to_dict("records"):
        measure = RESULT_MEASURES[record["measure_id"]]
        found.setdefault(int(record["urn"]), {})[measure.measure_id] = SchoolFigure(
            measure_id=measure.measure_id, period=str(record["period"]),
            value=cell_float(record["value"]), suppression=cell_text(record["suppression"]),
            unit=measure.unit, data_urn=int(record["data_urn"]),
            inherited=int(record["depth"]) > 0, source_id=str(record["source_id"]))
    return found


def latest_context(tables: SchoolTables,
                   chains: pd.DataFrame) -> dict[int, dict[str, SchoolFigure]]:
    """Each school's latest figure for every context field (pupils, FSM, EAL, SEN, absence)."""
    fields = [c.field for c in CONTEXT_MEASURES]
    long = tables.school_context.melt(id_vars=["urn", "period", "source_id"],
                                      value_vars=fields, var_name="field").dropna(
        subset=["value"])
    joined = chains.merge(long, left_on="data_urn", right_on="urn", suffixes=("", "_context"))
    latest = (joined.sort_values(["period", "depth"], ascending=[False, True])
              .drop_duplicates(["urn", "field"]))
    found: dict[int, dict[str, SchoolFigure]] = {}
    for record in latest.to_dict("records"):
        measure = CONTEXT_BY_FIELD[record["field"]]
        found.setdefault(int(record["urn"]), {})[measure.field] = SchoolFigure(
            measure_id=measure.field, period=str(record["period"]), value=float(record["value"]),
            suppression=None, unit=measure.unit, data_urn=int(record["data_urn"]),
            inherited=int(record["depth"]) > 0, source_id=str(record["source_id"]))
    return found


@dataclass(frozen=True)
class SchoolSummary:
    urn: int
    name: str
    phase: str | None
    population: str | None
    school_type: str | None
    phase_text: str
    ages: str | None
    street: str | None
    town: str | None
    postcode: str | None
    district_code: str | None
    district_name: str | None
    ward_name: str | None
    la_number: int | None
    is_open: bool | None
    opened: date | None
    closed: date | None
    successors: tuple[int, ...]
    predecessors: tuple[int, ...]
    pupils: int | None
    easting: float | None
    northing: float | None
    lat: float | None
    lon: float | None
    inspection: LatestInspection
    results: Mapping[str, SchoolFigure] = field(default_factory=dict)
    context: Mapping[str, SchoolFigure] = field(default_factory=dict)

    @property
    def headlines(self) -> list[tuple[ResultMeasure, SchoolFigure]]:
        """The headline KS2 and/or KS4 figure, latest year."""
        chosen = []
        for measure_id in HEADLINE_MEASURES.values():
            figure = self.results.get(measure_id)
            if figure is not None:
                chosen.append((RESULT_MEASURES[measure_id], figure))
        return chosen

    @property
    def address(self) -> str:
        return ", ".join(part for part in (self.street, self.town, self.postcode) if part)

    @property
    def status_text(self) -> str:
        if self.is_open:
            return "Open"
        if self.is_open is None:
            return "Open or closed: not known"
        return f"Closed{f' on {date_words(self.closed)}' if self.closed else ''}"


def _urn_list(text: object) -> tuple[int, ...]:
    return tuple(int(v) for v in (cell_text(text) or "").split(";") if v)


def summarise_schools(tables: SchoolTables) -> dict[int, SchoolSummary]:
    """A SchoolSummary for every school in the store."""
    schools = tables.schools
    chains = tables.chains
    inspections = latest_inspections(schools, tables.inspections)
    results = latest_results(tables, chains)
    context = latest_context(tables, chains)
    summaries = {}
    for row in schools.to_dict("records"):
        urn = int(row["urn"])
        is_open = row["is_open"]
        summaries[urn] = SchoolSummary(
            urn=urn, name=str(row["name"]), phase=cell_text(row["phase"]),
            population=cell_text(row["population"]), school_type=cell_text(row["school_type"]),
            phase_text=phase_words(cell_text(row["phase"]), cell_text(row["population"])),
            ages=age_range(row["age_low"], row["age_high"]), street=cell_text(row["street"]),
            town=cell_text(row["town"]), postcode=cell_text(row["postcode"]),
            district_code=cell_text(row["district_code"]),
            district_name=cell_text(row["district_name"]), ward_name=cell_text(row["ward_name"]),
            la_number=cell_int(row["la_number"]),
            is_open=None if pd.isna(is_open) else bool(is_open),
            opened=cell_day(row["open_date"]), closed=cell_day(row["close_date"]),
            successors=_urn_list(row["successor_urns"]),
            predecessors=_urn_list(row["predecessor_urns"]), pupils=cell_int(row["pupils"]),
            easting=cell_float(row["easting"]), northing=cell_float(row["northing"]),
            lat=cell_float(row["lat"]), lon=cell_float(row["lon"]), inspection=inspections[urn],
            results=results.get(urn, {}), context=context.get(urn, {}))
    return summaries


