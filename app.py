"""Composition root: builds the Dash app, wires layouts and callbacks, exposes `server`.

`gunicorn app:server -c gunicorn.conf.py` serves it in production; `python app.py` runs a
development server on http://127.0.0.1:8050 (debug only when DASH_DEBUG=1).
"""

from __future__ import annotations

import gc
import importlib
import logging
import os
from http import HTTPStatus
from pathlib import Path
from types import ModuleType
from typing import Any

import dash
import dash_bootstrap_components as dbc
from dash import Dash, State, set_props
from flask import Flask, Response, jsonify, redirect, request
from flask_compress import Compress
from werkzeug.exceptions import HTTPException

from callbacks import downloads, page_cache, static_files
from callbacks import shell as shell_callbacks
from callbacks.addresses import NOT_FOUND_MODULE, canonical_address, page_exists
from dashboard.cache import CACHE, cache_config
from dashboard.store import current_manifest
from layouts import product_name, shell
from layouts.components.page import PATH_ARGUMENT
from layouts.components.site import data_stamp

ROOT = Path(__file__).resolve().parent
log = logging.getLogger("insight")

# Dash's page template with the page language set and a note for browsers without JavaScript.
INDEX_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
{%metas%}
<title>{%title%}</title>
{%favicon%}
{%css%}
</head>
<body>
<noscript><p>This service needs JavaScript to show its charts and tables.</p></noscript>
{%app_entry%}
<div>
{%config%}
{%scripts%}
{%renderer%}
</div>
</body>
</html>"""

FRIENDLY_ERROR_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sorry, there is a problem - {product}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body style="font-family: system-ui, Arial, sans-serif; max-width: 40em; margin: 2em auto;
padding: 0 1em; color: #0b0c0c">
<h1>Sorry, there is a problem with the service</h1>
<p>Try again later. If the problem continues, go to the <a href="/">Overview</a>.</p>
</body></html>"""


def content_security_policy(script_hashes: list[str]) -> str:
    """Only the app's own origin; Dash's inline renderer script is allowed by its hash.

    Plotly and the Dash components set element styles at run time, so styles need
    'unsafe-inline'; Bootstrap's form icons are data: images.
    """
    return "; ".join([
        "default-src 'self'",
        "script-src 'self' " + " ".join(script_hashes),
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        # The map library (MapLibre) draws in a web worker it starts from a blob: address.
        "worker-src 'self' blob:",
        "font-src 'self' data:",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ])


def _callback_failed(error: Exception) -> None:
    """Any callback error: log it, tell the reader briefly, keep the page as it was."""
    log.error("callback failed", exc_info=error)
    set_props(shell.ERROR_ID, {"children": dbc.Alert(
        "Sorry, part of this page could not be updated. Try again, or reload the page.",
        color="danger", className="mt-3")})


def _manifest_or_none() -> dict[str, Any] | None:
    """The store's manifest; None (logged) when the store cannot be read at all."""
    try:
        return current_manifest()
    except Exception:
        log.exception("the processed store could not be read")
        return None


def _shell() -> Any:
    return shell.layout(data_stamp(_manifest_or_none()))


def _add_health(server: Flask) -> None:
    @server.route("/health")
    def health() -> tuple[Response, int]:
        try:
            manifest = current_manifest()
        except Exception:
            log.exception("health check: the processed store could not be read")
            return jsonify(status="error", message="the processed data could not be read"), 503
        if manifest is None:
            return jsonify(status="unavailable",
                           message="data not built yet - run make data"), 503
        return jsonify(status="ok", build_id=manifest.get("build_id"),
                       build_time=manifest.get("build_time"),
                       data_as_at={s["id"]: s.get("data_date")
                                   for s in manifest.get("sources", [])}), 200


def _add_error_pages(server: Flask) -> None:
    @server.errorhandler(Exception)
    def friendly_error(error: Exception) -> Any:
        if isinstance(error, HTTPException):
            return error
        log.error("request %s failed", request.path, exc_info=error)
        return Response(FRIENDLY_ERROR_PAGE.format(product=product_name()),
                        status=HTTPStatus.INTERNAL_SERVER_ERROR, mimetype="text/html")


def _add_address_rules(app: Dash) -> None:
    """What Dash Pages leaves to the server: a page's other name for an item redirects (308)
    to the item's own address, keeping the query."""
    catch_all = f"{app.config.routes_pathname_prefix}<path:path>"

    @app.server.before_request
    def canonical() -> Response | None:
        if request.endpoint != catch_all:
            return None
        address = canonical_address(request.path)
        if address is None:
            return None
        query = request.query_string.decode("utf-8", "replace")
        return redirect(address + (f"?{query}" if query else ""), code=308)


def _add_response_rules(app: Dash) -> None:
    """Security headers on every response; 404 status for addresses that match no page or
    name an item that does not exist."""
    # Made at the first response: Dash Pages adds its inline title script at the first request.
    policies: list[str] = []
    catch_all = f"{app.config.routes_pathname_prefix}<path:path>"
    index = "/"

    @app.server.after_request
    def headers(response: Response) -> Response:
        if not policies:
            policies.append(content_security_policy(app.csp_hashes()))
        response.headers["Content-Security-Policy"] = policies[0]
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
        is_page = request.endpoint == catch_all or request.path == index
        if is_page and response.status_code == HTTPStatus.OK and not page_exists(request.path):
            response.status_code = HTTPStatus.NOT_FOUND
        return response


def create_app(config: dict[str, Any] | None = None) -> Dash:
    """Build the app. `config` entries go into the Flask config: e.g. EDU_PROCESSED_DIR (the
    store folder), CACHE_* (flask-caching settings, default dashboard.cache.cache_config()),
    COMPRESS_* (flask-compress), and `debug` (default: DASH_DEBUG=1)."""
    settings = dict(config or {})
    debug = bool(settings.pop("debug", os.environ.get("DASH_DEBUG") == "1"))
    app = Dash(
        __name__,
        title=product_name(),
        use_pages=True,
        pages_folder=str(ROOT / "layouts" / "pages"),
        # Every page's layout also gets the address's path (the not-found page shows it).
        routing_callback_inputs={PATH_ARGUMENT: State(shell.PAGES_LOCATION_ID, "pathname")},
        assets_folder=str(ROOT / "assets"),
        serve_locally=True,
        suppress_callback_exceptions=True,  # each page's components come with the page
        update_title=None,
        on_error=_callback_failed,
        meta_tags=[
            {"name": "viewport", "content": "width=device-width, initial-scale=1"},
            {"name": "description", "content": "Official education figures for the county "
             "against its targets, England and similar councils."},
        ],
    )
    app.index_string = INDEX_TEMPLATE
    server = app.server
    server.config.update(settings)
    server.config["DEBUG"] = debug
    CACHE.init_app(server, config={**cache_config(),
                                   **{k: v for k, v in settings.items()
                                      if k.startswith("CACHE_")}})
    Compress(server)
    app.layout = _shell
    for module in (shell_callbacks, downloads, page_cache, static_files, *page_callbacks()):
        module.register(app)
    _add_health(server)
    _add_error_pages(server)
    _add_address_rules(app)
    _add_response_rules(app)
    return app


def page_callbacks() -> list[ModuleType]:
    """Each registered page's callbacks module, by the page's name: layouts.pages.X has its
    callbacks, if any, in callbacks.X."""
    found = []
    for page in dash.page_registry.values():
        name = page["module"].rsplit(".", 1)[-1]
        if name == NOT_FOUND_MODULE:
            continue
        try:
            found.append(importlib.import_module(f"callbacks.{name}"))
        except ModuleNotFoundError as missing:
            if missing.name != f"callbacks.{name}":
                raise
    return found


def warm_up(wsgi_app: Flask) -> None:
    """Make Dash finish its lazy set-up before the first real request (plotly/dash #3971), and
    load the processed store into this process (the page shell reads its manifest)."""
    client = wsgi_app.test_client()
    for path in ("/", "/_dash-layout"):
        response = client.get(path)
        if response.status_code != HTTPStatus.OK:
            log.warning("warm-up request for %s answered %s", path, response.status_code)
    # Keep the long-lived objects (the store's frames, Dash's registry) out of the garbage
    # collector's full passes: otherwise every ~15th callback pays ~50 ms for walking them.
    gc.collect()
    gc.freeze()


app = create_app()
server = app.server

if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    warm_up(server)
    app.run(host="127.0.0.1", port=int(os.environ.get("PORT", "8050")),
            debug=os.environ.get("DASH_DEBUG") == "1")
