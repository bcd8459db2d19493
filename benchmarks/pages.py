"""Every page against a bare Dash app, in the same run: bytes on the wire, callback latency under
20 concurrent users, time to draw, browser CPU, components sent, and server start.

    .venv/bin/python benchmarks/pages.py [--users 20] [--requests 200] [--pages / /map ...]

Both apps run under the same gunicorn settings (2 workers x 4 threads): the floor is
benchmarks/floor_app.py (one dropdown, one graph, one callback). For each page:

- first load: compressed bytes on the wire for a visit with an empty browser cache;
- callbacks: every callback the page fires while loading, and those its main setting fires
  (the first select on the page set to another option), replayed by `--users` concurrent
  clients (`--requests` in all): p50 and p95, and errors;
- first call: each of those callbacks once against a freshly started server with an empty
  cache (the first visit after a new build);
- content and charts: warm visit (second in the same browser), until the heading shows and
  until every chart is drawn; browser main-thread CPU for that visit;
- components: Dash components sent to draw the page (layout and callback responses).

Figures are printed beside the floor's, with the ratio: the machine is shared, so absolute
times drift while ratios hold. Goals (issue "Fast pages") are checked at the end.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dashboard.config import processed_dir  # noqa: E402
from tests.browser.browser_support import gunicorn, navigation_pages  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"]
CALLBACK_PATH = "/_dash-update-component"
GOALS = {"first_load_kib": 800.0, "callback_p95_ms": 150.0, "callback_ratio": 3.0,
         "first_call_ms": 1000.0, "charts_ratio": 2.0, "cpu_ratio": 2.0, "start_s": 3.0}
ALL_DRAWN = """() => Array.from(document.querySelectorAll('.js-plotly-plot, .dash-graph'))
    .every(g => g.querySelector('.main-svg'))"""


@dataclass
class Visit:
    kib: float = 0.0
    content_ms: float = 0.0
    charts_ms: float = 0.0
    cpu_ms: float = 0.0
    components: int = 0
    callbacks: dict[str, dict] = field(default_factory=dict)  # output -> request body


@dataclass
class Latency:
    p50: float
    p95: float
    errors: int


def count_components(value: object) -> int:
    if isinstance(value, dict):
        own = 1 if "namespace" in value and "type" in value else 0
        return own + sum(count_components(v) for v in value.values())
    if isinstance(value, list):
        return sum(count_components(v) for v in value)
    return 0


def visit(context: object, url: str, heading: str, *, interact: bool) -> Visit:
    """One visit in `context` (a Playwright browser context), measured."""
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Performance.enable")
    found = Visit()
    wire: list[float] = []
    cdp.on("Network.loadingFinished", lambda e: wire.append(e["encodedDataLength"]))

    def record(request: object) -> None:
        if request.method == "POST" and urlsplit(request.url).path == CALLBACK_PATH:
            body = json.loads(request.post_data or "{}")
            found.callbacks.setdefault(body.get("output", ""), body)

    def sent(response: object) -> None:
        path = urlsplit(response.url).path
        if path in (CALLBACK_PATH, "/_dash-layout") and response.status == 200:
            try:
                found.components += count_components(response.json())
            except Exception:  # a 204 or a non-JSON answer sends no components
                return

    page.on("request", record)
    page.on("response", sent)
    before = metric(cdp, "TaskDuration")
    started = time.perf_counter()
    page.goto(url)
    page.locator(heading).first.wait_for(timeout=60_000)
    found.content_ms = (time.perf_counter() - started) * 1000
    page.wait_for_load_state("networkidle")
    page.wait_for_function(ALL_DRAWN, timeout=60_000)
    found.charts_ms = (time.perf_counter() - started) * 1000
    found.cpu_ms = (metric(cdp, "TaskDuration") - before) * 1000
    found.kib = sum(wire) / 1024
    if interact:
        change_first_setting(page)
    page.close()
    return found


def metric(cdp: object, name: str) -> float:
    metrics = cdp.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == name)


def change_first_setting(page: object) -> None:
    """The page's main interaction: its first visible select set to its next option."""
    select = page.locator("main select:visible").first
    if not select.count():
        return
    options = select.locator("option").evaluate_all(
        "os => os.filter(o => !o.disabled).map(o => o.value)")
    current = select.input_value()
    others = [o for o in options if o != current]
    if others:
        select.select_option(others[0], timeout=10_000)
        page.wait_for_load_state("networkidle")


def replay(base: str, body: dict, users: int, requests: int) -> Latency:
    """`requests` copies of one callback request from `users` concurrent kept-alive clients."""
    netloc = urlsplit(base).netloc
    data = json.dumps(body).encode()

    def user(count: int) -> list[float | None]:
        connection = http.client.HTTPConnection(netloc, timeout=60)
        times: list[float | None] = []
        for _ in range(count):
            started = time.perf_counter()
            try:
                connection.request("POST", CALLBACK_PATH, body=data,
                                   headers={"Content-Type": "application/json"})
                response = connection.getresponse()
                response.read()
                ok = response.status in (200, 204)
            except (OSError, http.client.HTTPException):
                connection = http.client.HTTPConnection(netloc, timeout=60)
                ok = False
            times.append((time.perf_counter() - started) * 1000 if ok else None)
        return times

    share = [requests // users + (1 if i < requests % users else 0) for i in range(users)]
    with ThreadPoolExecutor(max_workers=users) as pool:
        results = [t for chunk in pool.map(user, share) for t in chunk]
    good = [t for t in results if t is not None] or [0.0]
    cuts = statistics.quantiles(good, n=100, method="inclusive") if len(good) > 1 else good * 99
    return Latency(p50=cuts[49], p95=cuts[94], errors=sum(t is None for t in results))


def first_call(base: str, body: dict) -> float:
    connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=60)
    started = time.perf_counter()
    connection.request("POST", CALLBACK_PATH, body=json.dumps(body).encode(),
                       headers={"Content-Type": "application/json"})
    connection.getresponse().read()
    return (time.perf_counter() - started) * 1000


@contextmanager
def served(name: str, store: Path, **kwargs: object) -> Iterator[tuple[str, float]]:
    """A server with an empty cache of its own; yields its address and seconds to answer."""
    with tempfile.TemporaryDirectory(prefix=f"pages-{name}-") as scratch:
        started = time.perf_counter()
        with gunicorn(store, Path(scratch) / "cache", Path(scratch) / "gunicorn.log",
                      **kwargs) as base:
            yield base, time.perf_counter() - started


def measure_site(base: str, paths: list[str], heading: str, browser: object,
                 args: argparse.Namespace) -> dict[str, tuple[Visit, Visit, dict[str, Latency]]]:
    """Cold and warm visits of each path, and its callbacks replayed under load."""
    found = {}
    for path in paths:
        try:
            cold = visit(browser.new_context(), base + path, heading, interact=True)
            context = browser.new_context()
            visit(context, base + path, heading, interact=False)
            warm = visit(context, base + path, heading, interact=False)
            context.close()
        except Exception as error:  # one page that cannot be measured is reported, not fatal
            print(f"  {path}: not measured ({type(error).__name__}: {str(error)[:120]})",
                  file=sys.stderr)
            continue
        latencies = {output: replay(base, body, args.users, args.requests)
                     for output, body in cold.callbacks.items()}
        found[path] = (cold, warm, latencies)
    return found


def worst(latencies: dict[str, Latency]) -> Latency:
    if not latencies:
        return Latency(0.0, 0.0, 0)
    slowest = max(latencies.values(), key=lambda lat: lat.p95)
    return Latency(slowest.p50, slowest.p95, sum(lat.errors for lat in latencies.values()))


def ratio(value: float, floor: float) -> str:
    return f"{value / floor:4.1f}x" if floor else "   -"


def default_paths(store: Path) -> list[str]:
    import pandas as pd

    from dashboard.config import load_area

    paths = [page["path"] for page in navigation_pages()]
    paths.append(f"/district/{load_area().districts[-1].code}")
    schools = pd.read_parquet(store / "schools.parquet", columns=["urn", "is_open"])
    urns = schools.loc[schools["is_open"], "urn"].head(2).tolist()
    paths += [f"/school/{urns[0]}", "/compare?" + "&".join(f"urn={u}" for u in urns)]
    return paths


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--store", type=Path, default=processed_dir())
    parser.add_argument("--pages", nargs="*", help="addresses (default: every page)")
    parser.add_argument("--checkout", type=Path, default=ROOT,
                        help="serve another checkout of the project (e.g. the code before a "
                             "change) instead of this one")
    args = parser.parse_args(argv)
    if not (args.store / "manifest.json").exists():
        print(f"No processed store in {args.store}: run `make data` first.", file=sys.stderr)
        return 1
    if not Path(CHROMIUM).exists():
        print(f"{CHROMIUM} not found: install Debian's chromium (make chromium).",
              file=sys.stderr)
        return 1
    from playwright.sync_api import sync_playwright

    paths = args.pages or default_paths(args.store)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        with served("floor", args.store, target="benchmarks.floor_app:server",
                    config=None) as (base, floor_start):
            floor = measure_site(base, ["/"], "h1", browser, args)["/"]
        with served("app", args.store, cwd=args.checkout) as (base, app_start):
            site = measure_site(base, paths, "#page-content h1", browser, args)
        with served("fresh", args.store, cwd=args.checkout) as (base, _):
            firsts = {path: max((first_call(base, body)
                                 for body in site[path][0].callbacks.values()), default=0.0)
                      for path in site}
        browser.close()
    return report(floor, floor_start, site, app_start, firsts)


def report(floor: tuple[Visit, Visit, dict[str, Latency]], floor_start: float,
           site: dict[str, tuple[Visit, Visit, dict[str, Latency]]], app_start: float,
           firsts: dict[str, float]) -> int:
    f_cold, f_warm, f_lat = floor[0], floor[1], worst(floor[2])
    print(f"Pages against a bare Dash floor, gunicorn 2 workers x 4 threads, same run "
          f"({time.strftime('%Y-%m-%d %H:%M')})")
    header = (f"{'page':<32} {'first load':>16} {'callback p50/p95 (errors)':>30} "
              f"{'1st call':>9} {'content':>8} {'charts':>14} {'CPU':>14} {'comps':>6}")
    print(header)
    print("-" * len(header))
    print(f"{'floor (bare Dash)':<32} {f_cold.kib:9,.0f} KiB    {f_lat.p50:8.0f}/{f_lat.p95:5.0f} "
          f"ms ({f_lat.errors}){'':>9} {'':>9} {f_warm.content_ms:7.0f} "
          f"{f_warm.charts_ms:7.0f} ms{'':>5} {f_warm.cpu_ms:7.0f} ms{'':>5} "
          f"{f_cold.components:6}")
    failures = []
    for path, (cold, warm, latencies) in site.items():
        lat = worst(latencies)
        print(f"{path[:32]:<32} {cold.kib:7,.0f} KiB {ratio(cold.kib, f_cold.kib)} "
              f"{lat.p50:8.0f}/{lat.p95:5.0f} ms ({lat.errors}) {ratio(lat.p95, f_lat.p95)} "
              f"{firsts[path]:6.0f} ms {warm.content_ms:6.0f} "
              f"{warm.charts_ms:7.0f} ms {ratio(warm.charts_ms, f_warm.charts_ms)} "
              f"{warm.cpu_ms:7.0f} ms {ratio(warm.cpu_ms, f_warm.cpu_ms)} {cold.components:6}")
        checks = {
            "first load ≤ 800 KiB": cold.kib <= GOALS["first_load_kib"],
            "callback p95 ≤ 150 ms": lat.p95 <= GOALS["callback_p95_ms"],
            "callback p95 ≤ 3x floor": lat.p95 <= GOALS["callback_ratio"] * f_lat.p95,
            "no callback errors": lat.errors == 0,
            "first call ≤ 1 s": firsts[path] <= GOALS["first_call_ms"],
            "charts ≤ 2x floor": warm.charts_ms <= GOALS["charts_ratio"] * f_warm.charts_ms,
            "CPU ≤ 2x floor": warm.cpu_ms <= GOALS["cpu_ratio"] * f_warm.cpu_ms,
        }
        failures += [f"{path}: {name}" for name, met in checks.items() if not met]
    print(f"\nServer start until it answers: app {app_start:.1f} s, floor {floor_start:.1f} s "
          f"({ratio(app_start, floor_start).strip()})")
    if app_start > GOALS["start_s"]:
        failures.append(f"server start ≤ {GOALS['start_s']:.0f} s")
    print("\nGoals: " + ("all met." if not failures else f"{len(failures)} missed:"))
    for failure in failures:
        print(f"  MISSED {failure}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
