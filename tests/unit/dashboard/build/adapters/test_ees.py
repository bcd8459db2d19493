"""The EES-layout adapters' series tables; `write` and `checked` for their tests."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from dashboard.build.adapters import (
    exclusions,
    ks4_characteristics,
    neet,
    send_sen_status,
)
from dashboard.tables import validate


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def checked(frame: pd.DataFrame) -> pd.DataFrame:
    return validate("la_indicators", frame, "test")


def test_every_series_table_maps_each_measure_group_once() -> None:
    tables = [neet.NEET_SERIES, exclusions.EXCLUSION_SERIES, send_sen_status.KS2_SEN_SERIES,
              send_sen_status.KS4_SEN_SERIES, send_sen_status.EYFS_SEN_SERIES,
              ks4_characteristics.KS4_CHARACTERISTIC_SERIES]
    for table in tables:
        targets = [tuple(spec.series[:3]) for spec in table.values()]
        assert len(targets) == len(set(targets))
