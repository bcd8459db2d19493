"""The cache shared by every worker: filesystem by default, Redis when REDIS_URL is set."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask_caching.backends.base import BaseCache
from flask_caching.backends.filesystemcache import FileSystemCache
from flask_caching.backends.rediscache import RedisCache

from dashboard.config import REPO_ROOT

DEFAULT_TIMEOUT = 24 * 3600


def cache_dir() -> Path:
    return Path(os.environ.get("EDU_CACHE_DIR", REPO_ROOT / ".cache" / "flask"))


def cache_config() -> dict[str, Any]:
    """flask-caching settings for the app's Cache (the same store as `shared_backend`)."""
    redis_url = os.environ.get("REDIS_URL")
    if redis_url:
        return {
            "CACHE_TYPE": "RedisCache",
            "CACHE_REDIS_URL": redis_url,
            "CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT,
            "CACHE_KEY_PREFIX": "sei:",
        }
    return {
        "CACHE_TYPE": "FileSystemCache",
        "CACHE_DIR": str(cache_dir()),
        "CACHE_DEFAULT_TIMEOUT": DEFAULT_TIMEOUT,
        "CACHE_THRESHOLD": 2000,
    }


def shared_backend() -> BaseCache:
    """A flask-caching backend usable outside a Flask app (CLI, loader, tests)."""
    config = cache_config()
    if config["CACHE_TYPE"] == "RedisCache":
        import redis

        client = redis.Redis.from_url(config["CACHE_REDIS_URL"])
        return RedisCache(host=client, default_timeout=DEFAULT_TIMEOUT, key_prefix="sei:")
    return FileSystemCache(
        config["CACHE_DIR"], threshold=config["CACHE_THRESHOLD"], default_timeout=DEFAULT_TIMEOUT
    )
