"""The data build: raw files -> adapters -> validated tidy tables -> measures -> processed store.

The store is built in a temporary folder beside the target and swapped in only when every step
passed, so a failed build never leaves a half-built or changed store.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd

from dashboard import __version__
from dashboard.build.sources import Source, recording_reads, sha256_file
from dashboard.build.stamp import STAMP_KEY, input_stamp
from dashboard.config import REPO_ROOT, Area, load_area, processed_dir, raw_dir
from dashboard.errors import BuildError, SourceError
from dashboard.tables import GEO_TABLES, MANIFEST, TABLES, validate


def code_version() -> str:
    """The git commit the build ran from ('+dirty' with local changes), else the version."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
            timeout=5,
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            timeout=5,
        ).stdout
        return f"{sha}{'+dirty' if dirty.strip() else ''}"
    except (OSError, subprocess.SubprocessError):
        return __version__


def _load_source(source: Source, raw: Path) -> tuple[object, dict]:
    paths = [raw / p for p in source.paths]
    missing = [p for p in source.paths if not (raw / p).exists()]
    if missing:
        raise SourceError(missing[0], f"file not found in {raw}")
    with recording_reads() as reads:
        try:
            frame = source.load(paths)
        except BuildError:
            raise
        except Exception as exc:  # an adapter bug or a file shape it did not expect
            raise SourceError(
                ", ".join(source.paths),
                f"could not be read as {source.title} ({type(exc).__name__}: {exc})",
            ) from exc
    rows_by_path = {}
    for record in reads:
        rows_by_path[record.path.resolve()] = record.rows
    entry = {
        "id": source.id,
        "title": source.title,
        "publisher": source.publisher,
        "licence": source.licence,
        "data_date": source.data_date,
        "table": source.table,
        "rows_out": len(frame),  # type: ignore[arg-type]
        "files": [
            {
                "path": rel,
                "sha256": sha256_file(raw / rel),
                "rows_read": rows_by_path.get((raw / rel).resolve()),
            }
            for rel in source.paths
        ],
        "covers": source.covers,
        "lacks": source.lacks,
        "official_url": source.official_url,
        "rehost_note": source.rehost_note,
    }
    return frame, entry


def collect(
    sources: Sequence[Source], raw: Path, log: Callable[[str], None] = lambda _m: None
) -> tuple[dict[str, list], list[dict]]:
    """Load and validate every source; returns frames grouped by table and manifest entries."""
    frames: dict[str, list] = defaultdict(list)
    entries = []
    for source in sources:
        started = time.perf_counter()
        frame, entry = _load_source(source, raw)
        if source.table in TABLES:
            frame = validate(source.table, frame, ", ".join(source.paths))
        elif source.table not in GEO_TABLES:
            raise BuildError(f"source {source.id} feeds unknown table {source.table!r}")
        frames[source.table].append(frame)
        entries.append(entry)
        log(
            f"  {source.id:<32} {entry['rows_out']:>8,} rows  {time.perf_counter() - started:5.1f}s"
        )
    return frames, entries


def assemble(frames: dict[str, list], area: Area) -> dict[str, object]:
    """Turn per-source frames into the store's tables (schools resolved to districts, measures)."""
    from dashboard.build.measures.table import build_measures
    from dashboard.build.school_tables import assemble_school_tables

    tables: dict[str, object] = {}
    for name, parts in frames.items():
        if name in GEO_TABLES:
            tables[name] = parts[0] if len(parts) == 1 else pd.concat(parts, ignore_index=True)
        elif name != "school_records":
            tables[name] = pd.concat(parts, ignore_index=True)
    tables.update(assemble_school_tables(frames, tables, area))
    for name, table in list(tables.items()):
        if name in TABLES:
            tables[name] = validate(name, table, f"'{name}'", label="Assembled table")
    tables["measures"] = validate(
        "measures", build_measures(tables, area), "'measures'", label="Table"
    )
    return tables


def write_store(
    tables: dict[str, object],
    entries: list[dict],
    out: Path,
    raw: Path,
    started: float,
    stamp: str,
) -> dict:
    out.mkdir(parents=True, exist_ok=True)
    table_rows = {}
    for name, table in tables.items():
        if name in GEO_TABLES:
            (out / GEO_TABLES[name]).write_text(table.to_json(drop_id=True), encoding="utf-8")
        else:
            table.to_parquet(out / f"{name}.parquet", index=False)
        table_rows[name] = len(table)
    manifest = {
        "build_id": datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ"),
        "build_time": datetime.now(UTC).isoformat(timespec="seconds"),
        "build_seconds": round(time.perf_counter() - started, 1),
        "code_version": code_version(),
        "raw_dir": str(raw),
        STAMP_KEY: stamp,
        "sources": entries,
        "tables": table_rows,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, indent=2, default=str), encoding="utf-8")
    return manifest


def swap_in(built: Path, target: Path) -> None:
    """Replace `target` by `built` with two renames on the same file system."""
    if target.exists():
        retired = target.with_name(f".retired-{target.name}-{os.getpid()}")
        os.replace(target, retired)
        os.replace(built, target)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(built, target)


def build(
    raw: Path | None = None,
    out: Path | None = None,
    area: Area | None = None,
    sources: Sequence[Source] | None = None,
    log: Callable[[str], None] = lambda _m: None,
) -> dict:
    """Build the processed store; on any failure the existing store is left untouched."""
    started = time.perf_counter()
    raw = (raw or raw_dir()).resolve()
    out = (out or processed_dir()).resolve()
    area = area or load_area()
    if not raw.is_dir():
        raise BuildError(f"raw data folder not found: {raw} (set EDU_RAW_DIR)")
    # Taken before anything is read: inputs changed during the build make the next one run.
    stamp = input_stamp(raw)
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".build-{out.name}-", dir=out.parent))
    try:
        log(f"Reading sources from {raw}")
        if sources is None:
            from dashboard.build.adapters import all_sources

            sources = all_sources()
        frames, entries = collect(sources, raw, log)
        log("Assembling tables and measures")
        tables = assemble(frames, area)
        manifest = write_store(tables, entries, staging, raw, started, stamp)
        swap_in(staging, out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    log(f"Store written to {out} in {manifest['build_seconds']}s")
    return manifest
