"""Downloads and sharing.

`/download/<figure_id>.csv|.png|.svg|.zip?<the page's settings>` rebuilds the chart the page
showed (through the chart registry, callbacks.charts) and returns its data, a press image
(`size=1080x1080` or `size=1600x900`; 1200x675 by default) or the press pack. `from=<page path>`
names the page, whose address is drawn into the images. These are plain links: they work
without JavaScript and can be bookmarked or scripted.

In the browser: the "Copy link to this page" and "Print this page" buttons, and a small script
that keeps each download link's settings in step with the address as the reader changes them
and fits wide charts to the paper when printing.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from http import HTTPStatus
from urllib.parse import urlencode

from dash import Dash
from flask import Response, request

from callbacks.addresses import page_exists
from dashboard import export
from dashboard.cache import memoize
from dashboard.charts import Chart
from dashboard.charts.map import inline_boundaries
from dashboard.charts.registry import UnknownChart, build_chart
from dashboard.settings import params_from_search
from dashboard.store import Store, StoreMissing, current_store
from layouts import product_name

FORMATS = tuple(export.MEDIA_TYPES)


@dataclass(frozen=True)
class DownloadRequest:
    """What a /download/ address asks for."""

    figure_id: str
    ext: str
    params: dict[str, list[str]]  # the page's own settings
    size: str | None
    page_path: str


class DownloadError(Exception):
    """A download that cannot be made: its HTTP status and a plain message."""

    def __init__(self, status: HTTPStatus, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def parse_download(name: str, query: str) -> DownloadRequest:
    """Split "<figure_id>.<ext>" and the query into the chart, the format, the page's settings,
    the image size and the page; DownloadError when the address cannot be a download."""
    figure_id, _, ext = name.rpartition(".")
    if not figure_id or ext not in FORMATS:
        raise DownloadError(HTTPStatus.NOT_FOUND,
                            f"There is no download at this address. Downloads end in "
                            f"{', '.join('.' + f for f in FORMATS)}.")
    params = params_from_search(query)
    size = (params.pop(export.SIZE_PARAM, None) or [None])[-1] or None
    page_path = (params.pop(export.PAGE_PARAM, None) or [""])[-1]
    if size is not None:
        try:
            export.parse_size(size)
        except export.BadSize as exc:
            raise DownloadError(HTTPStatus.BAD_REQUEST, f"{exc}.") from None
    return DownloadRequest(figure_id, ext, params, size, page_path)


def page_url(host_url: str, page_path: str, params: Mapping[str, Sequence[str]]) -> str:
    """The address of the page the chart is on, with its settings (the home page when the
    page is not known)."""
    path = page_path if page_path.startswith("/") and page_exists(page_path) else "/"
    query = urlencode(params, doseq=True, safe="/")
    return host_url.rstrip("/") + path + (f"?{query}" if query else "")


def file_name(chart: Chart, wanted: DownloadRequest) -> str:
    stem = export.file_stem(chart.figure_id, product_name())
    sized = f"-{wanted.size}" if wanted.size and wanted.ext != "csv" else ""
    return f"{stem}{sized}.{wanted.ext}"


def drawable_chart(store: Store, wanted: DownloadRequest) -> Chart:
    """The chart the page showed; for an image, its map boundaries drawn in (the page's map
    fetches them by URL, and an image is drawn away from the app)."""
    chart = build_chart(wanted.figure_id, wanted.params, store)
    if wanted.ext != "csv" and "district_boundaries" in store.geojson:
        chart = replace(chart, figure=inline_boundaries(
            chart.figure, store.geojson["district_boundaries"]))
    return chart


@memoize
def press_image(store: Store, wanted: DownloadRequest, fmt: str, address: str) -> bytes:
    """A press image, drawn once per build, chart, settings, size and address across workers."""
    return export.chart_image(drawable_chart(store, wanted), fmt, wanted.size, address,
                              product_name())


def content(store: Store, chart: Chart, wanted: DownloadRequest, address: str) -> bytes:
    """The bytes of the download; DownloadError (503) when an image cannot be drawn."""
    if wanted.ext == "csv":
        return export.csv_bytes(chart)
    if wanted.ext in ("png", "svg"):
        try:
            return press_image(store, wanted, wanted.ext, address)
        except export.ImagesUnavailable as exc:
            raise DownloadError(HTTPStatus.SERVICE_UNAVAILABLE, str(exc)) from None
    images, missing = {}, None
    try:
        images = {fmt: press_image(store, wanted, fmt, address) for fmt in ("png", "svg")}
    except export.ImagesUnavailable as exc:
        missing = str(exc)
    return export.press_pack(chart, address, product_name(), images, missing)


def download(name: str) -> Response:
    """The response for /download/<name>?<query>: the file, or a plain message saying why
    there is none (404 unknown chart, 400 bad size, 503 no data or no image)."""
    try:
        wanted = parse_download(name, request.query_string.decode("utf-8", "replace"))
        try:
            store = current_store()
        except StoreMissing:
            raise DownloadError(HTTPStatus.SERVICE_UNAVAILABLE,
                                "The data has not been built yet, so there is nothing to "
                                "download.") from None
        try:
            chart = drawable_chart(store, wanted)
        except UnknownChart:
            raise DownloadError(HTTPStatus.NOT_FOUND,
                                f"There is no chart called '{wanted.figure_id[:80]}'. Use the "
                                "download links under a chart to get its files.") from None
        address = page_url(request.host_url, wanted.page_path, wanted.params)
        body = content(store, chart, wanted, address)
    except DownloadError as error:
        return Response(error.message + "\n", status=error.status,
                        content_type="text/plain; charset=utf-8")
    response = Response(body, content_type=export.MEDIA_TYPES[wanted.ext])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{file_name(chart, wanted)}"')
    return response


def register(app: Dash) -> None:
    app.server.add_url_rule("/download/<path:name>", "download", download)
