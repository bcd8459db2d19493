"""Benchmark: wall time and peak memory of a full data build and of the app-side store load.

Goals on the 2-core reference machine: build under 60 s, load under 1 s, peak memory under 2 GB.
Each step runs in a fresh Python process so its peak memory is its own.

    .venv/bin/python benchmarks/build_data.py
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Runs in a child process: does the work, then reports its own time and peak RSS.
CHILD = """
import json, resource, sys, time
from pathlib import Path
{setup}
started = time.perf_counter()
{work}
elapsed = time.perf_counter() - started
peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({{"seconds": elapsed, "peak_mb": peak_mb}}))
"""

# (setup, timed work): imports are not part of the times.
BUILD = ("from dashboard.build.pipeline import build", "build(out=Path(sys.argv[1]))")
LOAD = (
    "from dashboard.store import load_store",
    "load_store(Path(sys.argv[1]))",
)

GOALS = {"build": (60.0, 2048.0), "load": (1.0, 2048.0)}


def measure(step: tuple[str, str], store: Path) -> dict[str, float]:
    setup, work = step
    done = subprocess.run(
        [sys.executable, "-c", CHILD.format(setup=setup, work=work), str(store)],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        store = Path(folder) / "processed"
        results = {"build": measure(BUILD, store), "load": measure(LOAD, store)}
    failed = False
    for step, result in results.items():
        seconds_goal, memory_goal = GOALS[step]
        ok = result["seconds"] < seconds_goal and result["peak_mb"] < memory_goal
        failed |= not ok
        print(
            f"{step:<6} {result['seconds']:7.2f} s (goal < {seconds_goal:.0f} s)   "
            f"peak {result['peak_mb']:7.0f} MB (goal < {memory_goal:.0f} MB)   "
            f"{'ok' if ok else 'OVER GOAL'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
