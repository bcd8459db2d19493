"""The district-level measures a reader can choose, shared by the map and the district profiles:
each measure and population with the periods it has, the three settings that choose one
(measure, population, period), and what a district's rank means."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.areas import district_rows
from dashboard.settings import Setting
from dashboard.store import Store
from dashboard.store.readings import period_end
from dashboard.vocabulary import measure_info, measure_label
from dashboard.wording import ordinal

MEASURE, POPULATION, PERIOD = "measure", "population", "period"
DEFAULT_MEASURE = "pct_schools_good_or_outstanding"

POPULATION_WORDS = {
    "all": "all state-funded schools",
    "mainstream": "mainstream schools",
    "primary": "mainstream primary schools",
    "secondary": "mainstream secondary schools",
    "special": "special schools",
    "ap": "pupil referral units and alternative provision",
    "nursery": "nursery schools",
}


def population_words(measure_id: str, population: str) -> str:
    """Which schools a figure covers, in words ("all state-funded schools")."""
    if measure_id.startswith(("ks2_", "ks4_")) and population == "all":
        return "pupils in state-funded schools"
    return POPULATION_WORDS.get(population, population)


@dataclass(frozen=True)
class MeasureChoice:
    """A district-level measure for one population, with the periods it has."""

    measure_id: str
    population: str
    periods: tuple[str, ...]  # oldest first
    unit: str

    @property
    def label(self) -> str:
        suffix = "" if self.population == "all" else f" ({POPULATION_WORDS[self.population]})"
        return measure_label(self.measure_id) + suffix

    @property
    def latest(self) -> str:
        return self.periods[-1]


def _topic(measure_id: str) -> int:
    """Inspection measures first, then key stage 2, then key stage 4."""
    if measure_id.startswith("ks4_"):
        return 2
    return 1 if "ks2" in measure_id else 0


def measure_choices(measures: pd.DataFrame) -> tuple[MeasureChoice, ...]:
    """Every measure and population the districts have figures for (pupil group 'all')."""
    rows = district_rows(measures)
    found = []
    for (measure_id, population), group in rows.groupby(["measure_id", "population"]):
        periods = sorted(set(group["period"]), key=lambda p: period_end(p) or pd.Timestamp.max)
        found.append(MeasureChoice(str(measure_id), str(population), tuple(periods),
                                   str(group["unit"].iloc[0])))
    return tuple(sorted(found, key=lambda c: (_topic(c.measure_id), c.label.lower(),
                                              c.population != "all")))


def choices(store: Store) -> tuple[MeasureChoice, ...]:
    """The store's district-level measures, worked out once per loaded store (every page
    draw and callback reads its settings with them)."""
    return store.derived("district-measure-choices", lambda s: measure_choices(s.measures))


def find_choice(options: Sequence[MeasureChoice], measure_id: str,
                population: str) -> MeasureChoice | None:
    return next((c for c in options
                 if c.measure_id == measure_id and c.population == population), None)


def populations_of(options: Sequence[MeasureChoice], measure_id: str) -> list[str]:
    return [c.population for c in options if c.measure_id == measure_id]


def first_population(options: Sequence[MeasureChoice], measure_id: str) -> str:
    """A measure's widest population: 'all' where it has one."""
    populations = populations_of(options, measure_id)
    return "all" if "all" in populations else populations[0]


def chosen_measure(options: Sequence[MeasureChoice], chosen: Mapping[str, str]) -> MeasureChoice:
    """The measure and population in settings read with measure_settings (so one exists)."""
    found = find_choice(options, chosen[MEASURE], chosen[POPULATION])
    if found is None:
        raise LookupError(f"no district figures for {chosen[MEASURE]} ({chosen[POPULATION]})")
    return found


def measure_settings(options: Sequence[MeasureChoice]) -> tuple[Setting, ...]:
    """measure, population and period: a measure's populations and periods differ, so each
    is allowed and defaulted from the ones before it (the latest period by default)."""
    ids = list(dict.fromkeys(c.measure_id for c in options))
    return (
        Setting(MEASURE, DEFAULT_MEASURE if DEFAULT_MEASURE in ids else ids[0], ids),
        Setting(POPULATION, lambda chosen: first_population(options, chosen[MEASURE]),
                lambda chosen: populations_of(options, chosen[MEASURE])),
        Setting(PERIOD, lambda chosen: chosen_measure(options, chosen).latest,
                lambda chosen: chosen_measure(options, chosen).periods),
    )


def measure_params(measure: str | None, population: str | None,
                   period: str | None) -> dict[str, list[str]]:
    """The measure controls' values as settings to read (an empty control is no setting)."""
    return {MEASURE: [measure or ""], POPULATION: [population or ""], PERIOD: [period or ""]}


def rank_words(rank: Any, count: int) -> str:
    """"3rd of 8", or "not ranked" for a district with no value."""
    if rank is None or pd.isna(rank):
        return "not ranked"
    return f"{ordinal(int(rank))} of {count}"


def rank_scale(measure_id: str) -> str:
    """What rank 1 means for a measure."""
    return "1 = highest" if measure_info(measure_id).higher_is_better is None else "1 = best"
