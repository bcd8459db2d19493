"""Reading helpers: column resolution, DfE codes, dates and URNs fail clearly on bad input."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from dashboard.build.sources import (
    as_urn,
    blank_to_na,
    parse_dates,
    parse_numbers,
    read_any_table,
    read_csv,
    recording_reads,
    resolve_columns,
    whole_numbers,
)
from dashboard.errors import SourceError

FILE = Path("results.csv")


def test_parse_numbers_keeps_codes_apart_from_numbers() -> None:
    raw = pd.Series(["54%", "SUPP", "", "NE", "-3.2", "x", "low"])
    values, codes = parse_numbers(raw, FILE, "PTRWM_EXP", percent=True)
    assert values.iloc[0] == 54.0 and values.iloc[4] == -3.2
    assert values.iloc[[1, 2, 3, 5, 6]].isna().all()
    assert pd.isna(codes.iloc[0]) and codes.iloc[1] == "supp"
    assert codes.iloc[3] == "ne" and codes.iloc[5] == "x" and codes.iloc[6] == "low"
    assert pd.isna(codes.iloc[2])  # blank: nothing published, not a code


def test_parse_numbers_rejects_unknown_text_naming_file_column_and_rows() -> None:
    raw = pd.Series(["12", "twelve", "7"])
    with pytest.raises(SourceError) as caught:
        parse_numbers(raw, FILE, "TELIG", identifiers=pd.Series(["100", "101", "102"]))
    message = str(caught.value)
    assert "results.csv" in message and "'TELIG'" in message and "101='twelve'" in message


def test_resolve_columns_accepts_either_spelling_and_names_a_missing_column() -> None:
    frame = pd.DataFrame({"Overall Meet Std": ["1"], "urn": ["5"]})
    resolved = resolve_columns(
        frame, FILE, {"URN": ["URN"], "rwm": ["PTRWM_EXP", "Overall Meet Std"]}
    )
    assert list(resolved.columns) == ["URN", "rwm"]
    with pytest.raises(SourceError, match=r"column 'cohort'.*TELIG"):
        resolve_columns(frame, FILE, {"cohort": ["TELIG", "KS2 Pupils"]})


def test_dates_and_urns() -> None:
    dates = parse_dates(
        pd.Series(["28/06/2022", "20130418", ""]), FILE, "date", formats=["%d/%m/%Y", "%Y%m%d"]
    )
    assert dates.iloc[0] == pd.Timestamp("2022-06-28") and pd.isna(dates.iloc[2])
    with pytest.raises(SourceError, match="not dates"):
        parse_dates(pd.Series(["soon"]), FILE, "date", formats=["%Y%m%d"])
    assert as_urn(pd.Series(["123456.0", "7"]), FILE).tolist() == [123456, 7]
    with pytest.raises(SourceError, match="without a valid URN"):
        as_urn(pd.Series(["123", "abc"]), FILE)


def test_reads_are_recorded_and_bad_csv_is_a_source_error(tmp_path: Path) -> None:
    good = tmp_path / "good.csv"
    good.write_text("a,b\n1,2\n3,4\n")
    with recording_reads() as reads:
        read_csv(good)
    assert [(r.path.name, r.rows) for r in reads] == [("good.csv", 2)]
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"a,b\n\xff\xfe,1\n")
    with pytest.raises(SourceError, match=r"bad\.csv.*not readable as utf-8"):
        read_csv(bad)
    with pytest.raises(SourceError, match="file not found"):
        read_csv(tmp_path / "missing.csv")


def test_blank_text_is_missing_and_whole_numbers_accept_a_decimal_point() -> None:
    text = blank_to_na(pd.Series([" Stafford ", "", "  ", None]))
    assert text.iloc[0] == "Stafford" and text.iloc[1:].isna().all()
    numbers = whole_numbers(pd.Series(["860", "860.0", ""]), FILE, "LA")
    assert str(numbers.dtype) == "Int64" and numbers.iloc[:2].tolist() == [860, 860]
    assert pd.isna(numbers.iloc[2])
    with pytest.raises(SourceError, match="'LA'"):
        whole_numbers(pd.Series(["Staffordshire"]), FILE, "LA")


def test_any_table_reads_a_csv_or_the_first_sheet_of_a_workbook(tmp_path: Path) -> None:
    frame = pd.DataFrame({"LA": ["860"], "name": ["Staffordshire"]})
    frame.to_csv(tmp_path / "codes.csv", index=False)
    frame.to_excel(tmp_path / "codes.xlsx", index=False)
    for name in ("codes.csv", "codes.xlsx"):
        assert read_any_table(tmp_path / name).to_dict("list") == frame.to_dict("list")
