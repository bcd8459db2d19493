"""DfE children's services statistical neighbours -> `neighbours`.

Ten neighbours per LA, nearest first, with their closeness, for each list year (the year in the
file name): tidy CSV copies of DfE's workbooks (header row only, SNP columns numbered) or the
workbooks themselves (rows above the header, an "Old SNs" block below the table).
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from dashboard.build.adapters.la_geography import LAIT_FOLDER, LAIT_URL
from dashboard.build.sources import Source, read_any_table, whole_numbers
from dashboard.errors import SourceError


def _header_key(text: object) -> str:
    return re.sub(r"[^a-z0-9]", "", str(text).lower())


def _neighbour_rows(path: Path) -> pd.DataFrame:
    raw = read_any_table(path, header=None)
    keys = raw.map(_header_key)
    header_rows = keys.index[(keys == "sn1").any(axis=1)]
    if header_rows.empty:
        raise SourceError(path.name, "no header row with columns SN1..SN10", column="SN1")
    header = keys.loc[header_rows[0]].tolist()
    body = raw.loc[header_rows[0] + 1:].reset_index(drop=True)
    if "lanum" not in header:
        raise SourceError(path.name, "required column missing", column="LA_num")
    la_numbers = whole_numbers(body.iloc[:, header.index("lanum")], path, "LA_num")
    listed = la_numbers.notna()  # below the table: blank rows and headings such as "Old SNs:"
    year = re.search(r"(20\d{2})", path.name)
    if not year:
        raise SourceError(path.name, "the file name does not say the year of the neighbour list")
    parts = []
    for rank in range(1, 11):
        if f"sn{rank}" not in header:
            raise SourceError(path.name, "required column missing", column=f"SN{rank}")
        at = header.index(f"sn{rank}")
        # Each SNk column is followed by its closeness (SNP_k in the CSV, SNP in the workbook).
        closeness = body.iloc[:, at + 1].astype("string").str.strip().str.capitalize()
        parts.append(pd.DataFrame({
            "list_year": year.group(1),
            "la_number": la_numbers[listed],
            "neighbour_la_number": whole_numbers(body.iloc[:, at], path, f"SN{rank}")[listed],
            "rank": rank,
            "closeness": closeness[listed].replace("", pd.NA),
        }))
    return pd.concat(parts, ignore_index=True)


def load_neighbours(paths: list[Path]) -> pd.DataFrame:
    """DfE children's services statistical neighbours: ten per LA, nearest first, per list year."""
    frame = pd.concat([_neighbour_rows(p) for p in paths], ignore_index=True)
    frame = frame.dropna(subset=["neighbour_la_number"]).astype({
        "list_year": "string", "rank": "Int64", "closeness": "string"})
    return frame.sort_values(["list_year", "la_number", "rank"]).reset_index(drop=True)


SOURCES: list[Source] = [
    Source(
        id="statistical_neighbours",
        title="DfE children's services statistical neighbours (2021 and 2025 models)",
        publisher="Department for Education",
        paths=(f"{LAIT_FOLDER}/statistical_neighbours_may2025.csv",
               f"{LAIT_FOLDER}/statistical_neighbours_april2021.csv"),
        data_date="May 2025",
        table="neighbours",
        load=load_neighbours,
        covers="Ten statistical neighbours of every English LA, with closeness, May 2025 and "
               "April 2021 models.",
        lacks="Older neighbour models.",
        official_url=LAIT_URL,
        rehost_note=("Tidy CSV copies of DfE's sn_may_2025.xlsx / sn_april_2021.xlsx (header "
                     "row only, SNP columns numbered SNP_1..SNP_10); the workbooks load too."),
    ),
]
