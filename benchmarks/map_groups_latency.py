"""Map, district profile and pupil-groups latency: serve the app under gunicorn, draw each page
and fire each of their callbacks many times (cycling through settings, so the shared cache
sees more than one key), and weigh the district boundaries the map fetches.

    .venv/bin/python benchmarks/map_groups_latency.py [--repeat 100] [--workers 2] [--store DIR]

Goals: every map and groups callback's p95 under 150 ms; the boundaries under 300 KB. Timing
and the first-call report work as in benchmarks/app_latency.py, whose helpers this reuses.
"""

from __future__ import annotations

import gzip
import itertools
import sys
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "benchmarks"), str(ROOT / "tests" / "browser")]

from app_latency import Client, benchmark_args, callback_body, report, served, timed  # noqa: E402

from dashboard.charts.map import GEOJSON_URL  # noqa: E402
from dashboard.config import load_area  # noqa: E402
from dashboard.vocabulary import GROUP_PAIRS  # noqa: E402

GOAL_MS = 150.0
GEOJSON_GOAL_BYTES = 300 * 1024
ROUTER = "..page-content.children...page-meta.data.."
MAP_SETTINGS = [
    {"map-measure.value": "pct_schools_good_or_outstanding", "map-population.value": "all",
     "map-period.value": "2026-06", "map-phase.value": "all"},
    {"map-measure.value": "ks2_rwm_expected_pct", "map-population.value": "all",
     "map-period.value": "2022/23", "map-phase.value": "primary"},
    {"map-measure.value": "ks4_progress8", "map-population.value": "all",
     "map-period.value": "2017/18", "map-phase.value": "secondary"},
    {"map-measure.value": "pct_schools_good_or_outstanding", "map-population.value": "primary",
     "map-period.value": "2023-08-31", "map-phase.value": "none"},
]


def with_wildcards(body: dict, dependency: dict) -> dict:
    """Pattern-matching inputs (the table's sort buttons) are sent as lists of matches; none
    here, as when the table has not been drawn."""
    for position, spec in enumerate(dependency["inputs"]):
        if spec["id"].startswith("{"):
            body["inputs"][position] = []
    return body


def cycling(bodies: Iterable[dict], client: Client) -> Callable[[], tuple[int, bytes]]:
    """A request that posts the next body each time it is called."""
    each = itertools.cycle(list(bodies))
    return lambda: client.request("POST", "/_dash-update-component", next(each))


def find(dependencies: list[dict], output_part: str) -> dict:
    return next(d for d in dependencies if output_part in d["output"]
                and not d.get("clientside_function"))


def boundaries_size(client: Client) -> bool:
    status, body = client.request("GET", GEOJSON_URL)
    if status != 200:
        print(f"  boundaries: HTTP {status}")
        return False
    packed = len(gzip.compress(body))
    met = len(body) < GEOJSON_GOAL_BYTES
    print(f"  district boundaries {GEOJSON_URL}: {len(body) / 1024:,.1f} KiB "
          f"({packed / 1024:,.1f} KiB gzipped), goal under 300 KB: "
          f"{'meets goal' if met else 'MISSES GOAL'}")
    return met


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, repeat=100)
    if args is None:
        return 1
    area = load_area()
    district = area.districts[-1].code
    with served(args, "map-groups-latency") as (client, dependencies):
        router = find(dependencies, ROUTER)
        print(f"Map, district and groups latency over {args.repeat} requests each, gunicorn "
              f"with {args.workers} workers, store {args.store}")
        met = True

        def run(name: str, call: Callable[[], tuple[int, bytes]], goal: bool = True) -> None:
            nonlocal met
            met &= report(name, *timed(call, args.repeat), goal=GOAL_MS if goal else None)

        print("Drawing the pages (the router callback):")
        for path in ("/map", "/groups", f"/district/{district}"):
            body = callback_body(router, {"url.pathname": path, "url.search": ""})
            run(f"draw {path}", cycling([body], client))
        print("Map callbacks:")
        view = find(dependencies, "map-view.children")
        run("map settings (4 settings in turn)", cycling(
            [with_wildcards(callback_body(view, {**s, "url.search": ""}), view)
             for s in MAP_SETTINGS], client))
        opener = find(dependencies, "url.pathname")
        run("open a district from the map", cycling([callback_body(opener, {
            "map.clickData": {"points": [{"customdata": [f"/district/{district}"]}]},
            "url.search": ""})], client))
        print("Groups callbacks:")
        charts = find(dependencies, "groups-charts.children")
        run("groups settings (every group, both neighbour lists)", cycling(
            [callback_body(charts, {"groups-group.value": pair.key,
                                    "groups-measure.value": "ks4_progress8",
                                    "groups-neighbours.value": year})
             for pair in GROUP_PAIRS for year in area.neighbour_lists], client))
        print("District profile callbacks:")
        ranking = find(dependencies, "district-ranking-view.children")
        run("district ranking settings", cycling(
            [callback_body(ranking, {"district-measure.value": s["map-measure.value"],
                                     "district-population.value": "all",
                                     "district-period.value": s["map-period.value"],
                                     "url.pathname": f"/district/{district}",
                                     "url.search": ""}) for s in MAP_SETTINGS], client))
        trend = find(dependencies, "district-trend-view.children")
        run("district trend measure", cycling(
            [callback_body(trend, {"district-trend-measure.value": measure,
                                   "url.pathname": f"/district/{district}", "url.search": ""})
             for measure in ("pct_schools_good_or_outstanding", "ks2_rwm_expected_pct")],
            client))
        schools = find(dependencies, "district-schools.children")
        run("district schools by phase", cycling(
            [callback_body(schools, {"district-phase.value": phase,
                                     "url.pathname": f"/district/{district}",
                                     "url.search": ""})
             for phase in ("all", "primary", "secondary")], client))
        print(f"Every callback p95 under {GOAL_MS:.0f} ms: {'yes' if met else 'NO'}")
        print("Transfer:")
        met &= boundaries_size(client)
    return 0


if __name__ == "__main__":
    sys.exit(main())
