"""The LA geography files every LA-level adapter test reads, written in the publishers' formats."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.unit.dashboard.build.adapters.test_la_geography import write_geography


@pytest.fixture
def geography_files(tmp_path: Path) -> list[Path]:
    return write_geography(tmp_path / "geo")
