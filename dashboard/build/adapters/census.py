"""School census and absence -> `school_context` (pupils, FSM, EAL, SEN and absence per school).

Two vintages: the official 2018/19 performance-tables files (January 2019 census merged with
2018/19 absence) and a reduced re-host of the 2022/23 census. National rows are returned;
`dashboard.build.school_tables` keeps the area's schools. 'NA', 'SUPP' and the other DfE codes are
missing values here, never zero.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters.school_records import PERFORMANCE_TABLES_DOWNLOADS, school_rows
from dashboard.build.sources import (
    Source,
    as_urn,
    parse_numbers,
    read_csv,
    read_json,
    resolve_columns,
)
from dashboard.errors import SourceError
from dashboard.tables import SCHOOL_CONTEXT

CENSUS_ABSENCE_2018_19 = "census_absence_2018_19"
CENSUS_2022_23 = "census_2022_23"
CONTEXT_COLUMNS = list(SCHOOL_CONTEXT.columns)
CONTEXT_DTYPES = {name: str(column.dtype) for name, column in SCHOOL_CONTEXT.columns.items()}

# Official performance-tables census columns -> school_context columns (percentages).
CENSUS_PERCENTAGES = {
    "pct_girls": "PNORG",
    "pct_fsm_ever6": "PNUMFSMEVER",
    "pct_eal": "PNUMEAL",
    "pct_sen_ehcp": "PSENELSE",
    "pct_sen_support": "PSENELK",
}
ABSENCE_PERCENTAGES = {
    "pct_overall_absence": "PERCTOT",
    "pct_persistent_absence": "PPERSABS10",
}
# The 2022/23 re-host's keys. Its `fsm` is the FSM-ever-6 percentage (PNUMFSMEVER): against the
# January 2019 census it tracks PNUMFSMEVER (correlation 0.92, median gap 2 points) far more
# closely than current FSM (NUMFSM / NOR: 0.88, median gap 10 points).
REHOST_PERCENTAGES = {
    "pct_fsm_ever6": "fsm",
    "pct_eal": "eal",
    "pct_sen_ehcp": "senEhcp",
    "pct_sen_support": "senSupport",
}


def _numbers(frame: pd.DataFrame, path: Path, column: str) -> pd.Series:
    values, _ = parse_numbers(frame[column], path, column)
    return values


def _context(columns: dict[str, pd.Series], period: str, source_id: str) -> pd.DataFrame:
    """A school_context frame from the columns given; the others missing."""
    index = columns["urn"].index
    frame = pd.DataFrame({
        name: columns.get(name, pd.Series(index=index, dtype=CONTEXT_DTYPES[name]))
        for name in CONTEXT_COLUMNS
    })
    frame["period"] = period
    frame["source_id"] = source_id
    return frame.astype(CONTEXT_DTYPES)


def _official_census(path: Path) -> pd.DataFrame:
    """A performance-tables census file (england_census.csv of any year)."""
    wanted = ["URN", "NOR", "NUMFSM", *CENSUS_PERCENTAGES.values()]
    census = school_rows(resolve_columns(read_csv(path), path, {c: [c] for c in wanted}))
    pupils = _numbers(census, path, "NOR")
    fsm_current = _numbers(census, path, "NUMFSM") / pupils.where(pupils > 0) * 100
    return pd.DataFrame({
        "urn": as_urn(census["URN"], path),
        "pupils": pupils.round().astype("Int64"),
        "pct_fsm_current": fsm_current.round(1),
        **{name: _numbers(census, path, column) for name, column in CENSUS_PERCENTAGES.items()},
    })


def _rehost_census(path: Path) -> pd.DataFrame:
    """The 2022/23 re-host: {urn: {fsm, eal, senEhcp, senSupport}}, percentages."""
    data = read_json(path)
    if not isinstance(data, dict):
        raise SourceError(path.name, "expected a JSON object keyed by URN")
    raw = pd.DataFrame.from_dict(data, orient="index").astype("string")
    raw = resolve_columns(raw, path, {key: [key] for key in REHOST_PERCENTAGES.values()})
    raw = raw.rename_axis("URN").reset_index()
    return pd.DataFrame({
        "urn": as_urn(raw["URN"], path),
        **{name: _numbers(raw, path, key) for name, key in REHOST_PERCENTAGES.items()},
    })


def _census(path: Path) -> pd.DataFrame:
    """A census file in either format, chosen by its extension."""
    return _rehost_census(path) if path.suffix.lower() == ".json" else _official_census(path)


def _absence(path: Path) -> pd.DataFrame:
    wanted = ["URN", *ABSENCE_PERCENTAGES.values()]
    absence = school_rows(resolve_columns(read_csv(path), path, {c: [c] for c in wanted}))
    return pd.DataFrame({
        "urn": as_urn(absence["URN"], path),
        **{name: _numbers(absence, path, column) for name, column in ABSENCE_PERCENTAGES.items()},
    })


def _context(frame: pd.DataFrame, period: str, source_id: str) -> pd.DataFrame:
    """Complete a frame to the school_context columns (absent measures missing)."""
    frame = frame.assign(period=period, source_id=source_id)
    for column in CONTEXT_COLUMNS:
        if column not in frame:
            frame[column] = pd.Series(index=frame.index, dtype=CONTEXT_DTYPES[column])
    return frame[CONTEXT_COLUMNS].astype(CONTEXT_DTYPES)


def load_census_absence(paths: list[Path]) -> pd.DataFrame:
    """January 2019 census (first path) joined to 2018/19 absence (second path) by URN.

    Schools in only one of the two files keep the other file's columns missing.
    """
    if len(paths) != 2:
        raise SourceError(", ".join(p.name for p in paths),
                          "expected two files: the census, then the absence file")
    census_path, absence_path = paths
    merged = _census(census_path).merge(_absence(absence_path), on="urn", how="outer")
    return _context(merged, "2018/19", CENSUS_ABSENCE_2018_19)


def load_census_2022_23(paths: list[Path]) -> pd.DataFrame:
    """The 2022/23 census: the re-host's JSON or the official england_census.csv."""
    frame = pd.concat([_census(path) for path in paths], ignore_index=True)
    return _context(frame.drop_duplicates("urn"), "2022/23", CENSUS_2022_23)


SOURCES: list[Source] = [
    Source(
        id=CENSUS_ABSENCE_2018_19,
        title="School census January 2019 and absence 2018/19 (performance tables)",
        publisher="Department for Education",
        paths=("dfe_performance_tables_2018_19/england_census.csv",
               "dfe_performance_tables_2018_19/england_abs.csv"),
        data_date="2018/19",
        table="school_context",
        load=load_census_absence,
        covers=("Pupils on roll, % girls, % FSM (current, computed as NUMFSM / NOR) and % FSM in "
                "the last six years, % EAL, % with an EHC plan, % on SEN support (January 2019); "
                "overall and persistent absence 2018/19, for every school in England."),
        lacks=("Independent schools' FSM and EAL; absence for nursery schools and for "
               "suppressed small schools (SUPP)."),
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note="Official england_census.csv and england_abs.csv, UTF-8 BOM removed.",
    ),
    Source(
        id=CENSUS_2022_23,
        title="School census 2022/23 (pupil characteristics per school)",
        publisher="Department for Education",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/census-by-urn.json",),
        data_date="2022/23",
        table="school_context",
        load=load_census_2022_23,
        covers="% FSM in the last six years, % EAL, % with an EHC plan, % on SEN support.",
        lacks=("Pupil numbers, % girls, current FSM and absence. The re-host writes 0% FSM "
               "for nursery schools, which have no FSM-ever-6 figure (blanked when the school "
               "tables are assembled)."),
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note=("Compact JSON keyed by URN built from the 2022-2023 census download, four "
                     "percentages kept: fsm (checked to be FSM in the last six years, "
                     "PNUMFSMEVER), eal, senEhcp, senSupport. The official england_census.csv "
                     "loads as well."),
    ),
]
