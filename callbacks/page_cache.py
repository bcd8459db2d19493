"""Finished pages from the shared cache: the answer of Dash Pages' page-drawing callback is
stored as the bytes it is sent as, once per (code, build, day, address), and later requests for
the same address are answered with those bytes. No page is assembled, no figure copied and no
model unpickled twice for the same view, in any worker.

The day is in the key because a page may say what holds "now" (a target discontinued by a date).
A page that could not be drawn (the data not built, a fault) is never stored.
"""

from __future__ import annotations

import logging
from datetime import date
from http import HTTPStatus
from typing import Any

from dash import Dash
from flask import Response, g, request

from dashboard.cache import CACHE
from dashboard.store import current_manifest
from layouts.components.page import page_was_drawn
from layouts.shell import PAGES_LOCATION_ID

log = logging.getLogger(__name__)
CALLBACK_PATH = "/_dash-update-component"
DRAWING = "drawing_page_key"  # flask.g: this request draws a page that may be stored


def page_key(body: Any, build_id: str) -> str | None:
    """The cache key of a page-drawing request, or None for any other callback request."""
    if not isinstance(body, dict) or "_pages_content.children" not in str(body.get("output")):
        return None
    address = {item.get("property"): item.get("value") for item in body.get("inputs", [])
               if isinstance(item, dict) and item.get("id") == PAGES_LOCATION_ID}
    if not isinstance(address.get("pathname"), str):
        return None
    search = address.get("search") if isinstance(address.get("search"), str) else ""
    return f"page:{build_id}:{date.today().isoformat()}:{address['pathname']}{search}"


def register(app: Dash) -> None:
    server = app.server

    @server.before_request
    def stored_page() -> Response | None:
        if request.path != CALLBACK_PATH or request.method != "POST":
            return None
        manifest = current_manifest()
        key = page_key(request.get_json(silent=True), manifest["build_id"]) if manifest else None
        if key is None:
            return None
        try:
            found = CACHE.get(key)
        except Exception:  # a cache outage only means the page is drawn again
            log.warning("page cache read failed", exc_info=True)
            found = None
        if found is not None:
            return Response(found, mimetype="application/json")
        g.setdefault(DRAWING, key)
        return None

    @server.after_request
    def store_page(response: Response) -> Response:
        key = g.pop(DRAWING, None)
        if key and response.status_code == HTTPStatus.OK and page_was_drawn():
            try:
                CACHE.set(key, response.get_data())
            except Exception:
                log.warning("page cache write failed", exc_info=True)
        return response
