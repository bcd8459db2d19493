"""The processed store, loaded into frames once per process (and again only after a rebuild).

`current_store()` is the store the running app reads (its EDU_PROCESSED_DIR setting, else the
default folder). Things derived from the store that several pages need (a measure's rows, the
search index) are made once per loaded store with `Store.derived`, so they live and die with
the build they came from.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import pandas as pd
from flask import current_app, has_app_context

from dashboard.config import processed_dir
from dashboard.tables import GEO_TABLES, MANIFEST

T = TypeVar("T")


class StoreMissing(RuntimeError):
    """There is no processed store yet (run `make data`)."""


@dataclass(frozen=True, repr=False)
class Store:
    tables: dict[str, pd.DataFrame]
    geojson: dict[str, dict]
    manifest: dict[str, Any]
    folder: Path = Path()
    _derived: dict[str, Any] = field(default_factory=dict, compare=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, compare=False)

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Reached only for names that are not attributes: the store's tables by name.
        tables = self.__dict__.get("tables")
        if tables is None or name not in tables:
            raise AttributeError(name)
        return tables[name]

    def __repr__(self) -> str:
        # Cache keys are made from arguments' reprs: a store is its folder and build.
        return f"Store({self.folder}, {self.build_id})"

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    def data_as_at(self) -> dict[str, str]:
        """Date of the data for each source id, from the manifest."""
        return {s["id"]: s["data_date"] for s in self.manifest["sources"]}

    def source(self, source_id: str) -> dict[str, Any] | None:
        return next((s for s in self.manifest["sources"] if s["id"] == source_id), None)

    def sources_by_id(self) -> dict[str, dict[str, Any]]:
        return {s["id"]: s for s in self.manifest.get("sources", [])}

    def derived(self, name: str, compute: Callable[[Store], T]) -> T:
        """`compute(self)` once for this loaded store (an index or split several pages use)."""
        with self._lock:
            if name not in self._derived:
                self._derived[name] = compute(self)
            return self._derived[name]

    def measure_rows(self, measure_id: str) -> pd.DataFrame:
        """The measures table's rows for one measure, split once per loaded store."""
        split = self.derived("measures_by_id", lambda s: {
            str(k): v for k, v in s.measures.groupby("measure_id", sort=False)})
        return split.get(measure_id, self.measures.iloc[0:0])


_lock = threading.Lock()
_loaded: dict[Path, Store] = {}


def _read_manifest(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise StoreMissing(f"no processed store in {folder}: run `make data`") from None


def _read_store(folder: Path, manifest: dict[str, Any]) -> Store:
    tables = {p.stem: pd.read_parquet(p) for p in sorted(folder.glob("*.parquet"))}
    geojson = {}
    for name, filename in GEO_TABLES.items():
        path = folder / filename
        if path.exists():
            geojson[name] = json.loads(path.read_text(encoding="utf-8"))
    return Store(tables=tables, geojson=geojson, manifest=manifest, folder=folder)


def load_store(folder: Path | None = None) -> Store:
    """The processed store as frames: read once per process, and again only when a rebuild
    changes the manifest's build id. StoreMissing when none has been built."""
    folder = (folder or processed_dir()).resolve()
    manifest = _read_manifest(folder)
    with _lock:
        current = _loaded.get(folder)
        if current is None or current.build_id != manifest["build_id"]:
            current = _loaded[folder] = _read_store(folder, manifest)
        return current


def current_store() -> Store:
    """The store of the running app (its EDU_PROCESSED_DIR setting), else the default one."""
    folder = current_app.config.get("EDU_PROCESSED_DIR") if has_app_context() else None
    return load_store(Path(folder) if folder else None)


def current_manifest() -> dict[str, Any] | None:
    """The current store's manifest; None when no store has been built."""
    try:
        return current_store().manifest
    except StoreMissing:
        return None


def clear_loaded() -> None:
    """Forget the per-process copy (tests)."""
    with _lock:
        _loaded.clear()
