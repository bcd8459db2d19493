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

from dash import Dash, Input, Output
from flask import Response, request

from callbacks.charts import UnknownChart, build_chart
from callbacks.data import cached, current_store
from callbacks.params import parse_query
from callbacks.router import path_exists
from dashboard import export
from dashboard.analysis.district import inline_boundaries
from dashboard.charts import Chart
from dashboard.store import StoreMissing
from layouts import product_name
from layouts.shell import COPY_LINK_ID, COPY_STATUS_ID, PRINT_ID, TOOLS_SINK_ID, URL_ID

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
    params = parse_query(query)
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
    path = page_path if page_path.startswith("/") and path_exists(page_path) else "/"
    query = urlencode(params, doseq=True, safe="/")
    return host_url.rstrip("/") + path + (f"?{query}" if query else "")


def file_name(chart: Chart, wanted: DownloadRequest) -> str:
    stem = export.file_stem(chart.figure_id, product_name())
    sized = f"-{wanted.size}" if wanted.size and wanted.ext != "csv" else ""
    return f"{stem}{sized}.{wanted.ext}"


def image(chart: Chart, fmt: str, wanted: DownloadRequest, address: str, build_id: str) -> bytes:
    """A press image, drawn once per chart, settings, size and address across all workers."""
    key = (f"download:{build_id}:{chart.figure_id}:{fmt}:{wanted.size}:{address}:"
           f"{urlencode(sorted(wanted.params.items()), doseq=True)}")
    return cached(key, lambda: export.chart_image(chart, fmt, wanted.size, address,
                                                  product_name()))


def content(chart: Chart, wanted: DownloadRequest, address: str, build_id: str) -> bytes:
    """The bytes of the download; DownloadError (503) when an image cannot be drawn."""
    if wanted.ext == "csv":
        return export.csv_bytes(chart)
    if wanted.ext in ("png", "svg"):
        try:
            return image(chart, wanted.ext, wanted, address, build_id)
        except export.ImagesUnavailable as exc:
            raise DownloadError(HTTPStatus.SERVICE_UNAVAILABLE, str(exc)) from None
    images, missing = {}, None
    try:
        images = {fmt: image(chart, fmt, wanted, address, build_id) for fmt in ("png", "svg")}
    except export.ImagesUnavailable as exc:
        missing = str(exc)
    return export.press_pack(chart, address, product_name(), images, missing)


def download(name: str) -> Response:
    """The response for /download/<name>?<query>: the file, or a plain message saying why
    there is none (404 unknown chart, 400 bad size, 503 no data or no image)."""
    import callbacks  # every page module, so every chart builder is registered

    callbacks.modules()
    try:
        wanted = parse_download(name, request.query_string.decode("utf-8", "replace"))
        try:
            store = current_store()
        except StoreMissing:
            raise DownloadError(HTTPStatus.SERVICE_UNAVAILABLE,
                                "The data has not been built yet, so there is nothing to "
                                "download.") from None
        try:
            chart = build_chart(wanted.figure_id, wanted.params, store)
        except UnknownChart:
            raise DownloadError(HTTPStatus.NOT_FOUND,
                                f"There is no chart called '{wanted.figure_id[:80]}'. Use the "
                                "download links under a chart to get its files.") from None
        if wanted.ext != "csv" and "district_boundaries" in store.geojson:
            # The page's map fetches its boundaries by URL; an image is drawn away from the app.
            chart = replace(chart, figure=inline_boundaries(
                chart.figure, store.geojson["district_boundaries"]))
        address = page_url(request.host_url, wanted.page_path, wanted.params)
        body = content(chart, wanted, address, store.build_id)
    except DownloadError as error:
        return Response(error.message + "\n", status=error.status,
                        content_type="text/plain; charset=utf-8")
    response = Response(body, content_type=export.MEDIA_TYPES[wanted.ext])
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{file_name(chart, wanted)}"')
    return response


# Installed once per page load: (1) keep each download link's settings in step with the address
# just before it is used (settings change without a new page being drawn); (2) before printing,
# narrow charts wider than the A4 text width (180 mm, 680 CSS pixels) so none is cut, and put
# them back afterwards.
PAGE_SCRIPT = """
function (pathname) {
    if (!window.insightPageScript) {
        window.insightPageScript = true;
        var refresh = function (event) {
            var link = event.target.closest ? event.target.closest("a.download-link") : null;
            if (!link) {
                return;
            }
            var params = new URLSearchParams(window.location.search);
            params.delete("__PAGE__");
            params.delete("__SIZE__");
            params.append("__PAGE__", window.location.pathname);
            if (link.dataset.size) {
                params.append("__SIZE__", link.dataset.size);
            }
            link.href = "/download/" + link.dataset.figure + "." + link.dataset.ext + "?" +
                params.toString();
        };
        ["pointerdown", "focusin", "contextmenu", "keydown"].forEach(function (type) {
            document.addEventListener(type, refresh, true);
        });
        var printWidth = 680;
        var narrowed = [];
        window.addEventListener("beforeprint", function () {
            if (!window.Plotly) {
                return;
            }
            document.querySelectorAll(".chart-graph .js-plotly-plot").forEach(function (graph) {
                if (graph.offsetWidth > printWidth) {
                    narrowed.push(graph);
                    window.Plotly.relayout(graph, {width: printWidth});
                }
            });
        });
        window.addEventListener("afterprint", function () {
            narrowed.forEach(function (graph) {
                window.Plotly.relayout(graph, {width: null, autosize: true});
            });
            narrowed = [];
        });
    }
    return window.dash_clientside.no_update;
}
""".replace("__PAGE__", export.PAGE_PARAM).replace("__SIZE__", export.SIZE_PARAM)

COPY_LINK_SCRIPT = """
function (clicks) {
    if (!clicks) {
        return window.dash_clientside.no_update;
    }
    var href = window.location.href;
    var manual = "Copy this link: " + href;
    if (navigator.clipboard && window.isSecureContext) {
        return navigator.clipboard.writeText(href).then(function () {
            return "Link copied. It opens this page with the same settings.";
        }, function () {
            return manual;
        });
    }
    return manual;
}
"""

PRINT_SCRIPT = """
function (clicks) {
    if (clicks) {
        window.print();
    }
    return window.dash_clientside.no_update;
}
"""


def register(app: Dash) -> None:
    app.server.add_url_rule("/download/<path:name>", "download", download)
    app.clientside_callback(PAGE_SCRIPT, Output(TOOLS_SINK_ID, "title"),
                            Input(URL_ID, "pathname"))
    app.clientside_callback(COPY_LINK_SCRIPT, Output(COPY_STATUS_ID, "children"),
                            Input(COPY_LINK_ID, "n_clicks"), prevent_initial_call=True)
    app.clientside_callback(PRINT_SCRIPT, Output(TOOLS_SINK_ID, "children"),
                            Input(PRINT_ID, "n_clicks"), prevent_initial_call=True)
