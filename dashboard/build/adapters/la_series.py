"""LA-level series from DfE publications other than LAIT (-> la_indicators).

NCCIS NEET and participation at 16-17; permanent and fixed-period exclusions 2006/07-2016/17;
the SEND / AP inclusion dashboard (Ofsted outcomes by school type, and key stage 2, key stage 4,
absence, early years and SEN figures by SEN status); key stage 4 2018/19 by pupil
characteristic; school places scorecards. Every file covers all English LAs, regions and
England; LA rows are given ONS codes through the shared LA geography in lait.py.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.build.adapters.lait import (
    GEOGRAPHY_FILES,
    NEET_FILES,
    NEET_URL,
    Geography,
    SeriesMap,
    academic_years,
    as_la_numbers,
    covid_notes,
    indicator_frame,
    name_key,
    rate_notes,
    read_any_table,
    read_geography,
    read_neet_file,
)
from dashboard.build.sources import Source, parse_numbers, read_csv, resolve_columns
from dashboard.errors import SourceError

SEND_FOLDER = "dfe_send_ap_inclusion_dashboard"
SEND_REHOST = (
    "CSVs extracted from the prepared_data.Rdata of DfE's SEND and AP inclusion "
    "dashboard repository; values are DfE's, some columns were renamed by the "
    "dashboard ({renamed}). Official files with the EES column names load too."
)
EES = "https://explore-education-statistics.service.gov.uk/find-statistics"


class ValueColumn(NamedTuple):
    """A publisher column of values, the measure it feeds, and its count columns if any."""

    series: SeriesMap
    name: str
    numerator: str | None = None
    denominator: str | None = None


def _own_files_and_geography(paths: Sequence[Path], own: int) -> tuple[list[Path], Geography]:
    """A source's first `own` files, and the LA geography from the files after them."""
    return list(paths[:own]), read_geography(paths[own:])


def _optional(
    frame: pd.DataFrame, path: Path, columns: Mapping[str, Sequence[str]]
) -> pd.DataFrame:
    """resolve_columns for the canonical columns that have a spelling present; others skipped."""
    present = {c.strip().lower() for c in frame.columns}
    found = {
        name: spellings
        for name, spellings in columns.items()
        if any(s.lower() in present for s in spellings)
    }
    return resolve_columns(frame, path, found)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    if column not in frame:
        return pd.Series(pd.NA, index=frame.index, dtype="string")
    return frame[column].astype("string").str.strip().replace("", pd.NA)


def _known(raw: pd.Series, lookup: Mapping[str, object], path: Path, column: str) -> pd.Series:
    """Map publisher wording (case and spacing ignored) through `lookup`; unknown text stops
    the build."""
    mapped = raw.astype("string").str.strip().str.lower().map(lookup)
    if mapped.isna().any():
        raise SourceError(
            path.name,
            "unexpected value",
            column=column,
            rows=[repr(v) for v in raw[mapped.isna()].unique()[:5]],
        )
    return mapped


def _places(
    frame: pd.DataFrame, geography: Geography, path: Path, periods: pd.Series
) -> pd.DataFrame:
    """Area columns for rows with `level`, `la_name`, `region_name` and optional `la_number`,
    `ons_code` columns (the EES layout)."""
    levels = _text(frame, "level")
    kind = levels.str.lower()
    names = _text(frame, "la_name").where(
        kind == "local authority",
        _text(frame, "region_name").where(
            kind.isin(["regional", "region"]), geography.england_name
        ),
    )
    la_numbers = (
        as_la_numbers(frame["la_number"], path, "old_la_code") if "la_number" in frame else None
    )
    ons_codes = _text(frame, "ons_code") if "ons_code" in frame else None
    return geography.locate(
        levels, names, la_numbers=la_numbers, ons_codes=ons_codes, periods=periods, path=path
    )


def _melt(
    frame: pd.DataFrame,
    place: pd.DataFrame,
    columns: Mapping[str, ValueColumn],
    path: Path,
    *,
    populations: pd.Series | None = None,
    pupil_groups: pd.Series | None = None,
) -> pd.DataFrame:
    """One row per area row and value column; blank cells (not published) are left out.

    `populations` / `pupil_groups` override the series' own when they vary by row.
    """
    parts = []
    located = place["area_type"].notna()
    for column, spec in columns.items():
        if column not in frame:
            continue
        value, suppression = parse_numbers(frame[column], path, column)
        part = place.assign(
            indicator_id=column,
            indicator_name=spec.name,
            value=value,
            suppression=suppression,
            period=frame["period"],
            period_label=frame["period_label"],
            **spec.series._asdict(),
        )
        for role, count_column in (
            ("numerator", spec.numerator),
            ("denominator", spec.denominator),
        ):
            if count_column in frame:
                part[role], _ = parse_numbers(frame[count_column], path, count_column)
        if populations is not None:
            part["population"] = populations
        if pupil_groups is not None:
            part["pupil_group"] = pupil_groups
        parts.append(part[located & (value.notna() | suppression.notna())])
    return pd.concat(parts, ignore_index=True)


def _finish(rows: pd.DataFrame, source_id: str, note: pd.Series | None = None) -> pd.DataFrame:
    """Notes (COVID-19 gaps, then rates, then `note`) and the la_indicators layout."""
    notes = covid_notes(rows).fillna(rate_notes(rows["measure_id"]))
    if note is not None:
        notes = notes.fillna(note)
    return indicator_frame(rows.assign(note=notes), source_id)


def _combine(parts: Sequence[pd.DataFrame], source_id: str) -> pd.DataFrame:
    """Rows of an LA file and its England-and-regions companion: areas in both appear once.

    The companion only adds areas missing from the LA file (London); a figure the two files
    give differently stops the build.
    """
    rows = pd.concat(parts, ignore_index=True)
    key = ["indicator_id", "population", "pupil_group", "area_type", "area_name", "period"]
    repeated = rows[rows.duplicated(key, keep=False)]
    differing = repeated.groupby(key, dropna=False)["value"].nunique(dropna=False) > 1
    if differing.any():
        raise SourceError(
            source_id,
            "the LA file and the England and regions file disagree",
            column="value",
            rows=[str(k) for k in differing[differing].index[:5]],
        )
    return rows.drop_duplicates(key).reset_index(drop=True)


# Pupil groups by the SEN wording of the files (lower case).
_SEN_GROUPS = {
    "all sen": "sen_any",
    "any sen": "sen_any",
    "sen": "sen_any",
    "ehc plan": "sen_ehcp",
    "ehcp": "sen_ehcp",
    "ehcp or statement": "sen_ehcp",
    "statement or ehc plan": "sen_ehcp",
    "sen support": "sen_support",
    "no sen": "no_sen",
    "no identified sen": "no_sen",
    "total": "all",
    "all pupils": "all",
}
_UNGROUPED = frozenset({"unclassified", "sen unclassified"})  # not a dashboard pupil group


def _sen_groups(raw: pd.Series, path: Path, column: str) -> pd.Series:
    """Pupil group for each row's SEN status; <NA> for 'Unclassified'; others stop the build."""
    lowered = raw.astype("string").str.strip().str.lower()
    groups = lowered.map(_SEN_GROUPS).astype("string")
    bad = groups.isna() & ~lowered.isin(_UNGROUPED)
    if bad.any():
        raise SourceError(
            path.name,
            "unknown SEN status",
            column=column,
            rows=[repr(v) for v in raw[bad].unique()[:5]],
        )
    return groups


_EES_PLACE_COLUMNS = {
    "time_period": ["time_period", "Year", "year"],
    "level": ["geographic_level", "level"],
    "region_name": ["region_name", "Region"],
    "la_name": ["la_name", "LA_name"],
}
_EES_CODES = {"la_number": ["old_la_code", "LANumber"], "ons_code": ["new_la_code"]}


def _ees_frame(
    path: Path,
    columns: Mapping[str, Sequence[str]],
    *,
    optional: Mapping[str, Sequence[str]] | None = None,
    read: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """An EES-layout file: its place columns, `columns` (and `optional` ones where present),
    LA codes where present, and period / period_label.

    Files without a geographic level column (the dashboard's England and regions files) have
    national rows named "England" and regional rows otherwise; files without region_name
    (exclusions) name regions in la_name.
    """
    frame = read if read is not None else read_csv(path)
    lowered = {c.strip().lower() for c in frame.columns}
    if "la_name" not in lowered:
        frame = frame.assign(la_name=pd.NA)
    if not lowered & {"region_name", "region"}:
        frame = frame.assign(region_name=frame["la_name"])
    if not lowered & {"geographic_level", "level"}:
        frame = frame.assign(
            level=frame["region_name"].map(
                lambda n: "National" if name_key(n) == "england" else "Regional"
            )
        )
    resolved = resolve_columns(frame, path, {**_EES_PLACE_COLUMNS, **columns})
    codes = _optional(frame, path, {**_EES_CODES, **(optional or {})})
    resolved, codes = resolved.reset_index(drop=True), codes.reset_index(drop=True)
    label = resolved["time_period"].astype("string").str.strip().str.removesuffix(".0")
    return pd.concat([resolved, codes], axis=1).assign(
        period=academic_years(label, path, "time_period"), period_label=label
    )


# --- NCCIS NEET and participation ------------------------------------------------------------

NEET_SERIES: dict[str, ValueColumn] = {
    "NEET_not_known_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct"),
        "16-17 year olds NEET or whose activity is not known",
        denominator="Cohort_DJFavg",
    ),
    "NEET_percent": ValueColumn(
        SeriesMap("neet_pct"),
        "16-17 year olds not in education, employment or training",
        denominator="Cohort_DJFavg",
    ),
    "Notknown_percent": ValueColumn(
        SeriesMap("not_known_pct"),
        "16-17 year olds whose activity is not known",
        denominator="Cohort_DJFavg",
    ),
    "TOTAL_participating_in_education_and_training_percent": ValueColumn(
        SeriesMap("participation_pct"),
        "16-17 year olds participating in education and training",
        denominator="cohort_March",
    ),
    "NEET_NK_noSEN_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="no_sen"),
        "16-17 year olds NEET or not known: no SEN",
    ),
    "NEET_NK_EHCP_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="sen_ehcp"),
        "16-17 year olds NEET or not known: with an EHC plan",
    ),
    "NEET_NK_SENDsupport_percent": ValueColumn(
        SeriesMap("neet_or_not_known_pct", pupil_group="sen_support"),
        "16-17 year olds NEET or not known: SEN support",
    ),
}
# Every year's file has these; the SEN splits and participation vary by year.
_NEET_REQUIRED = ("NEET_not_known_percent", "NEET_percent", "Notknown_percent", "Cohort_DJFavg")
_NEET_OPTIONAL = sorted(
    {name for column, spec in NEET_SERIES.items() for name in (column, spec.denominator) if name}
    - set(_NEET_REQUIRED)
)


def _neet_rows(path: Path, geography: Geography) -> pd.DataFrame:
    frame = _ees_frame(
        path,
        {c: [c] for c in _NEET_REQUIRED},
        optional={c: [c] for c in _NEET_OPTIONAL},
        read=read_neet_file(path),
    )
    frame["period"] = frame["period_label"]  # calendar year, as published
    place = _places(frame, geography, path, frame["period"])
    return _melt(frame, place, NEET_SERIES, path)


def _neet_notes(rows: pd.DataFrame) -> pd.Series:
    year = pd.to_numeric(rows["period"], errors="coerce").astype("Int64")
    counted = (
        "December "
        + (year - 1).astype("string")
        + " to February "
        + year.astype("string")
        + " average"
    )
    march = "End of March " + year.astype("string")
    return counted.where(rows["measure_id"] != "participation_pct", march)


def load_neet(paths: list[Path]) -> pd.DataFrame:
    """NEET, not known and participation of 16-17 year olds, one calendar year per file."""
    geography = read_geography(paths)
    rows = pd.concat([_neet_rows(path, geography) for path in paths], ignore_index=True)
    return _finish(rows, "neet_2021_2025", _neet_notes(rows))


# --- Exclusions 2006/07 to 2016/17 -----------------------------------------------------------

_EXCLUSION_POPULATIONS = {
    "total": "all",
    "primary": "primary",
    "secondary": "secondary",
    "special": "special",
}
EXCLUSION_SERIES: dict[str, ValueColumn] = {
    "perm_excl_rate": ValueColumn(
        SeriesMap("permanent_exclusion_rate", unit="rate"),
        "Permanent exclusions (% of pupils on roll)",
        "perm_excl",
        "headcount",
    ),
    "fixed_excl_rate": ValueColumn(
        SeriesMap("suspension_rate", unit="rate"),
        "Fixed-period exclusions (% of pupils on roll)",
        "fixed_excl",
        "headcount",
    ),
    "one_or_more_fixed_excl_rate": ValueColumn(
        SeriesMap("pct_pupils_one_or_more_suspensions"),
        "Pupils with one or more fixed-period exclusions (%)",
        "one_plus_fixed",
        "headcount",
    ),
}
_EXCLUSION_COLUMNS = {
    "school_type": ["school_type"],
    "headcount": ["headcount"],
    "perm_excl": ["perm_excl"],
    "perm_excl_rate": ["perm_excl_rate"],
    "fixed_excl": ["fixed_excl", "susp"],
    "fixed_excl_rate": ["fixed_excl_rate", "susp_rate"],
    "one_plus_fixed": ["one_plus_fixed", "one_plus_susp"],
    "one_or_more_fixed_excl_rate": ["one_or_more_fixed_excl_rate", "one_plus_susp_rate"],
}
# The file's placeholder rows (no school, no pupils).
_EXCLUSION_PLACEHOLDER = "NULL"
# The file writes '.' for a rate without pupils to divide by (new LAs in 2008/09).
_NO_RATE = "."


def load_exclusions(paths: list[Path]) -> pd.DataFrame:
    """Permanent and fixed-period exclusions by LA and phase, 2006/07 to 2016/17."""
    (path,), geography = _own_files_and_geography(paths, 1)
    raw = read_csv(path)
    raw = raw[raw.get("la_name", pd.Series("", index=raw.index)) != _EXCLUSION_PLACEHOLDER]
    raw = raw.replace(_NO_RATE, "x")
    frame = _ees_frame(path, _EXCLUSION_COLUMNS, read=raw)
    place = _places(frame, geography, path, frame["period"])
    populations = _known(frame["school_type"], _EXCLUSION_POPULATIONS, path, "school_type")
    rows = _melt(frame, place, EXCLUSION_SERIES, path, populations=populations)
    return _finish(rows, "dfe_exclusions_2006_2017")


# --- Ofsted outcomes by LA and school type ---------------------------------------------------

_OFSTED_POPULATIONS = {
    "state-funded mainstream school": "mainstream",
    "state-funded special school": "special",
    "state-funded ap school": "ap",
}
MAINSTREAM_INCLUDES_NURSERY = (
    "Ofsted counts maintained nursery schools as state-funded mainstream schools."
)
# Non-maintained special schools are independent (not state-funded): left out.
_OFSTED_SKIPPED = frozenset({"non-maintained special school"})
_GRADES = {"outstanding": 1, "good": 2, "requires improvement": 3, "inadequate": 4}
OFSTED_SERIES: dict[str, tuple[SeriesMap, tuple[int, ...], str]] = {
    "good_or_outstanding": (
        SeriesMap("pct_schools_good_or_outstanding"),
        (1, 2),
        "Schools judged good or outstanding (% of inspected schools)",
    ),
    "outstanding": (
        SeriesMap("pct_schools_outstanding"),
        (1,),
        "Schools judged outstanding (% of inspected schools)",
    ),
    "requires_improvement": (
        SeriesMap("pct_schools_requires_improvement"),
        (3,),
        "Schools judged requires improvement (% of inspected schools)",
    ),
    "inadequate": (
        SeriesMap("pct_schools_inadequate"),
        (4,),
        "Schools judged inadequate (% of inspected schools)",
    ),
}


def _ofsted_counts(path: Path) -> pd.DataFrame:
    """Schools by grade: one row per year, school type and area, columns 1-4 and total."""
    raw = read_csv(path)
    frame = resolve_columns(
        raw,
        path,
        {
            "year": ["Year"],
            "school_type": ["school_type"],
            "grade": ["Overall effectiveness"],
            "total": ["grand_total_schools"],
            "level": ["geographic_level"],
            "region_name": ["Region", "region_name"],
            "la_name": ["la_name"],
            "measure": ["Measure"],
            "count": ["Value"],
        },
    )
    frame = frame[frame["measure"].str.contains("number of schools", case=False)]
    school_type = frame["school_type"].str.strip().str.lower()
    frame = frame[~school_type.isin(_OFSTED_SKIPPED)]
    frame = frame.assign(
        population=_known(frame["school_type"], _OFSTED_POPULATIONS, path, "school_type"),
        grade=_known(frame["grade"], _GRADES, path, "Overall effectiveness"),
    )
    frame["count"], _ = parse_numbers(frame["count"], path, "Value")
    frame["total"], _ = parse_numbers(frame["total"], path, "grand_total_schools")
    keys = ["year", "population", "level", "region_name", "la_name", "total"]
    # A grade with no row has no schools: the published counts add up to the total.
    counts = frame.groupby([*keys, "grade"])["count"].sum().unstack("grade", fill_value=0)
    counts = counts.reindex(columns=list(_GRADES.values()), fill_value=0).reset_index()
    return counts[counts["total"].notna() & (counts["total"] > 0)].reset_index(drop=True)


def load_ofsted_outcomes(paths: list[Path]) -> pd.DataFrame:
    """% of inspected schools by overall effectiveness, as at 31 August, by school type."""
    (path,), geography = _own_files_and_geography(paths, 1)
    counts = _ofsted_counts(path)
    year = counts["year"].astype("string").str.strip()
    periods = year + "-08-31"
    place = _places(counts, geography, path, periods)
    parts = []
    for indicator, (series, grades, name) in OFSTED_SERIES.items():
        numerator = counts[list(grades)].sum(axis=1).astype("float64")
        parts.append(
            place.assign(
                indicator_id=indicator,
                indicator_name=name,
                period=periods,
                period_label="31 August " + year,
                numerator=numerator,
                denominator=counts["total"].astype("float64"),
                value=(100 * numerator / counts["total"]).round(2),
                **{**series._asdict(), "population": counts["population"].astype("string")},
            )[place["area_type"].notna()]
        )
    rows = pd.concat(parts, ignore_index=True)
    # Ofsted's "mainstream" includes maintained nursery schools: say so wherever it is shown.
    note = pd.Series(pd.NA, index=rows.index, dtype="string").mask(
        rows["population"] == "mainstream", MAINSTREAM_INCLUDES_NURSERY
    )
    return _finish(rows, "ofsted_la_outcomes_2019_2023", note)


# --- SEND dashboard: results, absence, early years, SEN by LA ---------------------------------


def _sen_status_file(
    path: Path,
    geography: Geography,
    *,
    status: Sequence[str],
    columns: Mapping[str, ValueColumn],
    read: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Rows of a file with one SEN status (`status` column spellings) per row."""
    needed = {
        name: [name]
        for spec in columns.values()
        for name in (spec.numerator, spec.denominator)
        if name
    }
    frame = _ees_frame(path, {"status": status, **needed, **{c: [c] for c in columns}}, read=read)
    groups = _sen_groups(frame["status"], path, status[0])
    frame = frame[groups.notna()].reset_index(drop=True)
    place = _places(frame, geography, path, frame["period"])
    return _melt(frame, place, columns, path, pupil_groups=groups.dropna().reset_index(drop=True))


def _sen_status_rows(
    paths: Sequence[Path],
    geography: Geography,
    *,
    status: Sequence[str],
    columns: Mapping[str, ValueColumn],
    source_id: str,
) -> pd.DataFrame:
    """An SEN-status file and its England-and-regions companion."""
    return _combine(
        [_sen_status_file(p, geography, status=status, columns=columns) for p in paths], source_id
    )


KS2_SEN_SERIES = {
    "pt_rwm_met_expected_standard": ValueColumn(
        SeriesMap("ks2_rwm_expected_pct"),
        "Pupils meeting the expected standard in reading, writing and maths (%)",
        "t_rwm_met_expected_standard",
        "t_rwm_eligible_pupils",
    ),
}
KS4_SEN_SERIES = {
    "avg_att8": ValueColumn(
        SeriesMap("ks4_attainment8", unit="score"),
        "Average Attainment 8 score",
        denominator="t_pupils",
    ),
    "avg_p8score": ValueColumn(
        SeriesMap("ks4_progress8", unit="score"), "Average Progress 8 score", denominator="t_pupils"
    ),
}
EYFS_SEN_SERIES = {
    "gld_percentage": ValueColumn(
        SeriesMap("eyfs_gld_pct"),
        "Children with a good level of development (%)",
        "gld_number",
        "children_number",
    ),
}


def load_ks2_sen(paths: list[Path]) -> pd.DataFrame:
    """Key stage 2 reading, writing and maths expected standard by SEN status."""
    own, geography = _own_files_and_geography(paths, 2)
    rows = _sen_status_rows(
        own,
        geography,
        status=["characteristic", "sen_status"],
        columns=KS2_SEN_SERIES,
        source_id="send_ks2_sen",
    )
    return _finish(rows, "send_ks2_sen")


def load_ks4_sen(paths: list[Path]) -> pd.DataFrame:
    """Key stage 4 Attainment 8 and Progress 8 by SEN status."""
    own, geography = _own_files_and_geography(paths, 2)
    rows = _sen_status_rows(
        own,
        geography,
        status=["characteristic_sen_description", "sen_description", "SEN provision"],
        columns=KS4_SEN_SERIES,
        source_id="send_ks4_sen",
    )
    return _finish(rows, "send_ks4_sen")


def load_eyfs_sen(paths: list[Path]) -> pd.DataFrame:
    """Early years foundation stage profile: good level of development by SEN status."""
    own, geography = _own_files_and_geography(paths, 1)
    rows = _sen_status_rows(
        own,
        geography,
        status=["characteristic_type", "characteristic"],
        columns=EYFS_SEN_SERIES,
        source_id="send_eyfs_gld_sen",
    )
    return _finish(rows, "send_eyfs_gld_sen")


_ABSENCE_OVERALL = ValueColumn(
    SeriesMap("pct_overall_absence"), "Overall absence (% of sessions missed)"
)


def _absence_file(path: Path, geography: Geography) -> pd.DataFrame:
    """Overall absence by SEN status: the dashboard's long layout ('Absence measure',
    'Percentage') or the EES wide layout (sess_overall_percent)."""
    raw = read_csv(path)
    if "sess_overall_percent" not in raw.columns:
        measure = resolve_columns(raw, path, {"measure": ["Absence measure"]})["measure"]
        raw = raw[measure.str.strip().str.lower() == "overall"].rename(
            columns={"Percentage": "sess_overall_percent"}
        )
    return _sen_status_file(
        path,
        geography,
        status=["characteristic", "sen_status"],
        columns={"sess_overall_percent": _ABSENCE_OVERALL},
        read=raw,
    )


def load_absence_sen(paths: list[Path]) -> pd.DataFrame:
    """Overall absence of pupils by SEN status."""
    own, geography = _own_files_and_geography(paths, 2)
    rows = _combine([_absence_file(p, geography) for p in own], "send_absence_sen")
    return _finish(rows, "send_absence_sen")


# 'SEN provision' -> the measure "% of pupils who have it", and its name.
_SEN_SHARES = {
    "sen_ehcp": ("pct_pupils_sen_ehcp", "Pupils with an EHC plan"),
    "sen_support": ("pct_pupils_sen_support", "Pupils with SEN support"),
    "sen_any": ("pct_pupils_sen_any", "Pupils with any SEN"),
}


def _sen_share_file(path: Path, geography: Geography) -> pd.DataFrame:
    frame = _ees_frame(
        path,
        {"provision": ["SEN provision"], "percent": ["% of pupils"]},
        optional={"total_pupils": ["total_pupils"]},
    )
    provision = _sen_groups(frame["provision"], path, "SEN provision")
    # The dashboard's mainstream-schools file says so in its name; the other covers all schools.
    population = "mainstream" if "mainstream" in path.name.lower() else "all"
    place = _places(frame, geography, path, frame["period"])
    parts = []
    for group, (measure_id, name) in _SEN_SHARES.items():
        chosen = (provision == group).fillna(False).to_numpy()
        spec = ValueColumn(
            SeriesMap(measure_id, population=population),
            f"{name} (% of pupils, {population} schools)",
            denominator="total_pupils" if "total_pupils" in frame else None,
        )
        part = _melt(
            frame[chosen].reset_index(drop=True),
            place[chosen].reset_index(drop=True),
            {"percent": spec},
            path,
        )
        parts.append(part.assign(indicator_id=f"SEN provision: {group}"))
    return pd.concat(parts, ignore_index=True)


def load_sen_shares(paths: list[Path]) -> pd.DataFrame:
    """% of pupils with an EHC plan / SEN support, all schools and mainstream schools."""
    own, geography = _own_files_and_geography(paths, 2)
    rows = pd.concat([_sen_share_file(p, geography) for p in own], ignore_index=True)
    return _finish(rows, "send_pct_pupils_sen")


# --- Key stage 4 2018/19 by pupil characteristic ----------------------------------------------

KS4_CHARACTERISTIC_SERIES = {
    "avg_att8": ValueColumn(
        SeriesMap("ks4_attainment8", unit="score"),
        "Average Attainment 8 score",
        denominator="t_pupils",
    ),
    "avg_p8score": ValueColumn(
        SeriesMap("ks4_progress8", unit="score"),
        "Average Progress 8 score",
        denominator="t_inp8calc",
    ),
    "pt_l2basics_94": ValueColumn(
        SeriesMap("ks4_english_maths_grade4_pct"),
        "Grade 4 or above in English and maths (%)",
        "t_l2basics_94",
        "t_pupils",
    ),
    "pt_l2basics_95": ValueColumn(
        SeriesMap("ks4_english_maths_grade5_pct"),
        "Grade 5 or above in English and maths (%)",
        "t_l2basics_95",
        "t_pupils",
    ),
    "pt_ebacc_e_ptq_ee": ValueColumn(
        SeriesMap("ks4_ebacc_entry_pct"),
        "Entered for the English Baccalaureate (%)",
        "t_ebacc_e_ptq_ee",
        "t_pupils",
    ),
}
# Characteristic column -> its values that are a dashboard pupil group. A row describes one
# group when exactly one characteristic column is not 'Total'; rows crossing two (boys with
# SEN) and ethnic groups are not read; 'No identified SEN' repeats sen_status 'No SEN'.
KS4_CHARACTERISTICS: dict[str, dict[str, str]] = {
    "gender": {"Boys": "boys", "Girls": "girls"},
    "disadvantage": {
        "Disadvantaged": "disadvantaged",
        "Disadvantaged all other": "not_disadvantaged",
    },
    "free_school_meals": {"FSM": "fsm", "FSM all other": "not_fsm"},
    "first_language": {"Other than English": "eal", "English": "not_eal"},
    "sen_status": {"SEN State EHC": "sen_ehcp", "SEN Supp": "sen_support", "No SEN": "no_sen"},
    "sen_description": {"Any SEN": "sen_any"},
    "ethnic_major": {},
}


def _characteristic_groups(frame: pd.DataFrame) -> pd.Series:
    groups = pd.Series("all", index=frame.index, dtype="string")
    described = pd.Series(0, index=frame.index)
    for column, values in KS4_CHARACTERISTICS.items():
        text = frame[column].astype("string").str.strip()
        is_split = text.str.lower() != "total"
        described += is_split.astype(int)
        groups = groups.mask(is_split, text.map(values).astype("string"))
    return groups.where(described <= 1)


def load_ks4_characteristics(paths: list[Path]) -> pd.DataFrame:
    """Key stage 4 2018/19 (revised) by LA and pupil characteristic."""
    (path,), geography = _own_files_and_geography(paths, 1)
    counts = {
        name: [name]
        for spec in KS4_CHARACTERISTIC_SERIES.values()
        for name in (spec.numerator, spec.denominator)
        if name
    }
    frame = _ees_frame(
        path,
        {
            **{c: [c] for c in KS4_CHARACTERISTICS},
            **counts,
            **{c: [c] for c in KS4_CHARACTERISTIC_SERIES},
        },
        read=read_any_table(path),
    )
    groups = _characteristic_groups(frame)
    frame = frame[groups.notna()].reset_index(drop=True)
    place = _places(frame, geography, path, frame["period"])
    rows = _melt(
        frame,
        place,
        KS4_CHARACTERISTIC_SERIES,
        path,
        pupil_groups=groups.dropna().reset_index(drop=True),
    )
    return _finish(rows, "dfe_ks4_characteristics_2019")


# --- School places scorecards ----------------------------------------------------------------

_SCORECARD_PHASES = {"P": "primary", "S": "secondary"}
_NO_GRADES_NOTE = (
    "Not published: the scorecard has no places by Ofsted overall grade for this "
    "year (Ofsted stopped overall effectiveness grades in September 2024)"
)


def _scorecard_file(path: Path, geography: Geography) -> pd.DataFrame:
    raw = read_csv(path)
    if not any(c in raw.columns for c in ("Year", "time_period")):
        # Older scorecards are one year each, named by publication year: the 2022 scorecard
        # reports the 2021/22 school year.
        year_in_name = re.search(r"(20\d{2})", path.name)
        if not year_in_name:
            raise SourceError(
                path.name, "no Year column and no year in the file name", column="Year"
            )
        raw = raw.assign(Year=year_in_name.group(1))
    if "geographic_level" not in raw.columns:
        raw = raw.assign(
            geographic_level=raw["LA_name"].map(
                lambda n: "National" if name_key(n) == "england" else "Local authority"
            )
        )
    grade_columns = [f"Qual_{p}_{g}_E" for p in _SCORECARD_PHASES for g in range(1, 5)]
    frame = _ees_frame(path, {c: [c] for c in grade_columns}, read=raw)
    place = _places(frame, geography, path, frame["period"])
    parts = []
    for letter, phase in _SCORECARD_PHASES.items():
        places = {}
        for grade in range(1, 5):
            column = f"Qual_{letter}_{grade}_E"
            places[grade], _ = parse_numbers(frame[column], path, column)
        denominator = sum(places.values())
        numerator = places[1] + places[2]
        published = denominator.notna() & (denominator > 0)
        parts.append(
            place.assign(
                indicator_id=f"Qual_{letter}_E",
                period=frame["period"],
                period_label=frame["period_label"],
                indicator_name=f"Existing {phase} places in good or outstanding schools (%)",
                numerator=numerator,
                denominator=denominator,
                value=(100 * numerator / denominator).where(published).round(2),
                suppression=pd.Series(pd.NA, index=frame.index, dtype="string").mask(
                    ~published, "x"
                ),
                **SeriesMap("pct_places_good_or_outstanding", population=phase)._asdict(),
            )[place["area_type"].notna()]
        )
    return pd.concat(parts, ignore_index=True)


def load_scorecards(paths: list[Path]) -> pd.DataFrame:
    """% of existing primary / secondary places in good or outstanding schools (Ofsted)."""
    own, geography = _own_files_and_geography(paths, 2)
    rows = pd.concat([_scorecard_file(p, geography) for p in own], ignore_index=True)
    note = (
        pd.Series(pd.NA, index=rows.index, dtype="string")
        .mask(rows["value"].isna(), _NO_GRADES_NOTE)
        .fillna("Places in schools with no Ofsted grade are left out of the denominator")
    )
    return _finish(rows, "school_places_scorecards", note)


# --- sources ---------------------------------------------------------------------------------


def _send(name: str) -> str:
    return f"{SEND_FOLDER}/{name}"


SOURCES: list[Source] = [
    Source(
        id="neet_2021_2025",
        title="NEET and participation of 16-17 year olds by LA (NCCIS)",
        publisher="Department for Education",
        paths=NEET_FILES,
        data_date="2021 to 2025",
        table="la_indicators",
        load=load_neet,
        covers=(
            "NEET, not known, NEET or not known and participation in education and "
            "training of 16-17 year olds, every LA, region and England, 2021-2025; NEET or "
            "not known by SEN status (regions and LAs from 2022)."
        ),
        lacks=(
            "NEET figures are the December-February average, participation is at the end "
            "of March; no figures before 2021 here (LAIT has 2018 on)."
        ),
        official_url=NEET_URL,
        rehost_note=(
            "The NCCIS LA dashboard's yearly CSVs, unchanged apart from demo rows "
            "('LA demo', 'Region demo'), which are dropped."
        ),
    ),
    Source(
        id="dfe_exclusions_2006_2017",
        title="Permanent and fixed-period exclusions by LA and phase, 2006/07 to 2016/17",
        publisher="Department for Education",
        paths=(
            "dfe_exclusions_2006_2017/exclusions_la_by_phase_200607_201617.csv",
            *GEOGRAPHY_FILES,
        ),
        data_date="2006/07 to 2016/17",
        table="la_indicators",
        load=load_exclusions,
        covers=(
            "Permanent and fixed-period exclusion (suspension) rates and pupils with one or "
            "more fixed-period exclusions, every LA, region and England, by phase."
        ),
        lacks=(
            "The file has no LA codes: LAs are matched by name (Bedfordshire and Cheshire, "
            "abolished in 2009, have none); no London region (only inner and outer London, "
            "left out); later years come from LAIT."
        ),
        official_url=f"{EES}/suspensions-and-permanent-exclusions-in-england",
        rehost_note=(
            "clean_la_data.csv of DfE's exclusion-statistics repository: SFR35/2017 "
            "LA-by-phase figures with snake_case column names; placeholder rows with "
            "la_name 'NULL' are dropped."
        ),
    ),
    Source(
        id="ofsted_la_outcomes_2019_2023",
        title="Ofsted overall effectiveness by LA and school type, 31 August 2019-2023",
        publisher="Department for Education (from Ofsted official statistics)",
        paths=(_send("ofsted_outcomes_by_la_school_type_2019_2023.csv"), *GEOGRAPHY_FILES),
        data_date="2019-08-31 to 2023-08-31",
        table="la_indicators",
        load=load_ofsted_outcomes,
        covers=(
            "% of inspected state-funded mainstream, special and AP schools judged "
            "outstanding, good (or better), requires improvement and inadequate at their "
            "latest graded inspection, as at 31 August, every LA, region and England."
        ),
        lacks=(
            "Non-maintained special schools are left out (not state-funded); no pupil "
            "numbers, so no % of pupils in good or outstanding schools; nothing after "
            "August 2023."
        ),
        official_url=(
            "https://www.gov.uk/government/collections/maintained-schools-and-"
            "academies-inspections-and-outcomes-official-statistics"
        ),
        rehost_note=SEND_REHOST.format(renamed="Year, Measure, Value, Region"),
    ),
    Source(
        id="send_ks2_sen",
        title="Key stage 2 reading, writing and maths by SEN status",
        publisher="Department for Education",
        paths=(
            _send("ks2_rwm_by_la_sen_status.csv"),
            _send("ks2_rwm_by_sen_status_england_regions.csv"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2018/19, 2021/22, 2022/23",
        table="la_indicators",
        load=load_ks2_sen,
        covers="% meeting the expected standard by SEN status (any, EHC plan, SEN support, none).",
        lacks="Only three years; LAIT has the longer series.",
        official_url=f"{EES}/key-stage-2-attainment",
        rehost_note=SEND_REHOST.format(renamed="characteristic"),
    ),
    Source(
        id="send_ks4_sen",
        title="Key stage 4 Attainment 8 and Progress 8 by SEN status",
        publisher="Department for Education",
        paths=(
            _send("ks4_att8_p8_by_la_sen_status.csv"),
            _send("ks4_att8_p8_by_sen_status_england_regions.csv"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2018/19 to 2022/23",
        table="la_indicators",
        load=load_ks4_sen,
        covers="Attainment 8 and Progress 8 for pupils with any SEN and with no identified SEN.",
        lacks="No Progress 8 for 2019/20 and 2020/21 (COVID-19); no EHC plan / SEN support split.",
        official_url=f"{EES}/key-stage-4-performance",
        rehost_note=SEND_REHOST.format(renamed="SEN provision, time_period written as 202223.0"),
    ),
    Source(
        id="send_absence_sen",
        title="Overall absence by SEN status",
        publisher="Department for Education",
        paths=(
            _send("absence_by_la_sen_status.csv"),
            _send("absence_by_sen_status_england_regions.csv"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2016/17 to 2022/23",
        table="la_indicators",
        load=load_absence_sen,
        covers="Overall absence rate by SEN status (any, EHC plan, SEN support, none).",
        lacks="No persistent absence by SEN status; no 2019/20.",
        official_url=f"{EES}/pupil-absence-in-schools-in-england",
        rehost_note=SEND_REHOST.format(
            renamed="long layout: 'Absence measure' and 'Percentage' for sess_overall_percent"
        ),
    ),
    Source(
        id="send_eyfs_gld_sen",
        title="Early years foundation stage profile: good level of development by SEN status",
        publisher="Department for Education",
        paths=(_send("eyfsp_gld_by_la.csv"), *GEOGRAPHY_FILES),
        data_date="2021/22",
        table="la_indicators",
        load=load_eyfs_sen,
        covers="% of children with a good level of development by SEN status, 2021/22.",
        lacks="One year only; children with unclassified SEN are left out.",
        official_url=f"{EES}/early-years-foundation-stage-profile-results",
        rehost_note=SEND_REHOST.format(renamed="characteristic_type"),
    ),
    Source(
        id="send_pct_pupils_sen",
        title="Pupils with an EHC plan or SEN support (% of pupils)",
        publisher="Department for Education",
        paths=(
            _send("pct_pupils_ehcp_by_la.csv"),
            _send("pct_pupils_in_mainstream_with_sen_by_la.csv"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2017/18 to 2022/23 (January census)",
        table="la_indicators",
        load=load_sen_shares,
        covers=(
            "% of pupils with an EHC plan and with SEN support in all schools, and in "
            "state-funded mainstream schools (with any SEN)."
        ),
        lacks="Context only: not a target measure.",
        official_url=f"{EES}/special-educational-needs-in-england",
        rehost_note=SEND_REHOST.format(renamed="SEN provision, % of pupils"),
    ),
    Source(
        id="dfe_ks4_characteristics_2019",
        title="Key stage 4 2018/19 (revised) by LA and pupil characteristic",
        publisher="Department for Education",
        paths=(
            _send("201819_LA_characteristics_data_including_sen_description.xlsx"),
            *GEOGRAPHY_FILES,
        ),
        data_date="2018/19",
        table="la_indicators",
        load=load_ks4_characteristics,
        covers=(
            "Attainment 8, Progress 8, English and maths grade 4+ and 5+, EBacc entry for "
            "boys, girls, disadvantaged, FSM, EAL and SEN groups, every LA, region and "
            "England."
        ),
        lacks="2018/19 only; ethnic groups and crossed groups (e.g. disadvantaged boys) not read.",
        official_url=f"{EES}/key-stage-4-performance",
        rehost_note="DfE's own file (EES layout), unchanged.",
    ),
    Source(
        id="school_places_scorecards",
        title="School places scorecards: places in good or outstanding schools",
        publisher="Department for Education",
        paths=(
            "dfe_school_places_scorecards/scorecard_data_2025_2023.csv",
            "dfe_school_places_scorecards/scorecards_data_2022.csv",
            *GEOGRAPHY_FILES,
        ),
        data_date="2021/22 to 2024/25",
        table="la_indicators",
        load=load_scorecards,
        covers=(
            "% of existing primary and secondary places in schools judged good or "
            "outstanding (places in unrated schools left out), every LA and England."
        ),
        lacks=(
            "No regions; no overall-grade figures for 2024/25 (Ofsted stopped overall "
            "grades); the 2022-06-30 file and 2019 workbook are not read (year unclear)."
        ),
        official_url=f"{EES}/local-authority-school-places-scorecards",
        rehost_note=(
            "CSVs of DfE's la-school-places-scorecards repository, unchanged; the 2022 "
            "file has no Year column (its year comes from the file name)."
        ),
    ),
]
