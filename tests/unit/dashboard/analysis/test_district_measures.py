"""The district-level measures a reader can choose on the map and the district profiles, and
the measure, population and period settings that choose one."""

from __future__ import annotations

import pandas as pd

from dashboard.analysis import district_measures as measures
from dashboard.settings import read_settings, setting_changes
from tests.unit.dashboard.analysis.test_district import AREA, district_measures, measure_row


def options() -> tuple[measures.MeasureChoice, ...]:
    """The synthetic measures, with primary schools' good-or-outstanding share for 2023."""
    primary = pd.DataFrame([measure_row("pct_schools_good_or_outstanding", "district", d.code,
                                        d.name, "2023-08-31", 90.0, population="primary")
                            for d in AREA.districts])
    return measures.measure_choices(pd.concat([district_measures(), primary]))


def test_each_measure_and_population_is_a_choice_with_its_periods_oldest_first() -> None:
    found = {(c.measure_id, c.population): c for c in options()}
    # Pupil-group figures (boys, girls, disadvantaged) are not district measures to choose.
    assert set(found) == {("pct_schools_good_or_outstanding", "all"),
                          ("pct_schools_good_or_outstanding", "primary"),
                          ("ks4_progress8", "all")}
    every = found[("pct_schools_good_or_outstanding", "all")]
    assert every.periods == ("2023-08-31", "2026-06") and every.latest == "2026-06"
    assert every.label == "Schools judged good or outstanding (latest graded inspection)"
    assert found[("pct_schools_good_or_outstanding", "primary")].label.endswith(
        "(mainstream primary schools)")
    assert [c.measure_id for c in options()][-1] == "ks4_progress8"  # key stage 4 last


def test_settings_default_to_the_measures_widest_population_and_latest_period() -> None:
    settings = measures.measure_settings(options())
    chosen, messages = read_settings({}, settings)
    assert chosen == {"measure": "pct_schools_good_or_outstanding", "population": "all",
                      "period": "2026-06"}
    assert messages == [] and set(setting_changes(chosen, settings).values()) == {None}
    chosen, _ = read_settings({"population": ["primary"]}, settings)
    assert chosen["period"] == "2023-08-31"  # the primary figures' latest
    assert setting_changes(chosen, settings) == {"measure": None, "population": "primary",
                                                 "period": None}


def test_a_population_or_period_the_measure_lacks_falls_back_with_a_message() -> None:
    settings = measures.measure_settings(options())
    chosen, messages = read_settings({"measure": ["ks4_progress8"], "population": ["primary"],
                                      "period": ["2026-06"]}, settings)
    assert chosen == {"measure": "ks4_progress8", "population": "all", "period": "2022/23"}
    assert len(messages) == 2
    assert "'primary' is not a valid choice for 'population' (choose from all)" in messages[0]
    assert measures.chosen_measure(options(), chosen).unit == "score"
    assert setting_changes(chosen, settings)["measure"] == "ks4_progress8"


def test_ranks_in_words() -> None:
    assert measures.rank_words(3, 8) == "3rd of 8"
    assert measures.rank_words(pd.NA, 8) == "not ranked"
    assert measures.rank_scale("pct_schools_good_or_outstanding") == "1 = best"
