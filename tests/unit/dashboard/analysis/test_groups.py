"""Pupil groups: each group against its comparison group for the county, England and the
neighbours, the gap (with suppression kept), the measures on offer, the settings, the latest
gaps and the district breakdowns - on small tables written here (also used by the groups
charts, page and callback tests)."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
from dash import Dash

from app import create_app
from dashboard.analysis import groups
from dashboard.settings import read_settings
from dashboard.store import Store, clear_loaded
from dashboard.tables import validate
from dashboard.vocabulary import PAIR_BY_KEY
from tests.unit.dashboard.analysis.test_district import (
    AREA,
    TAMWORTH,
    district_measures,
    make_store,
    measure_row,
)

NEIGHBOURS = AREA.neighbour_lists[AREA.current_neighbours][:3]
PERIODS = ["2015/16", "2016/17", "2017/18", "2018/19", "2019/20", "2021/22"]
PAIR = PAIR_BY_KEY["disadvantaged"]


def code_of(number: int) -> str:
    return f"E99{number:06d}"


def group_measures() -> pd.DataFrame:
    """KS2 expected standard for disadvantaged and other pupils: the county's gap narrows
    from 26 to 20 points; no figures in 2019/20; one neighbour's figure suppressed."""
    rows = []
    places = [("county", AREA.ons_code, AREA.name, 0.0), ("england", AREA.england_code,
                                                          AREA.england_name, 4.0)]
    places += [("la", code_of(n), f"LA {n}", float(i)) for i, n in enumerate(NEIGHBOURS)]
    for area_type, code, name, shift in places:
        for i, period in enumerate(PERIODS):
            missing = period == "2019/20"
            group_value = None if missing else 40.0 + i + shift
            other_value = None if missing else 66.0 + shift
            if area_type == "la" and code == code_of(NEIGHBOURS[2]) and period == "2015/16":
                group_value = None  # suppressed
            for group, value in (("disadvantaged", group_value),
                                 ("not_disadvantaged", other_value)):
                row = measure_row("ks2_rwm_expected_pct", area_type, code, name, period, value,
                                  group=group, status="official", source="test_ofsted")
                if missing:
                    row["note"] = "[x] No assessments (COVID-19)"
                rows.append(row)
    # An estimate of the same county figure never replaces the official one.
    rows.append(measure_row("ks2_rwm_expected_pct", "county", AREA.ons_code, AREA.name,
                            "2021/22", 10.0, group="disadvantaged", status="estimated"))
    return validate("measures", pd.DataFrame(rows), "synthetic group measures")


def la_codes() -> pd.DataFrame:
    return pd.DataFrame({"la_number": pd.array(NEIGHBOURS, dtype="Int64"),
                         "ons_code": [code_of(n) for n in NEIGHBOURS],
                         "la_name": [f"LA {n}" for n in NEIGHBOURS], "region_name": None})


def rows() -> pd.DataFrame:
    return groups.group_rows(group_measures(), AREA, [code_of(n) for n in NEIGHBOURS])


def store() -> Store:
    measures = pd.concat([group_measures(), district_measures()], ignore_index=True)
    return make_store(measures, la_codes=la_codes())


def serve_store(folder: Path, monkeypatch: pytest.MonkeyPatch) -> Dash:
    """The app serving `store()`, written to `folder` as a processed store, with a private
    cache."""
    made = store()
    (folder / "processed").mkdir(parents=True)
    for name, frame in made.tables.items():
        frame.to_parquet(folder / "processed" / f"{name}.parquet", index=False)
    (folder / "processed" / "manifest.json").write_text(json.dumps(made.manifest),
                                                        encoding="utf-8")
    monkeypatch.setenv("EDU_PROCESSED_DIR", str(folder / "processed"))
    monkeypatch.setenv("EDU_CACHE_DIR", str(folder / "cache"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    clear_loaded()
    return create_app({"TESTING": True})


def test_series_give_county_england_and_the_neighbours_average() -> None:
    frame = groups.series(rows(), AREA, [code_of(n) for n in NEIGHBOURS],
                          "ks2_rwm_expected_pct", PAIR)
    county = frame[(frame["kind"] == "county") & (frame["pupil_group"] == "disadvantaged")]
    assert list(county["value"].fillna(-1)) == [40.0, 41.0, 42.0, 43.0, -1, 45.0]
    assert county.iloc[4]["suppression"] == "x"
    first = frame[(frame["kind"] == "neighbours") & (frame["pupil_group"] == "disadvantaged")
                  & (frame["period"] == "2015/16")].iloc[0]
    assert first["value"] == 40.5 and first["neighbours_with_data"] == 2  # 40 and 41


def test_the_gap_keeps_missing_years_missing_with_their_code() -> None:
    frame = groups.gaps(rows(), AREA, [code_of(n) for n in NEIGHBOURS],
                        "ks2_rwm_expected_pct", PAIR)
    county = frame[frame["kind"] == "county"].set_index("period")
    assert county.loc["2015/16", "value"] == -26.0 and county.loc["2021/22", "value"] == -21.0
    assert pd.isna(county.loc["2019/20", "value"]) and county.loc["2019/20", "suppression"] == "x"
    neighbours = frame[frame["kind"] == "neighbours"].set_index("period")
    # Only the neighbours with both figures count towards the average gap.
    assert neighbours.loc["2015/16", "neighbours_with_data"] == 2
    assert neighbours.loc["2015/16", "value"] == -26.0


def test_only_measures_with_both_groups_are_offered() -> None:
    assert groups.available_measures(rows(), AREA, PAIR) == ["ks2_rwm_expected_pct"]
    assert groups.available_measures(rows(), AREA, PAIR_BY_KEY["eal"]) == []
    made = store()
    assert groups.measures_offered(made, "disadvantaged") == ("ks2_rwm_expected_pct",)
    assert groups.measures_offered(made, "boys") == ("ks4_attainment8",)
    assert groups.measures_offered(made, "fsm") == ()


def test_district_breakdowns_cover_only_the_years_districts_have() -> None:
    frame = groups.district_differences(district_measures(), AREA, "ks4_attainment8",
                                        PAIR_BY_KEY["boys"])
    assert set(frame["period"]) == {"2016/17", "2017/18"}
    tamworth = frame[frame["area_code"] == TAMWORTH.code].set_index("period")
    assert tamworth.loc["2017/18", "value"] == pytest.approx(-4.3)  # boys minus girls
    assert AREA.ons_code in set(frame["area_code"])


def test_settings_fall_back_to_a_measure_the_group_has() -> None:
    page_settings = groups.settings(store(), AREA)
    chosen, messages = read_settings(
        {"group": ["fsm"], "measure": ["ks4_progress8"], "colour": ["red"]}, page_settings)
    # No figures for the group: no measure, and none asked for is worth a message.
    assert chosen == {"group": "fsm", "measure": "", "neighbours": AREA.current_neighbours}
    assert messages == ["This page has no setting 'colour'; it was ignored."]
    chosen, messages = read_settings({"group": ["nobody"]}, page_settings)
    assert (chosen["group"], chosen["measure"]) == ("disadvantaged", "ks2_rwm_expected_pct")
    assert "'nobody' is not a valid choice for 'group'" in messages[0]
    chosen, messages = read_settings({"group": ["boys"], "measure": ["ks2_rwm_expected_pct"],
                                      "neighbours": ["1999"]}, page_settings)
    assert (chosen["measure"], chosen["neighbours"]) == ("ks4_attainment8",
                                                         AREA.current_neighbours)
    assert messages[0] == ("'ks2_rwm_expected_pct' is not a valid choice for 'measure' "
                           "(choose from ks4_attainment8), so ks4_attainment8 is shown.")
    assert "'1999' is not a valid choice for 'neighbours'" in messages[1]


def test_the_latest_gaps_table_links_each_group_and_measure() -> None:
    made = store()
    gaps = groups.latest_gap_rows(made, AREA.current_neighbours)
    assert [(g.group, g.period, g.county, g.england, g.unit, g.query) for g in gaps] == [
        ("Disadvantaged pupils", "2021/22", "-21.0", "-21.0", "percentage points", ""),
        # No England figure: a code, not 0; the boys' own first measure needs no setting.
        ("Boys", "2017/18", "-5.0", "[x]", "points", "?group=boys")]
    other_list = next(y for y in AREA.neighbour_lists if y != AREA.current_neighbours)
    assert groups.latest_gap_rows(made, other_list)[0].query == f"?neighbours={other_list}"


def test_the_page_model_names_the_neighbours_and_offers_the_groups_measures() -> None:
    made = store()
    chosen, _ = read_settings({}, groups.settings(made, AREA))
    model = groups.groups_model(made, chosen)
    assert (model.group, model.measure, model.neighbours) == (
        "disadvantaged", "ks2_rwm_expected_pct", AREA.current_neighbours)
    assert model.measures == ("ks2_rwm_expected_pct",)
    assert model.neighbour_names == ", ".join(f"LA {n}" for n in NEIGHBOURS)
    assert model.neighbour_lists[0] == AREA.current_neighbours
    assert model.gaps == groups.latest_gap_rows(made, AREA.current_neighbours)


@pytest.mark.parametrize(("number", "places", "code", "shown"), [
    (-21.04, 1, "x", "-21.0"), (0.45, 2, "x", "+0.45"), (-0.001, 1, "x", "0.0"),
    (None, 1, "c", "[c]"), (float("nan"), 2, "", "[x]")])
def test_gaps_are_signed_and_a_missing_one_keeps_its_code(number: float | None, places: int,
                                                          code: str, shown: str) -> None:
    assert groups.signed(number, places, code) == shown
