"""Browser tests: the app served by gunicorn on a free loopback port, driven through Playwright
by Debian's chromium (never a downloaded browser). Screenshots of failures go to
test-artifacts/ (git-ignored)."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import ConsoleMessage, Page, Request, Response, expect

from dashboard.config import processed_dir
from dashboard.tables import MANIFEST
from tests.browser.browser_support import ROOT, Problems, gunicorn

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Flags for a closed network: no background connections, sync or component updates.
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                  "--no-first-run", "--disable-background-networking",
                  "--disable-component-update", "--disable-sync"]
ARTIFACTS = ROOT / "test-artifacts"
# The machine may be busy (two cores shared): give pages and assertions time, not a flaky fail.
PAGE_TIMEOUT_MS = 60_000
expect.set_options(timeout=15_000)


@pytest.fixture(scope="session")
def served_store(synthetic_store_dir: Path) -> Path:
    """The real processed store when it has been built (`make test` builds it), else the
    synthetic one."""
    real = processed_dir()
    return real if (real / MANIFEST).exists() else synthetic_store_dir


@pytest.fixture(scope="session")
def base_url(served_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app under gunicorn with two workers (pytest-playwright resolves page.goto("/")
    against this)."""
    folder = tmp_path_factory.mktemp("served")
    with gunicorn(served_store, folder / "cache", folder / "gunicorn.log") as url:
        yield url


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} not found: install Debian's chromium (make test does)")
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "viewport": {"width": 1366, "height": 900}}


@pytest.fixture
def problems(page: Page) -> Problems:
    """Console errors, page errors, failed requests and HTTP errors seen by `page`."""
    found = Problems()

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            found.add(f"console error: {message.text}")

    def on_response(response: Response) -> None:
        if response.status >= 400:
            found.add(f"HTTP {response.status}: {response.url}")

    def on_failed(request: Request) -> None:
        found.add(f"request failed: {request.url} ({request.failure})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: found.add(f"page error: {error}"))
    page.on("response", on_response)
    page.on("requestfailed", on_failed)
    return found


@pytest.fixture
def open_page(page: Page, base_url: str) -> Callable[[str], Page]:
    """Go to a path and wait until the router has drawn the page's heading."""
    page.set_default_timeout(PAGE_TIMEOUT_MS)

    def go(path: str) -> Page:
        page.goto(base_url + path)
        page.locator("#page-content h1").wait_for()
        # Every chart drawn (plotly.js loads on demand), and nothing left in flight.
        page.wait_for_function("""() => Array.from(document.querySelectorAll('.chart-graph'))
            .every(graph => graph.querySelector('.main-svg'))""")
        page.wait_for_load_state("networkidle")
        return page

    return go


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    report = outcome.get_result()
    page = getattr(item, "funcargs", {}).get("page")
    if report.when == "call" and report.failed and page is not None:
        ARTIFACTS.mkdir(exist_ok=True)
        name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
