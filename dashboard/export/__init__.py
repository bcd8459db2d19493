"""Exports of a published chart: its data as CSV, press-ready PNG and SVG images, and a press
pack (zip). No Dash here: the download routes in callbacks/downloads.py call these.

Images are drawn on the server by kaleido, which drives a Chromium browser. The browser is
Debian's (`/usr/bin/chromium`, or the `CHROMIUM` setting); kaleido is never allowed to download
one. One browser is started per process on the first image request and reused; renders are
serialised. When there is no browser, `images_available()` says so, image requests raise
`ImagesUnavailable`, and CSV downloads still work.
"""

from __future__ import annotations

import asyncio
import atexit
import io
import logging
import os
import re
import textwrap
import threading
import zipfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import plotly.graph_objects as go

from dashboard.charts import Chart
from dashboard.export.press_figure import LICENCE, press_figure, source_text

log = logging.getLogger(__name__)

DEFAULT_SIZE = "1200x675"
# Press sizes, "<width>x<height>" in pixels: a 16:9 slide, a square for social media, a wide one.
SIZES: dict[str, tuple[int, int]] = {"1200x675": (1200, 675), "1080x1080": (1080, 1080),
                                     "1600x900": (1600, 900)}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "png": "image/png",
               "svg": "image/svg+xml", "zip": "application/zip"}
RENDER_SECONDS = 30  # one image; the gunicorn request timeout is 60 s
START_SECONDS = 30  # starting the browser
DEFAULT_CHROMIUM = "/usr/bin/chromium"


# Query parameters of a download address that are not page settings: the page the chart is on
# (its address is drawn into images) and the image size.
# The page and size settings of a download address (assets/site.js writes the same names).
PAGE_PARAM = "from"
SIZE_PARAM = "size"


class ImagesUnavailable(RuntimeError):
    """Images cannot be drawn here (no browser, or it failed); the message says why."""


class BadSize(ValueError):
    """The size asked for is not one of SIZES."""


# ---------------------------------------------------------------------------------------------
# Names, sizes and words


def parse_size(text: str | None) -> tuple[int, int]:
    """The (width, height) of a press size name like "1080x1080"; the default when empty."""
    name = (text or DEFAULT_SIZE).strip().lower().replace("×", "x")
    if name not in SIZES:
        raise BadSize(f"size must be one of {', '.join(SIZES)}")
    return SIZES[name]


def download_path(figure_id: str, ext: str, page_path: str = "", page_query: str = "",
                  size: str | None = None) -> str:
    """/download/<figure_id>.<ext> with the page's settings, the page's path and the size."""
    params = [(k, v) for k, v in parse_qsl(page_query.lstrip("?"), keep_blank_values=True)
              if k not in (PAGE_PARAM, SIZE_PARAM)]
    if page_path:
        params.append((PAGE_PARAM, page_path))
    if size:
        params.append((SIZE_PARAM, size))
    query = urlencode(params, safe="/")
    return f"/download/{figure_id}.{ext}" + (f"?{query}" if query else "")


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def file_stem(figure_id: str, product: str) -> str:
    """A branded file name without extension, e.g. "staffordshire-education-insight-trends"."""
    return f"{slug(product)}-{figure_id}"


def headline(chart: Chart) -> str:
    """One plain-English line for a press release: the chart's own headline, else its title."""
    return chart.headline or chart.title


def alt_text(chart: Chart) -> str:
    """Alternative text for the image: what it shows (the finding) and the one-sentence
    summary."""
    title = chart.title.rstrip(".")
    return f"Chart: {title}. {chart.summary}"


def csv_bytes(chart: Chart) -> bytes:
    """Exactly the plotted data, one row per plotted point, with its unit, period, source and
    status. A suppressed value is empty, with its code in `suppression` (never 0)."""
    return chart.data.to_csv(index=False, lineterminator="\n").encode("utf-8")


# ---------------------------------------------------------------------------------------------
# The press image: the chart with its title, source, date and address drawn in


# ---------------------------------------------------------------------------------------------
# Drawing images with kaleido


def chromium_path() -> str:
    """The browser kaleido drives: the CHROMIUM setting, else Debian's chromium."""
    return os.environ.get("CHROMIUM") or DEFAULT_CHROMIUM


def images_available() -> bool:
    """Whether this server can draw images (a browser is installed where it is expected)."""
    path = Path(chromium_path())
    return path.is_file() and os.access(path, os.X_OK)


class ImageRenderer:
    """One kaleido browser for this process, started on first use, reused, one image at a
    time. It runs in its own thread with its own event loop, so callers on any thread can wait
    for a result with a time limit."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._kaleido: Any = None

    def _start(self) -> None:
        if not images_available():
            raise ImagesUnavailable(
                f"Images cannot be drawn on this server: there is no browser at "
                f"{chromium_path()}. The data (CSV) can still be downloaded.")
        import kaleido  # here: only a process that draws images pays for it

        loop = asyncio.new_event_loop()
        threading.Thread(target=loop.run_forever, name="kaleido", daemon=True).start()

        async def open_browser() -> Any:
            # mathjax=False: no request to a CDN; plotly.js comes from the plotly package.
            browser = kaleido.Kaleido(path=chromium_path(), mathjax=False,
                                      timeout=RENDER_SECONDS)
            await browser.open()
            return browser

        self._loop = loop
        self._kaleido = asyncio.run_coroutine_threadsafe(open_browser(), loop).result(
            timeout=START_SECONDS)

    def _stop(self) -> None:
        loop, browser = self._loop, self._kaleido
        self._loop = self._kaleido = None
        if loop is None:
            return
        if browser is not None:
            try:
                asyncio.run_coroutine_threadsafe(browser.close(), loop).result(timeout=10)
            except Exception:  # closing a broken browser: nothing more to do
                log.warning("the image browser did not close cleanly", exc_info=True)
        loop.call_soon_threadsafe(loop.stop)

    def render(self, figure: go.Figure, fmt: str, width: int, height: int) -> bytes:
        """The figure as PNG or SVG bytes at `width` x `height`."""
        opts = {"format": fmt, "width": width, "height": height, "scale": 1}
        with self._lock:
            try:
                if self._kaleido is None:
                    self._start()
                assert self._loop is not None
                future = asyncio.run_coroutine_threadsafe(
                    self._kaleido.calc_fig(figure, opts=opts), self._loop)
                return future.result(timeout=RENDER_SECONDS + 5)
            except ImagesUnavailable:
                raise
            except Exception as exc:  # a timeout, or a browser that died: say so, start afresh
                log.exception("drawing a %s image failed", fmt)
                self._stop()
                raise ImagesUnavailable(
                    "The image could not be drawn just now. Try again in a minute; the data "
                    "(CSV) can still be downloaded.") from exc

    def close(self) -> None:
        with self._lock:
            self._stop()


RENDERER = ImageRenderer()
atexit.register(RENDERER.close)


def chart_image(chart: Chart, fmt: str, size: str | None, page_url: str, product: str,
                renderer: ImageRenderer = RENDERER) -> bytes:
    """The chart as a press image ("png" or "svg") at a size from SIZES."""
    width, height = parse_size(size)
    return renderer.render(press_figure(chart, width, height, page_url, product), fmt,
                           width, height)


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


# ---------------------------------------------------------------------------------------------
# The press pack


def press_text(chart: Chart, page_url: str, product: str, files: Iterable[str],
               missing: str | None = None) -> str:
    """The press pack's text file: headline, alt text, title, source, date, address, files."""
    sections = [
        ("Headline", headline(chart)),
        ("Alt text", alt_text(chart)),
        ("Chart title", chart.title),
        ("Summary", chart.summary),
        ("Source", source_text(chart)),
        ("Data as at", chart.as_at),
        ("Page", page_url),
        ("Licence", LICENCE),
    ]
    if chart.notes:
        sections.append(("Notes", " ".join(chart.notes)))
    if missing:
        sections.append(("Images", missing))
    body = "\n\n".join(
        f"{name}:\n" + textwrap.fill(text, 78, break_long_words=False, break_on_hyphens=False)
        for name, text in sections)
    listing = "\n".join(f"- {name}" for name in files)
    return (f"{product} - press pack\n{'=' * (len(product) + 13)}\n\n{body}\n\n"
            f"Files:\n{listing}\n")


def press_pack(chart: Chart, page_url: str, product: str, images: Mapping[str, bytes],
               missing: str | None = None) -> bytes:
    """A zip with the images (`images`: extension -> bytes, e.g. PNG and SVG), the CSV and a
    text file with a plain-English headline and alt text. `missing` says why images are left
    out, when they are."""
    stem = file_stem(chart.figure_id, product)
    files = {f"{stem}.{ext}": content for ext, content in images.items()}
    files[f"{stem}.csv"] = csv_bytes(chart)
    text_name = f"{stem}-headline-and-alt-text.txt"
    files[text_name] = press_text(chart, page_url, product, [*files, text_name],
                                  missing).encode("utf-8")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in files.items():
            archive.writestr(name, content)
    return buffer.getvalue()
