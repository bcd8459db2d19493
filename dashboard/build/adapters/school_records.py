"""What every school-list adapter shares: the `school_records` layout and one vocabulary.

Five publisher formats describe schools (the DfE performance-tables spine, GIAS, Ofsted's
official statistics, the January 2019 school census and the GIAS links file); each has its own
module and gives a different subset of fields, which `dashboard.build.school_tables` merges.
Every one of them turns its phase and population words into the dashboard's through
`classify_phase` and `classify_population` and completes its rows with `records`;
`read_publisher_csv` reads the Windows-1252 CSVs GIAS and Ofsted publish.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard.build.sources import parse_dates, read_csv, whole_numbers
from dashboard.errors import SourceError
from dashboard.tables import SCHOOL_RECORDS

PERFORMANCE_TABLES_DOWNLOADS = "https://www.compare-school-performance.service.gov.uk/download-data"
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y")
# Ofsted writes 01/01/1900 where a school's open date is not recorded.
UNKNOWN_DATE = pd.Timestamp("1900-01-01")
RECORD_COLUMNS = list(SCHOOL_RECORDS.columns)
RECORD_DTYPES = {name: str(column.dtype) for name, column in SCHOOL_RECORDS.columns.items()}
# School census and performance-tables files start with national total rows, not schools.
NATIONAL_ROW_URNS = {"", "NAT"}

# --- vocabularies ------------------------------------------------------------------------------


def classify_phase(phase_name: str | None, age_low: float | None = None,
                   age_high: float | None = None) -> str | None:
    """The dashboard phase (schemas.PHASES) of a school.

    The statutory age range decides when it is known, because publishers' phase words hide
    first/middle/high school systems and say nothing for special schools and PRUs: lowest age
    16 or over -> post16 (even with no top age, as for colleges); top age 5 or under ->
    nursery; top age 11 or under ->
    primary (infant, junior, first schools); lowest age 11 or over -> secondary (incl. 13-18
    high schools); otherwise the school spans age 11: top age up to 14 -> middle (9-13, 8-12),
    lowest age 7 or under -> all_through (4-18, special schools 2-19), else secondary.

    Without ages the publisher's phase word decides (GIAS "PhaseOfEducation", Ofsted phase,
    census SCHOOLTYPE, the GIAS re-host's phase); words that are not phases ("Special", "PRU")
    give None.
    """
    if _known(age_low) and age_low >= 16:
        return "post16"  # colleges often have no top age
    if _known(age_low) and _known(age_high) and age_high >= age_low:
        if age_high <= 5:
            return "nursery"
        if age_high <= 11:
            return "primary"
        if age_low >= 11:
            return "secondary"
        if age_high <= 14:
            return "middle"
        return "all_through" if age_low <= 7 else "secondary"
    if not isinstance(phase_name, str):
        return None
    words = phase_name.strip().lower()
    for pattern, phase in _PHASE_WORDS:
        if re.search(pattern, words):
            return phase
    return None


_PHASE_WORDS = [
    (r"middle", "middle"),
    (r"all[- ]through", "all_through"),
    (r"nursery", "nursery"),
    (r"primary", "primary"),
    (r"secondary", "secondary"),
    (r"16 plus|sixth form|college|post[- ]?16", "post16"),
    (r"not applicable", "not_applicable"),
]


def classify_population(description: str | None) -> str | None:
    """The population (schemas.POPULATIONS) a school belongs to, from its establishment type.

    Accepts any publisher's type words (GIAS TypeOfEstablishment, spine NFTYPE, Ofsted "Type of
    education", census SCHOOLTYPE) or, for a list that gives only phases, the phase word. First
    match wins: independent (incl. independent special schools) -> independent; pupil referral
    unit or alternative provision -> ap; city technology / university technical colleges ->
    mainstream; further education, sixth-form and 16-19 institutions and other non-school
    establishments -> other; special (incl. non-maintained special) -> special; LA nursery
    schools -> nursery; maintained schools, academies and free schools and plain phase words ->
    mainstream. Unrecognised words give None rather than a guess.
    """
    if not isinstance(description, str) or not description.strip():
        return None
    words = description.strip().lower()
    for pattern, population in _POPULATION_WORDS:
        if re.search(pattern, words):
            return population
    return None


_POPULATION_WORDS = [
    (r"independent", "independent"),
    (r"pupil referral|alternative provision|\bpru\b", "ap"),
    (r"technology college|technical college", "mainstream"),
    (r"further education|higher education|sixth form|16 ?(-|to) ?19|16 plus|post ?16|college"
     r"|secure|online|miscellaneous|welsh|overseas|offshore|service children|other government",
     "other"),
    (r"special", "special"),
    (r"nursery", "nursery"),
    (r"community|voluntary|foundation|academy|free school|studio|maintained|state-funded"
     r"|primary|middle|secondary|all[- ]through", "mainstream"),
]


def _known(age: float | None) -> bool:
    return age is not None and not pd.isna(age)


# --- shared helpers ----------------------------------------------------------------------------


def read_publisher_csv(path: Path) -> pd.DataFrame:
    """A CSV in UTF-8, or in Windows-1252 as GIAS and Ofsted publish them."""
    try:
        return read_csv(path)
    except SourceError as exc:
        if not isinstance(exc.__cause__, UnicodeDecodeError):
            raise
    return read_csv(path, encoding="cp1252", encoding_errors="replace")


def ages(raw: pd.Series, path: Path, column: str) -> pd.Series:
    # Colleges are written with top age 99 ("no upper limit"): not an age, so missing.
    years = whole_numbers(raw, path, column)
    return years.mask(years > 25)


def dates(raw: pd.Series, path: Path, column: str) -> pd.Series:
    parsed = parse_dates(raw, path, column, formats=DATE_FORMATS)
    return parsed.mask(parsed == UNKNOWN_DATE)


def classified(frame: pd.DataFrame, phase_words: pd.Series | None,
               type_words: pd.Series) -> pd.DataFrame:
    """Add phase and population columns from the frame's ages and the publisher's words."""
    phase_words = phase_words if phase_words is not None else pd.Series(pd.NA, index=frame.index)
    frame["phase"] = [classify_phase(words if isinstance(words, str) else None, low, high)
                      for words, low, high in zip(phase_words, frame["age_low"],
                                                  frame["age_high"], strict=True)]
    frame["population"] = [classify_population(words if isinstance(words, str) else None)
                           for words in type_words]
    return frame


def records(frame: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Complete a frame to the school_records columns (absent fields missing)."""
    frame = frame.assign(source_id=source_id)
    for column in RECORD_COLUMNS:
        if column not in frame:
            frame[column] = pd.Series(index=frame.index, dtype=RECORD_DTYPES[column])
    frame = frame[RECORD_COLUMNS].astype(RECORD_DTYPES)
    return frame.drop_duplicates("urn").reset_index(drop=True)


def by_extension(readers: dict[str, Callable[[Path], pd.DataFrame]]) -> Callable[
        [list[Path]], pd.DataFrame]:
    """A loader that reads each path with the reader for its extension and stacks the rows."""
    def load(paths: list[Path]) -> pd.DataFrame:
        frames = []
        for path in paths:
            reader = readers.get(path.suffix.lower())
            if reader is None:
                raise SourceError(path.name, f"expected a {' or '.join(readers)} file")
            frames.append(reader(path))
        return pd.concat(frames, ignore_index=True).drop_duplicates("urn").reset_index(drop=True)
    return load


def school_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the national total rows (URN blank or 'NAT') of a performance-tables file."""
    return frame[~frame["URN"].str.strip().isin(NATIONAL_ROW_URNS)].reset_index(drop=True)
