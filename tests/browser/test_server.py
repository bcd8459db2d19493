"""The app under gunicorn with two workers: a freshly started server answers a burst of
concurrent requests for the script bundles (plotly/dash #3971), and the workers share the cache.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_caching.backends.filesystemcache import FileSystemCache

from app import create_app
from callbacks.data import versioned
from dashboard.analysis.overview import cache_key
from dashboard.config import load_area
from dashboard.store import load_store
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


def test_two_workers_share_the_cache(served_store: Path, tmp_path: Path) -> None:
    payload = json.dumps({
        "output": "..page-content.children...page-meta.data..",
        "outputs": [{"id": "page-content", "property": "children"},
                    {"id": "page-meta", "property": "data"}],
        "inputs": [{"id": "url", "property": "pathname", "value": "/"}],
        "state": [{"id": "url", "property": "search", "value": ""}],
        "changedPropIds": ["url.pathname"],
    }).encode()
    cache = tmp_path / "cache"
    with (gunicorn(served_store, cache, tmp_path / "gunicorn.log", workers=2) as base,
          ThreadPoolExecutor(max_workers=8) as pool):
        answers = list(pool.map(lambda _: get(f"{base}/_dash-update-component", payload),
                                range(16)))
    assert {status for status, _ in answers} == {200}
    # What the workers computed is in the shared cache, readable by any other process.
    build_id = load_store(served_store, use_shared_cache=False).build_id
    today = date.today()
    keys = [versioned(cache_key(build_id, load_area().current_neighbours, day))
            for day in (today - timedelta(days=1), today)]  # the run may cross midnight
    shared = FileSystemCache(str(cache))
    assert any(shared.get(key) is not None for key in keys)
