"""The build: a manifest for every source file and of the inputs' stamp, and a failed build
leaves the store alone."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard.build import pipeline
from dashboard.build.sources import Source, read_csv
from dashboard.build.stamp import STAMP_KEY, input_stamp
from dashboard.errors import BuildError, SourceError


def tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def load_codes(paths: list[Path]) -> pd.DataFrame:
    raw = read_csv(paths[0])
    return pd.DataFrame(
        {
            "la_number": raw["la"].astype(int),
            "ons_code": raw["code"],
            "la_name": raw["name"],
            "region_name": pd.NA,
        }
    )


def codes_source(path: str = "codes.csv") -> Source:
    return Source(
        id="codes",
        title="LA codes",
        publisher="DfE",
        paths=(path,),
        data_date="2025",
        table="la_codes",
        load=load_codes,
    )


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    folder.mkdir()
    (folder / "codes.csv").write_text("la,code,name\n860,E10000028,Staffordshire\n")
    return folder


@pytest.fixture
def simple_assemble(monkeypatch: pytest.MonkeyPatch) -> None:
    """Stand in for the school tables and measures, which need every source."""
    monkeypatch.setattr(
        pipeline, "assemble", lambda frames, area: {"la_codes": pd.concat(frames["la_codes"])}
    )


def test_build_writes_tables_and_a_manifest_of_each_file(
    raw: Path, tmp_path: Path, simple_assemble: None
) -> None:
    out = tmp_path / "store"
    manifest = pipeline.build(raw=raw, out=out, sources=[codes_source()])
    assert pd.read_parquet(out / "la_codes.parquet")["ons_code"].tolist() == ["E10000028"]
    written = json.loads((out / "manifest.json").read_text())
    assert written["build_id"] == manifest["build_id"]
    (entry,) = written["sources"]
    assert entry["data_date"] == "2025"
    assert entry["files"] == [
        {
            "path": "codes.csv",
            "rows_read": 1,
            "sha256": hashlib.sha256((raw / "codes.csv").read_bytes()).hexdigest(),
        }
    ]
    assert written["code_version"] and written["build_time"]
    assert written[STAMP_KEY] == input_stamp(raw)  # taken before the build read anything
    assert not list(tmp_path.glob(".build-*"))  # the staging folder is gone


def test_failed_build_leaves_previous_store_byte_for_byte(
    raw: Path, tmp_path: Path, simple_assemble: None
) -> None:
    out = tmp_path / "store"
    pipeline.build(raw=raw, out=out, sources=[codes_source()])
    before = tree_digest(out)
    (raw / "codes.csv").write_text("la,code,name\nEight-sixty,E10000028,Staffordshire\n")
    with pytest.raises(BuildError, match=r"codes\.csv"):
        pipeline.build(raw=raw, out=out, sources=[codes_source()])
    assert tree_digest(out) == before
    assert not list(tmp_path.glob(".build-*"))


def test_invalid_table_and_missing_file_name_the_file(
    raw: Path, tmp_path: Path, simple_assemble: None
) -> None:
    (raw / "codes.csv").write_text("la,code,name\n860,NOT-A-CODE,Staffordshire\n")
    with pytest.raises(SourceError, match=r"codes\.csv, column 'ons_code'"):
        pipeline.build(raw=raw, out=tmp_path / "store", sources=[codes_source()])
    with pytest.raises(SourceError, match=r"gone\.csv: file not found"):
        pipeline.build(raw=raw, out=tmp_path / "store", sources=[codes_source("gone.csv")])
    assert not (tmp_path / "store").exists()
