"""Statistical neighbours, from the tidy CSV and the DfE workbook layout."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import neighbours
from dashboard.errors import SourceError
from dashboard.tables import validate
from tests.unit.dashboard.build.adapters.test_la_indicators import one


def write_neighbour_csv(path: Path) -> Path:
    header = "LA_num,LA_name,LA_number,GOInd,GOReg," + ",".join(
        f"SN{k},SNP_{k}" for k in range(1, 11))
    row = "860.0,Staffordshire,860.0,8.0,West Midlands," + ",".join(
        f"{n}.0,Very Close" for n in (811, 884, 893, 815, 933, 830, 877, 891, 943, 888))
    path.write_text(f"{header}\n{row}\n", encoding="utf-8")
    return path


def write_neighbour_workbook(path: Path) -> Path:
    """The DfE workbook layout: two rows above the header, SNP repeated, an 'Old SNs' block."""
    header = ["LA num", "LA Name", "LA number", "GOInd", "GOReg"]
    for k in range(1, 11):
        header += [f"SN{k}", "SNP"]
    width = len(header)
    staffs = ["860", "Staffordshire", "860", "8", "West Midlands"]
    for n in (891, 830, 885, 937, 881, 811, 896, 940, 909, 888):
        staffs += [str(n), "Very Close"]
    old = ["835", "Dorset (Pre LG)", "835", "7", "South West"] + ["893", "Extremely Close"] * 10
    rows = [["A"] * width, [str(i) for i in range(width)], header, staffs, [""] * width,
            ["", "Old SNs:"] + [""] * (width - 2), old]
    pd.DataFrame(rows).to_excel(path, index=False, header=False, sheet_name="LA SN Groups")
    return path


def test_neighbours_load_from_the_tidy_csv_and_the_dfe_workbook(tmp_path: Path) -> None:
    paths = [write_neighbour_csv(tmp_path / "statistical_neighbours_may2025.csv"),
             write_neighbour_workbook(tmp_path / "sn_april_2021.xlsx")]
    frame = validate("neighbours", neighbours.load_neighbours(paths), "test")
    staffs = frame[frame["la_number"] == 860]
    assert staffs[staffs["list_year"] == "2025"]["neighbour_la_number"].tolist() == [
        811, 884, 893, 815, 933, 830, 877, 891, 943, 888]
    first_2021 = one(staffs, list_year="2021", rank=1)
    assert first_2021["neighbour_la_number"] == 891 and first_2021["closeness"] == "Very close"
    assert len(frame[frame["la_number"] == 835]) == 10  # the "Old SNs" block is read too


def test_neighbours_without_a_year_in_the_file_name_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SourceError, match="year"):
        neighbours.load_neighbours([write_neighbour_csv(tmp_path / "neighbours.csv")])
