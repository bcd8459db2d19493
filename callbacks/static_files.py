"""Static files (the app's assets and Dash's component scripts) compressed once with the best
codec the browser offers (brotli at its highest quality, else gzip), kept in the shared cache,
and revalidated: a browser that already has a file gets 304 Not Modified.

Dynamic answers (pages, callbacks) are left to flask-compress, which compresses each one fast.
"""

from __future__ import annotations

import gzip
import hashlib
import logging
from http import HTTPStatus

import brotli
from dash import Dash
from flask import Response, request

from dashboard.cache import CACHE

log = logging.getLogger(__name__)
STATIC_PREFIXES = ("/assets/", "/_dash-component-suites/")
CODECS = ("br", "gzip")  # best first
MIN_SIZE = 500  # bytes: smaller files are not worth compressing


def offered_codec(accept_encoding: str) -> str | None:
    """The best codec in an Accept-Encoding header that this module makes, or None."""
    offered = {part.split(";")[0].strip().lower() for part in accept_encoding.split(",")}
    return next((codec for codec in CODECS if codec in offered), None)


def compress(data: bytes, codec: str) -> bytes:
    if codec == "br":
        return brotli.compress(data, quality=11)
    return gzip.compress(data, compresslevel=9, mtime=0)


def compressed_once(key: str, data: bytes, codec: str) -> bytes:
    """The file compressed, made once across workers (the first request pays for it)."""
    try:
        found = CACHE.get(key)
    except Exception:  # a cache outage only costs compressing again
        log.warning("static cache read failed", exc_info=True)
        found = None
    if found is None:
        found = compress(data, codec)
        try:
            CACHE.set(key, found)
        except Exception:
            log.warning("static cache write failed", exc_info=True)
    return found


def register(app: Dash) -> None:
    @app.server.after_request
    def compress_static(response: Response) -> Response:
        if (request.method not in ("GET", "HEAD") or response.status_code != HTTPStatus.OK
                or not request.path.startswith(STATIC_PREFIXES)
                or "Content-Encoding" in response.headers):
            return response
        response.direct_passthrough = False
        data = response.get_data()
        version = hashlib.sha256(data).hexdigest()[:20]
        codec = offered_codec(request.headers.get("Accept-Encoding", ""))
        response.headers.add("Vary", "Accept-Encoding")
        if codec and len(data) >= MIN_SIZE:
            response.set_data(compressed_once(f"static:{codec}:{version}", data, codec))
            response.headers["Content-Encoding"] = codec
        response.set_etag(f"{version}-{codec or 'identity'}")
        return response.make_conditional(request)
