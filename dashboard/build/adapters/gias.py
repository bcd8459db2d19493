"""School lists -> `school_records` (one row per school per source); GIAS links -> `school_links`.

Five publisher formats describe schools: the DfE performance-tables spine (2017/18), GIAS (a
reduced June 2026 re-host of open mainstream schools, or the official `edubasealldata*.csv`),
the school descriptions in Ofsted's official statistics (31 August 2023) and the January 2019
school census. Each gives a different subset of fields; `dashboard.build.school_tables` merges them.

Every source's phase and population words go through `classify_phase` and
`classify_population`, so one vocabulary is used everywhere.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.codepoint import normalised_postcodes
from dashboard.build.sources import (
    Source,
    as_urn,
    parse_dates,
    parse_numbers,
    read_csv,
    read_excel,
    read_json,
    resolve_columns,
)
from dashboard.errors import SourceError
from dashboard.tables import SCHOOL_RECORDS

SPINE_2017_18 = "spine_2017_18"
GIAS_OPEN_2026_06 = "gias_open_2026_06"
OFSTED_SCHOOLS_2023_08_31 = "ofsted_schools_2023_08_31"
CENSUS_2019_SCHOOLS = "census_2019_schools"
GIAS_LINKS_2025_04 = "gias_links_2025_04"
GIAS_LINK_NAMES_2025_04 = "gias_link_names_2025_04"

GIAS_DOWNLOADS = "https://get-information-schools.service.gov.uk/Downloads"
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


def _text(raw: pd.Series) -> pd.Series:
    return raw.astype("string").str.strip().replace("", pd.NA)


def _whole_numbers(raw: pd.Series, path: Path, column: str) -> pd.Series:
    values, _ = parse_numbers(raw, path, column)
    return values.round().astype("Int64")


def _ages(raw: pd.Series, path: Path, column: str) -> pd.Series:
    # Colleges are written with top age 99 ("no upper limit"): not an age, so missing.
    ages = _whole_numbers(raw, path, column)
    return ages.mask(ages > 25)


def _dates(raw: pd.Series, path: Path, column: str) -> pd.Series:
    dates = parse_dates(raw, path, column, formats=DATE_FORMATS)
    return dates.mask(dates == UNKNOWN_DATE)


def _classified(frame: pd.DataFrame, phase_words: pd.Series | None,
                type_words: pd.Series) -> pd.DataFrame:
    """Add phase and population columns from the frame's ages and the publisher's words."""
    phase_words = phase_words if phase_words is not None else pd.Series(pd.NA, index=frame.index)
    frame["phase"] = [classify_phase(words if isinstance(words, str) else None, low, high)
                      for words, low, high in zip(phase_words, frame["age_low"],
                                                  frame["age_high"], strict=True)]
    frame["population"] = [classify_population(words if isinstance(words, str) else None)
                           for words in type_words]
    return frame


def _records(frame: pd.DataFrame, source_id: str) -> pd.DataFrame:
    """Complete a frame to the school_records columns (absent fields missing)."""
    frame = frame.assign(source_id=source_id)
    for column in RECORD_COLUMNS:
        if column not in frame:
            frame[column] = pd.Series(index=frame.index, dtype=RECORD_DTYPES[column])
    frame = frame[RECORD_COLUMNS].astype(RECORD_DTYPES)
    return frame.drop_duplicates("urn").reset_index(drop=True)


def _by_extension(readers: dict[str, Callable[[Path], pd.DataFrame]]) -> Callable[
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


# --- DfE performance-tables spine 2017/18 ------------------------------------------------------

SPINE_COLUMNS = {
    "URN": ["URN"], "LA": ["LA"], "SCHNAME": ["SCHNAME"], "STREET": ["STREET"],
    "TOWN": ["TOWN"], "POSTCODE": ["POSTCODE"], "ICLOSE": ["ICLOSE"],
    "OPENDATE": ["OPENDATE"], "CLOSEDATE": ["CLOSEDATE"], "NFTYPE": ["NFTYPE"],
    "AGEL": ["AGEL"], "AGEH": ["AGEH"],
}
# ICLOSE, checked against CLOSEDATE in the 2017/18 file: 1 open (no close date), 2 closed (every
# row has a close date), 3 open but proposed to close (no close date; all later closed).
SPINE_CLOSED = "2"


def _spine(path: Path) -> pd.DataFrame:
    raw = read_excel(path) if path.suffix.lower() == ".xlsx" else read_csv(path)
    spine = resolve_columns(raw, path, SPINE_COLUMNS)
    close_date = _dates(spine["CLOSEDATE"], path, "CLOSEDATE")
    frame = pd.DataFrame({
        "urn": as_urn(spine["URN"], path),
        "name": _text(spine["SCHNAME"]),
        "school_type": _text(spine["NFTYPE"]),
        "is_open": ~(spine["ICLOSE"].str.strip().eq(SPINE_CLOSED) | close_date.notna()),
        "open_date": _dates(spine["OPENDATE"], path, "OPENDATE"),
        "close_date": close_date,
        "street": _text(spine["STREET"]),
        "town": _text(spine["TOWN"]),
        "postcode": normalised_postcodes(spine["POSTCODE"], path, "POSTCODE"),
        "la_number": _whole_numbers(spine["LA"], path, "LA"),
        "age_low": _ages(spine["AGEL"], path, "AGEL"),
        "age_high": _ages(spine["AGEH"], path, "AGEH"),
    })
    return _records(_classified(frame, None, frame["school_type"]), SPINE_2017_18)


# --- GIAS: June 2026 re-host (JSON) or official edubasealldata CSV -----------------------------

EDUBASE_COLUMNS = {
    "URN": ["URN"], "EstablishmentName": ["EstablishmentName"],
    "TypeOfEstablishment": ["TypeOfEstablishment (name)"],
    "EstablishmentStatus": ["EstablishmentStatus (name)"],
    "OpenDate": ["OpenDate"], "CloseDate": ["CloseDate"],
    "PhaseOfEducation": ["PhaseOfEducation (name)"],
    "StatutoryLowAge": ["StatutoryLowAge"], "StatutoryHighAge": ["StatutoryHighAge"],
    "Street": ["Street"], "Town": ["Town"], "Postcode": ["Postcode"], "LA": ["LA (code)"],
    "NumberOfPupils": ["NumberOfPupils"],
}
REHOST_FIELDS = ["urn", "name", "postcode", "phase", "lat", "lng"]


def _gias_rehost(path: Path) -> pd.DataFrame:
    """The re-host's JSON list of open mainstream schools: urn, name, postcode, phase, lat, lng."""
    data = read_json(path)
    if not isinstance(data, list):
        raise SourceError(path.name, "expected a JSON list of schools")
    raw = pd.DataFrame.from_records(data)
    raw = resolve_columns(raw.astype("string"), path, {f: [f] for f in REHOST_FIELDS})
    lat, _ = parse_numbers(raw["lat"], path, "lat")
    lon, _ = parse_numbers(raw["lng"], path, "lng")
    frame = pd.DataFrame({
        "urn": as_urn(raw["urn"], path, "urn"),
        "name": _text(raw["name"]),
        "is_open": True,
        "postcode": normalised_postcodes(raw["postcode"], path, "postcode"),
        "lat": lat,
        "lon": lon,
        "age_low": pd.NA,
        "age_high": pd.NA,
    })
    # The list holds open mainstream schools only and gives no type, so its phase words decide
    # the population too (Nursery -> LA nursery schools, College / Sixth form -> post-16).
    return _records(_classified(frame, raw["phase"], raw["phase"]), GIAS_OPEN_2026_06)


def _gias_edubase(path: Path) -> pd.DataFrame:
    """The official GIAS all-establishments extract (Windows-1252 CSV)."""
    gias = resolve_columns(read_publisher_csv(path), path, EDUBASE_COLUMNS)
    frame = pd.DataFrame({
        "urn": as_urn(gias["URN"], path),
        "name": _text(gias["EstablishmentName"]),
        "school_type": _text(gias["TypeOfEstablishment"]),
        "is_open": gias["EstablishmentStatus"].str.strip().str.lower().str.startswith("open"),
        "open_date": _dates(gias["OpenDate"], path, "OpenDate"),
        "close_date": _dates(gias["CloseDate"], path, "CloseDate"),
        "street": _text(gias["Street"]),
        "town": _text(gias["Town"]),
        "postcode": normalised_postcodes(gias["Postcode"], path, "Postcode"),
        "la_number": _whole_numbers(gias["LA"], path, "LA (code)"),
        "age_low": _ages(gias["StatutoryLowAge"], path, "StatutoryLowAge"),
        "age_high": _ages(gias["StatutoryHighAge"], path, "StatutoryHighAge"),
        "pupils": _whole_numbers(gias["NumberOfPupils"], path, "NumberOfPupils"),
    })
    frame = _classified(frame, gias["PhaseOfEducation"], frame["school_type"])
    return _records(frame, GIAS_OPEN_2026_06)


# --- Ofsted official statistics, school descriptions as at 31 August 2023 ----------------------

OFSTED_COLUMNS = {
    "URN": ["URN"], "LAESTAB": ["LAESTAB"], "School name": ["School name"],
    "Ofsted phase": ["Ofsted phase"], "Type of education": ["Type of education"],
    "Postcode": ["Postcode"], "Total number of pupils": ["Total number of pupils"],
    "Statutory lowest age": ["Statutory lowest age"],
    "Statutory highest age": ["Statutory highest age"],
    "School open date": ["School open date"],
}


def _ofsted_schools(path: Path) -> pd.DataFrame:
    ofsted = resolve_columns(read_publisher_csv(path), path, OFSTED_COLUMNS)
    laestab = _whole_numbers(ofsted["LAESTAB"], path, "LAESTAB")
    frame = pd.DataFrame({
        "urn": as_urn(ofsted["URN"], path),
        "name": _text(ofsted["School name"]),
        "school_type": _text(ofsted["Type of education"]),
        # The file lists the state-funded schools open on 31 August 2023.
        "is_open": True,
        "open_date": _dates(ofsted["School open date"], path, "School open date"),
        "postcode": normalised_postcodes(ofsted["Postcode"], path, "Postcode"),
        "la_number": laestab // 10_000,  # LAESTAB = LA number * 10000 + establishment number
        "age_low": _ages(ofsted["Statutory lowest age"], path, "Statutory lowest age"),
        "age_high": _ages(ofsted["Statutory highest age"], path, "Statutory highest age"),
        "pupils": _whole_numbers(ofsted["Total number of pupils"], path,
                                 "Total number of pupils"),
    })
    frame = _classified(frame, ofsted["Ofsted phase"], frame["school_type"])
    return _records(frame, OFSTED_SCHOOLS_2023_08_31)


def load_ofsted_schools(paths: list[Path]) -> pd.DataFrame:
    return pd.concat([_ofsted_schools(path) for path in paths], ignore_index=True)


# --- School census January 2019 (performance tables 2018/19) -----------------------------------

CENSUS_COLUMNS = {"URN": ["URN"], "LA": ["LA"], "SCHOOLTYPE": ["SCHOOLTYPE"], "NOR": ["NOR"]}


def school_rows(frame: pd.DataFrame) -> pd.DataFrame:
    """Drop the national total rows (URN blank or 'NAT') of a performance-tables file."""
    return frame[~frame["URN"].str.strip().isin(NATIONAL_ROW_URNS)].reset_index(drop=True)


def load_census_schools(paths: list[Path]) -> pd.DataFrame:
    """LA number, type, phase and pupils on roll (January 2019) for every school in the census.

    The census file carries no names or addresses: those come from the other lists.
    """
    frames = []
    for path in paths:
        census = school_rows(resolve_columns(read_csv(path), path, CENSUS_COLUMNS))
        frame = pd.DataFrame({
            "urn": as_urn(census["URN"], path),
            "school_type": _text(census["SCHOOLTYPE"]),
            "la_number": _whole_numbers(census["LA"], path, "LA"),
            "pupils": _whole_numbers(census["NOR"], path, "NOR"),
            "age_low": pd.NA,
            "age_high": pd.NA,
        })
        frame = _classified(frame, census["SCHOOLTYPE"], census["SCHOOLTYPE"])
        frames.append(_records(frame, CENSUS_2019_SCHOOLS))
    return pd.concat(frames, ignore_index=True)


# --- GIAS links --------------------------------------------------------------------------------

LINK_COLUMNS = {"URN": ["URN"], "LinkURN": ["LinkURN"], "LinkType": ["LinkType"],
                "LinkEstablishedDate": ["LinkEstablishedDate"]}


def link_direction(link_type: str | None) -> tuple[str, str | None] | None:
    """(link_type, link_reason) for a GIAS LinkType, or None when it is not a URN history link.

    "Successor - merged" -> ("successor", "merged"); "Predecessor" -> ("predecessor", None);
    "Result of Amalgamation" (the linked school is the amalgamated successor) -> ("successor",
    "amalgamated"). Sixth-form centre, expansion, closure and "Other" links return None.
    """
    if not isinstance(link_type, str):
        return None
    words = link_type.strip().lower()
    if words == "result of amalgamation":
        return "successor", "amalgamated"
    direction, _, reason = words.partition(" - ")
    if direction not in ("predecessor", "successor"):
        return None
    return direction, reason.strip() or None


def _history_links(path: Path, columns: dict[str, list[str]]) -> tuple[pd.DataFrame, list]:
    """The rows of a GIAS links file that are predecessor/successor links, with their
    (link_type, link_reason)."""
    links = resolve_columns(read_publisher_csv(path), path, columns)
    directions = [link_direction(t) for t in links["LinkType"]]
    keep = pd.Series([d is not None for d in directions], index=links.index, dtype=bool)
    return links[keep], [d for d in directions if d is not None]


def load_links(paths: list[Path]) -> pd.DataFrame:
    """Predecessor/successor links between URNs: each row says what `linked_urn` is to `urn`."""
    frames = []
    for path in paths:
        links, kept = _history_links(path, LINK_COLUMNS)
        frames.append(pd.DataFrame({
            "urn": as_urn(links["URN"], path),
            "linked_urn": as_urn(links["LinkURN"], path, "LinkURN"),
            "link_type": pd.Series([d[0] for d in kept], index=links.index, dtype="string"),
            "link_reason": pd.Series([d[1] for d in kept], index=links.index, dtype="string"),
            "link_date": parse_dates(links["LinkEstablishedDate"], path, "LinkEstablishedDate",
                                     formats=DATE_FORMATS),
            "source_id": GIAS_LINKS_2025_04,
        }))
    links = pd.concat(frames, ignore_index=True)
    return links.drop_duplicates(["urn", "linked_urn", "link_type"]).reset_index(drop=True)


def load_link_names(paths: list[Path]) -> pd.DataFrame:
    """The name GIAS gives each linked school (LinkName): the only name on record for some
    closed schools (e.g. PRUs that became academies before 2023) that otherwise appear only in
    the census, inspections or results."""
    frames = []
    for path in paths:
        links, _ = _history_links(path, {**LINK_COLUMNS, "LinkName": ["LinkName"]})
        frames.append(_records(pd.DataFrame({
            "urn": as_urn(links["LinkURN"], path, "LinkURN"),
            "name": _text(links["LinkName"]),
        }).dropna(subset=["name"]), GIAS_LINK_NAMES_2025_04))
    return pd.concat(frames, ignore_index=True).drop_duplicates("urn").reset_index(drop=True)


SOURCES: list[Source] = [
    Source(
        id=SPINE_2017_18,
        title="DfE performance tables school list (spine) 2017/18",
        publisher="Department for Education",
        paths=("waiky8_schools_data/2017-2018_england_spine_staffordshire_860.csv",),
        data_date="2017/18",
        table="school_records",
        load=_by_extension({".csv": _spine, ".xlsx": _spine}),
        covers=("Every school in the 2017/18 performance tables with its LA, address, type, age "
                "range, open and close dates (close dates recorded up to October 2019)."),
        lacks="Pupil numbers; coordinates; schools opened after 2018.",
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note=("Rows with LA = 860 of the national spine 2017-2018_england_spine.xlsx; "
                     "columns unchanged. The national workbook loads as well."),
    ),
    Source(
        id=GIAS_OPEN_2026_06,
        title="Get Information About Schools: open mainstream schools, June 2026",
        publisher="Department for Education",
        paths=("gieffeemme_dfe_ofsted_by_urn_2026/gias_open_schools_2026-06.json",),
        data_date="2026-06",
        table="school_records",
        load=_by_extension({".json": _gias_rehost, ".csv": _gias_edubase}),
        covers="Every open mainstream school and college in England in June 2026 with its "
               "postcode, phase and coordinates.",
        lacks=("Special schools, pupil referral units and alternative provision, independent "
               "schools; LA, type, address, age range, pupil numbers and dates."),
        official_url=GIAS_DOWNLOADS,
        rehost_note=("Compact JSON of the GIAS bulk extract: open mainstream establishments "
                     "only, fields urn, name, postcode, phase (PhaseOfEducation), lat, lng. An "
                     "official edubasealldata*.csv loads as well."),
    ),
    Source(
        id=OFSTED_SCHOOLS_2023_08_31,
        title="Ofsted state-funded schools as at 31 August 2023 (school details)",
        publisher="Ofsted",
        paths=("ofsted_official_stats_wm_2023/"
               "state_funded_schools_inspections_outcomes_31aug2023_west_midlands.csv",),
        data_date="2023-08-31",
        table="school_records",
        load=load_ofsted_schools,
        covers=("The state-funded schools (incl. special schools and PRUs) open on 31 August "
                "2023 in the West Midlands: type, phase, LA, postcode, pupils, age range."),
        lacks="Schools outside the West Midlands; independent schools; addresses; close dates.",
        official_url=("https://www.gov.uk/government/statistics/"
                      "state-funded-schools-inspections-and-outcomes-as-at-31-august-2023"),
        rehost_note=("West Midlands rows of the official CSV, all 78 columns kept, with a "
                     "leading pandas index column added by the re-host."),
    ),
    Source(
        id=CENSUS_2019_SCHOOLS,
        title="School census January 2019 (school list)",
        publisher="Department for Education",
        paths=("dfe_performance_tables_2018_19/england_census.csv",),
        data_date="2019-01",
        table="school_records",
        load=load_census_schools,
        covers="Every school in England in the January 2019 census: LA, type and pupils on roll.",
        lacks="Names, addresses and dates.",
        official_url=PERFORMANCE_TABLES_DOWNLOADS,
        rehost_note="Official england_census.csv of the 2018/19 tables, UTF-8 BOM removed.",
    ),
    Source(
        id=GIAS_LINKS_2025_04,
        title="Get Information About Schools: links between establishments, 22 April 2025",
        publisher="Department for Education",
        paths=("gias_links/links_edubasealldata20250422.csv",),
        data_date="2025-04-22",
        table="school_links",
        load=load_links,
        covers="Predecessor and successor URNs (academy conversion, merger, amalgamation, split).",
        lacks="Links made after 22 April 2025; sixth-form centre and other non-history links.",
        official_url=GIAS_DOWNLOADS,
        rehost_note="Official links_edubasealldata20250422.csv, unchanged.",
    ),
    Source(
        id=GIAS_LINK_NAMES_2025_04,
        title="Get Information About Schools: names of linked establishments, 22 April 2025",
        publisher="Department for Education",
        paths=("gias_links/links_edubasealldata20250422.csv",),
        data_date="2025-04-22",
        table="school_records",
        load=load_link_names,
        covers="The name of every school that is a predecessor or successor of another.",
        lacks="Everything but the name.",
        official_url=GIAS_DOWNLOADS,
        rehost_note="Official links_edubasealldata20250422.csv, unchanged.",
    ),
]
