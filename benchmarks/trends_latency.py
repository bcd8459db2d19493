"""Trends, Outcome measures and Hotspots latency: serve the app under gunicorn, draw each page
and fire each of their callbacks many times; print p50/p95 (goal: every callback's p95 under
100 ms). Reuses benchmarks/app_latency.py's client, timing and report.

    .venv/bin/python benchmarks/trends_latency.py [--repeat 100] [--workers 2] [--store DIR]

The first call of each request (which fills the shared cache) is reported apart from the rest.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from app_latency import GOAL_MS, benchmark_args, callback_body, report, served, timed

from dashboard.config import load_area

ROUTER = "..page-content.children...page-meta.data.."
PAGES = ["/trends", "/trends?measure=pct_persistent_absence&compare=england,districts",
         "/measures", "/measures?neighbours=2021", "/hotspots", "/hotspots?phase=primary"]
MEASURES = ["ks2_rwm_expected_pct", "ks4_progress8", "pct_schools_good_or_outstanding",
            "neet_or_not_known_pct"]


def find(dependencies: list[dict], prefix: str) -> dict:
    return next(d for d in dependencies if d["output"].startswith(prefix))


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, repeat=100)
    if args is None:
        return 1
    area = load_area()
    with served(args, "trends-latency") as (client, dependencies):
        router = find(dependencies, ROUTER)
        trends = find(dependencies, "..trends-result.children")
        measures = find(dependencies, "..measures-tables.children")
        hotspots = find(dependencies, "..hotspots-result.children")
        met = True

        def post(name: str, dependency: dict, values: dict[str, object]) -> bool:
            body = callback_body(dependency, values)
            return report(name, *timed(
                lambda: client.request("POST", "/_dash-update-component", body), args.repeat),
                goal=GOAL_MS)

        print(f"Latency over {args.repeat} requests each, gunicorn with {args.workers} workers, "
              f"store {args.store}")
        print("Pages (the router callback that draws each):")
        for page in PAGES:
            path, _, query = page.partition("?")
            met &= post(f"draw {page}"[:46], router,
                        {"url.pathname": path, "url.search": f"?{query}" if query else ""})
        print("Trends: a new measure, then districts added")
        for measure in MEASURES:
            values = {"trends-measure.value": measure, "trends-population.value": "all",
                      "trends-group.value": "all", "trends-neighbours.value": "2025",
                      "trends-compare.value": ["england", "region", "neighbours"],
                      "url.search": "?compare="}  # another view, so the page redraws
            met &= post(f"trends {measure}"[:46], trends, values)
            met &= post(f"trends {measure} + districts"[:46], trends, {
                **values, "trends-compare.value": ["england", "districts"]})
        print("Outcome measures: the neighbour list")
        for year in area.neighbour_lists:
            other = next((y for y in area.neighbour_lists if y != year), year)
            met &= post(f"measures, {year} neighbours", measures,
                        {"measures-neighbours.value": year, "url.search": f"?neighbours={other}"})
        print("Hotspots: the filters")
        for phase, kind in [("all", "all"), ("primary", "all"), ("secondary", "mainstream"),
                            ("all", "special")]:
            met &= post(f"hotspots {phase}, {kind}", hotspots,
                        {"hotspots-phase.value": phase, "hotspots-type.value": kind,
                         "url.search": "?phase=secondary&type=ap"})
        print(f"Every callback p95 under {GOAL_MS:.0f} ms: {'yes' if met else 'NO'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
