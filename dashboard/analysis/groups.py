"""Pupil groups: each group against its comparison group for the county, England and the
statistical neighbours' average over every published year, the gap between them, the latest gap
for every group, and the district breakdowns the school-level data allows. No Dash here.

Settings (in the address): `group` (a key of dashboard.vocabulary.PAIR_BY_KEY, disadvantaged
pupils by default), `measure` (one the group has county figures for: KS2 reading, writing and
maths when it has them, else its first) and `neighbours` (the statistical-neighbour list, the
area file's current one by default).

Every value is a row of the measures table. The neighbours' average is the simple mean of the
neighbours with a figure for the year (as on the Overview); their gap is the mean of each
neighbour's own gap. A missing value keeps its code ("[x]", "[c]") and is never plotted as 0.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import pandas as pd

from dashboard.analysis.targets import neighbour_codes, neighbour_lists, neighbour_names
from dashboard.cache import memoize
from dashboard.config import Area, load_area
from dashboard.settings import Choices, Setting, query_string
from dashboard.store import Store
from dashboard.store.readings import STATUS_PREFERENCE, period_end
from dashboard.vocabulary import GROUP_PAIRS, PAIR_BY_KEY, GroupPair, measure_label
from dashboard.wording import decimals, period_label

GROUP, MEASURE, NEIGHBOURS = "group", "measure", "neighbours"
DEFAULT_GROUP = "disadvantaged"
DEFAULT_MEASURE = "ks2_rwm_expected_pct"
# The kinds of line in a series or gap frame.
COUNTY, ENGLAND, NEIGHBOUR_MEAN = "county", "england", "neighbours"
NEIGHBOUR_NAME = "Statistical neighbours (average)"

# The measures the page offers, in this order, where the group has figures.
GROUP_MEASURES: tuple[str, ...] = (
    "ks2_rwm_expected_pct",
    "ks2_reading_progress",
    "ks2_writing_progress",
    "ks2_maths_progress",
    "ks4_attainment8",
    "ks4_progress8",
    "ks4_english_maths_grade5_pct",
    "ks4_english_maths_grade4_pct",
    "pct_overall_absence",
    "eyfs_gld_pct",
)

# Said plainly on the page: what the published data does not break down.
NOT_ALLOWED: tuple[str, ...] = (
    "Key stage 2 reading, writing and maths are published for groups only as the combined "
    "expected standard and the three progress scores, not each subject's expected standard.",
    "No key stage 2 figures for boys and girls or for pupils with English as an additional "
    "language are published by local authority in the sources; key stage 4 has them for "
    "2018/19 only.",
    "Absence by group is published only by special educational needs (overall absence, "
    "2016/17 to 2022/23); not for disadvantaged pupils, free school meals, gender or EAL.",
    "Districts: no school-level results by disadvantage, free school meals, SEN or EAL, and "
    "none at key stage 2 for any group. The only district breakdowns are key stage 4 by "
    "gender (2015/16 to 2017/18), disadvantaged pupils' Progress 8 (2022/23) and the "
    "census percentages of each district's pupils.",
    "Key stage 4 disadvantaged figures for districts come from a compact re-host without cohort "
    "sizes, so they are estimates; the county's official figure is shown beside them.",
)


def best_rows(rows: pd.DataFrame) -> pd.DataFrame:
    """One row per measure, area, group and period: the most authoritative status, as
    dashboard.store.readings.readings keeps; each missing value's code in `suppression`."""
    rows = rows[rows["status"].isin(STATUS_PREFERENCE)]
    rank = rows["status"].map({s: i for i, s in enumerate(STATUS_PREFERENCE)})
    best = rows.assign(_rank=rank).sort_values("_rank").drop_duplicates(
        ["measure_id", "area_code", "population", "pupil_group", "period"]).drop(
        columns="_rank")
    code = best["note"].fillna("").str.extract(r"^\[([a-z]+)\]", expand=False).fillna("x")
    best["suppression"] = code.where(best["value"].isna(), "")
    return best.sort_values("period", key=lambda p: p.map(_sort_key), kind="stable",
                            ignore_index=True)


def group_rows(measures: pd.DataFrame, area: Area, neighbours: Sequence[str]) -> pd.DataFrame:
    """The measures rows the page can use: group figures (population 'all') for the county,
    England and the neighbours, as `best_rows`. Narrowing once keeps every lookup fast."""
    groups = {g for p in GROUP_PAIRS for g in (p.group, p.comparison)}
    return best_rows(measures[measures["measure_id"].isin(GROUP_MEASURES)
                              & measures["pupil_group"].isin(groups)
                              & (measures["population"] == "all")
                              & measures["area_code"].isin([area.ons_code, area.england_code,
                                                            *neighbours])])


def available_measures(rows: pd.DataFrame, area: Area, pair: GroupPair) -> list[str]:
    """The measures with a county figure for both the group and its comparison."""
    county = rows[rows["area_code"] == area.ons_code]
    found = []
    for measure_id in GROUP_MEASURES:
        mine = county[county["measure_id"] == measure_id]
        if {pair.group, pair.comparison} <= set(mine["pupil_group"]):
            found.append(measure_id)
    return found


def _pick(rows: pd.DataFrame, measure_id: str, codes: Sequence[str], group: str,
          statuses: Sequence[str] = STATUS_PREFERENCE) -> pd.DataFrame:
    return rows[(rows["measure_id"] == measure_id) & rows["area_code"].isin(codes)
                & (rows["pupil_group"] == group) & rows["status"].isin(statuses)]


SERIES_COLUMNS = ["kind", "area", "pupil_group", "group_label", "period", "value",
                  "suppression", "unit", "status", "source_id", "neighbours_with_data"]


def _neighbour_mean(found: pd.DataFrame, column: str = "value") -> pd.DataFrame:
    """Per period: the mean over the neighbours with a value, and how many had one."""
    grouped = found.groupby("period", sort=False)
    frame = pd.DataFrame({
        "value": grouped[column].mean(),
        "neighbours_with_data": grouped[column].count(),
        "source_id": grouped["source_id"].agg(lambda s: ";".join(sorted(set(s)))),
    }).reset_index()
    frame["suppression"] = frame["value"].isna().map({True: "x", False: ""})
    return frame


def series(rows: pd.DataFrame, area: Area, neighbours: Sequence[str], measure_id: str,
           pair: GroupPair) -> pd.DataFrame:
    """The group's and the comparison group's figures over time for the county, England and
    the neighbours' average. Columns: SERIES_COLUMNS (kind: county, england or neighbours)."""
    parts = []
    labels = {pair.group: pair.label, pair.comparison: pair.comparison_label}
    for group in (pair.group, pair.comparison):
        for kind, code in ((COUNTY, area.ons_code), (ENGLAND, area.england_code)):
            found = _pick(rows, measure_id, [code], group)
            parts.append(found.assign(kind=kind, area=found["area_name"], group_label=labels[group],
                                      neighbours_with_data=None))
        found = _pick(rows, measure_id, neighbours, group, ("official", "computed"))
        if len(found):
            mean = _neighbour_mean(found)
            parts.append(mean.assign(kind=NEIGHBOUR_MEAN, area=NEIGHBOUR_NAME, pupil_group=group,
                                     group_label=labels[group], status="computed",
                                     unit=found["unit"].iloc[0]))
    frame = pd.concat([p for p in parts if len(p)], ignore_index=True) if any(
        len(p) for p in parts) else pd.DataFrame(columns=SERIES_COLUMNS)
    frame = frame[SERIES_COLUMNS].copy()
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("period", key=lambda s: s.map(_sort_key), kind="stable",
                             ignore_index=True)


def _sort_key(period: str) -> Any:
    return period_end(period) or pd.Timestamp.max.date()


GAP_COLUMNS = ["kind", "area", "period", "value", "suppression", "unit", "status", "source_id",
               "neighbours_with_data"]


def differences(rows: pd.DataFrame, measure_id: str, codes: Sequence[str], pair: GroupPair,
                statuses: Sequence[str] = STATUS_PREFERENCE) -> pd.DataFrame:
    """Per area and period: the group's figure minus its comparison group's. A difference
    with a missing side is missing too, with that side's code. Columns: area_code, area,
    period, value, suppression, unit, status (the weaker of the two), source_id."""
    paired = _pick(rows, measure_id, codes, pair.group, statuses).merge(
        _pick(rows, measure_id, codes, pair.comparison, statuses), on=["area_code", "period"],
        suffixes=("", "_other"))
    gap = paired["value"] - paired["value_other"]
    code = paired["suppression"].where(paired["suppression"] != "", paired["suppression_other"])
    return pd.DataFrame({
        "area_code": paired["area_code"], "area": paired["area_name"],
        "period": paired["period"], "value": gap.astype("float64"),
        "suppression": code.where(gap.isna(), ""), "unit": paired["unit"],
        "status": [_weakest(a, b) for a, b in zip(paired["status"], paired["status_other"],
                                                  strict=True)],
        "source_id": [";".join(dict.fromkeys([a, b])) for a, b in zip(
            paired["source_id"], paired["source_id_other"], strict=True)]})


def gaps(rows: pd.DataFrame, area: Area, neighbours: Sequence[str], measure_id: str,
         pair: GroupPair) -> pd.DataFrame:
    """The gap (group minus comparison group) per period for the county, England and the
    neighbours (the mean of each neighbour's own gap). Columns: GAP_COLUMNS."""
    parts = []
    for kind, code in ((COUNTY, area.ons_code), (ENGLAND, area.england_code)):
        parts.append(differences(rows, measure_id, [code], pair).assign(
            kind=kind, neighbours_with_data=None))
    others = differences(rows, measure_id, neighbours, pair, ("official", "computed"))
    if len(others):
        parts.append(_neighbour_mean(others).assign(
            kind=NEIGHBOUR_MEAN, area=NEIGHBOUR_NAME, status="computed",
            unit=others["unit"].iloc[0]))
    parts = [p for p in parts if len(p)]
    if not parts:
        return pd.DataFrame(columns=GAP_COLUMNS)
    frame = pd.concat(parts, ignore_index=True)[GAP_COLUMNS]
    frame["value"] = frame["value"].astype("float64")
    return frame.sort_values("period", key=lambda s: s.map(_sort_key), kind="stable",
                             ignore_index=True)


def _weakest(*statuses: str) -> str:
    """The least authoritative of the statuses a figure rests on."""
    return max(statuses, key=lambda s: STATUS_PREFERENCE.index(s)
               if s in STATUS_PREFERENCE else len(STATUS_PREFERENCE))


def _value_at(frame: pd.DataFrame, kind: str, period: str) -> float | None:
    found = frame[(frame["kind"] == kind) & (frame["period"] == period)]["value"]
    return None if found.empty or pd.isna(found.iloc[0]) else float(found.iloc[0])


def latest_gaps(rows: pd.DataFrame, area: Area, neighbours: Sequence[str]) -> pd.DataFrame:
    """The latest county gap for every group and measure with one, with England's and the
    neighbours' gap for the same year. Columns: pair, measure_id, period, county, england,
    neighbours, unit, suppression (the county gap's code when it is missing)."""
    records = []
    for pair in GROUP_PAIRS:
        for measure_id in available_measures(rows, area, pair):
            frame = gaps(rows, area, neighbours, measure_id, pair)
            county = frame[frame["kind"] == COUNTY]
            if county.empty:
                continue
            dated = county[county["value"].notna()]
            last = (dated if len(dated) else county).iloc[-1]
            records.append({"pair": pair.key, "measure_id": measure_id,
                            "period": last["period"],
                            "county": _value_at(frame, COUNTY, last["period"]),
                            "england": _value_at(frame, ENGLAND, last["period"]),
                            "neighbours": _value_at(frame, NEIGHBOUR_MEAN, last["period"]),
                            "unit": last["unit"], "suppression": last["suppression"]})
    return pd.DataFrame.from_records(records, columns=[
        "pair", "measure_id", "period", "county", "england", "neighbours", "unit",
        "suppression"])


def district_differences(measures: pd.DataFrame, area: Area, measure_id: str,
                         pair: GroupPair) -> pd.DataFrame:
    """The group minus its comparison group for each district and the county, in the periods
    the districts have figures for. Columns as `differences`."""
    codes = [*area.district_codes, area.ons_code]
    rows = best_rows(measures[(measures["measure_id"] == measure_id)
                              & measures["pupil_group"].isin([pair.group, pair.comparison])
                              & (measures["population"] == "all")
                              & measures["area_code"].isin(codes)])
    found = differences(rows, measure_id, codes, pair)
    district_periods = set(found.loc[found["area_code"].isin(area.district_codes), "period"])
    return found[found["period"].isin(district_periods)].reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The page's settings and what it shows for them


def measures_offered(store: Store, group: str) -> tuple[str, ...]:
    """The measures the group has county figures for (with its comparison group's)."""
    def by_group(loaded: Store) -> dict[str, tuple[str, ...]]:
        area = load_area()
        county = group_rows(loaded.measures, area, ())
        return {p.key: tuple(available_measures(county, area, p)) for p in GROUP_PAIRS}

    return store.derived("groups-measures", by_group)[group]


def default_measure(measures: Sequence[str]) -> str:
    """KS2 reading, writing and maths where the group has it, else its first measure ("" for
    a group with no figures)."""
    if DEFAULT_MEASURE in measures:
        return DEFAULT_MEASURE
    return measures[0] if measures else ""


def settings(store: Store, area: Area) -> tuple[Setting, ...]:
    """The page's settings; the measures on offer depend on the group chosen."""
    def offered(chosen: Choices) -> tuple[str, ...]:
        return measures_offered(store, chosen[GROUP])

    return (Setting(GROUP, DEFAULT_GROUP, tuple(PAIR_BY_KEY)),
            Setting(MEASURE, lambda chosen: default_measure(offered(chosen)), offered),
            Setting(NEIGHBOURS, area.current_neighbours, neighbour_lists(area)))


def rows_for(store: Store, area: Area, neighbour_list: str) -> pd.DataFrame:
    """The rows the page reads for a neighbour list (`group_rows`), narrowed once per loaded
    store: every chart and the latest gaps read them."""
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    return store.derived(f"groups-rows:{neighbour_list}",
                         lambda loaded: group_rows(loaded.measures, area, codes))


@dataclass(frozen=True)
class GapRow:
    """One row of the latest-gaps table, as shown."""

    group: str
    measure: str
    period: str
    county: str
    england: str
    neighbours: str
    unit: str  # "percentage points" or "points"
    query: str  # the address's query showing this group and measure ("" for the defaults)


def signed(number: float | None, places: int, code: str = "x") -> str:
    """A gap with its sign ("+1.0", "-0.45"; "0.0" for none); a missing one shows its code."""
    if number is None or pd.isna(number):
        return f"[{code or 'x'}]"
    return f"{number:+.{places}f}" if round(number, places) else f"{0:.{places}f}"


@memoize
def latest_gap_rows(store: Store, neighbour_list: str) -> tuple[GapRow, ...]:
    """The latest gap for every group and measure, as the table shows it, made once across
    workers for a build and neighbour list."""
    area = load_area()
    page_settings = settings(store, area)
    codes = neighbour_codes(area, store.tables.get("la_codes"), neighbour_list)
    found = latest_gaps(rows_for(store, area, neighbour_list), area, codes)
    rows = []
    for record in found.to_dict("records"):
        pair, measure_id = PAIR_BY_KEY[record["pair"]], record["measure_id"]
        percent = record["unit"] == "percent"
        places = 1 if percent else decimals("score", measure_id)
        chosen = {GROUP: pair.key, MEASURE: measure_id, NEIGHBOURS: neighbour_list}
        rows.append(GapRow(
            group=pair.label, measure=measure_label(measure_id),
            period=period_label(record["period"]),
            county=signed(record["county"], places, record["suppression"]),
            england=signed(record["england"], places),
            neighbours=signed(record["neighbours"], places),
            unit="percentage points" if percent else "points",
            query=query_string(chosen, page_settings)))
    return tuple(rows)


@dataclass(frozen=True)
class GroupsModel:
    """What the page says for its settings, beside its charts."""

    area_name: str
    group: str
    measure: str  # "" when the group has no figures
    neighbours: str
    measures: tuple[str, ...]  # on offer for the group
    neighbour_lists: tuple[str, ...]  # the current one first
    neighbour_names: str
    gaps: tuple[GapRow, ...]


def groups_model(store: Store, chosen: Mapping[str, str]) -> GroupsModel:
    """The page for settings read with `settings`."""
    area = load_area()
    neighbour_list = chosen[NEIGHBOURS]
    names = neighbour_names(area, store.tables.get("la_codes"), neighbour_list)
    return GroupsModel(
        area_name=area.name, group=chosen[GROUP], measure=chosen[MEASURE],
        neighbours=neighbour_list, measures=measures_offered(store, chosen[GROUP]),
        neighbour_lists=neighbour_lists(area),
        neighbour_names=", ".join(names.values()) or "none known",
        gaps=latest_gap_rows(store, neighbour_list))
