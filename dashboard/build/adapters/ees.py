"""The EES layout the other DfE LA series share, read into `la_indicators` rows.

Files from Explore Education Statistics (and the SEND / AP inclusion dashboard built from them,
the NCCIS NEET files, the exclusions and scorecard repositories) have one row per area and
period: `time_period`, `geographic_level`, `region_name`, `la_name` and LA codes, then value
columns. `ees_frame` reads those columns, `area_columns` locates the rows in the LA geography,
`melt` turns value columns (`ValueColumn`: the measure each feeds and its count columns) into
rows and `finish` notes COVID-19 gaps and rates and completes the layout.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import NamedTuple

import pandas as pd

from dashboard.build.adapters.la_geography import Geography, name_key, read_geography
from dashboard.build.adapters.la_indicators import (
    SeriesMap,
    academic_years,
    covid_notes,
    indicator_frame,
    rate_notes,
)
from dashboard.build.sources import (
    blank_to_na,
    parse_numbers,
    read_csv,
    resolve_columns,
    whole_numbers,
)
from dashboard.errors import SourceError

# The SEND and AP inclusion dashboard re-host: CSVs in the EES layout, some columns renamed.
SEND_FOLDER = "dfe_send_ap_inclusion_dashboard"
SEND_REHOST = (
    "CSVs extracted from the prepared_data.Rdata of DfE's SEND and AP inclusion "
    "dashboard repository; values are DfE's, some columns were renamed by the "
    "dashboard ({renamed}). Official files with the EES column names load too."
)
EES = "https://explore-education-statistics.service.gov.uk/find-statistics"


def send_file(name: str) -> str:
    """A file of the SEND and AP inclusion dashboard re-host, by name."""
    return f"{SEND_FOLDER}/{name}"


class ValueColumn(NamedTuple):
    """A publisher column of values, the measure it feeds, and its count columns if any."""

    series: SeriesMap
    name: str
    numerator: str | None = None
    denominator: str | None = None


def own_files_and_geography(paths: Sequence[Path], own: int) -> tuple[list[Path], Geography]:
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
    return blank_to_na(frame[column])


def known(raw: pd.Series, lookup: Mapping[str, object], path: Path, column: str) -> pd.Series:
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


def area_columns(
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
        whole_numbers(frame["la_number"], path, "old_la_code") if "la_number" in frame else None
    )
    ons_codes = _text(frame, "ons_code") if "ons_code" in frame else None
    return geography.locate(
        levels, names, la_numbers=la_numbers, ons_codes=ons_codes, periods=periods, path=path
    )


def melt(
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


def finish(rows: pd.DataFrame, source_id: str, note: pd.Series | None = None) -> pd.DataFrame:
    """Notes (COVID-19 gaps, then rates, then `note`) and the la_indicators layout."""
    notes = covid_notes(rows).fillna(rate_notes(rows["measure_id"]))
    if note is not None:
        notes = notes.fillna(note)
    return indicator_frame(rows.assign(note=notes), source_id)


_EES_PLACE_COLUMNS = {
    "time_period": ["time_period", "Year", "year"],
    "level": ["geographic_level", "level"],
    "region_name": ["region_name", "Region"],
    "la_name": ["la_name", "LA_name"],
}
_EES_CODES = {"la_number": ["old_la_code", "LANumber"], "ons_code": ["new_la_code"]}


def ees_frame(
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
