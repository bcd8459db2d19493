"""Code-Point Open adapter: postcode normalisation, both CSV layouts, area names."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.adapters import codepoint
from dashboard.build.adapters.codepoint import load_area_names, load_postcodes, tidy_area_name
from dashboard.errors import SourceError
from dashboard.rules import normalise_outward_code, normalise_postcode
from dashboard.tables import validate

HEADER = ",".join(codepoint.CODEPOINT_COLUMNS)


def row(postcode: str, quality: int = 10, easting: int = 392000, northing: int = 323000,
        district: str = "E07000197", ward: str = "E05010483") -> str:
    return (f'"{postcode}",{quality},{easting},{northing},"E92000001","E19000001","E18000005",'
            f'"E10000028","{district}","{ward}"')


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(("text", "expected"), [
    ("st16 1aa", "ST16 1AA"),
    ("ST161AA", "ST16 1AA"),
    ("  b1   1aa ", "B1 1AA"),
    ("EC1A1BB", "EC1A 1BB"),
    ("W1A 0AX", "W1A 0AX"),
    ("ST16", None),
    ("ST16 1A", None),
    ("123 456", None),
    ("", None),
    (None, None),
])
def test_normalise_postcode(text: str | None, expected: str | None) -> None:
    assert normalise_postcode(text) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("st16", "ST16"), (" ws13 ", "WS13"), ("B1", "B1"), ("EC1A", "EC1A"),
    ("ST16 1AA", None), ("16ST", None), ("", None), (None, None),
])
def test_normalise_outward_code(text: str | None, expected: str | None) -> None:
    assert normalise_outward_code(text) == expected


@pytest.mark.parametrize(("name", "tidy"), [
    ("Cannock Chase District", "Cannock Chase"),
    ("East Staffordshire District (B)", "East Staffordshire"),
    ("Alton Ward", "Alton"),
    ("Brewood, Coven & Blymhill Ward", "Brewood, Coven & Blymhill"),
    ("Tamworth", "Tamworth"),
])
def test_tidy_area_name(name: str, tidy: str) -> None:
    assert tidy_area_name(name) == tidy


def test_shared_file_with_header_loads(tmp_path: Path) -> None:
    path = write(tmp_path / "staffs.csv",
                 [HEADER, row("ST16 1AA"), row("WS13 6QG", district="E07000194")])
    frame = validate("postcodes", load_postcodes([path]), "test")
    assert list(frame["postcode"]) == ["ST16 1AA", "WS13 6QG"]
    assert frame.loc[1, "district_code"] == "E07000194"
    assert frame.loc[0, "easting"] == 392000.0


def test_official_headerless_files_load_together(tmp_path: Path) -> None:
    # Official per-area files: no header, postcodes padded to seven characters.
    st = write(tmp_path / "st.csv", [row("ST161AA"), row("ST5 0EX", district="E07000195")])
    ws = write(tmp_path / "ws.csv", [row("WS136QG", district="E07000194"), row("ST161AA")])
    frame = validate("postcodes", load_postcodes([st, ws]), "test")
    assert sorted(frame["postcode"]) == ["ST16 1AA", "ST5 0EX", "WS13 6QG"]


def test_postcodes_without_grid_reference_are_dropped(tmp_path: Path) -> None:
    path = write(tmp_path / "st.csv", [row("ST16 1AA"), row("ST16 9ZZ", quality=90, easting=0,
                                                             northing=0)])
    assert list(load_postcodes([path])["postcode"]) == ["ST16 1AA"]


def test_text_that_is_not_a_postcode_names_file_and_column(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", [HEADER, row("ST16 1AA"), row("NOT A POSTCODE")])
    with pytest.raises(SourceError) as error:
        load_postcodes([path])
    assert error.value.file == "bad.csv"
    assert error.value.column == "Postcode"
    assert "NOT A POSTCODE" in str(error.value)


def test_non_numeric_easting_stops_the_build(tmp_path: Path) -> None:
    path = write(tmp_path / "bad.csv", [HEADER, row("ST16 1AA").replace("392000", "east")])
    with pytest.raises(SourceError, match="Eastings"):
        load_postcodes([path])


def test_area_names_from_shared_csvs(tmp_path: Path) -> None:
    districts = write(tmp_path / "districts.csv", [
        "district_name,district_code", "Stafford District (B),E07000197",
        "Cannock Chase District,E07000192"])
    wards = write(tmp_path / "wards.csv", [
        "ward_name,ward_code", '"Doxey & Castletown Ward",E05010483',
        '"Brewood, Coven & Blymhill Ward",E05015055'])
    frame = validate("area_names", load_area_names([districts, wards]), "test")
    assert frame.set_index("code")["name"].to_dict() == {
        "E07000197": "Stafford", "E07000192": "Cannock Chase",
        "E05010483": "Doxey & Castletown", "E05015055": "Brewood, Coven & Blymhill"}
    assert frame.set_index("code")["area_type"].to_dict()["E05010483"] == "ward"


def test_area_names_from_official_codelist_workbook(tmp_path: Path) -> None:
    path = tmp_path / "Codelist.xlsx"
    with pd.ExcelWriter(path) as writer:
        pd.DataFrame([["Stafford District (B)", "E07000197"]]).to_excel(
            writer, sheet_name="DIS", header=False, index=False)
        pd.DataFrame([["Alton Ward", "E05007039"]]).to_excel(
            writer, sheet_name="DIW", header=False, index=False)
        pd.DataFrame([["CTY", "County"]]).to_excel(
            writer, sheet_name="AREA_CODES", header=False, index=False)
    frame = validate("area_names", load_area_names([path]), "test")
    assert sorted(frame["name"]) == ["Alton", "Stafford"]


def test_names_file_without_codes_stops_the_build(tmp_path: Path) -> None:
    path = write(tmp_path / "names.csv", ["name,code", "Stafford,unknown"])
    with pytest.raises(SourceError, match="ONS area codes"):
        load_area_names([path])


def test_sources_describe_their_files() -> None:
    by_id = {source.id: source for source in codepoint.SOURCES}
    assert by_id["codepoint_postcodes"].table == "postcodes"
    assert by_id["codepoint_area_names"].table == "area_names"
    for source in codepoint.SOURCES:
        assert source.data_date == "2025-10"
        assert "Crown copyright" in source.licence
        assert source.official_url.startswith("https://")
