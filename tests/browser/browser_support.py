"""Helpers for the browser tests and the benchmark: the app under gunicorn on a free loopback
port, and a record of what went wrong while a page loaded."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _listening(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # the server is up, even if it has no store (503)
    except OSError:
        return False


@contextmanager
def gunicorn(store: Path, cache: Path, log: Path, *, workers: int = 2, threads: int = 4,
             ready_when: Literal["healthy", "listening"] = "healthy",
             target: str = "app:server", config: str | None = "gunicorn.conf.py",
             cwd: Path = ROOT) -> Iterator[str]:
    """Serve `store` on http://127.0.0.1:<free port>; yields the base address once /health
    answers, or (`ready_when="listening"`) as soon as the port accepts connections, so the
    caller's requests are the server's very first. `target` and `config` serve another WSGI
    app (the benchmarks' bare Dash floor) with the same worker settings; `cwd` another checkout
    of the project (a benchmark's "before")."""
    port = free_port()
    env = {**os.environ, "EDU_PROCESSED_DIR": str(store), "EDU_CACHE_DIR": str(cache),
           "PORT": str(port), "HOST": "127.0.0.1", "WEB_CONCURRENCY": str(workers),
           "GUNICORN_THREADS": str(threads), "GUNICORN_ACCESS_LOG": str(log) + ".access"}
    env.pop("REDIS_URL", None)
    env.pop("DASH_DEBUG", None)
    base = f"http://127.0.0.1:{port}"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", target,
             *(["-c", config] if config else
               ["-k", "gthread", "-w", str(workers), "--threads", str(threads),
                "-b", f"127.0.0.1:{port}"])],
            cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        deadline = time.monotonic() + 90
        def ready() -> bool:
            return _answers(f"{base}/health") if ready_when == "healthy" else _listening(port)

        while not ready():
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"gunicorn did not start:\n{log.read_text()[-3000:]}")
            time.sleep(0.25)
        yield base
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


@dataclass
class Problems:
    """Console errors, page errors, failed requests and HTTP errors seen while a page loaded."""

    items: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def add(self, text: str) -> None:
        if not any(pattern.search(text) for pattern in self.allowed):
            self.items.append(text)

    def allow(self, pattern: str) -> None:
        self.allowed.append(re.compile(pattern))


def registered_pages() -> list[dict]:
    """Every page the app registers with Dash Pages (the app module registers them)."""
    import dash

    import app  # noqa: F401  (building the app registers its pages)

    return [page for page in dash.page_registry.values()
            if not page["module"].endswith("not_found_404")]


def navigation_pages() -> list[dict]:
    return [page for page in registered_pages() if page.get("nav_label")]
