"""App latency: serve the app under gunicorn, request every page and fire every server callback
of the Overview many times; print p50/p95 latency and the bytes of a first page load.

    .venv/bin/python benchmarks/app_latency.py [--repeat 100] [--workers 2] [--store DIR]

Latency is timed by a client on loopback over a kept-alive connection, so it is the server's
time plus well under a millisecond. The first call of each callback (which fills the shared
cache) is reported apart from the rest. Goal: every callback's p95 under 100 ms. The first-load
transfer is measured in headless Chromium (Debian's /usr/bin/chromium) with an empty cache, as
compressed bytes on the wire.
"""

from __future__ import annotations

import argparse
import http.client
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "browser")]

from browser_support import gunicorn  # noqa: E402

from dashboard.config import load_area, processed_dir  # noqa: E402
from layouts import PAGES  # noqa: E402

GOAL_MS = 100.0
CHROMIUM = "/usr/bin/chromium"


class Client:
    """One kept-alive HTTP connection to the server."""

    def __init__(self, base: str) -> None:
        self.base = base
        self.connection = http.client.HTTPConnection(urlsplit(base).netloc, timeout=60)

    def request(self, method: str, path: str, body: dict | None = None) -> tuple[int, bytes]:
        data = json.dumps(body).encode() if body is not None else None
        headers = {"Content-Type": "application/json"} if data else {}
        self.connection.request(method, path, body=data, headers=headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def callback_body(dependency: dict, values: dict[str, object]) -> dict:
    """A /_dash-update-component request for one callback, with `values` for its inputs and
    state (keyed "id.property")."""
    def props(specs: list[dict]) -> list[dict]:
        return [{**s, "value": values.get(f"{s['id']}.{s['property']}")} for s in specs]

    output = dependency["output"]
    parts = output.strip(".").split("...") if output.startswith("..") else [output]
    outputs = [dict(zip(("id", "property"), p.rsplit(".", 1), strict=True)) for p in parts]
    return {"output": output, "outputs": outputs if len(outputs) > 1 else outputs[0],
            "inputs": props(dependency["inputs"]), "state": props(dependency["state"]),
            "changedPropIds": [f"{i['id']}.{i['property']}" for i in dependency["inputs"]]}


def timed(call: Callable[[], tuple[int, bytes]], repeat: int) -> tuple[float, list[float]]:
    """Milliseconds of the first call and of the `repeat` calls after it."""
    def once() -> float:
        started = time.perf_counter()
        status, _ = call()
        if status not in (200, 204):
            raise RuntimeError(f"request failed with HTTP {status}")
        return (time.perf_counter() - started) * 1000

    first = once()
    return first, [once() for _ in range(repeat)]


def percentile(values: list[float], share: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(share * 100) - 1]


def report(name: str, first: float, times: list[float], goal: float | None = None) -> bool:
    p50, p95 = percentile(times, 0.50), percentile(times, 0.95)
    verdict = "" if goal is None else ("  meets goal" if p95 < goal else "  MISSES GOAL")
    print(f"  {name:<46} first {first:7.1f} ms   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms{verdict}")
    return goal is None or p95 < goal


def first_load_bytes(base: str) -> None:
    """Bytes on the wire for a first visit to the Overview, biggest resources first."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        print("  (playwright not installed: first-load size not measured)")
        return
    if not Path(CHROMIUM).exists():
        print(f"  ({CHROMIUM} not found: first-load size not measured)")
        return
    flags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
             "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=flags)
        page = browser.new_page()
        responses = []
        page.on("requestfinished", lambda request: responses.append(request))
        page.goto(base + "/", wait_until="networkidle")
        page.locator("article.target-card").first.wait_for()
        sizes = []
        for request in responses:
            transferred = request.sizes()
            response = request.response()
            raw = len(response.body()) if response else 0
            sizes.append((transferred["responseBodySize"] + transferred["responseHeadersSize"],
                          raw, urlsplit(request.url).path))
        browser.close()
    total, raw_total = sum(s[0] for s in sizes), sum(s[1] for s in sizes)
    print(f"  first load of /: {len(sizes)} requests, {total / 1024:,.0f} KiB transferred "
          f"(compressed), {raw_total / 1024:,.0f} KiB uncompressed")
    for transferred, raw, path in sorted(sizes, reverse=True)[:6]:
        print(f"    {transferred / 1024:8,.0f} KiB  ({raw / 1024:,.0f} KiB raw)  {path[:90]}")


def benchmark_args(description: str, argv: list[str] | None,
                   repeat: int = 100) -> argparse.Namespace | None:
    """The options every latency benchmark takes; None (having said why) with no store."""
    parser = argparse.ArgumentParser(description=description.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=repeat)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--store", type=Path, default=processed_dir())
    args = parser.parse_args(argv)
    if not (args.store / "manifest.json").exists():
        print(f"No processed store in {args.store}: run `make data` first.", file=sys.stderr)
        return None
    return args


@contextmanager
def served(args: argparse.Namespace, name: str) -> Iterator[tuple[Client, list[dict]]]:
    """The app under gunicorn with a cache of its own, a client, and the app's callbacks."""
    with tempfile.TemporaryDirectory(prefix=f"{name}-") as scratch, gunicorn(
            args.store, Path(scratch) / "cache", Path(scratch) / "gunicorn.log",
            workers=args.workers) as base:
        client = Client(base)
        yield client, json.loads(client.request("GET", "/_dash-dependencies")[1])


def main(argv: list[str] | None = None) -> int:
    args = benchmark_args(__doc__, argv)
    if args is None:
        return 1
    area = load_area()
    with served(args, "app-latency") as (client, dependencies):
        server_side = {d["output"]: d for d in dependencies if not d.get("clientside_function")}
        router = server_side["..page-content.children...page-meta.data.."]
        headlines = server_side["..headline-figures.children...url.search.."]
        print(f"App latency over {args.repeat} requests each, gunicorn with {args.workers} "
              f"workers, store {args.store}")
        print("Pages (the page itself, then the router callback that draws it):")
        for page in PAGES:
            report(f"GET {page.path}", *timed(lambda p=page: client.request("GET", p.path),
                                               args.repeat))
            body = callback_body(router, {"url.pathname": page.path, "url.search": ""})
            report(f"draw {page.path}", *timed(
                lambda b=body: client.request("POST", "/_dash-update-component", b),
                args.repeat), goal=GOAL_MS)
        print("Overview callbacks:")
        met = True
        for year in area.neighbour_lists:
            body = callback_body(headlines, {"headline-neighbours.value": year,
                                             "url.search": ""})
            met &= report(f"headline figures, {year} neighbours", *timed(
                lambda b=body: client.request("POST", "/_dash-update-component", b),
                args.repeat), goal=GOAL_MS)
            body = callback_body(router, {"url.pathname": "/",
                                          "url.search": f"?neighbours={year}"})
            met &= report(f"draw / with ?neighbours={year}", *timed(
                lambda b=body: client.request("POST", "/_dash-update-component", b),
                args.repeat), goal=GOAL_MS)
        print(f"Every Overview callback p95 under {GOAL_MS:.0f} ms: {'yes' if met else 'NO'}")
        print("Transfer:")
        first_load_bytes(client.base)
    return 0


if __name__ == "__main__":
    sys.exit(main())
