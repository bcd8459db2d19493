"""The stamp of a build's inputs, so a build can be skipped when nothing it reads has changed.

The stamp is a hash of the raw folder (its path and every file's relative path, size and
modification time) and of the build code (the contents of every file under dashboard/build,
the shared modules the build imports, the lock file of the packages it runs on, and the area
file). The build records it in the store's manifest; `python -m dashboard.build build-data
--if-changed` (which `make test` and `make run` use) builds only when the stamp of the inputs
differs from the store's, and `python -m dashboard.build stamp` prints it.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from dashboard.config import REPO_ROOT, area_file
from dashboard.tables import MANIFEST

# The build code outside dashboard/build, relative to the repository root.
SHARED_CODE = (
    "dashboard/config.py",
    "dashboard/errors.py",
    "dashboard/rules.py",
    "dashboard/tables.py",
    "dashboard/vocabulary.py",
    "requirements.lock",
)
BUILD_CODE = "dashboard/build"
# The manifest's key for the stamp.
STAMP_KEY = "input_stamp"


def _files(folder: Path) -> list[Path]:
    """Every file below `folder`, in a fixed order, leaving out Python's byte-code caches."""
    return sorted(
        path
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.relative_to(folder).parts
    )


def _content(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else "missing"


def input_stamp(raw: Path, repo: Path = REPO_ROOT, area: Path | None = None) -> str:
    """The stamp of a build from `raw` with the code in `repo` and the area file `area`
    (default: the configured one)."""
    digest = hashlib.sha256()

    def add(*fields: object) -> None:
        digest.update("\0".join(str(f) for f in fields).encode("utf-8") + b"\n")

    raw = raw.resolve()
    add("raw", raw)
    for path in _files(raw):
        status = path.stat()
        add(path.relative_to(raw).as_posix(), status.st_size, status.st_mtime_ns)
    code = [repo / name for name in SHARED_CODE] + _files(repo / BUILD_CODE)
    for path in code:
        add(path.relative_to(repo).as_posix(), _content(path))
    add("area", _content(area or area_file()))
    return digest.hexdigest()


def stored_stamp(store: Path) -> str | None:
    """The stamp recorded in the store's manifest; None when there is no store or no stamp."""
    try:
        manifest = json.loads((store / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    stamp = manifest.get(STAMP_KEY) if isinstance(manifest, dict) else None
    return stamp if isinstance(stamp, str) else None
