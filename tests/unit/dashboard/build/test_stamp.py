"""The input stamp: it changes when a raw file or the build code changes and only then, and
`build-data --if-changed` builds only when the store's stamp is not the inputs' stamp."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from dashboard.build import __main__ as cli
from dashboard.build import pipeline
from dashboard.build.stamp import BUILD_CODE, SHARED_CODE, STAMP_KEY, input_stamp, stored_stamp


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """A repository with the build code, the shared modules and code the build does not read."""
    root = tmp_path / "repo"
    for name in [*SHARED_CODE, f"{BUILD_CODE}/pipeline.py", f"{BUILD_CODE}/adapters/lait.py",
                 "dashboard/store/__init__.py", "layouts/overview.py"]:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(f"# {name}\n", encoding="utf-8")
    return root


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    folder = tmp_path / "raw"
    (folder / "dfe_lait").mkdir(parents=True)
    (folder / "dfe_lait" / "bds_long_0.parquet").write_bytes(b"PAR1")
    (folder / "codes.csv").write_text("la,code\n860,E10000028\n", encoding="utf-8")
    return folder


@pytest.fixture
def area(tmp_path: Path) -> Path:
    path = tmp_path / "area.toml"
    path.write_text('name = "Staffordshire"\n', encoding="utf-8")
    return path


def test_the_stamp_is_the_same_while_nothing_the_build_reads_changes(
    repo: Path, raw: Path, area: Path
) -> None:
    before = input_stamp(raw, repo, area)
    assert len(before) == 64 and input_stamp(raw, repo, area) == before
    (repo / "layouts" / "overview.py").write_text("# a page changed\n", encoding="utf-8")
    (repo / "dashboard" / "store" / "__init__.py").write_text("# changed\n", encoding="utf-8")
    cache = repo / BUILD_CODE / "__pycache__"
    cache.mkdir()
    (cache / "pipeline.cpython-311.pyc").write_bytes(b"\x00")
    assert input_stamp(raw, repo, area) == before


def test_a_raw_file_changed_added_or_removed_changes_the_stamp(
    repo: Path, raw: Path, area: Path
) -> None:
    stamps = {input_stamp(raw, repo, area)}
    codes = raw / "codes.csv"
    codes.write_text("la,code\n860,E10000029\n", encoding="utf-8")  # same size, new mtime
    status = codes.stat()
    os.utime(codes, ns=(status.st_atime_ns, status.st_mtime_ns + 1_000_000_000))
    stamps.add(input_stamp(raw, repo, area))
    os.utime(codes, ns=(status.st_atime_ns, status.st_mtime_ns))  # same mtime, new size
    codes.write_text("la,code\n860,E10000028\n861,E10000029\n", encoding="utf-8")
    os.utime(codes, ns=(status.st_atime_ns, status.st_mtime_ns))
    stamps.add(input_stamp(raw, repo, area))
    (raw / "dfe_lait" / "la_code_list.xlsx").write_bytes(b"PK")
    stamps.add(input_stamp(raw, repo, area))
    (raw / "dfe_lait" / "bds_long_0.parquet").unlink()
    stamps.add(input_stamp(raw, repo, area))
    assert len(stamps) == 5


def test_the_build_code_and_the_area_file_change_the_stamp(
    repo: Path, raw: Path, area: Path
) -> None:
    stamps = {input_stamp(raw, repo, area)}
    (repo / BUILD_CODE / "adapters" / "lait.py").write_text("# a new series\n", encoding="utf-8")
    stamps.add(input_stamp(raw, repo, area))
    (repo / BUILD_CODE / "adapters" / "neet.py").write_text("# a new adapter\n", encoding="utf-8")
    stamps.add(input_stamp(raw, repo, area))
    for name in SHARED_CODE:
        (repo / name).write_text(f"# {name}, changed\n", encoding="utf-8")
        stamps.add(input_stamp(raw, repo, area))
    area.write_text('name = "Staffordshire"\nla_number = 860\n', encoding="utf-8")
    stamps.add(input_stamp(raw, repo, area))
    assert len(stamps) == 3 + len(SHARED_CODE) + 1


def test_the_raw_folder_itself_is_part_of_the_stamp(
    repo: Path, raw: Path, area: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "raw-copy"
    copy.mkdir()
    for path in raw.rglob("*"):
        if path.is_file():
            target = copy / path.relative_to(raw)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(path)
    assert input_stamp(copy, repo, area) != input_stamp(raw, repo, area)


def test_stored_stamp_reads_the_manifest_and_none_without_one(tmp_path: Path) -> None:
    assert stored_stamp(tmp_path / "none") is None
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert stored_stamp(tmp_path) is None
    (tmp_path / "manifest.json").write_text(json.dumps({"build_id": "1"}), encoding="utf-8")
    assert stored_stamp(tmp_path) is None  # built before stamps
    (tmp_path / "manifest.json").write_text(json.dumps({STAMP_KEY: "abc"}), encoding="utf-8")
    assert stored_stamp(tmp_path) == "abc"


def test_build_data_if_changed_builds_only_when_the_stamps_differ(
    raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture
) -> None:
    store = tmp_path / "store"
    builds: list[Path] = []

    def fake_build(raw: Path, out: Path, log: object) -> dict:
        builds.append(out)
        out.mkdir(exist_ok=True)
        (out / "manifest.json").write_text(json.dumps({STAMP_KEY: input_stamp(raw)}))
        return {"build_id": "test", "tables": {}}

    monkeypatch.setattr(pipeline, "build", fake_build)
    args = ["build-data", "--if-changed", "--raw", str(raw), "--out", str(store)]
    assert cli.main(args) == 0 and len(builds) == 1  # no store yet
    assert cli.main(args) == 0 and len(builds) == 1  # nothing changed
    assert "up to date" in capsys.readouterr().err
    (raw / "codes.csv").write_text("la,code\n860,E10000028\n861,E06000001\n", encoding="utf-8")
    assert cli.main(args) == 0 and len(builds) == 2
    assert cli.main(args[:1] + args[2:]) == 0 and len(builds) == 3  # without it: always

