"""Download latency: serve the app under gunicorn and time /download/ for each Overview chart:
CSV, PNG at each press size, SVG and the press pack; print p50/p95.

    .venv/bin/python benchmarks/export_latency.py [--repeat 20] [--workers 2] [--store DIR]

An image is drawn by the worker's browser (kaleido with Debian's chromium) the first time and
then comes from the shared cache, so "first" is the cost of drawing it (the very first image in
a worker also starts that worker's browser, about 2 s) and p50/p95 the cost of serving it again.
Goal: CSV p95 under 100 ms; a first image within a few seconds, well inside the 60 s timeout.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "browser")]

from app_latency import GOAL_MS, benchmark_args, report, served, timed  # noqa: E402

from dashboard import export  # noqa: E402
from dashboard.charts.overview import TARGET_CHART  # noqa: E402
from dashboard.config import load_area  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, repeat=20)
    if args is None:
        return 1
    images = export.images_available()
    with served(args, "export-latency") as (client, _callbacks):
        print(f"Download latency over {args.repeat} requests each, gunicorn with "
              f"{args.workers} workers, store {args.store}"
              + ("" if images else " (no browser: images not timed)"))
        met = True
        for target in load_area().targets:
            figure_id = f"{TARGET_CHART}--{target.number}"
            print(f"{figure_id}:")
            met &= report("CSV", *timed(lambda f=figure_id: client.request(
                "GET", export.download_path(f, "csv", "/")), args.repeat), goal=GOAL_MS)
            if not images:
                continue
            for ext, size in (("png", None), ("png", "1080x1080"), ("png", "1600x900"),
                              ("svg", None), ("zip", None)):
                path = export.download_path(figure_id, ext, "/", "", size)
                report(f"{ext.upper()} {size or export.DEFAULT_SIZE}",
                       *timed(lambda p=path: client.request("GET", p), args.repeat))
        print(f"Every CSV download p95 under {GOAL_MS:.0f} ms: {'yes' if met else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
