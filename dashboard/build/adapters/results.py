"""School-level key stage 2 and key stage 4 results -> tables `ks2_results` / `ks4_results`.

Long format: one row per school, academic year, measure and pupil group. Percentages ("54%")
become 54.0; DfE codes (SUPP, NE, LOWCOV, NP, NA ...) are kept in `suppression` with the value
missing; a blank with no code means nothing was published and gives no row.

Each CSV reader accepts the re-hosted column names and the official DfE performance-tables codes
(`england_ks2final` / `england_ks4final` / `england_ks4provisional`), including the official
pupil-group columns (boys, girls, disadvantaged, EAL) when a file has them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.build.sources import (
    Source,
    as_urn,
    parse_numbers,
    read_csv,
    read_json,
    resolve_columns,
)
from dashboard.errors import SourceError
from dashboard.tables import ACADEMIC_YEAR, SCHOOL_RESULTS

PERFORMANCE_TABLES_URL = "https://www.compare-school-performance.service.gov.uk/download-data"
# RECTYPE in the performance tables: 1 mainstream school, 2 special school; 3+ are LA/national.
SCHOOL_RECTYPES = {"1", "2"}

_DTYPES = {name: str(column.dtype) for name, column in SCHOOL_RESULTS.columns.items()}


@dataclass(frozen=True)
class Field:
    """One published column: the measure and pupil group it holds and its accepted names."""

    measure_id: str
    names: tuple[str, ...]
    pupil_group: str = "all"
    required: bool = True


def _find(columns: Iterable[object], names: Iterable[str]) -> str | None:
    """The file's column matching any of `names` (ignoring case and surrounding spaces)."""
    present = {str(c).strip().lower(): str(c) for c in columns}
    return next((present[n.lower()] for n in names if n.lower() in present), None)


def academic_year(end_year: int) -> str:
    """2016 -> '2015/16' (DfE files label an academic year by the calendar year it ends)."""
    return f"{end_year - 1}/{str(end_year)[-2:]}"


def _long_results(frame: pd.DataFrame, path: Path, fields: Iterable[Field],
                  cohorts: Mapping[str, tuple[str, ...]], period: str,
                  source_id: str) -> pd.DataFrame:
    """Publisher columns -> long rows; required fields missing from the file stop the build."""
    fields = list(fields)
    required = {f"{f.measure_id}/{f.pupil_group}": list(f.names) for f in fields if f.required}
    resolve_columns(frame, path, {"URN": ["URN"], **required})  # clear error for a missing column
    urn_column = _find(frame.columns, ["URN"])
    urns = as_urn(frame[urn_column], path, urn_column)
    cohort_by_group = {}
    for group, names in cohorts.items():
        column = _find(frame.columns, names)
        if column is not None:
            values, _codes = parse_numbers(frame[column], path, column, identifiers=urns)
            cohort_by_group[group] = values.round().astype("Int64")
    parts = []
    for field in fields:
        column = _find(frame.columns, field.names)
        if column is None:
            continue
        values, codes = parse_numbers(frame[column], path, column, percent=True,
                                      identifiers=urns)
        published = values.notna() | codes.notna()
        parts.append(pd.DataFrame({
            "urn": urns[published],
            "measure_id": field.measure_id,
            "pupil_group": field.pupil_group,
            "value": values[published],
            "suppression": codes[published],
            "cohort": cohort_by_group.get(field.pupil_group, pd.Series(pd.NA, index=frame.index,
                                                                       dtype="Int64"))[published],
        }))
    return _finish(parts, period, source_id)


def _finish(parts: list[pd.DataFrame], period: str, source_id: str) -> pd.DataFrame:
    columns = list(_DTYPES)
    if not parts:
        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in _DTYPES.items()})
    frame = pd.concat(parts, ignore_index=True)
    frame["period"] = period
    frame["source_id"] = source_id
    return frame[columns].astype(_DTYPES)


def _read_school_rows(path: Path, period: str) -> pd.DataFrame:
    """A performance-tables CSV: school rows only, checked against the year it should hold."""
    frame = read_csv(path)
    rectype = _find(frame.columns, ["RECTYPE"])
    if rectype is not None:
        frame = frame[frame[rectype].str.strip().isin(SCHOOL_RECTYPES)].reset_index(drop=True)
    year = _find(frame.columns, ["Academic Year"])
    if year is not None:
        expected = str(int(period[:4]) + 1)
        wrong = frame[year].str.strip() != expected
        if wrong.any():
            raise SourceError(path.name, f"holds a year other than {period} (expected "
                                         f"{expected})", column=year,
                              rows=[f"row {i + 2}: {frame[year][i]!r}"
                                    for i in frame.index[wrong][:5]])
    return frame


def _csv_loader(fields: list[Field], cohorts: Mapping[str, tuple[str, ...]], period: str,
                source_id: str) -> Callable[[list[Path]], pd.DataFrame]:
    def load(paths: list[Path]) -> pd.DataFrame:
        frames = [_long_results(_read_school_rows(path, period), path, fields, cohorts, period,
                                source_id) for path in paths]
        return pd.concat(frames, ignore_index=True)
    return load


def _json_loader(fields: Mapping[str, tuple[str, str]],
                 source_id: str) -> Callable[[list[Path]], pd.DataFrame]:
    """Compact JSON keyed by URN: {urn: {field: number or null, 'year': '2022/23'}}."""
    def load(paths: list[Path]) -> pd.DataFrame:
        parts = []
        for path in paths:
            data = read_json(path)
            if not isinstance(data, dict):
                raise SourceError(path.name, "expected a JSON object keyed by URN")
            frame = pd.DataFrame.from_dict(data, orient="index")
            frame.index.name = "URN"
            frame = frame.reset_index().astype("string").fillna("")
            missing_year = ~frame.get("year", pd.Series("", index=frame.index)).str.match(
                ACADEMIC_YEAR)
            if missing_year.any():
                raise SourceError(path.name, "record(s) without an academic year like 2022/23",
                                  column="year",
                                  rows=[f"URN {u}" for u in frame["URN"][missing_year][:5]])
            for period, rows in frame.groupby("year"):
                spec = [Field(measure, (key,), group) for key, (measure, group) in fields.items()]
                parts.append(_long_results(rows.reset_index(drop=True), path, spec, {}, period,
                                           source_id))
        return pd.concat(parts, ignore_index=True) if parts else _finish([], "", source_id)
    return load


# --- key stage 2 ------------------------------------------------------------------------------

# measure id -> (official england_ks2final code, re-host column name). The re-host's "Writing
# Score / Meet Std / Exceed Std" columns are mislabelled: they hold the GPS (grammar,
# punctuation and spelling) test results GPS_AVERAGE / PTGPS_EXP / PTGPS_HIGH.
KS2_MEASURES: dict[str, tuple[str, str]] = {
    "ks2_rwm_expected_pct": ("PTRWM_EXP", "Overall Meet Std"),
    "ks2_rwm_higher_pct": ("PTRWM_HIGH", "Overall Exceed Std"),
    "ks2_reading_progress": ("READPROG", "Reading Progress"),
    "ks2_writing_progress": ("WRITPROG", "Writing Progress"),
    "ks2_maths_progress": ("MATPROG", "Maths Progress"),
    "ks2_reading_expected_pct": ("PTREAD_EXP", "Reading Meet Std"),
    "ks2_maths_expected_pct": ("PTMAT_EXP", "Maths Meet Std"),
    "ks2_gps_expected_pct": ("PTGPS_EXP", "Writing Meet Std"),
    "ks2_reading_average_score": ("READ_AVERAGE", "Reading Score"),
    "ks2_maths_average_score": ("MAT_AVERAGE", "Maths Score"),
}
KS2_PROGRESS = ("ks2_reading_progress", "ks2_writing_progress", "ks2_maths_progress")
# Official pupil-group column suffixes (PTRWM_EXP_FSM6CLA1A ...) and the matching cohort columns.
KS2_GROUP_SUFFIXES = {"_B": "boys", "_G": "girls", "_FSM6CLA1A": "disadvantaged",
                      "_NotFSM6CLA1A": "not_disadvantaged", "_EAL": "eal"}
KS2_COHORTS = {"all": ("TELIG", "KS2 Pupils"), "boys": ("BELIG",), "girls": ("GELIG",),
               "disadvantaged": ("TFSM6CLA1A",), "not_disadvantaged": ("TNotFSM6CLA1A",),
               "eal": ("TEALGRP2",)}


def ks2_fields(required: Iterable[str] = tuple(KS2_MEASURES)) -> list[Field]:
    """All KS2 fields; the all-pupil columns of `required` measures must be in the file."""
    needed = set(required)
    fields = [Field(measure, names, required=measure in needed)
              for measure, names in KS2_MEASURES.items()]
    fields += [Field(measure, (code + suffix,), group, required=False)
               for measure, (code, _rehost) in KS2_MEASURES.items()
               for suffix, group in KS2_GROUP_SUFFIXES.items()]
    return fields


def _ks2_rehost_source(end_year: int) -> Source:
    period = academic_year(end_year)
    source_id = f"ks2_perf_{period.replace('/', '_')}"
    return Source(
        id=source_id,
        title=f"Key stage 2 school results {period}",
        publisher="Department for Education (column subset re-hosted by waiky8/schools-data)",
        paths=(f"waiky8_schools_data/ks2_perf_{end_year}.csv",),
        data_date=period,
        table="ks2_results",
        load=_csv_loader(ks2_fields(), KS2_COHORTS, period, source_id),
        covers="Every school with KS2 pupils in England (incl. special and independent): "
               "reading, writing and maths expected and higher standard, progress scores, "
               "reading/maths/GPS expected standard and average scaled scores; cohort = "
               "published eligible pupils (TELIG).",
        lacks="Pupil-group breakdowns; suppression codes other than LOWCOV (the re-host left "
              "suppressed values blank, so they are dropped, not coded).",
        official_url=PERFORMANCE_TABLES_URL,
        rehost_note="Column subset of england_ks2final renamed: Overall Meet/Exceed Std = "
                    "PTRWM_EXP/PTRWM_HIGH, Reading/Writing/Maths Progress = READPROG/WRITPROG/"
                    "MATPROG, Reading/Maths Meet Std = PTREAD_EXP/PTMAT_EXP, Reading/Maths Score "
                    "= READ_AVERAGE/MAT_AVERAGE, KS2 Pupils = TELIG; 'Writing Score/Meet/Exceed "
                    "Std' are mislabelled GPS_AVERAGE/PTGPS_EXP/PTGPS_HIGH.",
    )


# --- key stage 4 ------------------------------------------------------------------------------

KS4_COHORTS = {"all": ("TPUP", "KS4 Pupils"), "boys": ("BPUP", "KS4 Boys"),
               "girls": ("GPUP", "KS4 Girls"), "disadvantaged": ("TFSM6CLA1A",)}
# Official pupil-group columns (england_ks4final), read when a file has them.
KS4_GROUP_FIELDS = [
    Field(measure, (code,), group, required=False)
    for measure, base in (("ks4_progress8", "P8MEA"), ("ks4_attainment8", "ATT8SCR"))
    for code, group in ((f"{base}_BOYS", "boys"), (f"{base}_GIRLS", "girls"),
                        (f"{base}_FSM6CLA1A", "disadvantaged"),
                        (f"{base}_NFSM6CLA1A", "not_disadvantaged"), (f"{base}_EAL", "eal"))
] + [
    Field(f"ks4_english_maths_grade{grade}_pct", (code,), group, required=False)
    for grade in (4, 5)
    for code, group in ((f"PTFSM6CLA1ABASICS_9{grade}", "disadvantaged"),
                        (f"PTNOTFSM6CLA1ABASICS_9{grade}", "not_disadvantaged"))
]
KS4_OFFICIAL_FIELDS = [
    Field("ks4_progress8", ("P8MEA",)),
    Field("ks4_attainment8", ("ATT8SCR",)),
    Field("ks4_english_maths_grade4_pct", ("PTL2BASICS_94",)),
    Field("ks4_english_maths_grade5_pct", ("PTL2BASICS_95",)),
    Field("ks4_ebacc_aps", ("EBACCAPS",)),
    Field("ks4_ebacc_entry_pct", ("PTEBACC_E_PTQ_EE",)),
    Field("ks4_ebacc_grade4_pct", ("PTEBACC_94",), required=False),
    Field("ks4_ebacc_grade5_pct", ("PTEBACC_95",), required=False),
    *KS4_GROUP_FIELDS,
]


def ks4_rehost_fields(period: str) -> list[Field]:
    """Fields of the waiky8 ks4_perf files. Their "Eng Maths Grade 5" / "EBacc Grade 5" columns
    hold A*-C for 2015/16 (before 9-1 GCSEs) and grade 5 or above from 2016/17."""
    a_to_c = period <= "2015/16"
    basics = "astar_to_c" if a_to_c else "grade5"
    fields = [
        Field("ks4_progress8", ("Progress 8", "P8MEA")),
        Field("ks4_attainment8", ("Attainment 8", "ATT8SCR")),
        Field(f"ks4_english_maths_{basics}_pct",
              ("Eng Maths Grade 5",) if a_to_c else ("Eng Maths Grade 5", "PTL2BASICS_95")),
        Field("ks4_ebacc_entry_pct", ("Entering EBacc", "PTEBACC_E_PTQ_EE")),
        Field(f"ks4_ebacc_{basics}_pct",
              ("EBacc Grade 5",) if a_to_c else ("EBacc Grade 5", "PTEBACC_95")),
        # EBacc average point score was first published for 2017/18 (blank before).
        Field("ks4_ebacc_aps", ("EBacc Avg Score", "EBACCAPS"), required=period >= "2017/18"),
    ]
    fields += [Field(measure, (f"{label} {sex.title()}",), sex, required=False)
               for measure, label in (("ks4_progress8", "Progress 8"),
                                      ("ks4_attainment8", "Attainment 8"),
                                      ("ks4_ebacc_aps", "EBacc Avg"))
               for sex in ("boys", "girls")]
    return fields + KS4_GROUP_FIELDS


def _ks4_rehost_source(end_year: int) -> Source:
    period = academic_year(end_year)
    source_id = f"ks4_perf_{period.replace('/', '_')}"
    basics = "A*-C" if period <= "2015/16" else "grade 5 or above"
    return Source(
        id=source_id,
        title=f"Key stage 4 school results {period}",
        publisher="Department for Education (column subset re-hosted by waiky8/schools-data)",
        paths=(f"waiky8_schools_data/ks4_perf_{end_year}.csv",),
        data_date=period,
        table="ks4_results",
        load=_csv_loader(ks4_rehost_fields(period), KS4_COHORTS, period, source_id),
        covers=f"Every school with KS4 pupils in England: Progress 8 and Attainment 8 (all, "
               f"boys, girls), English and maths {basics}, EBacc entry and achievement "
               f"({basics}), EBacc average point score (from 2017/18); cohort = KS4 pupils.",
        lacks="Disadvantaged and EAL breakdowns; suppression codes (the re-host left suppressed "
              "values blank, so they are dropped, not coded).",
        official_url=PERFORMANCE_TABLES_URL,
        rehost_note="Column subset of england_ks4final renamed: Progress 8 = P8MEA, Attainment "
                    "8 = ATT8SCR, Eng Maths Grade 5 = PTL2BASICS_95 (A*-C PTL2BASICS in "
                    "2015/16), Entering EBacc = PTEBACC_E_PTQ_EE, EBacc Avg Score = EBACCAPS, "
                    "KS4 Pupils = TPUP; Boys/Girls columns = the _BOYS/_GIRLS splits.",
    )


SOURCES: list[Source] = [
    *(_ks2_rehost_source(year) for year in (2016, 2017, 2018)),
    Source(
        id="ks2_final_2018_19",
        title="Key stage 2 school progress scores 2018/19",
        publisher="Department for Education (column subset re-hosted by waiky8/eng-schools)",
        paths=("waiky8_eng_schools_2018_19/england_ks2final_reduced_2018_19.csv",),
        data_date="2018/19",
        table="ks2_results",
        load=_csv_loader(ks2_fields(required=KS2_PROGRESS), KS2_COHORTS, "2018/19",
                         "ks2_final_2018_19"),
        covers="Reading, writing and maths progress scores of every state-funded mainstream "
               "and special school in England (RECTYPE 1 and 2), with SUPP/LOWCOV codes.",
        lacks="Attainment (PTRWM_EXP and the other percentages), scaled scores, cohort sizes "
              "and pupil groups: the re-host kept progress scores only. The official full "
              "england_ks2final file loads with all of them.",
        official_url=PERFORMANCE_TABLES_URL,
        rehost_note="england_ks2final 2018/19 reduced to URN, READPROG, WRITPROG, MATPROG "
                    "(+ descriptors, Ofsted and location columns, not read); official names.",
    ),
    Source(
        id="ks2_by_urn_2022_23",
        title="Key stage 2 school results 2022/23",
        publisher="Department for Education (compact re-host)",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/ks2-by-urn.json",),
        data_date="2022/23",
        table="ks2_results",
        load=_json_loader({"rwmExp": ("ks2_rwm_expected_pct", "all"),
                           "rwmHigh": ("ks2_rwm_higher_pct", "all"),
                           "readProg": ("ks2_reading_progress", "all"),
                           "writProg": ("ks2_writing_progress", "all"),
                           "matProg": ("ks2_maths_progress", "all")}, "ks2_by_urn_2022_23"),
        covers="Reading, writing and maths expected and higher standard and progress scores "
               "of schools in England.",
        lacks="Cohort sizes, pupil groups and suppression codes (suppressed values are null in "
              "the re-host, so they are dropped, not coded).",
        official_url=PERFORMANCE_TABLES_URL,
        rehost_note="Gieffeemme JSON from the DfE 2022-2023 KS2 download: rwmExp = PTRWM_EXP, "
                    "rwmHigh = PTRWM_HIGH, readProg/writProg/matProg = READPROG/WRITPROG/MATPROG.",
    ),
    *(_ks4_rehost_source(year) for year in (2016, 2017, 2018)),
    Source(
        id="ks4_provisional_2018_19",
        title="Key stage 4 school results 2018/19 (provisional)",
        publisher="Department for Education",
        paths=("dfe_performance_tables_2018_19/england_ks4provisional.csv",),
        data_date="2018/19",
        table="ks4_results",
        load=_csv_loader(KS4_OFFICIAL_FIELDS, KS4_COHORTS, "2018/19", "ks4_provisional_2018_19"),
        covers="Every school with KS4 pupils in England (RECTYPE 1 and 2): Progress 8, "
               "Attainment 8, English and maths grade 4+ and 5+, EBacc entry, grade 4+/5+ and "
               "average point score, with the DfE codes (NA, NE, SUPP, LOWCOV); cohort = TPUP.",
        lacks="Pupil groups (not in this 25-column provisional file); revised (final) figures.",
        official_url=PERFORMANCE_TABLES_URL,
    ),
    Source(
        id="ks4_by_urn_2022_23",
        title="Key stage 4 school results 2022/23",
        publisher="Department for Education (compact re-host)",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/ks4-by-urn.json",),
        data_date="2022/23",
        table="ks4_results",
        load=_json_loader({"p8": ("ks4_progress8", "all"),
                           "att8": ("ks4_attainment8", "all"),
                           "em5": ("ks4_english_maths_grade5_pct", "all"),
                           "em4": ("ks4_english_maths_grade4_pct", "all"),
                           "ebaccEntry": ("ks4_ebacc_entry_pct", "all"),
                           "ebacc94": ("ks4_ebacc_grade4_pct", "all"),
                           "disP8": ("ks4_progress8", "disadvantaged")}, "ks4_by_urn_2022_23"),
        covers="Progress 8 (all and disadvantaged pupils), Attainment 8, English and maths "
               "grade 4+ and 5+, EBacc entry and grade 4+ of schools in England.",
        lacks="Cohort sizes, other pupil groups and suppression codes (suppressed values are "
              "null in the re-host, so they are dropped, not coded).",
        official_url=PERFORMANCE_TABLES_URL,
        rehost_note="Gieffeemme JSON from the DfE 2022-2023 KS4 download: p8 = P8MEA, att8 = "
                    "ATT8SCR, em5/em4 = PTL2BASICS_95/_94, ebaccEntry = PTEBACC_E_PTQ_EE, "
                    "ebacc94 = PTEBACC_94, disP8 = P8MEA_FSM6CLA1A.",
    ),
]
