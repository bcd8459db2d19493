"""Loading the store: once per process, reloaded after a rebuild, clear when missing."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from dashboard import store


def write_store(folder: Path, build_id: str, value: float) -> None:
    folder.mkdir(exist_ok=True)
    pd.DataFrame({"value": [value]}).to_parquet(folder / "measures.parquet")
    (folder / "districts.geojson").write_text('{"type": "FeatureCollection", "features": []}')
    (folder / "manifest.json").write_text(
        json.dumps({"build_id": build_id, "sources": [{"id": "lait", "data_date": "2025"}]})
    )


@pytest.fixture(autouse=True)
def isolated_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EDU_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    store.clear_loaded()


def test_store_loads_once_and_again_after_a_rebuild(tmp_path: Path) -> None:
    folder = tmp_path / "processed"
    write_store(folder, "one", 1.0)
    first = store.load_store(folder)
    assert first.measures["value"].tolist() == [1.0]
    assert first.geojson["district_boundaries"]["type"] == "FeatureCollection"
    assert first.data_as_at() == {"lait": "2025"}
    assert store.load_store(folder) is first
    write_store(folder, "two", 2.0)
    assert store.load_store(folder).measures["value"].tolist() == [2.0]


def test_derived_data_is_made_once_per_loaded_store(tmp_path: Path) -> None:
    folder = tmp_path / "processed"
    write_store(folder, "one", 1.0)
    made = []
    loaded = store.load_store(folder)
    for _ in range(2):
        loaded.derived("values", lambda s: made.append(s.build_id) or len(s.measures))
    assert made == ["one"]
    write_store(folder, "two", 2.0)
    store.load_store(folder).derived("values", lambda s: made.append(s.build_id))
    assert made == ["one", "two"]


def test_missing_store_says_how_to_build_it(tmp_path: Path) -> None:
    with pytest.raises(store.StoreMissing, match="make data"):
        store.load_store(tmp_path / "nothing")
