"""A broken source file stops the build with one clear message; the store stays as it was."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
from pathlib import Path

from dashboard.config import REPO_ROOT, processed_dir, raw_dir
from dashboard.store import Store

BROKEN = "os_codepoint_open_staffordshire/codepoint_open_2025_10_staffordshire_postcodes.csv"


def digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def raw_copy_with(tmp_path: Path, relative: str, content: str) -> Path:
    """A raw folder of links to the real files, with one file replaced."""
    raw = tmp_path / "raw"
    for source in raw_dir().rglob("*"):
        if source.is_file():
            target = raw / source.relative_to(raw_dir())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.symlink_to(source)
    (raw / relative).unlink()
    (raw / relative).write_text(content)
    return raw


def test_broken_file_fails_clearly_and_leaves_store_unchanged(store: Store, tmp_path: Path) -> None:
    previous = tmp_path / "processed"
    shutil.copytree(processed_dir(), previous)
    before = digest(previous)
    header = (raw_dir() / BROKEN).read_text().splitlines()[0].replace("Eastings", "Eastingz")
    raw = raw_copy_with(tmp_path, BROKEN, header + "\nST16 2DH,10,392000,323000\n")
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "dashboard.build",
            "build-data",
            "--raw",
            str(raw),
            "--out",
            str(previous),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode != 0
    assert "Traceback" not in done.stderr
    last_line = done.stderr.strip().splitlines()[-1]
    assert last_line.startswith("Build failed: Source file")
    assert "codepoint_open_2025_10_staffordshire_postcodes.csv" in last_line
    assert digest(previous) == before
    assert not list(tmp_path.glob(".build-*"))
