"""The app under gunicorn with two workers: a freshly started server answers a burst of
concurrent requests for the script bundles (plotly/dash #3971), and the workers share the cache.
"""

from __future__ import annotations

import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Page

from app import create_app
from dashboard.analysis import overview
from dashboard.config import load_area
from dashboard.store import current_store
from tests.browser.browser_support import gunicorn

pytestmark = pytest.mark.browser


def get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    request = urllib.request.Request(url, data=data, headers={"Content-Type":
                                                              "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def bundle_paths(store: Path) -> list[str]:
    """The script and style addresses in the app's page (the same in every process)."""
    html = create_app({"EDU_PROCESSED_DIR": str(store)}).server.test_client().get("/").get_data(
        as_text=True)
    return re.findall(r'(?:src|href)="(/(?:_dash-component-suites|assets)/[^"]+)"', html)


def test_a_fresh_server_answers_concurrent_bundle_requests(served_store: Path,
                                                           tmp_path: Path) -> None:
    paths = bundle_paths(served_store)
    assert any("_dash-component-suites" in p for p in paths)
    with gunicorn(served_store, tmp_path / "cache", tmp_path / "gunicorn.log",
                  ready_when="listening") as base, ThreadPoolExecutor(max_workers=16) as pool:
        statuses = list(pool.map(lambda p: (p, get(base + p)[0]), ["/", *paths * 3]))
    failures = [(path, status) for path, status in statuses if status != 200]
    assert failures == [], (tmp_path / "gunicorn.log").read_text()[-3000:]


def test_two_workers_share_the_cache(served_store: Path, tmp_path: Path, page: Page,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    """Readers' visits make the Overview in the workers; another process sharing the cache
    then reads it without being able to make it itself."""
    cache = tmp_path / "cache"
    with gunicorn(served_store, cache, tmp_path / "gunicorn.log", workers=2) as base:
        for _ in range(4):
            page.goto(base + "/")
            page.locator("#page-content h1").wait_for()

    def unavailable(*_args: object) -> None:
        raise AssertionError("made again instead of read from the shared cache")

    monkeypatch.setattr(overview, "build_model", unavailable)
    other = create_app({"EDU_PROCESSED_DIR": str(served_store), "CACHE_DIR": str(cache)})
    found = []
    with other.server.app_context():
        store = current_store()
        for day in (date.today() - timedelta(days=1), date.today()):  # the run may cross midnight
            try:
                found.append(overview.overview(store, load_area().current_neighbours,
                                               day.isoformat()))
            except AssertionError:
                continue
    assert found and all(model.assessments for model in found)
