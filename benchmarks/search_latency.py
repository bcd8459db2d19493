"""School search latency: serve the app under gunicorn and fire the finder's search callback
over the whole county's schools with every kind of query (name, partial, typo, town, postcode,
outward code, filters, no text), then the profile and compare pages; print p50/p95.

    .venv/bin/python benchmarks/search_latency.py [--repeat 100] [--workers 2] [--store DIR]

Goal: the search callback's p95 under 100 ms for every kind of query. Uses the helpers of
benchmarks/app_latency.py (same client, timing and report).
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlencode

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))

# app_latency puts the repository and tests/browser on the path.
from app_latency import GOAL_MS, benchmark_args, callback_body, report, served, timed

QUERIES = {
    "exact name": {"q": "Leek High School"},
    "partial name": {"q": "st aus"},
    "typo": {"q": "st austns"},
    "town": {"q": "Stafford"},
    "postcode": {"q": "ST16 2DH"},
    "outward code": {"q": "ST16"},
    "postcode + filters": {"q": "ST16 2DH", "phase": "primary", "outcome": "good"},
    "no text, all open schools": {},
    "closed included, 100 shown": {"status": "all", "show": "100"},
    "unknown postcode": {"q": "WV3 8DZ"},
}


def dependency(dependencies: list[dict], output_part: str) -> dict:
    return next(d for d in dependencies if output_part in d["output"]
                and not d.get("clientside_function"))


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv, repeat=100)
    if args is None:
        return 1
    schools = pd.read_parquet(args.store / "schools.parquet")
    sample = schools[schools["is_open"].fillna(False).astype(bool)
                     & (schools["predecessor_urns"] != "")]["urn"].head(4).astype(int).tolist()
    with served(args, "search-latency") as (client, dependencies):
        finder = dependency(dependencies, "school-search-results.children")
        router = dependency(dependencies, "page-content.children")
        print(f"School search over {len(schools)} schools ({int(schools['is_open'].sum())} open), "
              f"{args.repeat} requests each, gunicorn with {args.workers} workers")
        print("Search callback (the list for the address's query):")
        met = True
        for name, query in QUERIES.items():
            body = callback_body(finder, {"url.search": f"?{urlencode(query)}",
                                          "url.pathname": "/schools"})
            met &= report(name, *timed(
                lambda b=body: client.request("POST", "/_dash-update-component", b),
                args.repeat), goal=GOAL_MS)
        print(f"Every search p95 under {GOAL_MS:.0f} ms: {'yes' if met else 'NO'}")
        print("Pages drawn by the router (for information):")
        compare = urlencode([("urn", u) for u in sample] + [("postcode", "ST16 2DH")])
        for path, search in [("/schools", "?q=ST16+2DH"), (f"/school/{sample[0]}", ""),
                             ("/compare", f"?{compare}")]:
            body = callback_body(router, {"url.pathname": path, "url.search": search})
            report(f"draw {path}{search[:30]}", *timed(
                lambda b=body: client.request("POST", "/_dash-update-component", b),
                args.repeat))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
