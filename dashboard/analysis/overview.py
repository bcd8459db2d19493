"""The Overview's questions: where each of the strategy's targets stands, and the area's
headline figures against England and the statistical neighbours.

Settings (in the address): `neighbours`, the statistical-neighbour list (the area file's current
list by default).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from dashboard.analysis.targets import (
    Comparison,
    TargetAssessment,
    assess_targets,
    compare,
    measures_used,
    neighbour_codes,
    neighbour_lists,
)
from dashboard.cache import memoize
from dashboard.config import Area, load_area
from dashboard.settings import Setting
from dashboard.store import Store
from dashboard.vocabulary import measure_info
from dashboard.wording import source_names

NEIGHBOURS = "neighbours"


def settings(area: Area) -> tuple[Setting, ...]:
    return (Setting(NEIGHBOURS, area.current_neighbours, neighbour_lists(area)),)


@dataclass(frozen=True)
class HeadlineRow:
    comparison: Comparison
    label: str
    verdict: str  # "Below England (worse)"
    source: str


@dataclass(frozen=True)
class Headlines:
    title: str  # the finding
    rows: tuple[HeadlineRow, ...]
    neighbour_list: str
    neighbour_names: tuple[str, ...]


# Headline figures under the target cards: (measure_id, population).
HEADLINES: tuple[tuple[str, str], ...] = (
    ("ks2_rwm_expected_pct", "all"),
    ("ks4_attainment8", "all"),
    ("ks4_progress8", "all"),
    ("ks4_english_maths_grade5_pct", "all"),
    ("pct_schools_good_or_outstanding", "mainstream"),
    ("pct_persistent_absence", "all"),
    ("eyfs_gld_pct", "all"),
    ("neet_or_not_known_pct", "all"),
)


def verdict(comparison: Comparison, england_name: str) -> str:
    """The county against England in words, with better or worse where the measure says."""
    county, england = comparison.county, comparison.england
    if county is None or england is None or county.value is None or england.value is None:
        return "Not comparable"
    if round(county.value, 2) == round(england.value, 2):
        return f"Same as {england_name}"
    above = county.value > england.value
    position = f"{'Above' if above else 'Below'} {england_name}"
    better = measure_info(comparison.measure_id).higher_is_better
    if better is None:
        return position
    return f"{position} ({'better' if above == better else 'worse'})"


def headline_title(area: Area, rows: list[HeadlineRow]) -> str:
    better = sum(row.verdict.endswith("(better)") for row in rows)
    worse = sum(row.verdict.endswith("(worse)") for row in rows)
    compared = better + worse
    if not compared:
        return f"{area.name}'s headline figures (no England figures to compare with)"
    return (f"{area.name} is better than {area.england_name} on {better} and worse on {worse} "
            f"of {compared} headline figures")


def build_headlines(store: Store, area: Area, neighbour_list: str) -> Headlines:
    la_codes = store.tables.get("la_codes")
    codes = neighbour_codes(area, la_codes, neighbour_list)
    sources = store.sources_by_id()
    rows = []
    for measure_id, population in HEADLINES:
        comparison = compare(store.measures, measure_id, area, population=population,
                             neighbours=codes, neighbour_list=neighbour_list)
        if comparison.county is None:
            continue
        shown = [r for r in (comparison.county, comparison.england) if r is not None]
        rows.append(HeadlineRow(
            comparison=comparison,
            label=measure_info(measure_id).label + (f" ({population} schools)"
                                                     if population != "all" else ""),
            verdict=verdict(comparison, area.england_name),
            source="; ".join(source_names(shown, sources, with_dates=False))))
    names: tuple[str, ...] = ()
    if la_codes is not None and not la_codes.empty:
        lookup = la_codes.set_index("la_number")["la_name"]
        names = tuple(str(lookup[n]) for n in area.neighbour_lists.get(neighbour_list, ())
                      if n in lookup.index)
    return Headlines(title=headline_title(area, rows), rows=tuple(rows),
                          neighbour_list=neighbour_list, neighbour_names=names)


@dataclass(frozen=True)
class OverviewModel:
    area_name: str
    assessments: tuple[TargetAssessment, ...]
    headlines: Headlines
    neighbour_lists: tuple[str, ...]  # the lists the area file names, current first


def build_model(store: Store, area: Area, neighbour_list: str, as_of: date) -> OverviewModel:
    """Everything the Overview says, from the measures table and the area file."""
    wanted = measures_used(area) | {measure_id for measure_id, _ in HEADLINES}
    measures = store.measures[store.measures["measure_id"].isin(wanted)]
    return OverviewModel(area_name=area.name,
                         assessments=tuple(assess_targets(measures, area, as_of)),
                         headlines=build_headlines(store, area, neighbour_list),
                         neighbour_lists=neighbour_lists(area))


@memoize
def overview(store: Store, neighbour_list: str, day: str) -> OverviewModel:
    """The Overview for a build, neighbour list and day (whether a target counts as
    discontinued depends on the date), made once across workers."""
    return build_model(store, load_area(), neighbour_list, date.fromisoformat(day))
