"""OS Code-Point Open: postcode -> British National Grid point, district and ward; area names.

Official Code-Point Open CSVs (one per postcode area, e.g. ST.csv) have no header row; the shared
Staffordshire file is the same columns with a header. Both load, and several files may be given.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.build.sources import Source, parse_numbers, read_csv, read_excel, resolve_columns
from dashboard.errors import SourceError
from dashboard.rules import normalise_postcode

# Column order of the official, header-less Code-Point Open CSVs.
CODEPOINT_COLUMNS = [
    "Postcode", "Positional_quality_indicator", "Eastings", "Northings", "Country_code",
    "NHS_regional_HA_code", "NHS_HA_code", "Admin_county_code", "Admin_district_code",
    "Admin_ward_code",
]
# Positional quality 90: Code-Point holds no grid reference for the postcode (written as 0, 0).
NO_COORDINATES_QUALITY = 90.0

LICENCE = (
    "OS OpenData (Code-Point Open): Contains OS data © Crown copyright and database right 2025; "
    "Contains Royal Mail data © Royal Mail copyright and database right 2025; Contains National "
    "Statistics data © Crown copyright and database right 2025"
)
OFFICIAL_URL = "https://osdatahub.os.uk/downloads/open/CodePointOpen"
FOLDER = "os_codepoint_open_staffordshire"

# ONS codes of district-level areas (non-metropolitan and metropolitan districts, London
# boroughs, unitary authorities in England, Wales and Scotland) and of wards.
_DISTRICT_CODE = re.compile(r"^(E0[6789]|W06|S12)\d{6}$")
_WARD_CODE = re.compile(r"^(E05|W05|S13)\d{6}$")
# Code-Point writes area names with their kind: "Stafford District (B)", "Alton Ward".
_NAME_QUALIFIER = re.compile(r"\s*\((B|City|DET)\)$")
_NAME_KIND = re.compile(r"\s+(District|Ward|London Boro)$")


def tidy_area_name(name: str) -> str:
    """Drop Code-Point's kind words: "Cannock Chase District" -> "Cannock Chase",
    "Stafford District (B)" -> "Stafford", "Alton Ward" -> "Alton"."""
    return _NAME_KIND.sub("", _NAME_QUALIFIER.sub("", name.strip())).strip()


def normalised_postcodes(raw: pd.Series, path: Path, column: str) -> pd.Series:
    """Normalise a postcode column; text that is not a postcode stops the build."""
    text = raw.astype("string").str.strip()
    normalised = pd.Series([normalise_postcode(v) for v in text.fillna("")], index=raw.index,
                           dtype="string")
    bad = normalised.isna() & text.fillna("").ne("")
    if bad.any():
        raise SourceError(
            path.name, f"{int(bad.sum())} value(s) are not postcodes", column=column,
            rows=[f"row {i + 2}: {raw[i]!r}" for i in raw.index[bad][:5]],
        )
    return normalised


def _read_codepoint_csv(path: Path) -> pd.DataFrame:
    """One Code-Point CSV, with or without the header row."""
    with Path(path).open(encoding="utf-8") as fh:
        first_field = fh.readline().split(",")[0].strip().strip('"').lower()
    if first_field == "postcode":
        frame = read_csv(path)
    else:
        frame = read_csv(path, header=None, names=CODEPOINT_COLUMNS)
    return resolve_columns(frame, path, {name: [name] for name in CODEPOINT_COLUMNS})


def _postcode_rows(path: Path) -> pd.DataFrame:
    frame = _read_codepoint_csv(path)
    coordinates = {}
    for column in ["Positional_quality_indicator", "Eastings", "Northings"]:
        coordinates[column], _ = parse_numbers(frame[column], path, column)
    rows = pd.DataFrame({
        "postcode": normalised_postcodes(frame["Postcode"], path, "Postcode"),
        "easting": coordinates["Eastings"],
        "northing": coordinates["Northings"],
        "district_code": frame["Admin_district_code"].str.strip().replace("", pd.NA),
        "ward_code": frame["Admin_ward_code"].str.strip().replace("", pd.NA),
    })
    located = (coordinates["Positional_quality_indicator"] != NO_COORDINATES_QUALITY) & (
        rows["easting"].notna() & rows["northing"].notna()
    )
    return rows[located & rows["postcode"].notna()]


def load_postcodes(paths: list[Path]) -> pd.DataFrame:
    """Postcode -> easting, northing, district and ward codes, from one or more Code-Point CSVs."""
    frame = pd.concat([_postcode_rows(path) for path in paths], ignore_index=True)
    # The same postcode in two files (overlapping extracts) is the same record: keep one.
    return frame.drop_duplicates("postcode").reset_index(drop=True)


def _name_code_pairs(frame: pd.DataFrame) -> pd.DataFrame:
    """Find the (name, code) pair of columns in a names table, whatever its column headings."""
    text = frame.astype("string").apply(lambda column: column.str.strip())
    is_code = text.apply(lambda column: column.str.match(r"^[EWSN]\d{8}$").fillna(False).mean())
    code_column = is_code.idxmax()
    if is_code[code_column] < 0.5:
        return pd.DataFrame(columns=["name", "code"], dtype="string")
    name_column = next(c for c in text.columns if c != code_column)
    return pd.DataFrame({"name": text[name_column], "code": text[code_column]})


def _read_names(path: Path) -> pd.DataFrame:
    """A names file: the shared CSVs (name, code) or every sheet of Code-Point's Codelist.xlsx."""
    if path.suffix.lower() in (".xlsx", ".xls"):
        sheets = read_excel(path, sheet_name=None, header=None)
        parts = [_name_code_pairs(sheet) for sheet in sheets.values() if sheet.shape[1] >= 2]
        return pd.concat(parts, ignore_index=True)
    frame = read_csv(path)
    if frame.shape[1] < 2:
        raise SourceError(path.name, "expected a name column and a code column")
    pairs = _name_code_pairs(frame)
    if pairs.empty:
        raise SourceError(path.name, "no column holds ONS area codes (E05..., E07...)")
    return pairs


def load_area_names(paths: list[Path]) -> pd.DataFrame:
    """District and ward names by ONS code, tidied ("Stafford District (B)" -> "Stafford")."""
    pairs = pd.concat([_read_names(path) for path in paths], ignore_index=True)
    pairs = pairs.dropna().drop_duplicates("code")
    area_type = pd.Series(pd.NA, index=pairs.index, dtype="string")
    area_type[pairs["code"].str.match(_DISTRICT_CODE.pattern)] = "district"
    area_type[pairs["code"].str.match(_WARD_CODE.pattern)] = "ward"
    names = pd.DataFrame({
        "area_type": area_type,
        "code": pairs["code"],
        "name": pairs["name"].map(tidy_area_name).astype("string"),
    })
    return names[names["area_type"].notna()].reset_index(drop=True)


SOURCES: list[Source] = [
    Source(
        id="codepoint_postcodes",
        title="OS Code-Point Open postcodes (Staffordshire districts)",
        publisher="Ordnance Survey",
        paths=(f"{FOLDER}/codepoint_open_2025_10_staffordshire_postcodes.csv",),
        data_date="2025-10",
        table="postcodes",
        load=load_postcodes,
        licence=LICENCE,
        covers=("Every live postcode in the eight Staffordshire districts (dataset version "
                "2025.4.0): British National Grid point, district and ward."),
        lacks=("Postcodes just over the county boundary, so a few schools whose postcode lies "
               "in a neighbouring council cannot be placed in a district; terminated postcodes."),
        official_url=OFFICIAL_URL,
        rehost_note=("Rows of the official per-area CSVs whose Admin_district_code is one of the "
                     "eight Staffordshire districts, with the official column names added as a "
                     "header row; values unchanged."),
    ),
    Source(
        id="codepoint_area_names",
        title="OS Code-Point Open district and ward names",
        publisher="Ordnance Survey",
        paths=(f"{FOLDER}/codepoint_open_2025_10_staffordshire_district_names.csv",
               f"{FOLDER}/codepoint_open_2025_10_staffordshire_ward_names.csv"),
        data_date="2025-10",
        table="area_names",
        load=load_area_names,
        licence=LICENCE,
        covers="Names of the eight Staffordshire districts and their 151 current wards.",
        lacks="Ward names before the 2023 ward reviews.",
        official_url=OFFICIAL_URL,
        rehost_note=("Staffordshire rows of the district and ward sheets of Code-Point Open's "
                     "Doc/Codelist.xlsx, saved as CSV with headings (district_name, "
                     "district_code / ward_name, ward_code)."),
    ),
]
