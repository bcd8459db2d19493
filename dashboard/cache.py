"""The one cache every worker shares: flask-caching, filesystem by default, Redis when
REDIS_URL is set.

Results are memoized with `@memoize` (flask-caching's `Cache.memoize`). Keys carry the code
version through CACHE_KEY_PREFIX, and the data build through the arguments (a Store's repr is
its folder and build id), so a deploy or a rebuild never serves what older code or data made.
Outside a Flask app (scripts, unit tests) a memoized function just runs.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any, TypeVar

from flask import has_app_context
from flask_caching import Cache

from dashboard.config import REPO_ROOT

DEFAULT_TIMEOUT = 24 * 3600
CODE_PACKAGES = ("dashboard", "layouts", "callbacks")
CACHE = Cache()
F = TypeVar("F", bound=Callable[..., Any])


def cache_dir() -> Path:
    return Path(os.environ.get("EDU_CACHE_DIR", REPO_ROOT / ".cache" / "flask"))


@cache
def code_version() -> str:
    """A hash of the app's Python code: cached results never outlive the code that made them."""
    digest = hashlib.sha256()
    for package in CODE_PACKAGES:
        for path in sorted((REPO_ROOT / package).rglob("*.py")):
            digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def cache_config() -> dict[str, Any]:
    """flask-caching settings for CACHE."""
    common = {"CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT,
              "CACHE_KEY_PREFIX": f"sei:{code_version()}:"}
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return {"CACHE_TYPE": "RedisCache", "CACHE_REDIS_URL": redis_url, **common}
    return {"CACHE_TYPE": "FileSystemCache", "CACHE_DIR": str(cache_dir()),
            "CACHE_THRESHOLD": 2000, **common}


def _outside_app() -> bool:
    return not has_app_context()


def memoize(function: F) -> F:
    """CACHE.memoize for a function of the store and settings. A cache that fails is only a
    slowdown: flask-caching logs the error and calls the function."""
    return CACHE.memoize(unless=_outside_app)(function)
