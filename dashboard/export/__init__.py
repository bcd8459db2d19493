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
import html
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
from dashboard.charts.style import TEXT_COLOUR

log = logging.getLogger(__name__)

DEFAULT_SIZE = "1200x675"
# Press sizes, "<width>x<height>" in pixels: a 16:9 slide, a square for social media, a wide one.
SIZES: dict[str, tuple[int, int]] = {"1200x675": (1200, 675), "1080x1080": (1080, 1080),
                                     "1600x900": (1600, 900)}
MEDIA_TYPES = {"csv": "text/csv; charset=utf-8", "png": "image/png",
               "svg": "image/svg+xml", "zip": "application/zip"}
LICENCE = ("Contains public sector information licensed under the Open Government Licence "
           "v3.0.")
IMAGE_FONT = "Arial, 'Liberation Sans', Helvetica, sans-serif"
SECONDARY_TEXT = "#505A5F"
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


def _wrap(text: str, chars: float) -> list[str]:
    return textwrap.wrap(text, width=max(20, int(chars)), break_on_hyphens=False) or [""]


def _plotly_text(lines: Iterable[str]) -> str:
    """Lines as Plotly text: its HTML-like markup escaped, lines joined with <br>."""
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def _legend_rows(fig: go.Figure, font_size: float, room: float) -> int:
    """How many rows a horizontal legend of the figure's named traces takes (an estimate)."""
    names = [t.name for t in fig.data if t.name and t.showlegend is not False]
    # Plotly shows no legend for a single trace unless asked to.
    if not names or fig.layout.showlegend is False or (
            len(fig.data) == 1 and fig.layout.showlegend is not True):
        return 0
    rows, used = 1, 0.0
    for name in names:
        width = len(name) * 0.52 * font_size + 3.2 * font_size  # text and its symbol
        if used and used + width > room:
            rows, used = rows + 1, 0.0
        used += width
    return rows


def _squeeze(low: float, high: float, value: float) -> float:
    return low + value * (high - low)


# The subplot a trace is drawn in when it names none.
DEFAULT_SUBPLOT = {**dict.fromkeys(("choropleth", "scattergeo"), "geo"),
                   **dict.fromkeys(("choroplethmap", "scattermap", "densitymap"), "map"),
                   **dict.fromkeys(("choroplethmapbox", "scattermapbox", "densitymapbox"),
                                   "mapbox"),
                   **dict.fromkeys(("scatterpolar", "scatterpolargl", "barpolar"), "polar"),
                   "scatterternary": "ternary", "scatter3d": "scene", "surface": "scene"}


def _subplots(fig: go.Figure) -> set[str]:
    """Layout keys of every subplot: those set in the layout and those the traces use."""
    names = {"yaxis", *fig.layout.to_plotly_json()}
    for trace in fig.data:
        if trace.type in DEFAULT_SUBPLOT:
            names.add(getattr(trace, "geo", None) or getattr(trace, "subplot", None)
                      or getattr(trace, "scene", None) or DEFAULT_SUBPLOT[trace.type])
        elif getattr(trace, "yaxis", None):
            names.add(trace.yaxis.replace("y", "yaxis", 1))
    return names


def _fit_between(fig: go.Figure, low: float, high: float) -> None:
    """Move everything placed by paper height into the band [low, high] of the paper, so the
    header and footer have the space above and below it."""
    layout = fig.layout
    for name in _subplots(fig):
        if re.fullmatch(r"yaxis\d*", name):
            start, end = layout[name].domain or (0, 1)
            layout[name].domain = [_squeeze(low, high, start), _squeeze(low, high, end)]
        elif re.fullmatch(r"(geo|map|mapbox|polar|ternary|scene|smith)\d*", name):
            start, end = layout[name].domain.y or (0, 1)
            layout[name].domain.y = [_squeeze(low, high, start), _squeeze(low, high, end)]
    for annotation in layout.annotations:
        if annotation.yref == "paper" and annotation.y is not None:
            annotation.y = _squeeze(low, high, annotation.y)
    for shape in layout.shapes:
        if shape.yref == "paper":
            shape.y0 = _squeeze(low, high, shape.y0 or 0)
            shape.y1 = _squeeze(low, high, shape.y1 or 0)
    for trace in fig.data:
        domain = getattr(trace, "domain", None)
        if domain is not None:
            start, end = domain.y or (0, 1)
            domain.y = [_squeeze(low, high, start), _squeeze(low, high, end)]
        colorbar = getattr(trace, "colorbar", None)
        if colorbar is not None:
            colorbar.y = _squeeze(low, high, colorbar.y if colorbar.y is not None else 0.5)
            colorbar.len = (colorbar.len if colorbar.len is not None else 1) * (high - low)


def press_figure(chart: Chart, width: int, height: int, page_url: str,
                 product: str) -> go.Figure:
    """The chart laid out as a press image of `width` x `height` pixels: the title (the
    finding) at the top with the legend under it, the chart, then the source, the date of the
    data, the licence and the address of the page it comes from."""
    fig = go.Figure(chart.figure)
    scale = width / 1200
    pad = 32 * scale
    title_size, body_size, footer_size = 28 * scale, 16 * scale, 14 * scale
    room = width - 2 * pad - 40 * scale  # text width, allowing for the axis labels
    title_lines = _wrap(chart.title, room / (0.56 * title_size))
    footer_lines = [
        *_wrap(f"Source: {source_text(chart)}", room / (0.5 * footer_size)),
        *_wrap(f"Data as at {chart.as_at}. {LICENCE}", room / (0.5 * footer_size)),
        f"{product}: {page_url}",
    ]
    title_height = len(title_lines) * title_size * 1.3
    legend_top = pad + title_height + 12 * scale
    legend_height = _legend_rows(fig, body_size, room) * body_size * 1.9
    footer_height = len(footer_lines) * footer_size * 1.4
    axis_height = 48 * scale  # the x axis labels under the plot
    paper = height - 2 * pad
    low = (footer_height + axis_height) / paper
    high = 1 - (title_height + 12 * scale + legend_height + 16 * scale) / paper
    _fit_between(fig, low, high)
    fig.update_layout(
        width=width, height=height, autosize=False,
        margin={"l": pad, "r": pad, "t": pad, "b": pad, "autoexpand": True},
        paper_bgcolor="white", plot_bgcolor="white",
        font={"family": IMAGE_FONT, "size": body_size, "color": TEXT_COLOUR},
        title={"text": _plotly_text(title_lines), "x": 0, "xref": "paper", "xanchor": "left",
               "y": 1 - pad / height, "yref": "container", "yanchor": "top",
               "font": {"size": title_size, "weight": 700, "color": TEXT_COLOUR}},
        # Inside the paper, so the legend never pushes the margins (and the plot) about.
        legend={"orientation": "h", "x": 0, "xref": "paper", "xanchor": "left",
                "y": 1 - (legend_top - pad) / paper, "yref": "paper", "yanchor": "top",
                "font": {"size": body_size}, "bgcolor": "rgba(255,255,255,0)"},
    )
    fig.update_xaxes(automargin=True)
    fig.update_yaxes(automargin=True)
    for annotation in fig.layout.annotations:  # the chart's own labels, at the image's scale
        if annotation.font.size:
            annotation.font.size = annotation.font.size * scale * 1.25
    fig.add_annotation(text=_plotly_text(footer_lines), x=0, xref="paper", xanchor="left",
                       y=0, yref="paper", yanchor="bottom", align="left", showarrow=False,
                       font={"size": footer_size, "color": SECONDARY_TEXT})
    return fig


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


def source_text(chart: Chart) -> str:
    """The chart's source without a leading "Source:", ending with a full stop."""
    text = re.sub(r"^Source:\s*", "", chart.source.strip()).rstrip(".")
    return f"{text}."


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
