"""Benchmarks: rank among neighbours, direction of travel and comparison with national, each
judged at the precision shown."""

from __future__ import annotations

import pandas as pd
import pytest

from dashboard.analysis.benchmarks import (
    ABOVE,
    BELOW,
    BETTER,
    IMPROVING,
    NO_CHANGE,
    NOT_AVAILABLE,
    NOT_COMPARABLE,
    RISING,
    SAME,
    WORSE,
    WORSENING,
    Rank,
    compare_with_national,
    direction_of_travel,
    rank_among,
    ranks_by_period,
)
from dashboard.config import Area
from dashboard.store.readings import Reading
from dashboard.tables import validate


def reading(value: float | None, period: str = "2023/24", unit: str = "percent",
            measure_id: str = "ks2_rwm_expected_pct", code: str = "E10000028") -> Reading:
    return Reading(measure_id=measure_id, area_type="county", area_code=code,
                   area_name="Area", population="all", pupil_group="all", period=period,
                   value=value, unit=unit, status="official", source_id="test",
                   note=None if value is not None else "[c] suppressed")


# --- rank among neighbours --------------------------------------------------------------------


def test_rank_counts_areas_ahead_and_shares_places() -> None:
    values = {"us": 60.0, "a": 62.0, "b": 60.0, "c": 58.0, "d": None}
    assert rank_among(values, "us", True, listed=5) == Rank(2, 4, 5, tied=True)
    assert rank_among(values, "us", True, listed=5).words() == "joint 2nd of 4 with a figure"
    assert rank_among(values, "us", False, listed=5) == Rank(2, 4, 5, tied=True)
    assert rank_among(values, "a", True).words("similar councils") == (
        "1st of 4 similar councils with a figure")
    assert rank_among(values, "c", True) == Rank(4, 4, 5)
    assert rank_among(values, "d", True) is None


def test_rank_with_no_better_side_ranks_the_highest_first() -> None:
    values = {"us": 3.0, "a": 5.0, "b": 1.0}
    assert rank_among(values, "us", None) == Rank(2, 3, 3)
    assert rank_among(values, "us", None).words() == "2nd of 3"


def measures_frame(measure_id: str, unit: str, figures: dict[str, dict[str, float | None]]
                   ) -> pd.DataFrame:
    """A small measures table: {area code: {period: value}} (None: suppressed)."""
    rows = [{"measure_id": measure_id, "area_type": "la", "area_code": code,
             "area_name": code, "population": "all", "pupil_group": "all", "period": period,
             "value": value, "numerator": None, "denominator": None, "unit": unit,
             "source_id": "test", "status": "official",
             "note": None if value is not None else "[c] suppressed"}
            for code, by_period in figures.items() for period, value in by_period.items()]
    return validate("measures", pd.DataFrame(rows), "test")


def test_ranks_by_period_among_neighbours(area: Area) -> None:
    offsets = [1.0, -1.0, 2.0, -2.0, 0.5, -0.5, 3.0, -3.0, 0.0, None]
    codes = [f"E9900000{i}" for i in range(10)]
    figures = {area.ons_code: {"2022/23": 55.0, "2023/24": 57.0}}
    figures |= {code: {"2022/23": None, "2023/24": None if o is None else 57.0 + o}
                for code, o in zip(codes, offsets, strict=True)}
    ranks = ranks_by_period(measures_frame("ks2_rwm_expected_pct", "percent", figures),
                            "ks2_rwm_expected_pct", area, codes, listed=11)
    assert [r.period for r in ranks] == ["2022/23", "2023/24"]
    assert ranks[0].rank is None  # no neighbour has a figure: nothing to rank against
    latest = ranks[1]
    # Four neighbours ahead, one level, one without a figure.
    assert latest.rank == Rank(5, 10, 11, tied=True)
    assert latest.neighbours_with_figure == 9
    assert latest.neighbour_mean == pytest.approx(57.0)
    # Lower is better for persistent absence: the same figures rank the other way round.
    absence = ranks_by_period(measures_frame("pct_persistent_absence", "percent", figures),
                              "pct_persistent_absence", area, codes, listed=11)
    assert absence[1].rank == Rank(5, 10, 11, tied=True)
    figures[codes[8]]["2023/24"] = 57.04  # the same as 57.0 at the precision shown
    assert ranks_by_period(measures_frame("ks2_rwm_expected_pct", "percent", figures),
                           "ks2_rwm_expected_pct", area, codes, 11)[1].rank.tied


def test_no_rank_without_any_neighbour_figure(synthetic_measures: pd.DataFrame,
                                              area: Area) -> None:
    ranks = ranks_by_period(synthetic_measures, "n_schools_below_ks2_floor", area, [], 11,
                            population="mainstream")
    assert ranks and all(r.rank is None for r in ranks)


# --- direction of travel ----------------------------------------------------------------------


def test_direction_of_travel_by_polarity() -> None:
    history = [reading(60.0, "2021/22"), reading(None, "2022/23"), reading(61.2, "2023/24")]
    up = direction_of_travel(history, True)
    assert (up.word, up.symbol, up.since) == (IMPROVING, "↑", "2021/22")
    assert up.words() == "Improving: up 1.2 percentage points since 2021/22"
    assert direction_of_travel(history, False).word == WORSENING
    assert direction_of_travel(history, None).word == RISING
    down = direction_of_travel([history[0], reading(59.9, "2023/24")], True)
    assert (down.word, down.symbol) == (WORSENING, "↓")


def test_no_change_is_judged_at_the_precision_shown() -> None:
    same = direction_of_travel([reading(60.04, "2022/23"), reading(59.96, "2023/24")], True)
    assert (same.word, same.symbol) == (NO_CHANGE, "→")
    assert same.words() == "No change since 2022/23"
    moved = direction_of_travel([reading(60.0, "2022/23"), reading(60.1, "2023/24")], True)
    assert moved.word == IMPROVING


def test_no_direction_without_two_figures() -> None:
    assert direction_of_travel([reading(60.0)], True).word == NOT_AVAILABLE
    assert direction_of_travel([], True).word == NOT_AVAILABLE
    missing_now = direction_of_travel([reading(60.0, "2022/23")], True,
                                      current=reading(None, "2023/24"))
    assert missing_now.word == NOT_AVAILABLE  # the latest figure with a value is the only one


def test_direction_from_a_chosen_current_figure() -> None:
    history = [reading(50.0, "2021/22"), reading(55.0, "2022/23"), reading(52.0, "2023/24")]
    travel = direction_of_travel(history, True, current=history[1])
    assert (travel.word, travel.since, travel.change) == (IMPROVING, "2021/22", 5.0)


# --- comparison with national -----------------------------------------------------------------


def test_comparison_with_national_in_words_and_symbols() -> None:
    county, england = reading(62.0), reading(63.0, code="E92000001")
    worse = compare_with_national(county, england, True)
    assert (worse.relation, worse.symbol, worse.word) == (WORSE, "✗", "Worse than England")
    assert worse.words() == "Worse than England (1.0 percentage points lower)"
    better = compare_with_national(county, england, False)
    assert (better.relation, better.symbol) == (BETTER, "✓")
    assert compare_with_national(county, england, None).relation == BELOW
    assert compare_with_national(england, county, None).relation == ABOVE


def test_same_as_national_at_the_precision_shown() -> None:
    same = compare_with_national(reading(62.04), reading(61.96, code="E92000001"), True)
    assert (same.relation, same.symbol, same.words()) == (SAME, "=", "Same as England")
    scores = compare_with_national(reading(-0.124, unit="score", measure_id="ks4_progress8"),
                                   reading(-0.12, unit="score", measure_id="ks4_progress8"),
                                   True)
    assert scores.relation == SAME


def test_not_comparable_without_both_figures() -> None:
    for county, england in [(None, reading(1.0)), (reading(1.0), None),
                            (reading(None), reading(1.0))]:
        found = compare_with_national(county, england, True)
        assert (found.relation, found.symbol) == (NOT_COMPARABLE, "–")
