"""The area file: everything Staffordshire-specific, parsed with clear errors."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from dashboard.config import REPO_ROOT, AreaFileError, load_area, parse_area


def test_area_file_describes_staffordshire() -> None:
    area = load_area()
    assert area.la_number == 860 and area.ons_code == "E10000028"
    assert len(area.districts) == 8
    assert area.district("tamworth").code == "E07000199"
    assert area.district("E07000192").name == "Cannock Chase"
    assert area.district("nowhere") is None
    assert len(area.neighbours) == 10
    assert [t.number for t in area.targets] == [1, 2, 3, 4, 5]


def test_missing_key_and_bad_toml_are_clear(tmp_path: Path) -> None:
    data = tomllib.loads((REPO_ROOT / "data" / "area.toml").read_text())
    del data["area"]["ons_code"]
    with pytest.raises(AreaFileError, match="ons_code"):
        parse_area(data)
    broken = tmp_path / "area.toml"
    broken.write_text("[area\nname=")
    with pytest.raises(AreaFileError, match="not valid TOML"):
        load_area(broken)
