"""The LA geography every LA-level adapter places its rows with -> also the `la_codes` table.

DfE LA numbers, ONS codes, names and regions of every English LA, region and England: ONS codes
from the NCCIS NEET files (every LA, region and England, with DfE and ONS codes; the latest file
wins), names from LAIT's LA code list, including LAs abolished since 2019 (for older series).
`Geography.locate` gives publisher rows their area type, code, LA number and name, by LA
number, ONS code or (period-aware) name.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from dashboard.build.sources import (
    Source,
    blank_to_na,
    read_csv,
    read_excel,
    resolve_columns,
    whole_numbers,
)
from dashboard.errors import SourceError

LAIT_FOLDER = "dfe_lait"
NEET_FILES = tuple(f"dfe_nccis_neet/neet_notknown_la_{year}.csv" for year in range(2021, 2026))
LA_CODE_LIST = f"{LAIT_FOLDER}/la_code_list.xlsx"
# The files the LA geography is read from: ONS codes from the NCCIS NEET files (every LA,
# region and England, with DfE and ONS codes), names from the LAIT code list.
GEOGRAPHY_FILES = (*NEET_FILES, LA_CODE_LIST)
LAIT_URL = "https://www.gov.uk/government/publications/local-authority-interactive-tool-lait"
NEET_URL = "https://www.gov.uk/government/publications/neet-and-participation-local-authority-figures"


# Placeholder rows the NCCIS dashboard files carry for their demo screens.
_NEET_PLACEHOLDERS = frozenset({"la demo", "region demo"})
# DfE marks LAs abolished in a reorganisation "Dorset (Pre LG)" / "Cheshire (Pre LGR 2009)".
_PRE_REORGANISATION = re.compile(r"\s*\(pre lg[a-z]*(?:\s+\d{4})?\)\s*$", re.IGNORECASE)
_GEOGRAPHIC_LEVELS = {
    "national": "england", "england": "england", "country": "england",
    "regional": "region", "region": "region",
    "local authority": "la", "la": "la",
}


def name_key(name: str) -> str:
    """Compare LA and region names loosely: case, '&', punctuation and spacing ignored."""
    text = _PRE_REORGANISATION.sub("", str(name)).lower().replace("&", " and ")
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


@dataclass(frozen=True)
class Geography:
    """DfE LA numbers, ONS codes and names of LAs, regions and England."""

    codes: pd.DataFrame  # the la_codes table
    la_by_ons_code: dict[str, int]  # every ONS code an LA has had (latest and earlier)
    region_codes: dict[str, str]  # name_key(region name) -> ONS region code
    england_code: str
    england_name: str
    current_names: dict[str, int]  # name_key -> LA number
    abolished_names: dict[str, int]  # name_key of "X (Pre LG)" LAs -> LA number

    def ons_codes(self, la_numbers: pd.Series) -> pd.Series:
        lookup = dict(zip(self.codes["la_number"], self.codes["ons_code"], strict=True))
        return la_numbers.map(lookup).astype("string")

    def la_numbers_by_name(self, names: pd.Series, periods: pd.Series) -> pd.Series:
        """LA numbers for LA names; <NA> for names of no known LA.

        A name used both by an abolished LA and its successor ("Dorset" before and after the
        2019 reorganisation) is read as the abolished LA in the periods where the file still
        lists another LA that exists only in the pre-reorganisation list ("Poole").
        """
        keys = names.map(name_key)
        marked_old = names.str.contains(_PRE_REORGANISATION, na=False)
        only_old = keys.isin(list(self.abolished_names)) & ~keys.isin(list(self.current_names))
        old_periods = set(periods[only_old | marked_old])
        use_old = marked_old | only_old | (
            periods.isin(old_periods) & keys.isin(list(self.abolished_names)))
        numbers = keys.map(self.current_names).where(~use_old, keys.map(self.abolished_names))
        return numbers.astype("Int64")

    def locate(self, levels: pd.Series, names: pd.Series, *, la_numbers: pd.Series | None = None,
               ons_codes: pd.Series | None = None, periods: pd.Series | None = None,
               path: Path, column: str = "geographic_level") -> pd.DataFrame:
        """area_type, area_code, la_number and area_name for publisher rows.

        `levels` holds the publisher's geographic level ("National", "Regional", "Local
        authority"); LA rows are identified by `la_numbers`, else `ons_codes`, else `names` (read
        with `periods`). Region rows without an ONS region code (inner and outer London) get
        area_type <NA>: callers drop them.
        """
        area_type = levels.astype("string").str.strip().str.lower().map(_GEOGRAPHIC_LEVELS)
        bad = area_type.isna()
        if bad.any():
            raise SourceError(path.name, "unknown geographic level", column=column,
                              rows=[repr(v) for v in levels[bad].unique()[:5]])
        is_la = area_type == "la"
        numbers = la_numbers.astype("Int64") if la_numbers is not None else pd.Series(
            pd.NA, index=names.index, dtype="Int64")
        if ons_codes is not None:
            numbers = numbers.fillna(ons_codes.map(self.la_by_ons_code).astype("Int64"))
        if periods is not None:
            numbers = numbers.fillna(self.la_numbers_by_name(names, periods))
        numbers = numbers.where(is_la, pd.NA)
        area_code = self.ons_codes(numbers)
        if ons_codes is not None:
            area_code = blank_to_na(ons_codes).where(is_la).fillna(area_code)
        region_code = names.map(name_key).map(self.region_codes).astype("string")
        area_code = area_code.where(area_type != "region", region_code)
        area_code = area_code.mask(area_type == "england", self.england_code)
        area_type = area_type.mask((area_type == "region") & region_code.isna(), pd.NA)
        return pd.DataFrame({
            "area_type": area_type.astype("string"),
            "area_code": area_code.astype("string"),
            "la_number": numbers,
            "area_name": names.astype("string").str.strip(),
        })


NEET_GEOGRAPHY_COLUMNS = {
    "time_period": ["time_period"],
    "geographic_level": ["geographic_level"],
    "country_code": ["country_code"],
    "country_name": ["country_name"],
    "region_code": ["region_code"],
    "region_name": ["region_name"],
    "old_la_code": ["old_la_code"],
    "new_la_code": ["new_la_code"],
    "la_name": ["la_name"],
}


def read_neet_file(path: Path) -> pd.DataFrame:
    """One NCCIS NEET / participation file, without its demo placeholder rows."""
    frame = read_csv(path)
    resolve_columns(frame, path, NEET_GEOGRAPHY_COLUMNS)  # stops the build if a code is missing
    names = frame["la_name"].where(frame["la_name"].str.strip() != "", frame["region_name"])
    return frame[~names.map(name_key).isin(_NEET_PLACEHOLDERS)].reset_index(drop=True)


def _neet_places(frames: Sequence[tuple[Path, pd.DataFrame]]) -> pd.DataFrame:
    parts = []
    for path, frame in frames:
        part = resolve_columns(frame, path, NEET_GEOGRAPHY_COLUMNS).apply(blank_to_na)
        part["la_number"] = whole_numbers(part["old_la_code"], path, "old_la_code")
        level = part["geographic_level"].str.lower().map(_GEOGRAPHIC_LEVELS)
        for kind, needed in (("la", "new_la_code"), ("region", "region_code")):
            missing = (level == kind) & part[needed].isna()
            if missing.any():
                raise SourceError(path.name, f"{int(missing.sum())} row(s) without a code",
                                  column=needed,
                                  rows=[f"row {i + 2}" for i in part.index[missing][:5]])
        parts.append(part.assign(level=level))
    return pd.concat(parts, ignore_index=True).sort_values("time_period", kind="stable")


def _read_code_list(path: Path) -> pd.DataFrame:
    frame = resolve_columns(read_excel(path), path, {
        "la_number": ["LA Number", "LA_Number", "la_code"],
        "la_name": ["LA Name", "LA_Name", "la_name"],
        "region_name": ["Region", "region_name", "GOReg"],
    }).apply(blank_to_na)
    frame["la_number"] = whole_numbers(frame["la_number"], path, "LA Number")
    # Rows without a region ("NA", as R writes missing) are England, regions and London's
    # inner/outer aggregates.
    frame["region_name"] = frame["region_name"].replace("NA", pd.NA)
    return frame[frame["la_number"].notna() & frame["region_name"].notna()]


def read_geography(paths: Sequence[Path]) -> Geography:
    """The LA geography from NCCIS NEET CSVs and the LAIT LA code list (xlsx), in any order."""
    neet = _neet_places([(p, read_neet_file(p)) for p in paths if p.suffix.lower() == ".csv"])
    code_lists = [_read_code_list(p) for p in paths if p.suffix.lower() in (".xlsx", ".xls")]
    listed = pd.concat(code_lists, ignore_index=True) if code_lists else pd.DataFrame(
        {"la_number": pd.Series(dtype="Int64"), "la_name": pd.Series(dtype="string"),
         "region_name": pd.Series(dtype="string")})
    neet_las = neet[neet["level"] == "la"].drop_duplicates("la_number", keep="last")
    codes = pd.DataFrame({"la_number": pd.concat([listed["la_number"], neet_las["la_number"]])})
    codes = codes.drop_duplicates().sort_values("la_number").reset_index(drop=True)
    by_number = neet_las.set_index("la_number")
    listed_by_number = listed.drop_duplicates("la_number").set_index("la_number")
    # DfE's list splits London into inner and outer; ONS regions do not.
    listed_region = listed_by_number["region_name"].str.replace(
        r"^(Inner|Outer) London$|^London \((Inner|Outer)\)$", "London", regex=True)
    def lookup(values: pd.Series) -> pd.Series:
        return codes["la_number"].map(values).astype("string")

    codes["ons_code"] = lookup(by_number["new_la_code"])
    codes["la_name"] = lookup(listed_by_number["la_name"]).fillna(lookup(by_number["la_name"]))
    codes["region_name"] = lookup(by_number["region_name"]).fillna(lookup(listed_region))

    current: dict[str, int] = {}
    abolished: dict[str, int] = {}
    for name, number in zip(listed["la_name"], listed["la_number"], strict=True):
        target = abolished if _PRE_REORGANISATION.search(name) else current
        target[name_key(name)] = int(number)
    every_la_code = neet[neet["level"] == "la"].dropna(subset=["new_la_code"])
    for name, number in zip(every_la_code["la_name"], every_la_code["la_number"], strict=True):
        current.setdefault(name_key(name), int(number))
    regions = neet.dropna(subset=["region_code", "region_name"])
    england = neet.dropna(subset=["country_code", "country_name"])
    if england.empty:
        raise SourceError(", ".join(p.name for p in paths), "no country code for England",
                          column="country_code")
    return Geography(
        codes=codes[["la_number", "ons_code", "la_name", "region_name"]],
        la_by_ons_code=dict(zip(every_la_code["new_la_code"],
                                every_la_code["la_number"].astype(int), strict=True)),
        region_codes=dict(zip(regions["region_name"].map(name_key), regions["region_code"],
                              strict=True)),
        england_code=str(england["country_code"].iloc[-1]),
        england_name=str(england["country_name"].iloc[-1]),
        current_names=current,
        abolished_names=abolished,
    )


def load_la_codes(paths: list[Path]) -> pd.DataFrame:
    """DfE LA number -> ONS code (latest NCCIS file wins), name (LAIT code list) and region."""
    return read_geography(paths).codes


SOURCES: list[Source] = [
    Source(
        id="la_codes",
        title="DfE LA numbers, ONS codes, names and regions",
        publisher="Department for Education",
        paths=GEOGRAPHY_FILES,
        data_date="2025",
        table="la_codes",
        load=load_la_codes,
        covers=("Every English LA in the NCCIS NEET files 2021-2025 and the LAIT code list, "
                "including LAs abolished since 2019 (for older series)."),
        lacks=("No ONS code for City of London, Isles of Scilly and the pre-2019 Dorset, Poole "
               "and Bournemouth (not in the NEET files)."),
        official_url=LAIT_URL,
        rehost_note=("NCCIS NEET dashboard CSVs (old_la_code, new_la_code, la_name, "
                     "region_name) and LAIT's la_code_list.xlsx, unchanged."),
    ),
]
