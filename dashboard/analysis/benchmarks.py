"""Benchmarks every page can state about a figure: the area's rank among its statistical
neighbours, its direction of travel and how it compares with England, each judged at the
precision the figure is shown with, in words and a symbol (never colour alone). No Dash here.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date

import pandas as pd

from dashboard.config import Area
from dashboard.store.readings import ASSESSABLE, Reading, latest, readings
from dashboard.vocabulary import measure_info
from dashboard.wording import format_difference, ordinal, period_label, shown


def _known(value: float | None) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


# ---------------------------------------------------------------------------------------------
# Rank among neighbours


@dataclass(frozen=True)
class Rank:
    """A place among the areas compared: 1 is the best (the highest where no side is better)."""

    position: int
    of: int  # areas with a figure
    listed: int  # areas compared, with or without a figure
    tied: bool = False

    def words(self, noun: str = "") -> str:
        """"3rd of 11", "joint 3rd of 11 similar councils", "3rd of 10 with a figure"."""
        text = f"{'joint ' if self.tied else ''}{ordinal(self.position)} of {self.of}"
        text += f" {noun}" if noun else ""
        return text if self.of == self.listed else f"{text} with a figure"


def rank_among(values: Mapping[str, float | None], focus: str, higher_is_better: bool | None,
               listed: int | None = None) -> Rank | None:
    """Where `focus` stands among `values` (area -> figure; None where there is none).

    Standard competition ranking: equal figures share a place and the next place is skipped.
    None when `focus` has no figure.
    """
    mine = values.get(focus)
    if not _known(mine):
        return None
    assert mine is not None
    known = [v for v in values.values() if _known(v)]
    if higher_is_better is False:
        ahead = sum(v < mine for v in known)
    else:
        ahead = sum(v > mine for v in known)
    tied = sum(v == mine for v in known) > 1
    return Rank(ahead + 1, len(known), max(listed or len(values), len(known)), tied)


@dataclass(frozen=True)
class PeriodRank:
    """The area's figure for one period with its rank among itself and its neighbours."""

    period: str
    county: Reading
    rank: Rank | None
    neighbours_with_figure: int
    neighbour_mean: float | None


def ranks_by_period(measures: pd.DataFrame, measure_id: str, area: Area,
                    neighbours: Sequence[str], listed: int, population: str = "all",
                    pupil_group: str = "all") -> list[PeriodRank]:
    """The area's rank among itself and its neighbours (`listed` areas in all) in every period
    the area has a figure for, oldest first."""
    higher = measure_info(measure_id).higher_is_better
    found = readings(measures, measure_id, [area.ons_code, *neighbours], population,
                     pupil_group, ASSESSABLE)
    by_period: dict[str, dict[str, Reading]] = {}
    for reading in found:
        by_period.setdefault(reading.period, {})[reading.area_code] = reading
    ranks = []
    for period, areas in by_period.items():
        county = areas.get(area.ons_code)
        if county is None:
            continue
        values = {code: (shown(r.value, r.unit, measure_id) if r.value is not None else None)
                  for code, r in areas.items()}
        others = [v for code, v in values.items() if code != area.ons_code and v is not None]
        ranks.append(PeriodRank(
            period=period, county=county,
            # A rank needs someone to be ranked against.
            rank=rank_among(values, area.ons_code, higher, listed) if others else None,
            neighbours_with_figure=len(others),
            neighbour_mean=sum(others) / len(others) if others else None))
    return sorted(ranks, key=lambda r: (r.county.date or date.max))


# ---------------------------------------------------------------------------------------------
# Direction of travel

IMPROVING, WORSENING, NO_CHANGE, RISING, FALLING, NOT_AVAILABLE = (
    "Improving", "Getting worse", "No change", "Up", "Down", "Not available")
UP, DOWN, LEVEL, NONE = "↑", "↓", "→", "–"


@dataclass(frozen=True)
class Travel:
    """How the latest figure moved from the one before: a word, an arrow and the change."""

    word: str
    symbol: str
    change: float | None = None
    since: str | None = None  # the earlier period
    unit: str = ""
    measure_id: str = ""

    def detail(self) -> str:
        """"up 1.0 percentage points since 2022/23" ("" when there is nothing to compare)."""
        if self.change is None or self.since is None:
            return ""
        since = f"since {period_label(self.since)}"
        if self.word == NO_CHANGE:
            return since
        size = format_difference(self.change, self.unit, self.measure_id)
        return f"{'up' if self.change > 0 else 'down'} {size} {since}"

    def words(self) -> str:
        """"Improving: up 1.0 percentage points since 2022/23", "No change since 2022/23"."""
        detail = self.detail()
        if not detail:
            return self.word
        return f"{self.word} {detail}" if self.word == NO_CHANGE else f"{self.word}: {detail}"


def direction_of_travel(history: Sequence[Reading], higher_is_better: bool | None,
                        current: Reading | None = None) -> Travel:
    """The latest figure (or `current`) against the most recent earlier figure with a value.

    Equal at the precision shown is "No change"; otherwise "Improving" or "Getting worse" by
    the measure's polarity, or just "Up" / "Down" for a measure with no better side.
    """
    dated = [r for r in history if r.value is not None and r.date is not None]
    current = current if current is not None and current.value is not None else latest(dated)
    if current is None or current.date is None or current.value is None:
        return Travel(NOT_AVAILABLE, NONE)
    earlier = [r for r in dated if r.date < current.date]
    if not earlier:
        return Travel(NOT_AVAILABLE, NONE)
    previous = max(earlier, key=lambda r: r.date or date.min)
    assert previous.value is not None
    unit, measure_id = current.unit, current.measure_id
    change = shown(current.value, unit, measure_id) - shown(previous.value, unit, measure_id)
    common = {"change": change, "since": previous.period, "unit": unit, "measure_id": measure_id}
    if shown(change, unit, measure_id) == 0:
        return Travel(NO_CHANGE, LEVEL, **common)
    rising = change > 0
    symbol = UP if rising else DOWN
    if higher_is_better is None:
        return Travel(RISING if rising else FALLING, symbol, **common)
    return Travel(IMPROVING if rising == higher_is_better else WORSENING, symbol, **common)


# ---------------------------------------------------------------------------------------------
# Comparison with national

BETTER, WORSE, SAME, ABOVE, BELOW, NOT_COMPARABLE = (
    "Better than", "Worse than", "Same as", "Above", "Below", "Not comparable")
SYMBOLS = {BETTER: "✓", WORSE: "✗", SAME: "=", ABOVE: "▲", BELOW: "▼", NOT_COMPARABLE: "–"}


@dataclass(frozen=True)
class NationalComparison:
    """The area against England in words and a symbol (never colour alone)."""

    relation: str  # one of BETTER, WORSE, SAME, ABOVE, BELOW, NOT_COMPARABLE
    difference: float | None = None
    unit: str = ""
    measure_id: str = ""
    england_name: str = "England"

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.relation]

    @property
    def word(self) -> str:
        if self.relation == NOT_COMPARABLE:
            return NOT_COMPARABLE
        return f"{self.relation} {self.england_name}"

    def detail(self) -> str:
        """"1.0 percentage points lower" ("" when the same or not comparable)."""
        if self.difference is None or self.relation in (SAME, NOT_COMPARABLE):
            return ""
        size = format_difference(self.difference, self.unit, self.measure_id)
        return f"{size} {'higher' if self.difference > 0 else 'lower'}"

    def words(self) -> str:
        """"Worse than England (1.0 percentage points lower)"."""
        detail = self.detail()
        return f"{self.word} ({detail})" if detail else self.word


def compare_with_national(county: Reading | None, england: Reading | None,
                          higher_is_better: bool | None,
                          england_name: str = "England") -> NationalComparison:
    """Better, worse or the same as England at the precision shown; above or below for a
    measure with no better side; not comparable when either figure is missing."""
    if county is None or england is None or county.value is None or england.value is None:
        return NationalComparison(NOT_COMPARABLE, england_name=england_name)
    unit, measure_id = county.unit, county.measure_id
    difference = shown(county.value, unit, measure_id) - shown(england.value, unit, measure_id)
    common = {"difference": difference, "unit": unit, "measure_id": measure_id,
              "england_name": england_name}
    if shown(difference, unit, measure_id) == 0:
        return NationalComparison(SAME, **common)
    above = difference > 0
    if higher_is_better is None:
        return NationalComparison(ABOVE if above else BELOW, **common)
    return NationalComparison(BETTER if above == higher_is_better else WORSE, **common)
