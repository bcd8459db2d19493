"""The measure, population and period choices the map and the district profiles share, as the
options of their selects (and of the callbacks that change them)."""

from __future__ import annotations

from collections.abc import Sequence

from dashboard.analysis.district_measures import (
    POPULATION_WORDS,
    MeasureChoice,
    first_population,
)
from dashboard.wording import period_label
from layouts.components.controls import Option


def measure_options(options: Sequence[MeasureChoice]) -> tuple[Option, ...]:
    """Each measure once, by its widest population's label."""
    return tuple(Option(c.measure_id, c.label) for c in options
                 if c.population == first_population(options, c.measure_id))


def population_options(options: Sequence[MeasureChoice],
                       choice: MeasureChoice) -> tuple[Option, ...]:
    return tuple(Option(c.population, POPULATION_WORDS[c.population].capitalize())
                 for c in options if c.measure_id == choice.measure_id)


def period_options(choice: MeasureChoice) -> tuple[Option, ...]:
    """The measure's periods, latest first."""
    return tuple(Option(p, period_label(p)) for p in reversed(choice.periods))

