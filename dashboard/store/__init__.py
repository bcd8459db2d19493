"""Loading the processed store into frames: once per process, shared across workers by the cache."""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.cache import shared_backend
from dashboard.config import processed_dir
from dashboard.tables import GEO_TABLES, MANIFEST


class StoreMissing(RuntimeError):
    """There is no processed store yet (run `make data`)."""


@dataclass(frozen=True)
class Store:
    tables: dict[str, pd.DataFrame]
    geojson: dict[str, dict]
    manifest: dict[str, Any]

    def __getattr__(self, name: str) -> pd.DataFrame:
        # Reached only for names that are not attributes: the store's tables by name. Looked up
        # in __dict__ so unpickling (before `tables` exists) cannot recurse.
        tables = self.__dict__.get("tables")
        if tables is None or name not in tables:
            raise AttributeError(name)
        return tables[name]

    @property
    def build_id(self) -> str:
        return self.manifest["build_id"]

    def data_as_at(self) -> dict[str, str]:
        """Date of the data for each source id, from the manifest."""
        return {s["id"]: s["data_date"] for s in self.manifest["sources"]}

    def source(self, source_id: str) -> dict[str, Any] | None:
        return next((s for s in self.manifest["sources"] if s["id"] == source_id), None)


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
    return Store(tables=tables, geojson=geojson, manifest=manifest)


def load_store(folder: Path | None = None, *, use_shared_cache: bool = True) -> Store:
    """The processed store as frames.

    Loaded once per process (and again only when a rebuild changes the manifest's build id);
    the first process to load a build puts it in the shared cache so other workers take it
    from there.
    """
    folder = (folder or processed_dir()).resolve()
    manifest = _read_manifest(folder)
    with _lock:
        current = _loaded.get(folder)
        if current is not None and current.build_id == manifest["build_id"]:
            return current
        key = f"store:{folder}:{manifest['build_id']}"
        backend = shared_backend() if use_shared_cache else None
        store = backend.get(key) if backend else None
        if not isinstance(store, Store):
            store = _read_store(folder, manifest)
            if backend:
                backend.set(key, store)
        _loaded[folder] = store
        return store


def clear_loaded() -> None:
    """Forget the per-process copy (tests)."""
    with _lock:
        _loaded.clear()
