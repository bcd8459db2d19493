"""The processed store and the shared cache, as callbacks see them."""

from __future__ import annotations

import hashlib
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from flask import current_app, has_app_context
from flask_caching import Cache

from dashboard.store import Store, StoreMissing, load_store

# The app's cache (flask-caching, configured from dashboard.cache.cache_config() by app.py):
# filesystem by default, Redis when REDIS_URL is set, so every worker shares it.
CACHE = Cache()
log = logging.getLogger(__name__)
T = TypeVar("T")


@cache
def code_fingerprint() -> str:
    """A hash of the app's Python code, so cached results never outlive the code that made
    them (a deploy with the same data must not serve pages built by the old code)."""
    root = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256()
    for package in ("dashboard", "layouts", "callbacks"):
        for path in sorted((root / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def versioned(key: str) -> str:
    """The cache key actually used: `key` for this version of the code."""
    return f"{code_fingerprint()}:{key}"


def current_store() -> Store:
    """The store for this app (its EDU_PROCESSED_DIR setting, else the default folder).

    Raises StoreMissing when no store has been built.
    """
    folder = current_app.config.get("EDU_PROCESSED_DIR") if has_app_context() else None
    return load_store(Path(folder) if folder else None)


def current_manifest() -> dict[str, Any] | None:
    try:
        return current_store().manifest
    except StoreMissing:
        return None


def cached(key: str, compute: Callable[[], T]) -> T:
    """`compute()` once per key (and version of the code) across all workers; a cache that
    fails is only a slowdown."""
    if not has_app_context():
        return compute()
    key = versioned(key)
    try:
        found = CACHE.get(key)
    except Exception:  # a cache outage must not take the page down
        log.warning("cache read failed for %s", key, exc_info=True)
        found = None
    if found is not None:
        return found
    found = compute()
    try:
        CACHE.set(key, found)
    except Exception:
        log.warning("cache write failed for %s", key, exc_info=True)
    return found


_remembered: OrderedDict[str, Any] = OrderedDict()
_remembered_lock = threading.Lock()
REMEMBERED_MAX = 256


def remember(key: str, compute: Callable[[], T]) -> T:
    """callbacks.data.cached, with the most recent REMEMBERED_MAX results also kept in this
    process: the shared cache's copy is unpickled on every use, which for frames and figures
    costs more than drawing the page. Keys carry the build id, so a new build starts afresh.
    Outside the app (tests, scripts) it just computes, like cached."""
    if not has_app_context():
        return compute()
    with _remembered_lock:
        if key in _remembered:
            _remembered.move_to_end(key)
            return _remembered[key]
    found = cached(key, compute)
    with _remembered_lock:
        _remembered[key] = found
        while len(_remembered) > REMEMBERED_MAX:
            _remembered.popitem(last=False)
    return found
